import { describeError } from '../../errors.js';
import { faceLanguageRanges, faceOrder, languageSelector, type CjkFace } from '../../locale/cjk-locale.js';
import type { FaceTexts } from './book-text.js';
import type { FontFamily } from './bundled-fonts.js';
import { planSubsets, type Weight } from './plan-faces.js';
import { subsetForText } from './subset-for-text.js';

export interface EmbeddedFontFile {
  face: CjkFace;
  /** Path inside the EPUB, relative to the package document. */
  href: string;
  data: Uint8Array;
  weight: 400 | 700;
}

export interface EmbeddedFont {
  files: EmbeddedFontFile[];
  /** The families embedded (for the colophon and the log), the book's own first. */
  families: FontFamily[];
  /** `@font-face` rules and the font of each language, written as `fonts.css`. */
  css: string;
  /** Characters in the regular subsets. */
  characters: number;
  seconds: number;
}

export type EmbedResult = { font: EmbeddedFont; warnings: string[] } | { font: undefined; warnings: string[] };

/** Family names of wenji's own, so that a reader's installed Noto Serif never shadows a subset. */
export const cssFamily = (face: CjkFace) => `wenji-serif-${face}`;

/**
 * Subsets the bundled serifs to the book's characters, each face to the text set in it (the
 * documents' and elements' languages): Simplified, Traditional and Japanese text get their own
 * glyph shapes and punctuation positions. Regular for all text, bold only for the characters set
 * bold (headings, `strong`) — a second full-alphabet subset would double the size for a few dozen
 * headings. A regular face that cannot be subset leaves the book without embedded fonts (the
 * reader's own then apply), with a one-line warning naming the file; a bold one is left out.
 */
export async function embedFont(texts: FaceTexts, families: Record<CjkFace, FontFamily>, bookFace: CjkFace, display: (file: string) => string): Promise<EmbedResult> {
  const started = performance.now();
  const warnings: string[] = [];
  const plan = await planSubsets(texts, families);
  const files: EmbeddedFontFile[] = [];
  const order: Weight[] = ['regular', 'bold'];
  for (const subset of [...plan].sort((a, b) => order.indexOf(a.weight) - order.indexOf(b.weight) || faceRank(a.face, bookFace) - faceRank(b.face, bookFace))) {
    const file = families[subset.face][subset.weight].path;
    try {
      const data = await subsetForText(file, subset.characters);
      files.push({ face: subset.face, href: `fonts/serif-${subset.face}-${subset.weight}.ttf`, data, weight: subset.weight === 'bold' ? 700 : 400 });
    } catch (error) {
      if (subset.weight === 'bold') {
        warnings.push(`${display(file)}: the bold font cannot be subset (${describeError(error)}); readers will embolden the regular one`);
        continue;
      }
      warnings.push(`${display(file)}: the font cannot be subset (${describeError(error)}); the EPUB is built without an embedded font`);
      return { font: undefined, warnings };
    }
  }
  const faces = [...new Set(files.map((file) => file.face))];
  const used = faces.map((face) => families[face]);
  return {
    font: {
      files,
      families: used,
      css: fontsCss(files, used, faces, bookFace),
      characters: plan.filter((subset) => subset.weight === 'regular').reduce((total, subset) => total + [...subset.characters].length, 0),
      seconds: (performance.now() - started) / 1000,
    },
    warnings,
  };
}

/**
 * fonts.css: the faces, then the font of each language. The book's face is set on the root; a
 * document or element in another language gets its own (`[lang]` keeps the rule off elements
 * that merely inherit, so `code` and the stylesheet's other fonts stay as they are). Each list
 * goes on to the other embedded faces, for the characters a face lacks.
 */
function fontsCss(files: EmbeddedFontFile[], families: FontFamily[], faces: CjkFace[], bookFace: CjkFace): string {
  const stack = (face: CjkFace) => [...faceOrder(face).filter((other) => faces.includes(other)).map((other) => `"${cssFamily(other)}"`), 'serif'].join(', ');
  const rules = files.map(
    (file) => `@font-face {\n  font-family: "${cssFamily(file.face)}";\n  font-style: normal;\n  font-weight: ${file.weight === 700 ? 'bold' : 'normal'};\n  src: url("${file.href}") format("truetype");\n}\n`,
  );
  const languages = faceLanguageRanges
    .filter(([face]) => faces.includes(face) || face === bookFace)
    .map(([face, ranges]) => `${ranges.map(languageSelector).join(', ')} {\n  font-family: ${stack(face)};\n}\n`);
  const credit = families.map((family) => `${family.name} (${family.license})`).join(', ');
  return `/* ${credit}, subset to this book's characters by wenji. */\n${rules.join('\n')}\nhtml {\n  font-family: ${stack(bookFace)};\n}\n\n${languages.join('\n')}`;
}

function faceRank(face: CjkFace, bookFace: CjkFace): number {
  return faceOrder(bookFace).indexOf(face);
}
