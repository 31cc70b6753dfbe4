import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../paths.js';

/** A font file bundled through npm, with the CSS that declares it. */
interface BundledFace {
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
  const sc = path.join(modules, '@expo-google-fonts', 'noto-serif-sc');
  const serif = path.join(modules, '@fontsource', 'noto-serif', 'files');
  const mono = path.join(modules, '@fontsource', 'noto-sans-mono', 'files');
  return [
    { family: 'Wenji Serif SC', weight: 400, style: 'normal', file: path.join(sc, '400Regular', 'NotoSerifSC_400Regular.ttf'), format: 'truetype' },
    { family: 'Wenji Serif SC', weight: 700, style: 'normal', file: path.join(sc, '700Bold', 'NotoSerifSC_700Bold.ttf'), format: 'truetype' },
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
  return [path.join(modules, '@expo-google-fonts', 'noto-serif-sc'), path.join(modules, '@fontsource')];
}

export function missingFonts(): string[] {
  return bundledFaces()
    .map((face) => face.file)
    .filter((file) => !existsSync(file));
}

export function fontFaceCss(): string {
  return bundledFaces()
    .map(
      (face) =>
        `@font-face { font-family: "${face.family}"; font-weight: ${face.weight}; font-style: ${face.style}; font-display: block; src: url("${pathToFileURL(face.file).href}") format("${face.format}");${face.unicodeRange ? ` unicode-range: ${face.unicodeRange};` : ''} }`,
    )
    .join('\n');
}
