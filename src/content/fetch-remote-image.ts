import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sniffImageType } from '../book/media-types.js';
import { emitFile } from '../emit.js';

export type FetchResult = { bytes: Uint8Array } | { problem: string };

export interface ImageFetcherOptions {
  /** Downloaded images are kept here (`out/.cache`), so a rebuild does not download again. */
  cacheDir: string;
  /** Per request, in milliseconds (default 15 s). */
  timeoutMs?: number;
  /** Largest image accepted, in bytes (default 20 MB). */
  maxBytes?: number;
  /** For tests: a stand-in for the global `fetch`. */
  fetch?: typeof fetch;
}

/**
 * `--fetch-images`: a downloader for remote images, one per build. Only http(s); a response must
 * be an image (by its content type, or by its bytes when the server says octet-stream), arrive
 * within the timeout and stay under the size cap, or it is refused with a reason. Each URL is
 * downloaded once per build and kept in the cache folder across builds.
 */
export function createImageFetcher(options: ImageFetcherOptions): (url: string) => Promise<FetchResult> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  const fetchImpl = options.fetch ?? fetch;
  const cacheDir = path.join(options.cacheDir, 'images');
  const pending = new Map<string, Promise<FetchResult>>();
  const download = async (url: string): Promise<FetchResult> => {
    if (!/^https?:\/\//i.test(url)) return { problem: 'only http and https images are downloaded' };
    const name = createHash('sha256').update(url).digest('hex').slice(0, 32);
    try {
      return { bytes: readFileSync(path.join(cacheDir, name)) };
    } catch {
      // not cached yet
    }
    let response: Response;
    try {
      response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow', headers: { accept: 'image/*' } });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${Math.round(timeoutMs / 1000)} s` : `download failed: ${(error as Error).message}`;
      return { problem: reason };
    }
    if (!response.ok) return { problem: `the server answered HTTP ${response.status}` };
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type && !type.startsWith('image/') && type !== 'application/octet-stream') return { problem: `not an image (content type ${type})` };
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > maxBytes) return { problem: `larger than ${Math.round(maxBytes / 1048576)} MB` };
    const bytes = await readCapped(response, maxBytes, timeoutMs);
    if ('problem' in bytes) return bytes;
    if (!sniffImageType(bytes.bytes)) return { problem: 'the download is not an image' };
    try {
      emitFile(cacheDir, name, bytes.bytes);
    } catch {
      // A cache that cannot be written only costs a download next time.
    }
    return bytes;
  };
  return (url) => {
    let result = pending.get(url);
    if (!result) {
      result = download(url);
      pending.set(url, result);
    }
    return result;
  };
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
    return { problem: (error as Error).name === 'TimeoutError' ? `no answer within ${Math.round(timeoutMs / 1000)} s` : `download failed: ${(error as Error).message}` };
  }
  return { bytes: new Uint8Array(Buffer.concat(chunks)) };
}
