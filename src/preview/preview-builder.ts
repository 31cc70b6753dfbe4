import path from 'node:path';
import type { VFile } from 'vfile';
import { labelsFor } from '../locale/labels.js';
import type { Root } from 'hast';
import type { Article, Book, ImageAsset } from '../book/model.js';
import { adaptToWritingMode, defaultWritingMode } from '../transforms/writing-mode.js';
import { ArticleCache } from '../cache/article-cache.js';
import { codeFingerprint } from '../cache/fingerprint.js';
import { memoryStore } from '../cache/memory-store.js';
import type { LoadedConfig } from '../config/load.js';
import type { PageSize, WritingMode } from '../config/schema.js';
import { describeError, isWenjiError } from '../errors.js';
import { stylesDir } from '../paths.js';
import { prepareBook, readStylesheet, type PrepareOptions } from '../prepare-book.js';
import { bundledFaces, fontFaceCss, fontLanguageCss } from '../writers/pdf/fonts.js';
import { faceFor, type Compression } from '../locale/cjk-locale.js';
import { pageGeometries } from '../writers/pdf/geometry.js';
import { errorDocument, previewDocument, previewPaths } from './preview-document.js';

export interface PreviewBuildOptions extends Omit<PrepareOptions, 'cache' | 'progress'> {
  writingMode?: WritingMode | undefined;
  pageSize?: PageSize | undefined;
}

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
  const adapt = adaptedArticles();
  let state: PreviewState = { revision: 0, html: errorDocument('not built yet', 0), images: new Map() };

  async function rebuild(): Promise<RebuildReport> {
    const started = performance.now();
    const revision = state.revision + 1;
    try {
      const prepared = await prepareBook({ ...options, cache: (config) => new ArticleCache(store, config.config, fingerprint) });
      const { pdf } = prepared.config.config;
      const mode = options.writingMode ?? pdf.writingMode ?? defaultWritingMode('pdf', prepared.book.meta.language);
      // The same adaptation the PDF writer makes (tate-chu-yoko, corner quotes).
      const { compression } = prepared.config.config.typography;
      const book = adapt(prepared.book, mode, pdf.quotes, prepared.config.config.typography.uprightCapitals, compression);
      const assemble = {
        mode,
        geometry: pageGeometries[options.pageSize ?? pdf.pageSize],
        labels: labelsFor(book.meta.language),
        css: readStylesheet(stylesDir, 'print.css', prepared.config.dir, prepared.config.config.typography),
        fontCss: `${fontFaceCss(faces, (_face, index) => previewPaths.font(index))}\n${fontLanguageCss(faceFor(book.meta.language) ?? 'sc')}`,
        colophon: pdf.colophon,
      };
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
    get state(): PreviewState {
      return state;
    },
    faces,
  };
}

/**
 * adaptToWritingMode, remembered per article: a cached article keeps its body object between
 * rebuilds, so only new bodies (the articles that changed) are adapted again.
 */
function adaptedArticles() {
  const memo = new Map<string, WeakMap<Root, Pick<Article, 'title' | 'body' | 'sections'>>>();
  return (book: Book, mode: WritingMode, quotes: 'corner' | 'keep', uprightCapitals: boolean | undefined, compression: Compression): Book => {
    const key = `${mode}\n${quotes}\n${uprightCapitals}\n${compression}\n${book.meta.language}`;
    const known = memo.get(key) ?? new WeakMap();
    memo.clear();
    memo.set(key, known);
    const missing = book.articles.filter((article) => !known.has(article.body));
    const fresh = adaptToWritingMode({ ...book, articles: missing }, { mode, quotes, uprightCapitals, compression }).articles;
    missing.forEach((article, index) => {
      const { title, body, sections } = fresh[index]!;
      known.set(article.body, { title, body, sections });
    });
    return { ...book, articles: book.articles.map((article) => ({ ...article, ...known.get(article.body)! })) };
  };
}

export type PreviewBuilder = ReturnType<typeof createPreviewBuilder>;

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}
