import type { Element, ElementContent, Nodes, Parents, Root, Text } from 'hast';

/** Elements whose text is literal: no typographic rewriting happens inside them. */
export const literalElements = new Set(['pre', 'code', 'kbd', 'samp', 'var', 'tt', 'script', 'style', 'textarea', 'math', 'svg']);

/** Elements that hold running text directly (paragraph-level blocks). */
export const textBlocks = new Set(['p', 'li', 'dt', 'dd', 'td', 'th', 'caption', 'figcaption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'div', 'summary']);

/** Phrasing (inline) elements, after sanitization. */
export const phrasing = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'del', 'dfn', 'em', 'i', 'img', 'ins', 'kbd', 'mark', 'q', 'rp', 'rt', 'ruby', 's',
  'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr',
]);

export function isElement(node: Nodes | undefined, ...names: string[]): node is Element {
  return node?.type === 'element' && (names.length === 0 || names.includes(node.tagName));
}

export function isPhrasing(node: ElementContent): boolean {
  return node.type === 'text' || node.type === 'comment' || (node.type === 'element' && phrasing.has(node.tagName));
}

/** Text that shows nothing: spaces, `&nbsp;`, full-width spaces, zero-width spaces. */
export function isWhitespaceText(node: ElementContent): node is Text {
  return node.type === 'text' && /^[\s\u00A0\u3000\u200B]*$/.test(node.value);
}

/**
 * Visit every text node that is not inside a literal element (code, pre…), with its ancestors.
 * The callback may replace `node.value`.
 */
export function visitProse(tree: Root | Element, callback: (node: Text, ancestors: Parents[]) => void): void {
  const walk = (parent: Parents, ancestors: Parents[]) => {
    for (const child of parent.children) {
      if (child.type === 'text') callback(child, [...ancestors, parent]);
      else if (child.type === 'element' && !literalElements.has(child.tagName)) walk(child, [...ancestors, parent]);
    }
  };
  walk(tree, []);
}
