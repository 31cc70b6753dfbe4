/** Characters that may not start a line (kinsoku), and those that may not end one. */
const noLineStart = /[，。、；：！？）」』》〉】〕…—～・·,.;:!?)\]}’”%]/u;
const noLineEnd = /[（「『《〈【〔‘“(\[{]/u;
const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/**
 * Where a line may break: before index i. Between two CJK characters (unless the kinsoku rules
 * forbid it) and after a space; never inside a Latin word. Pure.
 */
export function breakOpportunities(text: string): Set<number> {
  const breaks = new Set<number>();
  for (let index = 1; index < text.length; index++) {
    const before = text[index - 1]!;
    const after = text[index]!;
    if (/\s/.test(after)) continue;
    if (/\s/.test(before)) breaks.add(index);
    else if ((cjk.test(before) || cjk.test(after)) && !noLineStart.test(after) && !noLineEnd.test(before)) breaks.add(index);
  }
  return breaks;
}

/**
 * Greedy line breaking of `text` into lines no longer than `max`, given the advance of each
 * UTF-16 index; then the same number of lines is rebalanced to the shortest width that keeps
 * it (a two-line title reads better as two similar lines than as a full one and a stub).
 */
export function breakLines(text: string, advances: number[], max: number): string[] {
  const breaks = breakOpportunities(text);
  const greedy = (limit: number) => {
    const lines: [number, number][] = [];
    let start = 0;
    let width = 0;
    let lastBreak = -1;
    for (let index = 0; index < text.length; index++) {
      if (breaks.has(index)) lastBreak = index;
      width += advances[index] ?? 0;
      if (width > limit && lastBreak > start) {
        lines.push([start, lastBreak]);
        start = lastBreak;
        width = sum(advances, start, index + 1);
        lastBreak = -1;
      }
    }
    lines.push([start, text.length]);
    return lines.map(([from, to]) => text.slice(from, to).trim()).filter(Boolean);
  };
  const lines = greedy(max);
  if (lines.length < 2) return lines;
  let low = sum(advances, 0, text.length) / lines.length;
  let high = max;
  for (let step = 0; step < 24 && high - low > 1; step++) {
    const middle = (low + high) / 2;
    if (greedy(middle).length > lines.length) low = middle;
    else high = middle;
  }
  return greedy(high);
}

function sum(values: number[], from: number, to: number): number {
  let total = 0;
  for (let index = from; index < to; index++) total += values[index] ?? 0;
  return total;
}
