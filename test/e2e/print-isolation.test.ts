import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Printer } from '../../src/writers/pdf/print.js';

/** The print page must run no script and reach nothing but the build's own files. */
describe('the print page is isolated', () => {
  let server: Server;
  let hits: string[];
  let port: number;
  let work: string;

  before(async () => {
    hits = [];
    server = createServer((request, response) => {
      hits.push(request.url ?? '');
      response.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    work = mkdtempSync(path.join(tmpdir(), 'wenji-isolation-'));
  });

  after(async () => {
    rmSync(work, { recursive: true, force: true });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('blocks network and outside files, runs no script, but loads its own files', async () => {
    const base = `http://127.0.0.1:${port}`;
    writeFileSync(path.join(work, 'local.css'), 'p.styled { color: rgb(1, 2, 3); }');
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8">
      <link rel="stylesheet" href="${base}/remote.css"><link rel="stylesheet" href="local.css">
      <style>@import url("${base}/imported.css"); body { background: url("${base}/bg.png"); }</style></head><body>
      <p class="styled">visible text</p>
      <img src="${base}/image.png"><img src="file:///etc/hostname">
      <iframe src="file:///etc/passwd"></iframe><iframe src="${base}/frame.html"></iframe>
      <script>fetch("${base}/script-fetch"); document.body.insertAdjacentHTML('beforeend', '<p>SCRIPT-RAN</p>');</script>
      </body></html>`;
    const file = path.join(work, 'page.html');
    writeFileSync(file, html);
    const blocked: string[] = [];
    const printer = await Printer.open([work], (url) => blocked.push(url));
    let pdf: Uint8Array;
    try {
      pdf = await printer.print({ htmlPath: file, width: 148, height: 210, tagged: false });
    } finally {
      await printer.close();
    }
    assert.deepEqual(hits, [], 'no request reached the server');
    assert.ok(blocked.some((url) => url.includes('/remote.css')), 'the remote stylesheet was blocked');
    assert.ok(blocked.some((url) => url.includes('/image.png')), 'the remote image was blocked');
    assert.ok(blocked.some((url) => url === 'file:///etc/passwd' || url === 'file:///etc/hostname'), 'files outside the build were blocked');
    assert.ok(!blocked.some((url) => url.endsWith('/local.css')), 'the build’s own stylesheet loaded');
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: pdf.slice(), disableFontFace: true, isEvalSupported: false }).promise;
    const page = await doc.getPage(1);
    const text = (await page.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join('');
    await doc.destroy();
    assert.match(text, /visible text/);
    assert.doesNotMatch(text, /SCRIPT-RAN/, 'scripts do not run');
    assert.doesNotMatch(text, /root:/, 'no local file content leaked into the page');
  });
});
