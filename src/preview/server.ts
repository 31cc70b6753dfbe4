import { createReadStream, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WenjiError, describeError } from '../errors.js';
import { stylesDir } from '../paths.js';
import type { BundledFace } from '../writers/pdf/fonts.js';
import { liveReloadScript } from './live-reload-script.js';
import type { PreviewState } from './preview-builder.js';
import { previewPaths } from './preview-document.js';

export interface PreviewServerOptions {
  /** First port to try; 0 picks any free port. */
  port: number;
  /** A port given with --port must be that port; the default moves on to the next free one. */
  exactPort: boolean;
  state: () => PreviewState;
  faces: BundledFace[];
}

export interface PreviewServer {
  url: string;
  port: number;
  /** Tells every open page the current revision (pages showing an older one reload). */
  notify(): void;
  close(): Promise<void>;
}

/** The page may load wenji's own script and the book's files, and nothing else. */
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const host = '127.0.0.1';

/**
 * A read-only HTTP server on 127.0.0.1 for the preview. Every path it answers is in a fixed list
 * (the page, wenji's stylesheet and script, the event stream, the bundled fonts by number, the
 * book's images by name): nothing maps a URL onto the file system, so no path can reach
 * another file. Requests naming another host are refused (DNS rebinding).
 */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const streams = new Set<ServerResponse>();
  let port = options.port;
  const server = createServer((request, response) => {
    try {
      handle(request, response);
    } catch (error) {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', `wenji preview: ${describeError(error)}\n`);
      else response.destroy();
    }
  });

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const allowedHosts = [`${host}:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(String(request.headers.host ?? '').toLowerCase())) return send(response, 403, 'text/plain; charset=utf-8', 'wenji preview: unknown host\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain; charset=utf-8', 'wenji preview: read only\n', { Allow: 'GET, HEAD' });
    const pathname = new URL(request.url ?? '/', `http://${host}`).pathname;
    const state = options.state();
    if (pathname === '/' || pathname === '/index.html') return send(response, 200, 'text/html; charset=utf-8', state.html, { 'Content-Security-Policy': contentSecurityPolicy });
    if (pathname === previewPaths.stylesheet) return send(response, 200, 'text/css; charset=utf-8', readFileSync(path.join(stylesDir, 'preview.css'), 'utf8'));
    if (pathname === previewPaths.script) return send(response, 200, 'text/javascript; charset=utf-8', liveReloadScript);
    if (pathname === previewPaths.events) return openStream(response, state.revision);
    if (pathname === '/favicon.ico') return send(response, 204, 'image/x-icon', '');
    const font = /^\/_wenji\/fonts\/(\d{1,2})$/.exec(pathname);
    if (font) {
      const face = options.faces[Number(font[1])];
      if (!face) return notFound(response);
      response.writeHead(200, { ...commonHeaders, 'Content-Type': face.format === 'woff2' ? 'font/woff2' : 'font/ttf', 'Cache-Control': 'max-age=3600' });
      if (request.method === 'HEAD') return response.end();
      return void createReadStream(face.file).on('error', () => response.destroy()).pipe(response);
    }
    const image = /^\/images\/([^/]+)$/.exec(pathname);
    if (image) {
      const asset = state.images.get(image[1]!);
      return asset ? send(response, 200, asset.mediaType, asset.data, { 'Cache-Control': 'no-cache' }) : notFound(response);
    }
    return notFound(response);
  };

  const openStream = (response: ServerResponse, revision: number) => {
    response.writeHead(200, { ...commonHeaders, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    response.write(`retry: 1000\nevent: revision\ndata: ${revision}\n\n`);
    streams.add(response);
    response.on('close', () => streams.delete(response));
  };

  // A comment now and then keeps idle connections (and proxies) from timing out.
  const keepAlive = setInterval(() => {
    for (const stream of streams) stream.write(': ping\n\n');
  }, 15_000);
  keepAlive.unref();

  port = await listen(server, options.port, options.exactPort);
  return {
    url: `http://${host}:${port}/`,
    port,
    notify() {
      const revision = options.state().revision;
      for (const stream of streams) stream.write(`event: revision\ndata: ${revision}\n\n`);
    },
    async close() {
      clearInterval(keepAlive);
      for (const stream of streams) stream.end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

const commonHeaders = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cross-Origin-Resource-Policy': 'same-origin' };

function send(response: ServerResponse, status: number, type: string, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  response.writeHead(status, { ...commonHeaders, 'Cache-Control': 'no-store', ...headers, 'Content-Type': type, 'Content-Length': String(data.length) });
  response.end(response.req.method === 'HEAD' ? undefined : data);
}

function notFound(response: ServerResponse): void {
  send(response, 404, 'text/plain; charset=utf-8', 'wenji preview: not found\n');
}

/** Listens on 127.0.0.1: the given port, or (by default) the first free one from it on. */
async function listen(server: Server, first: number, exact: boolean): Promise<number> {
  const attempts = exact || first === 0 ? 1 : 100;
  for (let port = first; port < first + attempts; port++) {
    try {
      await new Promise<void>((resolve, reject) => {
        const onError = (error: Error) => {
          server.off('listening', onListening);
          reject(error);
        };
        const onListening = () => {
          server.off('error', onError);
          resolve();
        };
        server.once('error', onError);
        server.once('listening', onListening);
        server.listen(port, host);
      });
      return (server.address() as AddressInfo).port;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' && port + 1 < first + attempts) continue;
      const hint = code === 'EADDRINUSE' ? (exact ? 'is in use; pass another --port' : `and the next ${attempts - 1} ports are in use; pass a free one with --port`) : `cannot be opened (${describeError(error)})`;
      throw new WenjiError('server', `port ${port === first ? port : `${first}`} on ${host} ${hint}`, { cause: error });
    }
  }
  throw new WenjiError('server', `no free port from ${first} on ${host}; pass one with --port`);
}
