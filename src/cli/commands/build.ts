import { Command, Option } from 'commander';
import path from 'node:path';
import { pageSizes, writingModes, type PageSize, type WritingMode } from '../../config/schema.js';
import { exitCodes } from '../../errors.js';
import { addBookOptions, configOverrides, stderr, stdout, type BookFlags } from '../book-options.js';
import { reportFailure } from '../failure.js';
import { exitOnSignals } from '../signals.js';
import { guardedImageTransport } from '../image-transport.js';
import { terminalText } from '../terminal-text.js';

interface BuildFlags extends BookFlags {
  out?: string;
  writingMode?: WritingMode;
  pageSize?: PageSize;
  cache?: boolean;
  quiet?: boolean;
  fetchImages?: boolean;
}

/** A command that runs `writers` (names in writers/index.ts): one per writer, and `build` for those `build` writes. */
export function buildCommand(name: string, summary: string, writers: string[]): Command {
  return addBookOptions(
    new Command(name)
      .summary(summary)
      .description(`${summary}.\n\nReads book.yaml and the articles in content/ (Markdown, HTML, plain text) from DIR (default: the current folder) and writes into DIR/out/. Articles unchanged since the last build are taken from out/.cache.`),
  )
    .option('-o, --out <dir>', 'output folder (default: DIR/out)')
    .addOption(new Option('-w, --writing-mode <mode>', 'vertical (縦排, right to left) or horizontal (default: PDF vertical for Chinese and Japanese, EPUB horizontal)').choices(writingModes))
    .addOption(new Option('-p, --page-size <size>', 'PDF page size (default: a5)').choices(pageSizes))
    .option('--no-cache', 'normalize every article again, without reading or writing out/.cache')
    .option('-q, --quiet', 'print errors only')
    .option('--fetch-images', 'download remote images, four at a time (cached in OUT/.cache); a host that cannot be reached costs one quick probe, and with no network all are skipped at once; without it they are replaced by their caption')
    .option('--verbose', 'also list what was cleaned up (removed page chrome, encodings, converted images) and print stack traces for internal errors')
    .action(async (dir: string, flags: BuildFlags) => {
      process.exitCode = await runBuild(dir, flags, writers);
    });
}

async function runBuild(dir: string, flags: BuildFlags, writers: string[]): Promise<number> {
  // Loaded here, not at startup: `wenji --help` and the other commands do not pay for them.
  const [{ buildOutputs }, { createProgressView }, { countMessages, formatBytes, formatMessages }] = await Promise.all([import('../../pipeline.js'), import('../progress.js'), import('../report.js')]);
  const view = createProgressView({ stream: process.stderr, quiet: Boolean(flags.quiet) });
  const started = performance.now();
  const uninstall = exitOnSignals(() => view.stop());
  try {
    const result = await buildOutputs({
      dir,
      writers,
      contentDir: flags.content,
      outDir: flags.out,
      configPath: flags.config,
      writingMode: flags.writingMode,
      pageSize: flags.pageSize,
      cache: flags.cache !== false,
      fetchImages: Boolean(flags.fetchImages),
      ...(flags.fetchImages ? { imageFetch: guardedImageTransport() } : {}),
      overrides: configOverrides(flags),
      // The build log (cover drawn, font embedded, articles split…): on a terminal the task list
      // stands in for it, unless --verbose asks for everything.
      log: flags.verbose && !flags.quiet ? (line) => view.print(`wenji: ${line}`) : view.log,
      progress: view.listener,
      warn: (line) => {
        if (!flags.quiet) view.print(`wenji: warning: ${terminalText(line)}`);
      },
      onArticles: (files, notices) => {
        const report = formatMessages(files, { quiet: Boolean(flags.quiet), verbose: Boolean(flags.verbose), color: process.stderr.isTTY === true });
        if (report) view.printReport(report);
        if (!flags.quiet) for (const notice of notices) view.print(`wenji: warning: ${terminalText(notice)}`);
      },
    });
    view.stop();
    const counts = countMessages(result.files);
    counts.warnings += result.warnings.length + result.notices.length;
    if (!flags.quiet) {
      for (const warning of result.warnings) stderr(`wenji: warning: ${terminalText(warning)}`);
      for (const output of result.outputs) stdout(`${path.relative(process.cwd(), output.path) || output.path}  ${formatBytes(output.bytes)}${output.pages ? `  ${output.pages} pages` : ''}`);
      const { normalized, reused } = result.stats;
      const cache = reused ? ` (${normalized} normalized, ${reused} from the cache)` : '';
      const problems = counts.errors ? `, ${counts.errors} error${counts.errors === 1 ? '' : 's'}` : '';
      const warnings = counts.warnings ? `, ${counts.warnings} warning${counts.warnings === 1 ? '' : 's'}` : '';
      stderr(`wenji: ${result.book.articles.length} article${result.book.articles.length === 1 ? '' : 's'}${cache}${problems}${warnings}, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    return counts.errors ? exitCodes.article : exitCodes.ok;
  } catch (error) {
    view.stop();
    return reportFailure(error, Boolean(flags.verbose));
  } finally {
    uninstall();
  }
}
