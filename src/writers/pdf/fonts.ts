import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../paths.js';
import { bundledSerif } from '../fonts/bundled-fonts.js';
import type { BookText } from '../fonts/embed-font.js';
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
}

const modules = path.join(packageRoot, 'node_modules');
const latinRange = 'U+0000-024F, U+0259, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+1E00-1EFF, U+2000-206F, U+20A0-20CF, U+2113, U+2122, U+2190-2199, U+FB00-FB06';

/**
 * The PDF never depends on system fonts: Noto Serif SC (full TrueType, with vertical metrics
 * and the vert/vrt2 features that turn ，。「」 for vertical text), Noto Serif for Latin articles
 * and Noto Sans Mono for code, all from npm packages.
 */
export function bundledFaces(): BundledFace[] {
  const sc = bundledSerif();
  const serif = path.join(modules, '@fontsource', 'noto-serif', 'files');
  const mono = path.join(modules, '@fontsource', 'noto-sans-mono', 'files');
  return [
    { family: 'Wenji Serif SC', weight: 400, style: 'normal', file: sc.regular.path, format: 'truetype' },
    { family: 'Wenji Serif SC', weight: 700, style: 'normal', file: sc.bold.path, format: 'truetype' },
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
  return [path.dirname(path.dirname(bundledSerif().regular.path)), path.join(modules, '@fontsource')];
}

export function missingFonts(): string[] {
  return bundledFaces()
    .map((face) => face.file)
    .filter((file) => !existsSync(file));
}

/** Characters the printed book may show beyond its text: digits, Latin, common punctuation. */
const alwaysIncluded = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~·–—‘’“”…、。〈〉《》「」『』【】〔〕！（），．：；？・　年月日•◦▪▫■□‐●﹅';

/**
 * The CJK faces subset to the characters of this book, written into the build's work folder.
 * Smaller fonts load faster, and a subset's character map holds only real text characters:
 * the full font maps Kangxi radicals (U+2F00…) and vertical presentation forms to the same
 * glyphs as ordinary ideographs and punctuation, and Chromium's PDF text layer would then say
 * ⼈ (a radical) where the page shows 人, breaking search and copy.
 */
export async function subsetFaces(workDir: string, text: BookText): Promise<BundledFace[]> {
  const faces = bundledFaces();
  return Promise.all(
    faces.map(async (face, index) => {
      if (face.format !== 'truetype') return face;
      const characters = [...new Set(`${alwaysIncluded}${face.weight === 700 ? text.bold : text.regular}`)].join('');
      const data = await subsetForText(face.file, characters);
      const file = path.join(workDir, `font-${index}-${face.weight}.ttf`);
      writeFileSync(file, data);
      return { ...face, file };
    }),
  );
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
