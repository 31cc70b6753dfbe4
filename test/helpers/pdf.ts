import { readFileSync } from 'node:fs';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString, PDFHexString } from 'pdf-lib';

export interface TextItem {
  str: string;
  /** Origin of the run, in PDF points from the bottom left. */
  x: number;
  y: number;
  /** Font size in points, width (advance) and height of the run. */
  size: number;
  width: number;
  height: number;
  /** Set sideways (Latin in vertical text): its advance runs down the page from (x, y). */
  rotated: boolean;
}

export interface PageText {
  /** All text on the page, whitespace removed (vertical text comes out glyph by glyph). */
  squashed: string;
  items: TextItem[];
  width: number;
  height: number;
}

export interface OutlineNode {
  title: string;
  /** 0-based page it leads to. */
  page: number;
  children: OutlineNode[];
}

export interface OpenedPdf {
  pages: PageText[];
  /** The bookmarks, nested as in the file (a part, its articles, their sections). */
  outline: OutlineNode[];
  lib: PDFDocument;
  /** 0-based page index of each page ref. */
  pageIndex: Map<string, number>;
}

const squash = (text: string) => text.replace(/\s+/g, '');

/** Opens a PDF with pdf.js (text, outline) and pdf-lib (objects). */
export async function openPdf(file: string): Promise<OpenedPdf> {
  const data = new Uint8Array(readFileSync(file));
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: data.slice(), disableFontFace: true, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: PageText[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const items = content.items
      .filter((item): item is typeof item & { str: string; transform: number[]; width: number; height: number } => 'str' in item)
      .filter((item) => item.str !== '')
      .map((item) => ({ str: item.str, x: item.transform[4]!, y: item.transform[5]!, size: Math.hypot(item.transform[2]!, item.transform[3]!), width: item.width, height: item.height, rotated: Math.abs(item.transform[1]!) > 0.01 }));
    pages.push({ squashed: squash(items.map((item) => item.str).join('')), items, width: viewport.width, height: viewport.height });
  }
  const outlineItems = (await doc.getOutline()) ?? [];
  const pageOf = async (dest: unknown): Promise<number> => {
    const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : (dest as unknown[]);
    return doc.getPageIndex(explicit![0] as { num: number; gen: number });
  };
  type Item = (typeof outlineItems)[number];
  const nodes = async (items: Item[]): Promise<OutlineNode[]> => {
    const result: OutlineNode[] = [];
    for (const item of items) result.push({ title: item.title, page: await pageOf(item.dest), children: await nodes(item.items ?? []) });
    return result;
  };
  const outline = await nodes(outlineItems);
  await doc.destroy();
  const lib = await PDFDocument.load(data, { updateMetadata: false });
  const pageIndex = new Map(lib.getPages().map((page, index) => [page.ref.toString(), index]));
  return { pages, outline, lib, pageIndex };
}

/** The folio printed in the bottom margin of a page (digits only, lowest on the page). */
export function folio(page: PageText): number | undefined {
  const candidates = page.items.filter((item) => /^\d+$/.test(item.str.trim()) && item.y < page.height * 0.15);
  candidates.sort((a, b) => a.y - b.y);
  return candidates[0] ? Number(candidates[0].str.trim()) : undefined;
}

/** Pages (0-based) that link annotations on `page` jump to, in annotation order. */
export function linkTargets(pdf: OpenedPdf, page: number): number[] {
  const node = pdf.lib.getPage(page).node;
  const annots = node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  const targets: number[] = [];
  if (!annots) return targets;
  for (let i = 0; i < annots.size(); i++) {
    const annot = annots.lookupMaybe(i, PDFDict);
    const dest = annot?.lookup(PDFName.of('Dest'));
    if (dest instanceof PDFArray) {
      const ref = dest.get(0);
      if (ref instanceof PDFRef) targets.push(pdf.pageIndex.get(ref.toString()) ?? -1);
    }
  }
  return targets;
}

/** Every font dictionary in the file: its subtype and whether a font program is embedded. */
export function fonts(pdf: OpenedPdf): { name: string; subtype: string; embedded: boolean }[] {
  const result: { name: string; subtype: string; embedded: boolean }[] = [];
  for (const [, object] of pdf.lib.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const subtype = (object.get(PDFName.of('Subtype')) as PDFName | undefined)?.decodeText() ?? '';
    if (subtype === 'CIDFontType0' || subtype === 'CIDFontType2') continue; // descendants, checked via their parent
    let descriptor = object.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
    if (subtype === 'Type0') {
      const descendant = object.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookupMaybe(0, PDFDict);
      descriptor = descendant?.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
    }
    const embedded = subtype === 'Type3' || Boolean(descriptor && ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor!.has(PDFName.of(key))));
    result.push({ name: (object.get(PDFName.of('BaseFont')) as PDFName | undefined)?.decodeText() ?? '?', subtype, embedded });
  }
  return result;
}

export function infoString(pdf: OpenedPdf, key: string): string | undefined {
  const info = pdf.lib.context.lookup(pdf.lib.context.trailerInfo.Info, PDFDict);
  const value = info?.lookup(PDFName.of(key));
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}
