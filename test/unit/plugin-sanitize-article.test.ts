import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Element, Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import rehypeSanitizeArticle from '../../src/normalize/plugins/rehype-sanitize-article.js';
import { runPlugins } from '../helpers/run-plugin.js';

const sanitize = (html: string, options: { allowTags?: string[] } = {}) => runPlugins(html, [[rehypeSanitizeArticle, options]]);

function tagNames(tree: Root): string[] {
  const names: string[] = [];
  visit(tree, 'element', (node) => {
    names.push(node.tagName);
  });
  return names;
}

function attributeNames(tree: Root): string[] {
  const names = new Set<string>();
  visit(tree, 'element', (node) => {
    for (const key of Object.keys(node.properties)) names.add(key);
  });
  return [...names].sort();
}

/** Class names (the sanitizer may leave an empty list where it removed them all). */
const classes = (element: Element | undefined) => [...((element?.properties.className as string[] | undefined) ?? [])];

const hrefs = (tree: Root) => selectAll('a', tree).map((a) => (a.properties.href === undefined ? null : String(a.properties.href)));

describe('rehype-sanitize-article: what could run or restyle the page goes', () => {
  test('script, style, iframe, form, object and embed go with their content', async () => {
    const { tree } = await sanitize(
      '<p>正文<script>alert("x")</script></p><style>p { color: red }</style><iframe src="https://example.com">框</iframe>' +
        '<form action="/x"><label>表单</label><input value="1"><button>按钮</button><textarea>字</textarea></form>' +
        '<object data="x.swf">对象</object><embed src="x.swf"><noscript>无脚本</noscript><template><p>模板</p></template>',
    );
    assert.deepEqual(tagNames(tree), ['p']);
    assert.equal(toString(tree), '正文');
  });

  test('svg, math, canvas, audio, video and nav go with their content', async () => {
    const { tree } = await sanitize('<p>a</p><svg><text>矢量</text></svg><math><mi>x</mi></math><canvas>画</canvas><video src="v.mp4">视</video><audio>音</audio><nav><a href="/">首页</a></nav>');
    assert.deepEqual(tagNames(tree), ['p']);
    assert.equal(toString(tree), 'a');
  });

  test('event handlers, style and class attributes are dropped; id stays unprefixed', async () => {
    const { tree } = await sanitize('<p id="intro" onclick="steal()" onmouseover="x()" style="color:red" class="lead" data-track="1">文</p><img src="a.png" onerror="x()" onload="y()" alt="">');
    const p = select('p', tree)!;
    assert.deepEqual(p.properties, { id: 'intro' });
    assert.deepEqual(attributeNames(tree), ['alt', 'id', 'src']);
  });

  test('ids are not clobbered with a user-content- prefix, names are kept as ids on legacy anchors', async () => {
    const { tree } = await sanitize('<h2 id="第一节">一</h2><p><a name="sec-2"></a>二</p><a href="#sec-2">跳</a><a name="x" id="y"></a>');
    assert.equal(select('h2', tree)!.properties.id, '第一节');
    const anchors = selectAll('a', tree);
    assert.equal(anchors[0]!.properties.id, 'sec-2');
    assert.equal(anchors[0]!.properties.name, undefined);
    assert.equal(anchors[1]!.properties.href, '#sec-2');
    assert.equal(anchors[2]!.properties.id, 'y', 'an explicit id wins over name');
  });
});

