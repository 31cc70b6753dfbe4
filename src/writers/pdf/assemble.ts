import type { ElementContent, Root } from 'hast';
import { select } from 'hast-util-select';
import { h } from 'hastscript';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { labelsFor, type Labels } from '../../locale/labels.js';
import type { Article, ArticleTocEntry, Book, Part, TocEntry } from '../../book/model.js';
import { partsByFirstArticle } from '../../book/parts.js';
import type { WritingMode } from '../../config/schema.js';
import { faceFor } from '../../locale/cjk-locale.js';
import { serifStack } from './fonts.js';
import { contentBox, pageSides, type PageGeometry } from './geometry.js';
import type { Division, PlannedPage } from './page-plan.js';
import { headCapacity, runningHead } from './running-head.js';

/** Links in the contents point here; post-processing turns them into jumps to the page. */
export const gotoPrefix = 'https://wenji.invalid/goto/';

export interface AssembleOptions {
  mode: WritingMode;
  geometry: PageGeometry;
  labels: Labels;
  /** wenji's print stylesheet plus the book's custom.css. */
  css: string;
  /** `@font-face` rules for the bundled fonts. */
  fontCss: string;
  colophon: boolean;
}

const join = (names: string[], labels: Labels) => names.join(labels.listSeparator);

/**
 * The body for the print: every article, then the colophon, and a hidden list of links to every
 * heading. Chromium writes a named destination (the element's id → its page) for each element an
 * in-document link points to, link displayed or not: that is how wenji learns where each article
 * and section starts (see `locateHeadings`), by id, without reading titles back from the PDF.
 */
export function assembleBody(book: Book, options: AssembleOptions): string {
  const tree = assembleBodyTree(book, options);
  const body = select('body', tree)!;
  body.children.push(h('nav', { hidden: true }, headingAnchors(book, options.colophon).map((id) => h('a', { href: `#${id}` }))));
  return unified().use(rehypeStringify).stringify(tree);
}

/** The body document as a tree, for the preview, which shows the same document on screen. */
export function assembleBodyTree(book: Book, options: AssembleOptions): Root {
  const { labels } = options;
  const partStarts = partsByFirstArticle(book);
  const sections: ElementContent[] = book.articles.flatMap((article) => {
    const part = partStarts.get(article.id);
    return part ? [partSection(part), articleSection(article, labels)] : [articleSection(article, labels)];
  });
  if (options.colophon) sections.push(colophon(book, labels));
  return documentTree(book, options, bodyPageCss(options), 'body', sections);
}

/** The id of an article's title, which Chromium's named destinations give the page of. */
export const titleAnchor = (article: Pick<Article, 'id'>) => `${article.id}-title`;
/** Article ids have no `_` (see articleIdFor), so this cannot clash with an article's ids. */
export const colophonAnchor = 'wenji_colophon';
/** The id of a part's title (`_`: no article's ids, as for the colophon). */
export const partAnchor = (part: Pick<Part, 'id'>) => `wenji_${part.id}`;

/** Every heading wenji needs the page of: part titles, article titles, their sections, the colophon. */
export function headingAnchors(book: Book, colophon: boolean): string[] {
  const ids = [...book.parts.map(partAnchor), ...book.articles.flatMap((article) => [titleAnchor(article), ...article.sections.map((section) => section.id)])];
  if (colophon) ids.push(colophonAnchor);
  return ids;
}

/**
 * The front matter: cover and contents. Printed after the body, when the page where each article
 * starts is known; `pages` maps an article id (or `id#fragment`) to its page number.
 */
