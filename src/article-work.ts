import { Worker } from 'node:worker_threads';
import type { VFile } from 'vfile';
import type { ProducedArticles, ReadingInit } from './article-reading.js';
import { replayMessages, type StoredMessage } from './cache/entry.js';
import { ParseError, type ParsedArticle, type ParseOptions } from './content/types.js';
import { packageRoot } from './paths.js';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The per-article budget: every article file is read (parsed and normalized) on a worker
 * thread, one at a time, and one that takes longer than its budget, or more memory or stack
 * than a worker has, is stopped there — the thread is ended, the file gets one error naming the
 * reason, and the next file is read by a new thread. No input can stall or crash the build:
 * a pathological Markdown file (quadratic for the parser), an absurdly deep page, a bomb.
 *
 * The budget is `baseSeconds` plus `secondsPer100KB` for every 100 KB of the file (a long,
 * honest article takes longer than a short one), `WENJI_ARTICLE_BUDGET` seconds when set.
 */
export const budget = { baseSeconds: 20, secondsPer100KB: 2 } as const;

/** Stack for the parsers' recursion (10,000 nested elements need about 4 MB) and heap for one article. */
const limits = { stackSizeMb: 64, maxOldGenerationSizeMb: 2048 } as const;

export const articleWorkerRole = 'wenji-articles';

/** A VFile as sent to the worker. */
export interface WireFile {
  path: string;
  cwd: string;
  value: string | Uint8Array;
  data: Record<string, unknown>;
}

export type FetchOutcome = { bytes: Uint8Array } | { problem: string; summarized?: boolean };

export type WorkerRequest =
  | { type: 'init'; init: ReadingInit }
  | { type: 'produce'; id: number; file: WireFile; taken: string[]; withDependencies: boolean }
  | { type: 'parse'; id: number; file: WireFile; options: ParseOptions; first: boolean }
  | { type: 'fetched'; id: number; outcome: FetchOutcome };

export type WorkerFailure = { parse: true; message: string; line: number | undefined; ruleId: string } | { parse: false; name: string; message: string; stack: string | undefined };

export type WorkerReply =
  | { type: 'produced'; id: number; produced: ProducedArticles; messages: StoredMessage[] }
  | { type: 'parsed'; id: number; parsed: ParsedArticle[]; messages: StoredMessage[] }
  | { type: 'failed'; id: number; messages: StoredMessage[]; error: WorkerFailure }
  | { type: 'fetch'; id: number; url: string };

export interface ArticleWork {
  /** The book's settings for `produce`, and the downloader of remote images; kept until changed (the preview rebuilds with one worker). */
  configure(init: ReadingInit, fetchRemote?: ArticleWorkOptions['fetchRemote']): void;
  /** A file's articles, parsed and normalized within the budget (messages land on `file`). */
  produce(file: VFile, taken: Iterable<string>, withDependencies: boolean): Promise<ProducedArticles>;
  /** A file parsed (and depth-capped) within the budget, for `check`'s lint and `wenji add`. */
  parse(file: VFile, options: ParseOptions, first?: boolean): Promise<ParsedArticle[]>;
  /** Starts the worker now, so that its start-up overlaps other work (it is otherwise started by the first request). */
  warm(): void;
  /** Ends the worker (idle until the next request otherwise). */
  close(): Promise<void>;
}

export interface ArticleWorkOptions {
  /** Downloads a remote image for the worker (`--fetch-images`): the fetcher lives in this thread. */
  fetchRemote?: ((url: string) => Promise<FetchOutcome>) | undefined;
  /** Seconds per file instead of the budget above (tests). */
  budgetSeconds?: ((bytes: number) => number) | undefined;
}

/** An error of an article over its budget: reported on its file; the build goes on. */
export class BudgetError extends ParseError {}

