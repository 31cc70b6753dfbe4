import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { selectAll } from 'hast-util-select';
import sharp from 'sharp';
import { VFile } from 'vfile';
import { sniffImageType } from '../../src/locale/media-types.js';
import { createImageFetcher } from '../../src/content/fetch-remote-image.js';
import { isAnimatedGif, prepareImage, type PreparedImage } from '../../src/normalize/image-conversion.js';
import rehypeResolveImages from '../../src/normalize/plugins/rehype-resolve-images.js';
import { runPlugins } from '../helpers/run-plugin.js';

/** A solid image of the given size, encoded by sharp in the given format. */
function solid(width: number, height: number, format: 'png' | 'jpeg' | 'webp' | 'avif' | 'gif', alpha = false): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: alpha ? 4 : 3, background: alpha ? { r: 200, g: 80, b: 40, alpha: 0.5 } : { r: 200, g: 80, b: 40 } } });
  return image.toFormat(format).toBuffer();
}

/** A two-frame GIF, joined by sharp from two solid frames. */
async function animatedGif(): Promise<Buffer> {
  const frame = (r: number) => sharp({ create: { width: 8, height: 6, channels: 3, background: { r, g: 0, b: 0 } } }).png().toBuffer();
  return sharp([await frame(255), await frame(10)], { join: { animated: true } }).gif().toBuffer();
}

function prepared(result: Awaited<ReturnType<typeof prepareImage>>): PreparedImage {
  assert.ok(!('problem' in result), 'problem' in result ? result.problem : '');
  return result;
}

describe('prepareImage', () => {
  test('PNG, JPEG and a static small GIF pass untouched', async () => {
    for (const format of ['png', 'jpeg', 'gif'] as const) {
      const bytes = await solid(40, 30, format);
      const result = prepared(await prepareImage(bytes, 1600));
      assert.equal(result.data, bytes, format);
      assert.equal(result.note, undefined);
    }
  });

  test('a damaged PNG or JPEG (valid header, broken data) is refused, not passed on', async () => {
    for (const format of ['png', 'jpeg'] as const) {
      const bytes = await solid(40, 30, format);
      const damaged = Buffer.concat([bytes.subarray(0, 40), Buffer.alloc(60, 0x5a)]);
      const result = await prepareImage(damaged, 1600);
      assert.ok('problem' in result, `${format} should be refused`);
      assert.match(result.problem, /damaged (PNG|JPEG) image/);
    }
  });

  test('WebP becomes JPEG, or PNG when it has transparency', async () => {
    const opaque = prepared(await prepareImage(await solid(40, 30, 'webp'), 1600));
    assert.deepEqual([opaque.mediaType, sniffImageType(opaque.data), opaque.width, opaque.height], ['image/jpeg', 'image/jpeg', 40, 30]);
    assert.equal(opaque.note, 'WebP converted to JPEG');
    const transparent = prepared(await prepareImage(await solid(40, 30, 'webp', true), 1600));
    assert.equal(transparent.mediaType, 'image/png');
  });

  test('AVIF becomes JPEG', async () => {
    const result = prepared(await prepareImage(await solid(24, 16, 'avif'), 1600));
    assert.equal(result.mediaType, 'image/jpeg');
  });

  test('an animated GIF keeps its first frame as PNG', async () => {
    const gif = await animatedGif();
    assert.equal(isAnimatedGif(gif), true);
    assert.equal(isAnimatedGif(await solid(8, 6, 'gif')), false);
    const result = prepared(await prepareImage(gif, 1600));
    assert.equal(result.mediaType, 'image/png');
    assert.match(result.note ?? '', /animated GIF: first frame kept as PNG/);
    const { data } = await sharp(result.data).raw().toBuffer({ resolveWithObject: true });
    assert.equal(data[0], 255, 'the first frame (red)');
  });

  test('images larger than the limit are scaled down, keeping their format and proportions', async () => {
    const result = prepared(await prepareImage(await solid(2400, 1200, 'png'), 1600));
    assert.deepEqual([result.mediaType, result.width, result.height], ['image/png', 1600, 800]);
    assert.match(result.note ?? '', /scaled from 2400×1200 to 1600×800/);
    const jpeg = prepared(await prepareImage(await solid(1000, 3000, 'jpeg'), 1600));
    assert.deepEqual([jpeg.mediaType, jpeg.width, jpeg.height], ['image/jpeg', 533, 1600]);
  });

  test('the same input gives the same bytes', async () => {
    const webp = await solid(50, 50, 'webp');
    const [a, b] = [prepared(await prepareImage(webp, 1600)), prepared(await prepareImage(webp, 1600))];
    assert.deepEqual(Buffer.from(a.data), Buffer.from(b.data));
  });

  test('SVG and unknown bytes are refused', async () => {
    assert.match(JSON.stringify(await prepareImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 1600)), /image\/svg\+xml is not supported/);
    assert.match(JSON.stringify(await prepareImage(Buffer.from('hello'), 1600)), /unknown is not supported/);
  });
});

