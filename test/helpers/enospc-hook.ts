import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';

/**
 * Loaded with `node --import` when a test cannot mount a small tmpfs: every write of a file under
 * `WENJI_TEST_FULL_DISK` (a folder) fails as on a full disk, with ENOSPC, after creating the
 * file empty (as a real full disk does). Reads, renames and deletions work.
 */
const full = process.env.WENJI_TEST_FULL_DISK;
if (full) {
  const under = (file: unknown) => typeof file === 'string' && path.resolve(file).startsWith(path.resolve(full) + path.sep);
  const noSpace = (file: string) => {
    fs.closeSync(fs.openSync(file, 'w'));
    return Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
  };
  const { writeFileSync, writeFile } = fs;
  const promisesWriteFile = fs.promises.writeFile;
  fs.writeFileSync = ((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    if (under(file)) throw noSpace(file as string);
    return (writeFileSync as (...args: unknown[]) => void)(file, ...rest);
  }) as typeof fs.writeFileSync;
  fs.writeFile = ((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    const done = rest.at(-1) as (error: Error | null) => void;
    if (under(file)) return void process.nextTick(() => done(noSpace(file as string)));
    return (writeFile as (...args: unknown[]) => void)(file, ...rest);
  }) as typeof fs.writeFile;
  fs.promises.writeFile = ((file: fs.PathLike, ...rest: unknown[]) => {
    if (under(file)) return Promise.reject(noSpace(file as string));
    return (promisesWriteFile as (...args: unknown[]) => Promise<void>)(file, ...rest);
  }) as typeof fs.promises.writeFile;
  syncBuiltinESMExports();
}
