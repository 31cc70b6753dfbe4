import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { unified, type PluggableList } from 'unified';
import type { VFile } from 'vfile';
import { visit } from './visit.js';
import type { Labels } from '../book/labels.js';
import type { Article, Section } from '../book/model.js';
import type { ParsedArticle } from '../content/parse.js';
import { cjkShare, isCjkLetter } from './cjk-characters.js';
import { literalElements } from './hast-tools.js';
import rehypeCleanWhitespace from './plugins/rehype-clean-whitespace.js';
import rehypeDemoteHeadings from './plugins/rehype-demote-headings.js';
import rehypeEpubFootnotes from './plugins/rehype-epub-footnotes.js';
import rehypeHeadingIds from './plugins/rehype-heading-ids.js';
import rehypeJoinCjkLines from './plugins/rehype-join-cjk-lines.js';
import rehypeResolveImages from './plugins/rehype-resolve-images.js';
import rehypeSanitizeArticle, { withoutInvalidCharacters } from './plugins/rehype-sanitize-article.js';
import rehypeScopeIds from './plugins/rehype-scope-ids.js';
import rehypeTableAlign from './plugins/rehype-table-align.js';
import rehypeWarnOversized from './plugins/rehype-warn-oversized.js';
import rehypeCjkDashes from './plugins/rehype-cjk-dashes.js';
import rehypeCjkPunctuation from './plugins/rehype-cjk-punctuation.js';
import rehypeCjkQuotes from './plugins/rehype-cjk-quotes.js';
import rehypeCjkSpacing from './plugins/rehype-cjk-spacing.js';
import rehypeCleanLinks from './plugins/rehype-clean-links.js';
import rehypeConvertChinese from './plugins/rehype-convert-chinese.js';
import rehypeStripBoilerplate from './plugins/rehype-strip-boilerplate.js';
import type { Options as ImageOptions } from './plugins/rehype-resolve-images.js';
import { defaultStripPatterns, type StripPattern } from './boilerplate-patterns.js';
import type { ChineseConverter } from './chinese-conversion.js';
import { withoutTracking } from './tracking-parameters.js';
import type { Config } from '../config/schema.js';

export interface NormalizeContext {
  /** Unique article id (see `articleIdFor`). */
  id: string;
  /** The book's language. */
  language: string;
  labels: Labels;
  /** Book-wide settings and per-build shared state (from `prepareBook`); defaults when absent. */
  settings?: NormalizeSettings;
}

export interface NormalizeSettings {
  typography: Config['typography'];
  /** Page-chrome patterns (`stripPatterns(config.strip)`). */
  strip: StripPattern[];
  /** One simplified ↔ traditional converter per build, when `typography.convert` asks for one. */
  converter?: ChineseConverter | undefined;
  /** Image downloads (`--fetch-images`) and the conversion cache shared by the book's articles. */
  images?: Pick<ImageOptions, 'fetchRemote' | 'cache' | 'maxDimension'>;
}

export const defaultTypography: Config['typography'] = { punctuation: true, dashes: true, quotes: true, spacing: 'css', convert: 'none' };

export function defaultSettings(): NormalizeSettings {
  return { typography: defaultTypography, strip: defaultStripPatterns() };
}

/**
 * The normalization plugins, in the order they run. `language` is the article's own language:
 * CJK typography applies to Chinese text (spacing to Japanese too), never to Latin articles.
 */
export function normalizePlugins(context: NormalizeContext, title: string, language = context.language): PluggableList {
  const { labels } = context;
  const settings = context.settings ?? defaultSettings();
  return [
    [rehypeSanitizeArticle],
    [rehypeScopeIds, { prefix: context.id }],
    [rehypeEpubFootnotes, { notesLabel: labels.notes, noteRefLabel: labels.noteRef, backLabel: labels.backToText }],
    [rehypeTableAlign],
    [rehypeCleanLinks],
    // Before images, so that chrome (a QR-code prompt…) is gone before anything is fetched.
    [rehypeStripBoilerplate, { patterns: settings.strip }],
    [rehypeResolveImages, { unavailable: labels.imageUnavailable, ...settings.images }],
    [rehypeCleanWhitespace],
    ...textPlugins(settings, language),
    [rehypeDemoteHeadings, { title }],
    [rehypeHeadingIds, { prefix: context.id }],
    [rehypeWarnOversized],
  ];
}

