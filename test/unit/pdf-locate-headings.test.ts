import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Article, Book, Section } from '../../src/book/model.js';
import type { OutlineEntry } from '../../src/writers/pdf/postprocess.js';
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
    images: [],
  };
}

const entry = (level: number, title: string, page: number): OutlineEntry => ({ level, title, page });

describe('locateHeadings: articles and sections', () => {
  test('maps every article and section to its page', () => {
    const b = book([
      article('a', '第一篇', [section('a-s1', '开头'), section('a-s2', '细节', 3), section('a-s3', '结尾')]),
      article('b', '第二篇', [section('b-s1', '只有一节')]),
      article('c', '第三篇'),
    ]);
    const outline = [
      entry(1, '第一篇', 0),
      entry(2, '开头', 0),
      entry(3, '细节', 1),
      entry(2, '结尾', 2),
      entry(1, '第二篇', 4),
      entry(2, '只有一节', 5),
      entry(1, '第三篇', 7),
    ];
    const located = locateHeadings(b, outline, false);
    assert.deepEqual(
      [...located.pages],
      [
        ['a', 0],
        ['a#a-s1', 0],
        ['a#a-s2', 1],
        ['a#a-s3', 2],
        ['b', 4],
        ['b#b-s1', 5],
        ['c', 7],
      ],
    );
    assert.deepEqual(located.missing, []);
    assert.equal(located.colophonPage, undefined);
  });

  test('titles match regardless of whitespace', () => {
    const b = book([article('a', '春天 的 故事', [section('a-s1', 'Part  One')]), article('b', ' 秋\n天 ')]);
    const outline = [entry(1, '春天的故事', 2), entry(2, 'Part One', 3), entry(1, '秋天', 6)];
    const located = locateHeadings(b, outline, false);
    assert.equal(located.pages.get('a'), 2);
    assert.equal(located.pages.get('a#a-s1'), 3);
    assert.equal(located.pages.get('b'), 6);
    assert.deepEqual(located.missing, []);
  });

  test("Chromium's doubled bookmark titles match", () => {
    const b = book([article('a', '标题'), article('b', '第二 篇', [section('b-s1', '小节')])]);
    const outline = [entry(1, '标题', 0), entry(1, '第二篇第二 篇', 3), entry(2, '小节小节', 4)];
    const located = locateHeadings(b, outline, false);
    assert.equal(located.pages.get('a'), 0);
    assert.equal(located.pages.get('b'), 3);
    assert.equal(located.pages.get('b#b-s1'), 4);
    assert.deepEqual(located.missing, []);
  });

  test('a bookmark that only starts like the title, or contains it, does not match', () => {
    const b = book([article('a', '标题')]);
    const located = locateHeadings(b, [entry(1, '标题党', 1), entry(1, '大标题', 2), entry(1, '标题标', 3), entry(1, '标题', 4)], false);
    assert.equal(located.pages.get('a'), 4);
  });

  test('an empty bookmark matches nothing', () => {
    const b = book([article('a', '第一篇', [section('a-s1', '一'), section('a-s2', '二')])]);
    const outline = [entry(1, '', 0), entry(1, '第一篇', 1), entry(2, '', 2), entry(2, '一', 3), entry(2, '', 4), entry(2, '二', 5)];
    const located = locateHeadings(b, outline, false);
    assert.equal(located.pages.get('a'), 1);
    assert.equal(located.pages.get('a#a-s1'), 3);
    assert.equal(located.pages.get('a#a-s2'), 5);
  });

  test('two articles with the same title map to successive entries, in order', () => {
    const b = book([article('a', '序'), article('b', '正文'), article('c', '序'), article('d', '序')]);
    const outline = [entry(1, '序', 0), entry(1, '正文', 2), entry(1, '序', 5), entry(1, '序', 9)];
    const located = locateHeadings(b, outline, false);
    assert.equal(located.pages.get('a'), 0);
    assert.equal(located.pages.get('b'), 2);
    assert.equal(located.pages.get('c'), 5);
    assert.equal(located.pages.get('d'), 9);
  });

  test('sections with the same title in different articles go to their own article', () => {
    const b = book([article('a', '甲', [section('a-1', '一'), section('a-2', '二')]), article('b', '乙', [section('b-1', '一'), section('b-2', '二')])]);
    const outline = [entry(1, '甲', 0), entry(2, '一', 1), entry(2, '二', 2), entry(1, '乙', 4), entry(2, '一', 5), entry(2, '二', 6)];
    const located = locateHeadings(b, outline, false);
    assert.deepEqual(
      ['a#a-1', 'a#a-2', 'b#b-1', 'b#b-2'].map((key) => located.pages.get(key)),
      [1, 2, 5, 6],
    );
  });

  test('a level must match: an h2 title is not taken for an article, nor an h1 for a section', () => {
    const b = book([article('a', '引言', [section('a-s1', '结语')]), article('b', '结语')]);
    const outline = [entry(2, '引言', 0), entry(1, '引言', 1), entry(1, '结语', 3), entry(2, '结语', 4)];
    const located = locateHeadings(b, outline, true);
    assert.equal(located.pages.get('a'), 1);
    assert.equal(located.pages.get('a#a-s1'), undefined, 'the only level-2 结语 comes after the next article');
    assert.equal(located.pages.get('b'), 3);
    assert.deepEqual(located.missing, []);
  });
});

