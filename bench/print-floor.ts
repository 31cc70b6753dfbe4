import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { labelsFor } from '../src/locale/labels.js';
import { adaptToWritingMode } from '../src/transforms/writing-mode.js';
import { prepareBook, readStylesheet } from '../src/prepare-book.js';
import { stylesDir } from '../src/paths.js';
import { assembleBody } from '../src/writers/pdf/assemble.js';
import { fontDirs, fontFaceCss } from '../src/writers/pdf/fonts.js';
import { pageGeometries } from '../src/writers/pdf/geometry.js';
import { Printer } from '../src/writers/pdf/print.js';

/**
 * The floor for `wenji pdf`: the time Chromium alone takes to print the assembled body once
 * (the full bundled fonts, no subsetting, no second print, no post-processing).
 */
export async function measurePrintFloor(dir: string): Promise<{ seconds: number; pages: number }> {
  const { book } = await prepareBook({ dir });
  const vertical = adaptToWritingMode(book, { mode: 'vertical', quotes: 'corner' });
  const geometry = pageGeometries.a5;
  const work = mkdtempSync(path.join(tmpdir(), 'wenji-floor-'));
  const html = path.join(work, 'body.html');
  writeFileSync(html, assembleBody(vertical, { mode: 'vertical', geometry, labels: labelsFor(book.meta.language), css: readStylesheet(stylesDir, 'print.css', dir), fontCss: fontFaceCss(), colophon: true }));
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
