import { describeError } from '../../errors.js';
import type { FontFamily } from './bundled-fonts.js';
import { subsetForText } from './subset-for-text.js';

/** The text a book sets in each weight (see `collectBookText`). */
export interface BookText {
  regular: string;
  bold: string;
}

export interface EmbeddedFontFile {
  /** Path inside the EPUB, relative to the package document. */
  href: string;
  data: Uint8Array;
  weight: 400 | 700;
}

export interface EmbeddedFont {
  /** The CSS family name documents use. */
  family: string;
  files: EmbeddedFontFile[];
  /** `@font-face` rules and the body font, written as `fonts.css`. */
  css: string;
  /** Characters in the regular subset. */
  characters: number;
  seconds: number;
}

export type EmbedResult = { font: EmbeddedFont; warnings: string[] } | { font: undefined; warnings: string[] };

/** A family name of wenji's own, so that a reader's installed Noto Serif SC never shadows the subset. */
const cssFamily = 'wenji-serif';

/**
 * Subsets the bundled serif to the book's characters: regular for all text, bold only for the
 * characters set bold (headings, `strong`) — a second full-alphabet subset would double the
 * size for a few dozen headings. A font that cannot be subset leaves the book without an
 * embedded font (the reader's own then applies), with a one-line warning naming the file.
 */
export async function embedFont(text: BookText, family: FontFamily, display: (file: string) => string): Promise<EmbedResult> {
  const started = performance.now();
  const regularText = uniqueCharacters(text.regular);
  const boldText = uniqueCharacters(text.bold);
  const warnings: string[] = [];
  let regular: Uint8Array;
  try {
    regular = await subsetForText(family.regular.path, regularText);
  } catch (error) {
    warnings.push(`${display(family.regular.path)}: the font cannot be subset (${describeError(error)}); the EPUB is built without an embedded font`);
    return { font: undefined, warnings };
  }
  const files: EmbeddedFontFile[] = [{ href: 'fonts/serif-regular.ttf', data: regular, weight: 400 }];
  if (boldText) {
    try {
      files.push({ href: 'fonts/serif-bold.ttf', data: await subsetForText(family.bold.path, boldText), weight: 700 });
    } catch (error) {
      warnings.push(`${display(family.bold.path)}: the bold font cannot be subset (${describeError(error)}); readers will embolden the regular one`);
    }
  }
  const faces = files.map(
    (file) => `@font-face {\n  font-family: "${cssFamily}";\n  font-style: normal;\n  font-weight: ${file.weight === 700 ? 'bold' : 'normal'};\n  src: url("${file.href}") format("truetype");\n}\n`,
  );
  const css = `/* ${family.name} (${family.license}), subset to this book's characters by wenji. */\n${faces.join('\n')}\nbody {\n  font-family: "${cssFamily}", serif;\n}\n`;
  return {
    font: { family: cssFamily, files, css, characters: [...regularText].length, seconds: (performance.now() - started) / 1000 },
    warnings,
  };
}

/** Each character once, in code point order (so the subset depends on the set, not the order). */
export function uniqueCharacters(text: string): string {
  const characters = new Set<string>();
  for (const character of text) if (!/[\p{Cc}\p{Cs}]/u.test(character)) characters.add(character);
  return [...characters].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!).join('');
}
