import type { PageText, TextItem } from './pdf.js';

/**
 * Lines of text read back from a PDF page's text layer: rows of a horizontal page, columns of a
 * vertical one, in reading order. A line is text of one size; `start` is where its first glyph
 * begins along the line (x of a row, top of a column), to tell an indented line.
 */
export interface TextLine {
  text: string;
  size: number;
  start: number;
  /** Glyph cells: characters of a row (spaces left out), items of a column (a tate-chu-yoko run is one). */
  cells: number;
  /** Position across the lines (y of a row's baseline, x of a column's centre). */
  across: number;
  page: number;
}

export type Mode = 'vertical' | 'horizontal';

/** The lines of a page between `bottom` and `top` (PDF points from the bottom edge). */
export function pageLines(page: PageText, index: number, mode: Mode, region: { top: number; bottom: number }): TextLine[] {
  const inside = page.items.filter((item) => item.str.trim() !== '' && item.y >= region.bottom && item.y + item.size <= region.top + 1);
  // A column's centre: an upright glyph's origin is its left edge; a sideways run's is its
  // baseline, about 0.4 em left of the centre.
  const across = (item: TextItem) => (mode === 'horizontal' ? item.y : item.rotated ? item.x + item.size * 0.4 : item.x + item.width / 2);
  const sorted = [...inside].sort((a, b) => across(a) - across(b));
  const groups: TextItem[][] = [];
  for (const item of sorted) {
    const last = groups.at(-1);
    const previous = last?.at(-1);
    // Same line: close across (less than 0.6 em apart) and of the same size.
    if (last && previous && across(item) - across(previous) < item.size * 0.6 && Math.abs(item.size - previous.size) < 0.3) last.push(item);
    else groups.push([item]);
  }
  const lines = groups.map((items): TextLine => {
    const top = (item: TextItem) => (item.rotated ? item.y : item.y + item.size);
    const along = mode === 'vertical' ? [...items].sort((a, b) => top(b) - top(a)) : [...items].sort((a, b) => a.x - b.x);
    const first = along[0]!;
    const text = along.map((item) => item.str).join('').replace(/\s+/g, '');
    return {
      text,
      size: Math.max(...items.map((item) => item.size)),
      start: mode === 'horizontal' ? first.x : first.rotated ? first.y : first.y + first.size,
      cells: mode === 'vertical' ? along.length : [...text].length,
      across: across(first),
      page: index,
    };
  });
  // Reading order: columns right to left, rows top to bottom.
  return lines.sort((a, b) => b.across - a.across);
}

/** Letters and digits of a line (what a reader counts as characters, punctuation aside). */
export const letters = (text: string) => [...text].filter((char) => /[\p{L}\p{N}]/u.test(char)).length;

export interface Paragraph {
  lines: TextLine[];
}

/**
 * Paragraphs of body text (lines of `size`), in reading order across `pages`: a paragraph starts
 * with an indented line (its start at least 1.5 em after the page's line start) or after text of
 * another size (a heading, a byline), and at every page in `openings` (where an article begins).
 */
export function paragraphs(lines: TextLine[], size: number, mode: Mode, openings: Set<number>): Paragraph[] {
  const result: Paragraph[] = [];
  let current: TextLine[] | undefined;
  const lineStart = new Map<number, number>();
  for (const line of lines) {
    if (Math.abs(line.size - size) >= 0.3) continue;
    const known = lineStart.get(line.page);
    // A column starts at the top (largest y), a row at the left (smallest x).
    const edge = mode === 'vertical' ? Math.max(known ?? -Infinity, line.start) : Math.min(known ?? Infinity, line.start);
    lineStart.set(line.page, edge);
  }
  let page = -1;
  for (const line of lines) {
    const body = Math.abs(line.size - size) < 0.3;
    if (line.page !== page && openings.has(line.page)) current = undefined;
    page = line.page;
    if (!body) {
      current = undefined;
      continue;
    }
    const indent = Math.abs(line.start - lineStart.get(line.page)!) >= size * 1.5;
    if (!current || indent) {
      current = [];
      result.push({ lines: current });
    }
    current.push(line);
  }
  return result;
}
