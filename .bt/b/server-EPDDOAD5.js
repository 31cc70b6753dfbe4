import { createRequire as __wenjiCreateRequire } from 'node:module'; const require = __wenjiCreateRequire(import.meta.url);
import {
  previewPaths
} from "./chunk-GSTOCY3I.js";
import "./chunk-B345WBPN.js";
import "./chunk-6UMTLNGL.js";
import "./chunk-J76YJXPM.js";
import {
  WenjiError,
  describeError
} from "./chunk-JAXYST3H.js";
import {
  stylesDir
} from "./chunk-CNNDZZDZ.js";
import "./chunk-4T5F5MTL.js";
import "./chunk-K7P6NYI4.js";
import "./chunk-LE77IW2N.js";

// src/preview/server.ts
import { createReadStream, readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";

// src/preview/live-reload-script.ts
var liveReloadScript = `(() => {
  const key = 'wenji-scroll:' + location.pathname;
  const pages = () => document.querySelector('.wenji-pages');
  const saved = sessionStorage.getItem(key);
  if (saved) {
    sessionStorage.removeItem(key);
    const [left, top] = saved.split(',').map(Number);
    const restore = () => { const el = pages(); if (el) { el.scrollLeft = left; el.scrollTop = top; } };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', restore); else restore();
  }
  const revision = document.documentElement.dataset.revision;
  const events = new EventSource('/_wenji/events');
  events.addEventListener('revision', (event) => {
    // data-live tells that the page is connected (and lets tests wait for it).
    if (event.data === revision) return void (document.documentElement.dataset.live = 'on');
    const el = pages();
    if (el) sessionStorage.setItem(key, el.scrollLeft + ',' + el.scrollTop);
    events.close();
    location.reload();
  });
})();
`;

// src/preview/server.ts
var contentSecurityPolicy = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
var host = "127.0.0.1";
async function startPreviewServer(options) {
  const streams = /* @__PURE__ */ new Set();
  let port = options.port;
  const server = createServer((request, response) => {
    try {
      handle(request, response);
    } catch (error) {
      if (!response.headersSent) send(response, 500, "text/plain; charset=utf-8", `wenji preview: ${describeError(error)}
`);
      else response.destroy();
    }
  });
  const handle = (request, response) => {
    const allowedHosts = [`${host}:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(String(request.headers.host ?? "").toLowerCase())) return send(response, 403, "text/plain; charset=utf-8", "wenji preview: unknown host\n");
    if (request.method !== "GET" && request.method !== "HEAD") return send(response, 405, "text/plain; charset=utf-8", "wenji preview: read only\n", { Allow: "GET, HEAD" });
    const pathname = new URL(request.url ?? "/", `http://${host}`).pathname;
    const state = options.state();
    if (pathname === "/" || pathname === "/index.html") return send(response, 200, "text/html; charset=utf-8", state.html, { "Content-Security-Policy": contentSecurityPolicy });
    if (pathname === previewPaths.stylesheet) return send(response, 200, "text/css; charset=utf-8", readFileSync(path.join(stylesDir, "preview.css"), "utf8"));
    if (pathname === previewPaths.script) return send(response, 200, "text/javascript; charset=utf-8", liveReloadScript);
    if (pathname === previewPaths.events) return openStream(response, state.revision);
    if (pathname === "/favicon.ico") return send(response, 204, "image/x-icon", "");
    const font = /^\/_wenji\/fonts\/(\d{1,2})$/.exec(pathname);
    if (font) {
      const face = options.faces[Number(font[1])];
      if (!face) return notFound(response);
      response.writeHead(200, { ...commonHeaders, "Content-Type": face.format === "woff2" ? "font/woff2" : "font/ttf", "Cache-Control": "max-age=3600" });
      if (request.method === "HEAD") return response.end();
      return void createReadStream(face.file).on("error", () => response.destroy()).pipe(response);
    }
    const image = /^\/images\/([^/]+)$/.exec(pathname);
    if (image) {
      const asset = state.images.get(image[1]);
      return asset ? send(response, 200, asset.mediaType, asset.data, { "Cache-Control": "no-cache" }) : notFound(response);
    }
    return notFound(response);
  };
  const openStream = (response, revision) => {
    response.writeHead(200, { ...commonHeaders, "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", Connection: "keep-alive" });
    response.write(`retry: 1000
event: revision
data: ${revision}

`);
    streams.add(response);
    response.on("close", () => streams.delete(response));
  };
  const keepAlive = setInterval(() => {
    for (const stream of streams) stream.write(": ping\n\n");
  }, 15e3);
  keepAlive.unref();
  port = await listen(server, options.port, options.exactPort);
  return {
    url: `http://${host}:${port}/`,
    port,
    notify() {
      const revision = options.state().revision;
      for (const stream of streams) stream.write(`event: revision
data: ${revision}

`);
    },
    async close() {
      clearInterval(keepAlive);
      for (const stream of streams) stream.end();
      await new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  };
}
var commonHeaders = { "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "Cross-Origin-Resource-Policy": "same-origin" };
function send(response, status, type, body, headers = {}) {
  const data = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  response.writeHead(status, { ...commonHeaders, "Cache-Control": "no-store", ...headers, "Content-Type": type, "Content-Length": String(data.length) });
  response.end(response.req.method === "HEAD" ? void 0 : data);
}
function notFound(response) {
  send(response, 404, "text/plain; charset=utf-8", "wenji preview: not found\n");
}
async function listen(server, first, exact) {
  const attempts = exact || first === 0 ? 1 : 100;
  for (let port = first; port < first + attempts; port++) {
    try {
      await new Promise((resolve, reject) => {
        const onError = (error) => {
          server.off("listening", onListening);
          reject(error);
        };
        const onListening = () => {
          server.off("error", onError);
          resolve();
        };
        server.once("error", onError);
        server.once("listening", onListening);
        server.listen(port, host);
      });
      return server.address().port;
    } catch (error) {
      const code = error.code;
      if (code === "EADDRINUSE" && port + 1 < first + attempts) continue;
      const hint = code === "EADDRINUSE" ? exact ? "is in use; pass another --port" : `and the next ${attempts - 1} ports are in use; pass a free one with --port` : `cannot be opened (${describeError(error)})`;
      throw new WenjiError("server", `port ${port === first ? port : `${first}`} on ${host} ${hint}`, { cause: error });
    }
  }
  throw new WenjiError("server", `no free port from ${first} on ${host}; pass one with --port`);
}
export {
  startPreviewServer
};
