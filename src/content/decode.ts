/**
 * Bytes → text. UTF-8 (with or without BOM) and UTF-16 with a BOM are read; anything else is
 * refused with a message rather than decoded into mojibake.
 */
export type DecodeResult = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'the file is empty' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, 'utf-16be');
  if (looksBinary(bytes)) return { ok: false, reason: 'this is not a text file (it contains binary data); only .md, .html and .txt articles can be read' };
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
    return { ok: true, text, encoding: 'utf-8' };
  } catch {
    return {
      ok: false,
      reason: `the file is not UTF-8 (${guessLegacyEncoding(bytes)}); save it as UTF-8, e.g. \`iconv -f GB18030 -t UTF-8\``,
    };
  }
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodeResult {
  try {
    return { ok: true, text: new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(2)), encoding };
  } catch {
    return { ok: false, reason: `the file starts with a ${encoding.toUpperCase()} byte-order mark but is not valid ${encoding.toUpperCase()}` };
  }
}

/** NUL bytes or many control characters in the first 8 KB mean binary, not text. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control++;
  }
  return control > sample.length * 0.1;
}

/** A hint only: GBK-family text decodes cleanly as GB18030, Big5 text has its own lead-byte pattern. */
function guessLegacyEncoding(bytes: Uint8Array): string {
  for (const label of ['gb18030', 'big5', 'shift_jis']) {
    try {
      new TextDecoder(label, { fatal: true }).decode(bytes);
      return `it looks like ${label === 'gb18030' ? 'GBK/GB18030' : label === 'big5' ? 'Big5' : 'Shift_JIS'}`;
    } catch {
      // try the next one
    }
  }
  return 'its encoding is unknown';
}
