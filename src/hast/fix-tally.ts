import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { sourceLocator, type SourceLocator } from './source-point.js';
import type { ProseRun } from './prose-runs.js';
import { nodeAt } from './prose-runs.js';

/**
 * Changes the build makes by itself, counted per file and reported as one info message each
 * (`wenji check` shows them; a build with --verbose too): the author needs to know they happen,
 * not to read every one of them.
 */
export type FixKind = 'cjk-punctuation' | 'cjk-dashes' | 'cjk-quotes' | 'cjk-spacing' | 'indent';

interface Tally {
  count: number;
  /** Where the first one is. */
  place?: Point | undefined;
  /** What they became, with counts (`，` 12, `。` 3), for the message. */
  results: Map<string, number>;
  /** A variant of the message (cjk-spacing: removed or inserted). */
  variant?: string;
}

declare module 'vfile' {
  interface DataMap {
    /** Fixes counted while the file's articles are read and normalized (see `reportFixes`). */
    fixes: Partial<Record<FixKind, Tally>>;
  }
}

type Message = VFile['messages'][number];

/** How many changes a message stands for (set on the messages of `reportFixes`). */
export function messageCount(message: Message): number | undefined {
  const count = (message as Message & { count?: unknown }).count;
  return typeof count === 'number' ? count : undefined;
}

export function setMessageCount(message: Message, count: number): void {
  Object.assign(message, { count });
}

/**
 * Adds `results` (what each change produced, `''` for a deletion that is part of another change)
 * to the file's tally of `kind`. `place` is asked for only for a file's first change.
 */
export function tallyFix(file: VFile, kind: FixKind, results: Iterable<string>, place: () => Point | undefined, variant?: string): void {
  let tally: Tally | undefined;
  for (const result of results) {
    if (!tally) {
      file.data.fixes ??= {};
      tally = file.data.fixes[kind] ??= { count: 0, results: new Map() };
      tally.place ??= place();
      if (variant) tally.variant = variant;
    }
    tally.count++;
    tally.results.set(result, (tally.results.get(result) ?? 0) + 1);
  }
}

/**
 * A prose plugin's edits of one run (position in the run's text → replacement), counted before
 * they are applied. Each non-empty replacement is one change; a deletion is one only with
 * `deletions` (spacing removes spaces), else it belongs to a change beside it (the spaces around
 * a converted mark, the rest of a dash).
 */
export function tallyEdits(file: VFile, kind: FixKind, run: ProseRun, edits: Map<number, string>, options: { deletions?: boolean; variant?: string } = {}): void {
  if (edits.size === 0) return;
  const results = [...edits.values()].filter((value) => options.deletions || value !== '');
  tallyFix(file, kind, results, () => runPoint(file, run, Math.min(...edits.keys())), options.variant);
}

/** Where position `at` of a run's text is in the file's source. */
export function runPoint(file: VFile, run: ProseRun, at: number): Point | undefined {
  const found = nodeAt(run, at);
  if (!found || file.value === undefined) return undefined;
  return fileLocator(file).text(found.node, at - found.start, run.block);
}

// One locator per file and source text, so that a lint reporting thousands of places does not
// find the line starts of a long file again for each (a memo: it holds nothing a run could see).
const locators = new WeakMap<VFile, { source: string; locator: SourceLocator }>();

function fileLocator(file: VFile): SourceLocator {
  const source = String(file.value);
  const known = locators.get(file);
  if (known?.source === source) return known.locator;
  const locator = sourceLocator(source);
  locators.set(file, { source, locator });
  return locator;
}

/** The file's tallies as info messages (one per kind, at its first change), then cleared. */
export function reportFixes(file: VFile): void {
  const fixes = file.data.fixes;
  delete file.data.fixes;
  if (!fixes) return;
  for (const [kind, tally] of Object.entries(fixes) as [FixKind, Tally][]) {
    setMessageCount(file.info(describeFix(kind, tally), { place: tally.place, ruleId: kind, source: 'wenji' }), tally.count);
  }
}

function describeFix(kind: FixKind, tally: Tally): string {
  const n = tally.count;
  const plural = (one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const marks = [...tally.results].filter(([result]) => result).sort((a, b) => b[1] - a[1]).map(([result, count]) => `${result}×${count}`).join(', ');
  switch (kind) {
    case 'cjk-punctuation':
      return `${plural('half-width punctuation mark', 'half-width punctuation marks')} in CJK text ${n === 1 ? 'is' : 'are'} made full-width (${marks})`;
    case 'cjk-dashes':
      return `${plural('typed dash or ellipsis', 'typed dashes and ellipses')} in CJK text ${n === 1 ? 'becomes' : 'become'} —— or …… (${marks})`;
    case 'cjk-quotes':
      return `${plural('straight quote', 'straight quotes')} in CJK text ${n === 1 ? 'is' : 'are'} made curly (${marks})`;
    case 'cjk-spacing':
      return tally.variant === 'insert'
        ? `${plural('space is', 'spaces are')} inserted between CJK and Latin text`
        : `${plural('space', 'spaces')} typed between CJK and Latin text ${n === 1 ? 'is' : 'are'} removed (the stylesheet draws that gap)`;
    case 'indent':
      return `${plural('full-width-space indent (　　) is', 'full-width-space indents (　　) are')} removed (the stylesheet indents paragraphs)`;
  }
}
