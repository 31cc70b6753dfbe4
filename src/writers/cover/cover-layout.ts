import { breakLines } from './line-breaks.js';
import type { ShapedRun, Shaper, Weight } from './shape-text.js';

/** What the generated cover says. */
export interface CoverText {
  title: string;
  subtitle?: string | undefined;
  /** Editors or authors, already labelled (e.g. 林远舟　编). */
  byline?: string | undefined;
}

/** Pixel size of generated covers: 2:3, what Kindle and Apple Books show without letterboxing. */
export const coverSize = { width: 1600, height: 2400 } as const;

const palette = {
  paper: '#f3eee4',
  ink: '#24201d',
  vermilion: '#a63a2b',
  indigo: '#22304a',
  slip: '#f2ead7',
  slipInk: '#1d1b19',
  slipSoftInk: '#5a524a',
  thread: '#cfc3a6',
} as const;

interface Fitted {
  size: number;
  runs: ShapedRun[];
}

/**
 * The cover as SVG made of glyph outlines (no fonts needed to rasterize it, so every machine
 * draws the same pixels). Horizontal books get a paper cover with a framed, centred title;
 * vertical books get an indigo cover with a title slip (题签) in the upper left holding the
 * title in vertical columns, and the stitching of a thread-bound book on the right. Pure apart
 * from the shaper it is given.
 */
export function coverSvg(text: CoverText, vertical: boolean, shaper: Shaper): string {
  return vertical && !hasLatinWords(text) ? verticalCover(text, shaper) : horizontalCover(text, shaper);
}

/**
 * Latin words set upright one letter per cell are hard to read, and turning them sideways on a
 * cover looks accidental: a vertical book whose cover text has Latin words gets the horizontal
 * design. Digits and single letters stay (upright digits are how vertical covers print years).
 */
export function hasLatinWords(text: CoverText): boolean {
  return [text.title, text.subtitle, text.byline].some((value) => value !== undefined && /[A-Za-z]{3,}/.test(value));
}

function horizontalCover(text: CoverText, shaper: Shaper): string {
  const { width, height } = coverSize;
  const parts: string[] = [
    rect(0, 0, width, height, palette.paper),
    `<rect x="90" y="90" width="${width - 180}" height="${height - 180}" fill="none" stroke="${palette.ink}" stroke-width="5"/>`,
    `<rect x="114" y="114" width="${width - 228}" height="${height - 228}" fill="none" stroke="${palette.ink}" stroke-width="1.5"/>`,
  ];
  const title = fit(shaper, text.title, 'bold', false, [220, 200, 180, 160, 140, 124, 110, 96, 84], 1180, 3);
  const titleLeading = title.size * 1.32;
  const titleHeight = title.size + titleLeading * (title.runs.length - 1);
  const titleTop = 860 - titleHeight / 2;
  title.runs.forEach((run, index) => parts.push(lineSvg(run, title.size, titleTop + title.size * 0.88 + index * titleLeading, palette.ink)));
  let cursor = titleTop + titleHeight + 110;
  if (text.subtitle) {
    parts.push(rect(width / 2 - 70, cursor, 140, 8, palette.vermilion));
    cursor += 8 + 110;
    const subtitle = fit(shaper, text.subtitle, 'regular', false, [76, 68, 60, 52, 46], 1120, 2);
    subtitle.runs.forEach((run, index) => parts.push(lineSvg(run, subtitle.size, cursor + subtitle.size * 0.88 + index * subtitle.size * 1.5, palette.ink)));
  }
  if (text.byline) {
    const byline = fit(shaper, text.byline, 'regular', false, [60, 54, 48, 42], 1120, 1);
    parts.push(lineSvg(byline.runs[0]!, byline.size, height - 330, palette.ink));
  }
  return svg(parts);
}

