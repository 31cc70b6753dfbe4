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

interface Sample {
  seconds: number;
  cpu?: number;
  rssMb?: number;
}

function run(label: string, command: string, args: string[]): Sample {
  const start = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`${label} failed (${result.status}):\n${result.stderr}`);
  const rss = /bench-max-rss-kb (\d+)/.exec(result.stderr);
  const cpu = /bench-cpu-us (\d+)/.exec(result.stderr);
  return { seconds, ...(cpu ? { cpu: Number(cpu[1]) / 1e6 } : {}), ...(rss ? { rssMb: Number(rss[1]) / 1024 } : {}) };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

function report(label: string, samples: Sample[]): void {
  const cpu = samples.flatMap((sample) => (sample.cpu === undefined ? [] : [sample.cpu]));
  const rss = Math.max(0, ...samples.map((sample) => sample.rssMb ?? 0));
  console.log(
    `${label.padEnd(31)} median ${median(samples.map((sample) => sample.seconds)).toFixed(2)} s${cpu.length ? `, CPU ${median(cpu).toFixed(2)} s` : ''}  (runs: ${samples.map((sample) => sample.seconds.toFixed(2)).join(', ')})${rss ? `  peak RSS ${rss.toFixed(0)} MB` : ''}`,
  );
}

// The machine's speed drifts: each round runs every case once, back to back, and the ratios are
// taken within a round (then their median), so that a slow minute slows both sides of a ratio.
const cacheDir = path.join(dir, 'out', '.cache');
const touched = contentFiles.find((file) => file.endsWith('.md'))!;
const sorted = [...contentFiles].sort();
let pandoc = false;
try {
  execFileSync('pandoc', ['--version'], { stdio: 'ignore' });
  pandoc = true;
} catch {
  console.log('pandoc not installed: install it (apt-get install pandoc) to compare');
}
const samples: Record<'cold' | 'noCache' | 'warm' | 'touched' | 'pandoc', Sample[]> = { cold: [], noCache: [], warm: [], touched: [], pandoc: [] };
const wenjiArgs = [wrapper, 'epub', dir, '--quiet'];
for (let round = 0; round < runs; round++) {
  // Cold: an empty cache, every article parsed and normalized (and written to out/.cache).
  rmSync(cacheDir, { recursive: true, force: true });
  samples.cold.push(run('wenji epub (cold)', process.execPath, wenjiArgs));
  // Warm: nothing changed since; touched: one article was edited since the last build.
  samples.warm.push(run('wenji epub (warm)', process.execPath, wenjiArgs));
  appendFileSync(touched, `\n又及：第${round + 1}次修改。\n`);
  samples.touched.push(run('wenji epub (1 article touched)', process.execPath, wenjiArgs));
  samples.noCache.push(run('wenji epub --no-cache', process.execPath, [...wenjiArgs, '--no-cache']));
  if (pandoc) {
    const args = ['-f', 'markdown', '-o', path.join(dir, 'out', 'pandoc.epub'), '--metadata', 'title=基准文集', '--metadata', 'lang=zh-Hans', ...sorted];
    samples.pandoc.push(run('pandoc', 'pandoc', args));
  }
}
report('wenji epub (cold)', samples.cold);
report('wenji epub --no-cache', samples.noCache);
report('wenji epub (warm)', samples.warm);
report('wenji epub (1 article touched)', samples.touched);
const ratios = (a: Sample[], b: Sample[]) => a.map((sample, index) => sample.seconds / b[index]!.seconds);
const touchedRatios = ratios(samples.touched, samples.cold);
console.log(`ratio touched/cold: ${median(touchedRatios).toFixed(2)} (median of the rounds: ${touchedRatios.map((r) => r.toFixed(2)).join(', ')}; target: below 0.30)`);
if (pandoc) {
  report('pandoc (same Markdown)', samples.pandoc);
  const pandocRatios = ratios(samples.cold, samples.pandoc);
  console.log(`ratio wenji cold/pandoc: ${median(pandocRatios).toFixed(2)} (median of the rounds: ${pandocRatios.map((r) => r.toFixed(2)).join(', ')}; below 1 means wenji is faster)`);
}

