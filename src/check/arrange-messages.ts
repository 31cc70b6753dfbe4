import type { Point } from 'unist';
import type { VFile } from 'vfile';

export type Message = VFile['messages'][number];
export type Severity = 'error' | 'warning' | 'info';

/** A message shown once for `count` identical ones (same rule, severity and text) in one file. */
export interface FoldedMessage {
  message: Message;
  count: number;
}

export function severityOf(message: Message): Severity {
  return message.fatal ? 'error' : message.fatal === false ? 'warning' : 'info';
}

/** Where a message starts and ends (a place may be a point or a range). */
export function messageRange(message: Message): { start?: Point | undefined; end?: Point | undefined } {
  const place = message.place;
  if (!place) return {};
  return 'start' in place ? { start: place.start, end: place.end } : { start: place };
}

const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * A file's messages in reading order: by line, then column (messages about the whole file, with
 * no place, first); at one place errors before warnings before infos; else as they were raised.
 */
export function sortMessages(messages: readonly Message[]): Message[] {
  const keyed = messages.map((message, index) => ({ message, index, start: messageRange(message).start }));
  keyed.sort(
    (a, b) =>
      (a.start?.line ?? 0) - (b.start?.line ?? 0) ||
      (a.start?.column ?? 0) - (b.start?.column ?? 0) ||
      rank[severityOf(a.message)] - rank[severityOf(b.message)] ||
      a.index - b.index,
  );
  return keyed.map(({ message }) => message);
}

/** Identical messages (rule, severity, text) of one file as one, at the first place, with a count. */
export function foldMessages(sorted: readonly Message[]): FoldedMessage[] {
  const folded = new Map<string, FoldedMessage>();
  for (const message of sorted) {
    const key = JSON.stringify([severityOf(message), message.ruleId ?? '', message.source ?? '', message.reason]);
    const found = folded.get(key);
    if (found) found.count++;
    else folded.set(key, { message, count: 1 });
  }
  return [...folded.values()];
}
