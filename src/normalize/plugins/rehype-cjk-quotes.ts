import type { Root } from 'hast';
import type { Transformer } from 'unified';
import { isCjk, isCjkLetter } from '../../locale/cjk-characters.js';
import { tallyEdits } from '../../hast/fix-tally.js';
import { addressRanges, applyEdits, inRanges, isProseAt, proseRuns, type ProseRun } from '../../hast/prose-runs.js';

export type Options = Record<string, never>;

/**
 * Straight quotes in Chinese text become curly: `"…"` → “…” and `'…'` → ‘…’ (which
 * `rehype-corner-quotes` may later turn into 「」『』 for vertical books). Quotes are paired in
 * order within a paragraph; a pair converts when CJK text is inside it or right outside it
 * (for `'`, only when CJK is inside: apostrophes are common in Latin names). A paragraph with an
 * odd number of candidates is left alone rather than guessed at, and so is every `'` between
 * two letters (`don't`) and every `"` after a digit (`6"`, an inch mark).
 */
export default function rehypeCjkQuotes(_options: Options = {}): Transformer<Root> {
  return (tree, file) => {
    for (const run of proseRuns(tree)) {
      if (!/["'＂]/.test(run.text)) continue;
      const edits = new Map<number, string>();
      pairQuotes(run, edits, '"');
      pairQuotes(run, edits, "'");
      tallyEdits(file, 'cjk-quotes', run, edits);
      applyEdits(run, edits);
    }
  };
}

function pairQuotes(run: ProseRun, edits: Map<number, string>, kind: '"' | "'"): void {
  const { text } = run;
  const addresses = addressRanges(text);
  const positions: number[] = [];
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (kind === '"' ? char !== '"' && char !== '＂' : char !== "'") continue;
    if (!isProseAt(run, at) || inRanges(addresses, at)) continue;
    const before = text[at - 1] ?? '';
    const after = text[at + 1] ?? '';
    if (kind === "'" && /[\p{L}\p{N}]/u.test(before) && /[\p{L}\p{N}]/u.test(after) && !(isCjkLetter(before) && isCjkLetter(after))) continue;
    if (kind === '"' && /\d/.test(before)) continue;
    positions.push(at);
  }
  if (positions.length === 0 || positions.length % 2 !== 0) return;
  const [open, close] = kind === '"' ? ['“', '”'] : ['‘', '’'];
  for (let i = 0; i < positions.length; i += 2) {
    const start = positions[i]!;
    const end = positions[i + 1]!;
    const inside = text.slice(start + 1, end);
    const cjkInside = [...inside].some(isCjkLetter);
    const cjkOutside = isCjk(beside(text, start, -1)) || isCjk(beside(text, end, 1));
    if (kind === "'" ? !cjkInside : !cjkInside && !cjkOutside) continue;
    edits.set(start, open);
    edits.set(end, close);
  }
}

/**
 * The nearest character beside a quote, past spaces and other quote marks: whether a pair's
 * neighbour was already converted must not change the decision (so a second run changes nothing).
 */
function beside(text: string, at: number, direction: 1 | -1): string | undefined {
  for (let i = at + direction; i >= 0 && i < text.length; i += direction) {
    if (!/[\s"'“”‘’＂]/u.test(text[i]!)) return text[i];
  }
  return undefined;
}
