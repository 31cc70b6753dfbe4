import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { readerForMediaType } from '../content/readers.js';
import { version } from '../paths.js';
import { isPublicAddress, literalAddress, PrivateAddressError, publicOnlyLookup, type Lookup } from './address-guard.js';

/** Why a download was refused; each is one line in the report (see `describeFetchFailure`). */
export type FetchFailureKind = 'scheme' | 'timeout' | 'status' | 'content-type' | 'too-large' | 'redirects' | 'redirect-scheme' | 'private-address' | 'network';

export interface FetchFailure {
  ok: false;
  kind: FetchFailureKind;
  /** What went wrong, for a user: `the server answered HTTP 404 Not Found`. */
  reason: string;
}

export interface Fetched {
  ok: true;
  /** The address the answer came from, after redirects. */
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  /** The body, decompressed; empty for answers other than 2xx. */
  bytes: Uint8Array;
  /** Each address redirected to, in order. */
  redirects: string[];
}

export interface GuardedGetOptions {
  /** The whole exchange (every redirect and the body) must end within this. */
  timeoutMs: number;
  /** Largest body accepted, in bytes, after decompression. */
  maxBytes: number;
  maxRedirects: number;
  /**
   * Whether connections may go to loopback, private, link-local or unique-local addresses. Only
   * when the address the user gave is itself such an address: a public page can never lead a
   * download (by redirect, or an image) into the local network.
   */
  allowPrivate: boolean;
  /** The `Accept` header. */
  accept: string;
  /** Checked before the body is read (content type, length); a failure stops the download. */
  check?: (response: { status: number; headers: IncomingHttpHeaders; url: string }) => FetchFailure | undefined;
  signal?: AbortSignal | undefined;
  /** For tests: which addresses count as public, and the resolver. */
  isPublic?: (address: string) => boolean;
  lookup?: Lookup;
}

export const userAgent = `wenji/${version} (article collector; +https://www.npmjs.com/package/wenji)`;

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * A GET that a page on the web cannot abuse: only `http:` and `https:`, at most `maxRedirects`
 * redirects and each to `http(s):` again, no connection to a private address unless allowed
 * (checked on the address actually connected to, for the first request and every redirect), a
 * deadline for the whole exchange, and a size cap on the decompressed body. Never throws: a
 * refusal is a value with its kind and a reason.
 */
export async function guardedGet(address: string, options: GuardedGetOptions): Promise<Fetched | FetchFailure> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TimeoutError()), options.timeoutMs);
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const isPublic = options.isPublic ?? isPublicAddress;
  const redirects: string[] = [];
  try {
    let current: URL;
    try {
      current = new URL(address);
    } catch {
      return failure('scheme', 'not a valid web address');
    }
    for (let hop = 0; ; hop++) {
      if (current.protocol !== 'http:' && current.protocol !== 'https:') {
        return hop === 0 ? failure('scheme', `only http: and https: addresses are fetched, not ${current.protocol}`) : failure('redirect-scheme', `redirected to a ${current.protocol} address (${shortUrl(current.href)}), which is refused`);
      }
      const literal = literalAddress(current.hostname);
      if (!options.allowPrivate && literal && !isPublic(literal)) return privateFailure(hop, current.hostname, literal);
      const response = await request(current, options, controller.signal, options.allowPrivate ? options.lookup : publicOnlyLookup(isPublic, options.lookup));
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (redirectStatuses.has(status) && location) {
        response.destroy();
        if (hop >= options.maxRedirects) return failure('redirects', `more than ${options.maxRedirects} redirects (the last to ${shortUrl(location)})`);
        try {
          current = new URL(location, current);
        } catch {
          return failure('redirect-scheme', `redirected to an invalid address: ${location.slice(0, 80)}`);
        }
        redirects.push(current.href);
        continue;
      }
      const problem = options.check?.({ status, headers: response.headers, url: current.href });
      if (problem) {
        response.destroy();
        return problem;
      }
      if (status < 200 || status > 299) {
        response.destroy();
        return { ok: true, url: current.href, status, headers: response.headers, bytes: new Uint8Array(), redirects };
      }
      const length = Number(response.headers['content-length'] ?? 0);
      if (length > options.maxBytes) {
        response.destroy();
        return failure('too-large', `larger than ${formatLimit(options.maxBytes)} (the server says ${formatLimit(length)})`);
      }
      const body = await readBody(response, options.maxBytes);
      if ('kind' in body) return body;
      return { ok: true, url: current.href, status, headers: response.headers, bytes: body.bytes, redirects };
    }
  } catch (error) {
    return describeError(error, options, redirects.length, controller.signal);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

class TimeoutError extends Error {
  constructor() {
    super('timeout');
    this.name = 'TimeoutError';
  }
}

function request(url: URL, options: GuardedGetOptions, signal: AbortSignal, lookup: Lookup | undefined): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const outgoing = client.request(url, {
      method: 'GET',
      // A connection of its own for each request: a pooled socket would skip the address check.
      agent: false,
      signal,
      ...(lookup ? { lookup: lookup as never } : {}),
      headers: { 'user-agent': userAgent, accept: options.accept, 'accept-encoding': 'gzip, deflate, br', 'accept-language': 'zh, ja;q=0.9, en;q=0.8, *;q=0.5' },
    });
    outgoing.on('response', resolve);
    outgoing.on('error', reject);
    outgoing.end();
  });
}

