import type { Element, ElementContent, Root } from 'hast';
import type { Transformer } from 'unified';
import { cjkLetter } from '../../locale/cjk-characters.js';
import { literalElements } from '../../hast/hast-tools.js';
import { isOtherLanguage } from '../../hast/prose-runs.js';

export type Options = Record<string, never>;

/** The elements the stylesheets give emphasis marks (着重号, 圏点). */
const emphasis = new Set(['em', 'i']);

/** A run of characters that carry no mark: anything but Han and kana, with at least one visible. */
const unmarked = new RegExp(`[^${cjkLetter}]*[^${cjkLetter}\\s][^${cjkLetter}]*`, 'gu');

export const noEmphasisClass = 'no-emphasis';

/**
 * Emphasis marks sit on ideographs and kana only, never on Latin letters, digits or punctuation
 * (clreq, "Emphasis marks"; jlreq §3.3.9; docs/typography.md). Inside `em` and `i`, every run of
 * other characters (`Hello`, `2024`, `，`) is wrapped in `<span class="no-emphasis">`, which the
 * stylesheets give `text-emphasis: none`: `*他说Hello，好*` is marked on 他说 and 好 alone.
 * Code and elements in another language (which the stylesheets set in italics) are left as
 * they are.
 */
export default function rehypeSkipEmphasisMarks(_options: Options = {}): Transformer<Root> {
  return (tree) => {
    walk(tree, false);
  };
}

function walk(parent: Root | Element, inEmphasis: boolean): void {
  const children: ElementContent[] = [];
  for (const child of parent.children as ElementContent[]) {
    if (child.type === 'element') {
      const skip = literalElements.has(child.tagName) || isOtherLanguage(child) || hasClass(child, noEmphasisClass);
      if (!skip) walk(child, inEmphasis || emphasis.has(child.tagName));
      children.push(child);
    } else if (child.type === 'text' && inEmphasis) children.push(...split(child.value));
    else children.push(child);
  }
  parent.children = children as typeof parent.children;
}

function split(text: string): ElementContent[] {
  const parts: ElementContent[] = [];
  let last = 0;
  for (const match of text.matchAll(unmarked)) {
    if (match.index > last) parts.push({ type: 'text', value: text.slice(last, match.index) });
    parts.push({ type: 'element', tagName: 'span', properties: { className: [noEmphasisClass] }, children: [{ type: 'text', value: match[0] }] });
    last = match.index + match[0].length;
  }
  if (last === 0) return [{ type: 'text', value: text }];
  if (last < text.length) parts.push({ type: 'text', value: text.slice(last) });
  return parts;
}

function hasClass(element: Element, name: string): boolean {
  const className = element.properties.className;
  return Array.isArray(className) && className.includes(name);
}
