import { Command, InvalidArgumentError } from 'commander';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { AddedArticle, SourceResult } from '../../collect/add-sources.js';
import { exitCodes, WenjiError } from '../../errors.js';
import { stderr, stdout } from '../book-options.js';
import { reportFailure } from '../failure.js';
import { terminalText } from '../terminal-text.js';

interface AddFlags {
  dir?: string;
  content?: string;
  force?: boolean;
  dryRun?: boolean;
  timeout?: number;
  maxSize?: number;
  split?: string;
  quiet?: boolean;
  verbose?: boolean;
}

export function addCommand(): Command {
  return new Command('add')
    .summary('Add web pages, saved pages and text dumps to content/ as clean Markdown articles')
    .description(
      `Add articles to the book: each SOURCE — a web address (http: or https:), a saved page (.html), a text dump (.txt) or Markdown — is fetched or read, decoded, narrowed to its article, cleaned of page chrome, scripts and trackers, split into posts (text dumps, with book.yaml text.split or --split), and written into DIR/content/ as one editable Markdown file per article with front matter (title, author, date, source, url), numbered after the articles already there, in the order given. Its images go into content/images/, converted as the build does. The book's typography (punctuation, quotes, spacing, script conversion) is not applied to the file: the build does that.

The book folder is DIR, given with -C or as the last argument when that is an existing folder (default: the current folder); content/ is created if needed, and book.yaml is optional. An address already in an article's front matter (url:) is not added again, unless --force.

Web pages are fetched with a 20 s timeout and a 10 MB cap (--timeout, --max-size); the answer must be HTML, XHTML, plain text or Markdown; at most 5 redirects, each to http(s) only, and a page on the public internet can never lead to an address on this machine or the local network.`,
    )
    .usage('[options] <url|file>… [dir]')
    .argument('<source...>', 'web addresses and files to add, then optionally the book folder')
    .option('-C, --dir <dir>', 'the book folder (default: the last argument when it is a folder, else the current folder)')
    .option('-c, --content <dir>', 'folder of articles (default: DIR/content)')
    .option('-f, --force', 'add an address even when an article already has it as its url')
    .option('-n, --dry-run', 'fetch, clean and report, but write nothing')
    .option('--timeout <seconds>', 'time allowed for each page and each image (default: 20 s for a page, 15 s for an image)', seconds)
    .option('--max-size <MB>', 'largest page accepted, in megabytes (default: 10; images: 20)', megabytes)
    .option('--split <regex>', 'a line matching this separates posts in a text dump (default: book.yaml text.split)')
    .option('-q, --quiet', 'print errors only')
    .option('--verbose', 'list everything that was removed and converted, and print stack traces for internal errors')
    .addHelpText(
      'after',
      `
Examples:
  wenji add https://example.org/2024/interview.html            → content/NN-interview.md + content/images/…
  wenji add https://example.org/a.html https://example.org/b.html my-book
  wenji add ~/Downloads/saved-page.html ~/notes/dump.txt       saved pages and dumps, one file per post
  wenji add --split '^={3,}$' blog-export.txt                  posts separated by lines of ===
  wenji add -n https://example.org/post/123                     show what would be written
  wenji add -f https://example.org/2024/interview.html          add it again although it was added before

Exit codes: 0 every source was added (or had been) · 11 some source could not be fetched or read (the others were added) · 2 usage · 3 book.yaml invalid`,
    )
    .action(async (sources: string[], flags: AddFlags) => {
      process.exitCode = await runAdd(sources, flags);
    });
}

function seconds(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('expected a number of seconds, e.g. 30');
  return number;
}

function megabytes(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('expected a number of megabytes, e.g. 20');
  return number;
}

/**
 * The book folder: `-C DIR`, or the last argument when it is an existing folder and not the only
 * one. A folder anywhere else is an error (a folder is never a source), and so is a folder last
 * together with -C.
 */
export function splitArguments(positionals: string[], explicitDir: string | undefined): { dir: string; sources: string[] } {
  const isFolder = (value: string) => {
    try {
      return statSync(value).isDirectory();
    } catch {
      return false;
    }
  };
  let sources = positionals;
  let dir = explicitDir ?? '.';
  const last = positionals.at(-1);
  if (last !== undefined && isFolder(last)) {
    if (explicitDir !== undefined) throw new WenjiError('usage', `${last} is a folder, and the book folder is already given with -C ${explicitDir}; give one book folder`);
    if (positionals.length === 1) throw new WenjiError('usage', `${last} is a folder: give the web addresses or files to add, then the book folder (wenji add SOURCE… ${last})`);
    dir = last;
    sources = positionals.slice(0, -1);
  }
  const folder = sources.find(isFolder);
  if (folder !== undefined) throw new WenjiError('usage', `${folder} is a folder, not an article; only the last argument may be the book folder (wenji add SOURCE… [DIR])`);
  return { dir, sources };
}

