import path from 'node:path';
import type { VFile } from 'vfile';
import type { Book } from './book/model.js';
import { bookMeta } from './book/build-book.js';
import { labelsFor } from './locale/labels.js';
import { adaptToWritingMode, defaultWritingMode } from './transforms/writing-mode.js';
import { ArticleCache } from './cache/article-cache.js';
import { diskCoverStore } from './cache/cover-store.js';
import { diskStore } from './cache/disk-store.js';
import { diskDocumentStore } from './cache/document-store.js';
import { linkAcrossFiles } from './transforms/links.js';
import type { PageSize, WritingMode } from './config/schema.js';
import { displayPath } from './content/load.js';
import { emitFile } from './emit.js';
import { WenjiError } from './errors.js';
import { stylesDir } from './paths.js';
import { prepareBook, readStylesheet, type PrepareOptions } from './prepare-book.js';
import { stageReporter } from './progress.js';
import { articleHref } from './writers/epub/documents.js';
import { prepareCover, type PreparedCover } from './writers/cover/prepare-cover.js';
import { writeEpub } from './writers/epub/write-epub.js';
import { bundledSerif } from './writers/fonts/bundled-fonts.js';
import { faceFor } from './locale/cjk-locale.js';

export type Target = 'epub' | 'pdf';

export interface BuildOptions extends Omit<PrepareOptions, 'cache'> {
  targets: Target[];
  /** Output folder; defaults to `out/` in the book folder. */
  outDir?: string | undefined;
  /** Overrides the config's writing mode for every target built. */
  writingMode?: WritingMode | undefined;
  /** Overrides the config's PDF page size. */
  pageSize?: PageSize | undefined;
  /** Reuse articles normalized by earlier builds (`out/.cache`); default true. */
  cache?: boolean | undefined;
  log?: (line: string) => void;
  /** Warnings that are not tied to an article or a writer (an unwritable cache). */
  warn?: (line: string) => void;
  /** Called once the articles are read, before any writer runs (to show their warnings early). */
  onArticles?: (files: VFile[], notices: string[]) => void;
}

export interface BuildOutput {
  target: Target;
  path: string;
  bytes: number;
  /** PDF page count. */
  pages?: number;
}

export interface BuildResult {
  book: Book;
  files: VFile[];
  outputs: BuildOutput[];
  ignored: string[];
  notices: string[];
  /** Warnings from the writers (a cover or font that could not be used), one line each naming the file. */
  warnings: string[];
  /** Articles normalized in this run, and taken from the cache. */
  stats: { normalized: number; reused: number };
}

