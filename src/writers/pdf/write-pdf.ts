import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { labelsFor } from '../../book/labels.js';
import type { Book } from '../../book/model.js';
import { buildToc } from '../../book/toc.js';
import { adaptToWritingMode } from '../../book/writing-mode.js';
import type { PageSize, WritingMode } from '../../config/schema.js';
import { WenjiError } from '../../errors.js';
import { version } from '../../paths.js';
import { assembleBody, assembleFront, gotoPrefix, type AssembleOptions } from './assemble.js';
import { bookText } from './book-text.js';
import { faceFor, type Compression } from '../../locale/cjk-locale.js';
import { fontDirs, fontFaceCss, fontLanguageCss, missingFonts, subsetFaces } from './fonts.js';
import { pageGeometries } from './geometry.js';
import { embeddedFontNames, readOutline, resolveInternalLinks, writeDocumentInfo, writeOutline, type BookmarkNode, type OutlineEntry } from './postprocess.js';
import { Printer } from './print.js';

export interface PdfOptions {
  mode: WritingMode;
  pageSize: PageSize;
  quotes: 'corner' | 'keep';
  /** `typography.compression` (the stylesheet's rules come with `css`). */
  compression?: Compression;
  /** Contents depth: 1 = articles, 2 = with their sections. */
  tocDepth: 1 | 2;
  colophon: boolean;
  /** Print stylesheet (wenji's plus the book's custom.css). */
  css: string;
  log?: (line: string) => void;
  /** Called as each of the `pdfSteps` steps finishes, with what comes next. */
  progress?: (done: number, note: string) => void;
}

/** Subset the fonts, print the body, print the contents, finish (outline, metadata). */
export const pdfSteps = 4;

export interface PdfResult {
  bytes: Uint8Array;
  pages: number;
  warnings: string[];
}

const points = (mm: number) => (mm * 72) / 25.4;

/**
 * Book → PDF. The body (every article, then the colophon) is printed once with Chromium's
 * heading outline; the outline tells on which page each article and section starts. Then the
 * small front matter (cover and contents, now with the right page numbers) is printed and put
 * in front. One browser launch, two prints, and the expensive one happens once.
 */
