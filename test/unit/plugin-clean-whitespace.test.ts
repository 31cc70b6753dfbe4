import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Element, Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import rehypeCleanWhitespace from '../../src/normalize/plugins/rehype-clean-whitespace.js';
import { runPlugins } from '../helpers/run-plugin.js';

async function clean(html: string): Promise<{ tree: Root; xml: string }> {
  const { tree, xml } = await runPlugins(html, [[rehypeCleanWhitespace]]);
  return { tree, xml: xml.replace(/ xmlns="[^"]+"/g, '') };
}

const texts = (elements: Element[]) => elements.map((element) => toString(element));

describe('rehype-clean-whitespace: empty paragraphs', () => {
  test('empty, space-only, nbsp-only, full-width-space-only and br-only paragraphs go', async () => {
    const { xml } = await clean('<p></p><p> </p><p>&nbsp;</p><p>&nbsp; &nbsp;</p><p>\u3000\u3000</p><p><br></p><p><br/><br/></p><p>\u200B</p><p>留</p>');
    assert.equal(xml, '<p>留</p>');
  });

  test('empty wrappers around nothing go too, nested', async () => {
    const { xml } = await clean('<div><p><strong> </strong></p></div><blockquote><p></p></blockquote><ul><li></li><li>项</li></ul><section><h2> </h2></section><p>正</p>');
    assert.equal(xml, '<ul><li>项</li></ul><p>正</p>');
  });

  test('elements that are content without text stay', async () => {
    const { tree } = await clean('<p><img src="a.png" alt=""></p><hr><table><tr><td></td><td>x</td></tr></table><p><span id="anchor"></span>文</p>');
    assert.ok(select('p > img', tree));
    assert.ok(select('hr', tree));
    assert.equal(selectAll('td', tree).length, 2, 'empty table cells keep the grid');
    assert.ok(select('span#anchor', tree), 'an anchor target is kept though empty');
  });

  test('an empty inline wrapper keeps the space or the line break it held', async () => {
    const { xml } = await clean('<p>hello<span> </span>world</p><p>a<em></em>b</p><p>line one<span><br></span>line two</p>');
    assert.equal(xml, '<p>hello world</p><p>ab</p><p>line one<br />line two</p>');
  });

  test('comments are removed everywhere (outside pre)', async () => {
    const { xml } = await clean('<!-- top --><p>a<!-- inner -->b</p><div><!-- only a comment --></div>');
    assert.equal(xml, '<p>ab</p>');
  });

  test('empty input stays empty', async () => {
    assert.equal((await clean('')).xml, '');
    assert.equal((await clean('   \n  ')).tree.children.every((child) => child.type === 'text'), true);
  });
});

describe('rehype-clean-whitespace: <br><br> becomes a paragraph break', () => {
  test('inside a p, runs of two or more br split it into sibling paragraphs', async () => {
    const { tree } = await clean('<p>第一段<br><br>第二段<br>\n<br><br>第三段</p>');
    const paragraphs = selectAll('p', tree);
    assert.deepEqual(texts(paragraphs), ['第一段', '第二段', '第三段']);
    assert.equal(select('br', tree), undefined);
    assert.equal(tree.children.length, 3, 'siblings, not nested');
  });

  test('a single br stays inside the text', async () => {
    const { xml } = await clean('<p>床前明月光，<br>疑是地上霜。</p>');
    assert.equal(xml, '<p>床前明月光，<br />疑是地上霜。</p>');
  });

  test('a single br mixed with double ones', async () => {
    const { xml } = await clean('<p>一<br>二<br><br>三</p>');
    assert.equal(xml, '<p>一<br />二</p><p>三</p>');
  });

  test('split paragraphs keep their attributes, but only the first keeps the id', async () => {
    const { tree } = await clean('<p id="start" lang="zh">甲<br><br>乙<br><br>丙</p>');
    const paragraphs = selectAll('p', tree);
    assert.deepEqual(paragraphs.map((p) => p.properties.id), ['start', undefined, undefined]);
    assert.deepEqual(paragraphs.map((p) => p.properties.lang), ['zh', 'zh', 'zh']);
    paragraphs[1]!.properties.lang = 'en';
    assert.equal(paragraphs[2]!.properties.lang, 'zh', 'pieces do not share one properties object');
  });

  test('inline markup is kept in the right piece', async () => {
    const { xml } = await clean('<p><strong>问：</strong>你好<br><br><em>答：</em>好</p>');
    assert.equal(xml, '<p><strong>问：</strong>你好</p><p><em>答：</em>好</p>');
  });

  test('trailing and leading double breaks leave no empty paragraph', async () => {
    const { xml } = await clean('<p><br><br>文<br><br></p>');
    assert.equal(xml, '<p>文</p>');
  });

  test('loose text with br runs in a div becomes paragraphs, blocks in between kept in order', async () => {
    const { tree } = await clean('<div>　　一段<br><br>　　二段<p>已有段落</p>尾巴</div>');
    const div = select('div', tree)!;
    const blocks = div.children.filter((child): child is Element => child.type === 'element');
    assert.deepEqual(blocks.map((block) => block.tagName), ['p', 'p', 'p', 'p']);
    assert.deepEqual(texts(blocks), ['一段', '二段', '已有段落', '尾巴']);
  });

  test('loose text at the top level and in sections and blockquotes', async () => {
    assert.equal((await clean('甲<br><br>乙')).xml, '<p>甲</p><p>乙</p>');
    const { tree } = await clean('<section><h2>题</h2>一<br><br>二</section><blockquote>三<br><br>四</blockquote>');
    assert.deepEqual(texts(selectAll('section > p', tree)), ['一', '二']);
    assert.deepEqual(texts(selectAll('blockquote > p', tree)), ['三', '四']);
  });

  test('a div with a single br keeps its loose text as is', async () => {
    const { xml } = await clean('<div>一<br>二</div>');
    assert.equal(xml, '<div>一<br />二</div>');
  });

  test('a p split inside a figure or list item', async () => {
    const { tree } = await clean('<figure><p>甲<br><br>乙</p></figure><ul><li>丙<br><br>丁</li></ul>');
    assert.deepEqual(texts(selectAll('figure > p', tree)), ['甲', '乙']);
    assert.deepEqual(texts(selectAll('li > p', tree)), ['丙', '丁']);
  });
});

describe('rehype-clean-whitespace: indents and padding', () => {
  test('leading full-width space indents are stripped', async () => {
    const { xml } = await clean('<p>\u3000\u3000正文开始。</p><p>\u3000第二段\u3000</p>');
    assert.equal(xml, '<p>正文开始。</p><p>第二段</p>');
  });

  test('the indent is stripped through inline markup', async () => {
    const { xml } = await clean('<p><strong>\u3000\u3000加粗开头</strong>文字</p><p><a href="x">\u00A0链接</a>后</p>');
    assert.equal(xml, '<p><strong>加粗开头</strong>文字</p><p><a href="x">链接</a>后</p>');
  });

  test('leading and trailing nbsp padding is stripped; runs of nbsp inside collapse to one space', async () => {
    const { xml } = await clean('<p>&nbsp;&nbsp;padded&nbsp;&nbsp;</p><p>a&nbsp;&nbsp;&nbsp;b</p><p>x&nbsp; y</p><p>one&nbsp;two</p>');
    assert.equal(xml, '<p>padded</p><p>a b</p><p>x y</p><p>one\u00A0two</p>');
  });

  test('indents in headings, list items and table cells', async () => {
    const { tree } = await clean('<h2>\u3000标题\u3000</h2><ul><li>\u3000\u3000项</li></ul><table><tr><td>&nbsp;格&nbsp;</td></tr></table>');
    assert.deepEqual(texts(selectAll('h2, li, td', tree)), ['标题', '项', '格']);
  });

  test('leading br in a paragraph goes; inner full-width spaces stay', async () => {
    const { xml } = await clean('<p><br>\u3000\u3000甲\u3000乙<br></p>');
    assert.equal(xml, '<p>甲\u3000乙</p>');
  });

  test('ruby base text is not trimmed into', async () => {
    const { xml } = await clean('<p><ruby>漢<rt>かん</rt></ruby>字</p>');
    assert.equal(xml, '<p><ruby>漢<rt>かん</rt></ruby>字</p>');
  });
});

describe('rehype-clean-whitespace: literal text', () => {
  test('nothing inside pre changes: indents, blank lines, breaks, comments', async () => {
    const pre = '<pre>\u3000\u3000缩进\n\n  <br><br>x<!-- kept -->&nbsp;&nbsp;</pre>';
    const { tree } = await clean(pre);
    const before = (await runPlugins(pre, [])).tree;
    assert.deepEqual(stripPositions(tree), stripPositions(before));
  });

  test('code inside a paragraph keeps its spaces', async () => {
    const { xml } = await clean('<p>调用 <code>  f(x)  </code></p><p><code>\u3000</code></p>');
    assert.equal(xml, '<p>调用 <code>  f(x)  </code></p><p><code>\u3000</code></p>');
  });

  test('a paragraph that starts with code is not trimmed into the code', async () => {
    const { xml } = await clean('<p><code>  x</code> 是变量</p>');
    assert.equal(xml, '<p><code>  x</code> 是变量</p>');
  });
});

function stripPositions<T>(node: T): T {
  return JSON.parse(JSON.stringify(node, (key, value: unknown) => (key === 'position' ? undefined : value))) as T;
}