/** Load the book once, then write each requested target into out/. */
export async function buildOutputs(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const outDirOf = (configDir: string) => (options.outDir ? path.resolve(options.cwd ?? process.cwd(), options.outDir) : path.join(configDir, 'out'));
  // Downloaded images are cached next to the outputs (out/.cache), wherever --out points.
  const cacheDir = options.outDir ? path.join(path.resolve(options.cwd ?? process.cwd(), options.outDir), '.cache') : undefined;
  const display = (file: string) => displayPath(file, options.cwd ?? process.cwd());
  const coverStore = (configDir: string) => (options.cache === false ? undefined : diskCoverStore(path.join(outDirOf(configDir), '.cache'), options.warn ?? (() => {})));
  let cover: Promise<PreparedCover> | undefined;
  const prepared = await prepareBook({
    ...options,
    cacheDir: options.cacheDir ?? cacheDir,
    cache: options.cache === false ? undefined : (config) => new ArticleCache(diskStore(path.join(outDirOf(config.dir), '.cache'), options.warn), config.config),
    // The EPUB cover depends on the settings only: it is drawn while the articles are read.
    onConfig: (config, configDir) => {
      if (!options.targets.includes('epub')) return;
      const meta = bookMeta(config, [], { configDir });
      const vertical = (options.writingMode ?? config.epub.writingMode) === 'vertical';
      let laidOut!: () => void;
      const mainThreadDone = new Promise<void>((resolve) => (laidOut = resolve));
      cover = prepareCover({ meta }, { vertical, family: bundledSerif(faceFor(meta.language) ?? 'sc'), labels: labelsFor(meta.language), display, store: coverStore(configDir), laidOut });
      // Awaited by the EPUB writer; a failure surfaces there, not as an unhandled rejection.
      cover.catch(() => {});
      // The layout is drawn first (its loading and shaping would otherwise wait for a pause in
      // the reading, and the writer for them); the rasterizing then runs beside the reading.
      return mainThreadDone;
    },
  });
  const { book } = prepared;
  const { normalized, reused } = prepared.stats;
  log(`read ${book.articles.length} article${book.articles.length === 1 ? '' : 's'} in ${seconds(started)} (${normalized} normalized${reused ? `, ${reused} from the cache` : ''})`);
  options.onArticles?.(prepared.files, prepared.notices);
  if (book.articles.length === 0) {
    throw new WenjiError('content', 'no article could be read, so no book was written (see the errors above)', {
      file: displayPath(prepared.contentDir, options.cwd ?? process.cwd()),
    });
  }
  const outDir = outDirOf(prepared.config.dir);
  const outputs: BuildOutput[] = [];
  const warnings: string[] = [];
  for (const target of options.targets) {
    const start = performance.now();
    // The PDF writer (pdf-lib, the font subsetter, puppeteer) is loaded only when a PDF is built.
    const pdfWriter = target === 'pdf' ? await import('./writers/pdf/write-pdf.js') : undefined;
    const stage = stageReporter(options.progress, target, pdfWriter?.pdfSteps ?? 1);
    if (!pdfWriter) {
      const { epub } = prepared.config.config;
      const writingMode = options.writingMode ?? epub.writingMode;
      const { compression } = prepared.config.config.typography;
      const adapted = adaptToWritingMode(book, { mode: writingMode, quotes: epub.quotes, uprightCapitals: prepared.config.config.typography.uprightCapitals, compression });
      const linked = linkAcrossFiles(adapted, (articleId, fragment) => `${articleHref({ id: articleId })}${fragment ? `#${fragment}` : ''}`);
      const written = await writeEpub(linked, {
        css: readStylesheet(stylesDir, 'epub.css', prepared.config.dir, prepared.config.config.typography),
        writingMode,
        embedFont: epub.embedFont,
        coverStore: coverStore(prepared.config.dir),
        documentStore: options.cache === false ? undefined : diskDocumentStore(path.join(outDirOf(prepared.config.dir), '.cache'), options.warn),
        cover,
        displayPath: display,
      });
      for (const detail of written.details) log(detail);
      warnings.push(...written.warnings);
      outputs.push({ target, path: emitFile(outDir, `${book.meta.slug}.epub`, written.bytes), bytes: written.bytes.length });
    } else {
      const { pdf } = prepared.config.config;
      const result = await pdfWriter.writePdf(book, {
        mode: options.writingMode ?? pdf.writingMode ?? defaultWritingMode('pdf', book.meta.language),
        pageSize: options.pageSize ?? pdf.pageSize,
        quotes: pdf.quotes,
        uprightCapitals: prepared.config.config.typography.uprightCapitals,
        compression: prepared.config.config.typography.compression,
        tocDepth: pdf.tocDepth,
        colophon: pdf.colophon,
        articleStart: pdf.articleStart,
        css: readStylesheet(stylesDir, 'print.css', prepared.config.dir, prepared.config.config.typography),
        log,
        progress: (done, note) => stage.advance(done, note),
      });
      warnings.push(...result.warnings);
      outputs.push({ target, path: emitFile(outDir, `${book.meta.slug}.pdf`, result.bytes), bytes: result.bytes.length, pages: result.pages });
    }
    const output = outputs.at(-1)!;
    stage.end(output.pages ? `${output.pages} pages` : undefined);
    log(`wrote ${output.path} in ${seconds(start)}`);
  }
  return { book, files: prepared.files, outputs, ignored: prepared.ignored, notices: prepared.notices, warnings, stats: prepared.stats };
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}
