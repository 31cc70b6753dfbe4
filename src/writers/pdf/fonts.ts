import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cjkFaces, faceLanguageRanges, faceOrder, languageSelector, type CjkFace } from '../../locale/cjk-locale.js';
import { packageRoot } from '../../paths.js';
import type { FaceTexts } from '../fonts/book-text.js';
import { bundledSerifs } from '../fonts/bundled-fonts.js';
import { planSubsets } from '../fonts/plan-faces.js';
import { subsetForText } from '../fonts/subset-for-text.js';

/** A font file bundled through npm, with the CSS that declares it. */
export interface BundledFace {
  family: string;
  weight: 400 | 700;
  style: 'normal' | 'italic';
  file: string;
  format: 'truetype' | 'woff2';
  /** Limits a Latin face to Latin so CJK always comes from the CJK face. */
  unicodeRange?: string;
  /** The CJK face it is (for the CJK serifs). */
  face?: CjkFace;
}

const modules = path.join(packageRoot, 'node_modules');
const latinRange = 'U+0000-024F, U+0259, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+1E00-1EFF, U+2000-206F, U+20A0-20CF, U+2113, U+2122, U+2190-2199, U+FB00-FB06';

/** The CSS family of a CJK face in the print stylesheet. */
export const serifFamily = (face: CjkFace) => `Wenji Serif ${face.toUpperCase()}`;

/** The font list for text of `face`: its serif, then the others for the characters it lacks. */
export const serifStack = (face: CjkFace) => faceOrder(face).map((other) => `"${serifFamily(other)}"`).join(', ');

/**
 * The PDF never depends on system fonts: Noto Serif SC, TC and JP (full TrueType, with vertical
 * metrics, the vert/vrt2 forms that turn ，。「」 for vertical text and the half-width metrics
 * punctuation compression uses), Noto Serif for Latin articles and Noto Sans Mono for code, all
 * from npm packages.
 */
export function bundledFaces(): BundledFace[] {
  const serifs = bundledSerifs();
  const serif = path.join(modules, '@fontsource', 'noto-serif', 'files');
  const mono = path.join(modules, '@fontsource', 'noto-sans-mono', 'files');
  return [
    ...cjkFaces.flatMap((face) =>
      [serifs[face].regular, serifs[face].bold].map((file) => ({ family: serifFamily(face), weight: file.weight, style: 'normal' as const, file: file.path, format: 'truetype' as const, face })),
    ),
    ...(['400', '700'] as const).flatMap((weight) =>
      (['normal', 'italic'] as const).map((style) => ({
        family: 'Wenji Serif Latin',
        weight: Number(weight) as 400 | 700,
        style,
        file: path.join(serif, `noto-serif-latin-${weight}-${style}.woff2`),
        format: 'woff2' as const,
        unicodeRange: latinRange,
      })),
    ),
    { family: 'Wenji Mono', weight: 400, style: 'normal', file: path.join(mono, 'noto-sans-mono-latin-400-normal.woff2'), format: 'woff2', unicodeRange: latinRange },
  ];
}

/** Folders the print page may read fonts from. */
export function fontDirs(): string[] {
  const serifs = bundledSerifs();
  return [...cjkFaces.map((face) => path.dirname(path.dirname(serifs[face].regular.path))), path.join(modules, '@fontsource')];
}

export function missingFonts(): string[] {
  return bundledFaces()
    .map((face) => face.file)
    .filter((file) => !existsSync(file));
}

/** Characters the printed book may show beyond its text: digits, Latin, common punctuation. */
const alwaysIncluded = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~·–—‘’“”…、。〈〉《》「」『』【】〔〕！（），．：；？・　年月日•◦▪▫■□‐●﹅';

/**
 * The CJK faces subset to the characters of this book, each to the text set in it, written into
 * the build's work folder; a face no text needs is left out. Smaller fonts load faster, and a
 * subset's character map holds only real text characters: the full font maps Kangxi radicals
 * (U+2F00…) and vertical presentation forms to the same glyphs as ordinary ideographs and
 * punctuation, and Chromium's PDF text layer would then say ⼈ (a radical) where the page shows
 * 人, breaking search and copy. The Latin and mono faces are used as they are.
 */
export async function subsetFaces(workDir: string, texts: FaceTexts, bookFace: CjkFace): Promise<BundledFace[]> {
  const faces = bundledFaces();
  const serifs = bundledSerifs();
  const withFurniture: FaceTexts = { ...texts, [bookFace]: { regular: alwaysIncluded + texts[bookFace].regular, bold: alwaysIncluded + texts[bookFace].bold } };
  const plan = await planSubsets(withFurniture, serifs);
  const subsets = await Promise.all(
    plan.map(async (subset) => {
      const weight = subset.weight === 'bold' ? 700 : 400;
      const bundled = faces.find((face) => face.face === subset.face && face.weight === weight)!;
      const file = path.join(workDir, `font-${subset.face}-${weight}.ttf`);
      writeFileSync(file, await subsetForText(bundled.file, subset.characters));
      return { ...bundled, file };
    }),
  );
  // Book face first, then the others, regular before bold: the order of the @font-face rules.
  const rank = (face: BundledFace) => faceOrder(bookFace).indexOf(face.face!) * 2 + (face.weight === 700 ? 1 : 0);
  return [...subsets.sort((a, b) => rank(a) - rank(b)), ...faces.filter((face) => face.format !== 'truetype')];
}

/** `@font-face` rules; `urlOf` says where the page finds each file (the preview serves them over HTTP). */
export function fontFaceCss(faces: BundledFace[] = bundledFaces(), urlOf: (face: BundledFace, index: number) => string = (face) => pathToFileURL(face.file).href): string {
  return faces
    .map(
      (face, index) =>
        `@font-face { font-family: "${face.family}"; font-weight: ${face.weight}; font-style: ${face.style}; font-display: block; src: url("${urlOf(face, index)}") format("${face.format}");${face.unicodeRange ? ` unicode-range: ${face.unicodeRange};` : ''} }`,
    )
    .join('\n');
}

/**
 * The CJK font of each language, as the custom property `--wenji-serif` the print stylesheet
 * sets every font from: the book's face on the root, another face on any element whose `lang`
 * asks for it (the same table the subsets were planned with). Only the property is set here, so
 * `code`, the Latin face and a book's custom.css keep deciding `font-family`.
 */
export function fontLanguageCss(bookFace: CjkFace): string {
  const rules = faceLanguageRanges.map(([face, ranges]) => `${ranges.map(languageSelector).join(', ')} { --wenji-serif: ${serifStack(face)}; }`);
  return [`html { --wenji-serif: ${serifStack(bookFace)}; }`, ...rules].join('\n');
}