export function assembleFront(book: Book, toc: TocEntry[], pages: Map<string, number>, options: AssembleOptions): string {
  const { labels } = options;
  const { meta } = book;
  const cover = h('section', { className: ['cover'] }, [
    h('h1', { className: ['cover-title'] }, meta.title),
    meta.subtitle ? h('p', { className: ['cover-subtitle'] }, meta.subtitle) : undefined,
    meta.authors.length ? h('p', { className: ['cover-author'] }, join(meta.authors, labels)) : undefined,
    meta.editors.length ? h('p', { className: ['cover-editor'] }, labels.editor(join(meta.editors, labels))) : undefined,
    meta.publisher || meta.date ? h('p', { className: ['cover-imprint'] }, [meta.publisher, meta.date ? formatDate(meta.date, meta.language) : undefined].filter(Boolean).join('　')) : undefined,
  ].filter((node) => node !== undefined));
  const languages = new Map(book.articles.flatMap((article) => (article.language ? [[article.id, article.language] as const] : [])));
  // A part is a line of its own above its articles, a link to its title page without a number
  // (the title page carries no folio).
  const partEntry = (item: TocEntry & { kind: 'part' }): ElementContent =>
    h('li', { className: ['toc-part'], ...(item.language ? { lang: item.language } : {}) }, [h('a', { href: `${gotoPrefix}${encodeURIComponent(item.partId)}` }, [h('span', { className: ['toc-title'] }, item.title)])]);
  const entry = (item: ArticleTocEntry, level: number, inPart: boolean): ElementContent => {
    const key = item.fragment ? `${item.articleId}#${item.fragment}` : item.articleId;
    const page = pages.get(key);
    const language = languages.get(item.articleId);
    // The title and byline are in the article's language; the leader and the number are the
    // book's, so every number of the contents is set in one face.
    const titleLanguage = item.language ?? language;
    return h('li', { className: [`toc-level-${level}`, ...(inPart ? ['toc-in-part'] : [])] }, [
      h('a', { href: `${gotoPrefix}${encodeURIComponent(key)}` }, [
        h('span', { className: ['toc-title'], ...(titleLanguage ? { lang: titleLanguage } : {}) }, item.title),
        item.authors.length ? h('span', { className: ['toc-author'], ...(language ? { lang: language } : {}) }, join(item.authors, labels)) : undefined,
        h('span', { className: ['toc-leader'] }),
        h('span', { className: ['toc-page', page !== undefined && String(page).length <= 3 ? 'tcy' : 'upright'] }, page === undefined ? '' : String(page)),
      ].filter((node) => node !== undefined)),
    ]);
  };
  const lines = (item: TocEntry, inPart: boolean): ElementContent[] => {
    if (item.kind === 'part') return [partEntry(item), ...item.children.flatMap((child) => lines(child, true))];
    return [entry(item, 1, inPart), ...item.children.map((child) => entry(child, 2, inPart))];
  };
  const contents = h('section', { className: ['contents'] }, [
    h('h1', { className: ['contents-title'] }, labels.contents),
    h('ol', { className: ['toc'] }, toc.flatMap((item) => lines(item, false))),
  ]);
  return unified().use(rehypeStringify).stringify(documentTree(book, options, frontPageCss(options), 'front', [cover, contents]));
}

/**
 * A part: its title page (printed bare, on a recto: see planBodyPages), the title alone or with
 * the preface below it, which runs on to the next pages when it is long.
 */
function partSection(part: Part): ElementContent {
  const { page } = part;
  return h('section', { id: part.id, className: ['part'], ...(page.language ? { lang: page.language } : {}) }, [
    h('h1', { className: ['part-title'], id: partAnchor(part) }, page.title),
    ...(page.body.children.length ? [h('div', { className: ['part-preface'] }, page.body.children as ElementContent[])] : []),
  ]);
}

function articleSection(article: Article, bookLabels: Labels): ElementContent {
  // The byline in the article's own language.
  const labels = article.language ? labelsFor(article.language) : bookLabels;
  const byline: string[] = [];
  if (article.authors.length) byline.push(labels.author(join(article.authors, labels)));
  if (article.translators.length) byline.push(labels.translator(join(article.translators, labels)));
  const source = [article.source, article.date].filter(Boolean).join('　');
  return h(
    'section',
    { id: article.id, className: ['article'], ...(article.language ? { lang: article.language } : {}) },
    [
      h('header', { className: ['article-header'] }, [
        h('h1', { className: ['article-title'], id: titleAnchor(article) }, article.title),
        byline.length ? h('p', { className: ['byline'] }, byline.join('　')) : undefined,
        source ? h('p', { className: ['source'] }, source) : undefined,
      ].filter((node) => node !== undefined)),
      ...(article.body.children as ElementContent[]),
    ],
  );
}

