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

/**
 * The code points a font maps, as sorted `[first, last]` ranges, from its Unicode `cmap`
 * subtable (format 12 when present, else format 4). Throws when the font has neither.
 */
export function cmapRanges(font: Uint8Array): [number, number][] {
  const entry = sfntTables(font).get('cmap');
  if (!entry) throw new Error('the font has no cmap table');
  const view = new DataView(font.buffer, font.byteOffset + entry.offset, entry.length);
  const count = view.getUint16(2);
  let format4: number | undefined;
  for (let index = 0; index < count; index++) {
    const platform = view.getUint16(4 + index * 8);
    const encoding = view.getUint16(6 + index * 8);
    const offset = view.getUint32(8 + index * 8);
    const format = view.getUint16(offset);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (unicode && format === 12) {
      const groups = view.getUint32(offset + 12);
      const ranges: [number, number][] = [];
      for (let group = 0; group < groups; group++) ranges.push([view.getUint32(offset + 16 + group * 12), view.getUint32(offset + 20 + group * 12)]);
      return ranges.sort((a, b) => a[0] - b[0]);
    }
    if (unicode && format === 4) format4 ??= offset;
  }
  if (format4 === undefined) throw new Error('the font has no Unicode cmap subtable');
  const segments = view.getUint16(format4 + 6) / 2;
  const ranges: [number, number][] = [];
  for (let segment = 0; segment < segments; segment++) {
    const end = view.getUint16(format4 + 14 + segment * 2);
    const start = view.getUint16(format4 + 16 + segments * 2 + segment * 2);
    if (start !== 0xffff) ranges.push([start, end]);
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** Whether `ranges` (from `cmapRanges`) holds `codePoint`. */
export function inRanges(ranges: readonly [number, number][], codePoint: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [first, last] = ranges[middle]!;
    if (codePoint < first) high = middle - 1;
    else if (codePoint > last) low = middle + 1;
    else return true;
  }
  return false;
}
