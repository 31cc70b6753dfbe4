import type { Element, ElementContent, Root, RootContent } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { visit } from '../hast/visit.js';

/** What readability found out about a saved page besides its article. */
export interface PageFacts {
  title?: string;
  byline?: string;
  siteName?: string;
  publishedTime?: string;
  /** The page's own byline line (`文／某某　2025年1月1日`), removed from the body: the writers print the byline. */
  removedByline?: string;
}

export interface Extraction {
  /** The article body. */
  tree: Root;
  /** `readability`, or `fallback` (the simple selection) when readability found nothing usable. */
  method: 'readability' | 'fallback';
  facts: PageFacts;
  /** Characters of text kept, and in the page's body: for the verbose report. */
  kept: number;
  total: number;
}

/** A page, not a fragment: it has its own `<html>`, `<head>` or `<body>`. */
export function isWholePage(html: string): boolean {
  return /<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]/i.test(html.slice(0, 20000));
}

/**
 * The main article of a saved web page. Mozilla's readability (on a linkedom DOM) scores the
 * page's blocks and keeps the article, dropping navigation, sidebars, comments, share bars
 * and ads; its HTML is parsed back into hast. When readability finds nothing, or much less than
 * the page's own `<article>`, the simple selection (`selectMainContent`) is used instead.
 * Source positions are carried over from `document` where a block's text or an image's address
 * matches, so messages still point into the file.
 */
export async function extractArticle(html: string, document: Root, titles: string[]): Promise<Extraction> {
  const fallback = selectMainContent(document);
  const fallbackText = normalizedText(toString(fallback));
  const body = select('body', document);
  const total = body ? normalizedText(toString(body)).length : fallbackText.length;
  // Loaded on first use: linkedom takes a third of a second to import, and books of Markdown never need it.
  const [readability, { parseHTML }] = await Promise.all([import('@mozilla/readability'), import('linkedom')]);
  // A CommonJS package: Node names its exports, a bundle gives them as the default export.
  const { Readability } = 'Readability' in readability ? readability : (readability as { default: typeof readability }).default;
  let result: ReturnType<InstanceType<typeof Readability<string>>['parse']> = null;
  try {
    const { document: dom } = parseHTML(html);
    // Classes are kept for rehype-drop-decorative-images (a logo, an icon); the sanitizer drops them after.
    result = new Readability(dom as unknown as Document, { charThreshold: 200, keepClasses: true }).parse();
  } catch {
    result = null;
  }
  const facts: PageFacts = {};
  if (result?.title) facts.title = result.title.trim();
  if (result?.byline) facts.byline = result.byline.trim();
  if (result?.siteName) facts.siteName = result.siteName.trim();
  if (result?.publishedTime) facts.publishedTime = result.publishedTime.trim();

  const text = normalizedText(result?.textContent ?? '');
  const article = selectAll('article', document);
  const semantic = article.length === 1 ? normalizedText(toString(article[0]!)).length : 0;
  // Readability can lose a short article or one split into many blocks; a page that marks up
  // its article says where the text is.
  if (!result?.content || text.length < 20 || (semantic > 0 && text.length * 2 < semantic)) {
    return { tree: { type: 'root', children: fallback.children as RootContent[] }, method: 'fallback', facts, kept: fallbackText.length, total };
  }
  const parsed = unified().use(rehypeParse, { fragment: true }).parse(result.content) as Root;
  const tree: Root = { type: 'root', children: unwrapPage(parsed.children) };
  dropTitleHeading(tree, [...titles, facts.title ?? '']);
  const byline = dropBylineLine(tree, facts.byline, facts.siteName);
  if (byline) facts.removedByline = byline;
  restorePositions(tree, document);
  return { tree, method: 'readability', facts, kept: text.length, total };
}

/** Readability wraps its result in `<div id="readability-page-1" class="page">`. */
function unwrapPage(children: RootContent[]): RootContent[] {
  const elements = children.filter((child) => child.type === 'element');
  const only = elements[0];
  if (elements.length === 1 && only?.type === 'element' && only.tagName === 'div' && /^readability-page/.test(String(only.properties.id ?? ''))) {
    return only.children as RootContent[];
  }
  return children;
}

/**
 * Readability turns the page's `h1` into an `h2` and (for CJK titles, whose words it cannot
 * compare) keeps it; the writers print the title, so a first heading saying the title goes.
 */
function dropTitleHeading(tree: Root, titles: string[]): void {
  const wanted = new Set(titles.map(normalizedText).filter(Boolean));
  let done = false;
  visit(tree, 'element', (node, index, parent) => {
    if (done) return false;
    if (!/^h[1-3]$/.test(node.tagName)) return undefined;
    done = true;
    if (parent && index !== undefined && wanted.has(normalizedText(toString(node)))) parent.children.splice(index, 1);
    return false;
  });
}

