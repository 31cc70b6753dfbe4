import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef } from 'pdf-lib';
import type { OpenedPdf } from './pdf.js';
import { pageLines, type Mode } from './pdf-lines.js';

export interface ContentsEntry {
  text: string;
  number: number | undefined;
  /** 0-based page the entry's link leads to (-1: none). */
  target: number;
}

/** The links of the contents pages (between the cover and the body), each with its text and the number printed in it. */
export function contentsEntries(pdf: OpenedPdf, mode: Mode, firstBody: number): ContentsEntry[] {
  const entries: ContentsEntry[] = [];
  for (let index = pdf.outline[0]!.page; index < firstBody; index++) {
    const page = pdf.pages[index]!;
    const annots = pdf.lib.getPage(index).node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (let i = 0; i < (annots?.size() ?? 0); i++) {
      const annot = annots!.lookupMaybe(i, PDFDict)!;
      const rect = annot.lookup(PDFName.of('Rect'), PDFArray).asArray().map((value) => (value as PDFNumber).asNumber());
      const [x0, y0, x1, y1] = [Math.min(rect[0]!, rect[2]!) - 1, Math.min(rect[1]!, rect[3]!) - 1, Math.max(rect[0]!, rect[2]!) + 1, Math.max(rect[1]!, rect[3]!) + 1];
      const inside = page.items.filter((item) => item.x >= x0 && item.x <= x1 && item.y >= y0 && item.y <= y1);
      // The title is the largest text of the entry (the author is smaller), the number the digits.
      const numbers = inside.filter((item) => /^\d+$/.test(item.str.trim()));
      const words = inside.filter((item) => !numbers.includes(item));
      const size = Math.max(...words.map((item) => item.size));
      const lines = pageLines({ ...page, items: words.filter((item) => item.size > size - 0.3) }, index, mode, { top: page.height, bottom: 0 });
      const dest = annot.lookup(PDFName.of('Dest'));
      const ref = dest instanceof PDFArray ? dest.get(0) : undefined;
      entries.push({
        text: lines.map((line) => line.text).join(''),
        number: numbers.length ? Number(numbers.at(-1)!.str.trim()) : undefined,
        target: ref instanceof PDFRef ? (pdf.pageIndex.get(ref.toString()) ?? -1) : -1,
      });
    }
  }
  return entries;
}
