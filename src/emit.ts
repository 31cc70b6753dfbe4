import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WenjiError, describeError } from './errors.js';

/**
 * The only code that writes into out/. A file appears complete or not at all: the bytes go to
 * a hidden temporary file in the same folder, which is then renamed over the target.
 */
export function emitFile(outDir: string, fileName: string, data: Uint8Array | string): string {
  const target = path.join(outDir, fileName);
  const temporary = path.join(outDir, `.${fileName}.${process.pid}.tmp`);
  try {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(temporary, data);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new WenjiError('output', `cannot write the output: ${describeError(error)}; check that the folder is writable`, { file: target, cause: error });
  }
  return target;
}
