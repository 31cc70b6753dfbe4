#!/usr/bin/env node
// Thin launcher. `npm ci` (the `prepare` script) or `npm run compile` builds the CLI: tsc
// compiles src/ into dist/src, and esbuild bundles that into dist/bundle, which starts faster.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundled = new URL('../dist/bundle/wenji.js', import.meta.url);
const compiled = new URL('../dist/src/cli/main.js', import.meta.url);
const entry = [bundled, compiled].find((url) => existsSync(fileURLToPath(url)));
if (!entry) {
  console.error('wenji: the compiled CLI is missing (dist/). Run `npm install` or `npm run compile` in the wenji folder.');
  process.exit(70);
}
await import(entry.href);
