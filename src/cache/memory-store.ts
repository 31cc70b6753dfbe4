import type { ImageAsset } from '../book/model.js';
import type { ArticleStore } from './article-cache.js';
import type { CacheEntry } from './entry.js';

/**
 * Entries in memory, for the preview: one per article, replaced when the article changes.
 * Entries are cloned on the way in and out, so a later stage can never alter a cached tree.
 */
export function memoryStore(): ArticleStore {
  const entries = new Map<string, { entry: CacheEntry; images: Map<string, Uint8Array> }>();
  return {
    read(key) {
      const found = entries.get(key);
      return found ? { entry: structuredClone(found.entry), images: found.images } : undefined;
    },
    write(entry, images: ImageAsset[]) {
      entries.set(entry.key, { entry: structuredClone(entry), images: new Map(images.map((image) => [image.href, image.data])) });
    },
    finish(used) {
      for (const key of entries.keys()) if (!used.has(key)) entries.delete(key);
    },
  };
}
