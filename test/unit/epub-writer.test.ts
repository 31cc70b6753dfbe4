import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Root } from 'hast';
import { h } from 'hastscript';
import sharp from 'sharp';
import type { Article, Book } from '../../src/book/model.js';
import { stylesDir } from '../../src/paths.js';
import { bundledSerif } from '../../src/writers/fonts/bundled-fonts.js';
import { writeEpub, type EpubOptions } from '../../src/writers/epub/write-epub.js';
import { epubcheckTs, findAll, openEpubData, readPackage, textOf, type OpenedEpub } from '../helpers/epub.js';

const css = readFileSync(path.join(stylesDir, 'epub.css'), 'utf8');

function article(id: string, title: string, children: Root['children'], extra: Partial<Article> = {}): Article {
  return { id, file: `content/${id}.md`, contentPath: `${id}.md`, title, authors: [], translators: [], tags: [], body: { type: 'root', children }, sections: [], images: [], length: 10, ...extra };
}

async function makeBook(): Promise<Book> {
  const png = new Uint8Array(await sharp({ create: { width: 20, height: 10, channels: 3, background: '#336699' } }).png().toBuffer());
  const image = { href: 'images/0123456789abcdef.png', mediaType: 'image/png', data: png, width: 20, height: 10, source: 'lamp.png' };
  return {
    meta: { title: '小书', subtitle: '副题', authors: [], editors: ['编者甲'], language: 'zh-Hans', identifier: 'urn:uuid:00000000-0000-5000-8000-000000000000', modified: '2024-05-01T00:00:00Z', description: '一本测试用的小书。', slug: 'small' },
    articles: [
      article(
        'first',
        '第一篇',
        [
          h('p', ['正文，「引文」。', h('span', { className: ['tcy'] }, '17'), '岁。']),
          h('figure', [h('img', { src: image.href, alt: '', width: 20, height: 10 }), h('figcaption', '一盏油灯')]),
          h('p', [h('img', { src: image.href, alt: '' })]),
          h('p', [h('img', { src: image.href, alt: '原有的说明' })]),
        ],
        { authors: ['作者乙'], source: '某刊', date: '2023-01-02', url: 'https://example.com/a?b=1&c=2', images: [image] },
      ),
      article('second', 'An English Essay', [h('p', 'Some words in English.')], { language: 'en', url: 'not a web address' }),
      article('empty', '空文', [], { length: 0 }),
    ],
    parts: [],
    images: [image],
  };
}

async function build(book: Book, options: Partial<EpubOptions> = {}) {
  const result = await writeEpub(book, { css, ...options });
  const epub = await openEpubData(result.bytes);
  return { result, epub, pkg: await readPackage(epub) };
}

const rootOf = async (epub: OpenedEpub, name: string) => findAll(await epub.xml(name), 'html')[0]!;

