import { createRequire as __wenjiCreateRequire } from 'node:module'; const require = __wenjiCreateRequire(import.meta.url);
import {
  emitFile,
  loadConfig
} from "./chunk-A357MZVH.js";
import {
  loadContent,
  withFatal
} from "./chunk-4TJOJGXD.js";
import {
  articleIdFor,
  asciiId,
  normalizeArticle,
  sniffImageType,
  stripPatterns,
  withoutTracking
} from "./chunk-67A7B72C.js";
import {
  describeError
} from "./chunk-JAXYST3H.js";
import {
  packageRoot,
  version
} from "./chunk-CNNDZZDZ.js";
import {
  labelsFor,
  visit
} from "./chunk-ZRDL34G2.js";

// src/cache/fingerprint.ts
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
var bookLevelKeys = /* @__PURE__ */ new Set(["title", "subtitle", "author", "editor", "identifier", "date", "publisher", "description", "cover", "slug", "order", "pdf", "epub"]);
function configHash(config) {
  const relevant = Object.fromEntries(Object.entries(config).filter(([key]) => !bookLevelKeys.has(key)).sort(([a], [b]) => a < b ? -1 : 1));
  return sha256(JSON.stringify(relevant)).slice(0, 16);
}
function codeFingerprint() {
  const hash = createHash("sha256").update(`wenji ${version}
`);
  try {
    const manifest = JSON.parse(readFileSync(path.join(packageRoot, "package.json"), "utf8"));
    hash.update(JSON.stringify(manifest.dependencies ?? {}));
  } catch {
  }
  const compiled = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  for (const part of ["content", "normalize", "book", "cache", "prepare-book.js"]) {
    for (const file of listFiles(path.join(compiled, part))) hash.update(path.relative(compiled, file)).update(readFileSync(file));
  }
  return hash.digest("hex").slice(0, 16);
}
function listFiles(target) {
  let stat;
  try {
    stat = statSync(target);
  } catch {
    return [];
  }
  if (stat.isFile()) return /\.[cm]?[jt]s$/.test(target) && !target.endsWith(".map") ? [target] : [];
  return readdirSync(target).sort().flatMap((name) => listFiles(path.join(target, name)));
}
function sha256(data) {
  return createHash("sha256").update(data).digest("hex");
}

