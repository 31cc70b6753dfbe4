import { writeFileSync } from 'node:fs';
import { availableParallelism, freemem } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Book } from '../../book/model.js';
import { assembleBodyTree, assembleFurniture, headingAnchors, titleAnchor, type AssembleOptions } from './assemble.js';
import { rectoMarginsCss } from './align-sides.js';
import { charactersPerPage, chunkDocuments } from './chunks.js';
import { appendChunk, linkAcrossChunks } from './merge-chunks.js';
import type { PlannedPage } from './page-plan.js';
import type { Printer } from './print.js';
import { limiter } from '../../limiter.js';

/**
 * Pages a chunk of the body is planned to have (chunks.ts). Chromium's print of one document
 * costs more than linearly in its pages (measured: 1,556 pages in 14 s, 7,764 in 183 s); a
 * chunk of this size prints at the per-page cost of a small document (docs/page-layout.md).
 */
const defaultChunkPages = 250;
/**
 * Memory allowed for each print at once, with room to spare: measured by the bench, the whole
 * browser peaks at about 680 MB (PSS) with two 250-page chunks printing (docs/testing.md).
 */
const browserBytesPerChunk = 400 * 1024 * 1024;
/** Furniture pages are empty: a run of them is this many times a body chunk's pages. */
const furnitureRunFactor = 4;

export interface PrintedBody {
  doc: PDFDocument;
  /** How many chunks it was printed in. */
  chunks: number;
}

export interface ChunkSettings {
  /** Planned pages per chunk; 0 or less prints the body in one piece. */
  pages: number;
  /** Chunks printed at once. */
  jobs: number;
}

/**
 * `WENJI_PDF_CHUNK_PAGES` (pages per chunk, 0 for one piece) and `WENJI_PDF_PRINT_JOBS`
 * (chunks printed at once) are for tests and measurements; by default a chunk has about 250
 * pages and as many are printed at once as there are cores and memory for.
 */
export function chunkSettings(env: NodeJS.ProcessEnv = process.env): ChunkSettings {
  const pages = env.WENJI_PDF_CHUNK_PAGES ? Number(env.WENJI_PDF_CHUNK_PAGES) : defaultChunkPages;
  const memoryJobs = Math.floor((freemem() * 0.5) / browserBytesPerChunk);
  const jobs = env.WENJI_PDF_PRINT_JOBS ? Number(env.WENJI_PDF_PRINT_JOBS) : Math.min(availableParallelism(), memoryJobs);
  return { pages: Number.isFinite(pages) ? pages : defaultChunkPages, jobs: Number.isFinite(jobs) && jobs >= 1 ? Math.floor(jobs) : 1 };
}

/**
 * Prints the body: a book of more than one chunk's worth of text in chunks (chunks.ts), up to
 * `jobs` at once in pages of the one browser, each merged into the body as soon as it and the
 * chunks before it are printed (merge-chunks.ts). A book of one chunk is printed as one document,
 * as before chunking. The result is the body a one-piece print gives: the same pages, named
 * destinations, links and structure tree (test/e2e/pdf-chunks.test.ts compares them). Every page
 * is printed with the recto's margins, whatever its place in its chunk: `alignPageSides` moves
 * the versos once the finished body is planned.
 */
export async function printBody(printer: Printer, book: Book, assemble: AssembleOptions, work: string, size: { width: number; height: number }, settings: ChunkSettings = chunkSettings()): Promise<PrintedBody> {
  const budget = settings.pages > 0 ? settings.pages * charactersPerPage(assemble.geometry) : Infinity;
  const aliases = new Map(book.articles.map((article) => [article.id, titleAnchor(article)]));
  const documents = chunkDocuments(assembleBodyTree(book, assemble), headingAnchors(book, assemble.colophon), budget, { css: rectoMarginsCss(assemble.geometry, assemble.mode), aliases });
  const files = documents.map((document, index) => {
    const file = path.join(work, documents.length === 1 ? 'body.html' : `body-${index + 1}.html`);
    writeFileSync(file, document.html);
    return file;
  });
  const prints = limited(files, Math.min(settings.jobs, files.length), (htmlPath) => printer.print({ htmlPath, ...size, tagged: true }));
  const doc = await mergeInOrder(prints);
  if (documents.length > 1) linkAcrossChunks(doc);
  return { doc, chunks: documents.length };
}

/**
 * Prints the page furniture (assembleFurniture) of the planned body: in runs of an even number of
 * pages (four times a body chunk's), each a document whose page counter starts where the run does (`counter-reset: page` on
 * the root gives the first page the next number: measured, Chromium 156), so that the folios run
 * on; merged into one document, a page per planned page. Printing 8,000 empty pages in one
 * document takes longer than printing them in runs, as for the body.
 */
export async function printFurniture(printer: Printer, book: Book, plan: PlannedPage[], assemble: AssembleOptions, work: string, size: { width: number; height: number }, settings: ChunkSettings = chunkSettings()): Promise<PDFDocument> {
  // An even number of pages: a run's first page is a `:right` page, and must be a recto.
  const run = settings.pages > 0 ? Math.max(2, 2 * Math.round((settings.pages * furnitureRunFactor) / 2)) : Infinity;
  const files: string[] = [];
  for (let start = 0; start < plan.length || files.length === 0; start += run) {
    const html = assembleFurniture(book, plan.slice(start, start + run), assemble);
    const file = path.join(work, `furniture-${files.length + 1}.html`);
    writeFileSync(file, start === 0 ? html : html.replace('</head>', `<style>html { counter-reset: page ${start}; }</style></head>`));
    files.push(file);
  }
  const prints = limited(files, Math.min(settings.jobs, files.length), (htmlPath) => printer.print({ htmlPath, ...size, tagged: false }));
  return mergeInOrder(prints);
}

/** The printed pieces as one document, each appended as soon as it and those before it are printed. */
async function mergeInOrder(prints: Promise<Uint8Array>[]): Promise<PDFDocument> {
  let doc: PDFDocument | undefined;
  for (const print of prints) {
    const chunk = await PDFDocument.load(await print, { updateMetadata: false });
    if (doc) appendChunk(doc, chunk);
    else doc = chunk;
  }
  return doc!;
}

/** `run` over the items, at most `limit` at a time; the promises in the items' order. */
function limited<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R>[] {
  const slots = limiter(Math.max(1, limit));
  return items.map((item) => {
    const promise = slots(() => run(item));
    // Failures are reported where the promise is awaited; this keeps a failed print that is not awaited yet from being unhandled.
    promise.catch(() => {});
    return promise;
  });
}
