import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import rehypeDemoteHeadings from '../../src/normalize/plugins/rehype-demote-headings.js';
import { runPlugins } from '../helpers/run-plugin.js';

/** `h2:text` for each heading, in document order. */
function outline(tree: Root): string[] {
  const found: string[] = [];
  visit(tree, 'element', (node) => {
    if (/^h[1-6]$/.test(node.tagName)) found.push(`${node.tagName}:${toString(node)}`);
  });
  return found;
}

async function demote(html: string, title = '标题'): Promise<{ tree: Root; outline: string[] }> {
  const { tree } = await runPlugins(html, [[rehypeDemoteHeadings, { title }]]);
  return { tree, outline: outline(tree) };
}

describe('rehype-demote-headings: the title h1', () => {
  test('a leading h1 equal to the title is removed', async () => {
    const { tree, outline } = await demote('<h1>标题</h1><p>正文</p><h2>一</h2>');
    assert.deepEqual(outline, ['h2:一']);
    assert.equal(toString(tree), '正文一');
  });

  test('the comparison ignores spacing differences (spaces, newlines, full-width spaces)', async () => {
    const { outline } = await demote('<h1>  老街\u3000\n 旧事 </h1><h2>一</h2>', '老街 旧事');
    assert.deepEqual(outline, ['h2:一']);
  });

  test('the title h1 is found inside a wrapper', async () => {
    const { outline } = await demote('<header><h1>标题</h1></header><h2>一</h2>');
    assert.deepEqual(outline, ['h2:一']);
  });

  test('when the first h1 differs from the title it is kept and becomes h2', async () => {
    const { outline } = await demote('<h1>另一个标题</h1><p>文</p><h3>小节</h3>');
    assert.deepEqual(outline, ['h2:另一个标题', 'h3:小节']);
  });

  test('only the first heading is a title candidate', async () => {
    const { outline } = await demote('<h2>引言</h2><h1>标题</h1>');
    assert.equal(outline.length, 2);
  });

  test('only one copy is removed when the title h1 repeats', async () => {
    const { outline } = await demote('<h1>标题</h1><h1>标题</h1>');
    assert.deepEqual(outline, ['h2:标题']);
  });

  test('an h1 that only contains the title is not matched', async () => {
    const { outline } = await demote('<h1>标题（续）</h1>');
    assert.deepEqual(outline, ['h2:标题（续）']);
  });
});

describe('rehype-demote-headings: ranks renumbered from 2 without gaps', () => {
  test('other h1s are demoted', async () => {
    const { outline } = await demote('<h1>标题</h1><h1>第一部</h1><h2>第一章</h2><h1>第二部</h1>');
    assert.deepEqual(outline, ['h2:第一部', 'h3:第一章', 'h2:第二部']);
  });

  test('h1, h3 → h2, h3', async () => {
    const { outline } = await demote('<h1>甲</h1><h3>乙</h3>');
    assert.deepEqual(outline, ['h2:甲', 'h3:乙']);
  });

  test('h2, h4 → h2, h3', async () => {
    const { outline } = await demote('<h2>甲</h2><h4>乙</h4><h2>丙</h2>');
    assert.deepEqual(outline, ['h2:甲', 'h3:乙', 'h2:丙']);
  });

  test('h3 only → h2', async () => {
    const { outline } = await demote('<h3>甲</h3><p>x</p><h3>乙</h3>');
    assert.deepEqual(outline, ['h2:甲', 'h2:乙']);
  });

  test('h4, h6, h5 keep their relative order as h2, h4, h3', async () => {
    const { outline } = await demote('<h4>a</h4><h6>b</h6><h5>c</h5>');
    assert.deepEqual(outline, ['h2:a', 'h4:b', 'h3:c']);
  });

  test('never above h6: six ranks after the title share h6 at the bottom', async () => {
    const { outline } = await demote('<h1>不是标题</h1><h2>2</h2><h3>3</h3><h4>4</h4><h5>5</h5><h6>6</h6>');
    assert.deepEqual(outline, ['h2:不是标题', 'h3:2', 'h4:3', 'h5:4', 'h6:5', 'h6:6']);
  });

  test('headings nested in other elements are renumbered too', async () => {
    const { outline } = await demote('<section><h3>甲</h3><div><h5>乙</h5></div></section>');
    assert.deepEqual(outline, ['h2:甲', 'h3:乙']);
  });

  test('attributes and content of a renamed heading are kept', async () => {
    const { tree } = await runPlugins('<h4 id="keep" lang="en">A <em>b</em></h4>', [[rehypeDemoteHeadings, { title: 'x' }]]);
    let heading: { id: unknown; lang: unknown; text: string } | undefined;
    visit(tree, 'element', (node) => {
      if (node.tagName === 'h2') heading = { id: node.properties.id, lang: node.properties.lang, text: toString(node) };
    });
    assert.deepEqual(heading, { id: 'keep', lang: 'en', text: 'A b' });
  });

  test('no headings, or empty input: nothing happens', async () => {
    assert.deepEqual((await demote('<p>文</p>')).outline, []);
    assert.equal(toString((await demote('<p>文</p>')).tree), '文');
    assert.deepEqual((await demote('')).tree.children, []);
  });
});
