import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'puppeteer-core';
import { findChromium, launchArgs } from '../../src/writers/pdf/browser.js';
import { contentBox, pageGeometries } from '../../src/writers/pdf/geometry.js';
import { runCli } from '../helpers/cli.js';
import { cliEntry, fixture } from '../helpers/paths.js';

interface Running {
  child: ChildProcessWithoutNullStreams;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

/** Starts `wenji preview` and waits for the line with its address. */
async function startPreview(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Running> {
  const child = spawn(process.execPath, [cliEntry, 'preview', ...args], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address after 30 s:\n${stdout}\n${stderr}`)), 30_000);
    const look = () => {
      const match = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', look);
    child.on('close', () => reject(new Error(`preview exited:\n${stdout}\n${stderr}`)));
  });
  return { child, url, stdout: () => stdout, stderr: () => stderr, exit };
}

/** A raw GET: the path is sent as written (no URL normalization), with any Host header. */
function get(url: string, rawPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path: rawPath, method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('wenji preview', () => {
  let dir: string;
  let preview: Running;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'wenji-preview-'));
    cpSync(fixture('check-clean'), dir, { recursive: true });
    mkdirSync(path.join(dir, 'styles'));
    writeFileSync(
      path.join(dir, 'content', '03-hostile.html'),
      '<html><head><title>带脚本的页面</title></head><body><article><h1>带脚本的页面</h1><p>正文。</p><script>document.title = "PWNED"</script><img src="x" onerror="document.title = \'PWNED\'"><p onclick="document.title = \'PWNED\'">点我。</p></article></body></html>',
    );
    preview = await startPreview([dir], dir);
  });

  after(async () => {
    if (preview.child.exitCode === null) preview.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  test('listens on 127.0.0.1 from port 3000 on and serves the book', async () => {
    assert.ok(Number(new URL(preview.url).port) >= 3000);
    const page = await get(preview.url, '/', { Host: new URL(preview.url).host });
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    const html = page.body.toString('utf8');
    for (const title of ['灯', '一封短信', '带脚本的页面']) assert.ok(html.includes(title), `${title} is shown`);
    assert.match(html, /<html[^>]*class="vertical body"/, 'the writing mode of the PDF');
    assert.ok(html.includes(`--content-width: ${contentBox(pageGeometries.a5).width}mm`), 'the page size of the PDF (A5)');
    assert.match(html, /<nav class="wenji-sidebar"/);
    assert.doesNotMatch(html, /PWNED|onerror|onclick/, 'no article script reaches the page');
    assert.equal((html.match(/<script/g) ?? []).length, 1, 'only wenji’s own script');

    const image = /src="(images\/[0-9a-f]+\.png)"/.exec(html)?.[1];
    assert.ok(image, 'the article image is in the page');
    const png = await get(preview.url, `/${image}`, { Host: new URL(preview.url).host });
    assert.equal(png.status, 200);
    assert.equal(png.headers['content-type'], 'image/png');
    assert.ok(png.body.equals(readFileSync(path.join(dir, 'content', 'images', 'lamp.png'))));
    const font = await get(preview.url, '/_wenji/fonts/0', { Host: new URL(preview.url).host }, 'HEAD');
    assert.equal(font.status, 200);
    assert.equal(font.headers['content-type'], 'font/ttf');
  });

  test('serves nothing but the book: no traversal, no other host, read only', async () => {
    const host = { Host: new URL(preview.url).host };
    for (const rawPath of ['/../../etc/passwd', '/images/../../../etc/passwd', '/images/..%2F..%2F..%2Fetc%2Fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/_wenji/fonts/../../../../etc/passwd', '/_wenji/fonts/99', '/content/01-lamp.md', '/book.yaml', '/styles/custom.css']) {
      const response = await get(preview.url, rawPath, host);
      assert.equal(response.status, 404, rawPath);
      assert.doesNotMatch(response.body.toString(), /root:/);
    }
    assert.equal((await get(preview.url, '/', { Host: 'evil.example:80' })).status, 403, 'DNS rebinding is refused');
    assert.equal((await get(preview.url, '/', host, 'POST')).status, 405);
  });

  test('a real browser reloads the open page when an article is saved', async (t) => {
    const location = await findChromium();
    const { default: puppeteer } = await import('puppeteer-core');
    const browser: Browser = await puppeteer.launch({ executablePath: location.executablePath, headless: 'shell', args: launchArgs(location) });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.goto(preview.url, { waitUntil: 'load' });
      assert.equal(await page.title(), '干净的书', 'no article script ran');
      await page.evaluate(() => {
        (window as unknown as { wenjiMarker: number }).wenjiMarker = 1;
      });
      // Let the event stream connect before the change.
      await page.waitForFunction(() => document.documentElement.dataset.live === 'on', { timeout: 10_000 });
      const reloaded = page.waitForNavigation({ waitUntil: 'load', timeout: 20_000 });
      const article = path.join(dir, 'content', '02-note.txt');
      const saved = performance.now();
      writeFileSync(article, `${readFileSync(article, 'utf8')}又及：新加的一句。\n`);
      await reloaded;
      const latency = performance.now() - saved;
      assert.ok(await page.evaluate(() => document.body.innerText.includes('新加的一句')), 'the new text is shown');
      assert.equal(await page.evaluate(() => (window as unknown as { wenjiMarker?: number }).wenjiMarker), undefined, 'the page was reloaded');
      t.diagnostic(`save → reloaded page in ${Math.round(latency)} ms`);

      // A stylesheet of the book, then book.yaml: each reloads the page too.
      await page.waitForFunction(() => document.documentElement.dataset.live === 'on', { timeout: 10_000 });
      const styled = page.waitForNavigation({ waitUntil: 'load', timeout: 20_000 });
      writeFileSync(path.join(dir, 'styles', 'custom.css'), 'p { color: rgb(1, 2, 3); }\n');
      await styled;
      assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('section.article p')!).color), 'rgb(1, 2, 3)');
      await page.waitForFunction(() => document.documentElement.dataset.live === 'on', { timeout: 10_000 });
      const retitled = page.waitForNavigation({ waitUntil: 'load', timeout: 20_000 });
      writeFileSync(path.join(dir, 'book.yaml'), 'title: 改过名的书\nslug: clean\n');
      await retitled;
      assert.equal(await page.evaluate(() => document.querySelector('.wenji-sidebar h2')?.textContent), '改过名的书');
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.match(preview.stderr(), /rebuilt in \d+ ms after .*02-note\.txt: 3 articles, 1 normalized, 2 from memory/);
  });

  test('Ctrl-C closes the watcher and the server and exits with 0', async () => {
    preview.child.kill('SIGINT');
    assert.equal(await preview.exit, 0);
    assert.match(preview.stderr(), /preview stopped/);
  });

  test('a port given with --port that is taken is a one-line error with exit code 10', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const result = await runCli(['preview', fixture('check-clean'), '--port', String(port)], { timeout: 30_000 });
      assert.equal(result.code, 10);
      assert.match(result.stderr, new RegExp(`^wenji: error: port ${port} on 127\\.0\\.0\\.1 is in use; pass another --port$`, 'm'));
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('--open never fails the command, even without a browser to open', async () => {
    // No PATH: xdg-open (or open, or start) cannot be found, as on a machine without a desktop.
    const running = await startPreview([fixture('check-clean'), '--open', '--port', '0'], dir, { ...process.env, PATH: path.join(dir, 'no-such-folder') });
    assert.equal((await get(running.url, '/', { Host: new URL(running.url).host })).status, 200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.match(running.stderr(), /could not open a browser \(.*\); open http:\/\/127\.0\.0\.1:\d+\/ yourself/);
    running.child.kill('SIGINT');
    assert.equal(await running.exit, 0);
  });
});
