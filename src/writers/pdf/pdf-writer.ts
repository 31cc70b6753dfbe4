import { defaultWritingMode } from '../../transforms/writing-mode.js';
import { writingModeTransform } from '../../transforms/index.js';
import type { Writer } from '../types.js';
import { readStylesheet } from '../stylesheet.js';
import type { PdfSettings } from './settings.js';

export const pdfWriter: Writer<PdfSettings> = {
  name: 'pdf',
  extension: '.pdf',
  summary: 'Build the PDF book',
  noun: 'the PDF',
  label: 'print PDF',
  // Subset the fonts, print the body, print the page furniture and the contents, finish (outline, metadata).
  steps: 4,
  inBuild: true,
  resolve: (config, flags, bookDir) => {
    const stylesheet = readStylesheet('print.css', bookDir, config.typography);
    return {
      mode: flags.writingMode ?? config.pdf.writingMode ?? defaultWritingMode('pdf', config.language),
      pageSize: flags.pageSize ?? config.pdf.pageSize,
      quotes: config.pdf.quotes,
      uprightCapitals: config.typography.uprightCapitals,
      compression: config.typography.compression,
      tocDepth: config.pdf.tocDepth,
      colophon: config.pdf.colophon,
      articleStart: config.pdf.articleStart,
      css: stylesheet.css,
      stylesheetWarnings: stylesheet.warnings,
    };
  },
  transforms: (settings) => [writingModeTransform({ mode: settings.mode, quotes: settings.quotes, uprightCapitals: settings.uprightCapitals, compression: settings.compression })],
  write: async (book, settings, context) => {
    // pdf-lib, the font subsetter and puppeteer are loaded only when a PDF is written.
    const { writePdf } = await import('./write-pdf.js');
    const result = await writePdf(book, settings, { log: context.log, progress: context.progress });
    return { ...result, warnings: [...settings.stylesheetWarnings, ...result.warnings], details: [] };
  },
};