describe('locateHeadings: order and missing headings', () => {
  test('sections are matched only after their article', () => {
    const b = book([article('a', '甲'), article('b', '乙', [section('b-s1', '开头')])]);
    // A level-2 "开头" before 乙's heading (it belongs to 甲's body) must not be taken for 乙's.
    const outline = [entry(1, '甲', 0), entry(2, '开头', 1), entry(1, '乙', 3), entry(2, '开头', 4)];
    const located = locateHeadings(b, outline, false);
    assert.equal(located.pages.get('b#b-s1'), 4);
  });

  test('an article is matched only after the previous one', () => {
    const b = book([article('a', '甲'), article('b', '乙')]);
    const outline = [entry(1, '乙', 0), entry(1, '甲', 2), entry(1, '乙', 5)];
    const located = locateHeadings(b, outline, false);
    assert.equal(located.pages.get('a'), 2);
    assert.equal(located.pages.get('b'), 5);
  });

  test('a missing article is reported and falls back to the previous article’s page', () => {
    const b = book([article('a', '甲'), article('b', '不见了', [section('b-s1', '乙节')]), article('c', '丙'), article('d', '也不见了')]);
    const outline = [entry(1, '甲', 3), entry(2, '乙节', 4), entry(1, '丙', 6)];
    const located = locateHeadings(b, outline, false);
    assert.deepEqual(located.missing, ['不见了', '也不见了']);
    assert.equal(located.pages.get('b'), 3, 'the previous article’s page');
    assert.equal(located.pages.get('c'), 6);
    assert.equal(located.pages.get('d'), 6);
    // Every article has a page, so the contents and bookmarks can be built.
    assert.deepEqual(
      b.articles.map((a) => located.pages.has(a.id)),
      [true, true, true, true],
    );
  });

  test('the sections of an article whose heading was not matched are still found', () => {
    // Chromium titled 乙's heading differently; its section is still where the outline says.
    const b = book([article('a', '甲'), article('b', '乙', [section('b-s1', '乙节')]), article('c', '丙')]);
    const outline = [entry(1, '甲', 0), entry(1, '乙（改）', 2), entry(2, '乙节', 3), entry(1, '丙', 5)];
    const located = locateHeadings(b, outline, false);
    assert.deepEqual(located.missing, ['乙']);
    assert.equal(located.pages.get('b'), 0);
    assert.equal(located.pages.get('b#b-s1'), 3);
    assert.equal(located.pages.get('c'), 5);
  });

  test('a missing first article falls back to the first page', () => {
    const b = book([article('a', '不见了'), article('b', '乙')]);
    const located = locateHeadings(b, [entry(1, '乙', 4)], false);
    assert.deepEqual(located.missing, ['不见了']);
    assert.equal(located.pages.get('a'), 0);
    assert.equal(located.pages.get('b'), 4);
  });

  test('a missing section gets no page and the articles after it are still found', () => {
    const b = book([
      article('a', '甲', [section('a-1', '一'), section('a-x', '不在目录里'), section('a-2', '二')]),
      article('b', '乙', [section('b-1', '一')]),
    ]);
    const outline = [entry(1, '甲', 0), entry(2, '一', 1), entry(2, '二', 2), entry(1, '乙', 4), entry(2, '一', 5)];
    const located = locateHeadings(b, outline, false);
    assert.equal(located.pages.get('a#a-1'), 1);
    assert.equal(located.pages.has('a#a-x'), false);
    assert.equal(located.pages.get('a#a-2'), 2);
    assert.equal(located.pages.get('b'), 4);
    assert.equal(located.pages.get('b#b-1'), 5);
    assert.deepEqual(located.missing, []);
  });

  test('a section missing from its article does not match a same-named section of a later article', () => {
    // 甲's "二" is not in the outline (say Chromium titled it differently); 乙 also has a "二".
    const b = book([article('a', '甲', [section('a-1', '一'), section('a-2', '二')]), article('b', '乙', [section('b-1', '一'), section('b-2', '二')])]);
    const outline = [entry(1, '甲', 0), entry(2, '一', 1), entry(2, '二（改）', 2), entry(1, '乙', 4), entry(2, '一', 5), entry(2, '二', 6)];
    const located = locateHeadings(b, outline, false);
    assert.equal(located.pages.has('a#a-2'), false);
    assert.equal(located.pages.get('b'), 4);
    assert.equal(located.pages.get('b#b-1'), 5);
    assert.equal(located.pages.get('b#b-2'), 6);
    assert.deepEqual(located.missing, []);
  });

  test('an empty outline: every article missing, all on page 0', () => {
    const b = book([article('a', '甲'), article('b', '乙')]);
    const located = locateHeadings(b, [], true);
    assert.deepEqual(located.missing, ['甲', '乙']);
    assert.deepEqual([...located.pages], [['a', 0], ['b', 0]]);
    assert.equal(located.colophonPage, undefined);
  });
});