// src/book/links.ts
import path2 from "node:path";
function linkArticles(articles) {
  const problems = [];
  const byPath = /* @__PURE__ */ new Map();
  const byUrl = /* @__PURE__ */ new Map();
  for (const article of articles) {
    const file = article.contentPath.toLowerCase();
    for (const key of [file, stripExtension(file)]) if (!byPath.has(key)) byPath.set(key, article);
    if (article.url) {
      const key = urlKey(article.url);
      if (key && !byUrl.has(key)) byUrl.set(key, article);
    }
  }
  const ids = /* @__PURE__ */ new Map();
  const idsOf = (article) => {
    let set = ids.get(article);
    if (!set) {
      set = collectIds(article.body);
      set.add(article.id);
      ids.set(article, set);
    }
    return set;
  };
  const target = (article, fragment) => {
    if (!fragment) return `#${article.id}`;
    const decoded = safeDecode(fragment);
    const known = idsOf(article);
    for (const candidate of [decoded, `${article.id}-${asciiId(decoded)}`]) if (known.has(candidate)) return `#${candidate}`;
    return `#${article.id}`;
  };
  for (const article of articles) {
    eachElement(article.body, (node) => {
      if (node.tagName !== "a" || typeof node.properties.href !== "string") return;
      const href = node.properties.href;
      if (href.startsWith("#")) return;
      const hash = href.indexOf("#");
      const fragment = hash === -1 ? "" : href.slice(hash + 1);
      if (/^https?:\/\//i.test(href) || href.startsWith("//")) {
        const other = byUrl.get(urlKey(href.startsWith("//") ? `https:${href}` : href) ?? "");
        if (other) node.properties.href = target(other, fragment);
        return;
      }
      if (/^[a-z][a-z\d+.-]*:/i.test(href)) return;
      const pathPart = (hash === -1 ? href : href.slice(0, hash)).replace(/\?.*$/, "");
      if (pathPart && !pathPart.startsWith("/")) {
        const resolved = path2.posix.normalize(path2.posix.join(path2.posix.dirname(article.contentPath), safeDecode(pathPart))).toLowerCase();
        const other = byPath.get(resolved) ?? byPath.get(stripExtension(resolved));
        if (other) {
          node.properties.href = target(other, fragment);
          return;
        }
      }
      if (article.url) {
        let absolute;
        try {
          absolute = withoutTracking(new URL(href, article.url).href);
        } catch {
          absolute = void 0;
        }
        if (absolute) {
          const other = byUrl.get(urlKey(absolute) ?? "");
          node.properties.href = other ? target(other, fragment) : absolute;
          return;
        }
      }
      delete node.properties.href;
      problems.push({ article, message: `link to "${href}" removed (its text is kept): it is not an article of this book and the article has no url to resolve it against`, place: node.position });
    });
  }
  return problems;
}
function linkAcrossFiles(book, hrefFor) {
  const owner = /* @__PURE__ */ new Map();
  for (const article of book.articles) {
    owner.set(article.id, article.id);
    for (const id of collectIds(article.body)) if (!owner.has(id)) owner.set(id, article.id);
  }
  const foreign = (article, href) => {
    if (typeof href !== "string" || !href.startsWith("#")) return false;
    const home = owner.get(href.slice(1));
    return home !== void 0 && home !== article.id;
  };
  return {
    ...book,
    articles: book.articles.map((article) => {
      let needed = false;
      eachElement(article.body, (node) => {
        if (node.tagName === "a" && foreign(article, node.properties.href)) needed = true;
      });
      if (!needed) return article;
      const body = structuredClone(article.body);
      eachElement(body, (node) => {
        if (node.tagName !== "a" || !foreign(article, node.properties.href)) return;
        const id = String(node.properties.href).slice(1);
        const home = owner.get(id);
        node.properties.href = hrefFor(home, id === home ? void 0 : id);
      });
      return { ...article, body };
    })
  };
}
function collectIds(body) {
  const ids = /* @__PURE__ */ new Set();
  eachElement(body, (node) => {
    if (typeof node.properties.id === "string" && node.properties.id) ids.add(node.properties.id);
  });
  return ids;
}
function eachElement(tree, callback) {
  for (const child of tree.children) {
    if (child.type !== "element") continue;
    callback(child);
    eachElement(child, callback);
  }
}
function urlKey(href) {
  try {
    const url = new URL(withoutTracking(href));
    url.hash = "";
    const host = url.host.toLowerCase().replace(/^www\./, "");
    const pathname = url.pathname.replace(/\/(?:index\.html?)?$/, "") || "/";
    return `${host}${pathname}${url.search}`;
  } catch {
    return void 0;
  }
}
function stripExtension(file) {
  return file.replace(/\.(?:md|markdown|html?|xhtml|txt)$/i, "");
}
function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// src/progress.ts
function stageReporter(listener, stage, total) {
  const started = performance.now();
  listener?.({ kind: "start", stage, total });
  return {
    advance(done, note, newTotal = total) {
      listener?.({ kind: "advance", stage, done, total: newTotal, ...note === void 0 ? {} : { note } });
    },
    end(note) {
      const seconds = (performance.now() - started) / 1e3;
      listener?.({ kind: "end", stage, seconds, ...note === void 0 ? {} : { note } });
      return seconds;
    }
  };
}

// src/prepare-book.ts
import { existsSync, readFileSync as readFileSync4 } from "node:fs";
import path6 from "node:path";

