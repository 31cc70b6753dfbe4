import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cliEntry } from '../helpers/paths.js';
import { fc } from '../helpers/property.js';
import { openEpub } from '../helpers/epub.js';
import { PDFDocument } from 'pdf-lib';
import { startServer, stall, type TestServer } from '../helpers/http-server.js';

/**
 * Real signals sent to real runs: Ctrl-C (SIGINT) and SIGTERM end a build with one line, exit
 * 130/143, and leave no temporary folder, browser or half file; SIGKILL during printing leaves no
 * Chromium running, and what it leaves in the temporary folder the next build removes. Every run
 * has its own TMPDIR, so that what is left behind is this run's alone.
 */

const root = mkdtempSync(path.join(tmpdir(), 'wenji-signals-'));
after(() => rmSync(root, { recursive: true, force: true }));

interface Run {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once stderr has matched `pattern`. */
  waitFor: (pattern: RegExp) => Promise<void>;
}

function start(args: string[], temp: string): Run {
  mkdirSync(temp, { recursive: true });
  // A fixed build date: a build that finishes before its kill writes the same bytes as the one before.
  const child = spawn(process.execPath, [cliEntry, ...args], { env: { ...process.env, TMPDIR: temp, SOURCE_DATE_EPOCH: '1796083200' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const waiting: { pattern: RegExp; resolve: () => void }[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const wait of [...waiting]) if (wait.pattern.test(stderr)) waiting.splice(waiting.indexOf(wait), 1), wait.resolve();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return {
    child,
    stderr: () => stderr,
    exited,
    waitFor: (pattern) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(stderr)) return resolve();
        waiting.push({ pattern, resolve });
        void exited.then(() => reject(new Error(`exited before ${pattern}: ${stderr}`)));
      }),
  };
}

/** Processes whose command line names `marker` (Chromium's names its profile folder). */
function processesNaming(marker: string): number[] {
  const found: number[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes(marker)) found.push(Number(pid));
    } catch {
      // ended meanwhile
    }
  }
  return found;
}

