import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Root } from 'hast';
import { h } from 'hastscript';
import type { Article, Book, Part } from '../../src/book/model.js';
import { bookOutline, mapArticles, pagesAndArticles } from '../../src/book/parts.js';
import { buildToc } from '../../src/book/toc.js';
import { planBodyPages, type PlannedPage } from '../../src/writers/pdf/page-plan.js';

/** Parts (辑) in the Book: the outline writers walk, the contents, and the PDF's page plan. */

const article = (id: string, extra: Partial<Article> = {}): Article => ({
  id,
  file: `content/${id}.md`,
  contentPath: `${id}.md`,
  title: `题${id}`,
  authors: [],
  translators: [],
  tags: [],
  body: { type: 'root', children: [h('p', `正文${id}`)] } as Root,
  sections: [],
  images: [],
  length: 3,
  ...extra,
});

const part = (id: string, articleIds: string[], title = `辑${id}`): Part => ({ id, articleIds, page: { ...article(id), title, body: { type: 'root', children: [] } } });

function book(articles: Article[], parts: Part[]): Book {
  return { meta: { title: '书', authors: [], editors: [], language: 'zh-Hans', identifier: 'x', modified: '2026-01-01T00:00:00Z', description: '', slug: 'x' }, articles, parts, images: [] };
}

const sample = () =>
  book(
    [article('a'), article('b', { sections: [{ id: 'b-s', depth: 2, title: '一节' }] }), article('c'), article('d'), article('e')],
    [part('part-1', ['b', 'c']), part('part-2', ['d'])],
  );

describe('the outline of a book with parts', () => {
  test('articles outside parts, and parts with their articles, in reading order', () => {
    const outline = bookOutline(sample());
    assert.deepEqual(
      outline.map((item) => (item.kind === 'article' ? item.article.id : `${item.part.id}[${item.articles.map((a) => a.id).join(',')}]`)),
      ['a', 'part-1[b,c]', 'part-2[d]', 'e'],
    );
  });

  test('a book without parts is its articles', () => {
    const flat = book([article('a'), article('b')], []);
    assert.deepEqual(bookOutline(flat).map((item) => item.kind), ['article', 'article']);
    assert.equal(pagesAndArticles(flat), flat.articles);
    assert.equal(mapArticles(flat, (a) => a).parts, flat.parts);
  });

  test('the contents nest articles (and their sections) under their part', () => {
    const toc = buildToc(sample(), { depth: 2 });
    assert.deepEqual(
      toc.map((entry) => (entry.kind === 'part' ? { part: entry.partId, title: entry.title, children: entry.children.map((child) => [child.articleId, child.children.map((s) => s.fragment)]) } : entry.articleId)),
      ['a', { part: 'part-1', title: '辑part-1', children: [['b', ['b-s']], ['c', []]] }, { part: 'part-2', title: '辑part-2', children: [['d', []]] }, 'e'],
    );
  });

  test("a pass over articles reaches every part's page too, and leaves what it does not change", () => {
    const original = sample();
    const marked = mapArticles(original, (a) => (a.id === 'c' ? a : { ...a, title: `${a.title}*` }));
    assert.deepEqual(marked.articles.map((a) => a.title), ['题a*', '题b*', '题c', '题d*', '题e*']);
    assert.deepEqual(marked.parts.map((p) => p.page.title), ['辑part-1*', '辑part-2*']);
    assert.equal(marked.articles[2], original.articles[2]);
    assert.deepEqual(marked.parts.map((p) => p.articleIds), [['b', 'c'], ['d']]);
  });
});

const kinds = (pages: PlannedPage[]) => pages.map((page) => (page.kind === 'blank' ? '-' : page.kind === 'bare' ? 'T' : page.kind === 'opening' ? 'O' : 'r')).join('');

describe("the PDF's page plan with parts", () => {
  // Printed body: article a 0–1, part 1's title page 2, article b 3–4, c 5, part 2's title 6 with a
  // preface running on to 7, article d 8, the colophon 9.
  const printed = 10;
  const starts = [0, 3, 5, 8];
  const titles = [2, 6];

  test('bound books: a part title page is a bare recto, its verso blank unless the preface runs on to it', () => {
    const plan = planBodyPages(printed, starts, 9, 'any', titles, 'recto');
    // a a T, its verso blank, b b c, a blank so that the next title is a recto, T and its preface's
    // second page (no blank), d, the colophon.
    assert.equal(kinds(plan.pages), 'OrT-OrO-TrOO');
    const bare = plan.pages.flatMap((page, index) => (page.kind === 'bare' ? [index] : []));
    assert.deepEqual(bare, [2, 8]);
    for (const index of bare) assert.equal(index % 2, 0, `title page at ${index} is a recto`);
    // The article right after a title page is on a recto too, even with articleStart: any.
    assert.equal(plan.finalIndex[3]! % 2, 0);
    // The preface's second page is headed by its part; the article after it by its own.
    const parts = plan.pages.map((page) => (page.kind === 'blank' ? undefined : page.part));
    assert.equal(parts[9], 'part-1');
    assert.equal(parts[10], 3);
    assert.deepEqual(plan.finalIndex, [0, 1, 2, 4, 5, 6, 8, 9, 10, 11]);
  });

  test('with articleStart: recto as well, the rectos still come out right', () => {
    const plan = planBodyPages(printed, starts, 9, 'recto', titles, 'recto');
    for (const start of [...starts.map((page) => plan.finalIndex[page]!), ...titles.map((page) => plan.finalIndex[page]!)]) assert.equal(start % 2, 0, `page ${start} is a recto`);
    assert.equal(plan.pages.filter((page) => page.kind === 'bare').length, 2);
  });

  test('e-reader screens: no blank pages, the title pages still bare', () => {
    const plan = planBodyPages(printed, starts, 9, 'any', titles, 'any');
    assert.equal(kinds(plan.pages), 'OrTOrOTrOO');
    assert.deepEqual(plan.finalIndex, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test('a part title page that could not be found is planned as an ordinary page', () => {
    const plan = planBodyPages(printed, starts, 9, 'any', [undefined, 6], 'recto');
    assert.equal(plan.pages.filter((page) => page.kind === 'bare').length, 1);
  });
});
