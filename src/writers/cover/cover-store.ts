import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { abandonedTemporary, emitCacheFile, removeCacheFiles } from '../../emit.js';
import { describeError } from '../../errors.js';
import { readSealed, seal } from '../../sealed-file.js';
import type { CoverStore } from './prepare-cover.js';

/** Covers kept: enough for a book's horizontal and vertical editions and a couple of old titles. */
const keep = 4;

/**
 * Drawn covers (JPEG) in `out/.cache/covers/<key>.cover`, sealed (sealed-file.ts): a truncated or
 * damaged one is deleted and drawn again. Drawing takes a few tenths of a second, which
 * is most of a rebuild's EPUB time when the articles come from the cache. Reading never throws;
 * a failed write is one warning and the build goes on.
 */
export function diskCoverStore(cacheDir: string, warn: (line: string) => void = () => {}): CoverStore {
  const folder = path.join(cacheDir, 'covers');
  return {
    read(key) {
      const data = readSealed(path.join(folder, `${key}.cover`), key);
      return data ? new Uint8Array(data) : undefined;
    },
    write(key, data) {
      try {
        emitCacheFile(cacheDir, `covers/${key}.cover`, seal(key, data));
        const names = readdirSync(folder);
        removeCacheFiles(cacheDir, names.filter((name) => abandonedTemporary(`covers/${name}`)).map((name) => `covers/${name}`));
        const older = names
          .filter((name) => name.endsWith('.cover') || name.endsWith('.jpg'))
          .map((name) => ({ name, time: statSync(path.join(folder, name)).mtimeMs }))
          .sort((a, b) => b.time - a.time || (a.name < b.name ? -1 : 1))
          .slice(keep);
        removeCacheFiles(cacheDir, older.map(({ name }) => `covers/${name}`));
      } catch (error) {
        warn(`${cacheDir}: cannot keep the drawn cover in the build cache (${describeError(error)})`);
      }
    },
  };
}