/** Reading on a worker thread with a budget per file, the worker started on first use. */
export function createArticleWork(options: ArticleWorkOptions = {}): ArticleWork {
  let init: ReadingInit | undefined;
  let initText = '';
  let fetchRemote = options.fetchRemote;
  let worker: Worker | undefined;
  // The request in flight, with the worker reading it: an old worker's end must not touch a new worker's request.
  let current: { id: number; worker: Worker; resolve: (reply: WorkerReply) => void; reject: (error: Error) => void } | undefined;
  let nextId = 0;
  const secondsFor = options.budgetSeconds ?? defaultBudget;

  const start = (): Worker => {
    const spawned = new Worker(workerEntry(), { workerData: { role: articleWorkerRole }, resourceLimits: limits });
    // An idle worker does not keep the process alive (the preview keeps one between rebuilds).
    spawned.unref();
    spawned.on('message', (reply: WorkerReply) => {
      if (reply.type === 'fetch') {
        const fetching = fetchRemote ? fetchRemote(reply.url) : Promise.resolve<FetchOutcome>({ problem: 'remote images are not fetched' });
        void fetching
          .catch((error: unknown): FetchOutcome => ({ problem: `download failed: ${error instanceof Error ? error.message : String(error)}` }))
          .then((outcome) => spawned.postMessage({ type: 'fetched', id: reply.id, outcome } satisfies WorkerRequest));
        return;
      }
      if (current && current.worker === spawned && current.id === reply.id) current.resolve(reply);
    });
    spawned.on('error', (error: Error & { code?: string }) => {
      if (worker === spawned) worker = undefined;
      const running = current?.worker === spawned ? current : undefined;
      if (!running) return;
      current = undefined;
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') running.reject(new BudgetError(`the file needs more than ${limits.maxOldGenerationSizeMb} MB of memory to read; it is left out (split it, or remove what makes it so large)`, 1, 'too-large'));
      else running.reject(error);
    });
    spawned.on('exit', () => {
      if (worker === spawned) worker = undefined;
      const running = current?.worker === spawned ? current : undefined;
      if (!running) return;
      current = undefined;
      running.reject(new Error('the article worker stopped'));
    });
    if (init) spawned.postMessage({ type: 'init', init } satisfies WorkerRequest);
    return spawned;
  };

  const ask = async (file: VFile, request: (id: number, wire: WireFile) => WorkerRequest): Promise<WorkerReply & { type: 'produced' | 'parsed' }> => {
    if (current) throw new Error('one article at a time');
    worker ??= start();
    const running = worker;
    const id = ++nextId;
    const bytes = typeof file.value === 'string' ? Buffer.byteLength(file.value) : (file.value?.byteLength ?? 0);
    const seconds = secondsFor(bytes);
    let timer: NodeJS.Timeout | undefined;
    const reply = await new Promise<WorkerReply>((resolve, reject) => {
      current = { id, worker: running, resolve, reject };
      timer = setTimeout(() => {
        current = undefined;
        worker = undefined;
        void running.terminate();
        reject(new BudgetError(`reading the file took longer than ${seconds} s, so it was stopped and left out (a pathological pattern, or simply too much: split it)`, 1, 'too-slow'));
      }, seconds * 1000);
      running.ref();
      running.postMessage(request(id, wire(file)));
    }).finally(() => {
      clearTimeout(timer);
      current = undefined;
      running.unref();
    });
    replayMessages(file, reply.type === 'fetch' ? [] : reply.messages);
    if (reply.type === 'failed') {
      const { error } = reply;
      if (error.parse) throw new ParseError(error.message, error.line, error.ruleId);
      if (error.name === 'RangeError' && /call stack/i.test(error.message)) throw new BudgetError('the file nests too deeply to be read, even with a large stack; it is left out', 1, 'too-deep');
      throw Object.assign(new Error(error.message), { name: error.name, stack: error.stack });
    }
    return reply as WorkerReply & { type: 'produced' | 'parsed' };
  };

  return {
    configure: (given, fetcher) => {
      fetchRemote = fetcher;
      const text = JSON.stringify(given, (_key, value: unknown) => (value instanceof RegExp ? String(value) : value));
      if (text === initText) return;
      init = given;
      initText = text;
      worker?.postMessage({ type: 'init', init: given } satisfies WorkerRequest);
    },
    produce: async (file, taken, withDependencies) => {
      if (!init) throw new Error('createArticleWork: produce needs the book settings');
      const reply = await ask(file, (id, sent) => ({ type: 'produce', id, file: sent, taken: [...taken], withDependencies }));
      return (reply as Extract<WorkerReply, { type: 'produced' }>).produced;
    },
    parse: async (file, parseOptions, first = false) => {
      const reply = await ask(file, (id, sent) => ({ type: 'parse', id, file: sent, options: parseOptions, first }));
      return (reply as Extract<WorkerReply, { type: 'parsed' }>).parsed;
    },
    warm: () => {
      worker ??= start();
    },
    close: async () => {
      const running = worker;
      worker = undefined;
      if (running) await running.terminate();
    },
  };
}

function defaultBudget(bytes: number): number {
  const set = Number(process.env.WENJI_ARTICLE_BUDGET);
  if (Number.isFinite(set) && set > 0) return set;
  return budget.baseSeconds + Math.ceil(bytes / 102_400) * budget.secondsPer100KB;
}

function wire(file: VFile): WireFile {
  return { path: file.path, cwd: file.cwd, value: (file.value ?? '') as string | Uint8Array, data: { ...file.data } };
}

/**
 * The worker's module: beside this one when running from `dist/src`; in the bundle (one CommonJS
 * file, whose `import.meta.url` is the bundle's) the launcher, which runs the bundle again in the
 * worker, where cli/main.ts starts the worker's part instead of the command line.
 */
function workerEntry(): URL {
  const here = import.meta.url;
  if (here.endsWith('.cjs')) return pathToFileURL(path.join(packageRoot, 'bin', 'wenji.js'));
  return new URL('./article-worker.js', here);
}
