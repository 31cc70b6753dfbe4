import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { labelsFor } from '../locale/labels.js';
import { findConfig, loadConfig } from '../config/load.js';
import { createImageFetcher } from '../content/fetch-remote-image.js';
import { frontMatterKeys } from '../content/front-matter.js';
import { createArticleWork } from '../article-work.js';
import { isText } from '../content/title-candidates.js';
import { ParseError, type ParsedArticle } from '../content/types.js';
import { describeError, WenjiError } from '../errors.js';
import { stripPatterns } from '../normalize/boilerplate-patterns.js';
import { defaultTypography, mergeMeta, structuralPlugins, titleOptions, type NormalizeSettings } from '../normalize/index.js';
import { withoutInvalidCharacters } from '../normalize/plugins/rehype-sanitize-article.js';
import type { Preparation } from '../normalize/image-conversion.js';
import { withoutTracking } from '../normalize/tracking-parameters.js';
import { visit, SKIP } from '../hast/visit.js';
import type { Lookup } from './address-guard.js';
import { nextNumber, numberedName, slugFromFileName, slugFromTitle, slugFromUrl } from './article-names.js';
import { guardedImageFetch } from './fetch-page.js';
import { cleanUrl, comparableUrl, readKnownArticles } from './known-articles.js';
import { markFootnotes } from './mark-footnotes.js';
import { absolutizeUrls, dropTrackingPixels, pageBase } from './page-urls.js';
import { hasOtherScheme, isWebAddress, readLocalSource, readWebSource, type ReadSource, type SourceFailure } from './read-source.js';
import { articleMarkdown, type ArticleFields } from './write-article.js';
import { writeNewFile } from './write-new-file.js';

export interface AddOptions {
  /** The book folder; content/ is created in it when missing. */
  dir: string;
  /** URLs and local files, in the order they are added. */
  sources: string[];
  /** The content folder (default: DIR/content). */
  contentDir?: string | undefined;
  /** Add an address again even though an article has it as its `url`. */
  force?: boolean;
  /** Read, clean and report everything, but write nothing. */
  dryRun?: boolean;
  /** Per source, for the page and for each image (default: 20 s for a page, 15 s for an image). */
  timeoutMs?: number | undefined;
  /** Largest page accepted (default 10 MB). */
  maxBytes?: number | undefined;
  /** A line matching this separates posts in a text dump (default: book.yaml `text.split`). */
  split?: string | undefined;
  /** Paths in messages are relative to this folder. */
  cwd?: string;
  /** Called once per source, as soon as it is done. */
  onResult?: (result: SourceResult) => void;
  /** For tests: which addresses count as public, and the resolver. */
  isPublic?: (address: string) => boolean;
  lookup?: Lookup;
}

export type SourceResult =
  | { status: 'added'; source: string; articles: AddedArticle[]; warnings: string[]; notes: string[] }
  | { status: 'exists'; source: string; existing: string }
  | { status: 'failed'; source: string; kind: SourceFailure['kind'] | 'parse' | 'internal'; reason: string };

export interface AddedArticle {
  /** The file written (or that would be, with `dryRun`), absolute. */
  file: string;
  title: string;
  authors: string[];
  /** Characters of text, not counting whitespace. */
  characters: number;
  /** Images written into content/images (or already there). */
  images: string[];
  removed: Removals;
  /** Problems worth a warning (an image that could not be downloaded…). */
  warnings: string[];
  /** What was done, for `--verbose` (converted images, encodings…). */
  notes: string[];
}

/** What cleaning took out of one article, for the report. */
export interface Removals {
  /** `kept 3,214 of 5,870 characters` of a page (navigation, sidebars, comments, share bars went). */
  page?: string;
  /** Whole chrome paragraphs or lines (`阅读原文`, `分享到：微信 微博`). */
  chrome: string[];
  /** Scripts, styles, frames and forms of the page (what each was). */
  scripts: string[];
  /** Tracking pixels and tracking parameters taken off links. */
  trackers: string[];
  /** The page's own byline line (the byline is printed from the front matter). */
  byline?: string;
}