describe('rehype-sanitize-article: links', () => {
  test('only http, https and mailto links keep their href', async () => {
    const { tree } = await sanitize(
      '<a href="https://example.com/a">1</a><a href="http://example.com/b">2</a><a href="mailto:editor@example.com">3</a>' +
        '<a href="javascript:alert(1)">4</a><a href="data:text/html,<b>x</b>">5</a><a href="ftp://example.com/f">6</a><a href="vbscript:msgbox">7</a><a href="file:///etc/passwd">8</a>',
    );
    assert.deepEqual(hrefs(tree), ['https://example.com/a', 'http://example.com/b', 'mailto:editor@example.com', null, null, null, null, null]);
    assert.equal(toString(tree), '12345678', 'the link text survives');
  });

  test('relative links and fragments survive', async () => {
    const { tree } = await sanitize('<a href="other.html">1</a><a href="#note">2</a><a href="../up/page.html?x=1:2#y">3</a><a href="?q=1">4</a><a href="./a:b">5</a>');
    assert.deepEqual(hrefs(tree), ['other.html', '#note', '../up/page.html?x=1:2#y', '?q=1', './a:b']);
  });

  test('obfuscated javascript: links are still caught', async () => {
    const { tree } = await sanitize(
      '<a href="JaVaScRiPt:alert(1)">1</a><a href="&#x6A;avascript:alert(1)">2</a><a href="  javascript:alert(1)">3</a><a href="java&#x09;script:alert(1)">4</a><a href="javascript&colon;alert(1)">5</a><a href="DATA:text/html,x">6</a>',
    );
    assert.deepEqual(hrefs(tree), [null, null, null, null, null, null]);
  });

  test('an upper-case or space-padded http(s) link is a good link', async () => {
    const { tree } = await sanitize('<a href="HTTPS://Example.com/Path">1</a><a href="  https://example.com/b  ">2</a><a href="MailTo:a@example.com">3</a>');
    assert.deepEqual(hrefs(tree), ['https://Example.com/Path', 'https://example.com/b', 'mailto:a@example.com']);
  });

  test('cite attributes follow the same rules', async () => {
    const { tree } = await sanitize('<blockquote cite="javascript:alert(1)">a</blockquote><blockquote cite="https://example.com/src">b</blockquote>');
    const quotes = selectAll('blockquote', tree);
    assert.equal(quotes[0]!.properties.cite, undefined);
    assert.equal(quotes[1]!.properties.cite, 'https://example.com/src');
  });
});

