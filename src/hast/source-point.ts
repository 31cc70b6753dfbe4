import type { Parents, Text } from 'hast';
import type { Point } from 'unist';

/** Points in one article's source, for messages (line starts are computed once, when first asked). */
export interface SourceLocator {
  /** Line and column (1-based) of an offset, counting UTF-16 units as unist does. */
  at(offset: number): Point;
  /** Where character `index` of a text node came from (see `textPoint`). */
  text(node: Text, index: number, block?: Parents): Point | undefined;
  /** The first occurrence of `text` (a title, an entry), or undefined. */
  find(text: string): Point | undefined;
}

export function sourceLocator(source: string): SourceLocator {
  let starts: number[] | undefined;
  const lineStarts = () => {
    if (starts) return starts;
    starts = [0];
    for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  };
  const at = (offset: number): Point => {
    const lines = lineStarts();
    let low = 0;
    let high = lines.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lines[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - lines[low]! + 1, offset };
  };
  const locator: SourceLocator = {
    at,
    text: (node, index, block) => textPoint(source, locator, lineStarts, node, index, block),
    find: (text) => {
      const found = text ? source.indexOf(text) : -1;
      return found === -1 ? undefined : at(found);
    },
  };
  return locator;
}

/**
 * Readers give positions of three kinds: Markdown and HTML fragments put offsets on text nodes;
 * saved pages keep them on blocks only (extraction rebuilds the inline content); plain text has
 * a line range on each paragraph and no offsets. Earlier plugins may have rewritten the text
 * (entities decoded, indents trimmed, marks converted), so the text is looked for in the source
 * rather than assumed to be it; failing that, the node's or the block's start is used.
 */
function textPoint(source: string, locator: SourceLocator, lineStarts: () => number[], node: Text, index: number, block?: Parents): Point | undefined {
  const own = node.position;
  if (own?.start.offset !== undefined && own.end.offset !== undefined) {
    const span = source.slice(own.start.offset, own.end.offset);
    if (span === node.value) return locator.at(own.start.offset + index);
    return findInSpan(locator, own.start.offset, span, node.value, index) ?? own.start;
  }
  const outer = block?.position;
  if (outer?.start.offset !== undefined && outer.end.offset !== undefined) {
    const span = source.slice(outer.start.offset, outer.end.offset);
    return findInSpan(locator, outer.start.offset, span, node.value, index) ?? outer.start;
  }
  const start = own?.start ?? outer?.start;
  if (!start) return undefined;
  return lineBased(locator, source, lineStarts(), start.line, node.value, index) ?? start;
}

/**
 * A snippet of the text around `index` (from the same text node, so no markup comes between),
 * looked for in the source span: the same occurrence as in the text. Context on both sides is
 * tried first, then on one side (a converted neighbour, a decoded entity), then the character.
 */
function findInSpan(locator: SourceLocator, spanStart: number, span: string, value: string, index: number): Point | undefined {
  for (const [left, right] of [[4, 4], [0, 4], [4, 0], [2, 2], [0, 2], [2, 0], [0, 0]] as const) {
    const from = Math.max(0, index - left);
    const snippet = value.slice(from, index + right + 1);
    if (!snippet.trim()) continue;
    const earlier = occurrences(value.slice(0, from + snippet.length - 1), snippet);
    let found = -1;
    for (let n = 0, at = span.indexOf(snippet); at !== -1; n++, at = span.indexOf(snippet, at + 1)) {
      found = at;
      if (n >= earlier) break;
    }
    if (found !== -1) return locator.at(spanStart + found + (index - from));
  }
  return undefined;
}

function occurrences(text: string, piece: string): number {
  let count = 0;
  for (let at = text.indexOf(piece); at !== -1; at = text.indexOf(piece, at + 1)) count++;
  return count;
}

/** Plain text: the paragraph's lines are the source lines from `firstLine` on, each trimmed. */
function lineBased(locator: SourceLocator, source: string, starts: number[], firstLine: number, value: string, index: number): Point | undefined {
  const before = value.slice(0, index);
  const lineInValue = before.split('\n').length - 1;
  const columnInValue = index - (before.lastIndexOf('\n') + 1);
  const valueLine = value.split('\n')[lineInValue] ?? '';
  const line = firstLine + lineInValue;
  const lineStart = starts[line - 1];
  if (lineStart === undefined) return undefined;
  const raw = source.slice(lineStart, starts[line] ?? source.length);
  const found = findInSpan(locator, lineStart, raw, valueLine, columnInValue);
  if (found) return found;
  // Not there as written: past the line's indent, as the reader trimmed it.
  const indent = /^[\s\u3000]*/u.exec(raw)?.[0].length ?? 0;
  return locator.at(lineStart + Math.min(indent + columnInValue, Math.max(raw.length - 1, 0)));
}
