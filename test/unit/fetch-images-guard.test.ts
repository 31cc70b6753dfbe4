import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { VFile } from 'vfile';
import { toHtml } from 'hast-util-to-html';
import { guardedImageTransport } from '../../src/cli/image-transport.js';
import { parseArticles } from '../../src/content/parse.js';
import { createImageFetcher } from '../../src/content/fetch-remote-image.js';
import { redirect, serve, stall, startServer, type TestServer } from '../helpers/http-server.js';

const root = mkdtempSync(path.join(tmpdir(), 'wenji-fetch-guard-'));
after(() => rmSync(root, { recursive: true, force: true }));
let caches = 0;
const fresh = () => path.join(root, `cache-${++caches}`);
// 1×1 PNG
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082', 'hex');
const probe = async () => ({ ok: true as const });

describe('--fetch-images through the guarded client', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({
      '/a.png': serve('image/png', png),
      '/to-ftp.png': redirect('ftp://127.0.0.1/a.png'),
      '/to-file.png': redirect('file:///etc/passwd'),
      '/to-private.png': redirect('http://127.0.0.2:9/a.png'),
      '/slow-1.png': stall('image/png', ''),
      '/slow-2.png': stall('image/png', ''),
      '/slow-3.png': stall('image/png', ''),
    });
  });
  after(() => server.close());

  test('an image on the address the article names is downloaded', async () => {
    const fetcher = createImageFetcher({ cacheDir: fresh(), probe, fetch: guardedImageTransport() });
    const result = await fetcher(`${server.origin}/a.png`);
    assert.ok('bytes' in result, JSON.stringify(result));
    assert.deepEqual(Buffer.from(result.bytes), png);
  });

  test('a redirect to anything but http(s) is refused', async () => {
    const fetcher = createImageFetcher({ cacheDir: fresh(), probe, fetch: guardedImageTransport() });
    for (const name of ['to-ftp', 'to-file']) {
      const result = await fetcher(`${server.origin}/${name}.png`);
      assert.ok('problem' in result, name);
      assert.match(result.problem, /^download failed: redirected to a (ftp|file): address .*, which is refused$/, name);
    }
  });

  test('a public address cannot redirect into the local network', async () => {
    // 127.0.0.1 plays a public host here; 127.0.0.2 stays private.
    const fetcher = createImageFetcher({ cacheDir: fresh(), probe, fetch: guardedImageTransport({ isPublic: (address) => address === '127.0.0.1' }) });
    const result = await fetcher(`${server.origin}/to-private.png`);
    assert.ok('problem' in result);
    assert.match(result.problem, /redirected to a local or private address, 127\.0\.0\.2, which is refused/);
    const log = server.log.map((entry) => entry.line);
    assert.ok(log.includes('GET /to-private.png'));
  });

  test('slow hosts share one time budget for the whole build, not one timeout each', async () => {
    const fetcher = createImageFetcher({ cacheDir: fresh(), probe, concurrency: 1, timeoutMs: 5_000, totalMs: 600, fetch: guardedImageTransport() });
    const started = performance.now();
    const results = await Promise.all([1, 2, 3].map((n) => fetcher(`${server.origin}/slow-${n}.png`)));
    assert.ok(performance.now() - started < 2_500, `${Math.round(performance.now() - started)} ms for three stalled images`);
    for (const result of results) assert.ok('problem' in result && result.transient, JSON.stringify(result));
  });
});

describe('IPv6 hosts in Markdown addresses', () => {
  test('http://[::1]/… stays as written in links and images', async () => {
    const file = new VFile({ path: 'content/a.md', value: '# 题\n\n![图](http://[::1]:8080/a.png) [链](http://[::1]/x?q=1) [另](https://[2001:db8::1]/y)\n' });
    Object.assign(file.data, { format: 'markdown', contentPath: 'a.md' });
    const [parsed] = await parseArticles(file, { language: 'zh-Hans' });
    const html = toHtml(parsed!.tree);
    assert.match(html, /src="http:\/\/\[::1\]:8080\/a\.png"/);
    assert.match(html, /href="http:\/\/\[::1\]\/x\?q=1"/);
    assert.match(html, /href="https:\/\/\[2001:db8::1\]\/y"/);
  });
});
