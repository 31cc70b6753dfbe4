import type { ArticleStart, PageSize, WritingMode } from '../../config/schema.js';
import type { Compression } from '../../locale/cjk-locale.js';

/** The PDF writer's settings, resolved once from the flags, book.yaml and the defaults (pdf-writer.ts). */
export interface PdfSettings {
  mode: WritingMode;
  pageSize: PageSize;
  quotes: 'corner' | 'keep';
  /** `typography.uprightCapitals` (see transforms/writing-mode.ts). */
  uprightCapitals: boolean | undefined;
  /** `typography.compression` (the stylesheet's rules come with `css`). */
  compression: Compression;
  /** Contents depth: 1 = articles, 2 = with their sections. */
  tocDepth: 1 | 2;
  colophon: boolean;
  /** Default: recto for vertical books, any for horizontal ones and on e-reader screens. */
  articleStart: ArticleStart | undefined;
  /** `styles/print.css` with the typography rules and the book's custom.css. */
  css: string;
  /** What was wrong with the book's custom.css (a link out of the book folder), one line each. */
  stylesheetWarnings: string[];
}
