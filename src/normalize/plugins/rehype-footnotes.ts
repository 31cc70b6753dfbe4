import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import type { Transformer } from 'unified';
import { visit, SKIP } from '../../hast/visit.js';
import { isElement, isPhrasing } from '../../hast/hast-tools.js';

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
 * notes every writer sets the same way: `a.noteref` (role `doc-noteref`) pointing at
 * `aside.footnote` (role `doc-footnote`) in a `section.footnotes`, each note starting with its
 * number, which links back to the text. The PDF prints them at the article's end; the EPUB
 * writer adds the types reading systems pop notes up by (writers/epub/note-types.ts).
 *
 * Readers that pop notes up hide every footnote aside from the text (foliate, Apple Books;
 * KOReader moves them to the foot of the page that refers to them), so a heading standing before
 * the notes would be left alone at the end of the article. The heading is therefore an aside of
 * the same kind, referred to by nothing: hidden with the notes where they are hidden, shown above
 * them where they are shown (calibre's viewer, Kindle after conversion, the PDF). Screen readers
 * skip it (`aria-hidden`) and hear the section's label instead.
 */
export default function rehypeFootnotes(options: Options): Transformer<Root> {
  return (tree) => {
    const noteIds = new Set<string>();
    visit(tree, 'element', (node) => {
      if (node.tagName !== 'section' || node.properties.dataFootnotes === undefined) return;
      for (const item of footnoteItems(node)) noteIds.add(String(item.properties.id));
    });

    const numbers = new Map<string, string>();
    /** The first reference to each note: where its number leads back to when GFM gave no backref. */
    const firstRefs = new Map<string, string>();
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'a' || node.properties.dataFootnoteRef === undefined) return undefined;
      const href = typeof node.properties.href === 'string' ? node.properties.href : '';
      const target = href.startsWith('#') ? href.slice(1) : '';
      if (!noteIds.has(target)) {
        // A reference to a note the article does not have: keep its text, not a dead link.
        if (!parent || index === undefined) return undefined;
        parent.children.splice(index, 1, ...node.children);
        return [SKIP, index];
      }
      const label = textOf(node);
      if (!numbers.has(target)) numbers.set(target, label);
      const id = typeof node.properties.id === 'string' && node.properties.id ? node.properties.id : undefined;
      if (id && !firstRefs.has(target)) firstRefs.set(target, id);
      node.properties = {
        href,
        ...(id ? { id } : {}),
        role: 'doc-noteref',
        ariaLabel: options.noteRefLabel(label),
        className: ['noteref'],
      };
      return undefined;
    });

    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'section' || node.properties.dataFootnotes === undefined || !parent || index === undefined) return undefined;
      const items = footnoteItems(node);
      const notes = items.map((item, position) => {
        const id = String(item.properties.id);
        const back = firstRefs.get(id);
        return toAside(item, numbers.get(id) ?? String(position + 1), back ? `#${back}` : undefined, options);
      });
      const section = h('section', { className: ['footnotes'], ariaLabel: options.notesLabel }, [notesHeading(options.notesLabel), ...notes]);
      parent.children.splice(index, 1, section);
      return [SKIP, index + 1];
    });
  };
}

function notesHeading(label: string): Element {
  return h('aside', { className: ['footnotes-heading'], role: 'doc-footnote', ariaHidden: 'true' }, [h('p', { className: ['footnotes-title'] }, label)]);
}

/** The notes of a GFM footnotes section: list items with ids (not lists nested inside a note). */
function footnoteItems(section: Element): Element[] {
  const items: Element[] = [];
  visit(section, 'element', (item) => {
    if (item.tagName === 'li' && typeof item.properties.id === 'string' && item.properties.id) {
      items.push(item);
      return SKIP;
    }
    return undefined;
  });
  return items;
}

function toAside(item: Element, number: string, fallbackHref: string | undefined, options: Options): Element {
  let backHref: string | undefined;
  const content = stripBackrefs(item.children, (href) => {
    backHref ??= href;
  });
  const blocks = content.some((child) => child.type === 'element' && !isPhrasing(child)) ? content : [h('p', content)];
  // The number goes first: into the note's first block if that is a paragraph, else a paragraph of its own.
  const firstBlock = blocks.find((child) => child.type === 'element');
  const firstParagraph = isElement(firstBlock, 'p') ? firstBlock : undefined;
  const href = backHref || fallbackHref;
  const marker = h('a', { ...(href ? { href } : {}), role: 'doc-backlink', ariaLabel: options.backLabel(number), className: ['footnote-number'] }, number);
  if (firstParagraph) firstParagraph.children.unshift(marker, { type: 'text', value: ' ' });
  else blocks.unshift(h('p', [marker]));
  return h('aside', { id: item.properties.id, role: 'doc-footnote', className: ['footnote'] }, blocks);
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
