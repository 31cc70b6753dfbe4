import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { runCli } from '../helpers/cli.js';
import { epubcheckTs, openEpub } from '../helpers/epub.js';
import { repoRoot } from '../helpers/paths.js';

const readLine = (stderr: string) => /^wenji: read \d+ articles? in [\d.]+ s \((.*)\)$/m.exec(stderr)?.[1];

describe('incremental builds', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wenji-incremental-'));
    cpSync(path.join(repoRoot, 'content'), path.join(dir, 'content'), { recursive: true });
    cpSync(path.join(repoRoot, 'book.yaml'), path.join(dir, 'book.yaml'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the second build re-normalizes nothing and writes the same EPUB; an edit re-normalizes one article', async () => {
    const epub = path.join(dir, 'out', 'dengxia-ji.epub');
    const first = await runCli(['epub', dir], { env: { SOURCE_DATE_EPOCH: '1700000000' } });
    assert.equal(first.code, 0, first.stderr);
    assert.equal(readLine(first.stderr), '6 normalized');
    assert.match(first.stderr, /drew the cover/);
    const cold = readFileSync(epub);

    const second = await runCli(['epub', dir], { env: { SOURCE_DATE_EPOCH: '1700000000' } });
    assert.equal(second.code, 0, second.stderr);
    assert.equal(readLine(second.stderr), '0 normalized, 6 from the cache');
    assert.match(second.stderr, /wenji: 6 articles \(0 normalized, 6 from the cache\), 1 warning/);
    assert.match(second.stderr, /remote image not fetched/, 'cached articles still report their warnings');
    assert.match(second.stderr, /cover from the cache/, 'the drawn cover is reused');
    assert.match(first.stderr, /rendered 6 article documents\n/);
    assert.match(second.stderr, /rendered 0 article documents, 6 from the cache/, 'article documents are reused');
    assert.ok(readFileSync(epub).equals(cold), 'byte-identical EPUB from the cache');

    const letter = path.join(dir, 'content', '04-letter.txt');
    writeFileSync(letter, `${readFileSync(letter, 'utf8')}又及：灯下写的。\n`);
    const third = await runCli(['epub', dir]);
    assert.equal(readLine(third.stderr), '1 normalized, 5 from the cache');
    assert.match(third.stderr, /rendered 1 article document, 5 from the cache/);
    const edited = await openEpub(epub);
    assert.match(await edited.text('OEBPS/letter.xhtml'), /又及：灯下写的。/, 'the edited article is in the book');
  });

  test('an article is rendered again when a link in it changes because another article changed', async () => {
    const book = mkdtempSync(path.join(tmpdir(), 'wenji-links-'));
    try {
      writeFileSync(path.join(book, 'book.yaml'), 'title: 链接之书\n');
      mkdirSync(path.join(book, 'content'));
      writeFileSync(path.join(book, 'content', '01-first.md'), '# 第一篇\n\n先读[第二篇的尾声](02-second.md#coda)，再回来。\n');
      const second = path.join(book, 'content', '02-second.md');
      writeFileSync(second, '# 第二篇\n\n正文。\n\n## Coda\n\n结束。\n');
      const epub = path.join(book, 'out', '链接之书.epub');
      const hrefs = async () => [...(await (await openEpub(epub)).text('OEBPS/first.xhtml')).matchAll(/<a href="([^"]*)"/g)].map((match) => match[1]);

      assert.equal((await runCli(['epub', book])).code, 0);
      const before = await hrefs();
      assert.equal(before.length, 1);
      assert.equal(before[0], 'second.xhtml#second-coda', 'the link points at the heading');

      // Only the second article changes: its heading is renamed, so the first article's link
      // now points at the article itself, and the first article's document must change with it.
      writeFileSync(second, '# 第二篇\n\n正文。\n\n## Afterword\n\n结束。\n');
      const rebuilt = await runCli(['epub', book]);
      assert.equal(rebuilt.code, 0, rebuilt.stderr);
      assert.equal(readLine(rebuilt.stderr), '1 normalized, 1 from the cache');
      assert.match(rebuilt.stderr, /rendered 2 article documents/);
      assert.deepEqual(await hrefs(), ['second.xhtml']);

      // The second article goes: the first article's link to it is dropped (its text stays).
      rmSync(second);
      const third = await runCli(['epub', book]);
      assert.equal(readLine(third.stderr), '0 normalized, 1 from the cache');
      assert.match(third.stderr, /rendered 1 article document\n/);
      assert.deepEqual(await hrefs(), []);
    } finally {
      rmSync(book, { recursive: true, force: true });
    }
  });

  test('an article whose image changed is rendered with the new image, like a build without the cache', async () => {
    const book = mkdtempSync(path.join(tmpdir(), 'wenji-image-'));
    try {
      writeFileSync(path.join(book, 'book.yaml'), 'title: 图之书\n');
      mkdirSync(path.join(book, 'content'));
      writeFileSync(path.join(book, 'content', '01-photo.md'), '# 照片\n\n![河边](river.png)\n\n正文。\n');
      const png = (red: number) => sharp({ create: { width: 40, height: 30, channels: 3, background: { r: red, g: 90, b: 60 } } }).png().toBuffer();
      writeFileSync(path.join(book, 'content', 'river.png'), await png(200));
      const env = { SOURCE_DATE_EPOCH: '1700000000' };
      assert.equal((await runCli(['epub', book], { env })).code, 0);

      writeFileSync(path.join(book, 'content', 'river.png'), await png(20));
      const rebuilt = await runCli(['epub', book], { env });
      assert.equal(rebuilt.code, 0, rebuilt.stderr);
      assert.match(rebuilt.stderr, /rendered 1 article document\n/);
      const epub = await openEpub(path.join(book, 'out', '图之书.epub'));
      const src = /<img [^>]*src="([^"]+)"/.exec(await epub.text('OEBPS/photo.xhtml'))?.[1];
      assert.ok(src && epub.names.includes(`OEBPS/${src}`), `the document points at ${src}, which the EPUB holds`);

      const out = mkdtempSync(path.join(tmpdir(), 'wenji-nocache-'));
      try {
        assert.equal((await runCli(['epub', book, '--out', out, '--no-cache'], { env })).code, 0);
        assert.ok(readFileSync(path.join(book, 'out', '图之书.epub')).equals(readFileSync(path.join(out, '图之书.epub'))), 'same bytes as without the cache');
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    } finally {
      rmSync(book, { recursive: true, force: true });
    }
  });

  test('a damaged rendered document is a miss: the book is the same as one built without the cache', async () => {
    const documents = path.join(dir, 'out', '.cache', 'documents');
    const names = readdirSync(documents);
    assert.ok(names.length >= 6);
    for (const name of names) {
      const bytes = readFileSync(path.join(documents, name));
      bytes[bytes.length - 1]! ^= 0xff;
      writeFileSync(path.join(documents, name), bytes.subarray(0, bytes.length - 3));
    }
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    const result = await runCli(['epub', dir], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /rendered 6 article documents\n/);
    const out = mkdtempSync(path.join(tmpdir(), 'wenji-nocache-'));
    try {
      assert.equal((await runCli(['epub', dir, '--out', out, '--no-cache'], { env })).code, 0);
      assert.ok(readFileSync(path.join(dir, 'out', 'dengxia-ji.epub')).equals(readFileSync(path.join(out, 'dengxia-ji.epub'))));
      const epub = await openEpub(path.join(dir, 'out', 'dengxia-ji.epub'));
      const check = await epubcheckTs(epub.raw);
      assert.deepEqual([check.fatals, check.errors], [0, 0]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('--no-cache neither reads nor writes the cache', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'wenji-nocache-'));
    try {
      const result = await runCli(['epub', dir, '--out', out, '--no-cache']);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(readLine(result.stderr), '6 normalized');
      assert.deepEqual(readdirSync(out), ['dengxia-ji.epub']);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('a corrupt cache entry is a miss, never an error', async () => {
    const articles = path.join(dir, 'out', '.cache', 'articles');
    for (const name of readdirSync(articles)) writeFileSync(path.join(articles, name), '{"schema":1,');
    const result = await runCli(['epub', dir]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(readLine(result.stderr), '6 normalized');
    assert.ok(existsSync(path.join(dir, 'out', '.cache', 'CACHEDIR.TAG')));
    assert.deepEqual(readdirSync(articles).filter((name) => name.endsWith('.tmp')), [], 'no temporary files left');
  });
});
