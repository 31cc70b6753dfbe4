/**
 * Character classes shared by the CJK text plugins. Hangul is left out on purpose: Korean
 * separates words with spaces, so the rules that drop spaces between Chinese or Japanese
 * characters must not apply to it.
 */
export const cjkLetter = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u3005\\u3006\\u30FC';
export const cjkPunctuation = '\\u3000-\\u303F\\uFF00-\\uFF0F\\uFF1A-\\uFF20\\uFF3B-\\uFF40\\uFF5B-\\uFF65\\u2014\\u2026\\u201C\\u201D\\u2018\\u2019\\u00B7\\uFE30-\\uFE4F';
export const cjk = `${cjkLetter}${cjkPunctuation}`;

const cjkTest = new RegExp(`[${cjk}]`, 'u');
const cjkLetterTest = new RegExp(`[${cjkLetter}]`, 'u');
const cjkLetterGlobal = new RegExp(`[${cjkLetter}]`, 'gu');

export function isCjk(char: string | undefined): boolean {
  return char !== undefined && cjkTest.test(char);
}

const fullWidthPunctuationTest = /[\u3001-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65\u201C\u201D\u2018\u2019\u2014\u2026]/u;

/** Punctuation that occupies a full CJK cell (，。：「」…), which never wants a space beside it. */
export function isFullWidthPunctuation(char: string | undefined): boolean {
  return char !== undefined && fullWidthPunctuationTest.test(char);
}

export function isCjkLetter(char: string | undefined): boolean {
  return char !== undefined && cjkLetterTest.test(char);
}

/** Fraction of letters that are CJK (ignores spaces, digits and punctuation). */
export function cjkShare(text: string): number {
  // Two global regex scans: several times faster than testing each character on its own.
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return 0;
  const han = text.match(cjkLetterGlobal)?.length ?? 0;
  return han / letters;
}
