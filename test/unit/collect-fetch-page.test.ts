import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { fetchPage, guardedGet, guardedImageFetch, userAgent } from '../../src/collect/fetch-page.js';
import { createImageFetcher } from '../../src/content/fetch-remote-image.js';
import { redirect, serve, stall, startServer, stream, type TestServer } from '../helpers/http-server.js';

const page = '<!doctype html><html><head><title>小站</title></head><body><p>一段正文。</p></body></html>';
const options = { timeoutMs: 5000, maxBytes: 1024 * 1024, allowPrivate: true };

describe('guarded fetch of pages', () => {
  let server: TestServer;
  let png: Buffer;
  before(async () => {
    png = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 10, b: 10 } } }).png().toBuffer();
    server = await startServer({
      '/page.html': serve('text/html; charset=utf-8', page),
      '/gbk.html': serve('text/html; charset=GBK', 'x'),
      '/plain.txt': serve('text/plain', '第一行\n第二行'),
      '/notes.md': serve('text/markdown; charset=utf-8', '# 标题\n\n正文'),
      '/untyped': (_request, response) => {
        response.writeHead(200);
        response.end(page);
      },
      '/data.json': serve('application/json', '{"a":1}'),
      '/image.png': serve('image/png', png),
      '/empty.html': serve('text/html', ''),
      '/gzip.html': serve('text/html; charset=utf-8', gzipSync(Buffer.from(page)), { 'content-encoding': 'gzip' }),
      '/bomb.html': serve('text/html', gzipSync(Buffer.alloc(3 * 1024 * 1024, 0x61)), { 'content-encoding': 'gzip' }),
      '/declared-huge': serve('text/html', 'small', { 'content-length': String(5 * 1024 * 1024) }),
      '/stream-huge': stream('text/html', Buffer.alloc(64 * 1024, 0x62), 4 * 1024 * 1024),
      '/slow': stall('text/html', '<p>开始'),
      '/missing': (_request, response) => {
        response.writeHead(404, { 'content-type': 'text/html' });
        response.end('no');
      },
      '/r/1': redirect('/r/2', 301),
      '/r/2': redirect('/r/3', 307),
      '/r/3': redirect('/page.html', 308),
      '/to-file': redirect('file:///etc/passwd'),
      '/to-ftp': redirect('ftp://127.0.0.1/x'),
      '/to-other': redirect('http://127.0.0.2:1/secret'),
      ...Object.fromEntries(Array.from({ length: 10 }, (_, n) => [`/loop/${n}`, redirect(`/loop/${n + 1}`)])),
    });
  });
  after(() => server.close());

  test('an HTML page: bytes, format, charset, the final address; a plain User-Agent naming wenji', async () => {
    const result = await fetchPage(`${server.origin}/page.html`, options);
    assert.ok(result.ok);
    assert.equal(Buffer.from(result.bytes).toString('utf8'), page);
    assert.deepEqual([result.format, result.charset, result.url], ['html', 'utf-8', `${server.origin}/page.html`]);
    const request = server.log.at(-1)!;
    assert.equal(request.headers['user-agent'], userAgent);
    assert.match(String(request.headers['user-agent']), /^wenji\/\d+\.\d+\.\d+ /);
    assert.equal((await fetchPage(`${server.origin}/gbk.html`, options) as { charset?: string }).charset, 'GBK');
  });

  test('plain text and Markdown are pages too; an untyped answer that is markup is HTML', async () => {
    const text = await fetchPage(`${server.origin}/plain.txt`, options);
    const markdown = await fetchPage(`${server.origin}/notes.md`, options);
    const untyped = await fetchPage(`${server.origin}/untyped`, options);
    assert.deepEqual([text.ok && text.format, markdown.ok && markdown.format, untyped.ok && untyped.format], ['text', 'markdown', 'html']);
  });

  test('compressed answers are decompressed; the size cap applies to what they expand to', async () => {
    const result = await fetchPage(`${server.origin}/gzip.html`, options);
    assert.ok(result.ok);
    assert.equal(Buffer.from(result.bytes).toString('utf8'), page);
    const bomb = await fetchPage(`${server.origin}/bomb.html`, { ...options, maxBytes: 1024 * 1024 });
    assert.deepEqual([bomb.ok, !bomb.ok && bomb.kind], [false, 'too-large']);
  });

  test('refusals: another content type, HTTP errors, an empty page, other schemes — each with its kind and reason', async () => {
    const cases: [string, string, RegExp][] = [
      ['/data.json', 'content-type', /not an HTML page \(the server says application\/json\)/],
      ['/image.png', 'content-type', /not an HTML page \(the server says image\/png\)/],
      ['/missing', 'status', /the server answered HTTP 404 Not Found/],
      ['/empty.html', 'status', /empty page/],
    ];
    for (const [route, kind, reason] of cases) {
      const result = await fetchPage(`${server.origin}${route}`, options);
      assert.ok(!result.ok, route);
      assert.equal(result.kind, kind, route);
      assert.match(result.reason, reason);
    }
    const file = await fetchPage('file:///etc/passwd', options);
    assert.deepEqual([file.ok, !file.ok && file.kind], [false, 'scheme']);
    const garbage = await fetchPage('http://', options);
    assert.equal(garbage.ok, false);
  });

  test('too large: a declared length over the cap is refused before reading; a stream is cut at the cap', async () => {
    const before = server.log.length;
    const declared = await fetchPage(`${server.origin}/declared-huge`, options);
    assert.ok(!declared.ok);
    assert.equal(declared.kind, 'too-large');
    assert.match(declared.reason, /larger than 1 MB \(the server says 5 MB\)/);
    const streamed = await fetchPage(`${server.origin}/stream-huge`, options);
    assert.ok(!streamed.ok);
    assert.deepEqual([streamed.kind, streamed.reason], ['too-large', 'larger than 1 MB']);
    assert.deepEqual(server.log.slice(before).map((entry) => entry.line), ['GET /declared-huge', 'GET /stream-huge']);
  });

  test('a slow answer runs into the deadline, which covers the body too', async () => {
    const started = Date.now();
    const result = await fetchPage(`${server.origin}/slow`, { ...options, timeoutMs: 300 });
    assert.ok(!result.ok);
    assert.equal(result.kind, 'timeout');
    assert.equal(result.reason, 'no complete answer within 300 ms');
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
  });

  test('redirects are followed up to five times, each to http(s) only', async () => {
    const result = await fetchPage(`${server.origin}/r/1`, options);
    assert.ok(result.ok);
    assert.equal(result.url, `${server.origin}/page.html`);
    assert.deepEqual(result.redirects, [`${server.origin}/r/2`, `${server.origin}/r/3`, `${server.origin}/page.html`]);

    const before = server.log.length;
    const loop = await fetchPage(`${server.origin}/loop/0`, options);
    assert.ok(!loop.ok);
    assert.equal(loop.kind, 'redirects');
    assert.match(loop.reason, /more than 5 redirects/);
    // The first request and five redirects; the sixth redirect is not followed.
    assert.deepEqual(server.log.slice(before).map((entry) => entry.line), ['/loop/0', '/loop/1', '/loop/2', '/loop/3', '/loop/4', '/loop/5'].map((path) => `GET ${path}`));

    for (const [route, scheme] of [['/to-file', 'file:'], ['/to-ftp', 'ftp:']] as const) {
      const refused = await fetchPage(`${server.origin}${route}`, options);
      assert.ok(!refused.ok);
      assert.equal(refused.kind, 'redirect-scheme');
      assert.match(refused.reason, new RegExp(`redirected to a ${scheme} address`));
    }
  });

  test('from a public page, neither a redirect nor the first request may reach a private address (checked at connect time)', async () => {
    // The test server stands in for a public host: 127.0.0.1 counts as public here, every
    // other address (127.0.0.2 among them) by the real rule.
    const isPublic = (address: string) => address === '127.0.0.1';
    const lookup = ((hostname: string, lookupOptions: { all?: boolean }, callback: (error: Error | null, address: unknown, family?: number) => void) => {
      const address = hostname === 'public.test' ? '127.0.0.1' : hostname === 'rebind.test' ? '10.0.0.7' : undefined;
      if (!address) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }), '');
      return lookupOptions.all ? callback(null, [{ address, family: 4 }]) : callback(null, address, 4);
    }) as never;
    const base = { ...options, allowPrivate: false, isPublic, lookup };

    const ok = await fetchPage(`http://public.test:${server.port}/page.html`, base);
    assert.ok(ok.ok, ok.ok ? '' : ok.reason);

    const before = server.log.length;
    const literal = await fetchPage(`http://public.test:${server.port}/to-other`, base);
    assert.ok(!literal.ok);
    assert.equal(literal.kind, 'private-address');
    assert.match(literal.reason, /redirected to a local or private address, 127\.0\.0\.2/);
    // Only the redirecting request reached the server.
    assert.deepEqual(server.log.slice(before).map((entry) => entry.line), ['GET /to-other']);

    const named = await fetchPage(`http://rebind.test:${server.port}/page.html`, base);
    assert.ok(!named.ok);
    assert.equal(named.kind, 'private-address');
    assert.match(named.reason, /rebind\.test \(10\.0\.0\.7\) is a local or private address/);

    for (const address of ['http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://[::ffff:7f00:1]/', 'http://2130706433/', 'http://0x7f.1/', 'http://169.254.169.254/latest/meta-data/']) {
      const refused = await guardedGet(address, { ...base, isPublic: undefined, maxRedirects: 5, accept: '*/*' });
      assert.ok(!refused.ok, address);
      assert.equal(refused.kind, 'private-address', address);
    }
    const unknown = await fetchPage(`http://nowhere.test:${server.port}/`, base);
    assert.ok(!unknown.ok);
    assert.match(unknown.reason, /host not found \(nowhere\.test\)/);
  });

  test('images go through the same guard, then through --fetch-images\' own checks', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'wenji-images-'));
    try {
      const fetchImage = createImageFetcher({ cacheDir, fetch: guardedImageFetch({ allowPrivate: true, maxBytes: 1024 * 1024, timeoutMs: 2000 }) });
      const image = await fetchImage(`${server.origin}/image.png`);
      assert.ok('bytes' in image);
      assert.deepEqual(Buffer.from(image.bytes), png);
      const notImage = await fetchImage(`${server.origin}/page.html`);
      assert.deepEqual(notImage, { problem: 'not an image (content type text/html)' });
      const missing = await fetchImage(`${server.origin}/missing`);
      assert.deepEqual(missing, { problem: 'the server answered HTTP 404' });
      const toFile = await fetchImage(`${server.origin}/to-file`);
      assert.ok('problem' in toFile);
      assert.match(toFile.problem, /redirected to a file: address/);
      const guarded = createImageFetcher({ cacheDir, fetch: guardedImageFetch({ allowPrivate: false, maxBytes: 1024 * 1024, timeoutMs: 2000 }) });
      const local = await guarded(`${server.origin}/image.png?again`);
      assert.ok('problem' in local);
      assert.match(local.problem, /127\.0\.0\.1 is a local or private address/);
      const slow = await createImageFetcher({ cacheDir, fetch: guardedImageFetch({ allowPrivate: true, maxBytes: 1024 * 1024, timeoutMs: 200 }) })(`${server.origin}/slow`);
      assert.ok('problem' in slow);
      assert.match(slow.problem, /no answer within/);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
