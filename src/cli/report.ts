import type { VFile } from 'vfile';
import { foldMessages, messageRange, severityOf, sortMessages, type Message } from '../check/arrange-messages.js';
import { messageCount } from '../hast/fix-tally.js';
import { terminalText } from './terminal-text.js';

export interface Counts {
  errors: number;
  warnings: number;
}

export function countMessages(files: VFile[]): Counts {
  let errors = 0;
  let warnings = 0;
  // Info messages (fatal: undefined — what was cleaned up) are not problems.
  for (const file of files) for (const message of file.messages) if (message.fatal === true) errors++; else if (message.fatal === false) warnings++;
  return { errors, warnings };
}

export interface FormatOptions {
  /** Errors only. */
  quiet: boolean;
  color: boolean;
  /** Every message, unfolded, with every info (what was cleaned up). */
  verbose?: boolean | undefined;
  /**
   * Infos shown without `verbose`: none (a build), or the counted ones (`wenji check`: the
   * automatic fixes, one line per kind and file).
   */
  infos?: 'none' | 'counted';
}

/**
 * Per-file messages in the vfile-reporter layout (`file`, then `line:col  severity  message
 * rule  source`), files in the order given (reading order), messages by place. Without
 * `verbose`, identical messages of one file are one line with a count at the first place. File
 * names and messages are made safe for a terminal here (terminal-text.ts), before colouring.
 */
export function formatMessages(files: VFile[], options: FormatOptions): string {
  const shown = (message: Message) => {
    const severity = severityOf(message);
    if (options.quiet) return severity === 'error';
    if (severity !== 'info' || options.verbose) return true;
    return options.infos === 'counted' && messageCount(message) !== undefined;
  };
  const paint = (code: string, text: string) => (options.color ? `\u001B[${code}m${text}\u001B[0m` : text);
  const blocks = files.flatMap((file) => {
    const sorted = sortMessages(file.messages.filter(shown));
    if (sorted.length === 0) return [];
    const rows = (options.verbose ? sorted.map((message) => ({ message, count: 1 })) : foldMessages(sorted)).map(({ message, count }) => ({
      place: placeText(message),
      severity: severityOf(message),
      text: terminalText(count > 1 ? `${message.reason} (×${count}; --verbose lists them)` : message.reason),
      rule: terminalText([message.ruleId, message.source].filter(Boolean).join('  ')),
    }));
    const width = Math.max(...rows.map((row) => row.place.length));
    const worst = rows.some((row) => row.severity === 'error') ? '31' : rows.some((row) => row.severity === 'warning') ? '33' : '32';
    const colors = { error: '31', warning: '33', info: '32' } as const;
    return [
      [
        paint(`4;${worst}`, terminalText(file.path)),
        ...rows.map((row) => `${row.place.padEnd(width)}  ${paint(colors[row.severity], row.severity.padEnd(7))} ${row.text}${row.rule ? `  ${row.rule}` : ''}`),
      ].join('\n'),
    ];
  });
  return blocks.join('\n\n');
}

function placeText(message: Message): string {
  const { start, end } = messageRange(message);
  if (!start) return '';
  const point = (p: { line: number; column: number }) => `${p.line}:${p.column}`;
  return end && (end.line !== start.line || end.column !== start.column) ? `${point(start)}-${point(end)}` : point(start);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