const defaultPageTimeout = 20_000;
const defaultImageTimeout = 15_000;
const defaultMaxBytes = 10 * 1024 * 1024;

/**
 * `wenji add`: each source is fetched or read, decoded and parsed by the build's own readers
 * (readability for pages, post splitting for dumps), cleaned by the build's structural plugins,
 * and written as one Markdown file per article into content/, numbered after the articles there,
 * with its images in content/images/. A source that fails is reported and the others go on.
 */
export async function addSources(options: AddOptions): Promise<SourceResult[]> {
  const cwd = options.cwd ?? process.cwd();
  const dir = path.resolve(cwd, options.dir);
  const config = findConfig(dir) ? loadConfig({ dir, overrides: { title: 'wenji add' } }).config : undefined;
  const contentDir = options.contentDir ? path.resolve(cwd, options.contentDir) : path.join(dir, 'content');
  if (existsSync(contentDir) && !isDirectory(contentDir)) throw new WenjiError('content', 'expected the folder of articles, found a file', { file: shown(contentDir, cwd) });
  const language = config?.language ?? 'zh-Hans';
  const labels = labelsFor(language);
  let split: RegExp | undefined;
  const splitSource = options.split ?? config?.text.split;
  try {
    split = splitSource ? new RegExp(splitSource, 'u') : undefined;
  } catch (error) {
    throw new WenjiError('usage', `--split: not a valid regular expression (${(error as Error).message})`);
  }
  const parseOptions = { language, extract: config?.extract ?? true, text: { paragraphs: config?.text.paragraphs ?? 'auto', headings: config?.text.headings ?? false, split } };
  const strip = stripPatterns(config?.strip ?? []);
  const known = readKnownArticles(contentDir);
  const numbering = nextNumber(known.names);
  const taken = new Set(known.names);
  const imageCache = new Map<string, Promise<Preparation>>();
  // Downloaded images are kept here for the run only; an interrupted run removes it on exit too.
  const downloads = mkdtempSync(path.join(tmpdir(), 'wenji-add-'));
  const removeDownloads = () => rmSync(downloads, { recursive: true, force: true });
  process.once('exit', removeDownloads);
  const results: SourceResult[] = [];
  // Each source is parsed on a worker within the article budget, so one hostile page costs only itself.
  const work = createArticleWork();
  const readOptions = {
    cwd,
    timeoutMs: options.timeoutMs ?? defaultPageTimeout,
    maxBytes: options.maxBytes ?? defaultMaxBytes,
    ...(options.isPublic ? { isPublic: options.isPublic } : {}),
    ...(options.lookup ? { lookup: options.lookup } : {}),
  };
  const finish = (result: SourceResult) => {
    results.push(result);
    options.onResult?.(result);
  };
  const addSource = async (source: string): Promise<SourceResult> => {
    const web = isWebAddress(source);
    if (!web && hasOtherScheme(source)) return { status: 'failed', source, kind: 'scheme', reason: `only http: and https: addresses and local files can be added, not ${source.slice(0, source.indexOf(':') + 1)}` };
    const given = web ? comparableUrl(source) : undefined;
    const existing = given ? known.urls.get(given) : undefined;
    if (existing && !options.force) return { status: 'exists', source, existing: shown(path.join(contentDir, existing), cwd) };
    // Tracking parameters and the fragment are not sent: the page is the same without them.
    const read = web ? await readWebSource(cleanUrl(source), readOptions) : readLocalSource(source, readOptions);
    if (!read.ok) return { status: 'failed', source, kind: read.kind, reason: read.reason };
    const fetchedAs = read.url ? comparableUrl(read.url) : undefined;
    const redirectedTo = fetchedAs ? known.urls.get(fetchedAs) : undefined;
    if (redirectedTo && !options.force) return { status: 'exists', source, existing: shown(path.join(contentDir, redirectedTo), cwd) };
    let parsed: ParsedArticle[];
    try {
      parsed = await work.parse(read.file, parseOptions);
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      return { status: 'failed', source, kind: 'parse', reason: `${error.line ? `line ${error.line}: ` : ''}${error.message}` };
    }
    const stated = parsed.length === 1 ? parsed[0]!.meta.url : undefined;
    const statedAs = !read.url && stated ? known.urls.get(comparableUrl(stated) ?? '') : undefined;
    if (statedAs && !options.force) return { status: 'exists', source, existing: shown(path.join(contentDir, statedAs), cwd) };
    const settings: NormalizeSettings = {
      typography: defaultTypography,
      strip,
      images: {
        cache: imageCache,
        fetchRemote: createImageFetcher({
          cacheDir: downloads,
          timeoutMs: options.timeoutMs ?? defaultImageTimeout,
          fetch: guardedImageFetch({ allowPrivate: read.allowPrivate, maxBytes: 20 * 1024 * 1024, timeoutMs: options.timeoutMs ?? defaultImageTimeout, ...(options.isPublic ? { isPublic: options.isPublic } : {}), ...(options.lookup ? { lookup: options.lookup } : {}) }),
        }),
      },
    };
    const cleaned: CleanedPiece[] = [];
    for (const [index, piece] of parsed.entries()) cleaned.push(await cleanPiece(piece, read, { settings, labels, pageScripts: index === 0 ? pageScripts(String(read.file.value), read.file.data.format) : [] }));
    // A piece with no text and no image is nothing to read (a page that makes its text with JavaScript).
    const pieces = cleaned.filter((piece) => piece.characters > 0 || piece.images.length > 0);
    if (pieces.length === 0) return { status: 'failed', source, kind: 'unreadable', reason: `no article text found${read.url ? ' (a page that shows its text with JavaScript cannot be read: save it from the browser and add the file)' : ''}` };
    const articles: AddedArticle[] = [];
    for (const article of pieces) {
      // Images first: an article file never points at an image not written yet.
      const images: string[] = [];
      for (const image of article.images) {
        const imageTarget = path.join(contentDir, image.href);
        // Named by content: an image of that name is this image.
        if (!options.dryRun && !existsSync(imageTarget)) writeOrStop(imageTarget, image.data, cwd);
        images.push(shown(imageTarget, cwd));
      }
      const slug = pieceSlug(source, read, article.fields.title, pieces.length > 1);
      const markdown = articleMarkdown(article.fields, article.body);
      let name = '';
      let target = '';
      for (let number = numbering.next; ; number++) {
        name = numberedName(number, numbering.width, slug);
        target = path.join(contentDir, name);
        // Never over an existing file: a name taken meanwhile (another run) moves to the next number.
        if (!taken.has(name) && !existsSync(target) && (options.dryRun || writeOrStop(target, markdown, cwd))) {
          numbering.next = number + 1;
          break;
        }
      }
      taken.add(name);
      if (article.fields.url) known.urls.set(comparableUrl(article.fields.url)!, name);
      articles.push({ file: target, title: article.fields.title, authors: article.fields.authors ?? [], characters: article.characters, images, removed: article.removed, warnings: article.warnings, notes: article.notes });
    }
    if (given && !known.urls.has(given) && articles[0]) known.urls.set(given, path.relative(contentDir, articles[0].file));
    // What reading the source said (its encoding, front-matter problems), beside each article's own.
    const warnings = read.file.messages.filter((message) => message.fatal === false).map((message) => `${message.line ? `line ${message.line}: ` : ''}${message.reason}`);
    const notes = read.file.messages.filter((message) => message.fatal === undefined).map((message) => message.reason);
    return { status: 'added', source, articles, warnings, notes };
  };
  try {
    for (const source of options.sources) {
      try {
        finish(await addSource(source));
      } catch (error) {
        // A bug or an unreadable file costs this source, not the others; a wenji error (a file
        // that cannot be written) stops the run.
        if (error instanceof WenjiError) throw error;
        finish({ status: 'failed', source, kind: 'internal', reason: `could not be added: ${describeError(error)}` });
      }
    }
  } finally {
    await work.close();
    removeDownloads();
    process.removeListener('exit', removeDownloads);
  }
  return results;
}

