import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

export interface TestServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  port: number;
  /** Every request, in order: `GET /path` (and the headers of each). */
  log: { line: string; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/**
 * An HTTP server on 127.0.0.1 for tests, serving `routes` by path (the query is part of the
 * path); anything else is a 404. It logs every request, so a test can say which requests were
 * made — and that no others were.
 */
export async function startServer(routes: Record<string, Route>): Promise<TestServer> {
  const log: TestServer['log'] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((request, response) => {
    log.push({ line: `${request.method} ${request.url}`, headers: request.headers });
    const route = routes[request.url ?? ''];
    if (route) route(request, response);
    else {
      response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><title>404</title><p>没有这个页面</p>');
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A route answering with a fixed body. */
export function serve(contentType: string, body: string | Uint8Array, headers: Record<string, string> = {}): Route {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': contentType, ...headers });
    response.end(body);
  };
}

export function redirect(location: string, status = 302): Route {
  return (_request, response) => {
    response.writeHead(status, { location });
    response.end();
  };
}

/**
 * A route streaming `total` bytes of `chunk`, as fast as the client reads them, without a
 * length; it stops when the client hangs up (as a size cap makes it do).
 */
export function stream(contentType: string, chunk: Uint8Array, total: number): Route {
  return (request, response) => {
    response.writeHead(200, { 'content-type': contentType });
    let sent = 0;
    const pump = () => {
      while (sent < total && !response.destroyed) {
        sent += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', pump);
      }
      response.end();
    };
    request.socket.on('close', () => response.destroy());
    pump();
  };
}

/** A route that sends its headers and the start of a body, then nothing until the client gives up. */
export function stall(contentType: string, start: string): Route {
  return (request, response) => {
    response.writeHead(200, { 'content-type': contentType });
    response.write(start);
    const timer = setTimeout(() => response.end(), 60_000);
    request.socket.on('close', () => clearTimeout(timer));
  };
}
