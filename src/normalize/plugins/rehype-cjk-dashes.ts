import type { Root } from 'hast';
import type { Transformer } from 'unified';
import { isCjk, isCjkLetter } from '../../locale/cjk-characters.js';
import { tallyEdits } from '../../hast/fix-tally.js';
import { addressRanges, applyEdits, inRanges, isProseAt, letterBeside, nodeAt, nextVisible, previousVisible, proseRuns, type ProseRun } from '../../hast/prose-runs.js';

export type Options = Record<string, never>;

/**
 * The Chinese ellipsis is `……` and the dash `——`, each two cells wide. Typed substitutes next
 * to CJK text become them: `...`, `。。。`, `···`, a lone `…` → `……`; `--`, `－－`, `──`,
 * `――`, a lone `—` → `——`. Only in CJK context (a CJK character before or after); Latin
 * text, addresses and code keep their dots and hyphens. Runs that are already right stay.
 */
export default function rehypeCjkDashes(_options: Options = {}): Transformer<Root> {
  return (tree, file) => {
    for (const run of proseRuns(tree)) {
      if (!/\.{3}|。{3}|[·・．]{3}|…|-{2}|－{2}|[─―—]/u.test(run.text)) continue;
      const edits = dashEdits(run);
      tallyEdits(file, 'cjk-dashes', run, edits);
      applyEdits(run, edits);
    }
  };
}

const pattern = /\.{3,}|。{3,}|·{3,}|・{3,}|．{3,}|…+|-{2,3}|－{2,}|─+|―+|—+/gu;

function dashEdits(run: ProseRun): Map<number, string> {
  const { text } = run;
  const edits = new Map<number, string>();
  const addresses = addressRanges(text);
  for (const match of text.matchAll(pattern)) {
    const found = match[0];
    const start = match.index;
    const end = start + found.length;
    // Already the two-cell form, or longer runs someone chose on purpose (……… , ————).
    if (found.startsWith('…') && found.length !== 1) continue;
    if (found.startsWith('—') && found.length !== 1) continue;
    if (/^[─―－]/u.test(found) && found.length > 2) continue; // a drawn rule, not a dash
    if (found.startsWith('-') && (text[start - 1] === '-' || text[end] === '-' || text[start - 1] === '!' || text[end] === '>')) continue; // ---- rules, <!-- -->
    // Context is the nearest letter on either side (past spaces and punctuation, converted or not).
    let cjkContext = found.startsWith('。') || isCjkLetter(letterBeside(text, start, -1)) || isCjkLetter(letterBeside(text, end - 1, 1));
    // Dots right after a Latin word (`wait... 什么`) stay an English ellipsis.
    if (found.startsWith('.') && /[A-Za-z0-9]/.test(text[start - 1] ?? '')) cjkContext = false;
    if (!cjkContext) continue;
    // Within one text node only: a run split by markup (`<em>。。</em>。`) is left as written.
    if (nodeAt(run, start) === undefined || nodeAt(run, start) !== nodeAt(run, end - 1)) continue;
    let usable = true;
    for (let at = start; at < end; at++) if (inRanges(addresses, at)) usable = false;
    if (!usable) continue;
    const replacement = /^[.。·・．…]/u.test(found) ? '……' : '——';
    edits.set(start, replacement);
    for (let at = start + 1; at < end; at++) edits.set(at, '');
    // `他 -- 我`: the spaces typed around an ASCII dash go with it when CJK is on both sides.
    if (replacement === '——' && isCjk(previousVisible(text, start)) && isCjk(nextVisible(text, end - 1))) {
      for (let at = start - 1; at >= 0 && text[at] === ' ' && isProseAt(run, at); at--) edits.set(at, '');
      for (let at = end; at < text.length && text[at] === ' ' && isProseAt(run, at); at++) edits.set(at, '');
    }
  }
  return edits;
}
