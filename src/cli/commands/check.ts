import { Command } from 'commander';
import path from 'node:path';
import { describeError, exitCodes, isWenjiError } from '../../errors.js';
import { addBookOptions, configOverrides, stdout, stdoutReport, type BookFlags } from '../book-options.js';
import { reportFailure } from '../failure.js';
import { exitOnSignals } from '../signals.js';

interface CheckFlags extends BookFlags {
  strict?: boolean;
  json?: boolean;
  quiet?: boolean;
}

export function checkCommand(): Command {
  return addBookOptions(
    new Command('check')
      .summary('Lint the anthology without building it')
      .description(
        'Lint the anthology without building it: missing or duplicate titles, articles with no text, broken links and images, remote images, U+FFFD characters, half-width punctuation the build cannot fix, unknown front-matter keys, files that are not read. What the build fixes by itself (half-width punctuation, dashes, quotes, indents) is one info line per file with a count.\n\nEach message has its line:column; repeated messages are one line with a count (--verbose lists them). Exit code 0 when there are no errors (with --strict: no warnings either), 5 otherwise.',
      ),
  )
    .option('--strict', 'fail on warnings too')
    .option('--json', 'print the report as JSON on stdout (shape documented in the README)')
    .option('-q, --quiet', 'print errors only')
    .option('--verbose', 'list every repeated message and what the build cleans up, and print stack traces for internal errors')
    .action(async (dir: string, flags: CheckFlags) => {
      process.exitCode = await runCheck(dir, flags);
    });
}

async function runCheck(dir: string, flags: CheckFlags): Promise<number> {
  const uninstall = exitOnSignals();
  try {
    const [{ checkBook }, { checkJson }, { countMessages, formatMessages }] = await Promise.all([import('../../check/check-book.js'), import('../../check/check-json.js'), import('../report.js')]);
    const result = await checkBook({ dir, contentDir: flags.content, configPath: flags.config, overrides: configOverrides(flags) });
    const counts = countMessages(result.files);
    const failed = counts.errors > 0 || (Boolean(flags.strict) && counts.warnings > 0);
    if (flags.json) {
      const shown = (file: string | undefined) => (file ? path.relative(process.cwd(), file) || file : null);
      stdout(JSON.stringify(checkJson(result, { strict: Boolean(flags.strict), contentDir: shown(result.contentDir)!, config: shown(result.config.file) }), null, 2));
      return failed ? exitCodes.article : exitCodes.ok;
    }
    const report = formatMessages(result.files, { quiet: Boolean(flags.quiet), verbose: Boolean(flags.verbose), infos: 'counted', color: process.stdout.isTTY === true });
    if (report) stdoutReport(report);
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    if (!flags.quiet || failed) {
      const found = counts.errors || counts.warnings ? `${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}` : 'no problems found';
      stdout(`wenji check: ${plural(result.articles, 'article')}, ${found}${failed && !counts.errors ? ' (--strict: warnings fail the check)' : ''}`);
    }
    return failed ? exitCodes.article : exitCodes.ok;
  } catch (error) {
    if (flags.json) {
      const kind = isWenjiError(error) ? error.kind : 'internal';
      const file = isWenjiError(error) ? (error.file ?? null) : null;
      stdout(JSON.stringify({ schema: 1, ok: false, error: { kind, file, message: isWenjiError(error) ? error.message : describeError(error) } }, null, 2));
    }
    return reportFailure(error, Boolean(flags.verbose));
  } finally {
    uninstall();
  }
}
