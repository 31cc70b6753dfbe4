import { readFile } from 'node:fs/promises';
import { layoutFeatureTags, sfntTables } from './sfnt-tables.js';

/**
 * Layout features kept in a subset. `vert`/`vrt2` give the vertical forms of ，。「」—— (without
 * them vertical punctuation sits in the wrong place or lies on its side); `kern`, `palt` and their
 * vertical twins are the spacing features readers and Chromium use, `locl` the regional glyph forms,
 * `ruby` the forms for ruby text. Closing over every feature of a CJK font runs harfbuzz's
 * wasm out of memory, and skipping layout closure altogether drops the vertical glyphs.
 */
export const keptFeatures = ['vert', 'vrt2', 'vkrn', 'vpal', 'kern', 'palt', 'halt', 'locl', 'ccmp', 'ruby'] as const;

/** The font tables vertical text needs: vertical metrics (the substitutions are checked below). */
const verticalTables = ['vhea', 'vmtx'] as const;

/** Punctuation with a vertical form in CJK fonts: if the text has any, the subset must keep `vert`. */
const verticalPunctuation = /[，。、：；！？「」『』（）《》〈〉【】〔〕…—～]/u;

/**
 * A TrueType subset of `fontPath` holding exactly the glyphs for `text` (and their vertical
 * forms). Throws, with the reason, when the file is missing, is not a font, or the subset lost
 * what vertical setting needs.
 */
export async function subsetForText(fontPath: string, text: string): Promise<Uint8Array> {
  const source = await readFile(fontPath);
  const sourceTables = sfntTables(source);
  // name IDs 0, 13 and 14 keep the copyright and the OFL notice inside the subset, as the licence asks.
  // Loaded on first use: subset-font compiles harfbuzz (WebAssembly), which most builds never need.
  const { default: subsetFont } = await import('subset-font');
  const subset = new Uint8Array(await subsetFont(source, text, { targetFormat: 'sfnt', keepFeatures: [...keptFeatures], preserveNameIds: [0, 13, 14] }));
  const tables = sfntTables(subset);
  for (const tag of verticalTables) if (sourceTables.has(tag) && !tables.has(tag)) throw new Error(`the subset lost its ${tag} table`);
  // harfbuzz drops a feature with nothing left to substitute, so `vert` is only expected when the text has punctuation that turns.
  if (verticalPunctuation.test(text) && layoutFeatureTags(source, 'GSUB').includes('vert') && !layoutFeatureTags(subset, 'GSUB').includes('vert')) {
    throw new Error('the subset lost the vertical forms (GSUB vert)');
  }
  return subset;
}
