import { readFileSync } from 'node:fs';

/** A character as printed: where its glyph starts along the line, in em of its font size. */
export interface PlacedCharacter {
  character: string;
  /** Along the line: downwards in vertical text, rightwards in horizontal text, in em. */
  at: number;
  /** Font size in points. */
  size: number;
  /** The PDF font it is drawn with (pdf.js's name, e.g. g_d0_f3). */
  font: string;
}

/** One column (vertical) or line (horizontal) of a page, in reading order. */
export type PrintedLine = PlacedCharacter[];

/**
 * The glyph positions on every page, from pdf.js's text layer, grouped into lines: columns of one
 * x in vertical text, rows of one baseline in horizontal text. Chromium writes vertical text glyph
 * by glyph; a horizontal item is a run at the font's nominal advances, split where the layout
 * moved a glyph — so a character's start is its item's start plus the nominal advances before it,
 * and its real advance is where the next character starts.
 */
export async function printedLines(file: string, vertical: boolean): Promise<PrintedLine[][]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), disableFontFace: true, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: PrintedLine[][] = [];
  for (let number = 1; number <= doc.numPages; number++) {
    const content = await (await doc.getPage(number)).getTextContent();
    const lines = new Map<number, PlacedCharacter[]>();
    for (const item of content.items) {
      if (!('str' in item) || !item.str.trim()) continue;
      const [size, , , , x, y] = item.transform as number[];
      const characters = [...item.str];
      const step = (vertical ? item.height : item.width) / characters.length;
      const key = Math.round(vertical ? x! : y!);
      if (!lines.has(key)) lines.set(key, []);
      characters.forEach((character, index) => {
        if (!character.trim()) return;
        const along = vertical ? -y! + index * step : x! + index * step;
        lines.get(key)!.push({ character, at: along / size!, size: size!, font: item.fontName });
      });
    }
    // Columns right to left, rows top to bottom; characters along the line.
    const keys = [...lines.keys()].sort((a, b) => b - a);
    pages.push(keys.map((key) => lines.get(key)!.sort((a, b) => a.at - b.at)));
  }
  await doc.destroy();
  return pages;
}

const ideograph = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u;

/**
 * Every run of punctuation between two ideographs on one line (`字》，字`), with the room it takes:
 * the distance between the ideographs less one em. Measured between glyphs of the same kind, the
 * vertical origins of different glyphs do not enter it. Two full-width marks take 2 em, a pair
 * compressed to half a cell for one of them 1.5.
 */
export function punctuationRuns(lines: PrintedLine[]): { marks: string; room: number }[] {
  const runs: { marks: string; room: number }[] = [];
  for (const line of lines) {
    for (let start = 0; start < line.length; start++) {
      if (!ideograph.test(line[start]!.character)) continue;
      let end = start + 1;
      while (end < line.length && !ideograph.test(line[end]!.character)) end++;
      if (end >= line.length || end === start + 1) continue;
      const marks = line.slice(start + 1, end).map((placed) => placed.character).join('');
      runs.push({ marks, room: line[end]!.at - line[start]!.at - 1 });
      start = end - 1;
    }
  }
  return runs;
}

/** The ink of a printed glyph, in em of its cell: horizontal centre (0 left edge, 1 right), width and height. */
export interface GlyphInk {
  character: string;
  font: string;
  centre: number;
  width: number;
  height: number;
}

/**
 * The ink box of every glyph drawn for `characters`, read from the font program embedded in the
 * PDF (pdf.js's copy of it, shaped by harfbuzz): which glyph the page really uses for ，or ：
 * — the vertical form a locale's font picks — and where its ink sits across the column.
 */
export async function glyphInks(file: string, characters: string): Promise<GlyphInk[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const hb = await import('harfbuzzjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), disableFontFace: true, fontExtraProperties: true, useSystemFonts: false, isEvalSupported: false }).promise;
  const fonts = new Map<string, { font: InstanceType<typeof hb.Font>; upem: number }>();
  const inks: GlyphInk[] = [];
  for (let number = 1; number <= doc.numPages; number++) {
    const page = await doc.getPage(number);
    const operators = await page.getOperatorList();
    let fontId = '';
    for (let index = 0; index < operators.fnArray.length; index++) {
      const args = operators.argsArray[index] as unknown[];
      if (operators.fnArray[index] === pdfjs.OPS.setFont) fontId = args[0] as string;
      if (operators.fnArray[index] !== pdfjs.OPS.showText) continue;
      for (const glyph of args[0] as ({ unicode: string; fontChar: string } | number)[]) {
        if (typeof glyph !== 'object' || !characters.includes(glyph.unicode)) continue;
        const loaded = page.commonObjs.get(fontId) as { name: string; data: Uint8Array };
        if (!fonts.has(loaded.name)) {
          const face = new hb.Face(new hb.Blob(loaded.data));
          fonts.set(loaded.name, { font: new hb.Font(face), upem: face.upem });
        }
        const { font, upem } = fonts.get(loaded.name)!;
        const buffer = new hb.Buffer();
        buffer.addText(glyph.fontChar);
        buffer.guessSegmentProperties();
        hb.shape(font, buffer);
        const id = buffer.getGlyphInfos()[0]!.codepoint;
        const extents = font.glyphExtents(id)!;
        const advance = buffer.getGlyphPositions()[0]!.xAdvance || upem;
        inks.push({ character: glyph.unicode, font: loaded.name.replace(/^[A-Z]{6}\+/, ''), centre: (extents.xBearing + extents.width / 2) / advance, width: extents.width / upem, height: Math.abs(extents.height) / upem });
      }
    }
  }
  await doc.destroy();
  return inks;
}
