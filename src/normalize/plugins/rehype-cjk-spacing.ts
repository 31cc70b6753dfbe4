import type { Root } from 'hast';
import type { Transformer } from 'unified';
import { cjkLetter } from '../../locale/cjk-characters.js';
import { phrasing } from '../../hast/hast-tools.js';
import { tallyEdits } from '../../hast/fix-tally.js';
import { addressRanges, applyEdits, inRanges, nodeAt, proseRuns, type ProseRun } from '../../hast/prose-runs.js';

export type Options = {
  /**
   * `remove`: spaces typed between CJK and Latin letters or digits go, because the stylesheet
   * draws that gap (`text-autospace`) and the two would add up unevenly. `insert`: one space is
   * put where none is typed (the gap is then a character and the stylesheet's is switched off).
   */
  mode: 'remove' | 'insert';
};

const latin = '[A-Za-z0-9\\u00C0-\\u024F]';
const typedSpace = new RegExp(`(?<=[${cjkLetter}]) +(?=${latin})|(?<=${latin}) +(?=[${cjkLetter}])`, 'gu');
const boundary = new RegExp(`(?<=[${cjkLetter}])(?=${latin})|(?<=${latin}|%)(?=[${cjkLetter}])`, 'gu');
const quick = new RegExp(`[${cjkLetter}]`, 'u');

/**
 * The gap between CJK and Latin text or digits (`用 Kindle 读`), made by one mechanism only.
 * Only plain ASCII spaces between a CJK letter and a Latin letter or digit are removed; nothing
 * is inserted next to punctuation. Code and Latin-language elements are context, never changed.
 */
export default function rehypeCjkSpacing(options: Options): Transformer<Root> {
  return (tree, file) => {
    for (const run of proseRuns(tree)) {
      if (!quick.test(run.text) || !/[A-Za-z0-9\u00C0-\u024F]/.test(run.text)) continue;
      const edits = options.mode === 'remove' ? removals(run) : insertions(run);
      tallyEdits(file, 'cjk-spacing', run, edits, { deletions: true, variant: options.mode });
      applyEdits(run, edits);
    }
  };
}

function removals(run: ProseRun): Map<number, string> {
  const edits = new Map<number, string>();
  for (const match of run.text.matchAll(typedSpace)) {
    for (let at = match.index; at < match.index + match[0].length; at++) edits.set(at, '');
  }
  return edits;
}

function insertions(run: ProseRun): Map<number, string> {
  const { text } = run;
  const edits = new Map<number, string>();
  // An address that runs on into CJK (`https://zh.wikipedia.org/wiki/北京`) is one token: no
  // space inside it, as the punctuation rules read it.
  const addresses = addressRanges(text);
  // `at` is the boundary; `at - 1` is the last code unit of the character before it (for an
  // astral ideograph its low surrogate, so the space still follows the whole character).
  for (const match of text.matchAll(boundary)) {
    const at = match.index;
    if (inRanges(addresses, at - 1) && inRanges(addresses, at)) continue;
    const before = nodeAt(run, at - 1);
    const after = nodeAt(run, at);
    // Put the space outside inline markup: `<a>Kindle</a> 阅读`, `阅读 <em>Kindle</em>`.
    const outside = before && after && before !== after && before.parent.type === 'element' && phrasing.has(before.parent.tagName) && before.parent !== after.parent;
    // Two boundaries may land on one character (`<a>中</a>A<a>中</a>`): the edits compose.
    if (before && !outside) edits.set(at - 1, `${edits.get(at - 1) ?? text[at - 1]} `);
    else if (after) edits.set(at, ` ${edits.get(at) ?? text[at]}`);
  }
  return edits;
}
