import { existsSync, mkdirSync, rename, renameSync, rmSync, writeFile, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WenjiError, describeError } from './errors.js';
import { onExitCleanup, processAlive, recordWritten, removeLeftByDeadProcesses } from './exit-cleanup.js';

/**
 * The only code that writes into out/. A file appears complete or not at all: the bytes go to
 * a hidden temporary file in the same folder, which is then renamed over the target.
 */
export function emitFile(outDir: string, fileName: string, data: Uint8Array | string): string {
  const target = path.join(outDir, fileName);
  removeAbandonedTemporaries(outDir);
  try {
    writeAtomically(target, data);
  } catch (error) {
    throw new WenjiError('output', cannotWrite(error, target, Buffer.byteLength(data)), { file: target, cause: error });
  }
  recordWritten(target);
  return target;
}

/** Why an output could not be written, in the user's terms: a full disk is not a permission problem. */
function cannotWrite(error: unknown, target: string, bytes: number): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    const kept = existsSync(target) ? 'the old file is unchanged' : 'nothing was written';
    const what = code === 'ENOSPC' ? 'no space left on the disk' : 'the disk quota is used up';
    return `${what} (the file needs ${formatSize(bytes)}); ${kept}; free some space and build again`;
  }
  return `cannot write the output: ${describeError(error)}; check that the folder is writable`;
}

const formatSize = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

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
  // Interrupted while the write is on the thread pool: the half file goes with the process.
  const forget = onExitCleanup(() => rmSync(temporary, { force: true }));
  try {
    mkdirSync(folder, { recursive: true });
    await step((done) => writeFile(temporary, data, done));
    await step((done) => rename(temporary, target, done));
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  } finally {
    forget();
  }
}

let temporaries = 0;

/**
 * A temporary file (`.<name>.<pid>[.<n>].tmp`) left by a run that was killed between writing it
 * and renaming it: its process is gone. One of a build running now — this one, or another
 * building the same book at the same time — is not abandoned, however old.
 */
export function abandonedTemporary(relative: string): boolean {
  const owner = temporaryOwner(path.basename(relative));
  return owner !== undefined && !processAlive(owner);
}

/** The process id in a temporary file's name (`.<name>.<pid>[.<n>].tmp`). */
function temporaryOwner(name: string): number | undefined {
  const match = /\.[A-Za-z][\w-]*\.(\d+)(?:\.\d+)?\.tmp$/.exec(name);
  return match ? Number(match[1]) : undefined;
}

/** Removes the abandoned temporary files of `folder` (an output folder); never fails the build. */
export function removeAbandonedTemporaries(folder: string): void {
  removeLeftByDeadProcesses(folder, (name) => (name.startsWith('.') ? temporaryOwner(name) : undefined));
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
