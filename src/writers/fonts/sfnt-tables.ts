/**
 * Just enough of the OpenType container to check a font after subsetting: which tables it
 * has and which GSUB features survived. Reading the table directory needs no wasm and no copy.
 */

export interface SfntTable {
  tag: string;
  offset: number;
  length: number;
}

/** The tables of a TrueType/OpenType font (not a collection, not WOFF). Throws on anything else. */
export function sfntTables(font: Uint8Array): Map<string, SfntTable> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  if (font.byteLength < 12) throw new Error('not an OpenType font (too short)');
  const version = view.getUint32(0);
  if (version !== 0x00010000 && version !== 0x4f54544f /* OTTO */ && version !== 0x74727565 /* true */) {
    throw new Error('not a TrueType or OpenType font');
  }
  const count = view.getUint16(4);
  if (12 + count * 16 > font.byteLength) throw new Error('truncated font table directory');
  const tables = new Map<string, SfntTable>();
  for (let index = 0; index < count; index++) {
    const record = 12 + index * 16;
    const tag = String.fromCharCode(...font.subarray(record, record + 4));
    const offset = view.getUint32(record + 8);
    const length = view.getUint32(record + 12);
    if (offset + length > font.byteLength) throw new Error(`table ${tag} lies outside the font`);
    tables.set(tag, { tag, offset, length });
  }
  return tables;
}

/** Feature tags listed in a layout table (GSUB or GPOS), deduplicated, in table order. */
export function layoutFeatureTags(font: Uint8Array, table: 'GSUB' | 'GPOS'): string[] {
  const entry = sfntTables(font).get(table);
  if (!entry) return [];
  const view = new DataView(font.buffer, font.byteOffset + entry.offset, entry.length);
  const featureList = view.getUint16(6);
  if (featureList === 0) return [];
  const count = view.getUint16(featureList);
  const tags = new Set<string>();
  for (let index = 0; index < count; index++) {
    const record = entry.offset + featureList + 2 + index * 6;
    tags.add(String.fromCharCode(...font.subarray(record, record + 4)));
  }
  return [...tags];
}
