import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { prepareBook } from '../src/prepare-book.js';
import { applyTransforms } from '../src/transforms/index.js';
import { assembleBody } from '../src/writers/pdf/assemble.js';
import { bundledFaces, fontDirs } from '../src/writers/pdf/fonts.js';
import { pdfWriter } from '../src/writers/pdf/pdf-writer.js';
import { printAssembly } from '../src/writers/pdf/print-document.js';
import { Printer } from '../src/writers/pdf/print.js';

/**
 * The floor for `wenji pdf`: the time Chromium alone takes to print the assembled body once
 * (the full bundled fonts, no subsetting, no second print, no post-processing).
 */
export async function measurePrintFloor(dir: string): Promise<{ seconds: number; pages: number }> {
  const prepared = await prepareBook({ dir });
  const settings = pdfWriter.resolve(prepared.bookConfig, { writingMode: 'vertical', pageSize: 'a5' }, prepared.config.dir);
  const vertical = applyTransforms(prepared.book, pdfWriter.transforms(settings));
  const assemble = printAssembly(vertical, settings, bundledFaces());
  const { geometry } = assemble;
  const work = mkdtempSync(path.join(tmpdir(), 'wenji-floor-'));
  const html = path.join(work, 'body.html');
  writeFileSync(html, assembleBody(vertical, assemble));
  const printer = await Printer.open([work, ...fontDirs()]);
  try {
    const start = performance.now();
    const bytes = await printer.print({ htmlPath: html, width: geometry.width, height: geometry.height, tagged: true });
    const seconds = (performance.now() - start) / 1000;
    const pages = (await PDFDocument.load(bytes)).getPageCount();
    return { seconds, pages };
  } finally {
    await printer.close();
    rmSync(work, { recursive: true, force: true });
  }
}
