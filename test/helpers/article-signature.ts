import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { phrasing } from '../../src/hast/hast-tools.js';
import { VFile } from 'vfile';
import { labelsFor } from '../../src/locale/labels.js';
import type { Article } from '../../src/book/model.js';
import { addSources, type SourceResult } from '../../src/collect/add-sources.js';
import { decodeText } from '../../src/content/decode.js';
import { parseArticles } from '../../src/content/parse.js';
import { readerForPath } from '../../src/content/readers.js';
import { defaultSettings, normalizeArticle } from '../../src/normalize/index.js';

/** A file normalized exactly as a build does (every plugin, the book's typography), one article per post. */
export async function normalizeFile(file: string, contentRoot: string, options: { split?: RegExp; typography?: boolean } = {}): Promise<Article[]> {
  const decoded = decodeText(readFileSync(file), { html: file.endsWith('.html') });
  if (!decoded.ok) throw new Error(decoded.reason);
  const vfile = new VFile({ path: file, value: decoded.text });
  vfile.data.format = readerForPath(file)!.format;
  vfile.data.contentPath = path.basename(file);
  vfile.data.absolutePath = file;
  vfile.data.contentRoot = contentRoot;
  const parsed = await parseArticles(vfile, { language: 'zh-Hans', extract: true, text: { paragraphs: 'auto', headings: false, split: options.split } });
  const defaults = defaultSettings();
  const typography = options.typography === false ? { ...defaults.typography, punctuation: false, dashes: false, quotes: false, spacing: 'none' as const } : defaults.typography;
  const settings = { ...defaults, typography, images: { cache: new Map() } };
  // One after another, as the build does: the pieces of a file share its VFile.
  const articles = [];
  for (const [index, piece] of parsed.entries()) articles.push(await normalizeArticle(piece, vfile, { id: `a${index}`, language: 'zh-Hans', labels: labelsFor('zh-Hans'), settings }));
  return articles;
}

/**
 * What a reader gets from an article: its title, text, headings, images, links, notes, ruby and
 * inline markup, lists, tables, quotes and code — compared between a source built directly and
 * the file `wenji add` wrote from it.
 */
