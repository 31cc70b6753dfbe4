import { Command } from 'commander';
import path from 'node:path';
import { exitCodes } from '../../errors.js';
import { stdout, stdoutReport } from '../book-options.js';
import { reportFailure } from '../failure.js';
import { shellWord } from '../terminal-text.js';

interface InitFlags {
  title?: string;
  lang?: string;
  force?: boolean;
  package?: boolean;
  verbose?: boolean;
}

export function initCommand(): Command {
  return new Command('init')
    .summary('Start a new anthology')
    .description(
      'Start a new anthology in DIR (default: the current folder): book.yaml with every setting and its default, two sample articles in content/, styles/custom.css, .gitignore for out/, and npm scripts in package.json.\n\nNothing is overwritten without --force.',
    )
    .argument('[dir]', 'folder of the new book (created if needed)', '.')
    .option('-t, --title <text>', 'book title written into book.yaml (default: 我的文集)')
    .option('-l, --lang <tag>', 'book language written into book.yaml (default: zh-Hans)')
    .option('--package', 'create a package.json with the npm scripts when there is none (an existing one always gets them)')
    .option('-f, --force', 'overwrite book.yaml, the sample articles, styles/custom.css and same-named npm scripts')
    .option('--verbose', 'print stack traces for internal errors')
    .action(async (dir: string, flags: InitFlags) => {
      try {
        const { initBook } = await import('../../init/scaffold.js');
        const result = initBook({ dir, title: flags.title, language: flags.lang, force: flags.force, createPackage: flags.package });
        for (const file of result.written) stdout(`created ${file}`);
        for (const note of result.notes) stdout(`note: ${note}`);
        const where = path.relative(process.cwd(), result.dir);
        // Quoted for a shell, so that the line can be pasted as it is shown (and runs nothing else).
        const arg = where ? ` ${shellWord(where)}` : '';
        stdoutReport(`\nNext: wenji check${arg} · wenji preview${arg} --open · wenji build${arg}`);
        process.exitCode = exitCodes.ok;
      } catch (error) {
        process.exitCode = reportFailure(error, Boolean(flags.verbose));
      }
    });
}
