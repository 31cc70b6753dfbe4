import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Root } from 'hast';
import { visit } from 'unist-util-visit';
import rehypeHeadingIds from '../../src/normalize/plugins/rehype-heading-ids.js';
import { runPlugins } from '../helpers/run-plugin.js';

/** The id of every heading, in document order. */
function headingIds(tree: Root): (string | undefined)[] {
  const ids: (string | undefined)[] = [];
  visit(tree, 'element', (node) => {
    if (/^h[1-6]$/.test(node.tagName)) ids.push(node.properties.id === undefined ? undefined : String(node.properties.id));
  });
  return ids;
}

async function ids(html: string, prefix = 'art'): Promise<(string | undefined)[]> {
  const { tree } = await runPlugins(html, [[rehypeHeadingIds, { prefix }]]);
  return headingIds(tree);
}

describe('rehype-heading-ids', () => {
  test('Latin headings get prefix-slug', async () => {
    assert.deepEqual(await ids('<h2>Hello, World!</h2><h3>Café Über 2024</h3><h4>snake_case name</h4>'), ['art-hello-world', 'art-cafe-uber-2024', 'art-snake_case-name']);
  });

  test('CJK-only headings get prefix-s<n>, n counting all headings', async () => {
    assert.deepEqual(await ids('<h2>第一章</h2><h2>Intro</h2><h3>中文标题</h3><h2>日本語の見出し</h2>'), ['art-s1', 'art-intro', 'art-s3', 'art-s4']);
  });

  test('Hangul, emoji and punctuation-only headings count as having no Latin slug', async () => {
    assert.deepEqual(await ids('<h2>한국어</h2><h2>🙂</h2><h2>——</h2><h2></h2>'), ['art-s1', 'art-s2', 'art-s3', 'art-s4']);
  });

  test('mixed headings use their Latin part; full-width digits are digits', async () => {
    assert.deepEqual(await ids('<h2>第1章 Origins</h2><h2>第２章</h2>'), ['art-1-origins', 'art-2']);
  });

  test('inline markup in a heading contributes its text', async () => {
    assert.deepEqual(await ids('<h2>The <em>Long</em> <code>Walk</code></h2>'), ['art-the-long-walk']);
  });

  test('repeated headings get -2, -3 suffixes', async () => {
    assert.deepEqual(await ids('<h2>Notes</h2><h3>Notes</h3><h2>notes!</h2>'), ['art-notes', 'art-notes-2', 'art-notes-3']);
  });

  test('generated ids never collide with ids already in the article', async () => {
    const { tree } = await runPlugins('<p id="art-notes">p</p><h2>Notes</h2><h2 id="art-s3">kept</h2><h2>中文</h2>', [[rehypeHeadingIds, { prefix: 'art' }]]);
    const all: string[] = [];
    visit(tree, 'element', (node) => {
      if (typeof node.properties.id === 'string') all.push(node.properties.id);
    });
    assert.equal(new Set(all).size, all.length, all.join(', '));
    assert.deepEqual(headingIds(tree), ['art-notes-2', 'art-s3', 'art-s3-2']);
  });

  test('existing ids are kept; empty ones are replaced', async () => {
    assert.deepEqual(await ids('<h2 id="art-custom">Title</h2><h2 id="">Other</h2>'), ['art-custom', 'art-other']);
  });

  test('long headings are cut to 48 characters of slug, without a trailing dash', async () => {
    const [id, cutAtDash] = await ids(`<h2>${'word '.repeat(30)}</h2><h2>${'a'.repeat(47)} tail</h2>`);
    assert.ok(id);
    assert.equal(id.length, 'art-'.length + 48, id);
    assert.match(id, /^art-word(-word)*-wor$/);
    assert.equal(cutAtDash, `art-${'a'.repeat(47)}`);
  });

  test('deterministic: the same input gives the same ids, whatever ran before', async () => {
    const html = '<h2>Intro</h2><h2>第一节</h2><h2>Intro</h2><h3>Détails</h3>';
    const first = await ids(html);
    await ids('<h2>Something else</h2><h2>Intro</h2>');
    const second = await ids(html);
    assert.deepEqual(first, second);
    assert.deepEqual(first, ['art-intro', 'art-s2', 'art-intro-2', 'art-details']);
  });

  test('the prefix is the article id', async () => {
    assert.deepEqual(await ids('<h2>A</h2><h2>中</h2>', 'old-street'), ['old-street-a', 'old-street-s2']);
  });

  test('only headings get ids', async () => {
    const { tree } = await runPlugins('<p>Paragraph</p><div>Div</div>', [[rehypeHeadingIds, { prefix: 'art' }]]);
    let withId = 0;
    visit(tree, 'element', (node) => {
      if (node.properties.id !== undefined) withId++;
    });
    assert.equal(withId, 0);
  });

  test('empty input', async () => {
    assert.deepEqual(await ids(''), []);
  });
});
