import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Article, Book, Section } from '../../src/book/model.js';
import { colophonAnchor, headingAnchors, titleAnchor } from '../../src/writers/pdf/assemble.js';
import { locateHeadings } from '../../src/writers/pdf/write-pdf.js';

function article(id: string, title: string, sections: Section[] = []): Article {
  return {
    id,
    file: `content/${id}.md`,
    contentPath: `${id}.md`,
    title,
    authors: [],
    translators: [],
    tags: [],
    body: { type: 'root', children: [] },
    sections,
    images: [],
    length: 0,
  };
}

const section = (id: string, title: string, depth = 2): Section => ({ id, depth, title });

function book(articles: Article[], language = 'zh-Hans'): Book {
  return {
    meta: {
      title: '样书',
      authors: [],
      editors: [],
      language,
      identifier: 'urn:x',
      modified: '2024-01-01T00:00:00Z',
      description: '',
      slug: 'sample',
    },
    articles,
    parts: [],
    images: [],
  };
}

/** Named destinations as Chromium writes them: id → 0-based page. */
const dests = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('locateHeadings: articles and sections, by id', () => {
  test('maps every article and section to the page of its destination', () => {
    const b = book([
      article('a', '第一篇', [section('a-s1', '开头'), section('a-s2', '细节', 3), section('a-s3', '结尾')]),
      article('b', '第二篇', [section('b-s1', '只有一节')]),
      article('c', '第三篇'),
    ]);
    const located = locateHeadings(b, dests({ 'a-title': 0, 'a-s1': 0, 'a-s2': 1, 'a-s3': 2, 'b-title': 4, 'b-s1': 5, 'c-title': 7 }), false);
    assert.deepEqual(
      [...located.pages],
      [['a', 0], ['a#a-s1', 0], ['a#a-s2', 1], ['a#a-s3', 2], ['b', 4], ['b#b-s1', 5], ['c', 7]],
    );
    assert.deepEqual(located.missing, []);
  });

  test('titles play no part: the same or repeated titles, or titles Chromium would write twice', () => {
    // The bug this replaces: in horizontal books Chromium's outline writes the first line of a
    // heading printed after a page break twice, and titles were matched by text.
    const long = '一盏油灯的家谱——写给外婆和她那间总在黄昏亮起来的厨房';
    const b = book([article('a', long, [section('a-1', '一')]), article('b', long, [section('b-1', '一')]), article('c', '一')]);
    const located = locateHeadings(b, dests({ 'a-title': 0, 'a-1': 1, 'b-title': 15, 'b-1': 16, 'c-title': 30 }), false);
    assert.equal(located.pages.get('b'), 15);
    assert.equal(located.pages.get('b#b-1'), 16);
    assert.equal(located.pages.get('c'), 30);
  });

  test('destinations of other elements (footnotes, links) are ignored', () => {
    const b = book([article('a', '甲'), article('b', '乙')]);
    const located = locateHeadings(b, dests({ 'a-fn1': 9, 'a-title': 0, 'b-title': 3, b: 8 }), false);
    assert.deepEqual([...located.pages], [['a', 0], ['b', 3]]);
  });

  test('a missing article is reported and falls back to the previous article’s page', () => {
    const b = book([article('a', '甲'), article('b', '不见了', [section('b-s1', '乙节')]), article('c', '丙'), article('d', '也不见了')]);
    const located = locateHeadings(b, dests({ 'a-title': 3, 'b-s1': 4, 'c-title': 6 }), false);
    assert.deepEqual(located.missing, ['不见了', '也不见了']);
    assert.equal(located.pages.get('b'), 3, 'the previous article’s page');
    assert.equal(located.pages.get('b#b-s1'), 4, 'its sections are still found');
    assert.equal(located.pages.get('c'), 6);
    assert.equal(located.pages.get('d'), 6);
  });

  test('a missing first article falls back to the first page; a missing section gets no page', () => {
    const b = book([article('a', '不见了', [section('a-x', '不在')]), article('b', '乙')]);
    const located = locateHeadings(b, dests({ 'b-title': 4 }), false);
    assert.deepEqual(located.missing, ['不见了']);
    assert.equal(located.pages.get('a'), 0);
    assert.equal(located.pages.has('a#a-x'), false);
    assert.equal(located.pages.get('b'), 4);
  });
});

describe('locateHeadings: colophon', () => {
  const b = book([article('a', '甲'), article('b', '乙')]);

  test('the colophon is located by its own id when enabled, whatever the language', () => {
    for (const language of ['zh-Hans', 'ja', 'en']) {
      const located = locateHeadings(book(b.articles, language), dests({ 'a-title': 0, 'b-title': 3, [colophonAnchor]: 8 }), true);
      assert.equal(located.colophonPage, 8, language);
    }
  });

  test('not looked for when disabled; a missing colophon is not a missing article', () => {
    const all = dests({ 'a-title': 0, 'b-title': 3, [colophonAnchor]: 8 });
    assert.equal('colophonPage' in locateHeadings(b, all, false), false);
    const located = locateHeadings(b, dests({ 'a-title': 0, 'b-title': 3 }), true);
    assert.equal(located.colophonPage, undefined);
    assert.deepEqual(located.missing, []);
  });
});

describe('headingAnchors: the ids the body links to', () => {
  test('every article title, every section, then the colophon', () => {
    const b = book([article('a', '甲', [section('a-1', '一'), section('a-2', '二', 3)]), article('b', '乙')]);
    assert.deepEqual(headingAnchors(b, true), ['a-title', 'a-1', 'a-2', 'b-title', colophonAnchor]);
    assert.deepEqual(headingAnchors(b, false), ['a-title', 'a-1', 'a-2', 'b-title']);
    assert.equal(titleAnchor({ id: 'x' }), 'x-title');
  });

  test('the colophon id cannot be an article id or an id inside an article', () => {
    // Article ids are lower-case letters, digits and hyphens; ids inside start with `<article id>-`.
    assert.match(colophonAnchor, /_/);
    assert.doesNotMatch(colophonAnchor, /^[a-z][a-z0-9-]*$/);
  });
});
