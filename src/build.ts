import path from 'node:path';
import type { VFile } from 'vfile';
import type { Book } from './book/model.js';
import { adaptToWritingMode, defaultWritingMode } from './book/writing-mode.js';
import { linkAcrossFiles } from './book/links.js';
import type { PageSize, SpacingMode, WritingMode } from './config/schema.js';
import { displayPath } from './content/load.js';
import { emitFile } from './emit.js';
import { WenjiError } from './errors.js';
import { stylesDir } from './paths.js';
import { prepareBook, readStylesheet, type PrepareOptions } from './prepare-book.js';
import { articleHref } from './writers/epub/documents.js';
import { writeEpub } from './writers/epub/write-epub.js';
import { writePdf } from './writers/pdf/write-pdf.js';

export type Target = 'epub' | 'pdf';

export interface BuildOptions extends PrepareOptions {
  targets: Target[];
  /** Output folder; defaults to `out/` in the book folder. */
  outDir?: string | undefined;
  /** Overrides the config's writing mode for every target built. */
  writingMode?: WritingMode | undefined;
  /** Overrides the config's PDF page size. */
  pageSize?: PageSize | undefined;
  log?: (line: string) => void;
  /** Writer warnings (not tied to one article). */
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
}

/** Load the book once, then write each requested target into out/. */
export async function buildOutputs(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  // Downloaded images are cached next to the outputs (out/.cache), wherever --out points.
  const cacheDir = options.outDir ? path.join(path.resolve(options.cwd ?? process.cwd(), options.outDir), '.cache') : undefined;
  const prepared = await prepareBook({ ...options, cacheDir: options.cacheDir ?? cacheDir });
  const { book } = prepared;
  log(`read ${book.articles.length} article${book.articles.length === 1 ? '' : 's'} in ${seconds(started)}`);
  options.onArticles?.(prepared.files, prepared.notices);
  if (book.articles.length === 0) {
    throw new WenjiError('content', 'no article could be read, so no book was written (see the errors above)', {
      file: displayPath(prepared.contentDir, options.cwd ?? process.cwd()),
    });
  }
  const outDir = options.outDir ? path.resolve(options.cwd ?? process.cwd(), options.outDir) : path.join(prepared.config.dir, 'out');
  const outputs: BuildOutput[] = [];
  for (const target of options.targets) {
    const start = performance.now();
    if (target === 'epub') {
      const { epub } = prepared.config.config;
      const writingMode = options.writingMode ?? epub.writingMode;
      const adapted = adaptToWritingMode(book, { mode: writingMode, quotes: epub.quotes });
      const linked = linkAcrossFiles(adapted, (articleId, fragment) => `${articleHref({ id: articleId })}${fragment ? `#${fragment}` : ''}`);
      const css = readStylesheet(stylesDir, 'epub.css', prepared.config.dir) + spacingCss(prepared.config.config.typography.spacing);
      const bytes = await writeEpub(linked, { css, writingMode });
      outputs.push({ target, path: emitFile(outDir, `${book.meta.slug}.epub`, bytes), bytes: bytes.length });
    } else {
      const { pdf } = prepared.config.config;
      const result = await writePdf(book, {
        mode: options.writingMode ?? pdf.writingMode ?? defaultWritingMode('pdf', book.meta.language),
        pageSize: options.pageSize ?? pdf.pageSize,
        quotes: pdf.quotes,
        tocDepth: pdf.tocDepth,
        colophon: pdf.colophon,
        css: readStylesheet(stylesDir, 'print.css', prepared.config.dir) + spacingCss(prepared.config.config.typography.spacing),
        log,
      });
      for (const warning of result.warnings) options.warn?.(warning);
      outputs.push({ target, path: emitFile(outDir, `${book.meta.slug}.pdf`, result.bytes), bytes: result.bytes.length, pages: result.pages });
    }
    log(`wrote ${outputs.at(-1)!.path} in ${seconds(start)}`);
  }
  return { book, files: prepared.files, outputs, ignored: prepared.ignored, notices: prepared.notices };
}

/**
 * The stylesheets draw the CJK–Latin gap (`text-autospace`); when typography.spacing inserts
 * spaces, or asks for none, that mechanism is switched off so there is only one.
 */
function spacingCss(spacing: SpacingMode): string {
  return spacing === 'css' ? '' : '\n/* typography.spacing: ' + spacing + ' */\nhtml, html body { text-autospace: no-autospace; }\n';
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}
