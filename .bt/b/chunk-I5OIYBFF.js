import { createRequire as __wenjiCreateRequire } from 'node:module'; const require = __wenjiCreateRequire(import.meta.url);
import {
  collectSections,
  isCjk,
  literalElements,
  phrasing
} from "./chunk-67A7B72C.js";
import {
  packageRoot
} from "./chunk-CNNDZZDZ.js";
import {
  isCjkLanguage
} from "./chunk-ZRDL34G2.js";
import {
  unified
} from "./chunk-4T5F5MTL.js";

// src/normalize/plugins/rehype-corner-quotes.ts
var corner = { "\u201C": "\u300C", "\u201D": "\u300D", "\u2018": "\u300E", "\u2019": "\u300F" };
function rehypeCornerQuotes(_options = {}) {
  return (tree) => {
    const runs = [[]];
    collect(tree, runs);
    for (const run of runs) convertRun(run);
  };
}
function convertRun(texts) {
  const joined = texts.map((node) => node.value).join("");
  const convert = /* @__PURE__ */ new Map();
  const open = { "\u201C": [], "\u2018": [] };
  for (let index = 0; index < joined.length; index++) {
    const quote = joined[index];
    if (!/[“”‘’]/.test(quote)) continue;
    const before = joined[index - 1];
    const after = joined[index + 1];
    if ((quote === "\u2019" || quote === "\u2018") && /[A-Za-z]/.test(before ?? "") && /[A-Za-z]/.test(after ?? "")) continue;
    convert.set(index, cjkAround(joined, index));
    if (quote === "\u201C" || quote === "\u2018") open[quote].push(index);
    else {
      const opening = open[quote === "\u201D" ? "\u201C" : "\u2018"].pop();
      if (opening !== void 0 && (convert.get(opening) || convert.get(index))) {
        convert.set(opening, true);
        convert.set(index, true);
      }
    }
  }
  let offset = 0;
  for (const node of texts) {
    const start = offset;
    offset += node.value.length;
    node.value = node.value.replace(/[“”‘’]/g, (quote, at) => convert.get(start + at) ? corner[quote] ?? quote : quote);
  }
}
function collect(node, runs) {
  for (const child of node.children) {
    if (child.type === "text") runs.at(-1).push(child);
    else if (child.type === "element" && !literalElements.has(child.tagName) && !isLatinElement(child)) {
      if (phrasing.has(child.tagName)) collect(child, runs);
      else {
        runs.push([]);
        collect(child, runs);
        runs.push([]);
      }
    }
  }
}
function isLatinElement(element) {
  const lang = element.properties.lang;
  return typeof lang === "string" && !/^(zh|ja|ko)/i.test(lang);
}
function cjkAround(text, index) {
  for (let distance = 1; distance <= 3; distance++) {
    if (isCjk(text[index - distance]) && !/[“”‘’]/.test(text[index - distance])) return true;
    if (isCjk(text[index + distance]) && !/[“”‘’]/.test(text[index + distance])) return true;
  }
  return false;
}

// src/normalize/plugins/rehype-tate-chu-yoko.ts
var latinNeighbour = /[A-Za-z0-9.,:/_\-+%°]/;
function rehypeTateChuYoko(options = {}) {
  const max = Math.max(1, Math.min(4, options.maxDigits ?? 2));
  const pattern = new RegExp(`\\d{1,${max}}|[!?]{2}`, "g");
  return (tree) => {
    wrap(tree, pattern);
  };
}
function wrap(parent, pattern, outside = { before: "", after: "" }) {
  const result = [];
  const children = parent.children;
  for (const [index, child] of children.entries()) {
    const previousText = siblingText(children, index, -1);
    const nextText = siblingText(children, index, 1);
    const before = previousText.open ? (outside.before + previousText.text).slice(-2) : previousText.text;
    const after = nextText.open ? (nextText.text + outside.after).slice(0, 2) : nextText.text;
    if (child.type === "element") {
      const inline = phrasing.has(child.tagName);
      if (!literalElements.has(child.tagName) && !child.properties.className?.includes("tcy") && !isLatin(child)) wrap(child, pattern, inline ? { before, after } : void 0);
      result.push(child);
      continue;
    }
    if (child.type !== "text") {
      result.push(child);
      continue;
    }
    const text = child.value;
    const context = before + text + after;
    const offset = before.length;
    let last = 0;
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      const previous = context[offset + start - 1];
      const next = context[offset + end];
      if (previous !== void 0 && latinNeighbour.test(previous) || next !== void 0 && latinNeighbour.test(next)) continue;
      if (/^[!?]/.test(match[0]) && /[!?]/.test((previous ?? "") + (next ?? ""))) continue;
      if (/^\d/.test(match[0]) && (previous !== void 0 && /\s/.test(previous) && latinNeighbour.test(context[offset + start - 2] ?? "") || next !== void 0 && /\s/.test(next) && /[A-Za-z]/.test(context[offset + end + 1] ?? ""))) continue;
      if (start > last) result.push({ type: "text", value: text.slice(last, start) });
      result.push({ type: "element", tagName: "span", properties: { className: ["tcy"] }, children: [{ type: "text", value: match[0] }] });
      last = end;
    }
    if (last === 0) result.push(child);
    else if (last < text.length) result.push({ type: "text", value: text.slice(last) });
  }
  parent.children = result;
}
function isLatin(element) {
  const lang = element.properties.lang;
  return typeof lang === "string" && !/^(zh|ja|ko)/i.test(lang);
}
function siblingText(children, index, direction) {
  let text = "";
  for (let i = index + direction; i >= 0 && i < children.length && text.length < 2; i += direction) {
    const node = children[i];
    if (node.type === "element" && (!phrasing.has(node.tagName) || node.tagName === "br" || node.tagName === "img")) return { text: cut(text, direction), open: false };
    const sibling = plainText(node);
    text = direction === -1 ? sibling + text : text + sibling;
  }
  return { text: cut(text, direction), open: text.length < 2 };
}
var cut = (text, direction) => direction === -1 ? text.slice(-2) : text.slice(0, 2);
function plainText(node) {
  if (node.type === "text") return node.value;
  if (node.type === "element" && node.tagName !== "rt" && node.tagName !== "rp") return node.children.map(plainText).join("");
  return "";
}

