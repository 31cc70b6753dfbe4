import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ImageAsset } from '../book/model.js';
import { abandonedTemporary, emitCacheFile, emitCacheFileAsync, removeCacheFiles } from '../emit.js';
import { describeError } from '../errors.js';
import { discard, readSealed, seal } from '../sealed-file.js';
import { imageMatchesHref, type ArticleStore } from './article-cache.js';
import { isEntry, type CacheEntry } from './entry.js';

/** Marks the folder as a cache for backup tools (https://bford.info/cachedir/). */
const cachedirTag = 'Signature: 8a477f597d28d172789f06886806bc55\n# This folder is wenji\'s incremental-build cache; it can be deleted at any time.\n';

/**
 * Entries in `out/.cache`: `articles/<key>.json` (the Article with its hast body and messages)
 * and `images/<hash>.<ext>` (image bytes, shared between articles, named by their hash).
 * Reading never throws: a missing entry is a miss; a damaged, truncated, swapped or foreign one
 * (sealed-file.ts; an image whose bytes do not match its name) is deleted and is a miss. A failed write turns the cache off for the
 * rest of the run with one warning; the build itself goes on.
 */
export function diskStore(cacheDir: string, warn: (line: string) => void = () => {}): ArticleStore {
  let broken = false;
  const imagesOfUsed = new Set<string>();
  // Entries are written on the thread pool while the next article is read; `finish` waits.
  const pending: Promise<void>[] = [];
  const failed = (error: unknown) => {
    if (broken) return;
    broken = true;
    warn(`${cacheDir}: cannot write the build cache (${describeError(error)}); building without it`);
  };
  return {
    read(key) {
      let entry: unknown;
      const file = path.join(cacheDir, 'articles', `${key}.json`);
      const payload = readSealed(file, key);
      if (!payload) return undefined;
      try {
        entry = JSON.parse(payload.toString('utf8'));
      } catch {
        entry = undefined;
      }
      if (!isEntry(entry, key)) {
        // Sealed by an older wenji with another schema: rewritten by this build.
        discard(file);
        return undefined;
      }
      const images = new Map<string, Uint8Array>();
      for (const image of entry.articles.flatMap((article) => article.images)) {
        const imageFile = path.join(cacheDir, 'images', path.basename(image.href));
        try {
          const data = readFileSync(imageFile);
          if (!imageMatchesHref(image.href, data)) {
            discard(imageFile);
            return undefined;
          }
          images.set(image.href, data);
        } catch {
          return undefined;
        }
      }
      for (const href of images.keys()) imagesOfUsed.add(path.basename(href));
      return { entry, images };
    },
    write(entry: CacheEntry, images: ImageAsset[]) {
      if (broken) return;
      if (!existsSync(path.join(cacheDir, 'CACHEDIR.TAG'))) {
        try {
          emitCacheFile(cacheDir, 'CACHEDIR.TAG', cachedirTag);
        } catch (error) {
          failed(error);
          return;
        }
      }
      const json = JSON.stringify(entry);
      const newImages = images.filter((image) => {
        const name = path.basename(image.href);
        imagesOfUsed.add(name);
        return !existsSync(path.join(cacheDir, 'images', name));
      });
      // Images first: an entry on disk never points at an image that is not there yet.
      pending.push(
        Promise.all(newImages.map((image) => emitCacheFileAsync(cacheDir, `images/${path.basename(image.href)}`, image.data)))
          .then(() => emitCacheFileAsync(cacheDir, `articles/${entry.key}.json`, seal(entry.key, json)))
          .catch(failed),
      );
    },
    async finish(used) {
      await Promise.all(pending);
      if (broken) return;
      try {
        // Left-over temporary files of a killed run go too (not those of a build running now).
        const stale = list(cacheDir, 'articles').filter((name) => abandonedTemporary(`articles/${name}`) || (name.endsWith('.json') && !used.has(name.slice(0, -5))));
        const unused = list(cacheDir, 'images').filter((name) => (name.endsWith('.tmp') ? abandonedTemporary(`images/${name}`) : !imagesOfUsed.has(name)));
        removeCacheFiles(cacheDir, [...stale.map((name) => `articles/${name}`), ...unused.map((name) => `images/${name}`)]);
      } catch {
        // pruning is housekeeping; the next run tries again
      }
    },
  };
}

function list(cacheDir: string, folder: string): string[] {
  try {
    return readdirSync(path.join(cacheDir, folder));
  } catch {
    return [];
  }
}
