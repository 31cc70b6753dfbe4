import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The one containment rule for paths that untrusted text names (an article's images and links,
 * a saved page's parts, the book's stylesheet and cover): a path is used only when it and every
 * symbolic link on the way stay inside the folder that holds it. Nothing outside is opened,
 * hashed or even asked about: a path that leaves the folder as written is refused before the
 * file system is touched, and one that leaves it through a link is refused after `realpath`,
 * before it is read.
 */

/** Whether `target` is `root` or lies below it (both absolute; no file-system access). */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  // `..` or `../x` leaves the folder; a name that merely starts with dots (`..cache/a.png`) does not.
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** Largest local image (or other referenced file) wenji reads, in bytes: larger ones are refused unread. */
export const maxReferencedBytes = 20 * 1024 * 1024;

export type ContainedFile =
  | {
      ok: true;
      /** The real path (links resolved). */
      path: string;
      /** Relative to the real root, forward slashes. */
      relative: string;
      size: number;
      mtimeMs: number;
    }
  | { ok: false; reason: 'missing' | 'outside' | 'not-a-file' | 'unreadable'; code?: string };

/**
 * `reference` — a path as an article writes it, already decoded (see `localReference`) — taken
 * relative to the folder `from`, and accepted only as a file inside `root`.
 */
export function containedFile(root: string, from: string, reference: string): ContainedFile {
  const target = path.resolve(from, reference);
  const lexicalRoot = path.resolve(root);
  if (!isInside(lexicalRoot, target)) return { ok: false, reason: 'outside' };
  let real: string;
  let realRoot: string;
  try {
    realRoot = realpathSync(lexicalRoot);
    real = realpathSync(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { ok: false, reason: 'missing' } : { ok: false, reason: 'unreadable', ...(code ? { code } : {}) };
  }
  if (!isInside(realRoot, real)) return { ok: false, reason: 'outside' };
  try {
    const stat = statSync(real);
    if (!stat.isFile()) return { ok: false, reason: 'not-a-file' };
    return { ok: true, path: real, relative: path.relative(realRoot, real).split(path.sep).join('/'), size: stat.size, mtimeMs: stat.mtimeMs };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: 'unreadable', ...(code ? { code } : {}) };
  }
}

/**
 * A local address from an article (`images/a%20b.jpg?v=2#x`) as a path: without its query and
 * fragment, percent escapes decoded (kept as written when they are not valid UTF-8).
 */
export function localReference(address: string): string {
  const bare = address.trim().replace(/[?#].*$/s, '');
  try {
    return decodeURIComponent(bare);
  } catch {
    return bare;
  }
}

/** Whether an address has a scheme (`https:`, `data:`, `mailto:`…) or is protocol-relative: not a local path. */
export function hasScheme(address: string): boolean {
  return /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(address.trim());
}
