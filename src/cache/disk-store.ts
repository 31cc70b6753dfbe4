import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ImageAsset } from '../book/model.js';
import { abandonedTemporary, emitCacheFile, emitCacheFileAsync, removeCacheFiles } from '../emit.js';
import { describeError } from '../errors.js';
import { imageMatchesHref, type ArticleStore } from './article-cache.js';
import { isEntry, type CacheEntry } from './entry.js';

/** Marks the folder as a cache for backup tools (https://bford.info/cachedir/). */
const cachedirTag = 'Signature: 8a477f597d28d172789f06886806bc55\n# This folder is wenji\'s incremental-build cache; it can be deleted at any time.\n';

/**
 * Entries in `out/.cache`: `articles/<key>.json` (the Article with its hast body and messages)
 * and `images/<hash>.<ext>` (image bytes, shared between articles). Reading never throws: a
 * missing, truncated or foreign entry is a miss. A failed write turns the cache off for the
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
      // A miss is the common case of a first build: checked without the cost of an exception.
      if (!existsSync(file)) return undefined;
      try {
        entry = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        return undefined;
      }
      if (!isEntry(entry, key)) return undefined;
      const images = new Map<string, Uint8Array>();
      for (const image of entry.articles.flatMap((article) => article.images)) {
        try {
          const data = readFileSync(path.join(cacheDir, 'images', path.basename(image.href)));
          if (!imageMatchesHref(image.href, data)) return undefined;
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
          .then(() => emitCacheFileAsync(cacheDir, `articles/${entry.key}.json`, json))
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
