import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutFeatureTags, sfntTables } from '../../src/writers/fonts/sfnt-tables.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { epubcheckTs, javaEpubcheck, javaEpubcheckAvailable, javaEpubcheckRequired, openEpub, readPackage, type OpenedEpub, type PackageView } from '../helpers/epub.js';
import { repoRoot } from '../helpers/paths.js';

/** Vertical EPUBs with embedded fonts of the Taiwan and Japanese fixture books (test/fixtures/locale-pairs). */
describe('embedded fonts by locale in the EPUB', () => {
  let root: string;
  const books = {} as Record<'hant' | 'ja', { file: string; cli: CliResult; epub: OpenedEpub; pkg: PackageView }>;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'wenji-epub-locales-'));
    await Promise.all(
      (['hant', 'ja'] as const).map(async (name) => {
        const dir = path.join(root, name);
        cpSync(path.join(repoRoot, 'test', 'fixtures', 'locale-pairs', name === 'hant' ? 'zh-hant' : 'ja'), dir, { recursive: true });
        writeFileSync(path.join(dir, 'book.yaml'), `${readFileSync(path.join(dir, 'book.yaml'), 'utf8')}epub:\n  writingMode: vertical\n  embedFont: true\n`);
        const cli = await runCli(['epub', dir, '--out', path.join(dir, 'out')]);
        assert.equal(cli.code, 0, cli.stderr);
        const file = path.join(dir, 'out', name === 'hant' ? 'pairs-hant.epub' : 'pairs-ja.epub');
        const epub = await openEpub(file);
        books[name] = { file, cli, epub, pkg: await readPackage(epub) };
      }),
    );
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  const fontFiles = async (name: 'hant' | 'ja') => {
    const { epub, pkg } = books[name];
    const items = [...pkg.items.values()].filter((item) => item.mediaType === 'font/ttf');
    return Promise.all(items.map(async (item) => ({ href: item.href, data: await epub.zip.file(pkg.entry(item.href))!.async('uint8array') })));
  };

  test('each face the text needs is embedded, and no other: TC (the book’s, with bold), SC and JP for the marked paragraphs; JP alone for the Japanese book', async () => {
    assert.deepEqual((await fontFiles('hant')).map((file) => file.href), ['fonts/serif-tc-regular.ttf', 'fonts/serif-sc-regular.ttf', 'fonts/serif-jp-regular.ttf', 'fonts/serif-tc-bold.ttf']);
    assert.deepEqual((await fontFiles('ja')).map((file) => file.href), ['fonts/serif-jp-regular.ttf', 'fonts/serif-jp-bold.ttf']);
    assert.match(books.hant.cli.stderr, /embedded Noto Serif TC, Noto Serif SC, Noto Serif JP, \d+ characters/);
  });

  test('every embedded subset keeps the features vertical text and compression need (read from the EPUB)', async () => {
    for (const name of ['hant', 'ja'] as const) {
      for (const file of await fontFiles(name)) {
        const tables = sfntTables(file.data);
        for (const tag of ['vhea', 'vmtx', 'GSUB', 'GPOS']) assert.ok(tables.has(tag), `${file.href}: ${tag}`);
        const gsub = layoutFeatureTags(file.data, 'GSUB');
        const gpos = layoutFeatureTags(file.data, 'GPOS');
        assert.ok(gsub.includes('vert'), `${file.href}: GSUB vert (has ${gsub.join(' ')})`);
        // vrt2 survives where a kept glyph has a rotated form (the bold subsets hold a few headings only).
        if (file.href.includes('-regular')) assert.ok(gsub.includes('vrt2'), `${file.href}: GSUB vrt2 (has ${gsub.join(' ')})`);
        for (const tag of ['halt', 'vhal', 'chws', 'vchw', 'palt', 'vpal']) assert.ok(gpos.includes(tag), `${file.href}: GPOS ${tag} (has ${gpos.join(' ')})`);
        // Kana have vertical kerning in Noto Serif JP.
        if (file.href.includes('-jp-')) assert.ok(gpos.includes('vkrn'), `${file.href}: GPOS vkrn`);
      }
    }
  });

  test('fonts.css sets the book in TC and each marked language in its face; the stylesheet keeps Taiwan’s punctuation full-width', async () => {
    const { epub, pkg } = books.hant;
    const css = await epub.text(pkg.entry('fonts.css'));
    assert.match(css, /html \{\s*font-family: "wenji-serif-tc", "wenji-serif-sc", "wenji-serif-jp", serif;/);
    assert.match(css, /\[lang\]:lang\(ja\) \{\s*font-family: "wenji-serif-jp"/);
    assert.match(css, /\[lang\]:lang\(zh-Hans\)[^{]*\{\s*font-family: "wenji-serif-sc"/);
    const style = await epub.text(pkg.entry('style.css'));
    assert.match(style, /\[lang\]:lang\(zh-Hant\), \[lang\]:lang\(zh-TW\) \{ text-spacing-trim: space-all; \}/);
    const article = await epub.text(pkg.entry('biaodian.xhtml'));
    // The bracket trims the browser misses are marked in the compressing paragraphs only.
    assert.match(article, /<p lang="zh-Hans">关于《旧城<span class="trim-end">》<\/span>：作者已经老了。<\/p>/);
    assert.match(article, /<p lang="ja">私は問う：<span class="trim-start">「<\/span>行くの？」彼は黙る。<\/p>/);
    assert.match(article, /<p>關於《舊城》：作者已經老了。<\/p>/);
  });

  test('the cover is drawn in the book’s face', () => {
    assert.match(books.hant.cli.stderr, /drew the cover in Noto Serif TC/);
    assert.match(books.ja.cli.stderr, /drew the cover in Noto Serif JP/);
  });

  test('both pass epubcheck-ts and the real EPUBCheck with no messages', async (t) => {
    for (const name of ['hant', 'ja'] as const) assert.deepEqual((await epubcheckTs(readFileSync(books[name].file))).messages, [], name);
    if (!javaEpubcheckAvailable()) {
      if (javaEpubcheckRequired()) assert.fail('EPUBCheck is required but not installed');
      t.skip('EPUBCheck (Java) not installed');
      return;
    }
    const results = await Promise.all((['hant', 'ja'] as const).map((name) => javaEpubcheck(books[name].file)));
    for (const result of results) assert.deepEqual([result.fatals, result.errors, result.warnings, result.messages], [0, 0, 0, []]);
  });
});
