import type { Book } from '../../book/model.js';
import { faceFor } from '../../locale/cjk-locale.js';
import { labelsFor } from '../../locale/labels.js';
import type { AssembleOptions } from './assemble.js';
import { fontFaceCss, fontLanguageCss, type BundledFace } from './fonts.js';
import { pageGeometries } from './geometry.js';
import type { PdfSettings } from './settings.js';

/**
 * How the print documents are assembled from the settings: writing mode, page geometry, labels,
 * stylesheet and fonts. The PDF writer prints with it and the preview shows with it, so the two
 * cannot differ but in where the fonts come from (`urlOf`: the print reads the book's subsets
 * from its work folder, the preview is served the bundled files).
 */
export function printAssembly(book: Book, settings: PdfSettings, faces: BundledFace[], urlOf?: (face: BundledFace, index: number) => string): AssembleOptions {
  const bookFace = faceFor(book.meta.language) ?? 'sc';
  return {
    mode: settings.mode,
    geometry: pageGeometries[settings.pageSize],
    labels: labelsFor(book.meta.language),
    css: settings.css,
    fontCss: `${fontFaceCss(faces, urlOf)}\n${fontLanguageCss(bookFace)}`,
    colophon: settings.colophon,
  };
}
