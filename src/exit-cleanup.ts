import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * What must be undone however the process ends — normally, by an error, or by Ctrl-C or SIGTERM
 * (which the command line turns into an exit, cli/signals.ts): temporary folders, a browser and
 * its profile, half-written temporary files. Each cleanup is synchronous (an `exit` listener can
 * do nothing else) and runs once; one that fails does not stop the others.
 *
 * SIGKILL runs nothing: what it leaves is swept by the next run (emit.ts, writers/pdf/work-folder.ts)
 * and Chromium, on a pipe, ends when its parent does.
 */
const cleanups = new Set<() => void>();
let listening = false;

/** Registers `cleanup` until the returned function is called (when the work it undoes is done). */
export function onExitCleanup(cleanup: () => void): () => void {
  if (!listening) {
    listening = true;
    process.on('exit', runExitCleanups);
  }
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}

/**
 * Runs every registered cleanup now (the exit listener; a signal handler before it exits), the
 * last registered first: a browser is killed before the folder it writes into is removed.
 */
export function runExitCleanups(): void {
  const pending = [...cleanups].reverse();
  cleanups.clear();
  for (const cleanup of pending) {
    try {
      cleanup();
    } catch {
      // best effort: the next run sweeps what is left
    }
  }
}

/** Whether a process with this id is running (ours, or anyone's: EPERM means it exists). */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the entries of `folder` that a process left which has ended (its id given by
 * `ownerOf` from the entry's name; entries of no process, or of a live one, stay). Housekeeping:
 * never fails, and what cannot be removed now is tried again by a later run.
 */
export function removeLeftByDeadProcesses(folder: string, ownerOf: (name: string) => number | undefined): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const owner = ownerOf(name);
    if (owner === undefined || processAlive(owner)) continue;
    try {
      rmSync(path.join(folder, name), { recursive: true, force: true });
    } catch {
      // someone else's, or busy: a later run tries again
    }
  }
}

const written: string[] = [];

/** Records an output file as written (emit.ts), so that an interruption can say what was. */
export function recordWritten(file: string): void {
  written.push(file);
}

/** The outputs written so far by this run. */
export function writtenFiles(): readonly string[] {
  return written;
}
