import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { isWhitespaceText, phrasing } from '../hast/hast-tools.js';

/** A block of text at the top level of an article, with the parent it sits in. */
export interface TextBlock {
  element: Element;
  parent: Root | Element;
  /** Its text, spaces collapsed. */
  text: string;
}

/**
 * A block of the article: a line of text, or (`text` undefined) something more — an image, a
 * table, a list, loose inline content — that is never a title or a credit line.
 */
export type ArticleBlock = TextBlock | { element: Element; parent: Root | Element; text?: undefined; loose?: true };

/** Wrappers a saved page puts around its paragraphs; blocks are looked for inside them. */
const wrappers = new Set(['div', 'section', 'article', 'main', 'header', 'footer']);
/** Blocks that can hold a title or a credit line. */
const candidates = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'center']);
/** Content that makes a block more than a line of text. */
const substantial = new Set(['img', 'picture', 'table', 'pre', 'code', 'figure', 'video', 'audio', 'svg', 'math', 'ul', 'ol', 'blockquote']);

/**
 * The article's blocks in reading order, descending into wrappers, skipping empty ones. Blocks
 * holding more than text (an image, a table, a list) are listed with `text` undefined, so that
 * callers see where they stand but never take them for a title or a credit line.
 */
export function textBlocks(tree: Root): ArticleBlock[] {
  const found: ArticleBlock[] = [];
  const walk = (parent: Root | Element) => {
    for (const child of parent.children) {
      if (child.type !== 'element') {
        // Loose text (a fragment's top level) is content, but not a block that can be taken out.
        if (child.type === 'text' && !isWhitespaceText(child)) found.push({ element: { type: 'element', tagName: 'span', properties: {}, children: [child] }, parent, loose: true });
        continue;
      }
      if (phrasing.has(child.tagName) && child.tagName !== 'img') {
        if (toString(child).trim()) found.push({ element: child, parent, loose: true });
        continue;
      }
      const blockChildren = child.children.some((node) => node.type === 'element' && !phrasing.has(node.tagName));
      if (wrappers.has(child.tagName) && blockChildren) {
        walk(child);
        continue;
      }
      const text = collapse(toString(child));
      const rich = child.tagName === 'img' || !candidates.has(child.tagName) || blockChildren || hasSubstance(child);
      if (!text && !rich) continue;
      found.push(rich ? { element: child, parent } : { element: child, parent, text });
    }
  };
  walk(tree);
  return found;
}

function hasSubstance(element: Element): boolean {
  return element.children.some((child) => child.type === 'element' && (substantial.has(child.tagName) || hasSubstance(child)));
}

export function collapse(text: string): string {
  return text.replace(/[\s\u00A0\u3000\u200B\uFEFF]+/g, ' ').trim();
}

export function removeBlock(block: { element: Element; parent: Root | Element }): void {
  const index = block.parent.children.indexOf(block.element);
  if (index !== -1) block.parent.children.splice(index, 1);
}
