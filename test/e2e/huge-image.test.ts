import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { cliEntry } from '../helpers/paths.js';
import { openEpub } from '../helpers/epub.js';

/**
 * An image path naming a 1.5 GB local file (sparse: it takes no disk) is refused by its size
 * before anything reads it: the build finishes with a warning naming it, node's peak resident
 * memory stays far below the file's size (it cost 1.7 GB when the file was read), and, where
 * strace can trace, the file is never opened — neither to package it nor to hash it for the cache.
 */

const root = mkdtempSync(path.join(tmpdir(), 'wenji-huge-image-'));
const book = path.join(root, 'book');
const big = path.join(book, 'content', 'big.jpg');
after(() => rmSync(root, { recursive: true, force: true }));
before(() => {
  mkdirSync(path.join(book, 'content'), { recursive: true });
  writeFileSync(path.join(book, 'book.yaml'), 'title: 大图之书\nslug: huge\n');
  writeFileSync(path.join(book, 'content', '01.md'), '# 一篇有大图的文章\n\n图前的一段文字。\n\n![x](big.jpg)\n\n图后的一段文字。\n');
  writeFileSync(big, '');
  truncateSync(big, 1500 * 1024 * 1024);
});

const peakHook = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'helpers', 'peak-memory-hook.js')).href;

/** A `wenji epub` run and its peak resident memory in MB, written by the process itself as it exits. */
function epubPeak(): { status: number | null; stderr: string; peakMB: number } {
  const report = path.join(root, 'peak');
  const run = spawnSync(process.execPath, ['--import', peakHook, cliEntry, 'epub', book], { encoding: 'utf8', env: { ...process.env, WENJI_TEST_PEAK_FILE: report } });
  return { status: run.status, stderr: run.stderr, peakMB: Number(readFileSync(report, 'utf8')) / 1024 };
}

test('an image path naming a 1.5 GB file: refused unread by its size, with a warning naming it; memory stays low', async (t) => {
  for (const pass of ['cold', 'cached']) {
    const run = epubPeak();
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /warning\s+image larger than 20 MB skipped: big\.jpg/, `${pass}: the warning names the file`);
    assert.doesNotMatch(run.stderr, /internal error/);
    assert.ok(run.peakMB < 400, `${pass}: peak resident memory ${run.peakMB.toFixed(0)} MB (reading the file would cost over 1,500 MB)`);
  }
  const epub = await openEpub(path.join(book, 'out', 'huge.epub'));
  assert.ok(!epub.names.some((name) => /\.(jpe?g|png|gif)$/i.test(name) && !/cover/i.test(name)), 'no image of the article packaged');

  const strace = spawnSync('strace', ['-f', '-qq', '-e', 'trace=open,openat,openat2', '-o', path.join(root, 'trace'), process.execPath, cliEntry, 'epub', book, '--no-cache'], { encoding: 'utf8' });
  if (strace.error || strace.status !== 0 || /ptrace|Operation not permitted/.test(strace.stderr)) {
    t.diagnostic('strace cannot trace here: that the file is not read is checked by peak memory only');
    return;
  }
  const opened = readFileSync(path.join(root, 'trace'), 'utf8').split('\n').filter((line) => line.includes(big));
  assert.deepEqual(opened, [], 'big.jpg is never opened');
});
