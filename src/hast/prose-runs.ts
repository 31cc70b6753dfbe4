import type { Element, Parents, Root, Text } from 'hast';
import { toString } from 'hast-util-to-string';
import { literalElements, phrasing } from './hast-tools.js';

/** A text node that may be rewritten, and where its value starts in the run's text. */
export interface ProseNode {
  node: Text;
  start: number;
  parent: Parents;
}

/**
 * The text of one block as a reader sees it (a paragraph, a heading, a list item…), so that
 * typographic rules can look across inline elements: `他说<em>,</em>好` has CJK on both
 * sides of the comma. Code, Latin-language elements and images are in `text` as context only
 * (they are never rewritten); ruby annotations are left out.
 */
export interface ProseRun {
  text: string;
  /** In document order, so their starts ascend. */
  nodes: ProseNode[];
  /** The block the run belongs to (its nearest non-inline ancestor), for source positions. */
  block: Parents;
}

/** Stands for an image or another object in a run's text: neither CJK nor Latin. */
export const objectMark = '\uFFFC';

export function proseRuns(tree: Root): ProseRun[] {
  const runs: ProseRun[] = [];
  let parts: string[] = [];
  let length = 0;
  let nodes: ProseNode[] = [];
  let block: Parents = tree;
  const flush = () => {
    if (nodes.length) runs.push({ text: parts.join(''), nodes, block });
    parts = [];
    length = 0;
    nodes = [];
  };
  const context = (text: string) => {
    parts.push(text);
    length += text.length;
  };
  const walk = (parent: Parents) => {
    for (const child of parent.children) {
      if (child.type === 'text') {
        nodes.push({ node: child, start: length, parent });
        context(child.value);
        continue;
      }
      if (child.type !== 'element') continue;
      const inline = phrasing.has(child.tagName);
      if (!inline) flush();
      if (child.tagName === 'rt' || child.tagName === 'rp') continue;
      if (child.tagName === 'br') context('\n');
      else if (child.tagName === 'img') context(objectMark);
      else if (literalElements.has(child.tagName) || isOtherLanguage(child)) {
        if (inline) context(toString(child));
      } else if (inline) walk(child);
      else {
        const outer = block;
        block = child;
        walk(child);
        flush();
        block = outer;
        continue;
      }
      if (!inline) flush();
    }
  };
  walk(tree);
  flush();
  return runs;
}

/** An element marked as written in a non-CJK language (`<span lang="en">`). */
export function isOtherLanguage(element: Element): boolean {
  const lang = element.properties.lang;
  return typeof lang === 'string' && lang !== '' && !/^(zh|ja|ko|cmn|yue|lzh)\b/i.test(lang);
}

/** Whether position `at` of the run's text belongs to a rewritable node. */
export function isProseAt(run: ProseRun, at: number): boolean {
  const node = nodeAt(run, at);
  return node !== undefined;
}

export function nodeAt(run: ProseRun, at: number): ProseNode | undefined {
  let low = 0;
  let high = run.nodes.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const candidate = run.nodes[middle]!;
    if (at < candidate.start) high = middle - 1;
    else if (at >= candidate.start + candidate.node.value.length) low = middle + 1;
    else return candidate;
  }
  return undefined;
}

/**
 * Applies edits to the run's nodes: each edit replaces the one character at a position of the
 * run's text (`''` deletes it; a longer string inserts). Positions outside rewritable nodes are
 * ignored, so code and Latin-language text are never touched.
 */
export function applyEdits(run: ProseRun, edits: Map<number, string>): void {
  if (edits.size === 0) return;
  const positions = [...edits.keys()].sort((a, b) => a - b);
  let next = 0;
  for (const { node, start } of run.nodes) {
    const end = start + node.value.length;
    while (next < positions.length && positions[next]! < start) next++;
    if (next >= positions.length || positions[next]! >= end) continue;
    const value = node.value;
    const pieces: string[] = [];
    let from = 0;
    while (next < positions.length && positions[next]! < end) {
      const offset = positions[next]! - start;
      pieces.push(value.slice(from, offset), edits.get(positions[next]!)!);
      from = offset + 1;
      next++;
    }
    pieces.push(value.slice(from));
    node.value = pieces.join('');
  }
}

/**
 * Ranges of a run's text that are addresses (URLs, e-mail, domain names) or Markdown image
 * syntax left as text (`![秋天](图片 文件夹/秋天.jpg)`, whose file was not found): their
 * punctuation is part of them and stays ASCII, so the author can still read and fix them.
 */
export function addressRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  if (!/[:@.]|!\[/.test(text)) return ranges;
  for (const match of text.matchAll(/!\[[^\]\n]*\]\([^()\n]*\)|(?:[a-z][a-z\d+.-]*:\/\/|www\.)[^\s<>"'，。、；：！？（）「」“”‘’《》\u3000]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|cn|io|edu|gov|tw|hk|jp|info|me|dev)\b(?:\/[^\s，。、；：！？（）「」“”]*)?/giu)) {
    ranges.push([match.index, match.index + match[0].length]);
  }
  return ranges;
}

export function inRanges(ranges: [number, number][], at: number): boolean {
  for (const [start, end] of ranges) {
    if (at < start) return false;
    if (at < end) return true;
  }
  return false;
}

/**
 * The nearest character before `at` that is not a space, tab or line break (or undefined at the
 * start). Line breaks count as spaces: a soft break in the source is joined later, so a decision
 * made across it must be the same one made once it is gone.
 */
export function previousVisible(text: string, at: number): string | undefined {
  for (let i = at - 1; i >= 0; i--) if (!isBlank(text[i]!)) return charEndingAt(text, i);
  return undefined;
}

/** The nearest character after `at` that is not a space, tab or line break (or undefined at the end). */
export function nextVisible(text: string, at: number): string | undefined {
  for (let i = at + 1; i < text.length; i++) if (!isBlank(text[i]!)) return String.fromCodePoint(text.codePointAt(i)!);
  return undefined;
}

/** Spaces that line joining may remove or collapse (so decisions must look past them). */
export function isBlank(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\u00A0';
}

/** The whole character (astral ideographs are two code units) whose last unit is at `i`. */
export function charEndingAt(text: string, i: number): string | undefined {
  if (i < 0) return undefined;
  const code = text.charCodeAt(i);
  if (code >= 0xdc00 && code <= 0xdfff && i > 0) return text.slice(i - 1, i + 1);
  return text[i];
}

/** The whole character starting at `i`. */
export function charStartingAt(text: string, i: number): string | undefined {
  if (i >= text.length) return undefined;
  return String.fromCodePoint(text.codePointAt(i)!);
}

/**
 * The nearest letter or digit beside position `at`, past spaces, line breaks and punctuation
 * (ASCII or full-width), but not past an image. Deciding by letters only means that a mark
 * converted next to another does not change that one's context: a second run changes nothing.
 */
export function letterBeside(text: string, at: number, direction: 1 | -1): string | undefined {
  // A letter further than this past marks and spaces is not beside anything (and a run of
  // thousands of marks is not scanned once per mark).
  const end = at + direction * 64;
  for (let i = at + direction; i >= 0 && i < text.length && i !== end; i += direction) {
    const char = direction === 1 ? charStartingAt(text, i)! : charEndingAt(text, i)!;
    if (char === objectMark) return undefined;
    if (/[\p{L}\p{N}]/u.test(char)) return char;
    if (char.length === 2) i += direction;
  }
  return undefined;
}
