#!/usr/bin/env node
// Launcher. `npm ci` (the `prepare` script) or `npm run compile` builds the CLI: tsc compiles
// src/ into dist/src, and esbuild bundles that into dist/bundle/wenji.cjs (scripts/bundle.mjs).
//
// The bundle runs with a V8 code cache: the first run saves the compiled code next to the
// bundle (or in the temp folder when the package folder is read-only), and later runs skip
// compiling it. Node 20 has no built-in compile cache; this is what it would do. A cache that
// does not fit (another Node, a rebuilt bundle) is rejected by V8 and written again.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const bundle = fileURLToPath(new URL('../dist/bundle/wenji.cjs', import.meta.url));
const compiled = new URL('../dist/src/cli/main.js', import.meta.url);
// The bundle's modules that stay in node_modules are loaded with this launcher's import().
globalThis.__wenjiImport = (specifier) => import(specifier);

if (existsSync(bundle)) {
  // --verbose wants source-mapped stack traces, which Node gives modules it loads itself.
  if (process.argv.includes('--verbose') || process.env.WENJI_CODE_CACHE === '0') {
    process.setSourceMapsEnabled(true);
    createRequire(import.meta.url)(bundle);
  }
  else runCached(bundle);
} else if (existsSync(fileURLToPath(compiled))) {
  await import(compiled.href);
} else {
  console.error('wenji: the compiled CLI is missing (dist/). Run `npm install` or `npm run compile` in the wenji folder.');
  process.exit(70);
}

function runCached(file) {
  const source = readFileSync(file, 'utf8');
  const places = [`${file}.v8cache`, path.join(tmpdir(), `wenji-${process.versions.v8}-${source.length}.v8cache`)];
  let cachedData;
  for (const place of places) {
    try {
      cachedData = readFileSync(place);
      break;
    } catch {
      // not there
    }
  }
  // The wrapper is CommonJS's own; lineOffset keeps stack-trace lines right.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {\n${source}\n})`, { filename: file, lineOffset: -1, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    // Written when the run is over, so that the cache holds the functions a build compiles.
    process.once('exit', () => saveCache(script, places));
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
}

function saveCache(script, places) {
  let data;
  try {
    data = script.createCachedData();
  } catch {
    return;
  }
  for (const place of places) {
    const temporary = `${place}.${process.pid}.tmp`;
    try {
      mkdirSync(path.dirname(place), { recursive: true });
      writeFileSync(temporary, data);
      renameSync(temporary, place);
      return;
    } catch {
      rmSync(temporary, { force: true });
    }
  }
}
