import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, readdirSync, rmSync, statSync } from 'node:fs';
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

function time(label: string, command: string, args: string[], prepare: (run: number) => void = () => {}): { seconds: number; fastest: number; cpu?: number; rssMb?: number } {
  const samples: number[] = [];
  const cpu: number[] = [];
  let rss: number | undefined;
  for (let i = 0; i < runs; i++) {
    prepare(i);
    const start = performance.now();
    const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    samples.push((performance.now() - start) / 1000);
    if (result.status !== 0) throw new Error(`${label} failed (${result.status}):\n${result.stderr}`);
    const match = /bench-max-rss-kb (\d+)/.exec(result.stderr);
    if (match) rss = Math.max(rss ?? 0, Number(match[1]) / 1024);
    const cpuMatch = /bench-cpu-us (\d+)/.exec(result.stderr);
    if (cpuMatch) cpu.push(Number(cpuMatch[1]) / 1e6);
  }
  samples.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const seconds = samples[Math.floor(samples.length / 2)]!;
  const cpuMedian = cpu.length ? cpu[Math.floor(cpu.length / 2)] : undefined;
  console.log(
    `${label.padEnd(31)} median ${seconds.toFixed(2)} s, fastest ${samples[0]!.toFixed(2)} s${cpuMedian === undefined ? '' : `, CPU ${cpuMedian.toFixed(2)} s`}  (runs: ${samples.map((s) => s.toFixed(2)).join(', ')})${rss ? `  peak RSS ${rss.toFixed(0)} MB` : ''}`,
  );
  return { seconds, fastest: samples[0]!, ...(cpuMedian === undefined ? {} : { cpu: cpuMedian }), ...(rss === undefined ? {} : { rssMb: rss }) };
}

// Cold: an empty cache, every article parsed and normalized (and written to out/.cache).
const cacheDir = path.join(dir, 'out', '.cache');
const wenji = time('wenji epub (cold)', process.execPath, [wrapper, 'epub', dir, '--quiet'], () => rmSync(cacheDir, { recursive: true, force: true }));
time('wenji epub --no-cache', process.execPath, [wrapper, 'epub', dir, '--quiet', '--no-cache']);
// Incremental: the cache is warm and one article was edited since the last build.
const touched = contentFiles.find((file) => file.endsWith('.md'))!;
time('wenji epub (warm)', process.execPath, [wrapper, 'epub', dir, '--quiet']);
const warm = time('wenji epub (1 article touched)', process.execPath, [wrapper, 'epub', dir, '--quiet'], (run) => appendFileSync(touched, `\n又及：第${run + 1}次修改。\n`));
console.log(
  `ratio touched/cold: ${(warm.seconds / wenji.seconds).toFixed(2)} by median wall time, ${(warm.fastest / wenji.fastest).toFixed(2)} by fastest run${warm.cpu && wenji.cpu ? `, ${(warm.cpu / wenji.cpu).toFixed(2)} by CPU time` : ''} (target: below 0.30)`,
);

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
  const pdf = time('wenji pdf (vertical A5)', process.execPath, [wrapper, 'pdf', dir, '--quiet', '--no-cache']);
  const { measurePrintFloor } = await import('./print-floor.js');
  const floor = await measurePrintFloor(dir);
  console.log(`${'chromium print floor'.padEnd(28)} ${floor.seconds.toFixed(2)} s  (${floor.pages} pages, the assembled body printed once)`);
  console.log(`ratio wenji pdf / floor: ${(pdf.seconds / floor.seconds).toFixed(2)} (target: below 2.5)`);
}
