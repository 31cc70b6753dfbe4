import type { WritingMode } from '../../config/schema.js';
import { isCjkLanguage } from '../../locale/labels.js';

/** The CSS writing mode of one content document, written as a class on its root element. */
export type DocumentWritingMode = 'vertical-rl' | 'horizontal-tb';

/**
 * Vertical books set every document vertical-rl — cover, title page, contents, nav, colophon
 * included, since readers take the page direction from each document's root. The exception is
 * an article in a Latin language (an English essay in a Chinese anthology): set vertically, each
 * line of Latin text lies on its side and has to be read with the head tilted, so that document
 * stays horizontal-tb, as Japanese books set their English pages. The book still turns right to
 * left (the spine's page-progression-direction is book-wide). Horizontal books need no class.
 */
export function documentWritingMode(bookMode: WritingMode, documentLanguage: string): DocumentWritingMode | undefined {
  if (bookMode !== 'vertical') return undefined;
  return isCjkLanguage(documentLanguage) ? 'vertical-rl' : 'horizontal-tb';
}