interface CleanedPiece {
  fields: ArticleFields;
  body: Root;
  images: { href: string; data: Uint8Array }[];
  characters: number;
  removed: Removals;
  warnings: string[];
  notes: string[];
}

/** One article of a source through the structural plugins, with its front-matter fields. */
async function cleanPiece(parsed: ParsedArticle, read: ReadSource, context: { settings: NormalizeSettings; labels: ReturnType<typeof labelsFor>; pageScripts: string[] }): Promise<CleanedPiece> {
  const source = read.file;
  const file = new VFile({ path: source.path, value: source.value, cwd: source.cwd });
  file.data = { ...source.data };
  const tree = parsed.tree;
  const removed: Removals = { chrome: [], scripts: context.pageScripts, trackers: [] };
  if (read.url) absolutizeUrls(tree, pageBase(String(source.value), read.url));
  removed.trackers.push(...dropTrackingPixels(tree).map((src) => `tracking pixel ${src}`));
  removed.trackers.push(...trackedLinks(tree));
  // A page's scripts are counted in its source (with those around the article); other sources' here.
  if (source.data.format !== 'html') removed.scripts.push(...scriptsIn(tree));
  markFootnotes(tree);
  const titles = titleOptions(parsed);
  const body = (await unified().use(structuralPlugins(context.settings, context.labels, titles)).run(tree, file)) as Root;
  // Credit lines lifted out of the text and the title taken from it, as the build settles them.
  const meta = mergeMeta(parsed, file.data.credits ?? { authors: [], translators: [], sources: [] });
  const taken = titles.takeTitle ? file.data.takenTitle : undefined;
  const title = withoutInvalidCharacters(parsed.meta.title ?? taken?.title ?? parsed.fallbackTitles[0] ?? 'article').replace(/\s+/g, ' ').trim() || 'article';
  if (taken?.from === 'derived') file.message(`untitled: the title "${title}" is derived from the first line; give the real one in the front matter`, { ruleId: 'derived-title', source: 'wenji' });
  dropTitleHeading(body, title);
  for (const message of [...source.messages, ...file.messages]) {
    if (message.ruleId === 'strip') removed.chrome.push(/"(.*)"/.exec(message.reason)?.[1] ?? message.reason);
    else if (message.ruleId === 'extract' && /^saved page:/.test(message.reason)) {
      const kept = /\((\d+) of (\d+) characters/.exec(message.reason);
      if (kept) removed.page = `kept ${Number(kept[1]).toLocaleString('en-US')} of ${Number(kept[2]).toLocaleString('en-US')} characters`;
    }
    else if (message.ruleId === 'extract' && /byline line/.test(message.reason)) removed.byline = /"(.*)"/.exec(message.reason)?.[1];
  }
  // A local source's images are read from its own folder (its "content folder" here).
  const warnings = file.messages.filter((message) => message.fatal === false).map((message) => message.reason.replace('outside the content folder', "outside the source's folder"));
  const notes = file.messages.filter((message) => message.fatal === undefined && message.ruleId !== 'strip' && message.ruleId !== 'extract' && message.ruleId !== 'encoding').map((message) => message.reason);
  const fields: ArticleFields = { title };
  if (meta.authors?.length) fields.authors = meta.authors.map(withoutInvalidCharacters);
  if (meta.translators?.length) fields.translators = meta.translators.map(withoutInvalidCharacters);
  if (meta.date && /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(meta.date)) fields.date = meta.date;
  const site = meta.source ?? (read.url ? new URL(read.url).hostname.replace(/^www\./, '') : undefined);
  if (site) fields.source = withoutInvalidCharacters(site);
  const url = read.url ?? meta.url;
  if (url && /^https?:\/\//i.test(url)) fields.url = cleanUrl(url);
  const lang = pageLanguage(parsed, String(source.value), source.data.format);
  if (lang && frontMatterKeys.includes('lang')) fields.lang = lang;
  if (meta.tags?.length) fields.tags = meta.tags.map(withoutInvalidCharacters);
  const characters = [...toString(body).replace(/\s+/g, '')].length;
  return { fields, body, images: file.data.images ?? [], characters, removed, warnings, notes };
}

/** A first heading that says the title: the title is in the front matter, and the build prints it. */
function dropTitleHeading(body: Root, title: string): void {
  const same = (text: string) => text.replace(/[\s\u3000]+/g, ' ').trim() === title;
  visit(body, 'element', (node, index, parent) => {
    if (!/^h[1-6]$/.test(node.tagName)) return undefined;
    if (node.tagName === 'h1' && same(toString(node)) && parent && index !== undefined) parent.children.splice(index, 1);
    return false;
  });
}

/** Links whose tracking parameters the cleanup takes off (`?utm_source=…`), before it does. */
function trackedLinks(tree: Root): string[] {
  const found: string[] = [];
  visit(tree, 'element', (node) => {
    const href = node.properties.href;
    if (node.tagName !== 'a' || typeof href !== 'string' || withoutTracking(href) === href) return;
    const kept = new Set(new URL(withoutTracking(href)).searchParams.keys());
    const dropped = [...new URL(href).searchParams.keys()].filter((key) => !kept.has(key));
    found.push(`tracking parameters (${dropped.join(', ')}) on a link to ${withoutTracking(href)}`);
  });
  return found;
}

/** Scripts and other active content left in the article itself (the sanitizer drops them). */
function scriptsIn(tree: Root): string[] {
  const found: string[] = [];
  visit(tree, 'element', (node) => {
    if (['script', 'style', 'iframe', 'object', 'embed', 'form', 'noscript'].includes(node.tagName)) {
      found.push(describeActive(node));
      return SKIP;
    }
    return undefined;
  });
  return found;
}

function describeActive(node: Element): string {
  const src = node.properties.src ?? node.properties.data ?? node.properties.action;
  return typeof src === 'string' && src ? `${node.tagName} ${src}` : `inline ${node.tagName} (${toString(node).trim().length} characters)`;
}

/** A page's scripts, frames and embedded objects, in the article or around it (JSON data blocks are not scripts). */
function pageScripts(text: string, format: string | undefined): string[] {
  if (format !== 'html') return [];
  const found: string[] = [];
  for (const match of text.matchAll(/<(script|iframe|object|embed)\b([^>]*)>/gi)) {
    const src = /\bsrc\s*=\s*["']?([^"'\s>]+)/i.exec(match[2] ?? '')?.[1];
    if (match[1]!.toLowerCase() === 'script' && /\btype\s*=\s*["']?application\/(?:ld\+)?json/i.test(match[2] ?? '')) continue;
    found.push(src ? `${match[1]!.toLowerCase()} ${src}` : `inline ${match[1]!.toLowerCase()}`);
  }
  return found;
}

/** `<html lang="ja">` of a page, or what the reader found. */
function pageLanguage(parsed: ParsedArticle, text: string, format: string | undefined): string | undefined {
  const stated = (parsed.meta as { lang?: string; language?: string }).lang ?? (parsed.meta as { language?: string }).language;
  if (isText(stated)) return stated;
  if (format !== 'html') return undefined;
  const lang = /<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)/i.exec(text.slice(0, 5000))?.[1];
  return lang;
}

/** The URL's last segment or the file's name when readable, else the title; a dump's posts by their titles. */
function pieceSlug(source: string, read: ReadSource, title: string, several: boolean): string {
  const fromTitle = slugFromTitle(title);
  if (several) return fromTitle || 'post';
  const fromSource = read.url ? slugFromUrl(read.url) ?? slugFromUrl(source) : slugFromFileName(source);
  return fromSource ?? (fromTitle || 'article');
}

/** `writeNewFile`, or the run stops with an output error (a full disk, a read-only folder). */
function writeOrStop(target: string, data: Uint8Array | string, cwd: string): boolean {
  try {
    return writeNewFile(target, data);
  } catch (error) {
    throw new WenjiError('output', `cannot write the file: ${describeError(error)}; check that the folder is writable`, { file: shown(target, cwd), cause: error });
  }
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function shown(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') ? relative : file;
}
