import { Option, type Command } from 'commander';
import type { ConfigInput } from '../config/schema.js';
import { terminalLines } from './terminal-text.js';

/** Flags that say where the book is and override book.yaml, shared by build, check and preview. */
export interface BookFlags {
  content?: string;
  config?: string;
  title?: string;
  author?: string[];
  lang?: string;
  verbose?: boolean;
}

export function addBookOptions(command: Command): Command {
  return command
    .argument('[dir]', 'book folder holding book.yaml and content/', '.')
    .option('-c, --content <dir>', 'folder of articles (default: DIR/content)')
    .option('--config <file>', 'config file (default: DIR/book.yaml)')
    .option('-t, --title <text>', 'book title (overrides book.yaml)')
    .addOption(new Option('-a, --author <name>', 'book author; repeat for several (overrides book.yaml)').argParser(collect))
    .option('-l, --lang <tag>', 'book language as a BCP 47 tag: zh-Hans, zh-Hant, ja, en… (default: zh-Hans)');
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The flags that override book.yaml, as config input. */
export function configOverrides(flags: BookFlags): Partial<ConfigInput> {
  return {
    ...(flags.title !== undefined ? { title: flags.title } : {}),
    ...(flags.author !== undefined ? { author: flags.author.length === 1 ? flags.author[0]! : flags.author } : {}),
    ...(flags.lang !== undefined ? { language: flags.lang } : {}),
  };
}

/** A line (or lines) of wenji's own, which may quote untrusted text: controls in it are shown as escapes (terminal-text.ts). */
export const stdout = (line: string) => process.stdout.write(`${terminalLines(line)}\n`);
export const stderr = (line: string) => process.stderr.write(`${terminalLines(line)}\n`);
/** A report made by `formatMessages`, which made its untrusted parts safe itself (and may colour them). */
export const stdoutReport = (text: string) => process.stdout.write(`${text}\n`);
export const stderrReport = (text: string) => process.stderr.write(`${text}\n`);
