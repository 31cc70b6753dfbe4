import { epubWriter } from './epub/epub-writer.js';
import { kepubWriter } from './kepub/kepub-writer.js';
import { pdfWriter } from './pdf/pdf-writer.js';
import type { Writer } from './types.js';

/** Every writer, in the order `build` writes them and `--help` lists them. */
export const writers: readonly Writer[] = [epubWriter, pdfWriter, kepubWriter];

export function writerNamed(name: string): Writer {
  const writer = writers.find((candidate) => candidate.name === name);
  if (!writer) throw new Error(`no writer named "${name}"`);
  return writer;
}
