import path from 'node:path';
import type { ElementContent, Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import rehypeParse from 'rehype-parse';
import rehypeRaw from 'rehype-raw';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { labelsFor } from '../book/labels.js';
import { FrontMatterError, readFrontMatter, type ArticleMeta, type FrontMatter } from './front-matter.js';
import { bylineAuthors, extractArticle, isWholePage } from './extract-article.js';
import { readHtmlMeta } from './html-meta.js';
import { parseTextArticles, type TextOptions } from './parse-text.js';

/** A source file read into a hast tree, before normalization. */
export interface ParsedArticle {
  tree: Root;
  /** Metadata the file states (front matter, `<meta>`); the title is settled later. */
  meta: Partial<ArticleMeta>;
  /** Title candidates in order of trust, after the stated one: first h1, `<title>`, file name. */
  fallbackTitles: string[];
}

export class ParseError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly ruleId = 'parse',
  ) {
    super(message);
  }
}

export interface ParseOptions {
  language: string;
  /** Narrow saved web pages to their main article (book.yaml `extract`; an article may override). */
  extract?: boolean;
  /** Plain-text reading (book.yaml `text`). */
  text?: TextOptions;
}

const defaultText: TextOptions = { paragraphs: 'auto', headings: false };

/** md → mdast → hast, html → hast, txt → hast: the readers meet only at hast. */
export async function parseArticle(file: VFile, options: ParseOptions): Promise<ParsedArticle> {
  const [first] = await parseArticles(file, { ...options, text: { ...(options.text ?? defaultText), split: undefined } });
  return first!;
}

/**
 * Like `parseArticle`, but a plain-text file holding several posts (book.yaml `text.split`)
 * gives one article per post.
 */
export async function parseArticles(file: VFile, options: ParseOptions): Promise<ParsedArticle[]> {
  const text = String(file.value);
  let frontMatter: FrontMatter | undefined;
  // Saved pages never start with `---`; an HTML file that does carries front matter (as in Jekyll).
  if (file.data.format !== 'html' || text.startsWith('---')) {
    try {
      frontMatter = readFrontMatter(text);
    } catch (error) {
      if (error instanceof FrontMatterError) throw new ParseError(error.message, error.line, 'front-matter');
      throw error;
    }
    for (const warning of frontMatter?.warnings ?? []) {
      file.message(warning.message, { place: { line: warning.line, column: 1 }, ruleId: warning.rule, source: 'wenji' });
    }
  }
  const fileTitle = titleFromFileName(file.data.contentPath ?? file.path);
  switch (file.data.format) {
    case 'markdown':
      return [await parseMarkdown(file, frontMatter, fileTitle, options)];
    case 'text':
      return parseText(file, text, frontMatter, fileTitle, options.text ?? defaultText);
    default:
      return [await parseHtml(file, text, frontMatter, fileTitle, options)];
  }
}

async function parseMarkdown(file: VFile, frontMatter: FrontMatter | undefined, fileTitle: string, options: ParseOptions): Promise<ParsedArticle> {
  const labels = labelsFor(options.language);
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(remarkRehype, {
      allowDangerousHtml: true,
      clobberPrefix: '',
      footnoteLabel: labels.notes,
      footnoteBackLabel: (index, rereference) => labels.backToText(`${index + 1}${rereference > 1 ? `-${rereference}` : ''}`),
    })
;
  let tree = (await processor.run(processor.parse(file), file)) as Root;
  // Raw HTML inside Markdown (ruby, <br>, <sup>…) is parsed into the tree; skipping the
  // parse5 pass when there is none saves a third of the Markdown time.
  if (hasRaw(tree)) tree = (await unified().use(rehypeRaw).run(tree, file)) as Root;
  return { tree, meta: frontMatter?.meta ?? {}, fallbackTitles: [firstH1(tree), fileTitle].filter(isText) };
}

/** Plain text: paragraphs by line, blank line or indent (see parse-text.ts); posts split on request. */
function parseText(file: VFile, text: string, frontMatter: FrontMatter | undefined, fileTitle: string, options: TextOptions): ParsedArticle[] {
  return parseTextArticles(text, frontMatter, options).map((article) => {
    for (const note of article.notes) file.info(note.message, { ruleId: 'text', source: 'wenji', place: note.line ? { line: note.line, column: 1 } : undefined });
    return { tree: article.tree, meta: article.meta, fallbackTitles: [fileTitle] };
  });
}

/**
 * A saved page or a fragment. The page's `<meta>` fill the metadata and readability narrows the
 * body to the article (unless turned off); a fragment is taken as it is.
 */