export function articleSignature(article: Article): Record<string, unknown> {
  const body = structuredClone(article.body);
  // Line breaks ending a `pre` show nothing (a Markdown code block always ends with one).
  const trimPre = (node: Root | Element, inPre: boolean) => {
    const last = node.children.at(-1);
    if (inPre && last?.type === 'text') last.value = last.value.replace(/\n+$/, '');
    for (const child of node.children) if (child.type === 'element') trimPre(child, inPre || child.tagName === 'pre');
  };
  trimPre(body, false);

  const ids = new Set<string>();
  const all: Element[] = [];
  const walk = (parent: Root | Element) => {
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      all.push(child);
      if (typeof child.properties.id === 'string') ids.add(child.properties.id);
      walk(child);
    }
  };
  walk(body);
    // Text as read: blocks and lines apart, whitespace at their edges (which shows nothing) left
  // out, a line break inside inline code a space (as it shows).
  const visible = (node: Root | Element, inPre: boolean): string =>
    node.children
      .map((child) => {
        if (child.type === 'text') return inPre ? child.value : child.value.replace(/\s+/g, ' ');
        if (child.type !== 'element' || child.tagName === 'rt' || child.tagName === 'rp') return '';
        if (child.tagName === 'br') return '\n';
        // The edges of a ruby base show nothing.
        if (child.tagName === 'ruby') return visible(child, inPre).trim();
        const inner = visible(child, inPre || child.tagName === 'pre');
        return phrasing.has(child.tagName) ? inner : `\n${inner}\n`;
      })
      .join('');
  const read = (node: Root | Element) => visible(node, false).replace(/[^\S\n]+/g, ' ').replace(/ *\n\s*/g, '\n').trim();
  const of = (...names: string[]) => all.filter((node) => names.includes(node.tagName));
  const classes = (node: Element) => (Array.isArray(node.properties.className) ? node.properties.className.map(String) : []);
  return {
    title: article.title,
    authors: article.authors,
    text: read(body),
    // Blocks showing nothing (an item holding only an empty strikethrough) are left out.
    blocks: all
      .filter((node) => ['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'pre', 'table', 'figure', 'figcaption', 'dl', 'dt', 'dd', 'ul', 'ol', 'hr'].includes(node.tagName))
      .filter((node) => node.tagName === 'hr' || node.tagName === 'pre' || read(node) !== '' || all.some((img) => img.tagName === 'img' && contains(node, img)))
      .map((node) => node.tagName)
      .join(' '),
    headings: of('h2', 'h3', 'h4', 'h5', 'h6').filter((node) => read(node) !== '').map((node) => `${node.tagName} ${read(node)}`),
    images: of('img').map((node) => `${String(node.properties.src)} ${String(node.properties.alt ?? '')} ${String(node.properties.width ?? '')}×${String(node.properties.height ?? '')}`),
    // A bare address in Markdown text is a link (GFM); in HTML it is text. Such links are
    // compared as text.
    links: of('a')
      .filter((node) => typeof node.properties.href === 'string' && !classes(node).includes('noteref') && !classes(node).includes('footnote-number') && !isBareAddress(node))
      // A link into the article whose target the cleanup removed (an empty heading) goes nowhere
      // either way: the build keeps it dangling, the written file makes it text.
      .filter((node) => !String(node.properties.href).startsWith('#') || ids.has(String(node.properties.href).slice(1)))
      .map((node) => {
        const href = String(node.properties.href);
        return href.startsWith('#') ? `${read(node)} → an anchor in the article` : `${read(node)} → ${href}`;
      }),
    // The notes heading is an aside too (hidden with the notes by readers that pop them up).
    notes: of('aside').filter((node) => !classes(node).includes('footnotes-heading')).map((node) => read(node)),
    noteRefs: all.filter((node) => node.tagName === 'a' && classes(node).includes('noteref')).map((node) => read(node)),
    ruby: of('ruby').map((node) => `${node.children.filter((child) => child.type === 'text' || (child.type === 'element' && child.tagName !== 'rt' && child.tagName !== 'rp')).map((child) => (child.type === 'text' ? child.value : toString(child))).join('').replace(/\s+/g, ' ').trim()}/${of('rt').filter((rt) => node.children.includes(rt)).map(read).join('')}`),
    // `pre` and `pre > code` show the same; markup around nothing but whitespace shows nothing.
    // (Line breaks are in `text`, as line ends.)
    inline: of('em', 'strong', 'sup', 'sub', 'u', 'mark', 'q', 'code', 'del', 's', 'small', 'cite', 'abbr').filter((node) => (read(node) !== '' && !(node.tagName === 'code' && all.some((pre) => pre.tagName === 'pre' && pre.children.includes(node))))).map((node) => `${node.tagName} ${read(node)}`),
    cells: of('td', 'th').map((node) => `${node.tagName} ${read(node)}`),
    code: of('pre').map((node) => toString(node)),
  };
}

function contains(parent: Element, node: Element): boolean {
  return parent.children.some((child) => child === node || (child.type === 'element' && contains(child, node)));
}

function isBareAddress(link: Element): boolean {
  const href = String(link.properties.href);
  const text = toString(link);
  return href === text || href === `http://${text}` || href === `mailto:${text}` || decodeURI(href) === text;
}

export interface RoundTrip {
  direct: Article[];
  written: Article[];
  /** The Markdown files written, in order. */
  files: string[];
  markdown: string[];
  results: SourceResult[];
  dir: string;
}

/** The round trips' temp folders, removed when the test process ends (a property test makes hundreds). */
const roundTripDirs: string[] = [];
process.on('exit', () => {
  for (const dir of roundTripDirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * Writes `source` (and `extra` files next to it) into a temp folder, builds it directly, adds it
 * with `wenji add` into a fresh book, and builds the Markdown that was written.
 */
export async function roundTrip(name: string, source: string | Uint8Array, extra: Record<string, string | Uint8Array> = {}, options: { split?: string; typography?: boolean } = {}): Promise<RoundTrip> {
  const dir = mkdtempSync(path.join(tmpdir(), 'wenji-roundtrip-'));
  roundTripDirs.push(dir);
  const sourceDir = path.join(dir, 'saved');
  mkdirSync(sourceDir, { recursive: true });
  const sourceFile = path.join(sourceDir, name);
  writeFileSync(sourceFile, source);
  for (const [relative, data] of Object.entries(extra)) {
    mkdirSync(path.dirname(path.join(sourceDir, relative)), { recursive: true });
    writeFileSync(path.join(sourceDir, relative), data);
  }
  const book = path.join(dir, 'book');
  mkdirSync(book);
  const results = await addSources({ dir: book, sources: [sourceFile], cwd: dir, split: options.split });
  const added = results[0];
  const files = added?.status === 'added' ? added.articles.map((article) => article.file) : [];
  const split = options.split ? new RegExp(options.split, 'u') : undefined;
  const direct = await normalizeFile(sourceFile, sourceDir, { split, typography: options.typography ?? true });
  const written = (await Promise.all(files.map((file) => normalizeFile(file, path.join(book, 'content'), { typography: options.typography ?? true })))).flat();
  return { direct, written, files, markdown: files.map((file) => readFileSync(file, 'utf8')), results, dir };
}
