import { Command, CommanderError } from 'commander';
import { exitCodes } from '../errors.js';
import { version } from '../paths.js';
import { addCommand } from './commands/add.js';
import { buildCommand } from './commands/build.js';
import { checkCommand } from './commands/check.js';
import { initCommand } from './commands/init.js';
import { previewCommand } from './commands/preview.js';
import { reportFailure } from './failure.js';
import { writers } from '../writers/index.js';

export function createProgram(): Command {
  const program = new Command('wenji')
    .description('wenji 文集 — turn a folder of articles into a typeset book: EPUB 3 and a CJK PDF (vertical or horizontal).')
    .version(version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .addCommand(initCommand())
    .addCommand(addCommand())
    .addCommand(checkCommand())
    .addCommand(previewCommand());
  for (const command of writerCommands()) program.addCommand(command);
  program.addHelpText(
      'after',
      `
Examples:
  wenji init my-book               start a book: book.yaml, content/ with two samples, styles/custom.css
  wenji add https://example.org/interview.html my-book   the page's article as content/NN-interview.md
  wenji check my-book              lint it without building
  wenji preview my-book --open     live preview in the browser, reloaded on every save
  wenji epub                       build out/<slug>.epub from ./book.yaml and ./content/
  wenji build path/to/book         EPUB and PDF for another book folder
  wenji epub --content articles --out dist --title "夜读集"   no book.yaml needed

Exit codes: 0 ok · 2 usage · 3 config · 4 content · 5 some articles had errors (check: problems found) · 6 browser · 7 output · 8 render · 9 init: file exists · 10 preview: server · 11 add: a source failed · 130 interrupted (Ctrl-C; 143 SIGTERM) · 1 internal`,
    );
  program.exitOverride();
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** One command per writer (`epub`, `pdf`), then `build` for every writer it writes ("the EPUB and the PDF"). */
function writerCommands(): Command[] {
  const built = writers.filter((writer) => writer.inBuild);
  const nouns = built.map((writer) => writer.noun);
  const listed = nouns.length > 1 ? `${nouns.slice(0, -1).join(', ')} and ${nouns.at(-1)}` : (nouns[0] ?? 'nothing');
  return [
    ...writers.map((writer) => buildCommand(writer.name, writer.summary, [writer.name])),
    buildCommand('build', `Build ${listed}`, built.map((writer) => writer.name)),
  ];
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
