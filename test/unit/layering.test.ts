import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { repoRoot } from '../helpers/paths.js';

/**
 * The layers of src/, top to bottom, each with the modules it holds (a folder ends with `/`) and
 * the layers it may import; a layer always imports within itself. The README's "How it works"
 * states the same table, and this test holds the two equal.
 */
const layers: { name: string; holds: string[]; imports: string[] }[] = [
  { name: 'cli', holds: ['cli/'], imports: ['commands', 'pipeline', 'writers', 'content', 'config', 'leaves'] },
  { name: 'commands', holds: ['check/', 'collect/', 'init/', 'preview/'], imports: ['pipeline', 'cache', 'writers', 'transforms', 'normalize', 'content', 'config', 'model', 'leaves'] },
  { name: 'pipeline', holds: ['pipeline.ts', 'prepare-book.ts', 'article-reading.ts', 'article-work.ts', 'article-worker.ts'], imports: ['cache', 'writers', 'transforms', 'book', 'normalize', 'content', 'config', 'model', 'leaves'] },
  { name: 'cache', holds: ['cache/'], imports: ['config', 'model', 'leaves'] },
  { name: 'writers', holds: ['writers/'], imports: ['transforms', 'book', 'config', 'model', 'leaves'] },
  { name: 'transforms', holds: ['transforms/'], imports: ['book', 'normalize', 'content', 'config', 'model', 'leaves'] },
  { name: 'book', holds: ['book/'], imports: ['config', 'model', 'leaves'] },
  { name: 'normalize', holds: ['normalize/'], imports: ['content', 'config', 'model', 'leaves'] },
  { name: 'content', holds: ['content/'], imports: ['config', 'model', 'leaves'] },
  { name: 'config', holds: ['config/'], imports: ['leaves'] },
  { name: 'model', holds: ['book/model.ts'], imports: ['leaves'] },
  { name: 'leaves', holds: ['hast/', 'locale/', 'contained-path.ts', 'emit.ts', 'errors.ts', 'exit-cleanup.ts', 'limiter.ts', 'sealed-file.ts', 'paths.ts', 'progress.ts'], imports: [] },
];

const src = path.join(repoRoot, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path.relative(src, full).split(path.sep).join('/')] : [];
  });
}

/** Relative modules a source imports: `import … from`, `export … from`, `import '…'` and `import('…')`. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(src, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:^|[;\s])(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|(?:^|[;\s])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1] ?? match[2] ?? match[3]!);
  return specifiers.filter((specifier) => specifier.startsWith('.')).map((specifier) => path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)).replace(/\.js$/, '.ts'));
}

/** The layer of a module: the most specific entry that holds it (`book/model.ts` before `book/`). */
function layerOf(file: string): string | undefined {
  let best: { name: string; length: number } | undefined;
  for (const layer of layers) {
    for (const held of layer.holds) {
      const matches = held.endsWith('/') ? file.startsWith(held) : file === held;
      if (matches && (!best || held.length > best.length)) best = { name: layer.name, length: held.length };
    }
  }
  return best?.name;
}

describe('layering', () => {
  const files = sources(src);

  test('the table is a DAG of known layers, and every module of src/ is in one', () => {
    const names = layers.map((layer) => layer.name);
    for (const layer of layers) for (const imported of layer.imports) assert.ok(names.indexOf(imported) > names.indexOf(layer.name), `${layer.name} imports ${imported}, which is not below it`);
    assert.deepEqual(files.filter((file) => !layerOf(file)), [], 'modules in no layer: add them to the table');
  });

  test('every import of src/ runs along an allowed edge', () => {
    const allowed = new Map(layers.map((layer) => [layer.name, new Set([layer.name, ...layer.imports])]));
    const wrong: string[] = [];
    for (const file of files) {
      const from = layerOf(file)!;
      for (const target of importsOf(file)) {
        const to = layerOf(target);
        if (!to || !allowed.get(from)!.has(to)) wrong.push(`${file} (${from}) → ${target} (${to ?? 'no layer'})`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  test('no module imports itself through others (no cycle)', () => {
    const graph = new Map(files.map((file) => [file, importsOf(file)]));
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) visit(target, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    assert.deepEqual(cycles, []);
  });

  test('the import reader sees static, re-exported and dynamic imports', () => {
    const seen = importsOf('cli/commands/build.ts');
    assert.ok(seen.includes('cli/book-options.ts'), 'a static import');
    assert.ok(seen.includes('pipeline.ts'), 'a dynamic import()');
    assert.ok(importsOf('content/readers.ts').includes('content/readers/html.ts'), 'a dynamic import() inside an arrow function');
  });

  test("the README's layer table is this one", () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## How it works'));
    const rows = section
      .split('\n')
      .filter((line) => /^\| [a-z]+ \| `/.test(line))
      .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
    const stated = rows.map(([name, holds, imports]) => ({
      name: name!,
      holds: [...holds!.matchAll(/`([^`]+)`/g)].map((match) => match[1]!),
      imports: imports === '—' ? [] : imports!.split(',').map((item) => item.trim()),
    }));
    assert.deepEqual(stated, layers);
  });
});