/**
 * The structural cleanup alone, in the build's order: what `wenji add` applies before it writes
 * an article into content/. Sanitizing, links without tracking parameters, page chrome, images
 * (packaged and converted), whitespace and CJK line joins; not the book's typography
 * (punctuation, quotes, dashes, spacing, script conversion) nor ids and heading ranks, which
 * stay build settings and are applied when the book is built.
 */
export function structuralPlugins(settings: NormalizeSettings, labels: Pick<Labels, 'imageUnavailable'>): PluggableList {
  return [
    [rehypeSanitizeArticle],
    [rehypeCleanLinks],
    [rehypeStripBoilerplate, { patterns: settings.strip }],
    [rehypeResolveImages, { unavailable: labels.imageUnavailable, ...settings.images }],
    [rehypeCleanWhitespace],
    [rehypeJoinCjkLines],
  ];
}

/**
 * Line joining, CJK typography and conversion, as book.yaml `typography` asks, for an article in
 * `language`. The marks are converted before lines are joined, so that the spaces a converted
 * mark leaves between CJK characters (`好 ！`) go with the same rule as any other; spacing
 * comes after joining, which turns a line break between CJK and Latin into a space.
 */
export function textPlugins(settings: NormalizeSettings, language: string): PluggableList {
  const { typography } = settings;
  const chinese = /^(zh|cmn|yue|lzh)\b/i.test(language);
  const cjk = chinese || /^ja\b/i.test(language);
  const plugins: PluggableList = [];
  if (chinese && typography.punctuation) plugins.push([rehypeCjkPunctuation]);
  if (chinese && typography.dashes) plugins.push([rehypeCjkDashes]);
  if (chinese && typography.quotes) plugins.push([rehypeCjkQuotes]);
  plugins.push([rehypeJoinCjkLines]);
  if (cjk && typography.spacing !== 'none') plugins.push([rehypeCjkSpacing, { mode: typography.spacing === 'insert' ? 'insert' : 'remove' }]);
  if (chinese && settings.converter) plugins.push([rehypeConvertChinese, { convert: settings.converter }]);
  return plugins;
}

/**
 * A title (or any metadata text) through the same text plugins as the body, so that the title
 * printed above an article reads like its text (`他说,好` → `他说，好`, converted script).
 */
export function normalizeText(text: string, settings: NormalizeSettings, language: string): string {
  const plugins = textPlugins(settings, language);
  if (plugins.length === 1 || !text) return text;
  const tree: Root = { type: 'root', children: [{ type: 'element', tagName: 'p', properties: {}, children: [{ type: 'text', value: text }] }] };
  unified().use(plugins).runSync(tree);
  return toString(tree);
}

