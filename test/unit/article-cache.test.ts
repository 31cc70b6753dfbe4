import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ArticleCache } from '../../src/cache/article-cache.js';
import { diskStore } from '../../src/cache/disk-store.js';
import { memoryStore } from '../../src/cache/memory-store.js';
import { prepareBook } from '../../src/prepare-book.js';
import { assembleBody } from '../../src/writers/pdf/assemble.js';
import { labelsFor } from '../../src/locale/labels.js';
import { pageGeometries } from '../../src/writers/pdf/geometry.js';
import { repoRoot } from '../helpers/paths.js';

/** The sample book, copied so that tests can change it. */
function copySample(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wenji-cache-'));
  cpSync(path.join(repoRoot, 'content'), path.join(dir, 'content'), { recursive: true });
  cpSync(path.join(repoRoot, 'book.yaml'), path.join(dir, 'book.yaml'));
  return dir;
}

const html = (book: Awaited<ReturnType<typeof prepareBook>>['book']) =>
  assembleBody(book, { mode: 'horizontal', geometry: pageGeometries.a5, labels: labelsFor('zh-Hans'), css: '', fontCss: '', colophon: true });

const messagesOf = (prepared: Awaited<ReturnType<typeof prepareBook>>) =>
  prepared.files.flatMap((file) => file.messages.map((message) => `${file.path} ${message.name} ${message.ruleId} ${message.fatal} ${message.reason}`));

describe('the article cache', () => {
  let dir: string;
  before(() => {
    dir = copySample();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a second run takes every article from the cache and gives the same book and warnings', async () => {
    const store = memoryStore();
    const cache = (config: Parameters<NonNullable<Parameters<typeof prepareBook>[0]['cache']>>[0]) => new ArticleCache(store, config.config);
    const cold = await prepareBook({ dir, cwd: dir, cache });
    assert.deepEqual(cold.stats, { normalized: 6, reused: 0 });
    const warm = await prepareBook({ dir, cwd: dir, cache });
    assert.deepEqual(warm.stats, { normalized: 0, reused: 6 });
    const fresh = await prepareBook({ dir, cwd: dir });
    assert.equal(html(warm.book), html(fresh.book));
    assert.deepEqual(warm.book.images.map((image) => [image.href, image.data.length]), fresh.book.images.map((image) => [image.href, image.data.length]));
    assert.deepEqual(messagesOf(warm), messagesOf(fresh));
    assert.ok(messagesOf(warm).some((line) => line.includes('remote image not fetched')), 'the remote-image warning is replayed');
  });

  test('on disk: survives a new process, re-normalizes only what changed, ignores corrupt entries', async () => {
    const cacheDir = path.join(dir, 'out', '.cache');
    const open = (config: Parameters<NonNullable<Parameters<typeof prepareBook>[0]['cache']>>[0]) => new ArticleCache(diskStore(cacheDir), config.config);
    assert.deepEqual((await prepareBook({ dir, cwd: dir, cache: open })).stats, { normalized: 6, reused: 0 });
    assert.deepEqual((await prepareBook({ dir, cwd: dir, cache: open })).stats, { normalized: 0, reused: 6 });

    writeFileSync(path.join(dir, 'content', '04-letter.txt'), '致一位远方的读者\n改过的一段。\n');
    assert.deepEqual((await prepareBook({ dir, cwd: dir, cache: open })).stats, { normalized: 1, reused: 5 });

    const entries = readdirSync(path.join(cacheDir, 'articles'));
    assert.equal(entries.length, 6, 'the entry of the old letter was pruned');
    writeFileSync(path.join(cacheDir, 'articles', entries[0]!), '{"schema":1,"key":"trunc');
    writeFileSync(path.join(cacheDir, 'articles', entries[1]!), 'not json at all');
    const repaired = await prepareBook({ dir, cwd: dir, cache: open });
    assert.deepEqual(repaired.stats, { normalized: 2, reused: 4 });
    assert.equal(html(repaired.book), html((await prepareBook({ dir, cwd: dir })).book));
  });

  test('a changed, removed or damaged image re-normalizes the article that shows it', async () => {
    const cacheDir = path.join(dir, 'out', '.cache');
    const open = (config: Parameters<NonNullable<Parameters<typeof prepareBook>[0]['cache']>>[0]) => new ArticleCache(diskStore(cacheDir), config.config);
    await prepareBook({ dir, cwd: dir, cache: open });
    const images = readdirSync(path.join(cacheDir, 'images'));
    assert.equal(images.length, 1);
    writeFileSync(path.join(cacheDir, 'images', images[0]!), 'damaged');
    assert.deepEqual((await prepareBook({ dir, cwd: dir, cache: open })).stats, { normalized: 1, reused: 5 });

    rmSync(path.join(dir, 'content', 'images', 'lamp.png'));
    const missing = await prepareBook({ dir, cwd: dir, cache: open });
    assert.deepEqual(missing.stats, { normalized: 1, reused: 5 });
    assert.ok(messagesOf(missing).some((line) => /image not found: images\/lamp\.png/.test(line)));
    cpSync(path.join(repoRoot, 'content', 'images', 'lamp.png'), path.join(dir, 'content', 'images', 'lamp.png'));
    const back = await prepareBook({ dir, cwd: dir, cache: open });
    assert.deepEqual(back.stats, { normalized: 1, reused: 5 });
    assert.equal(back.book.images.length, 1);
  });

  test('a setting that normalization reads invalidates every entry; the book title does not', async () => {
    const store = memoryStore();
    const cache = (config: Parameters<NonNullable<Parameters<typeof prepareBook>[0]['cache']>>[0]) => new ArticleCache(store, config.config);
    await prepareBook({ dir, cwd: dir, cache });
    assert.deepEqual((await prepareBook({ dir, cwd: dir, cache, overrides: { title: '另一个书名' } })).stats, { normalized: 0, reused: 6 });
    assert.deepEqual((await prepareBook({ dir, cwd: dir, cache, overrides: { language: 'zh-Hant' } })).stats, { normalized: 6, reused: 0 });
  });

  test('an unwritable cache folder is reported once and the run goes on', async () => {
    const blocked = path.join(dir, 'blocked');
    writeFileSync(blocked, 'a file where the cache folder should be');
    const warnings: string[] = [];
    const prepared = await prepareBook({ dir, cwd: dir, cache: (config) => new ArticleCache(diskStore(path.join(blocked, '.cache'), (line) => warnings.push(line)), config.config) });
    assert.equal(prepared.book.articles.length, 6);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /cannot write the build cache/);
  });
});