async function readBody(response: IncomingMessage, maxBytes: number): Promise<{ bytes: Uint8Array } | FetchFailure> {
  const encoding = String(response.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  let stream: Readable = response;
  if (encoding === 'gzip' || encoding === 'x-gzip' || encoding === 'deflate') stream = response.pipe(zlib.createUnzip());
  else if (encoding === 'br') stream = response.pipe(zlib.createBrotliDecompress());
  else if (encoding !== 'identity' && encoding !== '') {
    response.destroy();
    return failure('network', `the server sent the page in an unknown encoding (${encoding})`);
  }
  // A decompression error is reported on the decompressor, an aborted download on the response.
  if (stream !== response) response.on('error', (error) => stream.destroy(error));
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      response.destroy();
      stream.destroy();
      return failure('too-large', `larger than ${formatLimit(maxBytes)}`);
    }
    chunks.push(chunk);
  }
  return { bytes: new Uint8Array(Buffer.concat(chunks)) };
}

function describeError(error: unknown, options: GuardedGetOptions, hops: number, signal: AbortSignal): FetchFailure {
  if (error instanceof PrivateAddressError) return privateFailure(hops, error.hostname, error.address);
  if (signal.aborted && signal.reason instanceof TimeoutError) return failure('timeout', `no complete answer within ${formatSeconds(options.timeoutMs)}`);
  if (signal.aborted) return failure('network', 'the download was cancelled');
  const code = (error as NodeJS.ErrnoException).code;
  const message = (error as Error).message?.split('\n')[0] ?? String(error);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return failure('network', `host not found (${(error as { hostname?: string }).hostname ?? 'DNS lookup failed'})`);
    case 'ECONNREFUSED':
      return failure('network', 'the connection was refused');
    case 'ECONNRESET':
    case 'EPIPE':
      return failure('network', 'the server closed the connection');
    case 'Z_DATA_ERROR':
    case 'Z_BUF_ERROR':
    case 'ERR__ERROR_FORMAT_PADDING_1':
      return failure('network', 'the server sent a damaged compressed body');
  }
  if (code && /CERT|SSL|TLS/i.test(code)) return failure('network', `the secure connection failed (${code})`);
  return failure('network', `download failed: ${message}`);
}

function privateFailure(hops: number, hostname: string, address: string): FetchFailure {
  const where = hostname.replace(/^\[|\]$/g, '') === address ? address : `${hostname} (${address})`;
  return failure('private-address', hops > 0 ? `redirected to a local or private address, ${where}, which is refused (the page is on the public internet)` : `${where} is a local or private address, which is refused here`);
}

function failure(kind: FetchFailureKind, reason: string): FetchFailure {
  return { ok: false, kind, reason };
}

function formatLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1048576) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round((ms / 1000) * 10) / 10} s`;
}

function shortUrl(url: string): string {
  return url.length > 100 ? `${url.slice(0, 97)}…` : url;
}

// ─── pages ───

export interface PageFetchOptions {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
  allowPrivate: boolean;
  isPublic?: (address: string) => boolean;
  lookup?: Lookup;
}

export interface FetchedPage {
  ok: true;
  /** The address the page came from, after redirects. */
  url: string;
  bytes: Uint8Array;
  /** The reader's format (content/readers.ts), by the `Content-Type`. */
  format: string;
  /** The `charset` of the `Content-Type`, when the server gives one. */
  charset?: string;
  redirects: string[];
}

/** The format of a page by its media type: a text format some reader reads (`wenji add` writes text). */
function pageFormat(type: string): string | undefined {
  const reader = readerForMediaType(type);
  return reader?.encoding === 'text' ? reader.format : undefined;
}

/**
 * An article page: HTML, XHTML, plain text or Markdown by its `Content-Type` (a missing type is
 * taken as HTML when the body looks like markup), answered with 2xx.
 */
export async function fetchPage(url: string, options: PageFetchOptions): Promise<FetchedPage | FetchFailure> {
  const result = await guardedGet(url, {
    ...options,
    maxRedirects: options.maxRedirects ?? 5,
    accept: 'text/html, application/xhtml+xml, text/plain;q=0.8, text/markdown;q=0.8',
    check: ({ status, headers }) => {
      if (status < 200 || status > 299) return failure('status', `the server answered HTTP ${status}${httpReason(status)}`);
      const type = mediaType(headers['content-type']);
      if (type && !pageFormat(type)) return failure('content-type', `not an HTML page (the server says ${type})`);
      return undefined;
    },
  });
  if (!result.ok) return result;
  const type = mediaType(result.headers['content-type']);
  const format = type ? pageFormat(type) : /^\s*</.test(Buffer.from(result.bytes.subarray(0, 512)).toString('latin1')) ? 'html' : undefined;
  if (!format) return failure('content-type', 'not an HTML page (the server gives no content type, and the body is not markup)');
  if (result.bytes.length === 0) return failure('status', 'the server answered with an empty page');
  const charset = /;\s*charset\s*=\s*"?([\w.:-]+)/i.exec(String(result.headers['content-type'] ?? ''))?.[1];
  return { ok: true, url: result.url, bytes: result.bytes, format, ...(charset ? { charset } : {}), redirects: result.redirects };
}

function mediaType(header: string | undefined): string | undefined {
  const type = String(header ?? '').split(';')[0]!.trim().toLowerCase();
  return type || undefined;
}

function httpReason(status: number): string {
  const reason = http.STATUS_CODES[status];
  return reason ? ` ${reason}` : '';
}

// ─── images ───

/**
 * A `fetch` for `createImageFetcher` (`--fetch-images`'s downloader, with its type, size and
 * timeout checks) that goes through the same guard as pages: redirects bounded and to http(s)
 * only, no private address from a public page.
 */
export function guardedImageFetch(options: Pick<GuardedGetOptions, 'allowPrivate' | 'maxBytes' | 'timeoutMs' | 'isPublic' | 'lookup'>): typeof fetch {
  return async (input, init) => {
    const result = await guardedGet(String(input instanceof Request ? input.url : input), { ...options, maxRedirects: 5, accept: 'image/*', signal: init?.signal ?? undefined });
    if (!result.ok) {
      const error = new Error(result.reason);
      if (result.kind === 'timeout') error.name = 'TimeoutError';
      throw error;
    }
    const headers = new Headers();
    for (const [key, value] of Object.entries(result.headers)) if (typeof value === 'string') headers.set(key, value);
    headers.delete('content-encoding');
    headers.delete('content-length');
    const empty = result.status === 204 || result.status === 304 || result.status < 200;
    return new Response(empty ? null : (result.bytes as Uint8Array<ArrayBuffer>), { status: result.status < 200 || result.status > 599 ? 502 : result.status, headers });
  };
}
