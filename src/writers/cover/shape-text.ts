import { readFile } from 'node:fs/promises';
import type { FontFamily } from '../fonts/bundled-fonts.js';

/** A glyph placed by the shaper, in font units (y up), relative to the start of its run. */
export interface PlacedGlyph {
  /** SVG path data of the outline, in font units, y up. */
  path: string;
  x: number;
  y: number;
}

export interface ShapedRun {
  glyphs: PlacedGlyph[];
  /** Pen advance in font units along the run's direction (positive: right, or down). */
  advance: number;
  /** Advance of each UTF-16 index of the text (0 inside a cluster), for line breaking. */
  advances: number[];
  /** Ink box of the outlines, font units, y up. Empty runs have a zero box. */
  ink: { xMin: number; yMin: number; xMax: number; yMax: number };
  unitsPerEm: number;
}

export type Weight = 'regular' | 'bold';

export interface Shaper {
  /** Shapes one line (horizontal) or column (vertical, top to bottom, with `vert` forms). */
  shape(text: string, options: { weight: Weight; vertical: boolean }): ShapedRun;
}

/**
 * A shaper over one of the bundled serifs (the book's face: SC, TC or JP), built on harfbuzz (the
 * same engine that subsets them): vertical runs are shaped top to bottom, which applies the
 * font's `vert`/`vrt2` forms, so 「」，。 in a vertical title come out as a vertical book in that
 * locale prints them. Created per cover; the fonts are read once for it.
 */
export async function createShaper(family: FontFamily, language?: string): Promise<Shaper> {
  const hb = await import('harfbuzzjs');
  const load = async (file: string) => {
    const face = new hb.Face(new hb.Blob(await readFile(file)));
    return { face, font: new hb.Font(face) };
  };
  const fonts = { regular: await load(family.regular.path), bold: await load(family.bold.path) };
  return {
    shape(text, options) {
      const { face, font } = fonts[options.weight];
      const buffer = new hb.Buffer();
      buffer.addText(text);
      buffer.guessSegmentProperties();
      // The book's language picks the font's regional forms (locl), as `lang` does in the PDF.
      if (language) buffer.setLanguage(language);
      buffer.setDirection(options.vertical ? hb.Direction.TTB : hb.Direction.LTR);
      hb.shape(font, buffer);
      const glyphs: PlacedGlyph[] = [];
      const advances = new Array<number>(text.length).fill(0);
      const ink = { xMin: Infinity, yMin: Infinity, xMax: -Infinity, yMax: -Infinity };
      let penX = 0;
      let penY = 0;
      for (const glyph of buffer.getGlyphInfosAndPositions()) {
        const x = penX + (glyph.xOffset ?? 0);
        const y = penY + (glyph.yOffset ?? 0);
        const extents = font.glyphExtents(glyph.codepoint);
        if (extents && extents.width !== 0) {
          ink.xMin = Math.min(ink.xMin, x + extents.xBearing);
          ink.xMax = Math.max(ink.xMax, x + extents.xBearing + extents.width);
          ink.yMax = Math.max(ink.yMax, y + extents.yBearing);
          ink.yMin = Math.min(ink.yMin, y + extents.yBearing + extents.height);
        }
        const path = font.glyphToPath(glyph.codepoint);
        if (path) glyphs.push({ path, x, y });
        const step = options.vertical ? -(glyph.yAdvance ?? 0) : glyph.xAdvance ?? 0;
        if (glyph.cluster < advances.length) advances[glyph.cluster]! += step;
        penX += glyph.xAdvance ?? 0;
        penY += glyph.yAdvance ?? 0;
      }
      const empty = !Number.isFinite(ink.xMin);
      return {
        glyphs,
        advance: options.vertical ? -penY : penX,
        advances,
        ink: empty ? { xMin: 0, yMin: 0, xMax: 0, yMax: 0 } : ink,
        unitsPerEm: face.upem,
      };
    },
  };
}
