import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'puppeteer-core';
import { findChromium, launchArgs } from '../../src/writers/pdf/browser.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { epubcheckTs, findAll, javaEpubcheck, javaEpubcheckAvailable, javaEpubcheckRequired, openEpub, textOf, type OpenedEpub } from '../helpers/epub.js';
import { fixture } from '../helpers/paths.js';

/**
 * test/fixtures/article-lang: a Chinese book holding an article whose images live in
 * `图片 文件夹/` (spaces and CJK in the folder and file names, one path written with a
 * Windows backslash, one that does not exist), an English article (`lang: en`), a French one
 * (`language: fr`) and a Japanese one (`lang: ja`) with footnotes.
 */
let dir: string;
let built: CliResult;
let epub: OpenedEpub;
const epubPath = () => path.join(dir, 'out', 'languages.epub');

const byClass = (root: Parameters<typeof findAll>[0], name: string, className: string) => findAll(root, name).filter((element) => String(element.attributes.class ?? '').split(' ').includes(className));

describe('per-article languages and image paths with spaces (EPUB)', () => {
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'wenji-languages-'));
    cpSync(fixture('article-lang'), dir, { recursive: true });
    built = await runCli(['epub', dir, '--no-cache']);
    epub = await openEpub(epubPath());
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('images in a folder whose name has spaces and CJK are packaged, also written with a backslash', async () => {
    assert.equal(built.code, 0, built.stderr);
    const document = await epub.xml('OEBPS/autumn.xhtml');
    const images = findAll(document, 'img');
    assert.equal(images.length, 2);
    assert.equal(images[0]!.attributes.src, images[1]!.attributes.src, 'the same file, packaged once');
    assert.ok(epub.names.includes(`OEBPS/${images[0]!.attributes.src}`));
    assert.deepEqual(images.map((image) => image.attributes.alt), ['秋天', '秋天，又一次']);
  });

  test('a path with spaces that names no file: one warning with its line, the text as written, never ！［…］（…）', async () => {
    const warnings = built.stderr.split('\n').filter((line) => line.includes('image path with spaces'));
    assert.deepEqual(warnings.length, 1, built.stderr);
    assert.match(warnings[0]!, /^13:1\s+warning image path with spaces not found: 图片 文件夹\/冬天 的 照片\.png/);
    const text = await epub.text('OEBPS/autumn.xhtml');
    assert.ok(text.includes('<p>![冬天](图片 文件夹/冬天 的 照片.png)</p>'), text);
    assert.doesNotMatch(text, /！［|］（/);
  });

  test('each article document carries its language: html, section and the contents entries', async () => {
    const expected: Record<string, string> = { autumn: 'zh-Hans', harbour: 'en', marche: 'fr', ame: 'ja' };
    for (const [id, language] of Object.entries(expected)) {
      const document = await epub.xml(`OEBPS/${id}.xhtml`);
      const html = findAll(document, 'html')[0]!;
      assert.deepEqual([html.attributes.lang, html.attributes['xml:lang']], [language, language], id);
      const section = findAll(document, 'section').find((element) => element.attributes.id === id)!;
      // The book's own language is inherited; another one is stated on the article too.
      assert.equal(section.attributes.lang, id === 'autumn' ? undefined : language, id);
    }
    const nav = await epub.xml('OEBPS/toc.xhtml');
    const entries = findAll(nav, 'a').filter((link) => /^(autumn|harbour|marche|ame)\.xhtml$/.test(String(link.attributes.href)) && !link.attributes['epub:type']);
    assert.deepEqual(
      entries.map((link) => [link.attributes.href, link.attributes.lang ?? null, link.attributes['xml:lang'] ?? null]),
      [
        ['autumn.xhtml', null, null],
        ['harbour.xhtml', 'en', 'en'],
        ['marche.xhtml', 'fr', 'fr'],
        ['ame.xhtml', 'ja', 'ja'],
      ],
    );
  });

  test('bylines, notes and image descriptions are in each article’s own language', async () => {
    const harbour = await epub.xml('OEBPS/harbour.xhtml');
    assert.equal(textOf(byClass(harbour, 'p', 'byline')[0]!), 'by Lin Qiu');
    assert.equal(textOf(byClass(harbour, 'p', 'footnotes-title')[0]!), 'Notes');
    assert.equal(byClass(harbour, 'a', 'noteref')[0]!.attributes['aria-label'], 'Note 1');
    assert.equal(byClass(harbour, 'a', 'footnote-number')[0]!.attributes['aria-label'], 'Back to reference 1');
    assert.equal(textOf(byClass(harbour, 'span', 'image-unavailable')[0]!), '[Image: The old lighthouse]');
    const marche = await epub.xml('OEBPS/marche.xhtml');
    assert.equal(textOf(byClass(marche, 'p', 'byline')[0]!), 'par Claire Morel');
    const ame = await epub.xml('OEBPS/ame.xhtml');
    assert.equal(textOf(byClass(ame, 'p', 'footnotes-title')[0]!), '注');
    assert.equal(byClass(ame, 'a', 'noteref')[0]!.attributes['aria-label'], '注 1');
    // The book's own words stay in the book's language.
    const contents = await epub.xml('OEBPS/contents.xhtml');
    assert.equal(textOf(byClass(contents, 'h1', 'contents-title')[0]!), '目录');
  });

  test('front matter wins over detection: the Japanese article keeps its punctuation, the Chinese one is fixed', async () => {
    const ame = await epub.xml('OEBPS/ame.xhtml');
    assert.match(findAll(ame, 'p').map(textOf).join('\n'), /雨の日は,家で/);
    const autumn = await epub.xml('OEBPS/autumn.xhtml');
    assert.match(findAll(autumn, 'p').map(textOf).join('\n'), /文件夹里，下面这张应该能看到：/);
  });

  test('English and French paragraphs hyphenate, Chinese and Japanese ones do not (computed in Chromium)', async () => {
    const unpacked = path.join(dir, 'unpacked');
    mkdirSync(unpacked);
    for (const name of ['OEBPS/style.css', 'OEBPS/autumn.xhtml', 'OEBPS/harbour.xhtml', 'OEBPS/marche.xhtml', 'OEBPS/ame.xhtml']) writeFileSync(path.join(unpacked, path.basename(name)), await epub.text(name));
    const location = await findChromium();
    const { default: puppeteer } = await import('puppeteer-core');
    const browser: Browser = await puppeteer.launch({ executablePath: location.executablePath, headless: 'shell', args: launchArgs(location) });
    try {
      const page = await browser.newPage();
      const hyphens: Record<string, string> = {};
      for (const id of ['autumn', 'harbour', 'marche', 'ame']) {
        await page.goto(`file://${path.join(unpacked, `${id}.xhtml`)}`);
        hyphens[id] = await page.evaluate(() => getComputedStyle(document.querySelector('section.article > p:not(.byline)')!).hyphens);
      }
      assert.deepEqual(hyphens, { autumn: 'manual', harbour: 'auto', marche: 'auto', ame: 'manual' });
    } finally {
      await browser.close();
    }
  });

  test('passes both EPUB validators with no errors or warnings', async (t) => {
    assert.deepEqual((await epubcheckTs(readFileSync(epubPath()))).messages, []);
    if (!javaEpubcheckAvailable()) {
      if (javaEpubcheckRequired()) assert.fail('WENJI_REQUIRE_EPUBCHECK=1 but /usr/share/java/epubcheck.jar is missing');
      t.skip('EPUBCheck (Java) is not installed');
      return;
    }
    const check = await javaEpubcheck(epubPath());
    assert.deepEqual(check.messages, []);
    assert.deepEqual([check.fatals, check.errors, check.warnings], [0, 0, 0]);
  });
});
