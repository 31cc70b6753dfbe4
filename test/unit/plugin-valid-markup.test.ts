import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import rehypeSanitizeArticle from '../../src/normalize/plugins/rehype-sanitize-article.js';
import { runPlugins } from '../helpers/run-plugin.js';

const valid = async (html: string) => (await runPlugins(html, [[rehypeSanitizeArticle]])).xml.replace(/ xmlns="[^"]*"/g, '');

describe('rehype-valid-markup: what the sanitizer keeps is valid XHTML', () => {
  test('invalid attribute values go; valid ones stay', async () => {
    const xml = await valid('<p lang="zh&quot;" dir="up">一</p><p lang="zh-Hant" dir="RTL">二</p><ol type="9" start="x"><li value="x">甲</li></ol><ol type="i" start="3"><li value="5">乙</li></ol>');
    assert.match(xml, /<p>一<\/p>/);
    assert.match(xml, /<p lang="zh-Hant" dir="rtl">二<\/p>/);
    assert.match(xml, /<ol><li>甲<\/li><\/ol>/);
    assert.match(xml, /<ol type="i" start="3"><li value="5">乙<\/li><\/ol>/);
  });

  test('table attributes, datetime, hrefs', async () => {
    const xml = await valid('<table><tr><th scope="nowhere" colspan="0">头</th><th scope="COL" colspan="2">好</th><td rowspan="x">格</td></tr></table><p><time datetime="昨天">昨</time><time datetime="2024-05-01">今</time><a href="a b.html">空</a><a href="mailto:">信</a><a href="mailto:a@b.cn">址</a><span start="3" value="2">乱</span></p>');
    assert.match(xml, /<th>头<\/th><th scope="col" colspan="2">好<\/th><td>格<\/td>/);
    assert.match(xml, /<span>昨<\/span><time datetime="2024-05-01">今<\/time>/);
    assert.match(xml, /<a href="a%20b\.html">空<\/a><a>信<\/a><a href="mailto:a@b\.cn">址<\/a><span>乱<\/span>/);
  });

  test('align: the text alignments of HTML 4 on the elements that had them, lower case; any other goes', async () => {
    const raw = async (html: string) => {
      const { tree } = await runPlugins(html, [[rehypeSanitizeArticle]]);
      const found: string[] = [];
      const walk = (node: { type: string; tagName?: string; properties?: Record<string, unknown>; children?: unknown[] }) => {
        if (node.type === 'element') found.push(`${node.tagName}:${String(node.properties?.align ?? '-')}`);
        for (const child of node.children ?? []) walk(child as typeof node);
      };
      walk(tree as never);
      return found;
    };
    const found = await raw('<p align=" Center ">一</p><div align="JUSTIFY">二</div><h2 align="middle">三</h2><table align="center"><caption align="top">表</caption><tr align="right"><td align="left">格</td><th align="char">头</th></tr></table><p><img src="a.png" alt="图" align="middle"><span align="right">乱</span></p><hr align="left">');
    assert.deepEqual(
      found.filter((entry) => !entry.startsWith('tbody')),
      ['p:center', 'div:justify', 'h2:-', 'table:-', 'caption:-', 'tr:right', 'td:left', 'th:-', 'p:-', 'img:-', 'span:-', 'hr:-'],
    );
  });

  test('content models repaired, text kept', async () => {
    const xml = await valid('<p>注<rt>zhù</rt><rp>(</rp></p><figure><figcaption>一</figcaption><img src="a.png" alt=""><figcaption>二</figcaption><figcaption>三</figcaption></figure><table><caption>表一</caption><tr><td>格</td></tr><caption>表二</caption></table><dl><dd>无词</dd></dl><ul><p>直接</p><li>项</li></ul><p><bdo>无向</bdo><dfn>外<dfn>内</dfn></dfn></p><source srcset="http://127.0.0.1/x.webp">');
    assert.match(xml, /<p>注<span>zhù<\/span><\/p>/);
    assert.match(xml, /<figure><figcaption>一<\/figcaption><img src="a\.png" alt="" ?\/><p>二<\/p><p>三<\/p><\/figure>/);
    assert.match(xml, /<table><caption>表一 表二<\/caption><tbody><tr><td>格<\/td><\/tr><\/tbody><\/table>/);
    assert.match(xml, /<div><div>无词<\/div><\/div>/);
    assert.match(xml, /<ul><li><p>直接<\/p><\/li><li>项<\/li><\/ul>/);
    assert.match(xml, /<span>无向<\/span><dfn>外<span>内<\/span><\/dfn>/);
    assert.doesNotMatch(xml, /source|127\.0\.0\.1/);
  });

  test('nested and unclosed rubies become one valid ruby; parentheses only in pairs', async () => {
    const xml = await valid('<p><ruby>字<rt>zì</rt><rp>(</rp><ruby>词<rt>cí</rt></ruby></ruby>后</p><p><ruby>好<rp>(</rp><rt>hǎo</rt><rp>)</rp></ruby></p><p><ruby>无注</ruby></p>');
    assert.match(xml, /<ruby>字<rt>zì<\/rt>词<rt>cí<\/rt><\/ruby>后/);
    assert.match(xml, /<ruby>好<rp>\(<\/rp><rt>hǎo<\/rt><rp>\)<\/rp><\/ruby>/);
    assert.match(xml, /<span>无注<\/span>/);
  });

  test('blocks where only phrasing may stand are unwrapped; a time without datetime is a span (found by the pipeline property)', async () => {
    const xml = await valid('<pre id="x"><h2 id="y">标</h2><p>段</p></pre><h3><div>块</div></h3><p><b><time><time>时</time></time></b></p>');
    assert.match(xml, /<pre id="x"> 标 段<\/pre>/);
    assert.match(xml, /<h3> 块<\/h3>/);
    assert.match(xml, /<b><span><span>时<\/span><\/span><\/b>/);
  });
});
