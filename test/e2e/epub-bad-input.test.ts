import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { runCli, type CliResult } from '../helpers/cli.js';
import { epubcheckTs, openEpub, readPackage } from '../helpers/epub.js';

/** A book whose cover is not an image, with an embedded font and an article that has no text. */
describe('EPUB bad input: a cover that is not an image, an article with no text', () => {
  let root: string;
  let result: CliResult;
  const epubFile = () => path.join(root, 'out', 'bad-cover.epub');

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'wenji-epub-bad-'));
    mkdirSync(path.join(root, 'content'), { recursive: true });
    writeFileSync(path.join(root, 'book.yaml'), 'title: 封面坏了\nslug: bad-cover\ncover: art/cover.jpg\nepub:\n  writingMode: vertical\n  embedFont: true\n');
    mkdirSync(path.join(root, 'art'));
    writeFileSync(path.join(root, 'art', 'cover.jpg'), 'TODO: ask the designer for the cover');
    writeFileSync(path.join(root, 'content', '01-text.md'), '# 有字的文章\n\n正文，「引文」。\n');
    writeFileSync(path.join(root, 'content', '02-blank.md'), '---\ntitle: 没有字的文章\n---\n\n<div></div>\n');
    result = await runCli(['epub', root], { cwd: root });
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  test('builds the book (exit 0) and says what was wrong, one line each, naming the file', () => {
    assert.equal(result.code, 0, result.stderr);
    const warning = result.stderr.split('\n').filter((line) => line.includes('art/cover.jpg'));
    assert.deepEqual(warning, ['wenji: warning: art/cover.jpg: the cover is not an image (expected JPEG or PNG); using a generated cover']);
    assert.match(result.stderr, /content\/02-blank\.md[\s\S]*?no text/);
    assert.match(result.stderr, /2 warnings/);
  });

  test('falls back to a generated cover and keeps the empty article', async () => {
    const epub = await openEpub(epubFile());
    const pkg = await readPackage(epub);
    const cover = pkg.items.get('cover-image')!;
    assert.equal(cover.href, 'images/cover.jpg');
    const meta = await sharp(await epub.zip.file(pkg.entry(cover.href))!.async('uint8array')).metadata();
    assert.deepEqual([meta.width, meta.height], [1600, 2400]);
    assert.ok(pkg.spine.includes('blank.xhtml'));
    assert.ok([...pkg.items.values()].some((item) => item.mediaType === 'font/ttf'));
  });

  test('is a valid EPUB', async () => {
    assert.deepEqual((await epubcheckTs(readFileSync(epubFile()))).messages, []);
  });
});
