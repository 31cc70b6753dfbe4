import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { labelsFor } from '../../locale/labels.js';
import type { Article, Book } from '../../book/model.js';
import { buildToc } from '../../book/toc.js';
import { WenjiError } from '../../errors.js';
import { version } from '../../paths.js';
import { alignPageSides } from './align-sides.js';
import { assembleFront, colophonAnchor, gotoPrefix, partAnchor, titleAnchor } from './assemble.js';
import { bookOutline } from '../../book/parts.js';
import { bookText } from './book-text.js';
import { faceFor } from '../../locale/cjk-locale.js';
import { fontDirs, missingFonts, subsetFaces } from './fonts.js';
import { pageGeometries } from './geometry.js';
import { planBodyPages } from './page-plan.js';
import { embeddedFontNames, layFurniture, readDestinations, resolveInternalLinks, writeDocumentInfo, writeOutline, type BookmarkNode } from './postprocess.js';
import { Printer } from './print.js';
import { printAssembly } from './print-document.js';
import { printBody, printFurniture } from './print-chunks.js';
import type { PdfSettings } from './settings.js';
import { makeWorkFolder } from './work-folder.js';

/** How the writer reports while it runs. */
export interface PdfHooks {
  log?: (line: string) => void;
  /** Called as each of the writer's steps (pdf-writer.ts) finishes, with what comes next. */
  progress?: (done: number, note: string) => void;
}

export interface PdfResult {
  bytes: Uint8Array;
  pages: number;
  warnings: string[];
}

const points = (mm: number) => (mm * 72) / 25.4;

/**
 * Book → PDF (the book as the writer's transforms left it: pdf-writer.ts). The body (every article, then the colophon) is printed once (a big book's in chunks: print-chunks.ts); its named
 * destinations tell on which page each article and section starts. From these wenji plans the
 * finished body (a blank page where an article must start on a recto), prints its page
 * furniture (folios and running heads, empty pages otherwise) and lays it over the body, then
 * prints the small front matter (cover and contents, now with the right page numbers) and puts
 * it in front. One browser launch, three prints, and the expensive one happens once.
 */
