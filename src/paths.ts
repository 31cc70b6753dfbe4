import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding wenji's package.json (works from src/ via tsx and from dist/). */
function findPackageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (true) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'wenji') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('wenji: cannot find the package folder (package.json)');
    dir = parent;
  }
}

export const packageRoot = findPackageRoot();
export const stylesDir = path.join(packageRoot, 'styles');
export const version = (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
