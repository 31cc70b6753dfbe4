import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRoot } from '../../paths.js';

/** The CJK serif wenji ships with (Noto Serif SC, SIL Open Font License 1.1). */
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

const files = {
  regular: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
} as const;

/**
 * Paths of the bundled serif, resolved from wenji's own package.json rather than the working
 * directory: run from another folder, or installed with its dependencies hoisted, it still finds
 * them. A missing file is reported by whoever reads it, naming the path.
 */
export function bundledSerif(): FontFamily {
  const require = createRequire(path.join(packageRoot, 'package.json'));
  const resolve = (specifier: string) => {
    try {
      return require.resolve(specifier);
    } catch {
      return path.join(packageRoot, 'node_modules', specifier);
    }
  };
  return {
    name: 'Noto Serif SC',
    license: 'SIL Open Font License 1.1',
    regular: { path: resolve(files.regular), weight: 400 },
    bold: { path: resolve(files.bold), weight: 700 },
  };
}
