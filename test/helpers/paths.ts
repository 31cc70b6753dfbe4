import path from 'node:path';
import { packageRoot } from '../../src/paths.js';

/** The repository root (where package.json is), whether tests run from dist/ or from src. */
export const repoRoot = packageRoot;
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');
export const fixture = (...parts: string[]) => path.join(fixturesDir, ...parts);
/** The compiled CLI entry, as `npm run` and `npx wenji` use it. */
export const cliEntry = path.join(repoRoot, 'bin', 'wenji.js');
