import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { createImageFetcher, probeHost, type HostProbe } from '../../src/content/fetch-remote-image.js';

let png: Buffer;
let cacheDir: string;

/** A server on 127.0.0.1 answering every path with the PNG after `delayMs`, counting requests in flight. */
async function imageServer(delayMs: number): Promise<{ server: Server; base: string; port: number; stats: { requests: number; inFlight: number; most: number } }> {
  const stats = { requests: 0, inFlight: 0, most: 0 };
  const server = createServer((_request, response) => {
    stats.requests++;
    stats.inFlight++;
    stats.most = Math.max(stats.most, stats.inFlight);
    setTimeout(() => {
      stats.inFlight--;
      response.writeHead(200, { 'content-type': 'image/png' }).end(png);
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}`, port, stats };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** The real probe, counting its calls per host. */
function countingProbe(): { probe: HostProbe; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  return {
    calls,
    probe: (hostname, port, timeoutMs) => {
      calls.set(`${hostname}:${port}`, (calls.get(`${hostname}:${port}`) ?? 0) + 1);
      return probeHost(hostname, port, timeoutMs);
    },
  };
}

describe('--fetch-images: fast failure without a network, a few downloads at once', () => {
  before(async () => {
    png = await sharp({ create: { width: 4, height: 3, channels: 3, background: { r: 20, g: 90, b: 160 } } }).png().toBuffer();
  });
  const made: string[] = [];
  const fresh = () => {
    cacheDir = mkdtempSync(path.join(tmpdir(), 'wenji-fetch-'));
    made.push(cacheDir);
    return cacheDir;
  };
  after(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  test('a stopped server on 127.0.0.1: one probe for all its images, every one skipped at once, one summary', async () => {
    const { server, port } = await imageServer(0);
    await close(server);
    const { probe, calls } = countingProbe();
    const fetcher = createImageFetcher({ cacheDir: fresh(), probe });
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => fetcher(`http://127.0.0.1:${port}/photo-${i}.png`)));
    assert.ok(performance.now() - started < 2000, 'well under the probe timeout');
    assert.deepEqual([...calls.values()], [1], 'one probe');
    for (const result of results) assert.deepEqual(result, { problem: `could not reach 127.0.0.1:${port} (ECONNREFUSED)`, transient: true, summarized: true });
    assert.equal(fetcher.summary(), `could not reach 127.0.0.1:${port} (ECONNREFUSED): 12 remote images not fetched; their descriptions are used`);
    assert.equal(fetcher.stats.unreachable, 12);
  });

  test('hosts that do not resolve (.invalid): after two, the network counts as down and the rest is skipped unprobed', async () => {
    const { probe, calls } = countingProbe();
    const fetcher = createImageFetcher({ cacheDir: fresh(), probe });
    const started = performance.now();
    const first = await fetcher('https://img.example.invalid/a.jpg');
    const second = await fetcher('https://cdn.example.invalid/b.jpg');
    const rest = await Promise.all(['https://third.example.invalid/c.jpg', 'https://fourth.example.invalid/d.jpg', 'https://img.example.invalid/e.jpg'].map((url) => fetcher(url)));
    assert.ok(performance.now() - started < 4000, `took ${Math.round(performance.now() - started)} ms`);
    assert.ok('problem' in first && /^could not reach img\.example\.invalid \((ENOTFOUND|EAI_AGAIN|ETIMEOUT)\)$/.test(first.problem), JSON.stringify(first));
    assert.ok('problem' in second && second.summarized);
    for (const result of rest) assert.ok('problem' in result && result.problem === 'no network' && result.summarized && result.transient, JSON.stringify(result));
    // A resolver that does not answer (EAI_AGAIN) says "no network" after the first host already.
    assert.ok(!calls.has('third.example.invalid:443') && !calls.has('fourth.example.invalid:443'), 'the others are never probed');
    assert.match(fetcher.summary()!, /^no network \(img\.example\.invalid \(\w+\)(, cdn\.example\.invalid \(\w+\))?\): 5 remote images not fetched; their descriptions are used \(build again when online\)$/);
  });

  test('once a host has answered, another that does not is only that host', async () => {
    const { server, base } = await imageServer(0);
    try {
      const fetcher = createImageFetcher({ cacheDir: fresh() });
      assert.ok('bytes' in (await fetcher(`${base}/ok.png`)));
      const missing = await fetcher('https://img.example.invalid/a.jpg');
      const again = await fetcher('https://cdn.example.invalid/b.jpg');
      assert.ok('problem' in missing && missing.problem.startsWith('could not reach img.example.invalid'));
      assert.ok('problem' in again && again.problem.startsWith('could not reach cdn.example.invalid'), 'not declared offline');
      assert.match(fetcher.summary()!, /^could not reach img\.example\.invalid \(\w+\), cdn\.example\.invalid \(\w+\): 2 remote images not fetched; their descriptions are used$/);
      assert.deepEqual(fetcher.stats, { downloaded: 1, cached: 0, failed: 0, unreachable: 2 });
    } finally {
      await close(server);
    }
  });

  test('downloads run four at once, and report their progress', async () => {
    const { server, base, stats } = await imageServer(150);
    try {
      const progress: string[] = [];
      const fetcher = createImageFetcher({ cacheDir: fresh(), onProgress: ({ done, total }) => progress.push(`${done}/${total}`) });
      const started = performance.now();
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => fetcher(`${base}/p${i}.png`)));
      const elapsed = performance.now() - started;
      assert.ok(results.every((result) => 'bytes' in result));
      assert.equal(stats.requests, 10);
      assert.equal(stats.most, 4, 'at most four in flight, and that many');
      assert.ok(elapsed < 10 * 150, `faster than one after another (${Math.round(elapsed)} ms)`);
      assert.equal(progress.at(-1), '10/10');
      assert.equal(fetcher.summary(), undefined);
    } finally {
      await close(server);
    }
  });

  test('failures that may pass are marked transient (not cached); refusals are not', async () => {
    const server = createServer((request, response) => {
      if (request.url === '/busy.png') response.writeHead(503).end();
      else if (request.url === '/gone.png') response.writeHead(404).end();
      else setTimeout(() => response.writeHead(200, { 'content-type': 'image/png' }).end(png), 1000);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const fetcher = createImageFetcher({ cacheDir: fresh(), timeoutMs: 200 });
      assert.deepEqual(await fetcher(`${base}/busy.png`), { problem: 'the server answered HTTP 503', transient: true });
      assert.deepEqual(await fetcher(`${base}/gone.png`), { problem: 'the server answered HTTP 404' });
      assert.deepEqual(await fetcher(`${base}/slow.png`), { problem: 'no answer within 200 ms', transient: true });
    } finally {
      server.closeAllConnections();
      await close(server);
    }
  });
});
