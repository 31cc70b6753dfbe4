import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';

/**
 * The one integrity rule of every build-cache entry (articles, EPUB documents, covers,
 * downloaded images): the file is `wenji-sealed 1\n`, the SHA-256 of the entry's key and of
 * every byte after the hash, then those bytes. The hash covers exactly the bytes that are used
 * (an EPUB document's CRC and length included) and binds them to their key, so a damaged,
 * truncated or foreign file — or two files swapped — is never used: it is deleted, and the
 * entry is made again and rewritten by the build that missed it.
 */
const magic = Buffer.from('wenji-sealed 1\n', 'latin1');
const hashLength = 32;

function digest(key: string, payload: Uint8Array): Buffer {
  return createHash('sha256').update(key).update('\0').update(payload).digest();
}

/** The bytes of a sealed entry for `key`. */
export function seal(key: string, payload: Uint8Array | string): Buffer {
  const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload;
  return Buffer.concat([magic, digest(key, bytes), bytes]);
}

/** The payload of sealed `bytes` if they are whole and `key`'s; otherwise undefined. */
export function unseal(bytes: Uint8Array, key: string): Buffer | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < magic.length + hashLength || !buffer.subarray(0, magic.length).equals(magic)) return undefined;
  const payload = buffer.subarray(magic.length + hashLength);
  return digest(key, payload).equals(buffer.subarray(magic.length, magic.length + hashLength)) ? payload : undefined;
}

/**
 * The payload of the sealed file for `key`; undefined if there is none. A file that is there but
 * not whole, or not this key's, is deleted (it would fail again, and a new one replaces it).
 * Never throws.
 */
export function readSealed(file: string, key: string): Buffer | undefined {
  // A miss is the common case of a first build: checked without the cost of an exception.
  if (!existsSync(file)) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const payload = unseal(bytes, key);
  if (payload === undefined) discard(file);
  return payload;
}

/** Deletes a bad cache file; one that cannot be deleted is only a miss again next time. */
export function discard(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // left for the next run
  }
}
