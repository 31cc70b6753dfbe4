import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { epubcheckTs, openEpub } from '../helpers/epub.js';
import { openPdf } from '../helpers/pdf.js';
import { repoRoot } from '../helpers/paths.js';

const run = promisify(execFile);

/**
 * What a user gets from `npm pack` → `npm i -g ./wenji-*.tgz`: the packed files (package.json
 * `files`, the manifest without the clone's `prepare` script), installed into an empty prefix
 * from the npm registry (or npm's cache), then `wenji init book && wenji build book` with that
 * installation alone. On a machine without a system Chromium the PDF comes from the installed
 * `@sparticuz/chromium`.
 */
describe('the packed package', () => {
  let root: string;
  let tarball: string;
  let prefix: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'wenji-package-'));
    // A user's shell, not `npm test`'s: npm passes its own settings to scripts as npm_* variables.
    env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || key === 'npm_config_cache'));
    // Packed from a copy, so that the manifest step runs as `npm pack` runs it (prepack without
    // the compile, which `npm test` has just done) while other tests use the working tree.
    const stage = path.join(root, 'stage');
    mkdirSync(stage);
    for (const entry of ['package.json', 'README.md', 'LICENSE', 'bin', 'styles', 'scripts', 'dist/bundle']) {
      cpSync(path.join(repoRoot, entry), path.join(stage, entry), { recursive: true });
    }
    execFileSync(process.execPath, [path.join(stage, 'scripts', 'pack-manifest.mjs'), 'strip'], { cwd: stage });
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', root], { cwd: stage, env });
    const [info] = JSON.parse(packed.stdout) as { filename: string }[];
    tarball = path.join(root, info!.filename);
    prefix = path.join(root, 'prefix');
    await run('npm', ['install', '-g', '--prefix', prefix, tarball, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: root,
      env,
      timeout: 600_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('holds the runtime files only', async () => {
    const listed = await run('tar', ['-tzf', tarball]);
    const files = listed.stdout.trim().split('\n').map((name) => name.replace(/^package\//, ''));
    assert.ok(files.includes('bin/wenji.js'));
    assert.ok(files.includes('dist/bundle/wenji.cjs'));
    assert.ok(files.includes('styles/print.css') && files.includes('styles/epub.css'));
    assert.ok(files.includes('LICENSE') && files.includes('README.md'));
    const unwanted = files.filter((name) => /^(src|test|bench|docs|content|scripts|\.bt|dist\/(src|test|bench))\/|\.v8cache$|\.tsbuildinfo$|\.(epub|pdf)$/.test(name));
    assert.deepEqual(unwanted, []);
    const manifest = JSON.parse(readFileSync(path.join(prefix, 'lib', 'node_modules', 'wenji', 'package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
      bin?: Record<string, string>;
      engines?: Record<string, string>;
      license?: string;
    };
    assert.equal(manifest.scripts?.prepare, undefined, 'the installed manifest has no prepare script');
    assert.equal(manifest.bin?.wenji, 'bin/wenji.js');
    assert.ok(manifest.engines?.node);
    assert.equal(manifest.license, 'MIT');
    // The repository's own manifest keeps it (the clone's `npm ci` compiles with it).
    assert.ok((JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.prepare);
  });

  test('installs globally and builds a new book with `wenji init` and `wenji build`', async (t) => {
    const bin = path.join(prefix, 'bin', 'wenji');
    const userEnv = { ...env, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${env.PATH ?? ''}` };
    const version = await run(bin, ['--version'], { cwd: root, env: userEnv });
    assert.equal(version.stdout.trim(), (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version);
    await run('wenji', ['init', 'book', '--title', '包里的书'], { cwd: root, env: userEnv });
    const build = await run('wenji', ['build', 'book'], { cwd: root, env: userEnv, timeout: 300_000 });
    assert.match(build.stderr + build.stdout, /包里的书\.pdf/);
    const out = path.join(root, 'book', 'out');
    assert.deepEqual(readdirSync(out).filter((name) => !name.startsWith('.')).sort(), ['包里的书.epub', '包里的书.pdf']);
    const epub = await openEpub(path.join(out, '包里的书.epub'));
    const validation = await epubcheckTs(epub.raw);
    assert.deepEqual([validation.fatals, validation.errors, validation.warnings], [0, 0, 0], validation.messages.join('\n'));
    const pdf = await openPdf(path.join(out, '包里的书.pdf'));
    assert.ok(pdf.pages.length >= 4);
    assert.ok(pdf.pages.some((page) => page.squashed.includes('秋夜读书记')));
    t.diagnostic(`tarball ${(statSync(tarball).size / 1e6).toFixed(1)} MB; installed ${(sizeOf(prefix) / 1e6).toFixed(0)} MB`);
  });

  test('git holds only source', async () => {
    if (!existsSync(path.join(repoRoot, '.git'))) return;
    const tracked = (await run('git', ['ls-files'], { cwd: repoRoot })).stdout.trim().split('\n');
    const generated = tracked.filter((name) => /^(\.bt|dist|out|node_modules)\/|\.(tgz|epub|pdf|v8cache|tsbuildinfo)$/.test(name));
    assert.deepEqual(generated, []);
  });
});

function sizeOf(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += sizeOf(full);
    else if (entry.isFile()) total += statSync(full).size;
  }
  return total;
}
