import { linkSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes a file that must not exist yet, atomically: the bytes go to a hidden temporary file in
 * the same folder (the build skips dot files), which is then hard-linked to the name — a link
 * fails when the name is taken, so nothing is ever overwritten, even by a concurrent run — and
 * removed. Where hard links are not supported, an exclusive create of the name stands in for it.
 * Returns false when the name is taken.
 */
export function writeNewFile(target: string, data: Uint8Array | string): boolean {
  const folder = path.dirname(target);
  const temporary = path.join(folder, `.${path.basename(target)}.${process.pid}.add.tmp`);
  mkdirSync(folder, { recursive: true });
  try {
    writeFileSync(temporary, data, { flag: 'wx' });
    try {
      linkSync(temporary, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error;
      // No hard links here (some network and FAT file systems): claim the name, then move the
      // complete file over the empty placeholder.
      try {
        writeFileSync(target, '', { flag: 'wx' });
      } catch (claim) {
        if ((claim as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw claim;
      }
      renameSync(temporary, target);
    }
    return true;
  } finally {
    rmSync(temporary, { force: true });
  }
}
