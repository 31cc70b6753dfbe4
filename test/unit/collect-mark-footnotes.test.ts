import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Root } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { markFootnotes } from '../../src/collect/mark-footnotes.js';
import { bodyMarkdown } from '../../src/collect/write-article.js';

const parse = (html: string) => unified().use(rehypeParse, { fragment: true }).parse(html) as Root;

describe('markFootnotes', () => {
  test('pandoc-style notes (a.footnote-ref, section.footnotes with back links) become Markdown footnotes', () => {
    const tree = parse(
      '<p>渡口<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a>还在，船票<a href="#fn2" class="footnote-ref" id="fnref2" role="doc-noteref"><sup>2</sup></a>没涨。</p>' +
        '<section id="footnotes" class="footnotes" role="doc-endnotes"><hr><ol><li id="fn1"><p>南岸码头。<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li><li id="fn2"><p>一块五。<a href="#fnref2" class="footnote-back">↩︎</a></p></li></ol></section>',
    );
    assert.equal(markFootnotes(tree), 2);
    assert.equal(bodyMarkdown(tree), '渡口[^1]还在，船票[^2]没涨。\n\n[^1]: 南岸码头。\n\n[^2]: 一块五。\n');
  });

  test('blog-style notes (sup > a to li ids) and a "注释" heading over the list', () => {
    const tree = parse('<p>正文<sup><a href="#note-a">[1]</a></sup>。</p><h3>注释</h3><ol><li id="note-a">注释的内容 <a href="#top">↑</a></li></ol>');
    assert.equal(markFootnotes(tree), 1);
    assert.equal(bodyMarkdown(tree), '正文[^note-a]。\n\n[^note-a]: 注释的内容\n');
  });

  test('lists that are not notes are left alone: a link to a list item with no mark, a list with items nobody points to, a list before its marks', () => {
    for (const html of [
      '<p>见<a href="#item">这一条</a></p><ol><li id="item">内容</li></ol>',
      '<p>正文<sup><a href="#n1">1</a></sup></p><ol><li id="n1">注</li><li id="other">另一条</li></ol>',
      '<ol><li id="n1">注</li></ol><p>正文<sup><a href="#n1">1</a></sup></p>',
    ]) {
      const tree = parse(html);
      assert.equal(markFootnotes(tree), 0, html);
      assert.ok(!bodyMarkdown(tree).includes('[^'), html);
    }
  });

  test('GFM footnotes already marked are not touched', () => {
    const tree = parse('<p>a<sup><a href="#fn-1" data-footnote-ref>1</a></sup></p><section data-footnotes><ol><li id="fn-1"><p>注</p></li></ol></section>');
    assert.equal(markFootnotes(tree), 0);
    assert.equal(bodyMarkdown(tree), 'a[^1]\n\n[^1]: 注\n');
  });
});
