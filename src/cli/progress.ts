import cliProgress from 'cli-progress';
import type { ProgressEvent, ProgressListener, Stage } from '../progress.js';
import { writers } from '../writers/index.js';
import { terminalLines, terminalText } from './terminal-text.js';

/** How a command shows its progress and its notes: one object per run. */
export interface ProgressView {
  /** Structured progress from the core stages. */
  listener: ProgressListener;
  /** A plain `wenji: …` status line: shown only where there is no live view. */
  log(line: string): void;
  /** Text that must be seen (warnings): printed above a live view, controls shown as escapes. */
  print(text: string): void;
  /** A report from `formatMessages` (safe already, maybe coloured): printed above a live view. */
  printReport(text: string): void;
  /** Ends the live view, leaving its final state on screen. Safe to call twice. */
  stop(): void;
}

const labels: Record<Stage, string> = { load: 'load', normalize: 'normalize', images: 'images', ...Object.fromEntries(writers.map((writer) => [writer.name, writer.label])) };

interface Row {
  bar: cliProgress.SingleBar;
  started: number;
  ended?: number;
  note: string;
  failed?: boolean;
}

/**
 * A task list on a terminal (a bar per stage with its count, note and elapsed time), plain
 * `wenji: …` lines elsewhere (logs, CI), nothing but errors with `--quiet`.
 */
export function createProgressView(options: { stream: NodeJS.WriteStream; quiet: boolean; live?: boolean }): ProgressView {
  const { stream, quiet } = options;
  const write = (text: string) => stream.write(text.endsWith('\n') ? text : `${text}\n`);
  const safe = (text: string) => write(terminalLines(text));
  if (quiet) return { listener: () => {}, log: () => {}, print: safe, printReport: write, stop: () => {} };
  const live = options.live ?? (stream.isTTY === true && process.env.TERM !== 'dumb' && !process.env.CI);
  if (!live) return { listener: () => {}, log: (line) => safe(`wenji: ${line}`), print: safe, printReport: write, stop: () => {} };

  const rows = new Map<Stage, Row>();
  const multibar = new cliProgress.MultiBar(
    {
      stream,
      format: (_options, params, payload: { row?: Row; stage?: Stage }) => fit(formatRow(payload.stage!, payload.row!, params.value, params.total), stream.columns),
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      // cli-progress's own SIGINT handler would keep the build running; the build's (cli/signals.ts) stops the view and exits.
      gracefulExit: false,
      barsize: 20,
      fps: 10,
      autopadding: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    for (const row of rows.values()) if (row.ended === undefined) row.failed = true;
    multibar.stop();
  };
  const listener = (event: ProgressEvent) => {
    if (stopped) return;
    if (event.kind === 'start') {
      const row: Row = { started: performance.now(), note: '', bar: undefined as unknown as cliProgress.SingleBar };
      row.bar = multibar.create(Math.max(event.total, 1), 0, { row, stage: event.stage });
      rows.set(event.stage, row);
      return;
    }
    const row = rows.get(event.stage);
    if (!row) return;
    if (event.kind === 'advance') {
      row.note = event.note ?? row.note;
      row.bar.setTotal(Math.max(event.total, 1));
      row.bar.update(event.done, { row, stage: event.stage });
    } else {
      row.ended = performance.now();
      row.note = event.note ?? '';
      row.bar.update(row.bar.getTotal(), { row, stage: event.stage });
    }
  };
  const print = (text: string) => (multibar.isActive ? multibar.log(text.endsWith('\n') ? text : `${text}\n`) : write(text));
  return {
    listener,
    log: () => {},
    print: (text) => print(terminalLines(text)),
    printReport: print,
    stop,
  };
}

/** One row per line: a row wider than the terminal would wrap and break the redraw. */
function fit(text: string, columns: number | undefined): string {
  const width = (columns ?? 80) - 1;
  const chars = [...text];
  return chars.length > width ? `${chars.slice(0, width - 1).join('')}…` : text;
}

function formatRow(stage: Stage, row: Row, value: number, total: number): string {
  const status = row.failed ? '✖' : row.ended !== undefined ? '✔' : '…';
  const width = 20;
  const filled = Math.round((Math.min(value, total) / Math.max(total, 1)) * width);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  const count = stage === 'normalize' || stage === 'images' ? `${value}/${total}`.padStart(9) : ''.padStart(9);
  const seconds = (((row.ended ?? performance.now()) - row.started) / 1000).toFixed(1).padStart(5);
  return `${status} ${(labels[stage] ?? stage).padEnd(10)} ${bar} ${count} ${seconds} s  ${terminalText(row.note)}`.trimEnd();
}
