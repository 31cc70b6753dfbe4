import { createRequire as __wenjiCreateRequire } from 'node:module'; const require = __wenjiCreateRequire(import.meta.url);
import {
  assembleBodyTree,
  pageSides,
  rehypeStringify
} from "./chunk-B345WBPN.js";
import {
  h,
  unified
} from "./chunk-4T5F5MTL.js";

// src/preview/preview-document.ts
var previewPaths = {
  stylesheet: "/_wenji/preview.css",
  script: "/_wenji/live-reload.js",
  events: "/_wenji/events",
  font: (index) => `/_wenji/fonts/${index}`
};
function previewDocument(book, options) {
  const tree = assembleBodyTree(book, options.assemble);
  const { html, head, body } = parts(tree);
  const { geometry, mode } = options.assemble;
  const recto = pageSides(geometry, mode).recto;
  const inner = mode === "vertical" ? recto.right : recto.left;
  const outer = mode === "vertical" ? recto.left : recto.right;
  html.properties.dataRevision = String(options.revision);
  head.children.push(
    h("style", `:root { --page-width: ${geometry.width}mm; --page-height: ${geometry.height}mm; --margin-top: ${geometry.top}mm; --margin-bottom: ${geometry.bottom}mm; --margin-inner: ${inner}mm; --margin-outer: ${outer}mm; }`),
    h("link", { rel: "stylesheet", href: previewPaths.stylesheet }),
    h("script", { src: previewPaths.script, defer: true })
  );
  const pages = h("main", { className: ["wenji-pages"] }, body.children);
  body.children = [sidebar(book, options.problems), pages];
  return unified().use(rehypeStringify).stringify(tree);
}
function errorDocument(message, revision) {
  const tree = {
    type: "root",
    children: [
      { type: "doctype" },
      h("html", { lang: "en", dataRevision: String(revision) }, [
        h("head", [h("meta", { charSet: "utf-8" }), h("title", "wenji preview: error"), h("link", { rel: "stylesheet", href: previewPaths.stylesheet }), h("script", { src: previewPaths.script, defer: true })]),
        h("body", [h("pre", { className: ["wenji-error"] }, `The book could not be built:

${message}

Fix it and save: this page reloads by itself.`)])
      ])
    ]
  };
  return unified().use(rehypeStringify).stringify(tree);
}
function sidebar(book, problems) {
  const { meta } = book;
  return h("nav", { className: ["wenji-sidebar"], ariaLabel: "contents" }, [
    h("h2", meta.title),
    h("p", { className: ["wenji-meta"] }, `${book.articles.length} articles \xB7 wenji preview`),
    h(
      "ol",
      book.articles.map((article) => h("li", [h("a", { href: `#${article.id}` }, article.title)]))
    ),
    problems.length ? h("details", { className: ["wenji-problems"], open: problems.length <= 10 }, [
      h("summary", `${problems.length} warning${problems.length === 1 ? "" : "s"} (see the terminal)`),
      h("ul", problems.slice(0, 100).map((problem) => h("li", `${problem.file}: ${problem.text}`)))
    ]) : void 0
  ].filter((node) => node !== void 0));
}
function parts(tree) {
  const html = tree.children.find((node) => node.type === "element" && node.tagName === "html");
  const child = (name) => html.children.find((node) => node.type === "element" && node.tagName === name);
  return { html, head: child("head"), body: child("body") };
}

export {
  previewPaths,
  previewDocument,
  errorDocument
};