describe('rehype-sanitize-article: what an article may contain', () => {
  test('headings, paragraphs, lists, blockquotes and inline emphasis are kept', async () => {
    const html =
      '<h1>一</h1><h2>二</h2><h3>三</h3><h4>四</h4><h5>五</h5><h6>六</h6><p>段<em>强</em><strong>重</strong><code>c</code><sup>1</sup><sub>2</sub><br>行</p>' +
      '<ul><li>甲</li></ul><ol start="3" reversed><li value="7">乙</li></ol><blockquote><p>引</p></blockquote><pre><code class="language-js">let x;</code></pre><hr>';
    const { tree } = await sanitize(html);
    assert.deepEqual(tagNames(tree), ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'em', 'strong', 'code', 'sup', 'sub', 'br', 'ul', 'li', 'ol', 'li', 'blockquote', 'p', 'pre', 'code', 'hr']);
    const ol = select('ol', tree)!;
    assert.equal(ol.properties.start, 3);
    assert.equal(ol.properties.reversed, true);
    assert.deepEqual(select('pre code', tree)!.properties.className, ['language-js']);
  });

  test('code classes other than language-* are dropped', async () => {
    const { tree } = await sanitize('<code class="hljs">x</code><code class="language-c++">y</code>');
    assert.deepEqual(selectAll('code', tree).map(classes), [[], ['language-c++']]);
  });

  test('tables keep their structure, spans and alignment (for rehype-table-align)', async () => {
    const { tree } = await sanitize('<table><caption>表</caption><thead><tr><th align="center" scope="col">头</th></tr></thead><tbody><tr><td colspan="2" rowspan="3" align="right">格</td></tr></tbody></table>');
    assert.deepEqual(tagNames(tree), ['table', 'caption', 'thead', 'tr', 'th', 'tbody', 'tr', 'td']);
    assert.deepEqual(select('th', tree)!.properties, { align: 'center', scope: 'col' });
    assert.deepEqual(select('td', tree)!.properties, { colSpan: 2, rowSpan: 3, align: 'right' });
  });

  test('figures and images keep src, alt, size and lazy-loading sources', async () => {
    const { tree } = await sanitize('<figure><img src="a.png" alt="图" width="10" height="20" data-src="real.png" data-original="o.png" data-lazy-src="l.png" loading="lazy" class="x"><figcaption>说明</figcaption></figure>');
    assert.deepEqual(tagNames(tree), ['figure', 'img', 'figcaption']);
    const img = select('img', tree)!;
    assert.equal(img.properties.src, 'a.png');
    assert.equal(img.properties.alt, '图');
    assert.equal(img.properties.width, 10);
    assert.equal(img.properties.height, 20);
    assert.equal(img.properties.dataSrc, 'real.png');
    assert.equal(img.properties.dataOriginal, 'o.png');
    assert.equal(img.properties.dataLazySrc, 'l.png');
    assert.equal(img.properties.loading, undefined);
    assert.deepEqual(classes(img), []);
  });

  test('image sources: http(s), relative and data: survive, javascript: does not', async () => {
    const { tree } = await sanitize('<img src="javascript:alert(1)" alt="1"><img src="https://example.com/x.png" alt="2"><img src="data:image/png;base64,AAAA" alt="3"><img src="x.png" data-src="javascript:alert(1)" alt="4">');
    const imgs = selectAll('img', tree);
    assert.deepEqual(imgs.map((img) => img.properties.src), [undefined, 'https://example.com/x.png', 'data:image/png;base64,AAAA', 'x.png']);
    assert.equal(imgs[3]!.properties.dataSrc, undefined);
  });

  test('ruby with rt and rp is kept', async () => {
    const { xml } = await sanitize('<ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp></ruby>');
    assert.equal(xml.replace(/ xmlns="[^"]+"/g, ''), '<ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp></ruby>');
  });

  test('GFM footnote markup is kept as remark-rehype writes it (with clobberPrefix "")', async () => {
    const html =
      '<p>文<sup><a href="#fn-1" id="fnref-1" data-footnote-ref aria-describedby="footnote-label">1</a></sup></p>' +
      '<section data-footnotes class="footnotes"><h2 class="sr-only" id="footnote-label">注释</h2><ol><li id="fn-1"><p>注 <a href="#fnref-1" data-footnote-backref="" aria-label="返回正文 1" class="data-footnote-backref">↩</a></p></li></ol></section>';
    const { tree } = await sanitize(html);
    const ref = select('a[data-footnote-ref]', tree)!;
    assert.equal(ref.properties.href, '#fn-1');
    assert.equal(ref.properties.id, 'fnref-1');
    assert.deepEqual(ref.properties.ariaDescribedBy, ['footnote-label']);
    const section = select('section[data-footnotes]', tree)!;
    assert.deepEqual(section.properties.className, ['footnotes']);
    assert.deepEqual(select('h2', section)!.properties.className, ['sr-only']);
    assert.equal(select('li', section)!.properties.id, 'fn-1');
    const backref = select('a[data-footnote-backref]', section)!;
    assert.equal(backref.properties.href, '#fnref-1');
    assert.equal(backref.properties.ariaLabel, '返回正文 1');
  });

  test('GFM-only classes are not a loophole for other classes', async () => {
    const { tree } = await sanitize('<section class="footnotes evil" data-footnotes>s</section><h3 class="sr-only">h</h3><h2 class="big">x</h2>');
    assert.deepEqual(classes(select('section', tree)), ['footnotes']);
    assert.deepEqual(classes(select('h3', tree)), []);
    assert.deepEqual(classes(select('h2', tree)), []);
  });

  test('unknown wrappers are unwrapped, keeping their text', async () => {
    const { tree } = await sanitize('<div><font color="red">红</font><center>中</center><span style="x">跨</span><custom-tag>定</custom-tag></div><details><summary>摘</summary><p>详</p></details>');
    assert.equal(toString(tree), '红中跨定摘详');
    assert.equal(select('font, center, custom-tag, details, summary', tree), undefined);
  });

  test('allowTags adds tags to the schema', async () => {
    const { tree } = await sanitize('<details><summary>摘</summary><p>详</p></details>', { allowTags: ['details', 'summary'] });
    assert.deepEqual(tagNames(tree), ['details', 'summary', 'p']);
  });

  test('empty input gives an empty tree', async () => {
    const { tree, xml } = await sanitize('');
    assert.equal(tree.type, 'root');
    assert.equal(tree.children.length, 0);
    assert.equal(xml, '');
  });

  test('deeply nested dangerous content inside allowed content is removed', async () => {
    const { tree } = await sanitize('<blockquote><p><em><a href="javascript:x" onclick="y">链<script>z()</script></a></em></p></blockquote>');
    const a = select('a', tree) as Element;
    assert.deepEqual(a.properties, {});
    assert.equal(toString(tree), '链');
  });
});
