import { createHash } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import path from 'node:path';
import { sniffImageType } from '../locale/media-types.js';
import { emitCacheFile } from '../emit.js';
import { readSealed, seal } from '../sealed-file.js';
import { limiter } from '../limiter.js';

export type FetchResult =
  | { bytes: Uint8Array }
  | {
      problem: string;
      /** Not the image's fault (no answer, no network): the next build may well get it, so nothing made with this result is cached. */
      transient?: boolean;
      /** Its host could not be reached: the build says so once for all such images (`summary`), not per image. */
      summarized?: boolean;
    };

/** Whether a host answers: a DNS lookup and a TCP connection, each with a short timeout. */
export type HostProbe = (hostname: string, port: number, timeoutMs: number) => Promise<{ ok: true } | { ok: false; code: string }>;

export interface ImageFetcherOptions {
  /** Downloaded images are kept here (`out/.cache`), so a rebuild does not download again. */
  cacheDir: string;
  /** Per request, in milliseconds (default 10 s). */
  timeoutMs?: number;
  /** For the look-up and the connection of a host's first image (default 3 s). */
  probeTimeoutMs?: number;
  /** Downloads at the same time (default 4). */
  concurrency?: number;
  /**
   * For all downloads of the build together, in milliseconds (default 120 s): once it is spent,
   * the images not yet downloaded are described, as without --fetch-images (and tried again by
   * the next build). Many slow hosts cost two minutes, not fifteen seconds each.
   */
  totalMs?: number;
  /** Largest image accepted, in bytes (default 20 MB). */
  maxBytes?: number;
  /** Downloads started and finished so far (for a progress line). */
  onProgress?: (progress: { done: number; total: number; failed: number }) => void;
  /** For tests: stand-ins for the global `fetch` and for the host probe. */
  fetch?: typeof fetch;
  probe?: HostProbe;
}

/** Downloads one image (each URL once per build), with what the build says about them all. */
export type ImageFetcher = ((url: string) => Promise<FetchResult>) & {
  /** One line about the images that were not fetched because their hosts (or the network) could not be reached, if any. */
  summary(): string | undefined;
  readonly stats: { downloaded: number; cached: number; failed: number; unreachable: number };
};

/** Errors that mean this machine has no working network (not that one host is down). */
const noNetwork = new Set(['EAI_AGAIN', 'ENETUNREACH', 'ENETDOWN', 'ETIMEOUT', 'EAI_FAIL']);

/**
 * `--fetch-images`: a downloader for remote images, one per build. Only http(s); a response must
 * be an image (by its content type, or by its bytes when the server says octet-stream), arrive
 * within the timeout and stay under the size cap, or it is refused with a reason. Each URL is
 * downloaded once per build and kept in the cache folder across builds; a few run at once.
 *
 * Before a host's first download it is probed (DNS look-up, TCP connection, a few seconds at
 * most): a host that cannot be reached costs one probe, not a timeout per image. When the
 * network itself is down (a resolver that does not answer, no route; or two hosts in a row
 * unknown or refusing, with none reached) every other image is skipped at once. Those images
 * are listed in one `summary` line instead of a warning each.
 */
