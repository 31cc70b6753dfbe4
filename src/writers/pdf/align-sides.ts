import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, popGraphicsState, pushGraphicsState, translate, type PDFDocument } from 'pdf-lib';
import type { WritingMode } from '../../config/schema.js';
import { pageSides, type PageGeometry } from './geometry.js';

const points = (mm: number) => (mm * 72) / 25.4;

/**
 * The body is printed with the recto's margins on every page (`rectoMarginsCss`), and each page
 * that ends up a verso is moved sideways to the verso's margins after the print. Chromium lays a
 * page out as `:right` (recto) or `:left` (verso) by its place in the document it prints, but the
 * finished body is not that document: a blank page before an article that must start on a recto
 * turns the pages after it over, and a chunk's first page would be a `:right` page wherever it
 * falls (print-chunks.ts). Both sides have the same content box, so moving a page is a
 * translation by the difference of the left margins, with its links and the named destinations
 * on it; and a page prints the same wherever it falls in whichever document.
 * `finalSide(page)` is the side the printed page is on in the finished body (0: recto).
 */
export function alignPageSides(doc: PDFDocument, geometry: PageGeometry, mode: WritingMode, finalSide: (page: number) => 0 | 1): number {
  const sides = pageSides(geometry, mode);
  const left = [points(sides.recto.left), points(sides.verso.left)] as const;
  const pages = doc.getPages();
  const shifts = new Map<string, number>();
  const wrappers = new Map<number, [PDFRef, PDFRef]>();
  const wrapper = (dx: number) => {
    let pair = wrappers.get(dx);
    if (!pair) {
      pair = [doc.context.register(doc.context.contentStream([pushGraphicsState(), translate(dx, 0)])), doc.context.register(doc.context.contentStream([popGraphicsState()]))];
      wrappers.set(dx, pair);
    }
    return pair;
  };
  pages.forEach((page, index) => {
    const dx = left[finalSide(index)] - left[0];
    if (dx === 0) return;
    shifts.set(page.ref.toString(), dx);
    // Chromium writes a page's content as one stream; wrapping needs an array of them.
    const contents = page.node.get(PDFName.of('Contents'));
    if (contents instanceof PDFRef) page.node.set(PDFName.of('Contents'), doc.context.obj([contents]));
    page.node.wrapContentStreams(...wrapper(dx));
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (annots) for (let i = 0; i < annots.size(); i++) {
      const rect = annots.lookupMaybe(i, PDFDict)?.lookupMaybe(PDFName.of('Rect'), PDFArray);
      if (rect) shiftNumbers(rect, [0, 2], dx);
    }
  });
  if (shifts.size === 0) return 0;
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (dests) for (const [, value] of dests.entries()) {
    const dest = doc.context.lookup(value);
    if (!(dest instanceof PDFArray)) continue;
    const page = dest.get(0);
    const dx = page instanceof PDFRef ? shifts.get(page.toString()) : undefined;
    // [page /XYZ left top zoom]
    if (dx !== undefined && dest.get(1) === PDFName.of('XYZ')) shiftNumbers(dest, [2], dx);
  }
  return shifts.size;
}

function shiftNumbers(array: PDFArray, indices: number[], dx: number): void {
  for (const index of indices) {
    const value = array.get(index);
    if (value instanceof PDFNumber) array.set(index, PDFNumber.of(value.asNumber() + dx));
  }
}

/** Added after the body's page rules: its versos are printed as rectos, and moved by `alignPageSides`. */
export function rectoMarginsCss(geometry: PageGeometry, mode: WritingMode): string {
  const { recto } = pageSides(geometry, mode);
  return `@page :left { margin: ${geometry.top}mm ${recto.right}mm ${geometry.bottom}mm ${recto.left}mm; }`;
}
