import type { Point } from 'unist';
import type { Text } from 'hast';

/**
 * Where a piece of a text node is in the source. Exact when the node's text is the source
 * verbatim; else the piece is looked for inside the node's span; else the node's start.
 */
export function pointInSource(source: string, node: Text, index: number, piece: string): Point | undefined {
  const start = node.position?.start;
  const end = node.position?.end;
  if (!start) return undefined;
  if (start.offset === undefined || end?.offset === undefined) return start;
  const span = source.slice(start.offset, end.offset);
  if (span === node.value) return pointAt(source, start.offset + index);
  const found = span.indexOf(piece);
  return found === -1 ? start : pointAt(source, start.offset + found);
}

/** Line and column (1-based) of an offset, counting UTF-16 units as unist does. */
export function pointAt(source: string, offset: number): Point {
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1, offset };
}
