import type { ElementContent } from 'hast';
import { derivedDigest } from '../../book/digest.js';
import type { Article, Book, Part, TocEntry } from '../../book/model.js';
import { partsByFirstArticle } from '../../book/parts.js';
import { labelsFor, type Labels } from '../../locale/labels.js';
import { xmlByteLength } from '../xhtml/xml-size.js';
import type { BookCover } from '../cover/prepare-cover.js';
import { articleHeader, articleSection, colophonBody, contentsPageBody, coverPageBody, partPageBody, titlePageBody } from './documents.js';
import { articleHref, articlePartHref, partHref, tocHref } from './file-names.js';
import { withAltText } from './image-alt.js';
import { partLinkResolver, retargetLinks } from './part-links.js';
import { splitArticle, type ArticleLayout } from './split-article.js';

/** One content document of the spine, before it is rendered. */
export interface DocumentSpec {
  id: string;
  filename: string;
  title: string;
  /** Built on first use: an article kept in the document store is not built at all. */
  body: () => ElementContent[];
  /** The article's digest, for the document store. */
  digest?: string | undefined;
  bodyClass: string;
  /** `epub:type` of the body: frontmatter, bodymatter, backmatter. */
  matter?: string;
  language: string;
}

export interface ArticleDocuments {
  specs: DocumentSpec[];
  /** Per article, its parts when it is split (undefined when it fits in one document). */
  layouts: (ArticleLayout | undefined)[];
  /** Where a contents entry leads: the part of a split article that holds its target. */
  hrefOf: (entry: TocEntry) => string;
}

export interface LayoutOptions {
  /** Largest article document wanted, in bytes of XHTML. */
  budget: number;
  /** The article's document, kept by an earlier build, is well under the budget: it is not weighed again. */
  fits: (article: Article) => boolean;
  /** Renders an article's part document around `children`, to weigh what a document adds. */
  renderShell: (article: Article, part: number, children: ElementContent[]) => string;
}

/** What every document of an article shares. */
export const articleSpecBase = (article: Article, book: Book) => ({ title: article.title, bodyClass: 'article', matter: 'bodymatter', language: article.language ?? book.meta.language });

/** The article section's content: header, body with alt text on every image, in the article's own language. */
export function articleChildren(article: Article, labels: Labels): ElementContent[] {
  const own = article.language ? labelsFor(article.language) : labels;
  return [articleHeader(article, own), ...(withAltText(article.body, own.image).children as ElementContent[])];
}

/**
 * The articles' documents, each part's title page before its first article. Articles too large
 * for one document are split; links into them then lead to the piece that holds their target,
 * from every document (pieces, other articles, part pages, the contents, nav, NCX). What moved is
 * part of each document's digest.
 */
export function articleDocuments(book: Book, labels: Labels, options: LayoutOptions): ArticleDocuments {
  const layouts = book.articles.map((article) => (options.fits(article) ? undefined : layoutArticle(article, options.budget, () => articleChildren(article, labels), (part, children) => options.renderShell(article, part, children))));
  const partOf = new Map<string, string>();
  for (const layout of layouts) for (const [id, file] of layout?.files ?? []) partOf.set(id, file);
  const resolve = partLinkResolver(partOf);
  const partStarts = partsByFirstArticle(book);
  const specs = book.articles.flatMap((article, index): DocumentSpec[] => {
    const part = partStarts.get(article.id);
    return [...(part ? [partDocument(part, book, (nodes, from) => (partOf.size ? retargetLinks(nodes, resolve, from).nodes : nodes))] : []), ...documentsOf(article, index)];
  });
  return { specs, layouts, hrefOf: (entry) => resolve(tocHref(entry), 'nav') };

  function documentsOf(article: Article, index: number): DocumentSpec[] {
    const layout = layouts[index];
    const base = articleSpecBase(article, book);
    if (!layout) {
      const filename = articleHref(article);
      const body = () => articleSection(article, articleChildren(article, labels), 1);
      // Only a book with split articles has links to move; what moved is part of the document's key.
      const links = partOf.size ? retargetLinks(article.body.children as ElementContent[], resolve, filename).changes : [];
      if (!links.length) return [{ id: `article-${article.id}`, filename, ...base, body, digest: article.digest }];
      return [{ id: `article-${article.id}`, filename, ...base, body: () => retargetLinks(body(), resolve, filename).nodes, digest: derivedDigest(article.digest, 'epub-links', links) }];
    }
    const moved = layout.parts.map((part) => retargetLinks(part.children, resolve, part.filename));
    const changes = moved.flatMap((part) => part.changes);
    return layout.parts.map((part, n) => ({
      id: n === 0 ? `article-${article.id}` : `article-${article.id}_${n + 1}`,
      filename: part.filename,
      ...base,
      body: () => articleSection(article, moved[n]!.nodes, n + 1),
      digest: derivedDigest(article.digest, 'epub-part', options.budget, n, changes),
    }));
  }
}

/** A part's title page (never kept in the document store: it is small, and has no digest). */
function partDocument(part: Part, book: Book, retarget: (nodes: ElementContent[], from: string) => ElementContent[]): DocumentSpec {
  const filename = partHref(part);
  return { id: part.id, filename, title: part.page.title, body: () => retarget(partPageBody(part), filename), bodyClass: 'part-page', matter: 'bodymatter', language: part.page.language ?? book.meta.language };
}

/** Cover, title page and contents, in spine order. */
export function frontDocuments(book: Book, cover: BookCover, toc: TocEntry[], labels: Labels, hrefOf: (entry: TocEntry) => string): DocumentSpec[] {
  const { meta } = book;
  return [
    { id: 'cover', filename: 'cover.xhtml', title: meta.title, body: () => coverPageBody(book, cover), bodyClass: 'cover-page', language: meta.language },
    { id: 'titlepage', filename: 'titlepage.xhtml', title: meta.title, body: () => titlePageBody(book, labels), bodyClass: 'titlepage', matter: 'frontmatter', language: meta.language },
    { id: 'contents', filename: 'contents.xhtml', title: labels.contents, body: () => contentsPageBody(book, toc, labels, hrefOf), bodyClass: 'contents', matter: 'frontmatter', language: meta.language },
  ];
}

/** The closing page: each article's source, author, date and address, and the embedded font's credit. */
export function colophonDocument(book: Book, labels: Labels, fontCredit: string | undefined): DocumentSpec {
  return {
    id: 'colophon',
    filename: 'colophon.xhtml',
    title: labels.colophon,
    body: () => colophonBody(book, labels, { fontCredit, hrefOf: articleHref }),
    bodyClass: 'colophon-page',
    matter: 'backmatter',
    language: book.meta.language,
  };
}

/**
 * An article's layout when it needs more than one document (undefined when it fits in one).
 * `renderShell(part, children)` renders a part's document around `children`, to weigh what it
 * adds. Weighed without rendering: the article's tree, and only near the budget the exact
 * document (with the alt text the writer adds).
 */
function layoutArticle(article: Article, budget: number, children: () => ElementContent[], renderShell: (part: number, children: ElementContent[]) => string): ArticleLayout | undefined {
  // The header, the document around the section and the alt text images get are well under 8 KB.
  if (xmlByteLength(article.body) + 8 * 1024 <= budget) return undefined;
  const marker: ElementContent = { type: 'text', value: 'x' };
  const overhead = Math.max(...[1, 2].map((part) => Buffer.byteLength(renderShell(part, [marker])) - 1));
  const layout = splitArticle(children(), { budget, overhead, filename: (n) => articlePartHref(article, n) });
  return layout.parts.length > 1 ? layout : undefined;
}
