import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Config } from '../config/schema.js';
import type { Article, Book, BookMeta, ImageAsset, Part } from './model.js';

export interface BuildBookOptions {
  /** Folder the config's relative paths (cover) are resolved against. */
  configDir: string;
  /** Seconds since the epoch to use for `dcterms:modified` when the config has no date. */
  sourceDateEpoch?: number | undefined;
  /** Current time, used only when neither the config nor SOURCE_DATE_EPOCH gives a date. */
  now?: Date;
}

export interface BookProblem {
  /** The article the problem belongs to. */
  article: Article;
  message: string;
  ruleId: string;
}

/** Articles (and parts) + config → Book. Pure: no I/O, and the same input always gives the same book. */
export function buildBook(config: Config, articles: Article[], options: BuildBookOptions, parts: Part[] = []): { book: Book; problems: BookProblem[] } {
  const problems: BookProblem[] = [];
  const seen = new Map<string, Article>();
  for (const article of articles) {
    const key = article.title.replace(/\s+/g, '').toLowerCase();
    const first = seen.get(key);
    if (first) {
      problems.push({
        article,
        message: `two articles have the title "${article.title}" (also ${first.file}); both are kept — give one a distinct title in its front matter`,
        ruleId: 'duplicate-title',
      });
    } else seen.set(key, article);
  }
  const images = new Map<string, ImageAsset>();
  for (const article of [...parts.map((part) => part.page), ...articles]) for (const image of article.images) if (!images.has(image.href)) images.set(image.href, image);
  return { book: { meta: bookMeta(config, articles, options), articles, parts, images: [...images.values()] }, problems };
}

export function bookMeta(config: Config, articles: Article[], options: BuildBookOptions): BookMeta {
  const authors = names(config.author);
  const editors = names(config.editor);
  const meta: BookMeta = {
    title: config.title,
    authors,
    editors,
    language: config.language,
    identifier: config.identifier ?? derivedIdentifier(config.title, [...authors, ...editors], config.language),
    modified: modifiedTimestamp(config.date, options),
    description: config.description?.trim() || describe(config.title, articles, config.language),
    slug: config.slug ?? slugify(config.title),
  };
  if (config.subtitle) meta.subtitle = config.subtitle;
  if (config.date) meta.date = config.date;
  if (config.publisher) meta.publisher = config.publisher;
  if (config.cover) meta.cover = path.resolve(options.configDir, config.cover);
  return meta;
}

function names(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((name) => name.trim()).filter(Boolean);
}

/** A name-based (version 5 style) UUID from the book's identity: stable across builds. */
export function derivedIdentifier(title: string, people: string[], language: string): string {
  const hash = createHash('sha1').update(['wenji', title, ...people, language].join('\u0000')).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function modifiedTimestamp(date: string | undefined, options: BuildBookOptions): string {
  let when: Date;
  if (date) {
    const [year, month = '01', day = '01'] = date.slice(0, 10).split('-');
    when = date.length > 10 && !Number.isNaN(Date.parse(date)) ? new Date(date) : new Date(`${year}-${month}-${day}T00:00:00Z`);
  } else if (options.sourceDateEpoch !== undefined) when = new Date(options.sourceDateEpoch * 1000);
  else when = options.now ?? new Date();
  return when.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A description is required by readers and EPUBCheck; without one, list what the book holds. */
function describe(title: string, articles: Article[], language: string): string {
  const titles = articles.map((article) => article.title);
  if (/^(zh|ja)/i.test(language)) return `《${title}》收录${articles.length}篇文章：${titles.map((t) => `《${t}》`).join('')}。`;
  return `${title}: an anthology of ${articles.length} article${articles.length === 1 ? '' : 's'} — ${titles.join('; ')}.`;
}

/**
 * A file name from a title: Latin letters are lower-cased and joined with hyphens; CJK
 * characters are kept (they are valid in file names everywhere a book is read).
 */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKC')
    .replace(/[\\/:*?"<>|#%&{}$!'@`=+^~[\]()（）《》〈〉「」『』【】，。、；：！？·…—\s]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .toLowerCase()
    .slice(0, 80);
  return slug || 'book';
}