// src/book/writing-mode.ts
function adaptToWritingMode(book, options) {
  if (options.mode === "horizontal") return book;
  const plugins = [[rehypeTateChuYoko, { maxDigits: options.tcyDigits ?? 2 }]];
  if (options.quotes === "corner") plugins.push([rehypeCornerQuotes]);
  const processor = unified().use(plugins);
  return {
    ...book,
    articles: book.articles.map((article) => {
      if (!isCjkLanguage(article.language ?? book.meta.language)) return article;
      const body = processor.runSync(structuredClone(article.body));
      const title = options.quotes === "corner" ? convertTitle(article.title) : article.title;
      return { ...article, title, body, sections: collectSections(body) };
    })
  };
}
function defaultWritingMode(target, language) {
  return target === "pdf" && /^(zh|ja)/i.test(language) ? "vertical" : "horizontal";
}
function convertTitle(title) {
  const tree = { type: "root", children: [{ type: "text", value: title }] };
  unified().use(rehypeCornerQuotes).runSync(tree);
  const text = tree.children[0];
  return text?.type === "text" ? text.value : title;
}

// src/writers/fonts/bundled-fonts.ts
import { createRequire } from "node:module";
import path from "node:path";
var files = {
  regular: "@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf",
  bold: "@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf"
};
function bundledSerif() {
  const require2 = createRequire(path.join(packageRoot, "package.json"));
  const resolve = (specifier) => {
    try {
      return require2.resolve(specifier);
    } catch {
      return path.join(packageRoot, "node_modules", specifier);
    }
  };
  return {
    name: "Noto Serif SC",
    license: "SIL Open Font License 1.1",
    regular: { path: resolve(files.regular), weight: 400 },
    bold: { path: resolve(files.bold), weight: 700 }
  };
}

// src/writers/fonts/subset-for-text.ts
import { readFile } from "node:fs/promises";
import subsetFont from "subset-font";

// src/writers/fonts/sfnt-tables.ts
function sfntTables(font) {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  if (font.byteLength < 12) throw new Error("not an OpenType font (too short)");
  const version = view.getUint32(0);
  if (version !== 65536 && version !== 1330926671 && version !== 1953658213) {
    throw new Error("not a TrueType or OpenType font");
  }
  const count = view.getUint16(4);
  if (12 + count * 16 > font.byteLength) throw new Error("truncated font table directory");
  const tables = /* @__PURE__ */ new Map();
  for (let index = 0; index < count; index++) {
    const record = 12 + index * 16;
    const tag = String.fromCharCode(...font.subarray(record, record + 4));
    const offset = view.getUint32(record + 8);
    const length = view.getUint32(record + 12);
    if (offset + length > font.byteLength) throw new Error(`table ${tag} lies outside the font`);
    tables.set(tag, { tag, offset, length });
  }
  return tables;
}
function layoutFeatureTags(font, table) {
  const entry = sfntTables(font).get(table);
  if (!entry) return [];
  const view = new DataView(font.buffer, font.byteOffset + entry.offset, entry.length);
  const featureList = view.getUint16(6);
  if (featureList === 0) return [];
  const count = view.getUint16(featureList);
  const tags = /* @__PURE__ */ new Set();
  for (let index = 0; index < count; index++) {
    const record = entry.offset + featureList + 2 + index * 6;
    tags.add(String.fromCharCode(...font.subarray(record, record + 4)));
  }
  return [...tags];
}

// src/writers/fonts/subset-for-text.ts
var keptFeatures = ["vert", "vrt2", "vkrn", "vpal", "kern", "palt", "halt", "locl", "ccmp", "ruby"];
var verticalTables = ["vhea", "vmtx"];
var verticalPunctuation = /[，。、：；！？「」『』（）《》〈〉【】〔〕…—～]/u;
async function subsetForText(fontPath, text) {
  const source = await readFile(fontPath);
  const sourceTables = sfntTables(source);
  const subset = new Uint8Array(await subsetFont(source, text, { targetFormat: "sfnt", keepFeatures: [...keptFeatures], preserveNameIds: [0, 13, 14] }));
  const tables = sfntTables(subset);
  for (const tag of verticalTables) if (sourceTables.has(tag) && !tables.has(tag)) throw new Error(`the subset lost its ${tag} table`);
  if (verticalPunctuation.test(text) && layoutFeatureTags(source, "GSUB").includes("vert") && !layoutFeatureTags(subset, "GSUB").includes("vert")) {
    throw new Error("the subset lost the vertical forms (GSUB vert)");
  }
  return subset;
}

export {
  adaptToWritingMode,
  defaultWritingMode,
  bundledSerif,
  subsetForText
};
