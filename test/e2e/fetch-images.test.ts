import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { hasScript, runCli } from '../helpers/cli.js';
import { findAll, openEpub } from '../helpers/epub.js';
import { cliEntry } from '../helpers/paths.js';

let dir: string;
let port: number;
let png: Buffer;

/** Serves the PNG for every path on 127.0.0.1:`port` (0: any free port). */
async function serve(at: number): Promise<Server> {
  const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'image/png' }).end(png));
  await new Promise<void>((resolve) => server.listen(at, '127.0.0.1', resolve));
  return server;
}
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('wenji epub --fetch-images', () => {
  before(async () => {
    png = await sharp({ create: { width: 6, height: 4, channels: 3, background: { r: 120, g: 60, b: 30 } } }).png().toBuffer();
    // A port that was just free: the server is stopped again before the first build.
    const probe = await serve(0);
    port = (probe.address() as AddressInfo).port;
    await close(probe);
    dir = mkdtempSync(path.join(tmpdir(), 'wenji-fetch-'));
    mkdirSync(path.join(dir, 'content'));
    writeFileSync(path.join(dir, 'book.yaml'), 'title: 远方的图\nslug: far\n');
    for (const n of [1, 2]) {
      writeFileSync(path.join(dir, 'content', `0${n}-local.md`), `# 第${n}篇\n\n河边。\n\n![船${n}](http://127.0.0.1:${port}/boat-${n}.png)\n\n![桥${n}](http://127.0.0.1:${port}/bridge-${n}.png)\n`);
    }
    writeFileSync(path.join(dir, 'content', '03-far.md'), '# 第三篇\n\n远处。\n\n![塔](https://img.example.invalid/tower.jpg)\n\n![山](https://cdn.example.invalid/hill.jpg)\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('with no server and no network: done in well under a few seconds, one summary line, no line per image', async () => {
    const started = performance.now();
    const result = await runCli(['epub', dir, '--fetch-images']);
    const seconds = (performance.now() - started) / 1000;
    assert.equal(result.code, 0, result.stderr);
    assert.ok(seconds < 5, `took ${seconds.toFixed(1)} s`);
    const summaries = result.stderr.split('\n').filter((line) => line.startsWith('wenji: warning:'));
    assert.equal(summaries.length, 1, result.stderr);
    assert.match(summaries[0]!, /^wenji: warning: no network \(.+\): 6 remote images not fetched; their descriptions are used \(build again when online\)$/);
    assert.doesNotMatch(result.stderr, /remote image not included/);
    assert.match(result.stderr, /wenji: 3 articles, 1 warning, /);
    const epub = await openEpub(path.join(dir, 'out', 'far.epub'));
    assert.match(await epub.text('OEBPS/local.xhtml'), /［图：船 1］/);
  });

  test('--verbose lists each image that was not fetched, with its line', async () => {
    const result = await runCli(['epub', dir, '--fetch-images', '--verbose', '--no-cache']);
    const listed = result.stderr.split('\n').filter((line) => /info\s+remote image not included/.test(line));
    assert.equal(listed.length, 6, result.stderr);
    assert.match(listed[0]!, new RegExp(`^5:1-5:\\d+\\s+info\\s+remote image not included: http://127\\.0\\.0\\.1:${port}/boat-1\\.png \\(`));
  });

  test('once the server is up, the next build downloads them: an article without its images was not cached', async () => {
    const server = await serve(port);
    try {
      const result = await runCli(['epub', dir, '--fetch-images']);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /wenji: warning: could not reach img\.example\.invalid \(\w+\), cdn\.example\.invalid \(\w+\): 2 remote images not fetched/, 'only the .invalid ones are left');
      const epub = await openEpub(path.join(dir, 'out', 'far.epub'));
      for (const name of ['OEBPS/local.xhtml', 'OEBPS/local-2.xhtml']) assert.equal(findAll(await epub.xml(name), 'img').length, 2, name);
    } finally {
      await close(server);
    }
  });

  test('a terminal shows the downloads as a row of the task list', { skip: !hasScript() && 'util-linux script is not installed' }, async () => {
    const server = await serve(port);
    try {
      const out = path.join(dir, 'out-tty');
      const command = [process.execPath, cliEntry, 'epub', dir, '--out', out, '--no-cache', '--fetch-images'].map((part) => `'${part}'`).join(' ');
      // Not spawnSync: the server answering the downloads runs in this process.
      const child = spawn('script', ['-qec', `stty cols 140 rows 40; ${command}`, '/dev/null'], { env: { ...process.env, CI: '', TERM: 'xterm-256color' }, timeout: 60_000 });
      let screen = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
      const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(status, 0, screen);
      assert.match(screen, /✔ images\s+█+\s+4\/4\s+[\d.]+ s {2}4 downloaded/);
    } finally {
      await close(server);
    }
  });
});
