import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { cliEntry } from '../helpers/paths.js';
import { openEpub } from '../helpers/epub.js';
import { openPdf } from '../helpers/pdf.js';

/**
 * A build on a full disk: out/ is a small tmpfs when this process may mount one (root, not in a
 * container that refuses it), else every write under out/ fails with ENOSPC through a preloaded
 * hook (test/helpers/enospc-hook.ts). Either way: exit 7 with one line naming the full disk, out/
 * holds the whole old file or nothing (no partial file, no temporary), TMPDIR holds nothing of
 * the run, and no Chromium is left.
 */

const root = mkdtempSync(path.join(tmpdir(), 'wenji-full-disk-'));
const book = path.join(root, 'book');
const out = path.join(book, 'out');
const temp = path.join(root, 'tmp');
const hook = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'helpers', 'enospc-hook.js')).href;

let mounted = false;
before(() => {
  mkdirSync(path.join(book, 'content'), { recursive: true });
  mkdirSync(out, { recursive: true });
  mkdirSync(temp, { recursive: true });
  writeFileSync(path.join(book, 'book.yaml'), 'title: 满盘之书\nslug: full\n');
  writeArticles('初稿');
  mounted = process.env.WENJI_TEST_SIMULATE_FULL_DISK !== '1' && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', out]).status === 0;
  if (!mounted) console.log('full disk: no tmpfs could be mounted on out/; writes under out/ fail with ENOSPC through a preloaded hook instead');
});
after(() => {
  if (mounted) spawnSync('umount', [out]);
  rmSync(root, { recursive: true, force: true });
});

function writeArticles(draft: string): void {
  const paragraph = `这是${draft}里一段写满磁盘时的文字，用来看旧文件是否完好。`.repeat(10);
  writeFileSync(path.join(book, 'content', '01.md'), `# 第一篇\n\n${paragraph}\n\n${paragraph}\n`);
}

/** Fills the tmpfs (or, simulated, turns the hook on): the next write there fails with ENOSPC. */
let simulatedFull = false;
function fillDisk(): void {
  if (!mounted) return void (simulatedFull = true);
  const fd = openSync(path.join(out, 'filler'), 'w');
  const chunk = Buffer.alloc(1024 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    assert.equal((error as NodeJS.ErrnoException).code, 'ENOSPC');
    // the last few blocks too
    try {
      for (;;) writeSync(fd, chunk.subarray(0, 4096));
    } catch {
      // full
    }
  } finally {
    closeSync(fd);
  }
}
function freeDisk(): void {
  simulatedFull = false;
  rmSync(path.join(out, 'filler'), { force: true });
}

function wenji(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const env = { ...process.env, TMPDIR: temp, ...(simulatedFull ? { WENJI_TEST_FULL_DISK: out } : {}) };
  const child = spawn(process.execPath, [...(mounted ? [] : ['--import', hook]), cliEntry, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

/** What out/ holds besides the cache and the filler: outputs and any temporary. */
const outputs = () => readdirSync(out).filter((name) => name !== '.cache' && name !== 'filler').sort();
const temporaries = () => (existsSync(path.join(out, '.cache')) ? readdirSync(path.join(out, '.cache'), { recursive: true }).map(String).filter((name) => name.endsWith('.tmp')) : []);

/** Processes whose command line names the runs' TMPDIR (Chromium's profile is in it). */
function browsersLeft(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        return readFileSync(`/proc/${name}/cmdline`, 'latin1').includes(temp);
      } catch {
        return false;
      }
    })
    .map(Number);
}

function assertFullDiskFailure(run: { code: number | null; stderr: string }, file: string, kept: RegExp): void {
  assert.equal(run.code, 7, run.stderr);
  const last = run.stderr.trim().split('\n').at(-1)!;
  assert.match(last, new RegExp(`^wenji: error: \\S*${file.replace('.', '\\.')}: no space left on the disk \\(the file needs \\d+(\\.\\d)? [KM]B\\); `));
  assert.match(last, kept);
  assert.doesNotMatch(run.stderr, /internal error|check that the folder is writable|\n\s+at /);
  assert.deepEqual(readdirSync(temp), [], 'nothing of the run left in TMPDIR');
  assert.deepEqual(browsersLeft(), [], 'no Chromium left');
  assert.deepEqual(temporaries(), [], 'no half cache entry');
}

describe('a build on a full disk', () => {
  for (const [command, file] of [['epub', 'full.epub'], ['pdf', 'full.pdf']] as const) {
    test(`\`wenji ${command}\` with no old file: exit 7, one line, nothing in out/`, async () => {
      fillDisk();
      try {
        const run = await wenji([command, book]);
        assertFullDiskFailure(run, file, /nothing was written; free some space and build again$/);
        assert.deepEqual(outputs(), [], 'no partial file, no temporary');
      } finally {
        freeDisk();
      }
    });

    test(`\`wenji ${command}\` over an old file: exit 7, the old file whole`, async () => {
      writeArticles('初稿');
      const first = await wenji([command, book]);
      assert.equal(first.code, 0, first.stderr);
      const old = readFileSync(path.join(out, file));
      writeArticles('二稿');
      fillDisk();
      try {
        const run = await wenji([command, book, '--no-cache']);
        assertFullDiskFailure(run, file, /the old file is unchanged; free some space and build again$/);
        assert.deepEqual(outputs(), [file], 'the old file only: no partial file, no temporary');
        assert.ok(readFileSync(path.join(out, file)).equals(old), 'the old file, byte for byte');
        if (command === 'epub') assert.ok((await openEpub(path.join(out, file))).names.some((name) => name.endsWith('.xhtml')));
        else assert.ok((await openPdf(path.join(out, file))).pages.length > 0);
      } finally {
        freeDisk();
        rmSync(path.join(out, file), { force: true });
      }
    });
  }
});
