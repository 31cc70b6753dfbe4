import { Command, CommanderError, Option } from 'commander';
import path from 'node:path';
import { buildOutputs, type Target } from '../build.js';
import { describeError, exitCodes, isWenjiError } from '../errors.js';
import { pageSizes, writingModes, type PageSize, type WritingMode } from '../config/schema.js';
import { version } from '../paths.js';
import { countMessages, formatBytes, formatMessages } from './report.js';

interface BuildFlags {
  content?: string;
  out?: string;
  config?: string;
  title?: string;
  author?: string[];
  lang?: string;
  writingMode?: WritingMode;
  pageSize?: PageSize;
  quiet?: boolean;
  verbose?: boolean;
  fetchImages?: boolean;
}

const stdout = (line: string) => process.stdout.write(`${line}\n`);
const stderr = (line: string) => process.stderr.write(`${line}\n`);

function buildCommand(name: Target | 'build', summary: string, targets: Target[]): Command {
  return new Command(name)
    .summary(summary)
    .description(`${summary}.\n\nReads book.yaml and the articles in content/ (Markdown, HTML, plain text) from DIR (default: the current folder) and writes into DIR/out/.`)
    .argument('[dir]', 'book folder holding book.yaml and content/', '.')
    .option('-c, --content <dir>', 'folder of articles (default: DIR/content)')
    .option('-o, --out <dir>', 'output folder (default: DIR/out)')
    .option('--config <file>', 'config file (default: DIR/book.yaml)')
    .option('-t, --title <text>', 'book title (overrides book.yaml)')
    .addOption(new Option('-a, --author <name>', 'book author; repeat for several (overrides book.yaml)').argParser(collect))
    .option('-l, --lang <tag>', 'book language as a BCP 47 tag: zh-Hans, zh-Hant, ja, en… (default: zh-Hans)')
    .addOption(new Option('-w, --writing-mode <mode>', 'vertical (縦排, right to left) or horizontal (default: PDF vertical for Chinese and Japanese, EPUB horizontal)').choices(writingModes))
    .addOption(new Option('-p, --page-size <size>', 'PDF page size (default: a5)').choices(pageSizes))
    .option('-q, --quiet', 'print errors only')
    .option('--fetch-images', 'download remote images (cached in OUT/.cache); without it they are replaced by their caption')
    .option('--verbose', 'also list what was cleaned up (removed page chrome, encodings, converted images) and print stack traces for internal errors')
    .action(async (dir: string, flags: BuildFlags) => {
      process.exitCode = await runBuild(dir, flags, targets);
    });
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

async function runBuild(dir: string, flags: BuildFlags, targets: Target[]): Promise<number> {
  const log = flags.quiet ? () => {} : (line: string) => stderr(`wenji: ${line}`);
  const started = performance.now();
  try {
    const result = await buildOutputs({
      dir,
      targets,
      contentDir: flags.content,
      outDir: flags.out,
      configPath: flags.config,
      writingMode: flags.writingMode,
      pageSize: flags.pageSize,
      fetchImages: Boolean(flags.fetchImages),
      overrides: {
        ...(flags.title !== undefined ? { title: flags.title } : {}),
        ...(flags.author !== undefined ? { author: flags.author.length === 1 ? flags.author[0]! : flags.author } : {}),
        ...(flags.lang !== undefined ? { language: flags.lang } : {}),
      },
      log,
      warn: (line) => {
        if (!flags.quiet) stderr(`wenji: warning: ${line}`);
      },
      onArticles: (files, notices) => {
        const report = formatMessages(files, { quiet: Boolean(flags.quiet), verbose: Boolean(flags.verbose), color: process.stderr.isTTY === true });
        if (report) stderr(report);
        if (!flags.quiet) for (const notice of notices) stderr(`wenji: warning: ${notice}`);
      },
    });
    const counts = countMessages(result.files);
    if (!flags.quiet) {
      for (const output of result.outputs) stdout(`${path.relative(process.cwd(), output.path) || output.path}  ${formatBytes(output.bytes)}${output.pages ? `  ${output.pages} pages` : ''}`);
      const problems = counts.errors ? `, ${counts.errors} error${counts.errors === 1 ? '' : 's'}` : '';
      const warnings = counts.warnings ? `, ${counts.warnings} warning${counts.warnings === 1 ? '' : 's'}` : '';
      stderr(`wenji: ${result.book.articles.length} article${result.book.articles.length === 1 ? '' : 's'}${problems}${warnings}, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    return counts.errors ? exitCodes.article : exitCodes.ok;
  } catch (error) {
    return reportFailure(error, Boolean(flags.verbose));
  }
}

function reportFailure(error: unknown, verbose: boolean): number {
  if (isWenjiError(error)) {
    stderr(`wenji: error: ${error.toString()}`);
    if (verbose && error.cause instanceof Error && error.cause.stack) stderr(error.cause.stack);
    return error.exitCode;
  }
  stderr(`wenji: internal error: ${describeError(error)} (please report it; --verbose shows the stack)`);
  if (verbose && error instanceof Error && error.stack) stderr(error.stack);
  return exitCodes.internal;
}

export function createProgram(): Command {
  const program = new Command('wenji')
    .description('wenji 文集 — turn a folder of articles into a typeset book: EPUB 3 and a CJK PDF (vertical or horizontal).')
    .version(version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .addCommand(buildCommand('epub', 'Build the EPUB 3 book', ['epub']))
    .addCommand(buildCommand('pdf', 'Build the PDF book', ['pdf']))
    .addCommand(buildCommand('build', 'Build the EPUB and the PDF', ['epub', 'pdf']))
    .addHelpText(
      'after',
      `
Examples:
  wenji epub                       build out/<slug>.epub from ./book.yaml and ./content/
  wenji build path/to/book         EPUB and PDF for another book folder
  wenji epub --content articles --out dist --title "夜读集"   no book.yaml needed

Exit codes: 0 ok · 2 usage · 3 config · 4 content · 5 some articles had errors · 6 browser · 7 output · 8 render · 1 internal`,
    );
  program.exitOverride();
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = createProgram();
  try {
    if (argv.length <= 2) {
      program.outputHelp();
      return exitCodes.usage;
    }
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : exitCodes.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return exitCodes.ok;
      return exitCodes.usage;
    }
    return reportFailure(error, argv.includes('--verbose'));
  }
}
