import type { WritingMode } from '../../config/schema.js';
import { faceFor, type Compression } from '../../locale/cjk-locale.js';
import { labelsFor } from '../../locale/labels.js';
import { crossFileLinksTransform, writingModeTransform } from '../../transforms/index.js';
import type { PreparedCover } from '../cover/prepare-cover.js';
import type { Book } from '../../book/model.js';
import type { Writer, WriterContext, WriterOutput } from '../types.js';
import { readStylesheet } from '../stylesheet.js';
import { articleHref } from './file-names.js';
import { noteTypesTransform } from './note-types.js';
import type { DocumentPass } from './render-documents.js';

export interface EpubSettings {
  writingMode: WritingMode;
  quotes: 'corner' | 'keep';
  uprightCapitals: boolean | undefined;
  compression: Compression;
  embedFont: boolean;
  /** `styles/epub.css` with the typography rules and the book's custom.css. */
  css: string;
  /** The same with the rules for parts (`styles/epub-parts.css`), for a book that has parts. */
  cssWithParts: string;
}

export const epubWriter: Writer<EpubSettings, Promise<PreparedCover>> = {
  name: 'epub',
  extension: '.epub',
  summary: 'Build the EPUB 3 book',
  noun: 'the EPUB',
  label: 'write EPUB',
  steps: 1,
  inBuild: true,
  resolve: (config, flags, bookDir) => ({
    writingMode: flags.writingMode ?? config.epub.writingMode,
    quotes: config.epub.quotes,
    uprightCapitals: config.typography.uprightCapitals,
    compression: config.typography.compression,
    embedFont: config.epub.embedFont,
    css: readStylesheet('epub.css', bookDir, config.typography),
    cssWithParts: readStylesheet(['epub.css', 'epub-parts.css'], bookDir, config.typography),
  }),
  transforms: (settings) => [
    writingModeTransform({ mode: settings.writingMode, quotes: settings.quotes, uprightCapitals: settings.uprightCapitals, compression: settings.compression }),
    noteTypesTransform,
    crossFileLinksTransform('epub', (articleId, fragment) => `${articleHref({ id: articleId })}${fragment ? `#${fragment}` : ''}`),
  ],
  // The cover depends on the settings only: it is drawn while the articles are read.
  prepare: (meta, settings, context) => {
    let laidOut!: () => void;
    // The layout is drawn first (its loading and shaping would otherwise wait for a pause in the
    // reading, and the writer for them); the rasterizing then runs beside the reading.
    const ready = new Promise<void>((resolve) => (laidOut = resolve));
    const work = (async () => {
      const [{ prepareCover }, { bundledSerif }, store] = await Promise.all([import('../cover/prepare-cover.js'), import('../fonts/bundled-fonts.js'), coverStore(context)]);
      return prepareCover({ meta }, { vertical: settings.writingMode === 'vertical', family: bundledSerif(faceFor(meta.language) ?? 'sc'), labels: labelsFor(meta.language), display: context.display, store, laidOut });
    })();
    // Awaited by the writer; a failure surfaces there, not as an unhandled rejection.
    work.catch(() => laidOut());
    return { work, ready };
  },
  write: (book, settings, context, cover) => writeEpubEdition(book, settings, context, cover),
};

/** An edition built on the EPUB: what it changes in each content document, and where its documents are kept. */
export interface EpubEdition {
  pass: DocumentPass;
  /** The folder of the build cache its rendered documents are kept in (the EPUB's: `documents`). */
  documents: string;
}

/**
 * The EPUB writer's `write`, for the EPUB and for editions built on it (the Kobo edition):
 * everything but the edition's pass over the content documents is the EPUB's.
 */
export async function writeEpubEdition(book: Book, settings: EpubSettings, context: WriterContext, cover: Promise<PreparedCover> | undefined, edition?: EpubEdition): Promise<WriterOutput> {
  const [{ writeEpub }, { diskDocumentStore }] = await Promise.all([import('./write-epub.js'), import('./document-store.js')]);
  const { cacheDir } = context;
  const written = await writeEpub(book, {
    // A book without parts keeps the stylesheet it had before parts existed.
    css: book.parts.length > 0 ? settings.cssWithParts : settings.css,
    writingMode: settings.writingMode,
    embedFont: settings.embedFont,
    coverStore: await coverStore(context),
    documentStore: cacheDir ? diskDocumentStore(cacheDir, context.warn, edition?.documents) : undefined,
    cover,
    displayPath: context.display,
    documentPass: edition?.pass,
  });
  return { bytes: written.bytes, warnings: written.warnings, details: written.details };
}

async function coverStore(context: WriterContext) {
  const { cacheDir } = context;
  if (!cacheDir) return undefined;
  const { diskCoverStore } = await import('../cover/cover-store.js');
  return diskCoverStore(cacheDir, context.warn);
}
