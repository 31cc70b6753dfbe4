import path from 'node:path';
import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Processor } from 'unified';
import type { VFile } from 'vfile';
import { labelsFor } from '../locale/labels.js';
import { FrontMatterError, readFrontMatter, type ArticleMeta, type FrontMatter } from './front-matter.js';
import { parseTextArticles, type TextOptions } from './parse-text.js';
import remarkCjkAutolinks from './remark-cjk-autolinks.js';
import remarkImagePaths, { protectImagePaths } from './remark-image-paths.js';
import { tallyFix } from '../hast/fix-tally.js';

/** A source file read into a hast tree, before normalization. */
export interface ParsedArticle {
  tree: Root;
  /** Metadata the file states (front matter, `<meta>`); the title is settled later. */
  meta: Partial<ArticleMeta>;
  /** Title candidates in order of trust, after the stated one: first h1, `<title>`, file name. */
  fallbackTitles: string[];
  /**
   * What front matter states (a subset of `meta`): it wins over credit lines found in the text,
   * which in turn win over what a page's `<meta>` says.
   */
  stated?: Partial<ArticleMeta>;
  /** `text`: without a stated title, the title is the text's first line once chrome is removed. */
  titleFrom?: 'text';
  /** 1-based number of the post in a file holding several (book.yaml `articles: { "dump.txt#2": … }`). */
  piece?: number;
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
  const [first] = await parseArticles(file, { ...options, text: { ...(options.text ?? defaultText), split: false } });
  return first!;
}

/**
 * Like `parseArticle`, but a plain-text file holding several posts (separated by book.yaml
 * `text.split`, or framed like a blog dump) gives one article per post.
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
    default: {
      // Loaded on first use: the HTML parser (parse5), readability and CSS selectors are large,
      // and a book of Markdown never needs them.
      const { parseHtml } = await import('./parse-html.js');
      return [await parseHtml(file, text, frontMatter, fileTitle, options)];
    }
  }
}

async function parseMarkdown(file: VFile, frontMatter: FrontMatter | undefined, fileTitle: string, options: ParseOptions): Promise<ParsedArticle> {
  const labels = labelsFor(frontMatter?.meta.language ?? options.language);
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(remarkSkipAutolinkScan, String(file.value))
    .use(remarkCjkAutolinks)
    .use(remarkImagePaths)
    .use(remarkRehype, {
      allowDangerousHtml: true,
      clobberPrefix: '',
      footnoteLabel: labels.notes,
      footnoteBackLabel: (index, rereference) => labels.backToText(`${index + 1}${rereference > 1 ? `-${rereference}` : ''}`),
    })
;
  // Loose image paths (spaces, backslashes) are protected for the parser, position for position.
  const source = String(file.value);
  let tree = (await processor.run(processor.parse(protectImagePaths(source, file)), file)) as Root;
  // Raw HTML inside Markdown (ruby, <br>, <sup>…) is parsed into the tree; skipping the
  // parse5 pass when there is none saves a third of the Markdown time.
  if (hasRaw(tree)) {
    const { default: rehypeRaw } = await import('rehype-raw');
    tree = (await unified().use(rehypeRaw).run(tree, file)) as Root;
  }
  return { tree, meta: frontMatter?.meta ?? {}, stated: frontMatter?.meta ?? {}, fallbackTitles: [firstH1(tree), fileTitle].filter(isText) };
}

/**
 * GFM looks for bare URLs and e-mail addresses in every text node after parsing, a tenth of the
 * Markdown time. Each needs `http(s):`, `www` or `@` in the text; a file that has none of them
 * (nor an entity or escape that could make one) skips that pass, with the same result.
 */
function remarkSkipAutolinkScan(this: Processor, source: string): void {
  if (/https?:|www|@|&|\\/i.test(source)) return;
  const data = this.data();
  const withoutScan = (extension: unknown): unknown => {
    if (Array.isArray(extension)) return extension.map(withoutScan);
    if (extension && typeof extension === 'object' && 'transforms' in extension) return { ...extension, transforms: [] };
    return extension;
  };
  if (data.fromMarkdownExtensions) data.fromMarkdownExtensions = data.fromMarkdownExtensions.map(withoutScan) as typeof data.fromMarkdownExtensions;
}

/** Plain text: paragraphs by line, blank line or indent (see parse-text.ts); posts split by frames or on request. */
function parseText(file: VFile, text: string, frontMatter: FrontMatter | undefined, fileTitle: string, options: TextOptions): ParsedArticle[] {
  countIndents(file, text, frontMatter?.lineCount ?? 0);
  return parseTextArticles(text, frontMatter, options).map((article) => {
    for (const note of article.notes) {
      const details = { ruleId: note.ruleId ?? 'text', source: 'wenji', place: { line: note.line ?? 1, column: 1 } };
      if (note.severity === 'error') file.message(note.message, details).fatal = true;
      else if (note.severity === 'warning') file.message(note.message, details);
      else file.info(note.message, details);
    }
    const parsed: ParsedArticle = { tree: article.tree, meta: article.meta, stated: article.meta, fallbackTitles: [fileTitle] };
    if (!article.meta.title) parsed.titleFrom = 'text';
    if (article.piece !== undefined) parsed.piece = article.piece;
    return parsed;
  });
}

/** The reader drops every line's indent; those made of full-width spaces (`　　正文`) are counted. */
function countIndents(file: VFile, text: string, skipLines: number): void {
  const indents = /^[ \t\u00A0]*\u3000[\s\u3000\u00A0]*\S/u;
  let first: number | undefined;
  let count = 0;
  for (const [index, line] of text.split(/\r\n|\r|\n/).entries()) {
    if (index < skipLines || !indents.test(line)) continue;
    first ??= index + 1;
    count++;
  }
  if (count) tallyFix(file, 'indent', Array.from({ length: count }, () => ''), () => ({ line: first!, column: 1 }));
}

function hasRaw(node: Root | ElementContent): boolean {
  if (node.type === 'raw') return true;
  return 'children' in node && node.children.some((child) => hasRaw(child as ElementContent));
}

export function firstH1(tree: Root): string | undefined {
  const heading = findElement(tree, 'h1');
  return heading ? toString(heading).replace(/\s+/g, ' ').trim() : undefined;
}

/** The first element named `tagName`, in document order. */
function findElement(parent: Root | Element, tagName: string): Element | undefined {
  for (const child of parent.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === tagName) return child;
    const found = findElement(child, tagName);
    if (found) return found;
  }
  return undefined;
}

/** `03-old-street.html` → `old street`: numeric prefix and extension dropped, separators to spaces. */
export function titleFromFileName(file: string): string {
  const base = path.basename(file, path.extname(file));
  return base.replace(/^\d+[-_. ]*/, '').replace(/[-_]+/g, ' ').trim() || base;
}

export function isText(value: string | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
