import path from 'node:path';
import type { VFile } from 'vfile';
import { bookMeta } from './book/build-book.js';
import type { Book } from './book/model.js';
import { ArticleCache } from './cache/article-cache.js';
import { diskStore } from './cache/disk-store.js';
import type { Config } from './config/schema.js';
import { displayPath } from './content/load.js';
import { emitFile } from './emit.js';
import { WenjiError } from './errors.js';
import { prepareBook, type PrepareOptions, type PreparedBook } from './prepare-book.js';
import { stageReporter } from './progress.js';
import { applyTransforms } from './transforms/index.js';
import { writerNamed } from './writers/index.js';
import type { Writer, WriterContext, WriterFlags } from './writers/types.js';

export interface BuildOptions extends Omit<PrepareOptions, 'cache'>, WriterFlags {
  /** Names of the writers to run (writers/index.ts), in order. */
  writers: string[];
  /** Output folder; defaults to `out/` in the book folder. */
  outDir?: string | undefined;
  /** Reuse articles normalized by earlier builds (`out/.cache`); default true. */
  cache?: boolean | undefined;
  log?: (line: string) => void;
  /** Warnings that are not tied to an article or a writer (an unwritable cache). */
  warn?: (line: string) => void;
  /** Called once the articles are read, before any writer runs (to show their warnings early). */
  onArticles?: (files: VFile[], notices: string[]) => void;
}

export interface BuildOutput {
  /** The writer's name. */
  writer: string;
  path: string;
  bytes: number;
  /** Page count of a paged format. */
  pages?: number;
}

export interface BuildResult {
  book: Book;
  files: VFile[];
  outputs: BuildOutput[];
  ignored: string[];
  notices: string[];
  /** Warnings from the writers (a cover or font that could not be used), one line each naming the file. */
  warnings: string[];
  /** Articles normalized in this run, and taken from the cache. */
  stats: { normalized: number; reused: number };
}

/** A requested writer with its settings, resolved once, and the work it started early. */
interface Job {
  writer: Writer;
  settings: unknown;
  work: unknown;
}

/** Load the book once, then, for each requested writer: its transforms, its write, into out/. */
export async function buildOutputs(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const writers = options.writers.map(writerNamed);
  const outDirOf = (configDir: string) => (options.outDir ? path.resolve(cwd, options.outDir) : path.join(configDir, 'out'));
  const context = (configDir: string): WriterContext => ({
    cacheDir: options.cache === false ? undefined : path.join(outDirOf(configDir), '.cache'),
    display: (file) => displayPath(file, cwd),
    log,
    warn: options.warn ?? (() => {}),
    progress: () => {},
  });
  const jobs: Job[] = [];
  const prepared = await prepareBook({
    ...options,
    // Downloaded images are cached next to the outputs (out/.cache), wherever --out points.
    cacheDir: options.cacheDir ?? (options.outDir ? path.join(path.resolve(cwd, options.outDir), '.cache') : undefined),
    cache: options.cache === false ? undefined : (config) => new ArticleCache(diskStore(path.join(outDirOf(config.dir), '.cache'), options.warn), config.config),
    onConfig: (config, configDir) => Promise.all(writers.map((writer) => startJob(writer, config, configDir, context(configDir), options, jobs))),
  });
  const { book } = prepared;
  const { normalized, reused } = prepared.stats;
  log(`read ${book.articles.length} article${book.articles.length === 1 ? '' : 's'} in ${seconds(started)} (${normalized} normalized${reused ? `, ${reused} from the cache` : ''})`);
  options.onArticles?.(prepared.files, prepared.notices);
  if (book.articles.length === 0) {
    throw new WenjiError('content', 'no article could be read, so no book was written (see the errors above)', { file: displayPath(prepared.contentDir, cwd) });
  }
  const outputs: BuildOutput[] = [];
  const warnings: string[] = [];
  for (const job of jobs) {
    const output = await runJob(job, prepared, { ...context(prepared.config.dir), outDir: outDirOf(prepared.config.dir), options });
    warnings.push(...output.warnings);
    outputs.push(output.output);
  }
  return { book, files: prepared.files, outputs, ignored: prepared.ignored, notices: prepared.notices, warnings, stats: prepared.stats };
}

/** Resolves a writer's settings and starts its early work; resolves once the articles may be read. */
function startJob(writer: Writer, config: Config, configDir: string, context: WriterContext, flags: WriterFlags, jobs: Job[]): Promise<unknown> {
  const settings = writer.resolve(config, { writingMode: flags.writingMode, pageSize: flags.pageSize }, configDir);
  const started = writer.prepare?.(bookMeta(config, [], { configDir }), settings, context);
  jobs.push({ writer, settings, work: started?.work });
  return started?.ready ?? Promise.resolve();
}

/** One writer: its transforms, its write, its file into out/, timed and reported. */
async function runJob(job: Job, prepared: PreparedBook, context: WriterContext & { outDir: string; options: BuildOptions }): Promise<{ output: BuildOutput; warnings: string[] }> {
  const { writer } = job;
  const start = performance.now();
  const stage = stageReporter(context.options.progress, writer.name, writer.steps);
  const book = applyTransforms(prepared.book, writer.transforms(job.settings));
  const written = await writer.write(book, job.settings, { ...context, progress: (done, note) => stage.advance(done, note) }, job.work);
  for (const detail of written.details) context.log(detail);
  const output: BuildOutput = { writer: writer.name, path: emitFile(context.outDir, `${book.meta.slug}${writer.extension}`, written.bytes), bytes: written.bytes.length };
  if (written.pages !== undefined) output.pages = written.pages;
  stage.end(output.pages ? `${output.pages} pages` : undefined);
  context.log(`wrote ${output.path} in ${seconds(start)}`);
  return { output, warnings: written.warnings };
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}
