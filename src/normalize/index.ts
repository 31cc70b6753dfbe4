import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { unified, type PluggableList } from 'unified';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { labelsFor, type Labels } from '../locale/labels.js';
import type { Article } from '../book/model.js';
import type { ParsedArticle } from '../content/types.js';
import type { ArticleMeta } from '../content/front-matter.js';
import { cjkShare, isCjkLetter } from '../locale/cjk-characters.js';
import { literalElements } from '../hast/hast-tools.js';
import { collectSections } from './sections.js';
import rehypeBreakLongWords from './plugins/rehype-break-long-words.js';
import rehypeCleanWhitespace from './plugins/rehype-clean-whitespace.js';
import rehypeDropDanglingRefs from './plugins/rehype-drop-dangling-refs.js';
import rehypeDropDecorativeImages from './plugins/rehype-drop-decorative-images.js';
import rehypeLiftCredits, { type Credits } from './plugins/rehype-lift-credits.js';
import rehypeTakeTitle from './plugins/rehype-take-title.js';
import rehypeDemoteHeadings from './plugins/rehype-demote-headings.js';
import rehypeFootnotes from './plugins/rehype-footnotes.js';
import rehypeFigureCaptions from './plugins/rehype-figure-captions.js';
import rehypeHeadingIds from './plugins/rehype-heading-ids.js';
import rehypeImageFigures from './plugins/rehype-image-figures.js';
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
import rehypeSkipEmphasisMarks from './plugins/rehype-skip-emphasis-marks.js';
import rehypeStripBoilerplate from './plugins/rehype-strip-boilerplate.js';
import type { Options as ImageOptions } from './plugins/rehype-resolve-images.js';
import { defaultStripPatterns, type StripPattern } from './boilerplate-patterns.js';
import type { ChineseConverter } from './chinese-conversion.js';
import { withoutTracking } from './tracking-parameters.js';
import type { Config } from '../config/schema.js';
import type { ArticleOverride } from '../config/article-overrides.js';