describe('locateHeadings: colophon', () => {
  const b = book([article('a', '甲'), article('b', '乙')]);
  const outline = [entry(1, '甲', 0), entry(1, '乙', 3), entry(1, '版权与来源', 8)];

  test('the colophon is located when enabled, by the label of the book language', () => {
    const located = locateHeadings(b, outline, true);
    assert.equal(located.colophonPage, 8);
    assert.equal(located.pages.get('b'), 3);
    assert.equal(located.pages.has('版权与来源'), false);
  });

  test('the colophon is not looked for when disabled', () => {
    const located = locateHeadings(b, outline, false);
    assert.equal(located.colophonPage, undefined);
    assert.equal('colophonPage' in located, false);
  });

  test('the colophon label follows the language (Japanese: 奥付, Traditional: 版權與來源, English: Sources)', () => {
    assert.equal(locateHeadings(book(b.articles, 'ja'), [entry(1, '甲', 0), entry(1, '乙', 3), entry(1, '奥付', 9)], true).colophonPage, 9);
    assert.equal(locateHeadings(book(b.articles, 'zh-Hant'), [entry(1, '甲', 0), entry(1, '乙', 3), entry(1, '版權與來源', 7)], true).colophonPage, 7);
    assert.equal(locateHeadings(book(b.articles, 'en'), [entry(1, '甲', 0), entry(1, '乙', 3), entry(1, 'Sources', 5)], true).colophonPage, 5);
  });

  test('the colophon is searched after the last article', () => {
    // An article titled like the colophon comes first; the colophon proper is the later heading.
    const c = book([article('a', '版权与来源'), article('b', '乙')]);
    const located = locateHeadings(c, [entry(1, '版权与来源', 0), entry(1, '乙', 2), entry(1, '版权与来源', 6)], true);
    assert.equal(located.pages.get('a'), 0);
    assert.equal(located.colophonPage, 6);
  });

  test('a missing colophon leaves colophonPage undefined and is not reported as a missing article', () => {
    const located = locateHeadings(b, outline.slice(0, 2), true);
    assert.equal(located.colophonPage, undefined);
    assert.deepEqual(located.missing, []);
  });
});
