import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { abandonedTemporary, emitCacheFileAsync, removeCacheFiles } from '../../emit.js';
import { describeError } from '../../errors.js';

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

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * Article documents as the EPUB holds them (rendered XHTML, deflated) in
 * `out/.cache/documents/<key>.deflate` (an edition built on the EPUB keeps its own in a folder
 * of its own, `name`, so that neither build prunes the other's): the CRC-32 and length of the XHTML (4 bytes each), the
 * SHA-256 of the deflate stream (32 bytes), then the stream. An unchanged article is copied into
 * the next EPUB as it is. Reading never throws: a file whose stream does not match its hash
 * (truncated, damaged) is a miss, so a bad entry never reaches a book. A failed write is one
 * warning and the build goes on.
 */
const headerLength = 8 + 32;

export function diskDocumentStore(cacheDir: string, warn: (line: string) => void = () => {}, name = 'documents'): DocumentStore {
  const folder = path.join(cacheDir, name);
  const used = new Set<string>();
  let broken = false;
  const pending: Promise<void>[] = [];
  return {
    read(key) {
      used.add(key);
      let bytes: Buffer;
      const file = path.join(folder, `${key}.deflate`);
      if (!existsSync(file)) return undefined;
      try {
        bytes = readFileSync(file);
      } catch {
        return undefined;
      }
      if (bytes.length < headerLength) return undefined;
      const deflated = new Uint8Array(bytes.buffer, bytes.byteOffset + headerLength, bytes.length - headerLength);
      if (sha256(deflated) !== bytes.subarray(8, headerLength).toString('hex')) return undefined;
      return { crc: bytes.readUInt32LE(0), size: bytes.readUInt32LE(4), deflated };
    },
    write(key, document: StoredDocument) {
      used.add(key);
      if (broken) return;
      const header = Buffer.alloc(headerLength);
      header.writeUInt32LE(document.crc, 0);
      header.writeUInt32LE(document.size, 4);
      header.write(sha256(document.deflated), 8, 'hex');
      pending.push(
        emitCacheFileAsync(cacheDir, `${name}/${key}.deflate`, Buffer.concat([header, document.deflated])).catch((error: unknown) => {
          if (broken) return;
          broken = true;
          warn(`${cacheDir}: cannot keep rendered documents in the build cache (${describeError(error)})`);
        }),
      );
    },
    async finish() {
      await Promise.all(pending);
      try {
        const stale = readdirSync(folder).filter((file) => (file.endsWith('.tmp') ? abandonedTemporary(cacheDir, `${name}/${file}`) : !used.has(file.replace(/\.deflate$/, ''))));
        removeCacheFiles(cacheDir, stale.map((file) => `${name}/${file}`));
      } catch {
        // pruning is housekeeping; the next run tries again
      }
    },
  };
}
