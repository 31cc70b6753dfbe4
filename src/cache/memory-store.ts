import type { ImageAsset } from '../book/model.js';
import type { ArticleStore } from './article-cache.js';
import type { CacheEntry } from './entry.js';

/**
 * Entries in memory, for the preview: one per article, replaced when the article changes.
 * An entry is cloned once, when stored, and then shared by every rebuild that reads it: the
 * stages after normalization never change an article (adaptToWritingMode clones what it
 * rewrites), and sharing lets the preview remember its work per article by identity.
 */
export function memoryStore(): ArticleStore {
  const entries = new Map<string, { entry: CacheEntry; images: Map<string, Uint8Array> }>();
  return {
    read(key) {
      const found = entries.get(key);
      return found;
    },
    write(entry, images: ImageAsset[]) {
      entries.set(entry.key, { entry: structuredClone(entry), images: new Map(images.map((image) => [image.href, image.data])) });
    },
    finish(used) {
      for (const key of entries.keys()) if (!used.has(key)) entries.delete(key);
    },
  };
}
