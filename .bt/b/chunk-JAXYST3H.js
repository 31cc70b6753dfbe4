import { createRequire as __wenjiCreateRequire } from 'node:module'; const require = __wenjiCreateRequire(import.meta.url);

// src/errors.ts
var exitCodes = {
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
  server: 10
};
var WenjiError = class extends Error {
  kind;
  file;
  constructor(kind, message, options = {}) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
    this.name = "WenjiError";
    this.kind = kind;
    this.file = options.file;
  }
  get exitCode() {
    return exitCodes[this.kind];
  }
  /** `file: message`, the one line a user sees. */
  toString() {
    return this.file ? `${this.file}: ${this.message}` : this.message;
  }
};
function isWenjiError(value) {
  return value instanceof WenjiError;
}
function describeError(value) {
  if (value instanceof Error) return value.message.split("\n")[0] ?? value.name;
  return String(value);
}

export {
  exitCodes,
  WenjiError,
  isWenjiError,
  describeError
};
