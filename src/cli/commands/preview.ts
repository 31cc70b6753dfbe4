import { Command, InvalidArgumentError, Option } from 'commander';
import path from 'node:path';
import { pageSizes, writingModes, type PageSize, type WritingMode } from '../../config/schema.js';
import { displayPath } from '../../content/load.js';
import { exitCodes, isWenjiError, describeError } from '../../errors.js';
import { stylesDir } from '../../paths.js';
import type { PreviewBuilder, RebuildReport } from '../../preview/preview-builder.js';
import type { PreviewServer } from '../../preview/server.js';
import { addBookOptions, configOverrides, stderr, stderrReport, stdout, type BookFlags } from '../book-options.js';
import { terminalText } from '../terminal-text.js';
import { reportFailure } from '../failure.js';

interface PreviewFlags extends BookFlags {
  port?: number;
  open?: boolean;
  writingMode?: WritingMode;
  pageSize?: PageSize;
  quiet?: boolean;
}

export function previewCommand(): Command {
  return addBookOptions(
    new Command('preview')
      .summary('Show the book in the browser, reloaded on every save')
      .description(
        'Serve the book on 127.0.0.1 as the PDF will print it (same stylesheet, writing mode and page size), with a contents sidebar. The open page reloads when an article, book.yaml or a stylesheet changes; only changed articles are read again.\n\nCtrl-C stops it.',
      ),
  )
    .option('--port <number>', 'port on 127.0.0.1 (default: the first free port from 3000)', parsePort)
    .addOption(new Option('-w, --writing-mode <mode>', 'vertical or horizontal (default: as the PDF)').choices(writingModes))
    .addOption(new Option('-p, --page-size <size>', 'page size (default: as the PDF, a5)').choices(pageSizes))
    .option('--open', 'open the preview in the default browser')
    .option('-q, --quiet', 'print the address and errors only')
    .option('--verbose', 'list every repeated message and what was cleaned up, and print stack traces for internal errors')
    .action(async (dir: string, flags: PreviewFlags) => {
      process.exitCode = await runPreview(dir, flags);
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('expected a port number (0–65535)');
  return port;
}

async function runPreview(dir: string, flags: PreviewFlags): Promise<number> {
  const [{ createPreviewBuilder }, { openBrowser }, { startPreviewServer }, { formatMessages }] = await Promise.all([
    import('../../preview/preview-builder.js'),
    import('../../preview/open-browser.js'),
    import('../../preview/server.js'),
    import('../report.js'),
  ]);
  const report = (build: RebuildReport, changed?: string[]) => reportBuild(build, flags, changed, formatMessages);
  const builder = createPreviewBuilder({ dir, contentDir: flags.content, configPath: flags.config, overrides: configOverrides(flags), writingMode: flags.writingMode, pageSize: flags.pageSize });
  report(await builder.rebuild());

  let server: PreviewServer;
  try {
    server = await startPreviewServer({ port: flags.port ?? 3000, exactPort: flags.port !== undefined, state: () => builder.state, faces: builder.faces });
  } catch (error) {
    await builder.close();
    return reportFailure(error, Boolean(flags.verbose));
  }
  const title = builder.state.config?.config.title;
  stdout(`wenji: preview${title ? ` of 《${title}》` : ''} at ${server.url} (Ctrl-C to stop)`);
  if (flags.open) openBrowser(server.url, (reason) => stderr(`wenji: could not open a browser (${reason}); open ${server.url} yourself`));

  const watching = await watchRebuilds(builder, server, dir, flags, report);
  await interrupted();
  try {
    await watching.close();
    await server.close();
    await builder.close();
  } catch (error) {
    stderr(`wenji: warning: the preview did not shut down cleanly: ${describeError(error)}`);
  }
  say(flags, 'preview stopped');
  return exitCodes.ok;
}

const say = (flags: PreviewFlags, line: string) => {
  if (!flags.quiet) stderr(`wenji: ${line}`);
};

/**
 * Watches the book (articles, book.yaml, its styles, wenji's stylesheets) and rebuilds on every
 * change, one rebuild at a time: changes that arrive meanwhile are taken by one more rebuild.
 */
async function watchRebuilds(builder: PreviewBuilder, server: PreviewServer, dir: string, flags: PreviewFlags, report: (build: RebuildReport, changed: string[]) => void) {
  const { watchBook } = await import('../../preview/watch-book.js');
  const bookDir = builder.state.config?.dir ?? path.resolve(dir);
  const contentDir = builder.state.contentDir ?? (flags.content ? path.resolve(flags.content) : path.join(bookDir, 'content'));
  const configFile = builder.state.config?.file ?? (flags.config ? path.resolve(flags.config) : path.join(bookDir, 'book.yaml'));
  let running: Promise<void> = Promise.resolve();
  let pending: string[] = [];
  const rebuild = (changed: string[]) => {
    pending.push(...changed);
    running = running.then(async () => {
      if (pending.length === 0) return;
      const files = pending;
      pending = [];
      const build = await builder.rebuild();
      server.notify();
      report(build, files);
    });
  };
  const watcher = watchBook({
    paths: [contentDir, configFile, path.join(bookDir, 'styles'), stylesDir],
    ignore: [path.join(bookDir, 'out'), path.join(bookDir, 'node_modules')],
    onChange: rebuild,
    onError: (problem) => {
      if (!flags.quiet) stderr(`wenji: warning: ${terminalText(problem)}`);
    },
  });
  await watcher.ready;
  say(flags, `watching ${displayPath(contentDir, process.cwd())}, ${displayPath(configFile, process.cwd())} and the stylesheets`);
  return {
    close: async () => {
      await watcher.close();
      await running;
    },
  };
}

/** Ctrl-C (or SIGTERM). */
function interrupted(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** A rebuild's messages (all of them the first time, then only the changed files'), or its error. */
function reportBuild(report: RebuildReport, options: PreviewFlags, changed: string[] | undefined, formatMessages: typeof import('../report.js').formatMessages): void {
  if (!report.ok) {
    const error = report.error;
    stderr(`wenji: error: ${terminalText(isWenjiError(error) ? error.toString() : `internal error: ${describeError(error)}`)} (the preview shows it until it is fixed)`);
    if (options.verbose && error instanceof Error && error.stack) stderr(error.stack);
    return;
  }
  if (options.quiet) return;
  const shown = changed ? report.files.filter((file) => changed.some((name) => path.resolve(name) === file.data.absolutePath)) : report.files;
  const text = formatMessages(shown, { quiet: false, verbose: Boolean(options.verbose), color: process.stderr.isTTY === true });
  if (text) stderrReport(text);
  if (!changed) for (const notice of report.notices) stderr(`wenji: warning: ${terminalText(notice)}`);
  const what = changed ? `rebuilt in ${Math.round(report.seconds * 1000)} ms after ${changed.length === 1 ? displayPath(path.resolve(changed[0]!), process.cwd()) : `${changed.length} changes`}` : `built in ${report.seconds.toFixed(1)} s`;
  say(options, `${what}: ${report.articles} articles, ${report.normalized} normalized, ${report.reused} from memory`);
}
