import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Root } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import type { Article, Book } from '../../src/book/model.js';
import { adaptToWritingMode, defaultWritingMode } from '../../src/transforms/writing-mode.js';
import { collectSections } from '../../src/normalize/sections.js';
import { fragmentToXml } from '../../src/writers/xhtml/serialize.js';

const parse = (html: string) => unified().use(rehypeParse, { fragment: true }).parse(html) as Root;
const xml = (tree: Root) => fragmentToXml(tree).replace(/ xmlns="[^"]+"/g, '');

function article(id: string, title: string, html: string, extra: Partial<Article> = {}): Article {
  const body = parse(html);
  return {
    id,
    file: `content/${id}.md`,
    contentPath: `${id}.md`,
    title,
    authors: ['作者'],
    translators: [],
    tags: ['标签'],
    body,
    sections: collectSections(body),
    images: [],
    length: 100,
    ...extra,
  };
}

function sampleBook(language = 'zh-Hans'): Book {
  return {
    meta: {
      title: '“文集”样书',
      authors: ['编者'],
      editors: [],
      language,
      identifier: 'urn:uuid:00000000-0000-4000-8000-000000000000',
      modified: '2024-05-01T00:00:00Z',
      description: '测试用书',
      slug: 'sample',
    },
    articles: [
      article('first', '谈“文集”的编法', '<p>他17岁，买了3台。他说：“你好。”</p><h2 id="first-s1">第3节“引号”</h2><p>2024年，A4纸。</p><h3 id="first-s2">‘小’节</h3><p>真的!?</p>'),
      article('english', 'On “quotes”', '<p>Page 17 of “the book”, don’t.</p><h2 id="english-s1">The “first” part</h2>', { language: 'en' }),
      article('third', '无引号', '<p>共<em>12</em>本，“<em>中文</em>”。</p>', { language: 'zh' }),
    ],
    parts: [],
    images: [],
  };
}

const articleOf = (book: Book, id: string): Article => {
  const found = book.articles.find((candidate) => candidate.id === id);
  assert.ok(found, `article ${id}`);
  return found;
};

describe('adaptToWritingMode: horizontal', () => {
  test('returns the very same book, unchanged', () => {
    const book = sampleBook();
    const before = structuredClone(book);
    const adapted = adaptToWritingMode(book, { mode: 'horizontal', quotes: 'corner' });
    assert.equal(adapted, book);
    assert.deepEqual(book, before);
    assert.doesNotMatch(xml(articleOf(adapted, 'first').body), /tcy|「/);
  });
});

