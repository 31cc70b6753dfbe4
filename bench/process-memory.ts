import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** A command's wall time, and the peak memory of the processes it started (the browser), sampled. */
export interface SampledRun {
  seconds: number;
  /** What it wrote to stdout and stderr, one after the other. */
  output: string;
  /** Peak over the samples of the summed resident set of the command's descendants, MB. */
  childrenRssMb: number;
  /** The same for the proportional set size (shared pages split between the processes that map them), MB. */
  childrenPssMb: number;
}

/**
 * Runs a command and samples, every `intervalMs`, the memory of every process below it (for
 * `wenji pdf`, Chromium's browser, renderer, GPU and utility processes), from Linux's /proc.
 */
export function runSampled(command: string, args: string[], env: NodeJS.ProcessEnv = {}, intervalMs = 200): Promise<SampledRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    let peakRss = 0;
    let peakPss = 0;
    const sample = () => {
      if (child.pid === undefined) return;
      let rss = 0;
      let pss = 0;
      for (const pid of descendants(child.pid)) {
        const memory = processMemory(pid);
        rss += memory.rss;
        pss += memory.pss;
      }
      peakRss = Math.max(peakRss, rss);
      peakPss = Math.max(peakPss, pss);
    };
    const timer = setInterval(sample, intervalMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      const seconds = (performance.now() - start) / 1000;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} failed (${code}):\n${stderr}`));
      else resolve({ seconds, output: `${stdout}\n${stderr}`, childrenRssMb: peakRss / 1024, childrenPssMb: peakPss / 1024 });
    });
  });
}

/** Every process whose parent chain leads to `root` (not `root` itself). */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid …; comm may hold spaces and parentheses.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(name));
    children.set(ppid, list);
  }
  const result: number[] = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length) {
    const pid = queue.shift()!;
    result.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return result;
}

/** kB. */
function processMemory(pid: number): { rss: number; pss: number } {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
    return { rss: field('Rss'), pss: field('Pss') };
  } catch {
    return { rss: 0, pss: 0 };
  }
}
