import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus.js';

/**
 * `npm run bench`: a 60 × 40 KB Chinese corpus, timed through the real CLI. Prints medians
 * of several runs and, when pandoc is installed, pandoc's time on the same Markdown.
 */
const runs = Number(process.env.BENCH_RUNS ?? 3);
const dir = path.join(tmpdir(), 'wenji-bench');
const wrapper = fileURLToPath(new URL('./rss-wrapper.js', import.meta.url));

writeCorpus(dir);
const contentFiles = readdirSync(path.join(dir, 'content')).map((name) => path.join(dir, 'content', name));
const totalBytes = contentFiles.reduce((sum, file) => sum + statSync(file).size, 0);
console.log(`corpus: ${contentFiles.length} articles, ${(totalBytes / 1024 / 1024).toFixed(2)} MB of Markdown in ${dir}`);

function time(label: string, command: string, args: string[]): { seconds: number; rssMb?: number } {
  const samples: number[] = [];
  let rss: number | undefined;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    samples.push((performance.now() - start) / 1000);
    if (result.status !== 0) throw new Error(`${label} failed (${result.status}):\n${result.stderr}`);
    const match = /bench-max-rss-kb (\d+)/.exec(result.stderr);
    if (match) rss = Math.max(rss ?? 0, Number(match[1]) / 1024);
  }
  samples.sort((a, b) => a - b);
  const seconds = samples[Math.floor(samples.length / 2)]!;
  console.log(`${label.padEnd(28)} median ${seconds.toFixed(2)} s  (runs: ${samples.map((s) => s.toFixed(2)).join(', ')})${rss ? `  peak RSS ${rss.toFixed(0)} MB` : ''}`);
  return rss === undefined ? { seconds } : { seconds, rssMb: rss };
}

const wenji = time('wenji epub', process.execPath, [wrapper, 'epub', dir, '--quiet']);

let pandoc: { seconds: number } | undefined;
try {
  execFileSync('pandoc', ['--version'], { stdio: 'ignore' });
  const sorted = [...contentFiles].sort();
  pandoc = time('pandoc (same Markdown)', 'pandoc', ['-f', 'markdown', '-o', path.join(dir, 'out', 'pandoc.epub'), '--metadata', 'title=基准文集', '--metadata', 'lang=zh-Hans', ...sorted]);
} catch {
  console.log('pandoc not installed: install it (apt-get install pandoc) to compare');
}
if (pandoc) console.log(`ratio wenji/pandoc: ${(wenji.seconds / pandoc.seconds).toFixed(2)} (below 1 means wenji is faster)`);

// ---- PDF: the whole command, and the floor (Chromium printing the same body HTML once) ----
if (process.env.BENCH_PDF !== '0') {
  const pdf = time('wenji pdf (vertical A5)', process.execPath, [wrapper, 'pdf', dir, '--quiet']);
  const { measurePrintFloor } = await import('./print-floor.js');
  const floor = await measurePrintFloor(dir);
  console.log(`${'chromium print floor'.padEnd(28)} ${floor.seconds.toFixed(2)} s  (${floor.pages} pages, the assembled body printed once)`);
  console.log(`ratio wenji pdf / floor: ${(pdf.seconds / floor.seconds).toFixed(2)} (target: below 2.5)`);
}
