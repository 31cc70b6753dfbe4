/**
 * One closed set of failure kinds. Each kind has its own exit code (documented in the README),
 * and every message is one line that names the file and says what to do.
 */
export const exitCodes = {
  ok: 0,
  internal: 1,
  usage: 2,
  config: 3,
  content: 4,
  article: 5,
  browser: 6,
  output: 7,
  render: 8,
  /** `wenji init` would overwrite a file (pass --force). */
  exists: 9,
  /** `wenji preview` could not serve or watch the book. */
  server: 10,
  /** `wenji add`: a source could not be fetched or read (the others were added). */
  source: 11,
} as const;

export type ErrorKind = Exclude<keyof typeof exitCodes, 'ok'>;

export class WenjiError extends Error {
  readonly kind: ErrorKind;
  readonly file: string | undefined;

  constructor(kind: ErrorKind, message: string, options: { file?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WenjiError';
    this.kind = kind;
    this.file = options.file;
  }

  get exitCode(): number {
    return exitCodes[this.kind];
  }

  /** `file: message`, the one line a user sees. */
  override toString(): string {
    return this.file ? `${this.file}: ${this.message}` : this.message;
  }
}

export function isWenjiError(value: unknown): value is WenjiError {
  return value instanceof WenjiError;
}

/** A short description of any thrown value, for one-line reports. */
export function describeError(value: unknown): string {
  if (value instanceof Error) return value.message.split('\n')[0] ?? value.name;
  return String(value);
}
