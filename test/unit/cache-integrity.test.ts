import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { after, describe, test } from 'node:test';
import { ArticleCache } from '../../src/cache/article-cache.js';
import { diskStore } from '../../src/cache/disk-store.js';
import { prepareBook } from '../../src/prepare-book.js';
import { seal, unseal } from '../../src/sealed-file.js';
import { diskCoverStore } from '../../src/writers/cover/cover-store.js';
import { diskDocumentStore, type StoredDocument } from '../../src/writers/epub/document-store.js';
import { repoRoot } from '../helpers/paths.js';

const root = mkdtempSync(path.join(tmpdir(), 'wenji-integrity-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Every way a cache file goes bad that issue 11 found or that a disk can do. */
const corruptions: Record<string, (file: string, other: string) => void> = {
  'two bytes of the header (a document’s CRC)': (file) => edit(file, (bytes) => (bytes[bytes.indexOf(10) + 33]! ^= 0xff, bytes[bytes.indexOf(10) + 34]! ^= 0x01)),
  'one byte of the body': (file) => edit(file, (bytes) => (bytes[bytes.length - 2]! ^= 0x20)),
  'one bit of the hash': (file) => edit(file, (bytes) => (bytes[bytes.indexOf(10) + 1]! ^= 0x01)),
  truncated: (file) => writeFileSync(file, readFileSync(file).subarray(0, Math.floor(readFileSync(file).length / 2))),
  'cut to nothing': (file) => writeFileSync(file, ''),
  'foreign bytes': (file) => writeFileSync(file, 'GIF89a not a cache entry'),
  'swapped with another entry': (file, other) => {
    const temporary = `${file}.swap`;
    renameSync(file, temporary);
    renameSync(other, file);
    renameSync(temporary, other);
  },
};

function edit(file: string, change: (bytes: Buffer) => void): void {
  const bytes = readFileSync(file);
  change(bytes);
  writeFileSync(file, bytes);
}

describe('sealed-file: the hash covers every byte used and the key', () => {
  test('a sealed entry opens under its key only, and not after any change', () => {
    const sealed = seal('k1', '内容');
    assert.equal(unseal(sealed, 'k1')?.toString(), '内容');
    assert.equal(unseal(sealed, 'k2'), undefined, 'bound to its key');
    for (let i = 0; i < sealed.length; i++) {
      const changed = Buffer.from(sealed);
      changed[i]! ^= 0x04;
      assert.equal(unseal(changed, 'k1'), undefined, `byte ${i}`);
    }
  });
});

describe('every corruption of an EPUB document entry is deleted, missed and rebuilt', () => {
  const xhtml = (text: string) => Buffer.from(`<html><body><p>${text}</p></body></html>`);
  const documentOf = (text: string): StoredDocument => ({ deflated: new Uint8Array(deflateRawSync(xhtml(text))), crc: text.length, size: xhtml(text).length });

  for (const [kind, corrupt] of Object.entries(corruptions)) {
    test(kind, async () => {
      const cacheDir = mkdtempSync(path.join(root, 'documents-'));
      const store = diskDocumentStore(cacheDir);
      store.write('k1', documentOf('第一篇'));
      store.write('k2', documentOf('第二篇'));
      await store.finish?.();
      const file = path.join(cacheDir, 'documents', 'k1.deflate');
      corrupt(file, path.join(cacheDir, 'documents', 'k2.deflate'));
      const again = diskDocumentStore(cacheDir);
      assert.equal(again.read('k1'), undefined, 'never used');
      assert.equal(existsSync(file), false, 'deleted');
      again.write('k1', documentOf('第一篇'));
      await again.finish?.();
      const healed = diskDocumentStore(cacheDir).read('k1');
      assert.deepEqual(healed && { ...healed, deflated: Buffer.from(healed.deflated) }, { ...documentOf('第一篇'), deflated: Buffer.from(documentOf('第一篇').deflated) });
    });
  }
});

describe('every corruption of a cover is deleted and the cover drawn again', () => {
  for (const [kind, corrupt] of Object.entries(corruptions)) {
    test(kind, () => {
      const cacheDir = mkdtempSync(path.join(root, 'covers-'));
      const store = diskCoverStore(cacheDir);
      const jpeg = (n: number) => new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, n), Buffer.from([0xff, 0xd9])]));
      store.write('c1', jpeg(1));
      store.write('c2', jpeg(2));
      const file = path.join(cacheDir, 'covers', 'c1.cover');
      corrupt(file, path.join(cacheDir, 'covers', 'c2.cover'));
      assert.equal(store.read('c1'), undefined);
      assert.equal(existsSync(file), false);
      store.write('c1', jpeg(1));
      assert.deepEqual(store.read('c1'), jpeg(1));
    });
  }
});

describe('every corruption of an article entry re-normalizes that article and heals the cache', () => {
  const dir = path.join(root, 'book');
  cpSync(path.join(repoRoot, 'content'), path.join(dir, 'content'), { recursive: true });
  cpSync(path.join(repoRoot, 'book.yaml'), path.join(dir, 'book.yaml'));
  const cacheDir = path.join(dir, 'out', '.cache');
  const open = (config: Parameters<NonNullable<Parameters<typeof prepareBook>[0]['cache']>>[0]) => new ArticleCache(diskStore(cacheDir), config.config);
  const titles = (prepared: Awaited<ReturnType<typeof prepareBook>>) => prepared.book.articles.map((article) => `${article.contentPath}: ${article.title}`);

  for (const [kind, corrupt] of Object.entries(corruptions)) {
    test(kind, async () => {
      const fresh = await prepareBook({ dir, cwd: dir, cache: open });
      const entries = readdirSync(path.join(cacheDir, 'articles')).filter((name) => name.endsWith('.json')).sort();
      corrupt(path.join(cacheDir, 'articles', entries[0]!), path.join(cacheDir, 'articles', entries[1]!));
      const repaired = await prepareBook({ dir, cwd: dir, cache: open });
      const hit = kind === 'swapped with another entry' ? 2 : 1;
      assert.deepEqual(repaired.stats, { normalized: hit, reused: entries.length - hit });
      assert.deepEqual(titles(repaired), titles(fresh), 'each article under its own name');
      assert.deepEqual((await prepareBook({ dir, cwd: dir, cache: open })).stats, { normalized: 0, reused: entries.length }, 'healed');
    });
  }

  test('one character of a title changed, the entry still valid JSON under its own key', async () => {
    const fresh = await prepareBook({ dir, cwd: dir, cache: open });
    const entries = readdirSync(path.join(cacheDir, 'articles')).filter((name) => name.endsWith('.json'));
    // A damage that only the seal sees: the JSON parses, the key inside matches its name.
    const damaged = entries.some((name) => {
      const file = path.join(cacheDir, 'articles', name);
      const bytes = readFileSync(file);
      for (const article of fresh.book.articles) {
        const title = Buffer.from(JSON.stringify(article.title).slice(1, -1));
        const at = bytes.indexOf(title);
        if (at === -1 || title.length < 3 || title[0]! < 0xe0) continue;
        Buffer.from('错').copy(bytes, at);
        writeFileSync(file, bytes);
        return true;
      }
      return false;
    });
    assert.ok(damaged, 'a title found in an entry');
    const repaired = await prepareBook({ dir, cwd: dir, cache: open });
    assert.deepEqual(titles(repaired), titles(fresh), 'the damaged title is never shown');
    assert.deepEqual(repaired.stats, { normalized: 1, reused: entries.length - 1 });
  });
});
