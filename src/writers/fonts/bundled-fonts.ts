import { createRequire } from 'node:module';
import path from 'node:path';
import { cjkFaces, type CjkFace } from '../../locale/cjk-locale.js';
import { packageRoot } from '../../paths.js';

/** One weight of a bundled CJK serif (Noto Serif SC, TC or JP; SIL Open Font License 1.1). */
export interface FontFace {
  /** Absolute path of the TrueType file. */
  path: string;
  weight: 400 | 700;
}

export interface FontFamily {
  /** The name shown in the colophon and logs. */
  name: string;
  license: string;
  regular: FontFace;
  bold: FontFace;
}

/** The serif of each face: its npm package and file stem. */
const packages: Record<CjkFace, { name: string; module: string; stem: string }> = {
  sc: { name: 'Noto Serif SC', module: '@expo-google-fonts/noto-serif-sc', stem: 'NotoSerifSC' },
  tc: { name: 'Noto Serif TC', module: '@expo-google-fonts/noto-serif-tc', stem: 'NotoSerifTC' },
  jp: { name: 'Noto Serif JP', module: '@expo-google-fonts/noto-serif-jp', stem: 'NotoSerifJP' },
};

/**
 * Paths of the bundled serif for `face` (Simplified by default), resolved from wenji's own
 * package.json rather than the working directory: run from another folder, or installed with its
 * dependencies hoisted, it still finds them. A missing file is reported by whoever reads it,
 * naming the path.
 */
export function bundledSerif(face: CjkFace = 'sc'): FontFamily {
  const require = createRequire(path.join(packageRoot, 'package.json'));
  const resolve = (specifier: string) => {
    try {
      return require.resolve(specifier);
    } catch {
      return path.join(packageRoot, 'node_modules', specifier);
    }
  };
  const { name, module, stem } = packages[face];
  return {
    name,
    license: 'SIL Open Font License 1.1',
    regular: { path: resolve(`${module}/400Regular/${stem}_400Regular.ttf`), weight: 400 },
    bold: { path: resolve(`${module}/700Bold/${stem}_700Bold.ttf`), weight: 700 },
  };
}

/** Every bundled CJK serif, by face. */
export function bundledSerifs(): Record<CjkFace, FontFamily> {
  return Object.fromEntries(cjkFaces.map((face) => [face, bundledSerif(face)])) as Record<CjkFace, FontFamily>;
}
