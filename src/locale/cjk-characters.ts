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
  // Character codes for ASCII and the two big blocks of ideographs (every code point there is a
  // Han letter); the Unicode classes for the rest. Same counts as matching /\p{L}/ and the CJK
  // letter class over the text, without building the match arrays.
  let letters = 0;
  let han = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) letters++;
    } else if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf)) {
      letters++;
      han++;
    } else {
      const point = text.codePointAt(i)!;
      if (point > 0xffff) i++;
      const char = String.fromCodePoint(point);
      if (letterTest.test(char)) letters++;
      if (cjkLetterTest.test(char)) han++;
    }
  }
  return letters === 0 ? 0 : han / letters;
}

const letterTest = /\p{L}/u;