describe('adaptToWritingMode: vertical, corner quotes', () => {
  const book = sampleBook();
  const before = structuredClone(book);
  const adapted = adaptToWritingMode(book, { mode: 'vertical', quotes: 'corner' });

  test('wraps numbers for upright setting and converts quotes in CJK article bodies (mainland: “”→『』, ‘’→「」)', () => {
    const body = xml(articleOf(adapted, 'first').body);
    assert.equal(
      body,
      '<p>他<span class="tcy">17</span>岁，买了<span class="tcy">3</span>台。他说：<span class="trim-start">『</span>你好。』</p>' +
        '<h2 id="first-s1">第<span class="tcy">3</span>节『引号』</h2>' +
        '<p><span class="upright-run">2024</span>年，A4纸。</p>' +
        '<h3 id="first-s2">「小」节</h3>' +
        '<p>真的<span class="tcy">!?</span></p>',
    );
  });

  test('an article marked zh is adapted too, across inline elements', () => {
    assert.equal(xml(articleOf(adapted, 'third').body), '<p>共<em><span class="tcy">12</span></em>本，『<em>中文</em>』。</p>');
  });

  test('section titles are re-read from the adapted body', () => {
    const first = articleOf(adapted, 'first');
    assert.deepEqual(first.sections, [
      { id: 'first-s1', depth: 2, title: '第3节『引号』' },
      { id: 'first-s2', depth: 3, title: '「小」节' },
    ]);
  });

  test("the article title's quotes are converted (and its numbers are not wrapped)", () => {
    assert.equal(articleOf(adapted, 'first').title, '谈『文集』的编法');
    assert.equal(articleOf(adapted, 'third').title, '无引号');
  });

  test('an article with language en is returned unchanged (the same object)', () => {
    const english = articleOf(adapted, 'english');
    assert.equal(english, articleOf(book, 'english'));
    assert.equal(english.title, 'On “quotes”');
    assert.equal(xml(english.body), '<p>Page 17 of “the book”, don’t.</p><h2 id="english-s1">The “first” part</h2>');
    assert.deepEqual(english.sections, [{ id: 'english-s1', depth: 2, title: 'The “first” part' }]);
  });

  test('article order, ids, metadata and the book metadata are kept', () => {
    assert.deepEqual(
      adapted.articles.map((a) => a.id),
      ['first', 'english', 'third'],
    );
    const first = articleOf(adapted, 'first');
    const original = articleOf(before, 'first');
    for (const key of ['id', 'file', 'contentPath', 'authors', 'translators', 'tags', 'images', 'length'] as const) {
      assert.deepEqual(first[key], original[key], key);
    }
    assert.deepEqual(adapted.meta, before.meta, 'the book title is not rewritten');
    assert.deepEqual(adapted.images, before.images);
  });

  test('does not mutate the input book', () => {
    assert.deepEqual(book, before);
    assert.notEqual(adapted, book);
    assert.notEqual(articleOf(adapted, 'first').body, articleOf(book, 'first').body);
    assert.notEqual(articleOf(adapted, 'first').sections, articleOf(book, 'first').sections);
  });

  test('adapting twice does not wrap twice', () => {
    const twice = adaptToWritingMode(adapted, { mode: 'vertical', quotes: 'corner' });
    assert.deepEqual(twice, adapted);
  });
});