function verticalCover(text: CoverText, shaper: Shaper): string {
  const { width, height } = coverSize;
  const parts: string[] = [rect(0, 0, width, height, palette.indigo)];
  // Thread binding on the right: a right-to-left book is bound on its right edge.
  const spineX = width - 120;
  parts.push(`<g stroke="${palette.thread}" stroke-opacity="0.55" stroke-width="4" fill="none">`);
  parts.push(`<line x1="${spineX}" y1="0" x2="${spineX}" y2="${height}"/>`);
  for (const y of [330, 930, 1470, 2070]) parts.push(`<line x1="${spineX}" y1="${y}" x2="${width}" y2="${y}"/><circle cx="${spineX}" cy="${y}" r="9"/>`);
  parts.push('</g>');

  const padding = 72;
  const title = fit(shaper, text.title, 'bold', true, [260, 240, 220, 200, 180, 160, 144, 128, 116, 104, 96], 1480, 2);
  const columnGap = title.size * 0.32;
  const subtitle = text.subtitle ? fit(shaper, text.subtitle, 'regular', true, [66, 60, 54, 48, 44], 1480 - title.size, 2) : undefined;
  const titleLength = Math.max(...title.runs.map((run) => inkLength(run, title.size)));
  const subtitleLength = subtitle ? Math.max(...subtitle.runs.map((run) => inkLength(run, subtitle.size))) : 0;
  const titleWidth = title.runs.length * title.size + (title.runs.length - 1) * columnGap;
  const subtitleWidth = subtitle ? subtitle.runs.length * subtitle.size + (subtitle.runs.length - 1) * subtitle.size * 0.4 : 0;
  const slipWidth = padding * 2 + titleWidth + (subtitle ? title.size * 0.42 + subtitleWidth : 0);
  const slipHeight = Math.max(900, padding * 2 + Math.max(titleLength, subtitle ? title.size + subtitleLength : 0));
  const slipX = 210;
  const slipY = 210;
  parts.push(rect(slipX, slipY, slipWidth, slipHeight, palette.slip));
  parts.push(`<rect x="${slipX + 16}" y="${slipY + 16}" width="${slipWidth - 32}" height="${slipHeight - 32}" fill="none" stroke="${palette.vermilion}" stroke-width="3"/>`);
  // Columns run right to left: the title's first column is the rightmost.
  let columnRight = slipX + slipWidth - padding;
  for (const run of title.runs) {
    parts.push(columnSvg(run, title.size, columnRight - title.size / 2, slipY + padding, palette.slipInk));
    columnRight -= title.size + columnGap;
  }
  if (subtitle) {
    columnRight += columnGap - title.size * 0.42;
    for (const run of subtitle.runs) {
      parts.push(columnSvg(run, subtitle.size, columnRight - subtitle.size / 2, slipY + padding + title.size, palette.slipSoftInk));
      columnRight -= subtitle.size * 1.4;
    }
  }
  if (text.byline) {
    const byline = fit(shaper, text.byline, 'regular', true, [60, 54, 48, 42], 900, 1);
    const run = byline.runs[0]!;
    const length = inkLength(run, byline.size);
    parts.push(columnSvg(run, byline.size, slipX + slipWidth / 2, Math.max(slipY + slipHeight + 140, height - 300 - length), palette.slip));
  }
  return svg(parts);
}

/** The largest size at which `text` fits in `maxLines` lines (or columns) of `maxLength` px. */
function fit(shaper: Shaper, text: string, weight: Weight, vertical: boolean, sizes: number[], maxLength: number, maxLines: number): Fitted {
  const whole = shaper.shape(text, { weight, vertical });
  let lines: string[] = [text];
  let size = sizes.at(-1)!;
  for (const candidate of sizes) {
    lines = breakLines(text, whole.advances, (maxLength * whole.unitsPerEm) / candidate);
    size = candidate;
    if (lines.length <= maxLines) break;
  }
  const runs = lines.slice(0, maxLines).map((line) => shaper.shape(line, { weight, vertical }));
  if (lines.length > maxLines) {
    // Too long even at the smallest size: the last line ends in an ellipsis where it fits.
    let last = [...lines.slice(maxLines - 1).join('')];
    let run = shaper.shape(`${last.join('')}…`, { weight, vertical });
    while (last.length > 1 && scaled(run.advance, run, size) > maxLength) {
      last = last.slice(0, -1);
      run = shaper.shape(`${last.join('')}…`, { weight, vertical });
    }
    runs[maxLines - 1] = run;
  }
  return { size, runs };
}

function scaled(value: number, run: ShapedRun, size: number): number {
  return (value * size) / run.unitsPerEm;
}

/** A horizontal line centred on the cover, baseline at `baseline`. */
function lineSvg(run: ShapedRun, size: number, baseline: number, fill: string): string {
  return glyphsSvg(run, size, coverSize.width / 2 - scaled(run.advance, run, size) / 2, baseline, fill);
}

/**
 * A vertical column centred on `centerX` whose ink starts at `top`. harfbuzz puts the pen on
 * the column's centre line at the top of the first cell; the font's vertical origin leaves some
 * room above the first glyph, so the ink, not the cell, is what gets aligned.
 */
function columnSvg(run: ShapedRun, size: number, centerX: number, top: number, fill: string): string {
  return glyphsSvg(run, size, centerX, top + scaled(run.ink.yMax, run, size), fill);
}

/** Length of a vertical column's ink, top of its first glyph to bottom of its last. */
function inkLength(run: ShapedRun, size: number): number {
  return scaled(run.ink.yMax - run.ink.yMin, run, size);
}

function glyphsSvg(run: ShapedRun, size: number, originX: number, originY: number, fill: string): string {
  const scale = size / run.unitsPerEm;
  const paths = run.glyphs.map(
    (glyph) => `<path transform="translate(${round(originX + glyph.x * scale)} ${round(originY - glyph.y * scale)}) scale(${round(scale, 5)} ${round(-scale, 5)})" d="${glyph.path}"/>`,
  );
  return `<g fill="${fill}">${paths.join('')}</g>`;
}

function rect(x: number, y: number, width: number, height: number, fill: string): string {
  return `<rect x="${round(x)}" y="${round(y)}" width="${round(width)}" height="${round(height)}" fill="${fill}"/>`;
}

function svg(parts: string[]): string {
  const { width, height } = coverSize;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
