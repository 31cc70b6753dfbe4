import { isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import { detectEncoding, encodingLabel } from './detect-encoding.js';

/**
 * Bytes → text, never mojibake. A byte-order mark wins; then, for HTML, the page's own
 * declaration (`<meta charset>`, `http-equiv`, `<?xml encoding?>`); then UTF-8; then the legacy
 * CJK encodings are detected from the bytes (GBK/GB18030, Big5, Shift_JIS, EUC-JP). Text that
 * decodes cleanly in none of them is refused with a reason, not guessed at.
 */
export type DecodeResult = { ok: true; text: string; encoding: string; notes: string[] } | { ok: false; reason: string };

export interface DecodeOptions {
  /** HTML may declare its encoding; other formats are detected. */
  html?: boolean;
  /**
   * An encoding stated outside the bytes (the `charset` of an HTTP `Content-Type`): after a
   * byte-order mark, the strongest hint, as in browsers. A label the bytes do not fit is noted
   * and the page's own declaration and detection get their turn.
   */
  charset?: string | undefined;
}

export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'the file is empty' };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return strict(bytes.subarray(3), 'utf-8', 'byte-order mark');
  // UTF-32's marks first: UTF-32LE's starts with UTF-16LE's.
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return strict(bytes.subarray(4), 'utf-32le', 'byte-order mark');
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return strict(bytes.subarray(4), 'utf-32be', 'byte-order mark');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return strict(bytes.subarray(2), 'utf-16le', 'byte-order mark');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return strict(bytes.subarray(2), 'utf-16be', 'byte-order mark');
  const utf16 = bomlessUtf16(bytes);
  if (utf16) {
    const result = strict(bytes, utf16, 'byte pattern');
    if (result.ok) return { ...result, notes: [`no byte-order mark; read as ${encodingLabel(utf16)} from its byte pattern`] };
  }
  if (looksBinary(bytes)) return { ok: false, reason: 'this is not a text file (it contains binary data); only .md, .html and .txt articles can be read' };

  const notes: string[] = [];
  if (options.charset) {
    const result = decodeDeclared(bytes, options.charset, 'the server says');
    if (result.ok) return /^utf-?8$/i.test(options.charset) ? { ...result, notes: [] } : result;
    notes.push(result.reason);
  }
  if (options.html) {
    const declared = declaredCharset(bytes);
    if (declared && !/^utf-?8$/i.test(declared)) {
      const result = decodeDeclared(bytes, declared, 'the page declares');
      if (result.ok) return { ...result, notes: [...notes, ...result.notes] };
      notes.push(result.reason);
    }
  }
  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== undefined) return { ok: true, text: utf8, encoding: 'utf-8', notes };
  const detected = detectEncoding(bytes);
  if (detected) {
    const text = tryDecode(bytes, detected.encoding);
    if (text !== undefined) {
      notes.push(`not UTF-8; decoded as ${encodingLabel(detected.encoding)} (detected from the bytes${options.html ? ', the page declares no other usable encoding' : ''})`);
      return { ok: true, text, encoding: detected.encoding, notes };
    }
  }
  return {
    ok: false,
    reason: `the file is neither UTF-8 nor a CJK encoding that could be recognized (GBK/GB18030, Big5, Shift_JIS, EUC-JP)${notes.length ? `; ${notes.join('; ')}` : ''}; save it as UTF-8, e.g. \`iconv -f GB18030 -t UTF-8\``,
  };
}

function strict(bytes: Uint8Array, encoding: string, why: string): DecodeResult {
  const text = tryDecode(bytes, encoding);
  if (text === undefined) return { ok: false, reason: `the file starts with a ${encodingLabel(encoding)} ${why} but is not valid ${encodingLabel(encoding)}` };
  return { ok: true, text, encoding, notes: [] };
}

