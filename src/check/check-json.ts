import type { VFile } from 'vfile';
import { messageCount } from '../hast/fix-tally.js';
import { version } from '../paths.js';
import { messageRange, severityOf, sortMessages } from './arrange-messages.js';
import type { CheckResult } from './check-book.js';

/**
 * The stable shape of `wenji check --json` (documented in the README). Fields are only ever
 * added; `schema` changes if one is removed or changes meaning.
 */
export interface CheckJson {
  schema: 1;
  wenji: string;
  /** No errors (and, with --strict, no warnings). */
  ok: boolean;
  book: { config: string | null; contentDir: string; articles: number };
  summary: { files: number; errors: number; warnings: number };
  messages: CheckJsonMessage[];
}

export interface CheckJsonMessage {
  /** As shown in the text report (relative to the working directory). */
  file: string;
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  severity: 'error' | 'warning' | 'info';
  /** Stable rule id, e.g. `image`, `broken-link`, `halfwidth-punctuation`. */
  rule: string | null;
  message: string;
  /** Present on the infos that count what the build changes by itself (e.g. 42 marks made full-width). */
  count?: number;
}

export function checkJson(result: CheckResult, options: { strict: boolean; contentDir: string; config: string | null }): CheckJson {
  // In report order: files in reading order, then by line and column (messages without a place
  // first); every message, unfolded.
  const messages = result.files.flatMap((file) => sortMessages(file.messages).map((message) => jsonMessage(file, message)));
  const errors = messages.filter((message) => message.severity === 'error').length;
  const warnings = messages.filter((message) => message.severity === 'warning').length;
  return {
    schema: 1,
    wenji: version,
    ok: errors === 0 && (!options.strict || warnings === 0),
    book: { config: options.config, contentDir: options.contentDir, articles: result.articles },
    summary: { files: result.files.filter((file) => file.messages.length > 0).length, errors, warnings },
    messages,
  };
}

function jsonMessage(file: VFile, message: VFile['messages'][number]): CheckJsonMessage {
  const { start, end } = messageRange(message);
  const count = messageCount(message);
  return {
    file: file.path,
    line: start?.line ?? null,
    column: start?.column ?? null,
    endLine: end?.line ?? null,
    endColumn: end?.column ?? null,
    severity: severityOf(message),
    rule: message.ruleId ?? null,
    message: message.reason,
    ...(count === undefined ? {} : { count }),
  };
}
