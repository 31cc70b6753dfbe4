import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import type { Transformer } from 'unified';
import { visit, SKIP } from 'unist-util-visit';
import { isElement, isPhrasing } from '../hast-tools.js';

export type Options = {
  /** Heading of the notes block, in the book's language (注释, Notes…). */
  notesLabel: string;
  /** Accessible name of a note reference, e.g. n => `注释 ${n}`. */
  noteRefLabel: (n: string) => string;
  /** Accessible name of the link from a note back to the text. */
  backLabel: (n: string) => string;
};

/**
 * GFM footnotes (`<sup><a data-footnote-ref>` and `<section data-footnotes><ol><li>`) become
 * EPUB 3 notes: `a epub:type="noteref"` pointing at `aside epub:type="footnote"`, which reading
 * systems show as pop-ups. Each note starts with its number, linking back to the text.
 */
export default function rehypeEpubFootnotes(options: Options): Transformer<Root> {
  return (tree) => {
    const numbers = new Map<string, string>();
    visit(tree, 'element', (node) => {
      if (node.tagName !== 'a' || node.properties.dataFootnoteRef === undefined) return;
      const href = String(node.properties.href ?? '');
      const label = textOf(node);
      numbers.set(href.slice(1), label);
      node.properties = {
        href,
        id: node.properties.id,
        'epub:type': 'noteref',
        role: 'doc-noteref',
        ariaLabel: options.noteRefLabel(label),
        className: ['noteref'],
      };
    });

    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'section' || node.properties.dataFootnotes === undefined || !parent || index === undefined) return;
      const items: Element[] = [];
      visit(node, 'element', (item) => {
        if (item.tagName === 'li' && typeof item.properties.id === 'string') items.push(item);
      });
      const notes = items.map((item) => toAside(item, numbers.get(String(item.properties.id)) ?? String(items.indexOf(item) + 1), options));
      const section = h('section', { className: ['footnotes'], 'epub:type': 'footnotes' }, [h('p', { className: ['footnotes-title'] }, options.notesLabel), ...notes]);
      parent.children.splice(index, 1, section);
      return [SKIP, index + 1];
    });
  };
}

function toAside(item: Element, number: string, options: Options): Element {
  let backHref: string | undefined;
  const content = stripBackrefs(item.children, (href) => {
    backHref ??= href;
  });
  const blocks = content.some((child) => child.type === 'element' && !isPhrasing(child)) ? content : [h('p', content)];
  const firstParagraph = blocks.find((child): child is Element => isElement(child, 'p'));
  const marker = h('a', { href: backHref, role: 'doc-backlink', ariaLabel: options.backLabel(number), className: ['footnote-number'] }, number);
  if (firstParagraph) firstParagraph.children.unshift(marker, { type: 'text', value: ' ' });
  else blocks.unshift(h('p', [marker]));
  return h('aside', { id: item.properties.id, 'epub:type': 'footnote', role: 'doc-footnote', className: ['footnote'] }, blocks);
}

/** Removes GFM's ↩ back-references (and the space before them), reporting each target. */
function stripBackrefs(children: ElementContent[], found: (href: string) => void): ElementContent[] {
  const result: ElementContent[] = [];
  for (const child of children) {
    if (child.type === 'element' && child.tagName === 'a' && child.properties.dataFootnoteBackref !== undefined) {
      found(String(child.properties.href ?? ''));
      const previous = result.at(-1);
      if (previous?.type === 'text') previous.value = previous.value.replace(/\s+$/, '');
      continue;
    }
    if (child.type === 'element') child.children = stripBackrefs(child.children, found);
    if (child.type === 'text' && /^\s*$/.test(child.value) && result.length === 0) continue;
    result.push(child);
  }
  return result;
}

function textOf(node: Element): string {
  return node.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? textOf(child) : '')).join('');
}
