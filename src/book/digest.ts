import { createHash } from 'node:crypto';

/**
 * The digest of an article after a deterministic change (a writing-mode pass, rewritten links):
 * the input's digest and what the change depended on. Undefined stays undefined: an article
 * that did not come through the cache has no digest, and its documents are always rendered.
 */
export function derivedDigest(digest: string | undefined, ...parts: unknown[]): string | undefined {
  if (digest === undefined) return undefined;
  return createHash('sha256').update(JSON.stringify([digest, ...parts])).digest('hex');
}
