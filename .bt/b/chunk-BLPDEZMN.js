import { createRequire as __wenjiCreateRequire } from 'node:module'; const require = __wenjiCreateRequire(import.meta.url);
import {
  codeFingerprint,
  configHash,
  dependenciesUnchanged,
  sha256
} from "./chunk-HBIQ7HYL.js";

// src/cache/article-cache.ts
import path from "node:path";

// src/cache/entry.ts
var entrySchema = 2;
function toEntry(key, articles, messages, dependencies) {
  return {
    schema: entrySchema,
    key,
    articles: articles.map((article) => ({ ...article, images: article.images.map(({ data: _data, ...rest }) => rest) })),
    messages: messages.map(storeMessage),
    dependencies
  };
}
function storeMessage(message) {
  const stored = { reason: message.reason };
  if (message.ruleId) stored.ruleId = message.ruleId;
  if (message.source) stored.source = message.source;
  if (message.fatal !== false) stored.fatal = message.fatal ?? null;
  if (message.place) stored.place = message.place;
  if (message.note) stored.note = message.note;
  if (message.url) stored.url = message.url;
  return stored;
}
function replayMessages(file, messages) {
  for (const stored of messages) {
    const message = file.message(stored.reason, { ruleId: stored.ruleId, source: stored.source, place: stored.place });
    message.fatal = stored.fatal === null ? void 0 : stored.fatal ?? false;
    if (stored.note) message.note = stored.note;
    if (stored.url) message.url = stored.url;
  }
}
function isEntry(value, key) {
  if (!value || typeof value !== "object") return false;
  const entry = value;
  return entry.schema === entrySchema && entry.key === key && Array.isArray(entry.messages) && Array.isArray(entry.dependencies) && Array.isArray(entry.articles) && entry.articles.every((item) => {
    const article = item;
    return !!article && typeof article.id === "string" && typeof article.title === "string" && article.body?.type === "root" && Array.isArray(article.images) && Array.isArray(article.sections);
  });
}

// src/cache/article-cache.ts
var ArticleCache = class {
  constructor(store, config, fingerprint = codeFingerprint()) {
    this.store = store;
    this.prefix = `${fingerprint}
${configHash(config)}
`;
  }
  stats = { normalized: 0, reused: 0 };
  used = /* @__PURE__ */ new Set();
  prefix;
  /** The file's articles from the cache when its inputs are unchanged, else from `produce` (and stored). */
  async articles(file, inputs, produce) {
    const key = this.keyOf(file, inputs);
    this.used.add(key);
    const cached = this.restore(key, file);
    if (cached) {
      this.stats.reused += cached.length;
      return cached;
    }
    const before = file.messages.length;
    const { articles, dependencies } = await produce();
    this.stats.normalized += articles.length;
    this.store.write(toEntry(key, articles, file.messages.slice(before), dependencies), articles.flatMap((article) => article.images));
    return articles;
  }
  /** Lets the store forget entries this run did not use (removed or changed articles). */
  finish() {
    this.store.finish?.(this.used);
  }
  keyOf(file, inputs) {
    const source = [file.data.contentPath ?? file.path, file.data.format ?? "", file.data.encoding ?? "", JSON.stringify(inputs)].join("\n");
    return sha256(`${this.prefix}${source}
${String(file.value)}`);
  }
  restore(key, file) {
    const found = this.store.read(key);
    if (!found) return void 0;
    const { entry, images } = found;
    if (file.data.contentRoot && !dependenciesUnchanged(entry.dependencies, file.data.contentRoot)) return void 0;
    const articles = [];
    for (const stored of entry.articles) {
      const assets = [];
      for (const image of stored.images) {
        const data = images.get(image.href);
        if (!data) return void 0;
        assets.push({ ...image, data });
      }
      articles.push({ ...stored, file: file.path, images: assets });
    }
    replayMessages(file, entry.messages);
    return articles;
  }
};
function imageMatchesHref(href, data) {
  const expected = path.basename(href).replace(/\.[^.]+$/, "");
  return sha256(data).startsWith(expected);
}

export {
  isEntry,
  ArticleCache,
  imageMatchesHref
};
