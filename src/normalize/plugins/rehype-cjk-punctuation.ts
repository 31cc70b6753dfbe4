import type { Root } from 'hast';
import type { Transformer } from 'unified';
import { isCjk, isCjkLetter } from '../../locale/cjk-characters.js';
import { tallyEdits } from '../../hast/fix-tally.js';
import { addressRanges, applyEdits, charEndingAt, charStartingAt, inRanges, isBlank, isProseAt, letterBeside, nextVisible, proseRuns, type ProseRun } from '../../hast/prose-runs.js';

export type Options = Record<string, never>;

const fullWidth: Record<string, string> = { ',': '，', ':': '：', ';': '；', '!': '！', '?': '？', '(': '（', ')': '）', '.': '。' };
const candidates = /[,:;!?().]/;
/** Closing marks after which a `.` still ends the CJK sentence inside them: `他说“好”.` */
const closers = new Set(['”', '’', '」', '』', '）', '》', '"', "'", ')']);

/**
 * Text copied through some platforms arrives with ASCII punctuation inside Chinese sentences
 * (`他说,这没有意义.`). Next to CJK characters, `, : ; ! ?` and balanced `( )` become
 * `，：；！？（）`, and `.` becomes `。` where it ends a CJK sentence. Numbers (`3.5`,
 * `1,000`, `12:30`), addresses, Latin phrases, code and Latin-language elements keep ASCII.
 * Spaces typed around a converted mark go: the full-width mark carries its own space.
 */
export default function rehypeCjkPunctuation(_options: Options = {}): Transformer<Root> {
  return (tree, file) => {
    for (const run of proseRuns(tree)) {
      if (!candidates.test(run.text)) continue;
      const edits = punctuationEdits(run);
      tallyEdits(file, 'cjk-punctuation', run, edits);
      applyEdits(run, edits);
    }
  };
}

function punctuationEdits(run: ProseRun): Map<number, string> {
  const { text } = run;
  const edits = new Map<number, string>();
  const addresses = addressRanges(text);
  // Faces (`:)`, `;-(`, `:D`) stay ASCII; found once, so that the two rules below agree.
  const faces = new Set<number>();
  for (const face of text.matchAll(/(?<![,:;!?])[:;]-?[()DPp](?![\p{L}\p{N}])/gu)) for (let i = 0; i < face[0].length; i++) faces.add(face.index + i);
  const usable = (at: number) => isProseAt(run, at) && !inRanges(addresses, at) && !faces.has(at);

  // Brackets convert in pairs or not at all.
  const open: number[] = [];
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char !== '(' && char !== ')') continue;
    if (!usable(at)) continue;
    if (char === '(') open.push(at);
    else {
      const start = open.pop();
      if (start === undefined) continue;
      const cjkAround = [letterBeside(text, start, -1), letterBeside(text, start, 1), letterBeside(text, at, -1), letterBeside(text, at, 1)].some(isCjkLetter);
      if (!cjkAround) continue;
      edits.set(start, '（');
      edits.set(at, '）');
      dropSpaces(text, start, -1, edits, run);
      dropSpaces(text, start, 1, edits, run);
      dropSpaces(text, at, -1, edits, run);
      dropSpaces(text, at, 1, edits, run);
    }
  }

  // Clause marks, taken as a group (`?!`, `!!!`) with the characters around the group.
  for (const match of text.matchAll(/[,:;!?]+/g)) {
    const first = match.index;
    const last = first + match[0].length - 1;
    if (![...match[0]].every((_, i) => usable(first + i))) continue;
    const before = charEndingAt(text, first - 1);
    const after = charStartingAt(text, last + 1);
    if (isDigit(before) && isDigit(after)) continue; // 1,000 · 12:30 · 1:2
    // CJK before the mark (past punctuation), or CJK right after it: `iPhone,然后` but not `"Hello," 他说`.
    if (!isCjkLetter(letterBeside(text, first, -1)) && !isCjkLetter(nextVisible(text, last))) continue;
    // Latin on both sides of the group (`word,word`) is a Latin phrase even inside CJK text.
    if (isLatinLetter(before) && isLatinLetter(after)) continue;
    for (let at = first; at <= last; at++) edits.set(at, fullWidth[text[at]!]!);
    dropSpaces(text, first, -1, edits, run);
    dropSpaces(text, last, 1, edits, run);
  }

  // A full stop after a CJK letter (or a closing quote after one) that ends the sentence.
  for (let at = text.indexOf('.'); at !== -1; at = text.indexOf('.', at + 1)) {
    if (text[at - 1] === '.' || text[at + 1] === '.' || !usable(at)) continue;
    // Past closing quotes and stray spaces (`中文 .`, `他说“好” .`), which line joining removes.
    let back = at - 1;
    while (closers.has(text[back] ?? '') || isBlank(text[back])) back--;
    const before = charEndingAt(text, back);
    if (!isCjkLetter(before)) continue;
    // Not when a letter or digit follows (`中文.com`, `第1.5`): then it is not a full stop.
    if (/[\p{L}\p{N}]/u.test(charStartingAt(text, at + 1) ?? '') && !isCjk(charStartingAt(text, at + 1))) continue;
    edits.set(at, '。');
    dropSpaces(text, at, 1, edits, run, true);
  }
  return edits;
}

/** Deletes the spaces and tabs beside a converted mark (in `direction`); `beforeCjk`: only when CJK follows them. */
function dropSpaces(text: string, at: number, direction: 1 | -1, edits: Map<number, string>, run: ProseRun, beforeCjk = false): void {
  let i = at + direction;
  const spaces: number[] = [];
  while (i >= 0 && i < text.length && (text[i] === ' ' || text[i] === '\t')) {
    spaces.push(i);
    i += direction;
  }
  if (spaces.length === 0) return;
  if (beforeCjk && !isCjk(charStartingAt(text, i))) return;
  for (const position of spaces) if (isProseAt(run, position) && !edits.has(position)) edits.set(position, '');
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

function isLatinLetter(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z\u00C0-\u024F]/.test(char);
}
