import path from 'node:path';
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
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
import { readHtmlMeta } from './html-meta.js';

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
}

/** md → mdast → hast, html → hast, txt → hast: the readers meet only at hast. */
export async function parseArticle(file: VFile, options: ParseOptions): Promise<ParsedArticle> {
  const text = String(file.value);
  let frontMatter: FrontMatter | undefined;
  if (file.data.format !== 'html') {
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
      return parseMarkdown(file, frontMatter, fileTitle, options);
    case 'text':
      return parseText(text, frontMatter, fileTitle);
    default:
      return parseHtml(file, fileTitle);
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

/**
 * Plain text: one paragraph per non-empty line (the shape of text copied from Chinese web pages);
 * without a title in front matter, the first line is the title.
 */
function parseText(text: string, frontMatter: FrontMatter | undefined, fileTitle: string): ParsedArticle {
  const body = frontMatter ? text.slice(frontMatter.length) : text;
  const lines = body.split(/\r\n|\r|\n/);
  const offset = frontMatter ? frontMatter.lineCount : 0;
  const meta = { ...(frontMatter?.meta ?? {}) };
  const children: ElementContent[] = [];
  let titleTaken = Boolean(meta.title);
  lines.forEach((line, index) => {
    const content = line.trim();
    if (!content) return;
    if (!titleTaken) {
      meta.title = content.replace(/^#+\s*/, '');
      titleTaken = true;
      return;
    }
    const paragraph = h('p', line.replace(/^[\s\u3000]+|\s+$/gu, ''));
    paragraph.position = { start: { line: offset + index + 1, column: 1 }, end: { line: offset + index + 1, column: line.length + 1 } };
    children.push(paragraph);
  });
  return { tree: { type: 'root', children }, meta, fallbackTitles: [fileTitle] };
}

/** A saved page or a fragment. The page's `<meta>` fill the metadata; the body is narrowed to the article. */
function parseHtml(file: VFile, fileTitle: string): ParsedArticle {
  const document = unified().use(rehypeParse, { fragment: false }).parse(file) as Root;
  const { meta, documentTitle } = readHtmlMeta(document);
  const main = selectMainContent(document);
  const tree: Root = { type: 'root', children: main.children as Root['children'] };
  return { tree, meta, fallbackTitles: [firstH1(tree), documentTitle, fileTitle].filter(isText) };
}

/** Page chrome that is never part of an article. */
const chrome = 'script, style, noscript, template, nav, form, button, iframe, header > nav, footer, [role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"]';

/**
 * The article inside a saved page: the longest `<article>`, else `<main>`, else `<body>` minus
 * navigation, banners, sidebars and footers. Fragments come back whole.
 */
function selectMainContent(document: Root): Element | Root {
  const body = select('body', document) ?? document;
  const articles = selectAll('article', body);
  const main = articles.length
    ? articles.reduce((best, candidate) => (toString(candidate).length > toString(best).length ? candidate : best))
    : (select('main, [role="main"]', body) ?? body);
  const removable = new Set(selectAll(chrome, main));
  if (main === body) for (const element of selectAll('body > header, body > aside, aside.sidebar, .sidebar, #sidebar, #comments, .comments', main)) removable.add(element);
  if (removable.size) prune(main, removable);
  return main;
}

function prune(node: Element | Root, removable: Set<Element>): void {
  node.children = node.children.filter((child) => !(child.type === 'element' && removable.has(child))) as typeof node.children;
  for (const child of node.children) if (child.type === 'element') prune(child, removable);
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
