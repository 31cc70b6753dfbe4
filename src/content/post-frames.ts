/**
 * Blog and feed dumps (a Tumblr-style mirror, a WeChat export, a feed saved as text) frame every
 * post with the same short lines: the blog's name and a time (`河岸手记 · 2 months`), counters
 * (`0 notes`, `阅读 3621`), `Link`, media placeholders, `——End——`, `阅读原文`. Those lines are
 * found by statistics over the file: short lines recurring through it with only their numbers and
 * times changing, next to known chrome. They are removed, and where they stand between two posts
 * the file is cut.
 */

/** A line of a text file. */
export interface Line {
  /** 1-based line number in the file. */
  number: number;
  text: string;
}

/** Known chrome (book.yaml `strip` and wenji's defaults): what a whole line must be to be chrome. */
export interface ChromeLine {
  source: string;
  test: (text: string) => boolean;
  /** May stand inside a post (`Link`, `Tumblr media`): removed, but never a frame between posts. */
  inline?: boolean;
}

export interface PostFrames {
  /** Numbers of the lines that belong to a frame. */
  frameLines: Set<number>;
  /** Ranges of line indexes `[first, last]` (into the lines given) that stand between posts. */
  boundaries: [number, number][];
  /** The recurring lines recognised, most frequent first: shown form (`河岸手记 · …`) and count. */
  shapes: { shown: string; count: number }[];
  /**
   * How many posts the frames stand for, empty ones included: the count of the most frequent
   * line that marks a post (one header or footer per post). Frames of empty posts run together.
   */
  posts: number;
}

/** Lines longer than this are never frame lines. */
const longestFrameLine = 40;
/** A line of its own shape must recur this often to be taken for a frame. */
const minRecurrence = 3;
/** A file is a dump when at least this many frames stand between (or around) its posts. */
const minBoundaries = 3;

const units = 'seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|mos?|years?|yrs?';
const relativeTime = new RegExp(
  [
    `\\b(?:\\d+|an?|one)\\s*(?:${units})(?:\\s+ago)?\\b`,
    '\\b(?:yesterday|just now)\\b',
    '\\d+\\s*(?:秒|分钟|分鐘|小时|小時|个小时|個小時|天|周|週|星期|个月|個月|年)(?:前|以前)',
    '\\d+\\s*(?:秒|分|時間|日|週間|か月|ヶ月|ヵ月|年)前',
    '昨天|前天|刚刚|剛剛',
  ].join('|'),
  'giu',
);
const months = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const absoluteDate = new RegExp(
  [
    '\\d{4}\\s*[-/.年]\\s*\\d{1,2}\\s*[-/.月]\\s*\\d{1,2}(?:\\s*日)?',
    '\\d{4}\\s*年\\s*\\d{1,2}\\s*月',
    '\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日',
    `\\b(?:${months})[a-z]*\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b`,
    `\\b\\d{1,2}\\s+(?:${months})[a-z]*\\.?,?\\s+\\d{4}\\b`,
    '\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s*[ap]\\.?m\\.?)?',
  ].join('|'),
  'giu',
);
const numberPattern = /\d[\d,.]*(?:\s?[万萬千]|[kKwW]\b)?\+?/gu;

interface Shape {
  /** The line with its variable parts replaced by markers. */
  key: string;
  relative: boolean;
  variable: boolean;
}

/** `河岸手记 · 2 months` → `河岸手记 · ‹rel›`; `12 notes` → `‹n› notes`. */
export function lineShape(text: string): Shape {
  let relative = false;
  let variable = false;
  let key = collapse(text);
  // Most lines have no digit and no relative word: the large patterns are not run on them.
  if (/\d|\b(?:an?|one|yesterday|just)\b|昨天|前天|刚刚|剛剛/iu.test(key)) {
    key = key
      .replace(relativeTime, () => ((relative = variable = true), '‹rel›'))
      .replace(absoluteDate, () => ((variable = true), '‹date›'))
      .replace(numberPattern, () => ((variable = true), '‹n›'));
  }
  return { key, relative, variable };
}

