import { createRequire as __wenjiCreateRequire } from 'node:module'; const require = __wenjiCreateRequire(import.meta.url);
import {
  emitFile,
  findConfig
} from "./chunk-A357MZVH.js";
import {
  articleExtensions,
  configSchema,
  displayPath
} from "./chunk-4TJOJGXD.js";
import "./chunk-QRN3S7II.js";
import "./chunk-D6USBTPF.js";
import {
  WenjiError,
  describeError
} from "./chunk-JAXYST3H.js";
import {
  version
} from "./chunk-CNNDZZDZ.js";
import "./chunk-K7P6NYI4.js";
import "./chunk-LE77IW2N.js";

// src/init/scaffold.ts
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// src/init/config-template.ts
var docs = {
  title: { text: "The book title (required, or pass --title)." },
  subtitle: { text: "Shown on the title page under the title.", example: "\u526F\u6807\u9898" },
  author: { text: "The book\u2019s author: a name, or a list such as [\u5468\u5C9A, \u9648\u9ED8].", example: "\u4F5C\u8005" },
  editor: { text: "The editor(s) of the anthology: a name or a list.", example: "\u7F16\u8005" },
  language: { text: "BCP 47 tag: zh-Hans, zh-Hant, ja, en\u2026 It sets the labels (\u76EE\u5F55\u2026) and the default writing mode." },
  identifier: { text: "dc:identifier (an ISBN or URN). Default: a UUID derived from title, people and language, stable across builds.", example: "urn:isbn:9780000000000" },
  date: { text: "Publication date, YYYY, YYYY-MM or YYYY-MM-DD. Default: SOURCE_DATE_EPOCH, else the time of the build.", example: "2026-01-01" },
  publisher: { text: "The publisher.", example: "\u51FA\u7248\u8005" },
  description: { text: "A sentence about the book. Default: a list of the articles.", example: "\u4E00\u53E5\u8BDD\u4ECB\u7ECD\u8FD9\u672C\u4E66\u3002" },
  cover: { text: "Cover image, relative to this file.", example: "images/cover.jpg" },
  slug: { text: "Output file name without extension (out/<slug>.epub). Default: made from the title.", example: "my-book" },
  order: { text: "Articles in reading order, relative to content/ (the extension may be left out). Default: by file name, numbers compared as numbers.", example: "[01-first, 02-second]" },
  pdf: { text: "The printed book (wenji pdf)." },
  "pdf.writingMode": { text: "vertical (\u7E26\u6392, right to left) or horizontal. Default: vertical for Chinese and Japanese books, else horizontal.", example: "vertical" },
  "pdf.pageSize": { text: "a5, b6, a4, or the e-reader screens 6in and 7in." },
  "pdf.quotes": { text: "corner turns \u201C\u201D \u2018\u2019 into \u300C\u300D\u300E\u300F in vertical text; keep leaves them." },
  "pdf.tocDepth": { text: "Contents: 1 lists the articles, 2 also their sections." },
  "pdf.colophon": { text: "A closing page listing each article\u2019s author, source, date and URL." },
  epub: { text: "The e-book (wenji epub)." },
  "epub.writingMode": { text: "vertical or horizontal; many readers cannot show vertical text." },
  "epub.embedFont": { text: "Embed a subset of the CJK serif font." },
  "epub.quotes": { text: "As pdf.quotes, for vertical EPUBs." }
};
function describeKey(schema) {
  let current = schema;
  let hasDefault = false;
  let defaultValue;
  for (; ; ) {
    const def = current._zod.def;
    if (def.type === "default" && def.innerType) {
      hasDefault = true;
      defaultValue = def.defaultValue;
      current = def.innerType;
    } else if ((def.type === "optional" || def.type === "nullable") && def.innerType) current = def.innerType;
    else return { hasDefault, defaultValue, inner: current };
  }
}
function shapeOf(schema) {
  const def = schema._zod.def;
  return def.type === "object" && def.shape ? def.shape : void 0;
}
function choicesOf(schema) {
  const def = schema._zod.def;
  if (def.type === "enum" && def.entries) return Object.values(def.entries);
  if (def.type === "union" && def.options?.every((option) => option._zod.def.type === "literal")) {
    return def.options.flatMap((option) => option._zod.def.values);
  }
  return void 0;
}
function yamlValue(value) {
  if (typeof value === "string") return /^[\w\u3000-\u9fff\uff00-\uffef-][^:#]*$/u.test(value) && !/^(true|false|null|yes|no|~|\d)/i.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value);
}
function textFor(key, schema) {
  const described = schema.description;
  return described ?? docs[key]?.text;
}
function bookYamlTemplate(options) {
  const lines = [
    `# book.yaml \u2014 the settings of this anthology (written by wenji ${version} init).`,
    '# Every key wenji knows is listed. A line "# key: value" is left at its default: remove',
    '# the "# " to change it. Unknown keys are refused, so a typo never passes silently.'
  ];
  const shape = shapeOf(configSchema);
  for (const [key, schema] of Object.entries(shape)) {
    lines.push("");
    lines.push(...keyLines(key, key, schema, 0, options));
  }
  return `${lines.join("\n")}
`;
}
function keyLines(path2, key, schema, depth, options) {
  const info = describeKey(schema);
  const choices = choicesOf(info.inner);
  const children = shapeOf(info.inner);
  const notes = [textFor(path2, schema) ?? textFor(path2, info.inner) ?? ""];
  if (choices && !choices.every((choice) => notes[0].includes(String(choice)))) notes.push(`One of: ${choices.join(", ")}.`);
  if (!children && path2 !== "title") notes.push(info.hasDefault ? `Default: ${yamlValue(info.defaultValue)}.` : /Default:/.test(notes[0]) ? "" : "Default: none.");
  const note = notes.filter(Boolean).join(" ");
  const indent = "  ".repeat(depth);
  const prose = wrap(note, 92 - indent.length).map((line) => depth === 0 ? `# ${line}` : `# ${indent}# ${line}`);
  if (depth === 0 && key === "title") return [...prose, `title: ${yamlValue(options.title)}`];
  if (depth === 0 && key === "language" && options.language) return [...prose, `language: ${yamlValue(options.language)}`];
  if (children) {
    const nested = Object.entries(children).flatMap(([child, childSchema]) => keyLines(`${path2}.${child}`, child, childSchema, depth + 1, options));
    return [...prose, `# ${indent}${key}:`, ...nested];
  }
  const value = info.hasDefault ? yamlValue(info.defaultValue) : docs[path2]?.example ?? (choices ? yamlValue(choices[0]) : '""');
  return [...prose, `# ${indent}${key}: ${value}`];
}
function wrap(text, width) {
  const lines = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
var documentedKeys = Object.keys(docs);

// src/init/samples.ts
var sampleArticles = [
  {
    name: "01-autumn-night.md",
    text: `---
title: \u79CB\u591C\u8BFB\u4E66\u8BB0
author: \u793A\u4F8B\u4F5C\u8005
date: 2026-10-08
source: \u6587\u96C6\u793A\u4F8B
---

\u5165\u79CB\u4EE5\u540E\uFF0C\u591C\u91CC\u5FFD\u7136\u957F\u4E86\u8D77\u6765\u3002\u665A\u996D\u6536\u62FE\u5E72\u51C0\uFF0C\u7A97\u5916\u7684\u866B\u58F0\u8FD8\u6CA1\u6709\u505C\uFF0C\u6211\u4FBF\u628A\u53F0\u706F\u62E7\u4EAE\uFF0C\u4ECE\u4E66\u67B6\u6700\u4E0B\u4E00\u5C42\u62BD\u51FA\u4E00\u672C\u65E7\u4E66\u6765\u8BFB\u3002

\u8FD9\u672C\u4E66\u662F\u591A\u5E74\u524D\u5728\u4E00\u5BB6\u65E7\u4E66\u644A\u4E0A\u4E70\u7684\uFF0C\u4E66\u9875\u5DF2\u7ECF\u6CDB\u9EC4\uFF0C\u6249\u9875\u4E0A\u7559\u7740\u524D\u4E00\u4F4D\u4E3B\u4EBA\u7684\u540D\u5B57\u548C\u4E00\u884C\u5C0F\u5B57\uFF1A\u201C\u67D0\u5E74\u67D0\u6708\uFF0C\u8D2D\u4E8E\u8F66\u7AD9\u3002\u201D\u6211\u5E38\u5E38\u60F3\uFF0C\u90A3\u662F\u4E00\u5EA7\u4EC0\u4E48\u6837\u7684\u8F66\u7AD9\uFF0C\u4ED6\u5728\u7B49\u54EA\u4E00\u73ED\u8F66\uFF0C\u53C8\u4E3A\u4EC0\u4E48\u4F1A\u628A\u8FD9\u672C\u4E66\u5356\u6389\u3002

## \u706F\u4E0B

\u8BFB\u4E66\u7684\u597D\u5904\uFF0C\u5927\u6982\u5C31\u5728\u4E8E**\u6162**\u3002\u767D\u5929\u7684\u4E8B\u60C5\u4E00\u4EF6\u8FFD\u7740\u4E00\u4EF6\uFF0C\u53EA\u6709\u5230\u4E86\u591C\u91CC\uFF0C\u4EBA\u624D\u80AF\u505C\u4E0B\u6765\uFF0C\u542C\u4E00\u4E2A\u964C\u751F\u4EBA\u628A\u8BDD\u8BF4\u5B8C\u3002\u4E66\u91CC\u7684\u4EBA\u8BF4\u5F97\u5F88\u6162\uFF0C\u6211\u4E5F\u8BFB\u5F97\u5F88\u6162\uFF0C\u6709\u65F6\u5019\u4E00\u9875\u8981\u8BFB\u4E0A\u597D\u51E0\u904D\u3002

\u8BFB\u5230\u5026\u4E86\uFF0C\u5C31\u53BB\u53A8\u623F\u70E7\u4E00\u58F6\u6C34\u3002\u6C34\u5F00\u7684\u58F0\u97F3\u548C\u7A97\u5916\u7684\u866B\u58F0\u6DF7\u5728\u4E00\u8D77\uFF0C\u50CF\u662F\u4E24\u4E2A\u4EBA\u5728\u4F4E\u58F0\u5546\u91CF\u4EC0\u4E48\u4E8B\u60C5\u3002[^1]

[^1]: \u8FD9\u7BC7\u77ED\u6587\u662F wenji init \u751F\u6210\u7684\u793A\u4F8B\uFF0C\u53EF\u4EE5\u76F4\u63A5\u5220\u6389\uFF0C\u6362\u6210\u4F60\u81EA\u5DF1\u7684\u6587\u7AE0\u3002
`
  },
  {
    name: "02-letter-home.txt",
    text: `\u5BC4\u5BB6\u4E66
\u5988\u5988\uFF1A
\u89C1\u5B57\u5982\u9762\u3002\u8FD9\u91CC\u5DF2\u7ECF\u4E0B\u8FC7\u4E24\u573A\u96E8\uFF0C\u65E9\u665A\u90FD\u51C9\u4E86\uFF0C\u60A8\u5BC4\u6765\u7684\u6BDB\u8863\u6B63\u597D\u7A7F\u4E0A\u3002
\u5355\u4F4D\u98DF\u5802\u7684\u83DC\u504F\u54B8\uFF0C\u6211\u5B66\u7740\u81EA\u5DF1\u505A\u996D\uFF0C\u6628\u5929\u7B2C\u4E00\u6B21\u716E\u7CA5\u6CA1\u6709\u7CCA\u9505\uFF0C\u7279\u610F\u5199\u4FE1\u544A\u8BC9\u60A8\u3002
\u697C\u4E0B\u6709\u4E00\u68F5\u5F88\u8001\u7684\u6842\u82B1\u6811\uFF0C\u8FD9\u51E0\u5929\u5F00\u5F97\u6B63\u597D\uFF0C\u6BCF\u5929\u4E0A\u73ED\u8DEF\u8FC7\uFF0C\u90FD\u60F3\u8D77\u5BB6\u95E8\u53E3\u90A3\u4E00\u68F5\u3002
\u4E0D\u591A\u5199\u4E86\uFF0C\u5929\u51B7\u8BB0\u5F97\u6DFB\u8863\u3002
\u513F\u5B50\u3000\u5341\u6708\u516B\u65E5\u591C
`
  }
];
var customCss = `/*
 * styles/custom.css \u2014 read after wenji's own stylesheet, for the EPUB and the PDF (and the
 * preview). Anything here wins over wenji's rules. Examples (remove the comment markers):
 *
 *   p { text-indent: 2em; line-height: 1.9; }          body text
 *   h2 { font-size: 1.2em; }                            section headings
 *   html.vertical .article-title { font-size: 1.5em; }  article titles in vertical books
 *   html.horizontal .article-title { text-align: center; }
 */
`;
var gitignore = "out/\n";
var packageScripts = {
  check: "wenji check",
  preview: "wenji preview",
  epub: "wenji epub",
  pdf: "wenji pdf",
  build: "wenji build"
};

// src/init/scaffold.ts
function initBook(options) {
  const cwd = options.cwd ?? process.cwd();
  const dir = path.resolve(cwd, options.dir);
  const shown = (relative) => displayPath(path.join(dir, relative), cwd);
  const notes = [];
  const planned = [
    { relative: "book.yaml", text: bookYamlTemplate({ title: options.title ?? "\u6211\u7684\u6587\u96C6", language: options.language }) }
  ];
  const contentDir = path.join(dir, "content");
  if (hasArticles(contentDir)) notes.push(`${shown("content")} already holds articles: no samples added`);
  else planned.push(...sampleArticles.map((sample) => ({ relative: `content/${sample.name}`, text: sample.text })));
  planned.push({ relative: "styles/custom.css", text: customCss });
  if (!options.force) {
    const existingConfig = findConfig(dir);
    const clash = existingConfig ? path.relative(dir, existingConfig) : planned.find((file) => existsSync(path.join(dir, file.relative)))?.relative;
    if (clash) throw new WenjiError("exists", "already exists; wenji init does not overwrite files: pass --force to replace it", { file: shown(clash) });
  }
  const written = [];
  for (const file of planned) written.push(shown(path.relative(dir, emitFile(dir, file.relative, file.text))));
  const ignore = path.join(dir, ".gitignore");
  const ignoreText = existsSync(ignore) ? readFileSync(ignore, "utf8") : void 0;
  if (ignoreText === void 0) written.push(shown(path.relative(dir, emitFile(dir, ".gitignore", gitignore))));
  else if (!/^\/?out\/?\s*$/m.test(ignoreText)) {
    emitFile(dir, ".gitignore", `${ignoreText}${ignoreText.endsWith("\n") || ignoreText === "" ? "" : "\n"}${gitignore}`);
    written.push(`${shown(".gitignore")} (added out/)`);
  }
  const manifest = path.join(dir, "package.json");
  if (existsSync(manifest)) {
    const result = addScripts(manifest, Boolean(options.force));
    if (result.added.length) written.push(`${shown("package.json")} (scripts: ${result.added.join(", ")})`);
    for (const name of result.kept) notes.push(`${shown("package.json")} already has a "${name}" script; left as it is (--force replaces it)`);
  } else if (options.createPackage) {
    const name = path.basename(dir).toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[-._]+|[-._]+$/g, "") || "my-book";
    const text = `${JSON.stringify({ name, private: true, description: options.title ?? "\u6211\u7684\u6587\u96C6", scripts: packageScripts }, null, 2)}
`;
    written.push(shown(path.relative(dir, emitFile(dir, "package.json", text))));
  } else notes.push("no package.json: pass --package to create one with npm scripts (check, preview, epub, pdf, build)");
  return { dir, written, notes };
}
function hasArticles(contentDir) {
  try {
    return readdirSync(contentDir, { recursive: true }).some((name) => articleExtensions.includes(path.extname(String(name)).toLowerCase()));
  } catch {
    return false;
  }
}
function addScripts(manifest, force) {
  const text = readFileSync(manifest, "utf8");
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new WenjiError("config", `is not valid JSON (${describeError(error)}); fix it, then run wenji init again`, { file: manifest });
  }
  const scripts = { ...data.scripts ?? {} };
  const added = [];
  const kept = [];
  for (const [name, command] of Object.entries(packageScripts)) {
    if (scripts[name] === command) continue;
    if (scripts[name] !== void 0 && !force) kept.push(name);
    else {
      scripts[name] = command;
      added.push(name);
    }
  }
  if (added.length) {
    const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? "  ";
    emitFile(path.dirname(manifest), "package.json", `${JSON.stringify({ ...data, scripts }, null, indent)}${text.endsWith("\n") ? "\n" : ""}`);
  }
  return { added, kept };
}
export {
  initBook
};