async function runAdd(positionals: string[], flags: AddFlags): Promise<number> {
  const interrupted = () => {
    // Files are written synchronously, each complete before this runs: nothing half-written stays.
    stderr('wenji: add interrupted; the files listed above are complete');
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const { dir, sources } = splitArguments(positionals, flags.dir);
    const { addSources } = await import('../../collect/add-sources.js');
    const quiet = Boolean(flags.quiet);
    const results = await addSources({
      dir,
      sources,
      contentDir: flags.content,
      force: Boolean(flags.force),
      dryRun: Boolean(flags.dryRun),
      timeoutMs: flags.timeout === undefined ? undefined : Math.round(flags.timeout * 1000),
      maxBytes: flags.maxSize === undefined ? undefined : Math.round(flags.maxSize * 1024 * 1024),
      split: flags.split,
      onResult: (result) => report(result, { quiet, verbose: Boolean(flags.verbose), dryRun: Boolean(flags.dryRun) }),
    });
    const failed = results.filter((result) => result.status === 'failed').length;
    if (!quiet) stderr(summary(results, Boolean(flags.dryRun)));
    return failed ? exitCodes.source : exitCodes.ok;
  } catch (error) {
    return reportFailure(error, Boolean(flags.verbose));
  } finally {
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
  }
}

function report(result: SourceResult, options: { quiet: boolean; verbose: boolean; dryRun: boolean }): void {
  if (result.status === 'failed') {
    stderr(`wenji: error: ${terminalText(`${result.source}: ${result.reason}`)}`);
    return;
  }
  if (options.quiet) return;
  if (result.status === 'exists') {
    stdout(`${result.source}: already added as ${result.existing} (--force adds it again)`);
    return;
  }
  for (const warning of result.warnings) stderr(`wenji: warning: ${terminalText(`${result.source}: ${warning}`)}`);
  if (options.verbose) for (const note of result.notes) stdout(`  ${result.source}: ${note}`);
  for (const article of result.articles) {
    const file = shownPath(article.file);
    stdout(`${options.dryRun ? 'would write' : 'wrote'} ${file}  ${describe(article)}`);
    const removed = removals(article);
    if (removed) stdout(`  removed ${removed}`);
    if (options.verbose) {
      for (const line of article.removed.chrome) stdout(`  removed chrome: "${line}"`);
      for (const script of article.removed.scripts) stdout(`  removed ${script}`);
      for (const tracker of article.removed.trackers) stdout(`  removed ${tracker}`);
      if (article.removed.byline) stdout(`  removed the page's byline line: "${article.removed.byline}"`);
      for (const note of article.notes) stdout(`  ${note}`);
      for (const image of article.images) stdout(`  image ${image}`);
    }
    for (const warning of article.warnings) stderr(`wenji: warning: ${terminalText(`${file}: ${warning}`)}`);
  }
}

const count = (n: number, word: string, plural = `${word}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? word : plural}`;

/** `"标题" · 作者 · 3,214 characters · 2 images` */
function describe(article: AddedArticle): string {
  return [JSON.stringify(article.title), ...(article.authors.length ? [article.authors.join('、')] : []), count(article.characters, 'character'), count(article.images.length, 'image')].join(' · ');
}

/** `the page around the article (kept 3,214 of 5,870 characters), 4 chrome lines, 3 scripts, 2 trackers` */
function removals(article: AddedArticle): string {
  const { removed } = article;
  const parts = [
    ...(removed.page ? [`the page around the article (${removed.page})`] : []),
    ...(removed.chrome.length ? [count(removed.chrome.length, 'chrome line')] : []),
    ...(removed.scripts.length ? [count(removed.scripts.length, 'script or frame', 'scripts and frames')] : []),
    ...(removed.trackers.length ? [count(removed.trackers.length, 'tracker')] : []),
    ...(removed.byline ? ['the byline line'] : []),
  ];
  return parts.join(', ');
}

function summary(results: SourceResult[], dryRun: boolean): string {
  const written = results.flatMap((result) => (result.status === 'added' ? result.articles : [])).length;
  const exists = results.filter((result) => result.status === 'exists').length;
  const failed = results.filter((result) => result.status === 'failed').length;
  const parts = [`${count(written, 'article')} ${dryRun ? 'would be written' : 'written'} from ${count(results.length, 'source')}`];
  if (exists) parts.push(`${exists} already added`);
  if (failed) parts.push(`${failed} failed`);
  return `wenji add: ${parts.join(', ')}`;
}

function shownPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}