export async function writePdf(source: Book, options: PdfOptions): Promise<PdfResult> {
  const log = options.log ?? (() => {});
  const progress = options.progress ?? (() => {});
  const missing = missingFonts();
  if (missing.length) throw new WenjiError('render', `bundled font missing: ${missing[0]}; reinstall with \`npm ci\``);
  const book = adaptToWritingMode(source, { mode: options.mode, quotes: options.quotes, compression: options.compression ?? 'auto' });
  const bookFace = faceFor(book.meta.language) ?? 'sc';
  const geometry = pageGeometries[options.pageSize];
  const labels = labelsFor(book.meta.language);
  const warnings: string[] = [];
  const work = mkdtempSync(path.join(tmpdir(), 'wenji-pdf-'));
  let printer: Printer | undefined;
  try {
    const fontStart = performance.now();
    progress(0, 'subsetting the fonts');
    const faces = await subsetFaces(work, bookText(book, labels), bookFace);
    log(`subset the fonts in ${((performance.now() - fontStart) / 1000).toFixed(1)} s`);
    progress(1, 'printing the body');
    const assemble: AssembleOptions = { mode: options.mode, geometry, labels, css: options.css, fontCss: `${fontFaceCss(faces)}\n${fontLanguageCss(bookFace)}`, colophon: options.colophon };
    mkdirSync(path.join(work, 'images'));
    for (const image of book.images) writeFileSync(path.join(work, image.href), image.data);
    const bodyHtml = path.join(work, 'body.html');
    writeFileSync(bodyHtml, assembleBody(book, assemble));

    printer = await Printer.open([work, ...fontDirs()], (url) => warnings.push(`blocked a request the page made: ${url.slice(0, 120)}`));
    log(`printing with Chromium from ${printer.location.source}`);
    const size = { width: geometry.width, height: geometry.height };
    const started = performance.now();
    const bodyBytes = await printer.print({ htmlPath: bodyHtml, ...size, outline: true });
    log(`printed the body in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const doc = await PDFDocument.load(bodyBytes, { updateMetadata: false });
    const bodyPages = doc.getPageCount();
    progress(2, `printed ${bodyPages} pages; printing the contents`);
    const located = locateHeadings(book, readOutline(doc), options.colophon);
    for (const article of located.missing) warnings.push(`could not find where "${article}" starts in the PDF; its contents entry points to the previous article`);

    const toc = buildToc(book, { depth: options.tocDepth });
    const numbers = new Map([...located.pages].map(([key, index]) => [key, index + 1]));
    const frontHtml = path.join(work, 'front.html');
    writeFileSync(frontHtml, assembleFront(book, toc, numbers, assemble));
    const frontBytes = await printer.print({ htmlPath: frontHtml, ...size, outline: false });

    // Cover, a blank verso, the contents, and a blank page if needed so that page 1 is a recto.
    progress(3, 'outline and metadata');
    const front = await PDFDocument.load(frontBytes, { updateMetadata: false });
    const copied = await doc.copyPages(front, front.getPageIndices());
    const blank = [points(geometry.width), points(geometry.height)] as [number, number];
    const ordered = [copied[0]!, undefined, ...copied.slice(1)];
    if (ordered.length % 2 === 1) ordered.push(undefined);
    const inserted = ordered.map((page, index) => (page ? doc.insertPage(index, page) : doc.insertPage(index, blank)));
    const offset = inserted.length;
    resolveInternalLinks(doc, inserted, gotoPrefix, (key) => {
      const index = located.pages.get(key);
      return index === undefined ? undefined : index + offset;
    });

    writeOutline(doc, bookmarks(book, located, offset, labels.contents, labels.colophon, options.colophon));
    writeDocumentInfo(doc, {
      title: book.meta.subtitle ? `${book.meta.title}：${book.meta.subtitle}` : book.meta.title,
      author: [...book.meta.authors, ...book.meta.editors].join(labels.listSeparator),
      subject: book.meta.description,
      keywords: [...new Set(book.articles.flatMap((article) => article.tags))],
      creator: `wenji ${version}`,
      language: book.meta.language,
      date: new Date(book.meta.modified),
      rightToLeft: options.mode === 'vertical',
    });
    const foreign = embeddedFontNames(doc).filter((name) => !/^Noto(Serif|SerifSC|SerifTC|SerifJP|SansMono)-/.test(name));
    if (foreign.length) warnings.push(`some characters are missing from the bundled fonts and were set in ${foreign.join(', ')} from this system`);
    const bytes = await doc.save({ useObjectStreams: true });
    progress(4, `${bodyPages + offset} pages`);
    return { bytes, pages: bodyPages + offset, warnings };
  } finally {
    await printer?.close();
    rmSync(work, { recursive: true, force: true });
  }
}

interface Located {
  /** `articleId` or `articleId#sectionId` → 0-based page index in the body. */
  pages: Map<string, number>;
  colophonPage?: number;
  missing: string[];
}

/**
 * Matches Chromium's heading outline, in document order, against the headings the book should
 * have: each article's title (h1) and its sections. Titles are compared without whitespace.
 */
export function locateHeadings(book: Book, outline: OutlineEntry[], colophon: boolean): Located {
  const squash = (text: string) => text.replace(/\s+/g, '');
  // Chromium sometimes repeats a heading's text in its bookmark title (seen on the second and
  // later articles of horizontal books); a title written n times still matches.
  const same = (bookmark: string, title: string) => {
    const a = squash(bookmark);
    const b = squash(title);
    return a !== '' && b !== '' && a.length % b.length === 0 && a === b.repeat(a.length / b.length);
  };
  const pages = new Map<string, number>();
  const missing: string[] = [];
  let cursor = 0;
  // With `bounded`, the search stops at the next article's heading: a section missing from the
  // outline must not match a same-named section of a later article and skip past that article.
  const find = (level: number, title: string, bounded = false): number | undefined => {
    for (let i = cursor; i < outline.length; i++) {
      const entry = outline[i]!;
      if (bounded && entry.level === 1) return undefined;
      if (entry.level === level && same(entry.title, title)) {
        cursor = i + 1;
        return entry.page;
      }
    }
    return undefined;
  };
  let previous = 0;
  for (const article of book.articles) {
    const page = find(1, article.title);
    if (page === undefined) missing.push(article.title);
    pages.set(article.id, page ?? previous);
    previous = page ?? previous;
    for (const section of article.sections) {
      const sectionPage = find(section.depth, section.title, page !== undefined);
      if (sectionPage !== undefined) pages.set(`${article.id}#${section.id}`, sectionPage);
    }
  }
  const result: Located = { pages, missing };
  if (colophon) {
    const page = find(1, labelsFor(book.meta.language).colophon);
    if (page !== undefined) result.colophonPage = page;
  }
  return result;
}

function bookmarks(book: Book, located: Located, offset: number, contentsLabel: string, colophonLabel: string, colophon: boolean): BookmarkNode[] {
  const nodes: BookmarkNode[] = [{ title: contentsLabel, page: 2, children: [] }];
  for (const article of book.articles) {
    const start = located.pages.get(article.id)!;
    const sections: BookmarkNode[] = [];
    for (const section of article.sections.filter((s) => s.depth <= 3)) {
      const page = located.pages.get(`${article.id}#${section.id}`);
      if (page === undefined) continue;
      const node = { title: section.title, page: page + offset, children: [] };
      const parent = sections.at(-1);
      if (section.depth === 3 && parent) parent.children.push(node);
      else if (section.depth === 2) sections.push(node);
    }
    nodes.push({ title: article.title, page: start + offset, children: sections });
  }
  if (colophon && located.colophonPage !== undefined) nodes.push({ title: colophonLabel, page: located.colophonPage + offset, children: [] });
  return nodes;
}