function colophon(book: Book, labels: Labels): ElementContent {
  const rows = book.articles.map((article) =>
    h('li', article.language ? { lang: article.language } : {}, [
      h('span', { className: ['colophon-title'] }, article.title),
      article.authors.length ? h('span', { className: ['colophon-author'] }, join(article.authors, labels)) : undefined,
      article.source ? h('span', { className: ['colophon-source'] }, article.source) : undefined,
      article.date ? h('span', { className: ['colophon-date'] }, article.date) : undefined,
      article.url ? h('span', { className: ['colophon-url'], lang: 'en' }, article.url) : undefined,
    ].filter((node) => node !== undefined)),
  );
  return h('section', { className: ['colophon'] }, [h('h1', { className: ['colophon-heading'], id: colophonAnchor }, labels.colophon), h('ol', rows)]);
}

function documentTree(book: Book, options: AssembleOptions, pageCss: string, part: 'body' | 'front' | 'furniture', children: ElementContent[], beforeCss = ''): Root {
  const box = contentBox(options.geometry);
  const root: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: book.meta.language, className: [options.mode, part] }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('title', book.meta.title),
          h('style', `${options.fontCss}\n${beforeCss}${options.css}\n:root { --content-width: ${box.width}mm; --content-height: ${box.height}mm; font-size: ${options.geometry.fontSize}pt; }\n${pageCss}`),
        ]),
        h('body', children),
      ]),
    ],
  };
  return root;
}

/**
 * @page rules of the body: size and mirrored margins (its folios and running heads come later,
 * see assembleFurniture). `extra` adds declarations to the recto and verso rules.
 */
function bodyPageCss(options: AssembleOptions, extra: Record<'recto' | 'verso', string> = { recto: '', verso: '' }): string {
  const { geometry, mode } = options;
  const sides = pageSides(geometry, mode);
  const box = (side: 'recto' | 'verso') => `margin: ${geometry.top}mm ${sides[side].right}mm ${geometry.bottom}mm ${sides[side].left}mm;`;
  const rule = (side: 'recto' | 'verso') => `@page ${sides[side].pseudo} { ${box(side)}${extra[side] ? ` ${extra[side]}` : ''} }`;
  return [`@page { size: ${geometry.width}mm ${geometry.height}mm; ${box('recto')} }`, rule('recto'), rule('verso')].join('\n');
}

/** Running heads: 7.5 pt, one line (shortened to fit by `runningHead`, clipped as a last resort). */
const headFontSize = 7.5;

/**
 * The page furniture, printed after the body: one empty page per page of the finished body
 * (`plan`), each with its folio and running head in the margin boxes, at the body's size and
 * margins. post-processing lays each over its body page. A recto shows the article's title, a
 * verso the book's (双页书名，单页篇名); an opening page shows its folio only; a blank page nothing.
 */