/** Parsed source → normalized Article. Messages (warnings) are recorded on `file`. */
export async function normalizeArticle(parsed: ParsedArticle, file: VFile, context: NormalizeContext): Promise<Article> {
  const settings = context.settings ?? defaultSettings();
  const rawTitle = withoutInvalidCharacters(parsed.meta.title ?? parsed.fallbackTitles[0] ?? context.id).replace(/\s+/g, ' ').trim() || context.id;
  // The language decides which text rules apply, so it is read from the source, before them.
  const sourceLanguage = detectLanguage(rawTitle + proseSample(parsed.tree), context.language);
  const language = sourceLanguage ?? context.language;
  const title = normalizeText(rawTitle, settings, language);
  const body = (await unified().use(normalizePlugins({ ...context, settings }, title, language)).run(parsed.tree, file)) as Root;
  dropPositions(body);
  const text = toString(body);
  const convert = (value: string) => normalizeText(withoutInvalidCharacters(value), { ...settings, typography: { ...settings.typography, punctuation: false, dashes: false, quotes: false, spacing: 'none' } }, language);
  const article: Article = {
    id: context.id,
    file: file.path,
    contentPath: file.data.contentPath ?? file.path,
    title,
    authors: (parsed.meta.authors ?? []).map(convert),
    translators: (parsed.meta.translators ?? []).map(convert),
    tags: (parsed.meta.tags ?? []).map(convert),
    body,
    sections: collectSections(body),
    images: file.data.images ?? [],
    length: [...text.replace(/\s+/g, '')].length,
  };
  if (parsed.meta.source) article.source = convert(parsed.meta.source);
  if (parsed.meta.url) article.url = withoutTracking(parsed.meta.url);
  if (parsed.meta.date) article.date = parsed.meta.date;
  if (sourceLanguage) article.language = sourceLanguage;
  return article;
}

/**
 * Source positions are for messages, and normalization has made its own by now; only links keep
 * theirs (the book-wide link pass reports a link it removes). Half of a stored article is
 * positions otherwise, and every rebuild would read them back.
 */
function dropPositions(parent: Root | Element): void {
  for (const child of parent.children) {
    if (child.type === 'element') {
      if (child.tagName !== 'a') delete child.position;
      dropPositions(child);
    } else delete child.position;
  }
}

/** The first 4,000 characters of prose (no scripts, styles or code), for language detection. */
function proseSample(tree: Root): string {
  const parts: string[] = [];
  let length = 0;
  const walk = (parent: Root | Element) => {
    for (const child of parent.children) {
      if (length >= 4000) return;
      if (child.type === 'text') {
        parts.push(child.value);
        length += child.value.length;
      } else if (child.type === 'element' && !literalElements.has(child.tagName)) walk(child);
    }
  };
  walk(tree);
  return parts.join('');
}

export function collectSections(body: Root): Section[] {
  const sections: Section[] = [];
  visit(body, 'element', (node) => {
    const match = /^h([2-6])$/.exec(node.tagName);
    if (match && typeof node.properties.id === 'string') {
      sections.push({ id: node.properties.id, depth: Number(match[1]), title: toString(node).replace(/\s+/g, ' ').trim() });
    }
  });
  return sections;
}

/**
 * An article in a CJK book with (almost) no CJK text is marked as English, so that it gets
 * Latin hyphenation and, in vertical books, horizontal setting.
 */
function detectLanguage(text: string, bookLanguage: string): string | undefined {
  const cjkBook = /^(zh|ja)/i.test(bookLanguage);
  // A few thousand characters tell Chinese from English as surely as the whole text.
  const share = cjkShare(text.slice(0, 4000));
  if (cjkBook && share < 0.05 && /[A-Za-z]{3}/.test(text)) return 'en';
  if (!cjkBook && share > 0.5) return [...text].some((c) => /\p{Script=Hiragana}|\p{Script=Katakana}/u.test(c)) ? 'ja' : 'zh';
  return undefined;
}

/** `01-interview.md` → `interview`; ids start with a letter and are unique among `taken`. */
export function articleIdFor(contentPath: string, taken: Set<string>): string {
  const base = contentPath.replace(/\.[^./]+$/, '').split('/').at(-1) ?? '';
  const slug = base
    .replace(/^\d+[-_. ]*/, '')
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 40);
  let id = /^[a-z]/.test(slug) ? slug : slug ? `a-${slug}` : 'article';
  if ([...base].some(isCjkLetter) && !/[a-z]/.test(slug)) id = 'article';
  let candidate = id;
  for (let n = 2; taken.has(candidate); n++) candidate = `${id}-${n}`;
  taken.add(candidate);
  return candidate;
}