/**
 * The frames of a dump, or undefined when the file is not one: fewer than three frames between
 * (or around) its posts, so a diary's recurring `晴`, a poem's refrain or an article with one
 * `阅读原文` are left alone (chrome removal takes care of single chrome lines later).
 */
export function findPostFrames(lines: Line[], chrome: ChromeLine[]): PostFrames | undefined {
  const texts = lines.map((line) => collapse(line.text));
  const shapes = texts.map((text) => (text && [...text].length <= longestFrameLine ? lineShape(text) : undefined));
  const counts = new Map<string, number>();
  for (const shape of shapes) if (shape) counts.set(shape.key, (counts.get(shape.key) ?? 0) + 1);

  // Seeds: known chrome, and recurring lines with a relative time (`2 months`, `3 天前`).
  const frame = new Map<number, { anchor: boolean }>();
  shapes.forEach((shape, index) => {
    if (!shape) return;
    const known = chrome.find((pattern) => pattern.test(texts[index]!));
    if (known) frame.set(index, { anchor: !known.inline });
    else if (shape.relative && counts.get(shape.key)! >= minRecurrence) frame.set(index, { anchor: true });
  });
  if (frame.size === 0) return undefined;

  // Recurring lines that nearly always stand next to a frame line belong to the frame (the
  // blog's name above its `2 months`, a date beside `0 notes`).
  const neighbours = (index: number): number[] => {
    const found: number[] = [];
    for (const step of [-1, 1]) {
      let other = index + step;
      while (other >= 0 && other < texts.length && texts[other] === '') other += step;
      if (other >= 0 && other < texts.length) found.push(other);
    }
    return found;
  };
  for (let round = 0; round < 3; round++) {
    const byShape = new Map<string, number[]>();
    shapes.forEach((shape, index) => {
      if (!shape || frame.has(index) || counts.get(shape.key)! < minRecurrence || [...texts[index]!].length > 30) return;
      const indexes = byShape.get(shape.key);
      if (indexes) indexes.push(index);
      else byShape.set(shape.key, [index]);
    });
    let grown = false;
    for (const indexes of byShape.values()) {
      const beside = indexes.filter((index) => neighbours(index).some((other) => frame.has(other))).length;
      if (beside / indexes.length < 0.8) continue;
      for (const index of indexes) frame.set(index, { anchor: shapes[index]!.variable });
      grown = true;
    }
    if (!grown) break;
  }

  // Frame blocks: runs of frame lines (blank lines between them allowed). A block is a boundary
  // between posts when it holds a recurring line that is not inline chrome.
  const boundaries: [number, number][] = [];
  let start = -1;
  let last = -1;
  let anchored = false;
  const close = () => {
    if (start !== -1 && anchored) boundaries.push([start, last]);
    start = -1;
    anchored = false;
  };
  texts.forEach((text, index) => {
    const mark = frame.get(index);
    if (mark) {
      if (start === -1) start = index;
      last = index;
      if (mark.anchor && counts.get(shapes[index]!.key)! >= 2) anchored = true;
    } else if (text !== '') close();
  });
  close();
  if (boundaries.length < minBoundaries) return undefined;

  const tally = new Map<string, { shown: string; count: number; anchor: boolean }>();
  for (const [index, mark] of frame) {
    const key = shapes[index]!.key;
    const entry = tally.get(key) ?? { shown: key.replace(/‹(?:rel|date|n)›/g, '…'), count: 0, anchor: mark.anchor };
    entry.count++;
    tally.set(key, entry);
  }
  const sorted = [...tally.values()].sort((a, b) => b.count - a.count);
  return {
    frameLines: new Set([...frame.keys()].map((index) => lines[index]!.number)),
    boundaries,
    shapes: sorted.map(({ shown, count }) => ({ shown, count })),
    posts: Math.max(...sorted.filter((entry) => entry.anchor).map((entry) => entry.count)),
  };
}

function collapse(text: string): string {
  return text.replace(/[\s\u00A0\u3000\u200B\uFEFF]+/g, ' ').trim();
}