export function createImageFetcher(options: ImageFetcherOptions): ImageFetcher {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const probeTimeoutMs = options.probeTimeoutMs ?? 3_000;
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  const fetchImpl = options.fetch ?? fetch;
  const probe = options.probe ?? probeHost;
  const cacheDir = path.join(options.cacheDir, 'images');
  const pending = new Map<string, Promise<FetchResult>>();
  const hosts = new Map<string, Promise<{ ok: true } | { ok: false; code: string }>>();
  const unreachable = new Map<string, { code: string; images: number }>();
  const stats = { downloaded: 0, cached: 0, failed: 0, unreachable: 0 };
  let reached = false;
  let down: { code: string } | undefined;
  const progress = { done: 0, total: 0, failed: 0 };
  const slots = limiter(options.concurrency ?? 4);
  const deadline = Date.now() + (options.totalMs ?? 120_000);

  const hostOf = (url: URL) => url.host;
  const reach = async (url: URL): Promise<FetchResult | undefined> => {
    const host = hostOf(url);
    if (down) return skipped(host, down.code, 'no network');
    let probing = hosts.get(host);
    if (!probing) {
      probing = probe(url.hostname.replace(/^\[|\]$/g, ''), Number(url.port) || (url.protocol === 'https:' ? 443 : 80), probeTimeoutMs);
      hosts.set(host, probing);
    }
    const outcome = await probing;
    if (outcome.ok) {
      reached = true;
      return undefined;
    }
    // The first failure that says "no network", or a second unreachable host before any answered.
    if (!down && !reached && (noNetwork.has(outcome.code) || (unreachable.size >= 1 && !unreachable.has(host)))) down = { code: outcome.code };
    return skipped(host, outcome.code, `could not reach ${host} (${outcome.code})`);
  };
  const skipped = (host: string, code: string, problem: string): FetchResult => {
    const entry = unreachable.get(host) ?? { code, images: 0 };
    entry.images++;
    unreachable.set(host, entry);
    stats.unreachable++;
    return { problem, transient: true, summarized: true };
  };

  const download = async (address: string): Promise<FetchResult> => {
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      return { problem: 'not a valid address' };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: 'only http and https images are downloaded' };
    const name = createHash('sha256').update(address).digest('hex').slice(0, 32);
    const kept = readSealed(path.join(cacheDir, name), address);
    if (kept) {
      stats.cached++;
      return { bytes: new Uint8Array(kept) };
    }
    const late = () => ({ problem: `not downloaded: the downloads of this build took longer than ${Math.round((options.totalMs ?? 120_000) / 1000)} s in all`, transient: true });
    if (Date.now() > deadline) return late();
    const unreached = await reach(url);
    if (unreached) return unreached;
    progress.total++;
    options.onProgress?.({ ...progress });
    const result = await slots(() => (Date.now() > deadline ? Promise.resolve(late()) : fetchImage(fetchImpl, address, { timeoutMs: Math.max(1, Math.min(timeoutMs, deadline - Date.now())), maxBytes })));
    progress.done++;
    if ('problem' in result) {
      progress.failed++;
      stats.failed++;
    } else {
      stats.downloaded++;
      try {
        emitCacheFile(cacheDir, name, seal(address, result.bytes));
      } catch {
        // A cache that cannot be written only costs a download next time.
      }
    }
    options.onProgress?.({ ...progress });
    return result;
  };

  const fetchOnce = (url: string) => {
    let result = pending.get(url);
    if (!result) {
      result = download(url);
      pending.set(url, result);
    }
    return result;
  };
  return Object.assign(fetchOnce, {
    summary() {
      if (unreachable.size === 0) return undefined;
      const images = [...unreachable.values()].reduce((total, entry) => total + entry.images, 0);
      const what = `${images} remote image${images === 1 ? '' : 's'} not fetched; ${images === 1 ? 'its description is' : 'their descriptions are'} used`;
      // The hosts that were tried, in the order their images were asked for (probes end in any order).
      const tried = [...hosts.keys()].filter((host) => unreachable.has(host)).map((host) => `${host} (${unreachable.get(host)!.code})`);
      if (down) return `no network (${tried.join(', ')}): ${what} (build again when online)`;
      return `could not reach ${tried.join(', ')}: ${what}`;
    },
    stats,
  });
}

async function fetchImage(fetchImpl: typeof fetch, url: string, limits: { timeoutMs: number; maxBytes: number }): Promise<FetchResult> {
  const { timeoutMs, maxBytes } = limits;
  let response: Response;
  try {
    response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow', headers: { accept: 'image/*' } });
  } catch (error) {
    return { problem: downloadError(error, timeoutMs), transient: true };
  }
  if (!response.ok) return { problem: `the server answered HTTP ${response.status}`, ...(response.status >= 500 || response.status === 429 ? { transient: true } : {}) };
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type && !type.startsWith('image/') && type !== 'application/octet-stream') return { problem: `not an image (content type ${type})` };
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > maxBytes) return { problem: `larger than ${Math.round(maxBytes / 1048576)} MB` };
  const bytes = await readCapped(response, maxBytes, timeoutMs);
  if ('problem' in bytes) return bytes;
  if (!sniffImageType(bytes.bytes)) return { problem: 'the download is not an image' };
  return bytes;
}

function downloadError(error: unknown, timeoutMs: number): string {
  if ((error as Error).name === 'TimeoutError') return `no answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`;
  // undici says "fetch failed" and puts the reason (ECONNRESET, a TLS error…) in `cause`.
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return `download failed: ${cause?.code ?? cause?.message ?? (error as Error).message}`;
}

async function readCapped(response: Response, maxBytes: number, timeoutMs: number): Promise<FetchResult> {
  if (!response.body) return { problem: 'empty response' };
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        return { problem: `larger than ${Math.round(maxBytes / 1048576)} MB` };
      }
      chunks.push(value);
    }
  } catch (error) {
    return { problem: downloadError(error, timeoutMs), transient: true };
  }
  return { bytes: new Uint8Array(Buffer.concat(chunks)) };
}

/** The default probe: a DNS look-up, then a TCP connection to the image's port, each within `timeoutMs`. */
export const probeHost: HostProbe = async (hostname, port, timeoutMs) => {
  let address: { address: string; family: number };
  try {
    address = net.isIP(hostname) ? { address: hostname, family: net.isIP(hostname) } : await withTimeout(lookup(hostname), timeoutMs, 'ETIMEOUT');
  } catch (error) {
    return { ok: false, code: (error as NodeJS.ErrnoException).code ?? 'ENOTFOUND' };
  }
  return new Promise((resolve) => {
    const socket = net.connect({ host: address.address, port, family: address.family });
    const done = (result: { ok: true } | { ok: false; code: string }) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done({ ok: false, code: 'ETIMEDOUT' }));
    socket.once('connect', () => done({ ok: true }));
    socket.once('error', (error: NodeJS.ErrnoException) => done({ ok: false, code: error.code ?? 'ECONNREFUSED' }));
  });
};

function withTimeout<T>(promise: Promise<T>, ms: number, code: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms} ms`), { code })), ms);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
