import { chmodSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.js';

/** The user a test drops to when it runs as root (root reads everything): `nobody`. */
export const nobody = { uid: 65534, gid: 65534 } as const;

const opened = new Map<string, number>();

/**
 * Lets `nobody` reach the repository (the CLI, dist/, node_modules) when it sits below a folder
 * only its owner may enter, as a clone in a `mktemp -d` folder does (mode 0700): each such
 * ancestor gets the search bit for others (`o+x`: enter, not list) until the test process ends,
 * then its old mode back. Nothing is done unless the test runs as root.
 */
export function letNobodyReachRepository(): void {
  if (process.getuid?.() !== 0) return;
  const parts = path.resolve(repoRoot).split(path.sep).filter(Boolean);
  let dir: string = path.sep;
  for (const part of parts) {
    dir = path.join(dir, part);
    if (opened.has(dir)) continue;
    const mode = statSync(dir).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      opened.set(dir, mode);
      chmodSync(dir, mode | 0o001);
    }
  }
}

process.on('exit', () => {
  for (const [dir, mode] of opened) {
    try {
      chmodSync(dir, mode);
    } catch {
      // Gone already: nothing to restore.
    }
  }
});
