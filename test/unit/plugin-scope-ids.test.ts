import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { asciiId } from '../../src/hast/ascii-id.js';
import rehypeScopeIds from '../../src/normalize/plugins/rehype-scope-ids.js';
import { runPlugins } from '../helpers/run-plugin.js';

const scope = (html: string, prefix = 'art') => runPlugins(html, [[rehypeScopeIds, { prefix }]]);

function ids(tree: Root): string[] {
  const found: string[] = [];
  visit(tree, 'element', (node) => {
    if (node.properties.id !== undefined) found.push(String(node.properties.id));
  });
  return found;
}

const hrefs = (tree: Root) => selectAll('a', tree).map((a) => (a.properties.href === undefined ? null : String(a.properties.href)));

describe('rehype-scope-ids: ids', () => {
  test('every id gets the article prefix', async () => {
    const { tree } = await scope('<h2 id="intro">a</h2><p id="p1">b</p><a id="x"></a>');
    assert.deepEqual(ids(tree), ['art-intro', 'art-p1', 'art-x']);
  });

  test('ids become ASCII: accents dropped, other characters replaced, lower case', async () => {
    const { tree } = await scope('<p id="Über Café!">a</p><p id="a.b:c/d">b</p><p id="--x__">c</p><p id="ＡＢＣ１">d</p>');
    assert.deepEqual(ids(tree), ['art-uber-cafe', 'art-a-b-c-d', 'art-x', 'art-abc1']);
  });

  test('ids with nothing ASCII left fall back to "id", made unique', async () => {
    const { tree } = await scope('<p id="中文">a</p><p id="日本語">b</p><p id="🙂">c</p>');
    assert.deepEqual(ids(tree), ['art-id', 'art-id-2', 'art-id-3']);
  });

  test('ids that reduce to the same ASCII get numbered suffixes', async () => {
    const { tree } = await scope('<p id="x">a</p><p id="X">b</p><p id="x-2">c</p><p id="x!">d</p>');
    const result = ids(tree);
    assert.equal(new Set(result).size, result.length, `unique: ${result.join(', ')}`);
    assert.deepEqual(result, ['art-x', 'art-x-2', 'art-x-2-2', 'art-x-3']);
  });

  test('a source id used twice still gives two different ids (XML ids must be unique)', async () => {
    const { tree } = await scope('<p id="dup">a</p><p id="dup">b</p><a href="#dup">go</a>');
    const result = ids(tree);
    assert.equal(result.length, 2);
    assert.notEqual(result[0], result[1]);
    assert.deepEqual(hrefs(tree), [`#${result[0]}`], 'the link goes to the first, as in a browser');
  });

  test('empty ids are removed', async () => {
    const { tree } = await scope('<p id="">a</p>');
    assert.equal(select('p', tree)!.properties.id, undefined);
  });

  test('the prefix is used verbatim', async () => {
    const { tree } = await scope('<p id="a">x</p>', 'old-street-2');
    assert.deepEqual(ids(tree), ['old-street-2-a']);
  });

  test('no ids, no change', async () => {
    const { xml } = await scope('<p>文</p>');
    assert.equal(xml.replace(/ xmlns="[^"]+"/g, ''), '<p>文</p>');
  });
});

describe('rehype-scope-ids: links', () => {
  test('fragment links follow their target', async () => {
    const { tree } = await scope('<a href="#later">to</a><h2 id="later">later</h2><a href="#later">again</a>');
    assert.deepEqual(hrefs(tree), ['#art-later', '#art-later']);
  });

  test('percent-encoded fragments match their decoded ids', async () => {
    const { tree } = await scope('<p id="第一节">a</p><p id="Über">b</p><a href="#%E7%AC%AC%E4%B8%80%E8%8A%82">1</a><a href="#%C3%9Cber">2</a><a href="#第一节">3</a>');
    const [first, second] = ids(tree);
    assert.deepEqual(hrefs(tree), [`#${first}`, `#${second}`, `#${first}`]);
  });

  test('an id that itself contains % is matched literally', async () => {
    const { tree } = await scope('<p id="a%20b">x</p><p id="100%">y</p><a href="#a%20b">1</a><a href="#100%">2</a>');
    const [first, second] = ids(tree);
    assert.deepEqual(hrefs(tree), [`#${first}`, `#${second}`]);
  });

  test('links to fragments the article does not have lose their href, keep their text', async () => {
    const { tree } = await scope('<p id="here">x</p><a href="#nowhere">dead</a>');
    const a = select('a', tree)!;
    assert.equal(a.properties.href, undefined);
    assert.equal(toString(a), 'dead');
  });

  test('other links are left alone', async () => {
    const { tree } = await scope('<p id="a">x</p><a href="#">top</a><a href="other.html#a">o</a><a href="https://example.com/#a">e</a><a href="mailto:x@example.com">m</a>');
    assert.deepEqual(hrefs(tree), ['#', 'other.html#a', 'https://example.com/#a', 'mailto:x@example.com']);
  });

  test('id references (headers, aria-describedby, aria-labelledby) follow too, or go', async () => {
    const { tree } = await scope(
      '<table><tr><th id="h">H</th><th id="k">K</th></tr><tr><td headers="h k">d</td><td headers="gone">e</td></tr></table>' +
        '<p aria-describedby="note missing" aria-labelledby="h">t</p><p id="note">n</p>',
    );
    const cells = selectAll('td', tree);
    assert.deepEqual(cells[0]!.properties.headers, ['art-h', 'art-k']);
    assert.equal(cells[1]!.properties.headers, undefined);
    const p = select('p', tree)!;
    assert.deepEqual(p.properties.ariaDescribedBy, ['art-note']);
    assert.deepEqual(p.properties.ariaLabelledBy, ['art-h']);
  });

  test('GFM footnote ids and links stay consistent', async () => {
    const { tree } = await scope(
      '<p>文<sup><a href="#fn-1" id="fnref-1" data-footnote-ref aria-describedby="footnote-label">1</a></sup></p>' +
        '<section data-footnotes class="footnotes"><h2 class="sr-only" id="footnote-label">注</h2><ol><li id="fn-1"><p>注 <a href="#fnref-1" data-footnote-backref="">↩</a></p></li></ol></section>',
    );
    const ref = select('a[data-footnote-ref]', tree)!;
    assert.equal(ref.properties.href, '#art-fn-1');
    assert.equal(ref.properties.id, 'art-fnref-1');
    assert.deepEqual(ref.properties.ariaDescribedBy, ['art-footnote-label']);
    assert.equal(select('li', tree)!.properties.id, 'art-fn-1');
    assert.equal(select('a[data-footnote-backref]', tree)!.properties.href, '#art-fnref-1');
  });
});

describe('asciiId', () => {
  test('reduces text to a lower-case ASCII slug', () => {
    assert.equal(asciiId('Hello, World!'), 'hello-world');
    assert.equal(asciiId('Ångström – 3'), 'angstrom-3');
    assert.equal(asciiId('snake_case'), 'snake_case');
    assert.equal(asciiId('  --lead and trail__  '), 'lead-and-trail');
    assert.equal(asciiId('中文'), '');
    assert.equal(asciiId(''), '');
  });
});