export interface NormalizeContext {
  /** Unique article id (see `articleIdFor`). */
  id: string;
  /** The book's language. */
  language: string;
  /** Words in the book's language; an article in another language gets its own. */
  labels: Labels;
  /** Book-wide settings and per-build shared state (from `prepareBook`); defaults when absent. */
  settings?: NormalizeSettings;
  /** book.yaml `articles` entry for this article: wins over everything the source says. */
  override?: ArticleOverride | undefined;
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

export const defaultTypography: Config['typography'] = { punctuation: true, dashes: true, quotes: true, spacing: 'insert', convert: 'none', compression: 'auto' };

export function defaultSettings(): NormalizeSettings {
  return { typography: defaultTypography, strip: defaultStripPatterns() };
}

/**
 * The normalization plugins, in the order they run. `language` is the article's own language:
 * CJK typography applies to Chinese text (spacing to Japanese too), never to Latin articles.
 */
export function normalizePlugins(context: NormalizeContext, title: string, language = context.language): PluggableList {
  return [...cleanupPlugins(context), ...bodyPlugins(context, title, language)];
}

/**
 * What runs before the title is settled: the tree is made safe and rid of chrome, credit lines
 * are lifted into `file.data.credits`, and (`takeTitle`, plain text) the title line is taken —
 * or, when the title is known, a first block repeating it goes.
 */
export function cleanupPlugins(context: NormalizeContext, options: TitleOptions = {}): PluggableList {
  const { labels } = context;
  const settings = context.settings ?? defaultSettings();
  return [
    // Before sanitizing, which drops the classes and ids that name a logo or an icon.
    [rehypeDropDecorativeImages],
    [rehypeSanitizeArticle],
    [rehypeScopeIds, { prefix: context.id }],
    [rehypeFootnotes, { notesLabel: labels.notes, noteRefLabel: labels.noteRef, backLabel: labels.backToText }],
    [rehypeTableAlign],
    [rehypeCleanLinks],
    // Before images, so that chrome (a QR-code prompt…) is gone before anything is fetched.
    [rehypeStripBoilerplate, { patterns: settings.strip }],
    ...creditAndTitlePlugins(options),
  ];
}

/** How an article's title is settled after chrome is removed (see `titleOptions`). */
export type TitleOptions = { takeTitle?: boolean; knownTitle?: string | undefined };

/** Credit lines lifted into the metadata, then the title taken from the text or its repeat dropped. */
function creditAndTitlePlugins(options: TitleOptions): PluggableList {
  return [
    [rehypeLiftCredits],
    ...(options.takeTitle || options.knownTitle ? ([[rehypeTakeTitle, { known: options.takeTitle ? undefined : options.knownTitle }]] as PluggableList) : []),
  ];
}

/**
 * A title is taken from the text only when nothing states one (a text file's first line, after
 * its chrome is gone); a known title's repeat at the top of the body is removed.
 */
export function titleOptions(parsed: ParsedArticle, overrideTitle?: string): TitleOptions {
  return {
    takeTitle: parsed.titleFrom === 'text' && !overrideTitle && !parsed.meta.title,
    knownTitle: overrideTitle ?? parsed.meta.title ?? (parsed.titleFrom === 'text' ? undefined : parsed.fallbackTitles[0]),
  };
}

/** The rest, once the title is known (`rehype-demote-headings` drops a first heading saying it). */
export function bodyPlugins(context: NormalizeContext, title: string, language = context.language): PluggableList {
  const { labels } = context;
  const settings = context.settings ?? defaultSettings();
  return [
    [rehypeResolveImages, { unavailable: labels.imageUnavailable, ...settings.images }],
    [rehypeCleanWhitespace],
    // After images are resolved (an image that could not be packaged is text by now, not a
    // figure) and whitespace is cleaned (no empty paragraph or `<br><br>` between an image and
    // its caption); before the text plugins, which treat a caption like any other text block.
    [rehypeImageFigures],
    [rehypeFigureCaptions],
    ...textPlugins(settings, language),
    [rehypeDemoteHeadings, { title }],
    [rehypeHeadingIds, { prefix: context.id }],
    // After every pass that removes elements: no link is left pointing at one that went.
    [rehypeDropDanglingRefs],
    [rehypeBreakLongWords],
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
export function structuralPlugins(settings: NormalizeSettings, labels: Pick<Labels, 'imageUnavailable'>, options: TitleOptions = {}): PluggableList {
  return [
    [rehypeDropDecorativeImages],
    [rehypeSanitizeArticle],
    [rehypeCleanLinks],
    [rehypeStripBoilerplate, { patterns: settings.strip }],
    ...creditAndTitlePlugins(options),
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
  // Emphasis marks only on ideographs and kana (not a setting: marks on Latin letters are wrong).
  if (cjk) plugins.push([rehypeSkipEmphasisMarks]);
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
  const override = context.override ?? {};
  // The language decides which text rules apply, so it is read from the source, before them.
  const ownLanguage = articleLanguage(parsed, context.language, override.title);
  const language = ownLanguage ?? context.language;
  // Notes headings, note references and image descriptions are read in the article's language.
  const labels = ownLanguage ? labelsFor(ownLanguage) : context.labels;
  // Chrome and credit lines go first: a title or a byline is never decided on what they leave.
  const { takeTitle, knownTitle } = titleOptions(parsed, override.title);
  const cleaned = (await unified().use(cleanupPlugins({ ...context, labels, settings }, { takeTitle, knownTitle })).run(parsed.tree, file)) as Root;
  const credits = file.data.credits ?? { authors: [], translators: [], sources: [] };
  const taken = takeTitle ? file.data.takenTitle : undefined;
  delete file.data.credits;
  delete file.data.takenTitle;
  const rawTitle = withoutInvalidCharacters(override.title ?? parsed.meta.title ?? taken?.title ?? parsed.fallbackTitles[0] ?? context.id).replace(/\s+/g, ' ').trim() || context.id;
  const title = normalizeText(rawTitle, settings, language);
  if (taken?.from === 'derived') reportDerivedTitle(file, parsed, taken.line, title, taken.place);
  const body = (await unified().use(bodyPlugins({ ...context, labels, settings }, title, language)).run(cleaned, file)) as Root;
  dropPositions(body);
  const text = toString(body);
  const convert = (value: string) => normalizeText(withoutInvalidCharacters(value), { ...settings, typography: { ...settings.typography, punctuation: false, dashes: false, quotes: false, spacing: 'none' } }, language);
  const meta = mergeMeta(parsed, credits, override);
  const article: Article = {
    id: context.id,
    file: file.path,
    contentPath: file.data.contentPath ?? file.path,
    title,
    authors: meta.authors.map(convert),
    translators: meta.translators.map(convert),
    tags: meta.tags.map(convert),
    body,
    sections: collectSections(body),
    images: file.data.images ?? [],
    length: [...text.replace(/\s+/g, '')].length,
  };
  if (meta.source) article.source = convert(meta.source);
  if (meta.url) article.url = withoutTracking(meta.url);
  if (meta.date) article.date = meta.date;
  if (ownLanguage) article.language = ownLanguage;
  return article;
}

/**
 * Who wrote it and where it is from: book.yaml `articles` first, then front matter, then the
 * article's own credit lines, then what a page's `<meta>` (or readability) says.
 */
export function mergeMeta(parsed: ParsedArticle, credits: Credits, override: ArticleOverride = {}): Omit<ArticleMeta, 'title' | 'extract'> {
  const stated = parsed.stated ?? {};
  const list = (...candidates: (string[] | undefined)[]) => candidates.find((candidate) => candidate && candidate.length > 0) ?? [];
  const merged: Omit<ArticleMeta, 'title' | 'extract'> = {
    authors: list(override.authors, stated.authors, credits.authors, parsed.meta.authors),
    translators: list(override.translators, stated.translators, credits.translators, parsed.meta.translators),
    tags: list(override.tags, parsed.meta.tags),
  };
  const source = override.source ?? stated.source ?? credits.sources[0] ?? parsed.meta.source;
  const date = override.date ?? stated.date ?? credits.date ?? parsed.meta.date;
  const url = override.url ?? parsed.meta.url;
  if (source) merged.source = source;
  if (date) merged.date = date;
  if (url) merged.url = url;
  return merged;
}

/** `check` says which titles wenji made up, and how to give the real one. */
function reportDerivedTitle(file: VFile, parsed: ParsedArticle, line: string, title: string, place: Position | undefined): void {
  const key = `${file.data.contentPath ?? file.path}${parsed.piece ? `#${parsed.piece}` : ''}`;
  const shown = [...line].length > 60 ? `${[...line].slice(0, 60).join('')}…` : line;
  const frontMatter = parsed.piece ? 'front matter at the start of the post' : 'front matter';
  file.message(`untitled: derived from the first line “${shown}” as “${title}”; give the title in book.yaml (articles: { "${key}": { title: … } }) or in ${frontMatter}`, { place, ruleId: 'derived-title', source: 'wenji' });
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

/** The heading remark-rehype gives GFM notes (`Footnotes`): wenji's words, not the article's. */
const footnoteLabelId = 'footnote-label';

/** The first 4,000 characters of prose (no scripts, styles or code, not the notes heading), for language detection. */
function proseSample(tree: Root): string {
  const parts: string[] = [];
  let length = 0;
  const walk = (parent: Root | Element) => {
    for (const child of parent.children) {
      if (length >= 4000) return;
      if (child.type === 'text') {
        parts.push(child.value);
        length += child.value.length;
      } else if (child.type === 'element' && !literalElements.has(child.tagName) && child.properties.id !== footnoteLabelId) walk(child);
    }
  };
  walk(tree);
  return parts.join('');
}

/**
 * The language an article is written in, when it is not simply the book's: its front matter's
 * `lang` (which always wins), else what its text shows (see `detectLanguage`).
 */
export function articleLanguage(parsed: ParsedArticle, bookLanguage: string, title?: string): string | undefined {
  if (parsed.meta.language) return parsed.meta.language;
  return detectLanguage((title ?? parsed.meta.title ?? (parsed.titleFrom === 'text' ? '' : parsed.fallbackTitles[0]) ?? '') + proseSample(parsed.tree), bookLanguage);
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
