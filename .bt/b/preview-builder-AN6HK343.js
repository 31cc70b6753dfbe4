import { createRequire as __wenjiCreateRequire } from 'node:module'; const require = __wenjiCreateRequire(import.meta.url);
import {
  errorDocument,
  previewDocument,
  previewPaths
} from "./chunk-GSTOCY3I.js";
import {
  bundledFaces,
  fontFaceCss
} from "./chunk-R5IMAPJQ.js";
import {
  pageGeometries
} from "./chunk-B345WBPN.js";
import "./chunk-6UMTLNGL.js";
import {
  ArticleCache
} from "./chunk-BLPDEZMN.js";
import {
  codeFingerprint,
  prepareBook,
  readStylesheet
} from "./chunk-HBIQ7HYL.js";
import "./chunk-A357MZVH.js";
import "./chunk-4TJOJGXD.js";
import "./chunk-QRN3S7II.js";
import "./chunk-D6USBTPF.js";
import {
  adaptToWritingMode,
  defaultWritingMode
} from "./chunk-I5OIYBFF.js";
import "./chunk-67A7B72C.js";
import "./chunk-J76YJXPM.js";
import {
  describeError,
  isWenjiError
} from "./chunk-JAXYST3H.js";
import {
  stylesDir
} from "./chunk-CNNDZZDZ.js";
import {
  labelsFor
} from "./chunk-ZRDL34G2.js";
import "./chunk-4T5F5MTL.js";
import "./chunk-K7P6NYI4.js";
import "./chunk-LE77IW2N.js";

// src/preview/preview-builder.ts
import path from "node:path";

// src/cache/memory-store.ts
function memoryStore() {
  const entries = /* @__PURE__ */ new Map();
  return {
    read(key) {
      const found = entries.get(key);
      return found;
    },
    write(entry, images) {
      entries.set(entry.key, { entry: structuredClone(entry), images: new Map(images.map((image) => [image.href, image.data])) });
    },
    finish(used) {
      for (const key of entries.keys()) if (!used.has(key)) entries.delete(key);
    }
  };
}

// src/preview/preview-builder.ts
function createPreviewBuilder(options) {
  const store = memoryStore();
  const fingerprint = codeFingerprint();
  const faces = bundledFaces();
  const adapt = adaptedArticles();
  let state = { revision: 0, html: errorDocument("not built yet", 0), images: /* @__PURE__ */ new Map() };
  async function rebuild() {
    const started = performance.now();
    const revision = state.revision + 1;
    try {
      const prepared = await prepareBook({ ...options, cache: (config) => new ArticleCache(store, config.config, fingerprint) });
      const { pdf } = prepared.config.config;
      const mode = options.writingMode ?? pdf.writingMode ?? defaultWritingMode("pdf", prepared.book.meta.language);
      const book = adapt(prepared.book, mode, pdf.quotes);
      const assemble = {
        mode,
        geometry: pageGeometries[options.pageSize ?? pdf.pageSize],
        labels: labelsFor(book.meta.language),
        css: readStylesheet(stylesDir, "print.css", prepared.config.dir),
        fontCss: fontFaceCss(faces, (_face, index) => previewPaths.font(index)),
        colophon: pdf.colophon
      };
      const problems = prepared.files.flatMap((file) => file.messages.map((message) => ({ file: file.path, text: `${message.line ? `${message.line}:${message.column ?? 1} ` : ""}${message.reason}` })));
      problems.push(...prepared.notices.map((notice) => ({ file: "book.yaml", text: notice })));
      state = {
        revision,
        html: previewDocument(book, { assemble, revision, problems }),
        images: new Map(book.images.map((image) => [path.basename(image.href), image])),
        config: prepared.config,
        contentDir: prepared.contentDir
      };
      return { ok: true, seconds: seconds(started), articles: book.articles.length, ...prepared.stats, files: prepared.files, notices: prepared.notices };
    } catch (error) {
      const message = isWenjiError(error) ? error.toString() : `internal error: ${describeError(error)}`;
      state = { ...state, revision, html: errorDocument(message, revision) };
      return { ok: false, seconds: seconds(started), articles: 0, normalized: 0, reused: 0, files: [], notices: [], error };
    }
  }
  return {
    rebuild,
    get state() {
      return state;
    },
    faces
  };
}
function adaptedArticles() {
  const memo = /* @__PURE__ */ new Map();
  return (book, mode, quotes) => {
    const key = `${mode}
${quotes}
${book.meta.language}`;
    const known = memo.get(key) ?? /* @__PURE__ */ new WeakMap();
    memo.clear();
    memo.set(key, known);
    const missing = book.articles.filter((article) => !known.has(article.body));
    const fresh = adaptToWritingMode({ ...book, articles: missing }, { mode, quotes }).articles;
    missing.forEach((article, index) => {
      const { title, body, sections } = fresh[index];
      known.set(article.body, { title, body, sections });
    });
    return { ...book, articles: book.articles.map((article) => ({ ...article, ...known.get(article.body) })) };
  };
}
function seconds(since) {
  return (performance.now() - since) / 1e3;
}
export {
  createPreviewBuilder
};