describe('EPUB writer', () => {
  let book: Book;
  let dir: string;
  before(async () => {
    book = await makeBook();
    dir = mkdtempSync(path.join(tmpdir(), 'wenji-writer-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the contents page lists an article in another language in that language', async () => {
    const { epub } = await build(book);
    const entries = findAll(findAll(await epub.xml('OEBPS/contents.xhtml'), 'ol')[0]!, 'li');
    assert.deepEqual(entries.map((entry) => [entry.attributes.lang, entry.attributes['xml:lang']]), [[undefined, undefined], ['en', 'en'], [undefined, undefined]]);
  });

  test('every image has alt text: its own, its caption, or 插图', async () => {
    const { epub } = await build(book);
    const images = findAll(await epub.xml('OEBPS/first.xhtml'), 'img');
    assert.deepEqual(images.map((image) => image.attributes.alt), ['一盏油灯', '插图', '原有的说明']);
    assert.doesNotMatch(JSON.stringify(book.articles[0]!.body), /"alt":"(插图|一盏油灯)"/, 'the book itself is not mutated');
  });

  test('vertical: every document is vertical-rl except the English article; the spine turns right to left', async () => {
    const { epub, pkg } = await build(book, { writingMode: 'vertical' });
    const documents = epub.names.filter((name) => name.endsWith('.xhtml'));
    assert.ok(documents.includes('OEBPS/toc.xhtml') && documents.includes('OEBPS/titlepage.xhtml') && documents.includes('OEBPS/cover.xhtml'));
    for (const name of documents) {
      const root = await rootOf(epub, name);
      assert.equal(root.attributes.class, name === 'OEBPS/second.xhtml' ? 'horizontal-tb' : 'vertical-rl', name);
    }
    assert.equal(pkg.spineAttributes['page-progression-direction'], 'rtl');
    assert.equal(pkg.names.get('primary-writing-mode'), 'vertical-rl');
    assert.deepEqual(pkg.properties.get('schema:accessibilityFeature')?.includes('verticalWriting'), true);
  });

  test('the stylesheet sets vertical-rl on the root with its prefixed fallbacks, and tate-chu-yoko', () => {
    const rule = (selector: string) => new RegExp(`(^|\\n)${selector.replace(/\./g, '\\.')} \\{([^}]*)\\}`).exec(css)?.[2] ?? '';
    const vertical = rule('html.vertical-rl');
    for (const declaration of ['writing-mode: vertical-rl', '-epub-writing-mode: vertical-rl', '-webkit-writing-mode: vertical-rl']) assert.ok(vertical.includes(declaration), declaration);
    const tcy = rule('.tcy');
    for (const declaration of ['text-combine-upright: all', '-webkit-text-combine: horizontal', '-epub-text-combine: horizontal']) assert.ok(tcy.includes(declaration), declaration);
  });

  test('horizontal books carry no writing-mode class, direction or Kindle meta', async () => {
    const { epub, pkg } = await build(book);
    for (const name of epub.names.filter((entry) => entry.endsWith('.xhtml'))) assert.equal((await rootOf(epub, name)).attributes.class, undefined, name);
    assert.equal(pkg.spineAttributes['page-progression-direction'], undefined);
    assert.equal(pkg.names.has('primary-writing-mode'), false);
  });

  test('every document has lang and xml:lang, and links its stylesheets with type="text/css"', async () => {
    const { epub } = await build(book, { writingMode: 'vertical' });
    for (const name of epub.names.filter((entry) => entry.endsWith('.xhtml'))) {
      const root = await rootOf(epub, name);
      const language = name === 'OEBPS/second.xhtml' ? 'en' : 'zh-Hans';
      assert.equal(root.attributes.lang, language, name);
      assert.equal(root.attributes['xml:lang'], language, name);
      const links = findAll(root, 'link');
      assert.ok(links.length > 0, name);
      for (const link of links) assert.deepEqual([link.attributes.rel, link.attributes.type], ['stylesheet', 'text/css'], name);
    }
  });

  test('the stylesheet leaves the font and its size to the reader and fixes no page size', () => {
    const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
    assert.doesNotMatch(withoutComments, /@page/);
    for (const match of withoutComments.matchAll(/(^|\n)([^{}\n]*)\{([^}]*)\}/g)) {
      const [selector, body] = [match[2]!.trim(), match[3]!];
      if (/(^|,\s*)(html|body)(\.[\w-]+)?\s*(,|$)/.test(selector)) assert.doesNotMatch(body, /font-(size|family)|(^|[^-])width:\s*\d+px/, selector);
      if (!/code|kbd|samp/.test(selector)) assert.doesNotMatch(body, /font-family/, selector);
    }
  });

  test('schema.org accessibility metadata', async () => {
    const { pkg } = await build(book);
    assert.deepEqual(pkg.properties.get('schema:accessMode'), ['textual', 'visual']);
    assert.deepEqual(pkg.properties.get('schema:accessModeSufficient'), ['textual']);
    assert.ok(pkg.properties.get('schema:accessibilityFeature')!.includes('alternativeText'));
    assert.deepEqual(pkg.properties.get('schema:accessibilityHazard'), ['none']);
    assert.match(pkg.properties.get('schema:accessibilitySummary')![0]!, /插图均有替代文字/);
  });

  test('semantics: cover, title page, chapters, notes and colophon are typed', async () => {
    const { epub } = await build(book);
    const typed = async (name: string, type: string) => findAll(await epub.xml(name), 'section').some((section) => section.attributes['epub:type'] === type);
    assert.ok(await typed('OEBPS/cover.xhtml', 'cover'));
    assert.ok(await typed('OEBPS/titlepage.xhtml', 'titlepage'));
    assert.ok(await typed('OEBPS/first.xhtml', 'chapter'));
    assert.ok(await typed('OEBPS/colophon.xhtml', 'colophon'));
  });

  test('the colophon closes the spine and lists each article’s source, author, date and address', async () => {
    const { epub, pkg } = await build(book);
    assert.equal(pkg.spine.at(-1), 'colophon.xhtml');
    const colophon = await epub.xml('OEBPS/colophon.xhtml');
    const entries = findAll(colophon, 'li');
    assert.equal(entries.length, 3);
    const first = textOf(entries[0]!);
    for (const part of ['第一篇', '作者乙', '某刊', '2023-01-02']) assert.ok(first.includes(part), part);
    const links = findAll(entries[0]!, 'a').map((link) => link.attributes.href);
    assert.deepEqual(links, ['first.xhtml', 'https://example.com/a?b=1&c=2']);
    assert.deepEqual(findAll(entries[1]!, 'a').map((link) => link.attributes.href), ['second.xhtml'], 'a non-web address is text, not a link');
    assert.ok(textOf(entries[1]!).includes('not a web address'));
  });

  test('a configured cover that is missing: one warning naming it, and a generated cover', async () => {
    const missing = path.join(dir, 'covers', 'front.jpg');
    const { result, epub, pkg } = await build({ ...book, meta: { ...book.meta, cover: missing } }, { displayPath: (file) => path.relative(dir, file) });
    assert.deepEqual(result.warnings, ['covers/front.jpg: the cover image does not exist; using a generated cover']);
    const cover = [...pkg.items.values()].find((item) => item.properties.includes('cover-image'))!;
    assert.equal(cover.href, 'images/cover.jpg');
    const meta = await sharp(await epub.zip.file(pkg.entry(cover.href))!.async('uint8array')).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 1600, 2400]);
  });

  test('a configured cover is packaged as given, named as the cover everywhere', async () => {
    const png = await sharp({ create: { width: 300, height: 450, channels: 3, background: '#aa3300' } }).png().toBuffer();
    writeFileSync(path.join(dir, 'cover.png'), png);
    const { result, epub, pkg } = await build({ ...book, meta: { ...book.meta, cover: path.join(dir, 'cover.png') } });
    assert.deepEqual(result.warnings, []);
    const cover = pkg.items.get('cover-image')!;
    assert.deepEqual([cover.href, cover.mediaType, cover.properties], ['images/cover.png', 'image/png', ['cover-image']]);
    assert.equal(pkg.names.get('cover'), 'cover-image');
    assert.deepEqual(Buffer.from(await epub.zip.file('OEBPS/images/cover.png')!.async('uint8array')), png);
    assert.equal(pkg.spine[0], 'cover.xhtml');
    const image = findAll(await epub.xml('OEBPS/cover.xhtml'), 'img')[0]!;
    assert.deepEqual([image.attributes.src, image.attributes.alt], ['images/cover.png', '小书']);
  });

  test('a font that cannot be subset: one warning, no font in the book, still valid', async () => {
    writeFileSync(path.join(dir, 'broken.ttf'), 'not a font');
    const fonts = { sc: { ...bundledSerif(), regular: { path: path.join(dir, 'broken.ttf'), weight: 400 as const } } };
    const { result, pkg } = await build(book, { embedFont: true, fonts, displayPath: (file) => path.basename(file) });
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0]!, /^broken\.ttf: the font cannot be subset/);
    assert.equal([...pkg.items.values()].some((item) => item.mediaType.startsWith('font/') || item.href === 'fonts.css'), false);
    assert.deepEqual((await epubcheckTs(result.bytes)).messages, []);
  });

  test('with an embedded font, an empty article and images, the book passes epubcheck-ts', async () => {
    const { result, pkg } = await build(book, { embedFont: true, writingMode: 'vertical' });
    assert.deepEqual(result.warnings, []);
    assert.ok(result.details.some((line) => /^embedded Noto Serif SC, \d+ characters/.test(line)));
    assert.deepEqual([...pkg.items.values()].filter((item) => item.mediaType === 'font/ttf').map((item) => item.href), ['fonts/serif-sc-regular.ttf', 'fonts/serif-sc-bold.ttf']);
    assert.deepEqual((await epubcheckTs(result.bytes)).messages, []);
  });
});
