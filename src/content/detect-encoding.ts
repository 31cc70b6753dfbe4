import { createRequire } from 'node:module';

/**
 * Which legacy encoding a file that is not UTF-8 is in. Each candidate walks the bytes with its
 * own grammar: a byte sequence the encoding cannot have rules it out, and the share of
 * characters that fall in the encoding's frequent rows (punctuation, the first level of
 * ideographs, kana) scores it. Text in the right encoding scores close to 1; the same bytes read
 * as another CJK encoding land in rare rows, half-width katakana or user-defined areas.
 *
 * EUC-KR is not guessed: Korean syllables occupy the rows where GB2312 keeps its frequent
 * ideographs, so the bytes alone cannot tell them apart (a page that declares EUC-KR is read as such).
 */
export interface Detection {
  /** A WHATWG encoding name TextDecoder accepts. */
  encoding: string;
  /** Share of multi-byte characters in frequent rows, 0–1. */
  score: number;
}

interface Candidate {
  encoding: string;
  /** [common, total] multi-byte characters, or undefined when a sequence is invalid. */
  scan: (bytes: Uint8Array) => [number, number] | undefined;
}

/** Frequent rows: GB2312 punctuation/full-width forms (A1–A3) and ideographs (B0–F7). */
const gbk: Candidate = {
  encoding: 'gbk',
  scan(bytes) {
    let common = 0;
    let total = 0;
    for (let i = 0; i < bytes.length; ) {
      const lead = bytes[i]!;
      if (lead < 0x80) {
        i++;
        continue;
      }
      if (lead === 0x80 || lead === 0xff) return undefined;
      const trail = bytes[i + 1];
      if (trail === undefined) return undefined;
      if (trail >= 0x30 && trail <= 0x39) {
        // GB18030 four-byte sequence: valid, but rare in real text.
        total++;
        i += 4;
        continue;
      }
      if (trail < 0x40 || trail === 0x7f || trail === 0xff) return undefined;
      total++;
      if (trail >= 0xa1 && ((lead >= 0xb0 && lead <= 0xf7) || (lead >= 0xa1 && lead <= 0xa3))) common++;
      i += 2;
    }
    return [common, total];
  },
};

/** Frequent rows: Big5 punctuation (A1–A3) and the frequent ideographs (A4–C6). */
const big5: Candidate = {
  encoding: 'big5',
  scan(bytes) {
    let common = 0;
    let total = 0;
    for (let i = 0; i < bytes.length; ) {
      const lead = bytes[i]!;
      if (lead < 0x80) {
        i++;
        continue;
      }
      const trail = bytes[i + 1];
      if (lead === 0x80 || lead === 0xff || trail === undefined) return undefined;
      if (!((trail >= 0x40 && trail <= 0x7e) || (trail >= 0xa1 && trail <= 0xfe))) return undefined;
      total++;
      if (lead >= 0xa1 && lead <= 0xc6) common++;
      i += 2;
    }
    return [common, total];
  },
};

/** Frequent rows: symbols and kana (81–83) and level-1 kanji (88–98); half-width katakana is rare. */
const shiftJis: Candidate = {
  encoding: 'shift_jis',
  scan(bytes) {
    let common = 0;
    let total = 0;
    for (let i = 0; i < bytes.length; ) {
      const lead = bytes[i]!;
      if (lead < 0x80) {
        i++;
        continue;
      }
      if (lead >= 0xa1 && lead <= 0xdf) {
        total++;
        i++;
        continue;
      }
      const trail = bytes[i + 1];
      if (!((lead >= 0x81 && lead <= 0x9f) || (lead >= 0xe0 && lead <= 0xfc)) || trail === undefined) return undefined;
      if (!((trail >= 0x40 && trail <= 0x7e) || (trail >= 0x80 && trail <= 0xfc))) return undefined;
      total++;
      if ((lead >= 0x81 && lead <= 0x83) || (lead >= 0x88 && lead <= 0x98)) common++;
      i += 2;
    }
    return [common, total];
  },
};

/** Frequent rows: symbols, full-width forms and kana (A1–A5) and level-1 kanji (B0–CF). */
const eucJp: Candidate = {
  encoding: 'euc-jp',
  scan(bytes) {
    let common = 0;
    let total = 0;
    for (let i = 0; i < bytes.length; ) {
      const lead = bytes[i]!;
      if (lead < 0x80) {
        i++;
        continue;
      }
      const trail = bytes[i + 1];
      if (trail === undefined) return undefined;
      if (lead === 0x8e) {
        if (trail < 0xa1 || trail > 0xdf) return undefined;
        total++;
        i += 2;
        continue;
      }
      if (lead === 0x8f) {
        total++;
        i += 3;
        continue;
      }
      if (lead < 0xa1 || lead === 0xff || trail < 0xa1 || trail === 0xff) return undefined;
      total++;
      if ((lead >= 0xa1 && lead <= 0xa5) || (lead >= 0xb0 && lead <= 0xcf)) common++;
      i += 2;
    }
    return [common, total];
  },
};

/** In order of preference when two score the same (a Chinese book's most likely encodings first). */
const candidates = [gbk, big5, shiftJis, eucJp];

/** Below this share of frequent characters, a reading is too doubtful to use. */
const minimumScore = 0.6;

export function detectEncoding(bytes: Uint8Array): Detection | undefined {
  let best: Detection | undefined;
  for (const candidate of candidates) {
    const counts = candidate.scan(bytes);
    if (!counts || counts[1] === 0) continue;
    const score = counts[0] / counts[1];
    if (!best || score > best.score) best = { encoding: candidate.encoding, score };
  }
  if (best && best.score >= minimumScore) return best;
  return latin(bytes);
}

/**
 * Western text saved as Windows-1252/Latin-1 (a few accented letters or curly quotes among
 * ASCII): accepted only when every non-ASCII byte is such a letter or punctuation mark.
 */
function latin(bytes: Uint8Array): Detection | undefined {
  let high = 0;
  const text = iconvLite().decode(Buffer.from(bytes), 'windows-1252');
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) continue;
    high++;
    if (!/[\p{L}‘’“”–—…«»°§©®™€£¥¢·•¡¿´¨ªº×÷±]/u.test(char)) return undefined;
  }
  if (high === 0 || high > text.length * 0.3) return undefined;
  return { encoding: 'windows-1252', score: 1 };
}

/** A human name for an encoding in messages. */
export function encodingLabel(encoding: string): string {
  const names: Record<string, string> = {
    'utf-8': 'UTF-8',
    'utf-16le': 'UTF-16LE',
    'utf-16be': 'UTF-16BE',
    'utf-32le': 'UTF-32LE',
    'utf-32be': 'UTF-32BE',
    gbk: 'GBK',
    gb18030: 'GB18030',
    big5: 'Big5',
    shift_jis: 'Shift_JIS',
    'euc-jp': 'EUC-JP',
    'euc-kr': 'EUC-KR',
    'windows-1252': 'Windows-1252',
  };
  return names[encoding] ?? encoding;
}

/** iconv-lite, loaded on first use (only legacy and unusual encodings need it). */
function iconvLite(): typeof import('iconv-lite') {
  return createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite');
}