// ---- PDF: the whole command, and the floor (Chromium printing the same body HTML once) ----
if (process.env.BENCH_PDF !== '0') {
  const pdfSamples = Array.from({ length: runs }, () => run('wenji pdf', process.execPath, [wrapper, 'pdf', dir, '--quiet', '--no-cache']));
  report('wenji pdf (vertical A5)', pdfSamples);
  const pdf = { seconds: median(pdfSamples.map((sample) => sample.seconds)) };
  const { measurePrintFloor } = await import('./print-floor.js');
  const floor = await measurePrintFloor(dir);
  console.log(`${'chromium print floor'.padEnd(28)} ${floor.seconds.toFixed(2)} s  (${floor.pages} pages, the assembled body printed once)`);
  console.log(`ratio wenji pdf / floor: ${(pdf.seconds / floor.seconds).toFixed(2)} (target: below 2.5)`);
}

// ---- PDF scaling (BENCH_SCALE=1): 60, 120 and 300 articles, each round every size once ----
// Chunked printing (src/writers/pdf/print-chunks.ts) keeps the cost per page flat; the 60-article
// book is also printed in one piece (WENJI_PDF_CHUNK_PAGES=0, the body and furniture as one
// document each, as before chunking) to show that chunking does not slow a small book down.
if (process.env.BENCH_SCALE === '1') {
  const { runSampled } = await import('./process-memory.js');
  const sizes = [60, 120, 300];
  const dirs = new Map(sizes.map((count) => [count, path.join(tmpdir(), `wenji-bench-${count}`)]));
  for (const [count, scaleDir] of dirs) writeCorpus(scaleDir, count);
  interface ScaleSample {
    seconds: number;
    pages: number;
    rssMb: number;
    browserRssMb: number;
    browserPssMb: number;
  }
  const cases = [...sizes.map((count) => ({ label: `${count} articles`, count, env: {} })), { label: '60 articles, one piece', count: 60, env: { WENJI_PDF_CHUNK_PAGES: '0' } }];
  const scale = new Map<string, ScaleSample[]>(cases.map((entry) => [entry.label, []]));
  for (let round = 0; round < runs; round++) {
    for (const entry of cases) {
      const result = await runSampled(process.execPath, [wrapper, 'pdf', dirs.get(entry.count)!, '--no-cache'], entry.env);
      const pages = Number(/ (\d+) pages\n/.exec(result.output)?.[1] ?? 0);
      const rss = Number(/bench-max-rss-kb (\d+)/.exec(result.output)?.[1] ?? 0) / 1024;
      scale.get(entry.label)!.push({ seconds: result.seconds, pages, rssMb: rss, browserRssMb: result.childrenRssMb, browserPssMb: result.childrenPssMb });
    }
  }
  console.log('\nwenji pdf, vertical A5, by book size (median of the rounds; memory: the highest of the rounds)');
  console.log('| book | pages | wall time | node peak RSS | browser peak (sum over its processes: RSS / PSS) |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const entry of cases) {
    const list = scale.get(entry.label)!;
    const max = (pick: (sample: ScaleSample) => number) => Math.max(...list.map(pick)).toFixed(0);
    console.log(`| ${entry.label} | ${list[0]!.pages.toLocaleString('en')} | ${median(list.map((sample) => sample.seconds)).toFixed(1)} s (${list.map((sample) => sample.seconds.toFixed(1)).join(', ')}) | ${max((sample) => sample.rssMb)} MB | ${max((sample) => sample.browserRssMb)} / ${max((sample) => sample.browserPssMb)} MB |`);
  }
  const within = (a: string, b: string) => scale.get(a)!.map((sample, index) => sample.seconds / scale.get(b)![index]!.seconds);
  const big = within('300 articles', '60 articles');
  console.log(`ratio 300/60 articles: ${median(big).toFixed(2)} (rounds: ${big.map((r) => r.toFixed(2)).join(', ')}; pages ${(scale.get('300 articles')![0]!.pages / scale.get('60 articles')![0]!.pages).toFixed(2)}×; target: at most 5.5)`);
  const mid = within('120 articles', '60 articles');
  console.log(`ratio 120/60 articles: ${median(mid).toFixed(2)} (rounds: ${mid.map((r) => r.toFixed(2)).join(', ')})`);
  const small = within('60 articles', '60 articles, one piece');
  console.log(`ratio 60 articles chunked / one piece: ${median(small).toFixed(2)} (rounds: ${small.map((r) => r.toFixed(2)).join(', ')}; target: at most 1)`);
}