/** The text, or undefined when the bytes are not valid in `encoding` (or the label is unknown). */
export function tryDecode(bytes: Uint8Array, encoding: string): string | undefined {
  // Node 20's TextDecoder reads windows-1252 as ISO-8859-1 (0x93 is not “), so iconv-lite does it.
  if (encoding === 'windows-1252') return iconvLite().decode(Buffer.from(bytes), 'windows-1252');
  // The common case, validated and decoded natively (a BOM, if any, was taken off before).
  if (encoding === 'utf-8') return isUtf8(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8') : undefined;
  if (encoding === 'utf-32le' || encoding === 'utf-32be') return decodeUtf32(bytes, encoding === 'utf-32le');
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * A declared encoding: WHATWG labels through TextDecoder (gb2312 and gbk read as GBK, big5 as
 * Big5-HKSCS…), other labels through iconv-lite. A wrong declaration is common in saved pages:
 * then UTF-8 and detection get their turn, with a note.
 */
function decodeDeclared(bytes: Uint8Array, declared: string, who: string): DecodeResult {
  let canonical: string | undefined;
  try {
    canonical = new TextDecoder(declared).encoding;
  } catch {
    canonical = undefined;
  }
  if (canonical === 'utf-16le' || canonical === 'utf-16be') return { ok: false, reason: `${who} ${declared} without a byte-order mark` };
  if (canonical) {
    const text = tryDecode(bytes, canonical);
    if (text !== undefined) return { ok: true, text, encoding: canonical, notes: [`read as ${encodingLabel(canonical)}, as ${who} (charset "${declared}")`] };
    return { ok: false, reason: `${who} charset "${declared}" but is not valid ${encodingLabel(canonical)}` };
  }
  if (iconvLite().encodingExists(declared)) {
    const text = iconvLite().decode(Buffer.from(bytes), declared);
    // iconv-lite has no strict mode: a replacement character means the bytes did not fit.
    if (!text.includes('\uFFFD')) return { ok: true, text, encoding: declared.toLowerCase(), notes: [] };
    return { ok: false, reason: `${who} charset "${declared}" but is not valid ${declared}` };
  }
  return { ok: false, reason: `${who} an unknown charset "${declared}"` };
}

/**
 * The charset a page declares in its first 4 KB: `<meta charset>`, `<meta http-equiv
 * content="…; charset=…">` or an XML declaration. Read as Latin-1, so any encoding's ASCII works.
 */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1];
  for (const meta of head.matchAll(/<meta\b[^>]*>/gi)) {
    const charset = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(meta[0]);
    if (charset) return charset[1];
  }
  return undefined;
}

/** UTF-16 without a byte-order mark: every other byte of ASCII-range text is zero. */
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1);
  if (sample.length < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = sample.length / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** NUL bytes or many control characters in the first 8 KB mean binary, not text. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const byte = sample[i]!;
    if (byte === 0) return true;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control++;
  }
  return control > sample.length * 0.1;
}

/** Replacement characters (U+FFFD) in decoded text: where the source was already damaged. */
export function findReplacementCharacters(text: string, limit = 20): { line: number; column: number }[] {
  const found: { line: number; column: number }[] = [];
  let index = text.indexOf('\uFFFD');
  if (index === -1) return found;
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  while (index !== -1 && found.length < limit) {
    for (let i = scanned; i < index; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    scanned = index;
    found.push({ line, column: index - lineStart + 1 });
    index = text.indexOf('\uFFFD', index + 1);
  }
  return found;
}

/** iconv-lite, loaded on first use (only legacy and unusual encodings need it). */
function iconvLite(): typeof import('iconv-lite') {
  return createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite');
}

/** UTF-32 (which TextDecoder does not read): whole 4-byte units, each a Unicode scalar value. */
function decodeUtf32(bytes: Uint8Array, little: boolean): string | undefined {
  if (bytes.length % 4 !== 0) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 0; i < bytes.length; i += 4) {
    const point = view.getUint32(i, little);
    if (point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) return undefined;
    chunk.push(point);
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}
