/**
 * Which CJK typeface and which punctuation style a language tag asks for. A leaf: the font
 * writers, the stylesheets and the punctuation pass all decide from this one table, so the
 * face a character is subset into is the face CSS sets it in.
 */

/** The bundled serif faces: Simplified Chinese, Traditional Chinese (Taiwan forms), Japanese. */
export const cjkFaces = ['sc', 'tc', 'jp'] as const;
export type CjkFace = (typeof cjkFaces)[number];

/**
 * The face a language is set in, or undefined for a language that is not Chinese or Japanese
 * (its CJK characters, if any, are set in the face of the text around it). Decided by the tag's
 * leading subtags, as CSS `:lang()` matches them: zh-Hant…, zh-TW, zh-HK, zh-MO are Traditional,
 * zh-Hans-HK stays Simplified.
 */
export function faceFor(language: string): CjkFace | undefined {
  const tag = language.toLowerCase();
  if (/^ja(-|$)/.test(tag)) return 'jp';
  if (!/^zh(-|$)/.test(tag)) return undefined;
  return /^zh-(hant|tw|hk|mo)(-|$)/.test(tag) ? 'tc' : 'sc';
}

/**
 * The faces a character of `face` text is looked for in, in order: its own, then the others.
 * Noto Serif TC and JP lack most simplified characters (这, 们, 说…): those fall back to SC.
 */
export function faceOrder(face: CjkFace): CjkFace[] {
  const fallbacks: Record<CjkFace, CjkFace[]> = { sc: ['tc', 'jp'], tc: ['sc', 'jp'], jp: ['sc', 'tc'] };
  return [face, ...fallbacks[face]];
}

/**
 * CSS `:lang()` ranges that select each face, in the order the rules must be written (later
 * wins). `:lang(zh-Hant)` does not match `zh-TW`, so regions are listed; SC comes last so that
 * a Simplified tag with a Taiwan or Hong Kong region stays Simplified. `=zh` is the bare tag
 * alone (`:lang(zh)` would match every Chinese tag).
 */
export const faceLanguageRanges: readonly [CjkFace, readonly string[]][] = [
  ['tc', ['zh-Hant', 'zh-TW', 'zh-HK', 'zh-MO']],
  ['jp', ['ja']],
  ['sc', ['zh-Hans', 'zh-CN', 'zh-SG', 'zh-MY', '=zh']],
];

/** The selector of a range, for an element that carries a `lang` attribute. */
export function languageSelector(range: string): string {
  return range.startsWith('=') ? `[lang="${range.slice(1)}"]` : `[lang]:lang(${range})`;
}

/**
 * `typography.compression`: consecutive punctuation set half-width (标点挤压) and column-end
 * marks trimmed when the column is full. `auto` follows the locale: on for Simplified Chinese,
 * Hong Kong and Japanese; off for Taiwan, whose books mostly keep every mark full-width
 * (W3C clreq, "Punctuation Width Adjustment").
 */
export const compressionModes = ['auto', 'on', 'off'] as const;
export type Compression = (typeof compressionModes)[number];

/** Whether text in `language` compresses its punctuation under `setting`. */
export function compresses(language: string, setting: Compression): boolean {
  if (setting !== 'auto') return setting === 'on';
  const tag = language.toLowerCase();
  if (/^zh-(hant-)?(hk|mo)(-|$)/.test(tag)) return true;
  return !/^zh-(hant|tw)(-|$)/.test(tag);
}

/**
 * `:lang()` ranges of the languages `auto` leaves uncompressed, then those that compress again
 * although they match the first list by prefix (zh-Hant-HK); written in this order.
 */
export const uncompressedLanguageRanges = ['zh-Hant', 'zh-TW'] as const;
export const recompressedLanguageRanges = ['zh-HK', 'zh-MO', 'zh-Hant-HK', 'zh-Hant-MO'] as const;