export function assembleFurniture(book: Book, plan: PlannedPage[], options: AssembleOptions): string {
  const { geometry, mode, labels } = options;
  const sides = pageSides(geometry, mode);
  const capacity = headCapacity(contentBox(geometry).width, headFontSize);
  const bookHead = runningHead(book.meta.title, capacity);
  const heads = new Map<Division, string>(book.articles.map((article, index) => [index, runningHead(article.title, capacity)]));
  // A part's preface is headed by the part's title, as an article by its own.
  book.parts.forEach((part, index) => heads.set(`part-${index}`, runningHead(part.page.title, capacity)));
  heads.set('colophon', runningHead(labels.colophon, capacity));
  const folio = (side: 'recto' | 'verso') => `@${sides[side].folio} { content: counter(page); }`;
  // A margin box has no language of its own: an article in another CJK face gets its fonts here.
  const otherFace = (language: string | undefined) => {
    const face = language ? faceFor(language) : undefined;
    return face && face !== faceFor(book.meta.language) ? face : undefined;
  };
  const languageOf = (part: Division) => (part === 'colophon' ? undefined : typeof part === 'number' ? book.articles[part]?.language : book.parts[Number(part.slice(5))]?.page.language);
  const head = (text: string, language?: string) => {
    const face = otherFace(language);
    return `@top-center { content: ${cssString(text)};${face ? ` font-family: ${serifStack(face)}, serif;` : ''} }`;
  };
  const none = ['top-center', 'bottom-left', 'bottom-center', 'bottom-right'].map((box) => `@${box} { content: none; }`).join(' ');
  const rules = [
    bodyPageCss(options, { recto: folio('recto'), verso: folio('verso') }),
    `@page { @top-center { white-space: nowrap; overflow: hidden; } }`,
    `@page blank${sides.recto.pseudo} { ${none} }`,
    `@page blank${sides.verso.pseudo} { ${none} }`,
    `.furniture-page { break-before: page; block-size: 1px; }`,
  ];
  for (const [part, text] of heads) {
    rules.push(`@page ${furniturePage(part)}${sides.recto.pseudo} { ${head(text, languageOf(part))} }`, `@page ${furniturePage(part)}${sides.verso.pseudo} { ${head(bookHead)} }`);
  }
  const pageName = (page: PlannedPage) => (page.kind === 'running' ? furniturePage(page.part) : page.kind === 'bare' ? 'blank' : page.kind);
  // Chromium loads a web font only for text in the document, not for margin boxes alone: the
  // texts of the heads are set once, invisibly, so that the bundled font is there when they print.
  const sameFace = [...heads].filter(([part]) => !otherFace(languageOf(part))).map(([, text]) => text);
  const otherFaces = [...heads].filter(([part]) => otherFace(languageOf(part))).map(([part, text]) => h('span', { style: `font-family: ${serifStack(otherFace(languageOf(part))!)}, serif;` }, text));
  const preload = h('p', { style: 'visibility: hidden; position: absolute;' }, [[bookHead, ...sameFace, '0123456789'].join(''), ...otherFaces]);
  const pages = plan.map((page) => h('div', { className: ['furniture-page'], style: `page: ${pageName(page)}` }));
  // The furniture is laid out horizontally in every book: it holds margin boxes only, and page
  // sides do not depend on the writing mode (the first page is a right page in both).
  return unified().use(rehypeStringify).stringify(documentTree(book, { ...options, mode: 'horizontal' }, rules.join('\n'), 'furniture', [preload, ...pages], headFontCss()));
}

const furniturePage = (part: Division) => (typeof part === 'number' ? `article-${part + 1}` : part);

/** Margin-box typography, before wenji's stylesheet and the book's custom.css (which may restyle it). */
function headFontCss(): string {
  return `@page { @top-center { font-size: ${headFontSize}pt; } }`;
}

function frontPageCss(options: AssembleOptions): string {
  const { geometry, mode } = options;
  const sides = pageSides(geometry, mode);
  return [
    `@page { size: ${geometry.width}mm ${geometry.height}mm; margin: ${geometry.top}mm ${sides.recto.right}mm ${geometry.bottom}mm ${sides.recto.left}mm; }`,
    `@page ${sides.verso.pseudo} { margin: ${geometry.top}mm ${sides.verso.right}mm ${geometry.bottom}mm ${sides.verso.left}mm; }`,
    `@page cover { margin: 0; }`,
  ].join('\n');
}

/**
 * A CSS string literal: quotes, backslashes and line breaks escaped, and `<` written as `\3c ` so
 * that a title containing `</style>` cannot end the `<style>` element it is printed in.
 */
export function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/</g, '\\3c ').replace(/[\n\r\f]/g, ' ')}"`;
}

function formatDate(date: string, language: string): string {
  const [year, month, day] = date.split('-');
  if (!/^(zh|ja)/i.test(language)) return date;
  return `${year}年${month ? `${Number(month)}月` : ''}${day ? `${Number(day)}日` : ''}`;
}
