import { describeError, exitCodes, isWenjiError } from '../errors.js';
import { terminalText } from './terminal-text.js';

/** One line on stderr naming the file and the fix; the stack only with --verbose. Returns the exit code. */
export function reportFailure(error: unknown, verbose: boolean, write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): number {
  if (isWenjiError(error)) {
    write(`wenji: error: ${terminalText(error.toString())}`);
    if (verbose) {
      const stack = error.cause instanceof Error ? error.cause.stack : error.stack;
      if (stack) write(stack);
    }
    return error.exitCode;
  }
  write(`wenji: internal error: ${terminalText(describeError(error))} (please report it; --verbose shows the stack)`);
  if (verbose && error instanceof Error && error.stack) write(error.stack);
  return exitCodes.internal;
}