async function settled(check: () => boolean, ms = 3000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

/** A book that takes a few seconds to print: `count` articles of several pages each. */
function makeBook(dir: string, count: number): void {
  mkdirSync(path.join(dir, 'content'), { recursive: true });
  writeFileSync(path.join(dir, 'book.yaml'), 'title: 信号测试\nslug: signals\n');
  const paragraph = '这一段是为测试中断而写的文字，长一点，好让排版多花些时间。'.repeat(30);
  for (let i = 1; i <= count; i++) writeFileSync(path.join(dir, 'content', `${String(i).padStart(2, '0')}.md`), `# 第${i}篇\n\n${`${paragraph}\n\n`.repeat(6)}`);
}

const outputs = (dir: string) => (existsSync(path.join(dir, 'out')) ? readdirSync(path.join(dir, 'out')).filter((name) => name !== '.cache') : []);
const leftovers = (temp: string) => readdirSync(temp);

describe('Ctrl-C and SIGTERM: one line, nothing half-done left', () => {
  const book = path.join(root, 'book');
  before(() => makeBook(book, 12));

  test('SIGINT while `wenji pdf` prints: exit 130, one line, no PDF, no temporary folder, no browser', async () => {
    const temp = path.join(root, 'tmp-pdf');
    const run = start(['pdf', book, '--no-cache', '--verbose'], temp);
    await run.waitFor(/printing with Chromium/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const marker = path.join(temp, `wenji-pdf-${run.child.pid}-`);
    assert.ok(processesNaming(marker).length > 0, 'Chromium is running with its profile in the work folder');
    run.child.kill('SIGINT');
    const { code } = await run.exited;
    assert.equal(code, 130, run.stderr());
    assert.equal(run.stderr().trim().split('\n').at(-1), 'wenji: interrupted; nothing was written');
    assert.doesNotMatch(run.stderr(), /internal error/);
    assert.deepEqual(outputs(book), []);
    assert.deepEqual(leftovers(temp), []);
    assert.ok(await settled(() => processesNaming(marker).length === 0), 'no Chromium left');
  });

  test('SIGTERM during `wenji build` after the EPUB: exit 143, the EPUB whole, no PDF, nothing else', async () => {
    const temp = path.join(root, 'tmp-build');
    rmSync(path.join(book, 'out'), { recursive: true, force: true });
    const run = start(['build', book, '--no-cache', '--verbose'], temp);
    await run.waitFor(/printing with Chromium/);
    run.child.kill('SIGTERM');
    const { code } = await run.exited;
    assert.equal(code, 143, run.stderr());
    assert.match(run.stderr().trim().split('\n').at(-1)!, /^wenji: interrupted; only \S*signals\.epub was written$/);
    assert.doesNotMatch(run.stderr(), /internal error/);
    assert.deepEqual(outputs(book), ['signals.epub']);
    const epub = await openEpub(path.join(book, 'out', 'signals.epub'));
    assert.ok(epub.names.some((name) => name.endsWith('.xhtml')), 'a whole EPUB');
    assert.deepEqual(leftovers(temp), []);
    assert.ok(await settled(() => processesNaming(path.join(temp, 'wenji-pdf-')).length === 0));
  });

  test('SIGINT during `wenji epub`: exit 130 and nothing written', async () => {
    const temp = path.join(root, 'tmp-epub');
    const big = path.join(root, 'big');
    makeBook(big, 40);
    const run = start(['epub', big, '--no-cache', '--verbose'], temp);
    // Sent as soon as the run speaks: the articles are being read.
    await run.waitFor(/wenji: /);
    run.child.kill('SIGINT');
    const { code } = await run.exited;
    assert.equal(code, 130, run.stderr());
    assert.equal(run.stderr().trim().split('\n').at(-1), 'wenji: interrupted; nothing was written');
    assert.deepEqual(outputs(big), []);
    assert.deepEqual(leftovers(temp), []);
  });

  test('SIGINT during `wenji add`: exit 130, the downloads folder removed', async () => {
    const temp = path.join(root, 'tmp-add');
    const server: TestServer = await startServer({ '/slow.html': stall('text/html; charset=utf-8', '<html><head><title>慢</title></head><body><p>开头') });
    try {
      const run = start(['add', `${server.origin}/slow.html`, book], temp);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.ok(leftovers(temp).some((name) => name.startsWith('wenji-add-')), 'the download folder exists while it runs');
      run.child.kill('SIGINT');
      const { code } = await run.exited;
      assert.equal(code, 130, run.stderr());
      assert.match(run.stderr(), /interrupted/);
      assert.deepEqual(leftovers(temp), []);
    } finally {
      await server.close();
    }
  });
});

describe('SIGKILL while printing', () => {
  const book = path.join(root, 'kill-book');
  before(() => makeBook(book, 6));

  test('at seeded points of a PDF build: no Chromium left running, out/ holds the whole old PDF or nothing, and the next build sweeps the folder', async () => {
    const temp = path.join(root, 'tmp-kill');
    // A first, whole PDF: each killed build must leave exactly it.
    const first = start(['pdf', book, '--no-cache', '--verbose'], temp);
    await first.waitFor(/printing with Chromium/);
    const printing = performance.now();
    assert.equal((await first.exited).code, 0, first.stderr());
    const printTime = performance.now() - printing;
    const whole = readFileSync(path.join(book, 'out', 'signals.pdf'));
    // Kills land at seeded fractions of how long printing took here (before the output is written).
    const delays = fc.sample(fc.double({ min: 0, max: 0.9, noNaN: true }), { numRuns: 3, seed: 20261201 }).map((fraction) => Math.round(fraction * printTime));
    for (const delay of delays) {
      const run = start(['pdf', book, '--no-cache', '--verbose'], temp);
      await run.waitFor(/printing with Chromium/);
      await new Promise((resolve) => setTimeout(resolve, delay));
      run.child.kill('SIGKILL');
      await run.exited;
      // Named by TMPDIR, not by the work folder: a browser whose profile is anywhere in it counts.
      assert.ok(await settled(() => processesNaming(temp).length === 0, 5000), `Chromium ended with wenji (killed ${delay} ms into printing)`);
      assert.deepEqual(outputs(book), ['signals.pdf']);
      assert.ok(readFileSync(path.join(book, 'out', 'signals.pdf')).equals(whole), 'the old PDF, whole');
    }
    assert.ok(leftovers(temp).some((name) => name.startsWith('wenji-pdf-')), 'a killed build leaves its folder');
    const next = start(['pdf', book], temp);
    assert.equal((await next.exited).code, 0, next.stderr());
    assert.deepEqual(leftovers(temp), [], 'the next build removed the folders of the killed ones');
  });
});

describe('SIGKILL at any stage of `wenji build`', () => {
  const book = path.join(root, 'kill-stages');
  before(() => makeBook(book, 3));
  /** A PDF that parses, has pages and ends with its trailer (not cut short). */
  const wholePdf = async (file: string) => {
    const bytes = readFileSync(file);
    return bytes.subarray(-32).toString('latin1').includes('%%EOF') && (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount() > 0;
  };

  test('at a seeded delay after each stage begins (reading, the cover and EPUB, fonts, printing, the PDF\'s furniture and write): out/ holds whole files only, no browser is left, and the next build sweeps the folders and builds', async () => {
    const temp = path.join(root, 'tmp-stages');
    // What the run has said last when it is killed; '' is its start (loading and reading).
    const stages = [/^/, /read \d+ articles/, /wrote \S+\.epub/, /printing with Chromium/, /printed the body/];
    const delays = fc.sample(fc.integer({ min: 0, max: 300 }), { numRuns: stages.length, seed: 20261202 });
    let killed = 0;
    for (const [index, stage] of stages.entries()) {
      // A changed article each time, so the cache is written as well as read.
      writeFileSync(path.join(book, 'content', '01.md'), `# 第1篇\n\n第${index}次改动。${'改动后的段落，仍然够长。'.repeat(40)}\n`);
      const run = start(['build', book, '--verbose'], temp);
      try {
        await run.waitFor(stage);
      } catch {
        continue; // finished before (a fast machine): nothing to kill at this stage
      }
      await new Promise((resolve) => setTimeout(resolve, (index === 0 ? 150 : 0) + delays[index]!));
      run.child.kill('SIGKILL');
      const { signal } = await run.exited;
      if (signal === 'SIGKILL') killed++;
      const where = `killed ${delays[index]} ms after ${stage}`;
      if (process.env.WENJI_TEST_TRACE) console.log(where, Math.round(performance.now()));
      assert.ok(await settled(() => processesNaming(temp).length === 0, 5000), `no Chromium left (${where})`);
      for (const name of outputs(book)) {
        assert.match(name, /^signals\.(epub|pdf)$/, `only whole outputs in out/ (${where})`);
        const file = path.join(book, 'out', name);
        if (name.endsWith('.epub')) assert.ok((await openEpub(file)).names.some((entry) => entry.endsWith('.xhtml')), `a whole EPUB (${where})`);
        else assert.ok(await wholePdf(file), `a whole PDF (${where})`);
      }
    }
    assert.ok(killed >= 3, `killed at ${killed} of ${stages.length} stages`);
    const next = start(['build', book], temp);
    assert.equal((await next.exited).code, 0, next.stderr());
    assert.deepEqual(leftovers(temp), [], 'the next build removed the folders of the killed ones');
    const halves = readdirSync(path.join(book, 'out'), { recursive: true }).map(String).filter((name) => name.endsWith('.tmp'));
    assert.deepEqual(halves, [], 'no half file of a killed build left in out/ or its cache');
    assert.deepEqual(outputs(book).sort(), ['signals.epub', 'signals.pdf']);
    assert.ok(await wholePdf(path.join(book, 'out', 'signals.pdf')));
    assert.ok((await openEpub(path.join(book, 'out', 'signals.epub'))).names.some((entry) => entry.endsWith('.xhtml')));
  });
});