// src/book/build-book.ts
import { createHash as createHash2 } from "node:crypto";
import path3 from "node:path";
function buildBook(config, articles, options) {
  const problems = [];
  const seen = /* @__PURE__ */ new Map();
  for (const article of articles) {
    const key = article.title.replace(/\s+/g, "").toLowerCase();
    const first = seen.get(key);
    if (first) {
      problems.push({
        article,
        message: `two articles have the title "${article.title}" (also ${first.file}); both are kept \u2014 give one a distinct title in its front matter`,
        ruleId: "duplicate-title"
      });
    } else seen.set(key, article);
  }
  const images = /* @__PURE__ */ new Map();
  for (const article of articles) for (const image of article.images) if (!images.has(image.href)) images.set(image.href, image);
  return { book: { meta: bookMeta(config, articles, options), articles, images: [...images.values()] }, problems };
}
function bookMeta(config, articles, options) {
  const authors = names(config.author);
  const editors = names(config.editor);
  const meta = {
    title: config.title,
    authors,
    editors,
    language: config.language,
    identifier: config.identifier ?? derivedIdentifier(config.title, [...authors, ...editors], config.language),
    modified: modifiedTimestamp(config.date, options),
    description: config.description?.trim() || describe(config.title, articles, config.language),
    slug: config.slug ?? slugify(config.title)
  };
  if (config.subtitle) meta.subtitle = config.subtitle;
  if (config.date) meta.date = config.date;
  if (config.publisher) meta.publisher = config.publisher;
  if (config.cover) meta.cover = path3.resolve(options.configDir, config.cover);
  return meta;
}
function names(value) {
  if (value === void 0) return [];
  return (Array.isArray(value) ? value : [value]).map((name) => name.trim()).filter(Boolean);
}
function derivedIdentifier(title, people, language) {
  const hash = createHash2("sha1").update(["wenji", title, ...people, language].join("\0")).digest();
  hash[6] = hash[6] & 15 | 80;
  hash[8] = hash[8] & 63 | 128;
  const hex = hash.subarray(0, 16).toString("hex");
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
function modifiedTimestamp(date, options) {
  let when;
  if (date) {
    const [year, month = "01", day = "01"] = date.slice(0, 10).split("-");
    when = date.length > 10 && !Number.isNaN(Date.parse(date)) ? new Date(date) : /* @__PURE__ */ new Date(`${year}-${month}-${day}T00:00:00Z`);
  } else if (options.sourceDateEpoch !== void 0) when = new Date(options.sourceDateEpoch * 1e3);
  else when = options.now ?? /* @__PURE__ */ new Date();
  return when.toISOString().replace(/\.\d{3}Z$/, "Z");
}
function describe(title, articles, language) {
  const titles = articles.map((article) => article.title);
  if (/^(zh|ja)/i.test(language)) return `\u300A${title}\u300B\u6536\u5F55${articles.length}\u7BC7\u6587\u7AE0\uFF1A${titles.map((t) => `\u300A${t}\u300B`).join("")}\u3002`;
  return `${title}: an anthology of ${articles.length} article${articles.length === 1 ? "" : "s"} \u2014 ${titles.join("; ")}.`;
}
function slugify(title) {
  const slug = title.normalize("NFKC").replace(/[\\/:*?"<>|#%&{}$!'@`=+^~[\]()（）《》〈〉「」『』【】，。、；：！？·…—\s]+/gu, "-").replace(/-{2,}/g, "-").replace(/^[-.]+|[-.]+$/g, "").toLowerCase().slice(0, 80);
  return slug || "book";
}

// src/cache/dependencies.ts
import { readFileSync as readFileSync2, statSync as statSync2 } from "node:fs";
import path4 from "node:path";
var imageAttributes = ["src", "dataSrc", "dataOriginal", "dataLazySrc", "dataActualsrc"];
function imageDependencies(tree, file) {
  const root = file.data.contentRoot;
  const article = file.data.absolutePath;
  if (!root || !article) return [];
  const seen = /* @__PURE__ */ new Set();
  visit(tree, "element", (node) => {
    if (node.tagName !== "img") return;
    for (const name of imageAttributes) {
      const value = node.properties[name];
      if (typeof value !== "string") continue;
      const src = value.trim();
      if (!src || /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(src)) continue;
      let relative = src.replace(/[?#].*$/, "");
      try {
        relative = decodeURIComponent(relative);
      } catch {
      }
      seen.add(path4.relative(root, path4.resolve(path4.dirname(article), relative)).split(path4.sep).join("/"));
    }
  });
  return [...seen].sort().map((relative) => ({ path: relative, digest: digestOf(path4.join(root, relative)) }));
}
function dependenciesUnchanged(dependencies, contentRoot) {
  return dependencies.every((dependency) => digestOf(path4.join(contentRoot, dependency.path)) === dependency.digest);
}
function digestOf(file) {
  try {
    if (!statSync2(file).isFile()) return "not-a-file";
    return sha256(readFileSync2(file));
  } catch {
    return null;
  }
}

// src/content/fetch-remote-image.ts
import { createHash as createHash3 } from "node:crypto";
import { readFileSync as readFileSync3 } from "node:fs";
import path5 from "node:path";
function createImageFetcher(options) {
  const timeoutMs = options.timeoutMs ?? 15e3;
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  const fetchImpl = options.fetch ?? fetch;
  const cacheDir = path5.join(options.cacheDir, "images");
  const pending = /* @__PURE__ */ new Map();
  const download = async (url) => {
    if (!/^https?:\/\//i.test(url)) return { problem: "only http and https images are downloaded" };
    const name = createHash3("sha256").update(url).digest("hex").slice(0, 32);
    try {
      return { bytes: readFileSync3(path5.join(cacheDir, name)) };
    } catch {
    }
    let response;
    try {
      response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs), redirect: "follow", headers: { accept: "image/*" } });
    } catch (error) {
      const reason = error.name === "TimeoutError" ? `no answer within ${Math.round(timeoutMs / 1e3)} s` : `download failed: ${error.message}`;
      return { problem: reason };
    }
    if (!response.ok) return { problem: `the server answered HTTP ${response.status}` };
    const type = (response.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (type && !type.startsWith("image/") && type !== "application/octet-stream") return { problem: `not an image (content type ${type})` };
    const length = Number(response.headers.get("content-length") ?? 0);
    if (length > maxBytes) return { problem: `larger than ${Math.round(maxBytes / 1048576)} MB` };
    const bytes = await readCapped(response, maxBytes, timeoutMs);
    if ("problem" in bytes) return bytes;
    if (!sniffImageType(bytes.bytes)) return { problem: "the download is not an image" };
    try {
      emitFile(cacheDir, name, bytes.bytes);
    } catch {
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
async function readCapped(response, maxBytes, timeoutMs) {
  if (!response.body) return { problem: "empty response" };
  const chunks = [];
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
    return { problem: error.name === "TimeoutError" ? `no answer within ${Math.round(timeoutMs / 1e3)} s` : `download failed: ${error.message}` };
  }
  return { bytes: new Uint8Array(Buffer.concat(chunks)) };
}

// src/normalize/chinese-conversion.ts
var locales = {
  s2t: { from: "cn", to: "t" },
  s2tw: { from: "cn", to: "tw" },
  s2twp: { from: "cn", to: "twp" },
  s2hk: { from: "cn", to: "hk" },
  t2s: { from: "t", to: "cn" },
  tw2s: { from: "tw", to: "cn" },
  hk2s: { from: "hk", to: "cn" }
};
async function createChineseConverter(conversion) {
  if (conversion === "none") return void 0;
  const OpenCC = await import("./full-MYW3BY2A.js");
  return OpenCC.Converter(locales[conversion]);
}
function toTraditional(conversion) {
  return conversion.startsWith("s2");
}
var traditionalTag = /^zh(?:-(?:hant|tw|hk|mo)\b|-[a-z]+-(?:hant|tw|hk|mo)\b)/i;
function convertedLanguage(language, conversion) {
  if (conversion === "none" || !/^zh\b/i.test(language)) return language;
  const traditional = traditionalTag.test(language);
  if (toTraditional(conversion)) {
    if (traditional) return language;
    return conversion === "s2tw" || conversion === "s2twp" ? "zh-Hant-TW" : conversion === "s2hk" ? "zh-Hant-HK" : "zh-Hant";
  }
  return traditional ? "zh-Hans" : language;
}
function convertConfigText(config, convert) {
  const names2 = (value) => value === void 0 ? void 0 : Array.isArray(value) ? value.map(convert) : convert(value);
  const converted = { ...config, title: convert(config.title) };
  for (const key of ["subtitle", "publisher", "description"]) {
    const value = config[key];
    if (value !== void 0) converted[key] = convert(value);
  }
  if (config.author !== void 0) converted.author = names2(config.author);
  if (config.editor !== void 0) converted.editor = names2(config.editor);
  return converted;
}

// src/prepare-book.ts
async function prepareBook(options) {
  const cwd = options.cwd ?? process.cwd();
  const config = loadConfig({ dir: options.dir, configPath: options.configPath, overrides: options.overrides ?? {} });
  const contentDir = options.contentDir ? path6.resolve(cwd, options.contentDir) : path6.join(config.dir, "content");
  const loading = stageReporter(options.progress, "load", 1);
  const content = loadContent({ contentDir, order: config.config.order, cwd });
  loading.end(`${content.all.length} file${content.all.length === 1 ? "" : "s"}`);
  const { typography, text, extract, strip } = config.config;
  const converter = await createChineseConverter(typography.convert);
  const language = convertedLanguage(config.config.language, typography.convert);
  const bookConfig = converter ? { ...convertConfigText(config.config, converter), language } : config.config;
  const labels = labelsFor(language);
  const settings = {
    typography,
    strip: stripPatterns(strip),
    converter,
    images: {
      cache: /* @__PURE__ */ new Map(),
      ...options.fetchImages ? { fetchRemote: createImageFetcher({ cacheDir: options.cacheDir ?? path6.join(config.dir, "out", ".cache") }) } : {}
    }
  };
  const parseOptions = { language, extract, text: { ...text, split: text.split ? new RegExp(text.split, "u") : void 0 } };
  const cache = options.cache?.(config);
  const normalizing = stageReporter(options.progress, "normalize", content.files.length);
  const taken = /* @__PURE__ */ new Set();
  const articles = [];
  for (const [index, file] of content.files.entries()) {
    try {
      const contentPath = file.data.contentPath ?? file.path;
      const produce = async () => {
        const { parseArticles } = await import("./parse-TZKL6Q3F.js");
        const ids = new Set(taken);
        const produced2 = [];
        const dependencies = [];
        for (const parsed of await parseArticles(file, parseOptions)) {
          if (cache) dependencies.push(...imageDependencies(parsed.tree, file));
          produced2.push(await normalizeArticle(parsed, file, { id: articleIdFor(contentPath, ids), language, labels, settings }));
        }
        return { articles: produced2, dependencies };
      };
      const inputs = { id: articleIdFor(contentPath, new Set(taken)), language, fetchImages: Boolean(options.fetchImages) };
      const produced = cache ? await cache.articles(file, inputs, produce) : (await produce()).articles;
      for (const article of produced) {
        taken.add(article.id);
        articles.push({ file, article });
      }
    } catch (error) {
      const { ParseError } = await import("./parse-TZKL6Q3F.js");
      if (error instanceof ParseError) withFatal(file, error.message, error.ruleId, error.line ? { line: error.line, column: 1 } : void 0);
      else withFatal(file, `could not be read: ${describeError(error)}`, "internal");
    }
    normalizing.advance(index + 1, file.data.contentPath);
  }
  cache?.finish();
  const stats = cache ? { ...cache.stats } : { normalized: articles.length, reused: 0 };
  normalizing.end(stats.reused ? `${stats.normalized} normalized, ${stats.reused} from the cache` : `${stats.normalized} normalized`);
  const empty = articles.filter(({ article }) => article.length === 0);
  for (const { file } of empty) file.message("the article has no text after cleaning; it is kept with its title only", { ruleId: "empty-article", source: "wenji" });
  for (const problem of linkArticles(articles.map(({ article }) => article))) {
    const file = articles.find(({ article }) => article === problem.article)?.file;
    if (!file) continue;
    const options2 = { place: problem.place, ruleId: "link", source: "wenji" };
    if (problem.info) file.info(problem.message, options2);
    else file.message(problem.message, options2);
  }
  const sourceDateEpoch = process.env.SOURCE_DATE_EPOCH ? Number(process.env.SOURCE_DATE_EPOCH) : void 0;
  const { book, problems } = buildBook(
    bookConfig,
    articles.map(({ article }) => article),
    { configDir: config.dir, sourceDateEpoch: Number.isFinite(sourceDateEpoch) ? sourceDateEpoch : void 0 }
  );
  for (const problem of problems) {
    const file = articles.find(({ article }) => article === problem.article)?.file;
    if (file) withFatal(file, problem.message, problem.ruleId);
  }
  return {
    book,
    config,
    files: content.all,
    ignored: content.ignored,
    notices: content.orderWarnings,
    contentDir,
    stats
  };
}
function readStylesheet(packageStyles, name, bookDir) {
  const own = readFileSync4(path6.join(packageStyles, name), "utf8");
  const custom = path6.join(bookDir, "styles", "custom.css");
  return existsSync(custom) && path6.resolve(custom) !== path6.resolve(packageStyles, "custom.css") ? `${own}
/* styles/custom.css */
${readFileSync4(custom, "utf8")}` : own;
}

export {
  configHash,
  codeFingerprint,
  sha256,
  dependenciesUnchanged,
  linkAcrossFiles,
  stageReporter,
  prepareBook,
  readStylesheet
};
