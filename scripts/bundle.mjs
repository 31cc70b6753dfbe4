// Bundles the compiled CLI (dist/src) into dist/bundle with esbuild: one file per entry and a
// chunk per lazily loaded part (PDF writer, readers, preview…). Starting the CLI then reads a
// few files instead of several hundred modules, which is most of a small build's time.
// Run by `npm run compile` (and so by `npm ci`) after tsc.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outdir = path.join(root, 'dist', 'bundle');
// The cache key of normalized articles names the code that made them: the bundle carries the
// fingerprint of the modules it is built from, the same value the unbundled CLI computes.
const { codeFingerprint } = await import(path.join(root, 'dist', 'src', 'cache', 'fingerprint.js'));

/**
 * epub-gen-memory ships lighter variants of two of its modules (for browsers), and wenji needs
 * no more than they do: it hands the packager every file itself (nothing is downloaded, so
 * node-fetch and the WHATWG URL tables it pulls in are never used) and passes options the
 * tests check (so the `ow` argument validation is not needed at run time).
 */
const epubGenLight = {
  name: 'epub-gen-memory-light',
  setup(build) {
    build.onResolve({ filter: /^\.\/(fetchable|predicates)$/ }, (args) => {
      if (!/epub-gen-memory[\\/]dist[\\/]lib[\\/]util$/.test(args.resolveDir)) return undefined;
      const variant = args.path === './fetchable' ? 'fetchable-browser.js' : 'predicates-nop.js';
      return { path: path.join(args.resolveDir, variant) };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { wenji: path.join(root, 'dist', 'src', 'cli', 'main.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Native addons, WebAssembly read from their own folders, the optional Chromium and the
  // browser driver stay in node_modules and load from there, when used.
  external: ['sharp', '@sparticuz/chromium', 'puppeteer-core', '@puppeteer/browsers', 'subset-font', 'harfbuzzjs', 'canvas', 'iconv-lite', 'fsevents'],
  define: { WENJI_CODE_FINGERPRINT: JSON.stringify(codeFingerprint()) },
  // CommonJS dependencies call require(); in an ES module it is made with createRequire.
  banner: { js: "import { createRequire as __wenjiRequire } from 'node:module'; const require = __wenjiRequire(import.meta.url);" },
  // Some dependencies read class and function names (linkedom's DOM classes).
  keepNames: true,
  minify: true,
  // Maps beside the chunks: `--verbose` turns them on, so stack traces name the sources.
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: true,
  plugins: [epubGenLight],
});
writeFileSync(path.join(outdir, 'package.json'), '{ "type": "module" }\n');
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(`bundled the CLI into ${path.relative(root, outdir)} (${Object.keys(result.metafile.outputs).length} files, ${(bytes / 1024 / 1024).toFixed(1)} MB)`);
