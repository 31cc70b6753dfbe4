import { readFile } from 'node:fs/promises';
import { layoutFeatureTags, sfntTables } from './sfnt-tables.js';

/**
 * Layout features kept in a subset: every one vertical and CJK setting uses. `vert`/`vrt2` give
 * the vertical forms of ，。「」——; `halt`/`vhal` (half-width metrics) and `chws`/`vchw`
 * (contextual half-width spacing) are what `text-spacing-trim` compresses punctuation with —
 * Chromium turns compression off in vertical text when the font has no `vhal`; `palt`/`vpal`,
 * `kern`/`vkrn` the proportional and kerning metrics; `locl` the regional forms; `ccmp`, `mark`
 * composition and marks; `ruby` the forms for ruby text. GDEF follows the kept glyphs (harfbuzz
 * keeps it when a kept glyph is classified in it: in Noto Serif CJK, the combining marks).
 * Closing over every feature of a CJK font runs harfbuzz's wasm out of memory, and skipping layout
 * closure altogether drops the vertical glyphs.
 */
export const keptFeatures = ['vert', 'vrt2', 'vhal', 'vpal', 'vkrn', 'vchw', 'halt', 'palt', 'chws', 'kern', 'locl', 'ccmp', 'mark', 'ruby'] as const;

/**
 * Every subset holds these: Chromium decides whether a font can compress punctuation
 * (`HanKerning::FontData`) by shaping exactly these ten characters, and gives up on a font that
 * lacks one of them — a subset without ． would set every pair full-width.
 */
export const kerningProbe = '、。，．：；“‘”’';

/** The font tables vertical text needs: vertical metrics (the substitutions are checked below). */
const verticalTables = ['vhea', 'vmtx'] as const;

/** GPOS features compression depends on: the probe characters guarantee them something to keep. */
const compressionFeatures = ['halt', 'vhal', 'chws', 'vchw'] as const;

/**
 * A TrueType subset of `fontPath` holding exactly the glyphs for `text` and `kerningProbe` (and
 * their vertical and half-width forms). Throws, with the reason, when the file is missing, is not
 * a font, or the subset lost what vertical setting or compression needs.
 */
export async function subsetForText(fontPath: string, text: string): Promise<Uint8Array> {
  const source = await readFile(fontPath);
  const sourceTables = sfntTables(source);
  // name IDs 0, 13 and 14 keep the copyright and the OFL notice inside the subset, as the licence asks.
  // Loaded on first use: subset-font compiles harfbuzz (WebAssembly), which most builds never need.
  const { default: subsetFont } = await import('subset-font');
  const characters = [...new Set(`${kerningProbe}${text}`)].join('');
  const subset = new Uint8Array(await subsetFont(source, characters, { targetFormat: 'sfnt', keepFeatures: [...keptFeatures], preserveNameIds: [0, 13, 14] }));
  const tables = sfntTables(subset);
  for (const tag of verticalTables) if (sourceTables.has(tag) && !tables.has(tag)) throw new Error(`the subset lost its ${tag} table`);
  if (layoutFeatureTags(source, 'GSUB').includes('vert') && !layoutFeatureTags(subset, 'GSUB').includes('vert')) {
    throw new Error('the subset lost the vertical forms (GSUB vert)');
  }
  const sourcePositioning = layoutFeatureTags(source, 'GPOS');
  const positioning = layoutFeatureTags(subset, 'GPOS');
  for (const tag of compressionFeatures) {
    if (sourcePositioning.includes(tag) && !positioning.includes(tag)) throw new Error(`the subset lost the GPOS ${tag} feature punctuation compression needs`);
  }
  return subset;
}
