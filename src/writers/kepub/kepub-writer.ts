import { epubWriter, writeEpubEdition, type EpubEdition, type EpubSettings } from '../epub/epub-writer.js';
import type { PreparedCover } from '../cover/prepare-cover.js';
import type { Writer } from '../types.js';
import { koboDocument } from './kobo-spans.js';

/**
 * The Kobo edition: the EPUB with Kobo's sentence spans, wrappers and style in every content
 * document of the spine (kobo-spans.ts). Its documents are kept in a cache folder of their own,
 * under a key of their own, so the EPUB's are never taken for them nor pruned by them.
 */
const koboEdition: EpubEdition = {
  pass: { key: 'kobo-spans-1', apply: koboDocument },
  documents: 'kobo-documents',
};

/** `wenji kepub` → `out/<slug>.kepub.epub`: everything as the EPUB (settings, passes, cover) but the edition's pass. */
export const kepubWriter: Writer<EpubSettings, Promise<PreparedCover>> = {
  ...epubWriter,
  name: 'kepub',
  extension: '.kepub.epub',
  summary: "Build the Kobo edition (the EPUB with Kobo's sentence spans, .kepub.epub)",
  noun: 'the Kobo EPUB',
  label: 'write KePub',
  inBuild: false,
  write: (book, settings, context, cover) => writeEpubEdition(book, settings, context, cover, koboEdition),
};