describe('adaptToWritingMode: options', () => {
  test("quotes: 'keep' keeps curly quotes but still wraps tate-chu-yoko", () => {
    const book = sampleBook();
    const before = structuredClone(book);
    const adapted = adaptToWritingMode(book, { mode: 'vertical', quotes: 'keep' });
    const first = articleOf(adapted, 'first');
    assert.equal(first.title, '谈“文集”的编法');
    assert.equal(
      xml(first.body),
      '<p>他<span class="tcy">17</span>岁，买了<span class="tcy">3</span>台。他说：“你好。”</p>' +
        '<h2 id="first-s1">第<span class="tcy">3</span>节“引号”</h2>' +
        '<p><span class="upright-run">2024</span>年，A4纸。</p>' +
        '<h3 id="first-s2">‘小’节</h3>' +
        '<p>真的<span class="tcy">!?</span></p>',
    );
    assert.deepEqual(first.sections, [
      { id: 'first-s1', depth: 2, title: '第3节“引号”' },
      { id: 'first-s2', depth: 3, title: '‘小’节' },
    ]);
    assert.deepEqual(book, before);
  });

  test('tcyDigits widens tate-chu-yoko to longer numbers', () => {
    const adapted = adaptToWritingMode(sampleBook(), { mode: 'vertical', quotes: 'keep', tcyDigits: 4 });
    assert.match(xml(articleOf(adapted, 'first').body), /<span class="tcy">2024<\/span>年/);
    const byDefault = adaptToWritingMode(sampleBook(), { mode: 'vertical', quotes: 'keep' });
    assert.match(xml(articleOf(byDefault, 'first').body), /<p><span class="upright-run">2024<\/span>年/);
  });

  test('articles without a language of their own follow the book: an English book is not adapted', () => {
    const book = sampleBook('en');
    const adapted = adaptToWritingMode(book, { mode: 'vertical', quotes: 'corner' });
    assert.equal(articleOf(adapted, 'first'), articleOf(book, 'first'));
    assert.equal(articleOf(adapted, 'first').title, '谈“文集”的编法');
    // …but an article marked Chinese in an English book is.
    assert.equal(articleOf(adapted, 'third').title, '无引号');
    assert.match(xml(articleOf(adapted, 'third').body), /『<em>中文<\/em>』/);
  });

  test('a Japanese book is adapted: 「」 outside 『』, acronyms of up to three capitals upright', () => {
    const book = sampleBook('ja');
    book.articles.push(article('acronyms', 'AIの話', '<p>AIとPMFとNASAの話。</p>'));
    const adapted = adaptToWritingMode(book, { mode: 'vertical', quotes: 'corner' });
    assert.equal(articleOf(adapted, 'first').title, '谈「文集」的编法');
    assert.match(xml(articleOf(adapted, 'first').body), /「(?:<\/span>)?你好。」.*『小』节/s);
    assert.equal(xml(articleOf(adapted, 'acronyms').body), '<p><span class="upright-run">AI</span>と<span class="upright-run">PMF</span>とNASAの話。</p>');
    const off = adaptToWritingMode(book, { mode: 'vertical', quotes: 'corner', uprightCapitals: false });
    assert.equal(xml(articleOf(off, 'acronyms').body), '<p>AIとPMFとNASAの話。</p>');
  });

  test('Chinese books keep acronyms rotated unless uprightCapitals is set', () => {
    const book = sampleBook();
    book.articles.push(article('acronyms', '谈AI', '<p>AI和AGI。</p>'));
    assert.equal(xml(articleOf(adaptToWritingMode(book, { mode: 'vertical', quotes: 'corner' }), 'acronyms').body), '<p>AI和AGI。</p>');
    const on = adaptToWritingMode(book, { mode: 'vertical', quotes: 'corner', uprightCapitals: true });
    assert.equal(xml(articleOf(on, 'acronyms').body), '<p><span class="upright-run">AI</span>和<span class="upright-run">AGI</span>。</p>');
  });

  test('Taiwan and Hong Kong: 「」 outside 『』, in vertical and in horizontal text', () => {
    for (const language of ['zh-Hant', 'zh-Hant-TW', 'zh-HK']) {
      for (const mode of ['vertical', 'horizontal'] as const) {
        const adapted = adaptToWritingMode(sampleBook(language), { mode, quotes: 'corner' });
        const first = articleOf(adapted, 'first');
        assert.equal(first.title, '谈「文集」的编法', `${language} ${mode}`);
        assert.match(xml(first.body), /「(?:<\/span>)?你好。」.*『小』节/s, `${language} ${mode}`);
        // Horizontal text keeps its numbers as they are; 'third' is marked zh (mainland).
        if (mode === 'horizontal') {
          assert.doesNotMatch(xml(first.body), /tcy|upright/);
          assert.match(xml(articleOf(adapted, 'third').body), /“<em>中文<\/em>”/);
        }
      }
      const kept = adaptToWritingMode(sampleBook(language), { mode: 'horizontal', quotes: 'keep' });
      assert.equal(articleOf(kept, 'first').title, '谈“文集”的编法');
    }
  });

  test('a region decides before the script: zh-Hant-CN follows the mainland, zh-Hans-HK Hong Kong', () => {
    assert.equal(articleOf(adaptToWritingMode(sampleBook('zh-Hant-CN'), { mode: 'vertical', quotes: 'corner' }), 'first').title, '谈『文集』的编法');
    assert.equal(articleOf(adaptToWritingMode(sampleBook('zh-Hans-HK'), { mode: 'vertical', quotes: 'corner' }), 'first').title, '谈「文集」的编法');
  });
});

describe('defaultWritingMode', () => {
  test('PDF of a Chinese or Japanese book is vertical', () => {
    for (const language of ['zh', 'zh-Hans', 'zh-Hant', 'zh-TW', 'ZH-cn', 'ja', 'ja-JP']) {
      assert.equal(defaultWritingMode('pdf', language), 'vertical', language);
    }
  });

  test('PDF of an English (or other) book is horizontal', () => {
    for (const language of ['en', 'en-US', 'fr']) {
      assert.equal(defaultWritingMode('pdf', language), 'horizontal', language);
    }
  });

  test('EPUB is always horizontal', () => {
    for (const language of ['zh', 'zh-Hant', 'ja', 'en']) {
      assert.equal(defaultWritingMode('epub', language), 'horizontal', language);
    }
  });
});
