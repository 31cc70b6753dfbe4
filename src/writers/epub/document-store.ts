import { readdirSync } from 'node:fs';
import path from 'node:path';
import { abandonedTemporary, emitCacheFileAsync, removeCacheFiles } from '../../emit.js';
import { describeError } from '../../errors.js';
import { readSealed, seal } from '../../sealed-file.js';

/** An article document as the EPUB holds it: XHTML deflated, with its CRC-32 and length. */
export interface StoredDocument {
  deflated: Uint8Array;
  crc: number;
  size: number;
}

/** Article documents kept between builds, by a key of the article's digest and the writer's settings. */
export interface DocumentStore {
  read(key: string): StoredDocument | undefined;
  write(key: string, document: StoredDocument): void;
  /** The build is over: documents it did not use may go (once its writes are done). */
  finish?(): void | Promise<void>;
}

/**
 * Article documents as the EPUB holds them (rendered XHTML, deflated) in
 * `out/.cache/documents/<key>.deflate` (an edition built on the EPUB keeps its own in a folder
 * of its own, `name`, so that neither build prunes the other's), sealed (sealed-file.ts): the CRC-32 and length of the
 * XHTML (4 bytes each), then the stream, all under the hash and bound to the key. An unchanged
 * article is copied into the next EPUB as it is. Reading never throws: a damaged, truncated or
 * swapped file is deleted and is a miss, so a bad entry never reaches a book. A failed write is
 * one warning and the build goes on.
 */
const headerLength = 8;

export function diskDocumentStore(cacheDir: string, warn: (line: string) => void = () => {}, name = 'documents'): DocumentStore {
  const folder = path.join(cacheDir, name);
  const used = new Set<string>();
  let broken = false;
  const pending: Promise<void>[] = [];
  return {
    read(key) {
      used.add(key);
      const bytes = readSealed(path.join(folder, `${key}.deflate`), key);
      if (!bytes || bytes.length < headerLength) return undefined;
      const deflated = new Uint8Array(bytes.buffer, bytes.byteOffset + headerLength, bytes.length - headerLength);
      return { crc: bytes.readUInt32LE(0), size: bytes.readUInt32LE(4), deflated };
    },
    write(key, document: StoredDocument) {
      used.add(key);
      if (broken) return;
      const header = Buffer.alloc(headerLength);
      header.writeUInt32LE(document.crc, 0);
      header.writeUInt32LE(document.size, 4);
      pending.push(
        emitCacheFileAsync(cacheDir, `${name}/${key}.deflate`, seal(key, Buffer.concat([header, document.deflated]))).catch((error: unknown) => {
          if (broken) return;
          broken = true;
          warn(`${cacheDir}: cannot keep rendered documents in the build cache (${describeError(error)})`);
        }),
      );
    },
    async finish() {
      await Promise.all(pending);
      try {
        const stale = readdirSync(folder).filter((file) => (file.endsWith('.tmp') ? abandonedTemporary(`${name}/${file}`) : !used.has(file.replace(/\.deflate$/, ''))));
        removeCacheFiles(cacheDir, stale.map((file) => `${name}/${file}`));
      } catch {
        // pruning is housekeeping; the next run tries again
      }
    },
  };
}
