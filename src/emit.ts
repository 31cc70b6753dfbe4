import { mkdirSync, rename, renameSync, rmSync, statSync, writeFile, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WenjiError, describeError } from './errors.js';

/**
 * The only code that writes into out/. A file appears complete or not at all: the bytes go to
 * a hidden temporary file in the same folder, which is then renamed over the target.
 */
export function emitFile(outDir: string, fileName: string, data: Uint8Array | string): string {
  const target = path.join(outDir, fileName);
  try {
    writeAtomically(target, data);
  } catch (error) {
    throw new WenjiError('output', `cannot write the output: ${describeError(error)}; check that the folder is writable`, { file: target, cause: error });
  }
  return target;
}

/**
 * A file of the incremental-build cache (`out/.cache/…`), written atomically like an output so
 * that a build killed halfway never leaves a half entry. Errors are thrown as they are: the
 * cache only speeds builds up, so its caller decides to carry on without it.
 */
export function emitCacheFile(cacheDir: string, relative: string, data: Uint8Array | string): void {
  writeAtomically(path.join(cacheDir, relative), data);
}

/**
 * `emitCacheFile` on the thread pool: the build goes on while the entry is written. The caller
 * keeps the promise and waits for it before the run ends.
 */
export async function emitCacheFileAsync(cacheDir: string, relative: string, data: Uint8Array | string): Promise<void> {
  const target = path.join(cacheDir, relative);
  const folder = path.dirname(target);
  const temporary = path.join(folder, `.${path.basename(target)}.${process.pid}.${++temporaries}.tmp`);
  // Plain callbacks: fs/promises costs the main thread several times more per file.
  const step = (run: (done: (error: NodeJS.ErrnoException | null) => void) => void) =>
    new Promise<void>((resolve, reject) => run((error) => (error ? reject(error) : resolve())));
  try {
    mkdirSync(folder, { recursive: true });
    await step((done) => writeFile(temporary, data, done));
    await step((done) => rename(temporary, target, done));
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

let temporaries = 0;

/**
 * A temporary file left by a run that was killed: old enough that no running build still writes
 * it (two builds of one book may run at once; each renames only its own temporary files).
 */
export function abandonedTemporary(cacheDir: string, relative: string): boolean {
  if (!relative.endsWith('.tmp')) return false;
  try {
    return Date.now() - statSync(path.join(cacheDir, relative)).mtimeMs > 60 * 60 * 1000;
  } catch {
    return false;
  }
}

/** Deletes cache files (stale entries); a file that is already gone is fine. */
export function removeCacheFiles(cacheDir: string, relatives: string[]): void {
  for (const relative of relatives) rmSync(path.join(cacheDir, relative), { force: true });
}

function writeAtomically(target: string, data: Uint8Array | string): void {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(temporary, data);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
