import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Element, Root } from 'hast';
import { selectAll } from 'hast-util-select';
import { VFile } from 'vfile';
import { labelsFor } from '../../src/locale/labels.js';
import { parseArticles } from '../../src/content/parse.js';
import { normalizeArticle } from '../../src/normalize/index.js';

/** An HTML article read and normalized as a build does. */
async function normalized(html: string): Promise<Root> {
  const file = new VFile({ path: 'content/a.html', value: html });
  Object.assign(file.data, { format: 'html', contentPath: 'a.html' });
  const [parsed] = await parseArticles(file, { language: 'zh-Hans' });
  return (await normalizeArticle(parsed!, file, { id: 'a', language: 'zh-Hans', labels: labelsFor('zh-Hans') })).body;
}

function idsIn(tree: Root): Set<string> {
  return new Set(selectAll('[id]', tree).map((node: Element) => String(node.properties.id)));
}

const fragments = (tree: Root) =>
  selectAll('a[href]', tree)
    .map((a: Element) => String(a.properties.href))
    .filter((href) => href.startsWith('#'));

describe('rehype-drop-dangling-refs: no fragment points at an element a pass removed', () => {
  test('a link to an empty heading that whitespace cleaning removes loses its href, its text stays (RSC-012)', async () => {
    const body = await normalized('<h1>题</h1><p><a href="#x">去小节</a>，<a href="#y">去段落</a>。</p><h3 id="x"><br></h3><p id="y">段落。</p>');
    const ids = idsIn(body);
    for (const href of fragments(body)) assert.ok(ids.has(href.slice(1)), `${href} has a target`);
    assert.deepEqual(fragments(body), ['#a-y']);
    assert.match(JSON.stringify(body), /去小节/);
  });

  test('an id reference to an element that went is dropped; one that stays is kept', async () => {
    const body = await normalized('<h1>题</h1><table><tr><th id="h"></th><th id="k">键</th></tr><tr><td headers="h k">值</td></tr></table><p aria-describedby="gone"><span id="gone"> </span>字</p>');
    const ids = idsIn(body);
    const cell = selectAll('td', body)[0]!;
    assert.ok(Array.isArray(cell.properties.headers));
    for (const id of cell.properties.headers as string[]) assert.ok(ids.has(id), id);
    const paragraph = selectAll('p', body).find((p) => JSON.stringify(p).includes('字'))!;
    if (paragraph.properties.ariaDescribedBy !== undefined) for (const id of paragraph.properties.ariaDescribedBy as string[]) assert.ok(ids.has(id), id);
  });
});
