import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { VFile } from 'vfile';

/**
 * How deep an article's elements may nest. Real articles stay far below (a saved page's main
 * block is some 20–40 levels down); thousands of nested `<b>` or `<div>` are damage or an
 * attack, and every recursive walk after parsing (sanitizing, the stages, the serializers, a
 * structured clone) would overflow the stack on them.
 */
export const maxDepth = 100;

/** Elements whose children must be particular elements: a flattened one becomes a `div` (a `span` if it is phrasing, as `ruby`). */
const structured = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'colgroup', 'ul', 'ol', 'menu', 'dl', 'ruby', 'picture', 'select', 'optgroup', 'hgroup', 'figure', 'audio', 'video', 'map']);

/** Kept where they stand when the elements around them are flattened. */
const voids = new Set(['img', 'br', 'wbr', 'hr']);

/**
 * Caps the tree's element depth at `limit` (without recursion, so any depth is fine): an element
 * at the limit keeps its text and images, in order, but none of the elements inside it. Returns
 * how many elements were dropped (0 for any real article).
 */
export function capDepth(tree: Root, limit = maxDepth): number {
  let dropped = 0;
  const stack: { node: Root | Element; depth: number }[] = [{ node: tree, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth >= limit && node.type === 'element') {
      if (!node.children.some((child) => child.type === 'element' && !voids.has(child.tagName))) continue;
      const flat = flatten(node.children);
      dropped += flat.dropped;
      node.children = flat.children;
      if (structured.has(node.tagName)) Object.assign(node, { tagName: inline.has(node.tagName) ? 'span' : 'div', properties: {} });
      continue;
    }
    for (const child of node.children) if (child.type === 'element') stack.push({ node: child, depth: depth + 1 });
  }
  return dropped;
}

/** The text, comments and void elements below `children`, in document order, iteratively. */
function flatten(children: ElementContent[]): { children: ElementContent[]; dropped: number } {
  const out: ElementContent[] = [];
  let dropped = 0;
  const pending: (RootContent | ElementContent)[] = [...children].reverse();
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type !== 'element') {
      if (node.type === 'text' || node.type === 'comment') out.push(node);
      continue;
    }
    if (voids.has(node.tagName)) {
      out.push(node);
      continue;
    }
    dropped++;
    // A block's end still ends a line of text: the words of two paragraphs do not run together.
    if (!inline.has(node.tagName)) pending.push({ type: 'text', value: ' ' });
    for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]!);
  }
  return { children: out, dropped };
}

const inline = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i', 'ins', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'font', 'big', 'tt', 'strike', 'nobr', 'rt', 'rp', 'ruby']);

/**
 * Caps `tree` and reports a flattened article on its file (once: a tree already capped drops
 * nothing). Returns whether anything was dropped.
 */
export function capDepthReported(tree: Root, file: VFile): boolean {
  const dropped = capDepth(tree);
  if (dropped === 0) return false;
  file.message(`the article nests elements more than ${maxDepth} levels deep; ${dropped} elements below that level were flattened (their text is kept, their formatting is not)`, {
    place: { line: 1, column: 1 },
    ruleId: 'deep-nesting',
    source: 'wenji',
  });
  return true;
}
