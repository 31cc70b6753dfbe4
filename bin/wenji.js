#!/usr/bin/env node
// Thin launcher: the CLI is compiled from src/ by `npm ci` (the `prepare` script) or `npm run compile`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('wenji: the compiled CLI is missing (dist/). Run `npm install` or `npm run compile` in the wenji folder.');
  process.exit(70);
}
await import(entry.href);