/** Words a byline line is made of besides names and dates. */
const bylineWords = /^(?:文|作者|撰文|记者|記者|by|written by|posted|published|发表于|發表於|发布于|發布於|于|於|on|at|来源|來源|摄影|攝影|图|圖|[/／|｜:：·,，\s])+$/iu;

/**
 * The page's byline line, when it says nothing but the byline (names, a date, role words), is
 * taken out of the first blocks of the article: the writers print the byline above the text.
 */
function dropBylineLine(tree: Root, byline: string | undefined, siteName?: string): string | undefined {
  const names = byline ? bylineAuthors(byline) : [];
  let checked = 0;
  let removed: string | undefined;
  visit(tree, 'element', (node, index, parent) => {
    if (removed !== undefined || checked >= 3 || !parent || index === undefined) return removed === undefined ? undefined : false;
    if (!['p', 'div', 'span', 'address'].includes(node.tagName) || node.children.some((child) => child.type === 'element' && !['span', 'a', 'time', 'small', 'em', 'strong', 'b', 'i'].includes(child.tagName))) return undefined;
    checked++;
    const text = normalizedText(toString(node));
    if (!text || text.length > 60) return undefined;
    // The very line readability took for the byline (its text, whole) goes as it is.
    if (byline && normalizedText(byline) === text) {
      parent.children.splice(index, 1);
      removed = text;
      return false;
    }
    let rest = text.replace(/\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?/gu, ' ');
    for (const name of names) rest = rest.split(name).join(' ');
    if (siteName) rest = rest.split(siteName).join(' ');
    // Credits for others (摄影／某某) and the page's counters (阅读 3621) belong to the line too.
    rest = rest
      .replace(/(?:摄影|攝影|图|圖|编辑|編輯|责编|責編|photo|photos)\s*[/／:：]\s*[\p{Script=Han}]{2,4}/giu, ' ')
      .replace(/(?:阅读|閱讀|浏览|瀏覽|阅读量|點閱|views?)\s*[:：]?\s*\d[\d,.]*\s*[万萬kw]?\+?/giu, ' ');
    if (names.length === 0 || !bylineWords.test(rest.trim() || '文')) return undefined;
    parent.children.splice(index, 1);
    removed = text;
    return false;
  });
  return removed;
}

const positioned = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'figcaption', 'pre', 'td', 'th', 'dt', 'dd']);

function restorePositions(tree: Root, document: Root): void {
  const places = new Map<string, Element['position'][]>();
  const keyOf = (node: Element): string | undefined => {
    if (node.tagName === 'img') {
      const src = node.properties.dataSrc ?? node.properties.dataOriginal ?? node.properties.src;
      return typeof src === 'string' && src ? `img ${src}` : undefined;
    }
    if (!positioned.has(node.tagName)) return undefined;
    const text = normalizedText(toString(node)).slice(0, 120);
    return text ? `text ${text}` : undefined;
  };
  visit(document, 'element', (node) => {
    const key = node.position ? keyOf(node) : undefined;
    if (key) places.set(key, [...(places.get(key) ?? []), node.position]);
  });
  visit(tree, (node) => {
    delete node.position;
    if (node.type !== 'element') return;
    const key = keyOf(node);
    const queue = key ? places.get(key) : undefined;
    const place = queue?.shift();
    if (place) node.position = place;
  });
}

/** Page chrome that is never part of an article. */
const chrome = 'script, style, noscript, template, nav, form, button, iframe, header > nav, footer, [role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"]';

/**
 * The simple selection, used when readability finds nothing: the longest `<article>`, else
 * `<main>`, else `<body>` minus navigation, banners, sidebars and footers.
 */
export function selectMainContent(document: Root): Element | Root {
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
  for (const child of node.children as (ElementContent | RootContent)[]) if (child.type === 'element') prune(child, removable);
}

export function normalizedText(text: string): string {
  return text.replace(/[\s\u00A0\u3000\u200B]+/g, ' ').trim();
}

/**
 * A byline as pages print it (`文／何苇　摄影／陈一帆`, `By Jane Doe`, `作者：李四 2024-05-01`)
 * → the author names, or nothing when it does not look like names.
 */
export function bylineAuthors(byline: string): string[] {
  let text = normalizedText(byline)
    .replace(/^(?:by|written by|作者|文|撰文|文字|记者|記者|作者：)\s*[:：/／|｜]?\s*/i, '')
    .replace(/(?:\s+|[|｜])(?:摄影|攝影|图|圖|编辑|編輯|责编|責編|来源|來源|发布|發布|发表|發表|更新|posted|published|updated|on\s|\d{4}[-/年.]).*$/iu, '');
  text = text.replace(/^[|｜/／:：\s]+|[|｜/／:：\s]+$/g, '');
  if (!text || text.length > 40 || /[。！？.!?]$/.test(text) || /https?:/.test(text)) return [];
  return text.split(/\s*(?:[,，、;；&]|\band\b|和)\s*/u).map((name) => name.trim()).filter(Boolean);
}
