import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Root } from 'hast';
import { selectAll } from 'hast-util-select';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { linkAcrossFiles, linkArticles } from '../../src/transforms/links.js';
import type { Article, Book } from '../../src/book/model.js';

function article(id: string, contentPath: string, html: string, extra: Partial<Article> = {}): Article {
  const body = unified().use(rehypeParse, { fragment: true }).parse(html) as Root;
  return { id, file: `content/${contentPath}`, contentPath, title: id, authors: [], translators: [], tags: [], body, sections: [], images: [], length: 1, ...extra };
}

const hrefs = (a: Article) => selectAll('a', a.body).map((node) => node.properties.href ?? null);

describe('linkArticles: links between the book’s articles', () => {
  test('file links (any extension, ./, subfolders, fragments) become #id links', () => {
    const a = article('interview', '01-interview.md', [
      '<a href="02-essay.md">x</a>',
      '<a href="./02-essay.html#part-two">x</a>',
      '<a href="02-essay#missing">x</a>',
      '<a href="notes/03-note.txt">x</a>',
      '<a href="#interview-top">x</a>',
    ].join(''));
    const b = article('essay', '02-essay.md', '<h2 id="essay-part-two">Part two</h2>');
    const c = article('note', 'notes/03-note.txt', '<p>n</p>');
    const problems = linkArticles([a, b, c]);
    assert.deepEqual(problems, []);
    assert.deepEqual(hrefs(a), ['#essay', '#essay-part-two', '#essay', '#note', '#interview-top']);
  });

  test("a link to another article's canonical url (tracking parameters, www, trailing slash aside) is internal", () => {
    const a = article('a', 'a.html', '<a href="http://www.example.org/essay/?utm_source=x#s">x</a><a href="https://example.org/other">y</a>');
    const b = article('essay', 'b.html', '<p id="essay-s">s</p>', { url: 'https://example.org/essay' });
    linkArticles([a, b]);
    assert.deepEqual(hrefs(a), ['#essay-s', 'https://example.org/other']);
  });

  test('relative links to pages outside the book resolve against the article url, or go with a warning', () => {
    const withUrl = article('a', 'a.html', '<a href="/travel/">x</a><a href="../b.html">y</a>', { url: 'https://site.example/2024/a.html' });
    const without = article('c', 'c.md', '<p><a href="../elsewhere.pdf">z</a></p>');
    const problems = linkArticles([withUrl, without]);
    assert.deepEqual(hrefs(withUrl), ['https://site.example/travel/', 'https://site.example/b.html']);
    assert.deepEqual(hrefs(without), [null]);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /link to "\.\.\/elsewhere\.pdf" removed \(its text is kept\)/);
  });

  test('mailto and external links are left as they are', () => {
    const a = article('a', 'a.md', '<a href="mailto:x@example.org">m</a><a href="https://example.net/">e</a>');
    linkArticles([a]);
    assert.deepEqual(hrefs(a), ['mailto:x@example.org', 'https://example.net/']);
  });
});

describe('linkAcrossFiles: one file per article (EPUB)', () => {
  test('#id links into another article get its file name; the input book is not changed', () => {
    const a = article('a', 'a.md', '<a href="#b">1</a><a href="#b-part">2</a><a href="#a-own">3</a><p id="a-own">o</p>');
    const b = article('b', 'b.md', '<h2 id="b-part">p</h2>');
    const book: Book = { meta: {} as Book['meta'], articles: [a, b], parts: [], images: [] };
    const linked = linkAcrossFiles(book, (id, fragment) => `${id}.xhtml${fragment ? `#${fragment}` : ''}`);
    assert.deepEqual(hrefs(linked.articles[0]!), ['b.xhtml', 'b.xhtml#b-part', '#a-own']);
    assert.deepEqual(hrefs(a), ['#b', '#b-part', '#a-own']);
    assert.equal(linked.articles[1], b, 'an article without such links is shared, not copied');
  });
});