describe('remote images (--fetch-images)', () => {
  let server: Server;
  let base: string;
  let cacheDir: string;
  let requests = 0;
  let png: Buffer;

  before(async () => {
    png = await solid(12, 10, 'png');
    const webp = await solid(12, 10, 'webp');
    cacheDir = mkdtempSync(path.join(tmpdir(), 'wenji-fetch-'));
    server = createServer((request, response) => {
      requests++;
      const url = request.url ?? '';
      if (url === '/a.png') response.writeHead(200, { 'content-type': 'image/png' }).end(png);
      else if (url === '/b.webp') response.writeHead(200, { 'content-type': 'image/webp' }).end(webp);
      else if (url === '/page.html') response.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
      else if (url === '/big.png') response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(5000));
      else if (url === '/slow.png') setTimeout(() => response.writeHead(200, { 'content-type': 'image/png' }).end(png), 2000);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => {
    server.closeAllConnections();
    server.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  test('an image is downloaded once, cached, and read from the cache by the next build', async () => {
    const first = createImageFetcher({ cacheDir });
    const before = requests;
    const [one, two] = await Promise.all([first(`${base}/a.png`), first(`${base}/a.png`)]);
    assert.deepEqual(Buffer.from('bytes' in one! ? one.bytes : []), png);
    assert.equal(one, two);
    assert.equal(requests - before, 1);
    assert.equal(readdirSync(path.join(cacheDir, 'images')).length, 1);
    const second = createImageFetcher({ cacheDir });
    await second(`${base}/a.png`);
    assert.equal(requests - before, 1, 'no second download');
  });

  test('wrong content type, HTTP errors, size cap and timeout are refused with a reason', async () => {
    const fetcher = createImageFetcher({ cacheDir, maxBytes: 1000, timeoutMs: 300 });
    assert.deepEqual(await fetcher(`${base}/page.html`), { problem: 'not an image (content type text/html)' });
    assert.deepEqual(await fetcher(`${base}/missing.png`), { problem: 'the server answered HTTP 404' });
    assert.match(JSON.stringify(await fetcher(`${base}/big.png`)), /larger than/);
    assert.match(JSON.stringify(await fetcher(`${base}/slow.png`)), /no answer within/);
    assert.match(JSON.stringify(await fetcher('ftp://example.org/a.png')), /only http and https/);
  });

  test('the images plugin packages a downloaded WebP as JPEG; without the fetcher it warns', async () => {
    const fetchRemote = createImageFetcher({ cacheDir });
    const html = `<p><img src="${base}/b.webp" alt="远处的船"></p>`;
    const fetched = await runPlugins(html, [[rehypeResolveImages, { unavailable: (alt: string) => `［图：${alt}］`, fetchRemote }]], new VFile());
    const img = selectAll('img', fetched.tree)[0]!;
    assert.match(String(img.properties.src), /^images\/[0-9a-f]{16}\.jpg$/);
    assert.equal(fetched.file.data.images?.[0]?.source, `${base}/b.webp`);
    const offline = await runPlugins(html, [[rehypeResolveImages, { unavailable: (alt: string) => `［图：${alt}］` }]], new VFile());
    assert.match(offline.xml, /［图：远处的船］/);
    assert.match(offline.file.messages[0]!.reason, /remote image not fetched: .*--fetch-images/);
  });
});
