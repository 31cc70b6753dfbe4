import type { ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import type { Labels } from '../../book/labels.js';
import type { Article, Book, TocEntry } from '../../book/model.js';
import type { WritingMode } from '../../config/schema.js';
import { faceFor } from '../../locale/cjk-locale.js';
import { serifStack } from './fonts.js';
import { contentBox, pageSides, type PageGeometry } from './geometry.js';

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

/** The body: every article on its own named page (for its running head), then the colophon. */
export function assembleBody(book: Book, options: AssembleOptions): string {
  return unified().use(rehypeStringify).stringify(assembleBodyTree(book, options));
}

/** The body document as a tree, for the preview, which shows the same document on screen. */
export function assembleBodyTree(book: Book, options: AssembleOptions): Root {
  const { labels } = options;
  const sections: ElementContent[] = book.articles.map((article, index) => articleSection(article, index, labels));
  if (options.colophon) sections.push(colophon(book, labels));
  return documentTree(book, options, bodyPageCss(book, options), 'body', sections);
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
  const entry = (item: TocEntry, level: number): ElementContent => {
    const key = item.fragment ? `${item.articleId}#${item.fragment}` : item.articleId;
    const page = pages.get(key);
    const language = languages.get(item.articleId);
    return h('li', { className: [`toc-level-${level}`], ...(language ? { lang: language } : {}) }, [
      h('a', { href: `${gotoPrefix}${encodeURIComponent(key)}` }, [
        h('span', { className: ['toc-title'] }, item.title),
        item.authors.length ? h('span', { className: ['toc-author'] }, join(item.authors, labels)) : undefined,
        h('span', { className: ['toc-leader'] }),
        h('span', { className: ['toc-page', page !== undefined && String(page).length <= 3 ? 'tcy' : 'upright'] }, page === undefined ? '' : String(page)),
      ].filter((node) => node !== undefined)),
    ]);
  };
  const contents = h('section', { className: ['contents'] }, [
    h('h1', { className: ['contents-title'] }, labels.contents),
    h('ol', { className: ['toc'] }, toc.flatMap((item) => [entry(item, 1), ...item.children.map((child) => entry(child, 2))])),
  ]);
  return unified().use(rehypeStringify).stringify(documentTree(book, options, frontPageCss(options), 'front', [cover, contents]));
}

function articleSection(article: Article, index: number, labels: Labels): ElementContent {
  const byline: string[] = [];
  if (article.authors.length) byline.push(labels.author(join(article.authors, labels)));
  if (article.translators.length) byline.push(labels.translator(join(article.translators, labels)));
  const source = [article.source, article.date].filter(Boolean).join('　');
  return h(
    'section',
    { id: article.id, className: ['article'], style: `page: ${pageName(index)}`, ...(article.language ? { lang: article.language } : {}) },
    [
      h('header', { className: ['article-header'] }, [
        h('h1', { className: ['article-title'], id: `${article.id}-title` }, article.title),
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
  return h('section', { className: ['colophon'], style: 'page: colophon' }, [h('h1', { className: ['colophon-heading'] }, labels.colophon), h('ol', rows)]);
}

export const pageName = (index: number) => `article-${index + 1}`;

function documentTree(book: Book, options: AssembleOptions, pageCss: string, part: 'body' | 'front', children: ElementContent[]): Root {
  const box = contentBox(options.geometry);
  const root: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: book.meta.language, className: [options.mode, part] }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('title', book.meta.title),
          h('style', `${options.fontCss}\n${options.css}\n:root { --content-width: ${box.width}mm; --content-height: ${box.height}mm; font-size: ${options.geometry.fontSize}pt; }\n${pageCss}`),
        ]),
        h('body', children),
      ]),
    ],
  };
  return root;
}

/** @page rules: size, mirrored margins, folios in the outer corner, one running head per article. */
function bodyPageCss(book: Book, options: AssembleOptions): string {
  const { geometry, mode } = options;
  const sides = pageSides(geometry, mode);
  const box = (side: 'recto' | 'verso') => `margin: ${geometry.top}mm ${sides[side].right}mm ${geometry.bottom}mm ${sides[side].left}mm;`;
  const folio = (side: 'recto' | 'verso') => `@${sides[side].folio} { content: counter(page); }`;
  const rules = [
    `@page { size: ${geometry.width}mm ${geometry.height}mm; ${box('recto')} }`,
    `@page ${sides.recto.pseudo} { ${box('recto')} ${folio('recto')} }`,
    `@page ${sides.verso.pseudo} { ${box('verso')} ${folio('verso')} }`,
  ];
  const head = (text: string, language?: string) => {
    // A margin box has no language of its own: an article in another CJK face gets its fonts here.
    const face = language ? faceFor(language) : undefined;
    return `@top-center { content: ${cssString(text)};${face && face !== faceFor(book.meta.language) ? ` font-family: ${serifStack(face)}, serif;` : ''} }`;
  };
  book.articles.forEach((article, index) => rules.push(`@page ${pageName(index)} { ${head(`${book.meta.title}　·　${article.title}`, article.language)} }`));
  rules.push(`@page colophon { ${head(book.meta.title)} }`);
  return rules.join('\n');
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
