// Bundles the compiled CLI (dist/src) into one CommonJS file, dist/bundle/wenji.cjs, which
// bin/wenji.js runs with a V8 code cache (see there). Starting the CLI then reads one file
// instead of several hundred modules and compiles almost nothing: most of a small build's time.
// Run by `npm run compile` (and so by `npm ci`) after tsc.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outdir = path.join(root, 'dist', 'bundle');
const outfile = path.join(outdir, 'wenji.cjs');
// The cache key of normalized articles names the code that made them: the bundle carries the
// fingerprint of the modules it is built from, the same value the unbundled CLI computes.
const { codeFingerprint } = await import(path.join(root, 'dist', 'src', 'cache', 'fingerprint.js'));

/**
 * epub-gen-memory ships lighter variants of two of its modules (for browsers), and wenji needs
 * no more than they do: it hands the packager every file itself (nothing is downloaded, so
 * node-fetch and the WHATWG URL tables it pulls in are never used) and passes options the
 * tests check (so the `ow` argument validation is not needed at run time). Its HTML clean-up
 * of chapter content (htmlparser2, css-select) is left out too: wenji renders every document
 * itself and gives the packager empty chapters; content given anyway is an error, not ignored.
 */
const epubGenLight = {
  name: 'epub-gen-memory-light',
  setup(build) {
    const inUtil = (dir) => /epub-gen-memory[\\/]dist[\\/]lib[\\/]util$/.test(dir);
    build.onResolve({ filter: /^\.\/(fetchable|predicates|html-parse)$/ }, (args) => {
      if (!inUtil(args.resolveDir)) return undefined;
      if (args.path === './html-parse') return { path: 'epub-gen-memory/html-parse', namespace: 'wenji-stub' };
      const variant = args.path === './fetchable' ? 'fetchable-browser.js' : 'predicates-nop.js';
      return { path: path.join(args.resolveDir, variant) };
    });
    build.onLoad({ filter: /.*/, namespace: 'wenji-stub' }, () => ({
      loader: 'js',
      contents: "exports.fixHTML = function (index, html) { if (html) throw new Error('wenji gives epub-gen-memory no chapter content (chapter ' + index + ')'); return ''; };",
    }));
  },
};

const result = await build({
  entryPoints: [path.join(root, 'dist', 'src', 'cli', 'main.js')],
  outfile,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Native addons, WebAssembly read from their own folders, the optional Chromium and the
  // browser driver stay in node_modules and load from there, when used; so do opencc's
  // dictionaries (2 MB of text that every start would read, for books that convert scripts).
  external: ['sharp', '@sparticuz/chromium', 'puppeteer-core', '@puppeteer/browsers', 'subset-font', 'harfbuzzjs', 'canvas', 'iconv-lite', 'fsevents', 'opencc-js'],
  define: { WENJI_CODE_FINGERPRINT: JSON.stringify(codeFingerprint()), 'import.meta.url': 'importMetaUrl' },
  inject: [path.join(root, 'scripts', 'import-meta-url.js')],
  // Some dependencies read class and function names (linkedom's DOM classes).
  keepNames: true,
  // WENJI_BUNDLE_MINIFY=0 keeps names readable in CPU profiles.
  minify: process.env.WENJI_BUNDLE_MINIFY !== '0',
  // A map beside the bundle: `--verbose` turns source maps on, so stack traces name the sources.
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: true,
  plugins: [epubGenLight],
  // Written below, once checked: a failed bundle never replaces a working one.
  write: false,
});

// The modules left out are loaded with import() (some are ES modules only). The bundle runs as
// a vm.Script (for its code cache), which cannot import by itself: the launcher lends it its own
// import() as `__wenjiImport`. Every dynamic import in the bundle must be one of those. The
// hashbang of main.ts goes too (a script is not a file to execute); its line stays, empty.
const files = result.outputFiles.map((file) => {
  if (file.path !== outfile) return file;
  const code = file.text.replace(/^#![^\n]*/, '').replace(/\bimport\((?=["'])/g, '__wenjiImport(');
  const left = /\bimport\s*\(\s*[\w"'`]/.exec(code);
  if (left) throw new Error(`bundle: a dynamic import() is left at offset ${left.index}: ${code.slice(left.index, left.index + 80)}`);
  return { path: file.path, contents: Buffer.from(code) };
});
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
for (const file of files) writeFileSync(file.path, file.contents);
// The launcher names its code cache after this: a cache is only ever used with the code it was
// made from (V8 itself checks little more than the length).
const bundled = files.find((file) => file.path === outfile);
writeFileSync(`${outfile}.id`, `${createHash('sha256').update(bundled.contents).digest('hex').slice(0, 32)}\n`);

const bytes = readdirSync(outdir).reduce((sum, name) => sum + (name.endsWith('.cjs') ? readFileSync(path.join(outdir, name)).length : 0), 0);
console.log(`bundled the CLI into ${path.relative(root, outfile)} (${(bytes / 1024 / 1024).toFixed(1)} MB, ${Object.keys(result.metafile.inputs).length} modules)`);
