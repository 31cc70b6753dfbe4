import { createRequire as __wenjiCreateRequire } from 'node:module'; const require = __wenjiCreateRequire(import.meta.url);
import {
  parseArticle
} from "./chunk-RVME24LF.js";
import "./chunk-6UMTLNGL.js";
import {
  prepareBook
} from "./chunk-HBIQ7HYL.js";
import "./chunk-A357MZVH.js";
import {
  articleExtensions,
  displayPath
} from "./chunk-4TJOJGXD.js";
import "./chunk-C3W6SNC7.js";
import "./chunk-QRN3S7II.js";
import "./chunk-D6USBTPF.js";
import {
  cjkLetter,
  visitProse
} from "./chunk-67A7B72C.js";
import "./chunk-JAXYST3H.js";
import "./chunk-CNNDZZDZ.js";
import {
  visit
} from "./chunk-ZRDL34G2.js";
import {
  unified
} from "./chunk-4T5F5MTL.js";
import {
  VFile
} from "./chunk-K7P6NYI4.js";
import "./chunk-LE77IW2N.js";

// src/check/check-book.ts
import path2 from "node:path";

// src/check/plugins/rehype-lint-links.ts
import { existsSync } from "node:fs";
import path from "node:path";
function rehypeLintLinks(_options) {
  return (tree, file) => {
    const ids = /* @__PURE__ */ new Set();
    visit(tree, "element", (node) => {
      for (const key of ["id", "name"]) {
        const value = node.properties[key];
        if (typeof value === "string" && value) ids.add(value);
      }
    });
    const article = file.data.absolutePath;
    visit(tree, "element", (node) => {
      if (node.tagName !== "a" || typeof node.properties.href !== "string") return;
      const href = node.properties.href.trim();
      const reported = file.messages.some((message) => message.ruleId === "link" && message.line === node.position?.start.line && message.column === node.position?.start.column);
      const report = (reason) => {
        if (!reported) file.message(reason, { place: node.position, ruleId: "broken-link", source: "wenji" });
      };
      if (href.startsWith("#")) {
        const id = href.slice(1);
        if (id && !ids.has(id) && !ids.has(safeDecode(id))) report(`link to "${href}", which is no anchor in this article; the link is dropped`);
        return;
      }
      if (/^file:/i.test(href)) return void report(`file: link cannot be followed in a book: ${href.slice(0, 80)}`);
      if (!href || /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(href) || !article) return;
      const target = safeDecode(href.replace(/[?#].*$/, ""));
      if (target && !existsSync(path.resolve(path.dirname(article), target))) report(`link target not found: ${href} (fix the path or link to a web address)`);
    });
  };
}
function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// src/check/source-position.ts
function pointInSource(source, node, index, piece) {
  const start = node.position?.start;
  const end = node.position?.end;
  if (!start) return void 0;
  if (start.offset === void 0 || end?.offset === void 0) return start;
  const span = source.slice(start.offset, end.offset);
  if (span === node.value) return pointAt(source, start.offset + index);
  const found = span.indexOf(piece);
  return found === -1 ? start : pointAt(source, start.offset + found);
}
function pointAt(source, offset) {
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf("\n"); i !== -1 && i < offset; i = source.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1, offset };
}

// src/check/plugins/rehype-lint-punctuation.ts
var fullWidth = { ",": "\uFF0C", ".": "\u3002", "?": "\uFF1F", "!": "\uFF01", ":": "\uFF1A", ";": "\uFF1B", "...": "\u2026\u2026" };
var mixed = new RegExp(`(?<=[${cjkLetter}])(\\.{3,}|[,.?!:;])[ \\t]*(?=[${cjkLetter}])`, "gu");
function rehypeLintPunctuation(_options) {
  return (tree, file) => {
    const source = String(file.value ?? "");
    visitProse(tree, (node) => {
      for (const match of node.value.matchAll(mixed)) {
        const mark = match[1];
        const wanted = fullWidth[mark.startsWith("...") ? "..." : mark] ?? mark;
        const context = node.value.slice(Math.max(0, match.index - 1), match.index + match[0].length + 1);
        file.message(`half-width "${mark}" between CJK characters in \u201C${context}\u201D: use the full-width \u201C${wanted}\u201D`, {
          place: pointInSource(source, node, match.index, match[0]),
          ruleId: "halfwidth-punctuation",
          source: "wenji"
        });
      }
    });
  };
}

// src/check/check-book.ts
var imageExtensions = /* @__PURE__ */ new Set([".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp", ".tif", ".tiff"]);
async function checkBook(options) {
  const cwd = options.cwd ?? process.cwd();
  const prepared = await prepareBook({ ...options, cache: void 0 });
  const { config, contentDir } = prepared;
  const language = config.config.language;
  const lint = unified().use(rehypeLintLinks).use(rehypeLintPunctuation);
  for (const file of prepared.files) {
    if (file.value === void 0 || file.messages.some((message) => message.fatal && message.ruleId !== "duplicate-title")) continue;
    const copy = new VFile({ path: file.path, value: file.value, data: { ...file.data } });
    const parsed = await parseArticle(copy, { language });
    if (!parsed.meta.title && parsed.fallbackTitles.length <= 1) {
      file.message(`the article has no title (no front-matter title, no # heading, no <title>), so its file name is used: \u201C${parsed.fallbackTitles[0] ?? ""}\u201D`, {
        place: { line: 1, column: 1 },
        ruleId: "missing-title",
        source: "wenji"
      });
    }
    await lint.run(parsed.tree, file);
  }
  const bookFile = new VFile({ path: config.file ? displayPath(config.file, cwd) : "book.yaml", cwd });
  for (const notice of prepared.notices) bookFile.message(notice, { ruleId: "order", source: "wenji" });
  const used = new Set(prepared.book.images.map((image) => image.source));
  const ignored = prepared.ignored.filter((relative) => !used.has(relative)).map((relative) => {
    const file = new VFile({ path: displayPath(path2.join(contentDir, relative), cwd), cwd });
    const extension = path2.extname(relative).toLowerCase();
    if (imageExtensions.has(extension)) file.message("image not used by any article; it is left out of the book", { ruleId: "unused-file", source: "wenji" });
    else file.message(`not an article: ${extension || "a file without an extension"} is not read (wenji reads ${articleExtensions.join(" ")}); convert it or move it out of the content folder`, { ruleId: "ignored-file", source: "wenji" });
    return file;
  });
  return { files: [bookFile, ...prepared.files, ...ignored], articles: prepared.book.articles.length, config, contentDir };
}
export {
  checkBook
};
