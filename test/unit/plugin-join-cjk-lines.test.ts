import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Root } from 'hast';
import rehypeRaw from 'rehype-raw';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import rehypeJoinCjkLines from '../../src/normalize/plugins/rehype-join-cjk-lines.js';
import { fragmentToXml } from '../../src/writers/xhtml/serialize.js';
import { runPlugins } from '../helpers/run-plugin.js';

async function join(html: string): Promise<string> {
  const { xml } = await runPlugins(html, [[rehypeJoinCjkLines]]);
  return xml.replace(/ xmlns="[^"]+"/g, '');
}

/** Joins the paragraph `<p>…</p>` and returns its inner XML. */
async function joinP(inner: string): Promise<string> {
  const xml = await join(`<p>${inner}</p>`);
  return xml.replace(/^<p>|<\/p>$/g, '');
}

describe('rehype-join-cjk-lines: line breaks', () => {
  test('a newline between two CJK characters is removed', async () => {
    assert.equal(await joinP('中文\n中文'), '中文中文');
    assert.equal(await joinP('日本語の\nテキスト'), '日本語のテキスト');
    assert.equal(await joinP('第一行，\n第二行'), '第一行，第二行');
    assert.equal(await joinP('他说：“\n好”'), '他说：“好”');
  });

  test('the indentation around the break goes with it', async () => {
    assert.equal(await joinP('中文\n    中文'), '中文中文');
    assert.equal(await joinP('中文  \r\n\t中文'), '中文中文');
  });

  test('a newline between Latin words becomes one space', async () => {
    assert.equal(await joinP('English\nwords'), 'English words');
    assert.equal(await joinP('English  \n   words'), 'English words');
  });

  test('a newline between CJK and Latin (either way) becomes a space', async () => {
    assert.equal(await joinP('使用\nKindle\n阅读'), '使用 Kindle 阅读');
    assert.equal(await joinP('共\n3\n本'), '共 3 本');
  });

  test('Hangul is not CJK here: Korean keeps its word spaces', async () => {
    assert.equal(await joinP('한국어\n문장'), '한국어 문장');
  });

  test('characters outside the BMP are handled as whole characters', async () => {
    assert.equal(await joinP('𠀀\n中文'), '𠀀中文');
    assert.equal(await joinP('😀\n中文'), '😀 中文');
  });

  test('a newline at the very start or end of a paragraph disappears', async () => {
    assert.equal(await joinP('\n开头'), '开头');
    assert.equal(await joinP('结尾\n'), '结尾');
  });
});

describe('rehype-join-cjk-lines: across element boundaries', () => {
  test('a break after a bold CJK label is removed', async () => {
    assert.equal(await joinP('<strong>问：</strong>\n您好'), '<strong>问：</strong>您好');
  });

  test('a break inside an element sees the characters outside it', async () => {
    assert.equal(await joinP('中文<em>\n强调</em>中文'), '中文<em>强调</em>中文');
    assert.equal(await joinP('中文<em>强调\n</em>中文'), '中文<em>强调</em>中文');
    assert.equal(await joinP('English<a href="x">\n链接</a>'), 'English<a href="x"> 链接</a>');
    assert.equal(await joinP('链接<a href="x">word\n</a>text'), '链接<a href="x">word </a>text');
  });

  test('deeply nested inline elements', async () => {
    assert.equal(await joinP('中<span><em><strong>\n</strong></em></span>文'), '中<span><em><strong /></em></span>文');
    assert.equal(await joinP('<em>中</em>\n<em>文</em>'), '<em>中</em><em>文</em>');
    assert.equal(await joinP('<em>a</em>\n<em>b</em>'), '<em>a</em> <em>b</em>');
  });

  test('a break next to a line break element looks past it', async () => {
    assert.equal(await joinP('中文<br>\n中文'), '中文<br />中文');
  });

  test('ruby annotations are not the text around a break', async () => {
    assert.equal(await joinP('中文<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>\n中文'), '中文<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>中文');
  });

  test('inline code counts as Latin text next to a break', async () => {
    assert.equal(await joinP('调用<code>f()</code>\n函数'), '调用<code>f()</code> 函数');
  });

  test('block boundaries end the run: text before a block loses its trailing break', async () => {
    assert.equal(await join('<div>中文\n<p>x</p>\n中文</div>'), '<div>中文<p>x</p>中文</div>');
  });
});

describe('rehype-join-cjk-lines: spaces next to full-width punctuation', () => {
  test('a space after full-width punctuation before CJK is removed', async () => {
    assert.equal(await joinP('<strong>问：</strong> 您好'), '<strong>问：</strong>您好');
    assert.equal(await joinP('问：<strong> 您</strong>好'), '问：<strong>您</strong>好');
    assert.equal(await joinP('好。 下一句'), '好。下一句');
  });

  test('a space before full-width punctuation is removed', async () => {
    assert.equal(await joinP('你好 。'), '你好。');
    assert.equal(await joinP('他说 「好」'), '他说「好」');
  });

  test('spaces between CJK and Latin words are kept', async () => {
    assert.equal(await joinP('使用 Kindle 阅读'), '使用 Kindle 阅读');
    assert.equal(await joinP('问： Kindle'), '问： Kindle');
  });

  test('other spaces are left alone (not a newline, no full-width punctuation)', async () => {
    assert.equal(await joinP('中文  中文'), '中文  中文');
    assert.equal(await joinP('a  b'), 'a  b');
    assert.equal(await joinP(' 前'), ' 前');
  });
});

describe('rehype-join-cjk-lines: literal text', () => {
  test('pre and code are untouched', async () => {
    assert.equal(await join('<pre>中文\n中文\n  English\nwords</pre>'), '<pre>中文\n中文\n  English\nwords</pre>');
    assert.equal(await joinP('<code>中\n文</code>中文\n中文'), '<code>中\n文</code>中文中文');
    assert.equal(await join('<pre><code>问： 您\n好</code></pre>'), '<pre><code>问： 您\n好</code></pre>');
  });

  test('kbd and samp count as literal too', async () => {
    assert.equal(await joinP('<kbd>中\n文</kbd><samp>好 。</samp>'), '<kbd>中\n文</kbd><samp>好 。</samp>');
  });

  test('empty input', async () => {
    assert.equal(await join(''), '');
  });
});

test('rehype-join-cjk-lines: hard-wrapped Markdown reads as one line', async () => {
  const markdown = '这是一段在编辑器里\n被硬折行的中文，\n混有 English\nwords 和**粗体：**\n正文。\n\n```\n代码\n块\n```\n';
  const processor = unified().use(remarkParse).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw).use(rehypeJoinCjkLines);
  const tree = (await processor.run(processor.parse(markdown))) as Root;
  const xml = fragmentToXml(tree).replace(/ xmlns="[^"]+"/g, '');
  assert.match(xml, /<p>这是一段在编辑器里被硬折行的中文，混有 English words 和<strong>粗体：<\/strong>正文。<\/p>/);
  assert.match(xml, /<pre><code>代码\n块\n<\/code><\/pre>/);
});