export async function writePdf(book: Book, options: PdfSettings, hooks: PdfHooks = {}): Promise<PdfResult> {
  const log = hooks.log ?? (() => {});
  const progress = hooks.progress ?? (() => {});
  const missing = missingFonts();
  if (missing.length) throw new WenjiError('render', `bundled font missing: ${missing[0]}; reinstall with \`npm ci\``);
  const bookFace = faceFor(book.meta.language) ?? 'sc';
  const geometry = pageGeometries[options.pageSize];
  const labels = labelsFor(book.meta.language);
  const warnings: string[] = [];
  const workFolder = makeWorkFolder();
  const work = workFolder.dir;
  let printer: Printer | undefined;
  try {
    const fontStart = performance.now();
    progress(0, 'subsetting the fonts');
    const faces = await subsetFaces(work, bookText(book, labels), bookFace);
    log(`subset the fonts in ${((performance.now() - fontStart) / 1000).toFixed(1)} s`);
    progress(1, 'printing the body');
    const assemble = printAssembly(book, options, faces);
    mkdirSync(path.join(work, 'images'));
    for (const image of book.images) writeFileSync(path.join(work, image.href), image.data);

    printer = await Printer.open([work, ...fontDirs()], (url) => warnings.push(`blocked a request the page made: ${url.slice(0, 120)}`));
    log(`printing with Chromium from ${printer.location.source}`);
    const size = { width: geometry.width, height: geometry.height };
    const started = performance.now();
    const { doc, chunks } = await printBody(printer, book, assemble, work, size);
    log(`printed the body${chunks > 1 ? ` in ${chunks} chunks` : ''} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    progress(2, `printed ${doc.getPageCount()} pages; printing the page furniture and the contents`);
    const located = locateHeadings(book, readDestinations(doc), options.colophon);
    for (const article of located.missing) warnings.push(`could not find where "${article}" starts in the PDF; its contents entry points to the previous article`);

    // Rectos are for bound books: an e-reader screen shows one page at a time.
    const articleStart = options.articleStart ?? (options.mode === 'vertical' && !geometry.screen ? 'recto' : 'any');
    const starts = book.articles.map((article) => located.pages.get(article.id)!);
    // A part's title page is a recto of its own in a bound book (a screen shows one page at a time).
    const parts = book.parts.map((part) => located.pages.get(part.id));
    const plan = planBodyPages(doc.getPageCount(), starts, located.colophonPage, articleStart, parts, geometry.screen ? 'any' : 'recto');
    alignPageSides(doc, geometry, options.mode, (printed) => (plan.finalIndex[printed]! % 2) as 0 | 1);
    const furnitureStart = performance.now();
    const furniture = await printFurniture(printer, book, plan.pages, assemble, work, size);
    if (furniture.getPageCount() !== plan.pages.length) warnings.push(`the page furniture came out with ${furniture.getPageCount()} pages for ${plan.pages.length} body pages; some folios may be missing`);
    const blank = [points(geometry.width), points(geometry.height)] as [number, number];
    await layFurniture(doc, plan.pages, furniture, blank);
    const bodyPages = doc.getPageCount();
    const blanks = bodyPages - plan.finalIndex.length;
    log(`laid folios and running heads over ${bodyPages} pages${blanks ? ` (${blanks} blank, so that articles start on rectos)` : ''} in ${((performance.now() - furnitureStart) / 1000).toFixed(1)} s`);
    // From here on, pages are those of the finished body (blank pages included).
    const finalPage = (printed: number) => plan.finalIndex[printed]!;

    const toc = buildToc(book, { depth: options.tocDepth });
    const numbers = new Map([...located.pages].map(([key, index]) => [key, finalPage(index) + 1]));
    const frontHtml = path.join(work, 'front.html');
    writeFileSync(frontHtml, assembleFront(book, toc, numbers, assemble));
    const frontBytes = await printer.print({ htmlPath: frontHtml, ...size, tagged: false });

    // Cover, a blank verso, the contents, and a blank page if needed so that page 1 is a recto.
    progress(3, 'outline and metadata');
    const front = await PDFDocument.load(frontBytes, { updateMetadata: false });
    const copied = await doc.copyPages(front, front.getPageIndices());
    const ordered = [copied[0]!, undefined, ...copied.slice(1)];
    if (ordered.length % 2 === 1) ordered.push(undefined);
    const inserted = ordered.map((page, index) => (page ? doc.insertPage(index, page) : doc.insertPage(index, blank)));
    const offset = inserted.length;
    resolveInternalLinks(doc, inserted, gotoPrefix, (key) => {
      const index = located.pages.get(key);
      return index === undefined ? undefined : finalPage(index) + offset;
    });

    writeOutline(doc, bookmarks(book, located, (printed) => finalPage(printed) + offset, labels.contents, labels.colophon, options.colophon));
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
    workFolder.remove();
  }
}

interface Located {
  /** `articleId` or `articleId#sectionId`, a part's id → 0-based page index in the printed body. */
  pages: Map<string, number>;
  colophonPage?: number;
  missing: string[];
}

/**
 * Where each article and section starts, from Chromium's named destinations (see assembleBody):
 * by id, so titles that Chromium writes differently in its outline (it repeats the first line
 * of a heading printed after a page break in horizontal books) cannot mislead it. An article
 * whose title has no destination (a stylesheet hid it) points to the previous article's page.
 */
export function locateHeadings(book: Book, destinations: Map<string, number>, colophon: boolean): Located {
  const pages = new Map<string, number>();
  const missing: string[] = [];
  for (const part of book.parts) {
    const title = destinations.get(partAnchor(part));
    if (title !== undefined) pages.set(part.id, title);
  }
  let previous = 0;
  for (const article of book.articles) {
    const page = destinations.get(titleAnchor(article));
    if (page === undefined) missing.push(article.title);
    pages.set(article.id, page ?? previous);
    previous = page ?? previous;
    for (const section of article.sections) {
      const sectionPage = destinations.get(section.id);
      if (sectionPage !== undefined) pages.set(`${article.id}#${section.id}`, sectionPage);
    }
  }
  const result: Located = { pages, missing };
  const colophonPage = colophon ? destinations.get(colophonAnchor) : undefined;
  if (colophonPage !== undefined) result.colophonPage = colophonPage;
  return result;
}

/** The outline: contents, then parts with their articles nested (articles with their sections), then the colophon. */
function bookmarks(book: Book, located: Located, final: (printed: number) => number, contentsLabel: string, colophonLabel: string, colophon: boolean): BookmarkNode[] {
  const nodes: BookmarkNode[] = [{ title: contentsLabel, page: 2, children: [] }];
  for (const item of bookOutline(book)) {
    if (item.kind === 'article') nodes.push(articleBookmark(item.article, located, final));
    else {
      const children = item.articles.map((article) => articleBookmark(article, located, final));
      const title = located.pages.get(item.part.id);
      nodes.push({ title: item.part.page.title, page: title === undefined ? children[0]!.page : final(title), children, open: true });
    }
  }
  if (colophon && located.colophonPage !== undefined) nodes.push({ title: colophonLabel, page: final(located.colophonPage), children: [] });
  return nodes;
}

function articleBookmark(article: Article, located: Located, final: (printed: number) => number): BookmarkNode {
  const start = located.pages.get(article.id)!;
  const sections: BookmarkNode[] = [];
  for (const section of article.sections.filter((s) => s.depth <= 3)) {
    const page = located.pages.get(`${article.id}#${section.id}`);
    if (page === undefined) continue;
    const node = { title: section.title, page: final(page), children: [] };
    const parent = sections.at(-1);
    if (section.depth === 3 && parent) parent.children.push(node);
    else if (section.depth === 2) sections.push(node);
  }
  return { title: article.title, page: final(start), children: sections };
}