async function parseHtml(file: VFile, text: string, frontMatter: FrontMatter | undefined, fileTitle: string, options: ParseOptions): Promise<ParsedArticle> {
  // Front matter is blanked line for line, so positions still point into the file.
  const html = frontMatter ? `${'\n'.repeat(frontMatter.lineCount)}${text.slice(frontMatter.length)}` : text;
  const document = unified().use(rehypeParse, { fragment: false }).parse(html) as Root;
  const { meta: pageMeta, documentTitle, siteName, extract: pageExtract } = readHtmlMeta(document);
  const stated = frontMatter?.meta ?? {};
  const fallbackTitles = [firstH1(document), documentTitle, fileTitle];
  const body = select('body', document);
  const wholeBody = (): Root => ({ type: 'root', children: (body?.children ?? document.children) as Root['children'] });
  const meta: Partial<ArticleMeta> = { ...pageMeta, ...withoutEmpty(stated) };
  if (!isWholePage(html)) return { tree: wholeBody(), meta, fallbackTitles: fallbackTitles.filter(isText) };

  const extract = stated.extract ?? pageExtract ?? options.extract ?? true;
  if (!extract) {
    file.info('extraction is off for this page: the whole body is kept', { ruleId: 'extract', source: 'wenji' });
    return { tree: wholeBody(), meta, fallbackTitles: fallbackTitles.filter(isText) };
  }
  const extraction = await extractArticle(html, document, [meta.title, documentTitle].filter(isText));
  const { facts } = extraction;
  // <meta> tags are what the page states about itself; readability's findings (JSON-LD, byline
  // elements) fill what they leave open.
  if (facts.removedByline) file.info(`removed the page's byline line: "${facts.removedByline}" (the byline is printed above the article)`, { ruleId: 'extract', source: 'wenji' });
  if (!meta.authors?.length && facts.byline) {
    const authors = bylineAuthors(facts.byline);
    if (authors.length) meta.authors = authors;
  }
  if (!meta.source && (facts.siteName ?? siteName)) meta.source = (facts.siteName ?? siteName)!;
  if (!meta.date && facts.publishedTime && /^\d{4}-\d{2}/.test(facts.publishedTime)) meta.date = facts.publishedTime.slice(0, 10);
  file.info(
    extraction.method === 'readability'
      ? `saved page: kept the main article (${extraction.kept} of ${extraction.total} characters of the page)`
      : `saved page: readability found no article; kept the page's main block (${extraction.kept} of ${extraction.total} characters)`,
    { ruleId: 'extract', source: 'wenji' },
  );
  const site = facts.siteName ?? siteName;
  const pageTitle = facts.title && site ? withoutSiteName(facts.title, site) : facts.title;
  const titles = [pageTitle, documentTitle].filter(isText);
  return { tree: extraction.tree, meta, fallbackTitles: [...titles.map((title) => headingInTitle(title, document) ?? title), firstH1(document), fileTitle].filter(isText) };
}

/**
 * `旧城墙下的早点摊 - 老城论坛` → `旧城墙下的早点摊` when a heading on the page says just that part:
 * pages title themselves "article – site" and head the article with the article part.
 */
function headingInTitle(title: string, document: Root): string | undefined {
  const parts = title.split(/\s+[-|_–—·:]{1,2}\s+|\s*[|｜]\s*/u).map((part) => part.trim()).filter(Boolean);
  if (parts.length < 2) return undefined;
  const headings = new Set(selectAll('h1, h2, h3', document).map((heading) => toString(heading).replace(/\s+/g, ' ').trim()));
  return parts.find((part) => headings.has(part));
}

/** `标题 - 某某网` → `标题` when the page names its site. */
function withoutSiteName(title: string, site: string): string {
  const escaped = site.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return title.replace(new RegExp(`\\s*[-|_–—·]\\s*${escaped}\\s*$`, 'u'), '') || title;
}

function withoutEmpty(meta: Partial<ArticleMeta>): Partial<ArticleMeta> {
  return Object.fromEntries(Object.entries(meta).filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0))) as Partial<ArticleMeta>;
}

function hasRaw(node: Root | ElementContent): boolean {
  if (node.type === 'raw') return true;
  return 'children' in node && node.children.some((child) => hasRaw(child as ElementContent));
}

function firstH1(tree: Root): string | undefined {
  const heading = select('h1', tree);
  return heading ? toString(heading).replace(/\s+/g, ' ').trim() : undefined;
}

/** `03-old-street.html` → `old street`: numeric prefix and extension dropped, separators to spaces. */
export function titleFromFileName(file: string): string {
  const base = path.basename(file, path.extname(file));
  return base.replace(/^\d+[-_. ]*/, '').replace(/[-_]+/g, ' ').trim() || base;
}

function isText(value: string | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
