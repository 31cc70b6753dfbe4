#!/usr/bin/env node
// Launcher. `npm ci` (the `prepare` script) or `npm run compile` builds the CLI: tsc compiles
// src/ into dist/src, and esbuild bundles that into dist/bundle/wenji.cjs (scripts/bundle.mjs).
//
// The bundle runs with a V8 code cache: the first run saves the compiled code next to the
// bundle (or, when the package folder is read-only, in the user's cache folder), and later runs
// skip compiling it. Node 20 has no built-in compile cache; this is what it would do. The cache
// is named after the bundle's content (dist/bundle/wenji.cjs.id) and the V8 version, so it is
// only ever used with the code it was made from; a cache V8 rejects anyway is written again.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';

const bundle = fileURLToPath(new URL('../dist/bundle/wenji.cjs', import.meta.url));
const compiled = new URL('../dist/src/cli/main.js', import.meta.url);
// The bundle's modules that stay in node_modules are loaded with this launcher's import().
globalThis.__wenjiImport = (specifier) => import(specifier);

if (existsSync(bundle)) {
  const id = readId(bundle);
  // --verbose wants source-mapped stack traces, which Node gives modules it loads itself.
  if (!id || process.argv.includes('--verbose') || process.env.WENJI_CODE_CACHE === '0') {
    process.setSourceMapsEnabled(process.argv.includes('--verbose'));
    createRequire(import.meta.url)(bundle);
  } else runCached(bundle, id);
} else if (existsSync(fileURLToPath(compiled))) {
  await import(compiled.href);
} else {
  console.error('wenji: the compiled CLI is missing (dist/). Run `npm install` or `npm run compile` in the wenji folder.');
  process.exit(70);
}

function readId(file) {
  try {
    const id = readFileSync(`${file}.id`, 'utf8').trim();
    return /^[0-9a-f]{16,64}$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

function runCached(file, id) {
  const name = `wenji-${id}-${process.versions.v8}.v8cache`;
  const userCache = path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'wenji');
  const places = [path.join(path.dirname(file), name), path.join(userCache, name)];
  const source = readFileSync(file, 'utf8');
  let script;
  let used;
  for (const place of places) {
    let cachedData;
    try {
      cachedData = readFileSync(place);
    } catch {
      continue;
    }
    script = compile(file, source, cachedData);
    if (!script.cachedDataRejected) {
      used = cachedData;
      break;
    }
  }
  script ??= compile(file, source, undefined);
  // Written when the run is over, so that the cache holds the functions the run compiled; a
  // small cache (made by `--version` or `--help`) is replaced by the first run that does more.
  // A worker thread (the article reader, see src/article-work.ts) runs the same bundle: only the
  // main thread writes the cache.
  if (isMainThread && (!used || used.length < 1_000_000)) process.once('exit', () => saveCache(script, places, used?.length ?? 0));
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
}

function compile(file, source, cachedData) {
  // The wrapper is CommonJS's own; lineOffset keeps stack-trace lines right.
  return new vm.Script(`(function (exports, require, module, __filename, __dirname) {\n${source}\n})`, { filename: file, lineOffset: -1, cachedData });
}

function saveCache(script, places, previous) {
  let data;
  try {
    data = script.createCachedData();
  } catch {
    return;
  }
  if (data.length <= previous) return;
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
