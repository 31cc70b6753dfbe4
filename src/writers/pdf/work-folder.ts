import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onExitCleanup, removeLeftByDeadProcesses } from '../../exit-cleanup.js';

/** `wenji-pdf-<pid>-XXXXXX`: the process that made it is in its name. */
const prefix = 'wenji-pdf-';

/**
 * The PDF writer's temporary folder (fonts, pages, images, the browser profile), named after
 * this process and removed however the process ends (exit-cleanup.ts). Folders of processes
 * that are gone (a SIGKILLed build) are removed first; those of builds still running, here or
 * beside us, are left alone.
 */
export function makeWorkFolder(root = tmpdir()): { dir: string; remove: () => void } {
  sweepWorkFolders(root);
  const dir = mkdtempSync(path.join(root, `${prefix}${process.pid}-`));
  const remove = () => removeSettled(dir);
  // On an interruption, a browser still starting (not yet known to the printer) is found by its
  // profile, inside this folder, named on its command line.
  const forget = onExitCleanup(() => {
    killProcessesNaming(dir);
    remove();
  });
  return {
    dir,
    remove: () => {
      forget();
      remove();
    },
  };
}

/** SIGKILLs every process whose command line names `dir` (Linux: /proc; elsewhere nothing). */
export function killProcessesNaming(dir: string): void {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return;
  }
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes(dir)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // gone, or not ours
    }
  }
}

/**
 * Removes the folder, trying again for up to two seconds while it is still being written into
 * (a browser killed a moment ago whose helpers have not all ended yet). Synchronous: it also
 * runs as the process exits.
 */
function removeSettled(dir: string): void {
  const until = Date.now() + 2000;
  for (;;) {
    try {
      rmSync(dir, { recursive: true, force: true });
      if (!existsSync(dir)) return;
    } catch (error) {
      if (Date.now() > until) throw error;
    }
    if (Date.now() > until) return;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
}

/** Removes the work folders whose process has ended; never fails the build. */
export function sweepWorkFolders(root = tmpdir()): void {
  removeLeftByDeadProcesses(root, (name) => {
    const match = /^wenji-pdf-(\d+)-/.exec(name);
    return match ? Number(match[1]) : undefined;
  });
}
