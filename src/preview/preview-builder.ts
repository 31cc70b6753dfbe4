import path from 'node:path';
import type { VFile } from 'vfile';
import type { ImageAsset } from '../book/model.js';
import { createArticleWork } from '../article-work.js';
import { ArticleCache } from '../cache/article-cache.js';
import { codeFingerprint } from '../cache/fingerprint.js';
import { memoryStore } from '../cache/memory-store.js';
import type { LoadedConfig } from '../config/load.js';
import { describeError, isWenjiError } from '../errors.js';
import { prepareBook, type PrepareOptions } from '../prepare-book.js';
import type { WriterFlags } from '../writers/types.js';
import { bundledFaces } from '../writers/pdf/fonts.js';
import { pdfWriter } from '../writers/pdf/pdf-writer.js';
import { printAssembly } from '../writers/pdf/print-document.js';
import { errorDocument, previewDocument, previewPaths } from './preview-document.js';
import { rememberedTransforms } from './remembered-transforms.js';

export interface PreviewBuildOptions extends Omit<PrepareOptions, 'cache' | 'progress'>, WriterFlags {}

/** What the server shows: replaced as a whole after each rebuild. */
export interface PreviewState {
  /** Increases with every rebuild; the page compares it to reload. */
  revision: number;
  html: string;
  /** Packaged images by file name (`<hash>.<ext>`). */
  images: Map<string, ImageAsset>;
  /** The folders to watch, known once the config has been read. */
  config?: LoadedConfig;
  contentDir?: string;
}

export interface RebuildReport {
  ok: boolean;
  seconds: number;
  articles: number;
  normalized: number;
  reused: number;
  files: VFile[];
  notices: string[];
  error?: unknown;
}

/**
 * Builds the preview page, again and again: the normalized articles are kept in memory between
 * rebuilds (keyed by source, settings and code, as the build cache), so a save re-normalizes only
 * the article that changed. A failed rebuild shows its error instead of the book.
 */
export function createPreviewBuilder(options: PreviewBuildOptions) {
  const store = memoryStore();
  const fingerprint = codeFingerprint();
  const faces = bundledFaces();
  const transform = rememberedTransforms();
  // One worker for the session: a save is read without starting a thread.
  const work = createArticleWork();
  let state: PreviewState = { revision: 0, html: errorDocument('not built yet', 0), images: new Map() };

  async function rebuild(): Promise<RebuildReport> {
    const started = performance.now();
    const revision = state.revision + 1;
    try {
      const prepared = await prepareBook({ ...options, work, cache: (config) => new ArticleCache(store, config.config, fingerprint) });
      // What prints: the PDF writer's own settings, transforms and print documents (the fonts served over HTTP).
      const settings = pdfWriter.resolve(prepared.bookConfig, options, prepared.config.dir);
      const book = transform(prepared.book, pdfWriter.transforms(settings));
      const assemble = printAssembly(book, settings, faces, (_face, index) => previewPaths.font(index));
      const problems = prepared.files.flatMap((file) => file.messages.map((message) => ({ file: file.path, text: `${message.line ? `${message.line}:${message.column ?? 1} ` : ''}${message.reason}` })));
      problems.push(...prepared.notices.map((notice) => ({ file: 'book.yaml', text: notice })));
      state = {
        revision,
        html: previewDocument(book, { assemble, revision, problems }),
        images: new Map(book.images.map((image) => [path.basename(image.href), image])),
        config: prepared.config,
        contentDir: prepared.contentDir,
      };
      return { ok: true, seconds: seconds(started), articles: book.articles.length, ...prepared.stats, files: prepared.files, notices: prepared.notices };
    } catch (error) {
      const message = isWenjiError(error) ? error.toString() : `internal error: ${describeError(error)}`;
      state = { ...state, revision, html: errorDocument(message, revision) };
      return { ok: false, seconds: seconds(started), articles: 0, normalized: 0, reused: 0, files: [], notices: [], error };
    }
  }

  return {
    rebuild,
    /** Ends the reading worker (the preview stops). */
    close: () => work.close(),
    get state(): PreviewState {
      return state;
    },
    faces,
  };
}

export type PreviewBuilder = ReturnType<typeof createPreviewBuilder>;

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}
