import path from 'node:path';
import { runExitCleanups, writtenFiles } from '../exit-cleanup.js';
import { terminalText } from './terminal-text.js';

/** Exit codes of a run ended by a signal, as a shell reports them (128 + the signal's number). */
export const signalExitCodes = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Ctrl-C or SIGTERM during a build: the run stops at once, its temporary folders, browser and
 * half-written files are removed (exit-cleanup.ts), and one line says what was written — nothing,
 * since every output appears whole or not at all, or the outputs finished before the signal.
 * `before` runs first (the progress view gives the terminal back). Returns the uninstaller.
 */
export function exitOnSignals(before: () => void = () => {}): () => void {
  const handler = (signal: keyof typeof signalExitCodes) => {
    before();
    runExitCleanups();
    const written = writtenFiles().map((file) => terminalText(path.relative(process.cwd(), file) || file));
    process.stderr.write(`wenji: interrupted; ${written.length ? `only ${written.join(', ')} ${written.length === 1 ? 'was' : 'were'} written` : 'nothing was written'}\n`);
    process.exit(signalExitCodes[signal]);
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
