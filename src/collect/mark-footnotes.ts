import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from '../hast/visit.js';
import { percentDecoded } from './percent-decoded.js';

const noteMark = /^[[(（［]?(?:\d{1,3}|[一二三四五六七八九十]{1,3}|[*†‡§]{1,3}|[a-z])[\])）］]?$/u;
const notesHeading = /^(?:注释?|註釋?|注解|註解|脚注|腳註|尾注|尾註|附注|附註|注記|Notes?|Footnotes?|Endnotes?)[:：]?$/iu;

/**
 * Footnotes as web pages write them without GFM's markup — a small mark linking to a list item
 * at the end (`<sup><a href="#note-1">1</a></sup>` … `<ol><li id="note-1">…`), as pandoc,
 * WordPress and most blog engines do — are marked up as GFM footnotes (`a[data-footnote-ref]`,
 * `section[data-footnotes]`), which become Markdown footnotes in the written file and pop-up
 * notes in the book. A list counts only when every item with an id is pointed to by such a mark
 * from before the list. Back links in the notes and a "Notes" heading over the list go (the book
 * prints its own). Returns the number of notes.
 */
export function markFootnotes(tree: Root): number {
  if (hasGfmFootnotes(tree)) return 0;
  const ids = new Map<string, { element: Element; parent: Element | Root; order: number }>();
  const refs: { link: Element; target: string; order: number }[] = [];
  let order = 0;
  visit(tree, 'element', (node, _index, parent) => {
    order++;
    const id = typeof node.properties.id === 'string' ? node.properties.id : '';
    if (id && parent && !ids.has(id)) ids.set(id, { element: node, parent, order });
    const href = node.properties.href;
    if (node.tagName === 'a' && typeof href === 'string' && href.length > 1 && href.startsWith('#') && isNoteMark(node, parent)) refs.push({ link: node, target: percentDecoded(href.slice(1)), order });
  });
  const lists = new Map<Element, Element[]>();
  for (const ref of refs) {
    const target = ids.get(ref.target);
    if (!target || target.element.tagName !== 'li' || target.order < ref.order || target.parent.type !== 'element' || !['ol', 'ul'].includes(target.parent.tagName)) continue;
    lists.set(target.parent, [...(lists.get(target.parent) ?? []), ref.link]);
  }
  let notes = 0;
  for (const [list, links] of lists) {
    const items = list.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'li');
    const pointed = new Set(links.map((link) => percentDecoded(String(link.properties.href).slice(1))));
    if (!items.length || !items.every((item) => typeof item.properties.id === 'string' && pointed.has(item.properties.id))) continue;
    const refIds = new Set(links.map((link) => String(link.properties.id ?? '')).filter(Boolean));
    for (const item of items) markBackLinks(item, refIds);
    for (const link of links) link.properties = { href: link.properties.href, dataFootnoteRef: '', ...(link.properties.id ? { id: link.properties.id } : {}) };
    replaceList(tree, list);
    notes += items.length;
  }
  return notes;
}

function hasGfmFootnotes(tree: Root): boolean {
  let found = false;
  visit(tree, 'element', (node) => {
    if (node.properties.dataFootnotes !== undefined || node.properties.dataFootnoteRef !== undefined) found = true;
    return found ? false : undefined;
  });
  return found;
}

/** A link that reads as a note mark: `1`, `[2]`, `*`, in or around a `sup`, or marked as a note reference. */
function isNoteMark(link: Element, parent: Element | Root | undefined): boolean {
  const role = String(link.properties.role ?? '');
  const classes = Array.isArray(link.properties.className) ? link.properties.className.join(' ') : String(link.properties.className ?? '');
  if (/noteref/.test(role) || /footnote-?ref|fnref|noteref/i.test(classes)) return true;
  if (!noteMark.test(toString(link).trim())) return false;
  const inSup = parent?.type === 'element' && parent.tagName === 'sup';
  const holdsSup = link.children.some((child) => child.type === 'element' && child.tagName === 'sup');
  return inSup || holdsSup;
}

/** Links in a note back to its mark (`↩`, `^`) are marked as GFM back references, which the writer drops. */
function markBackLinks(item: Element, refIds: Set<string>): void {
  visit(item, 'element', (node) => {
    const href = node.properties.href;
    if (node.tagName === 'a' && typeof href === 'string' && href.startsWith('#') && (refIds.has(percentDecoded(href.slice(1))) || /^[↩↑^⤴︎\s]+$/u.test(toString(node)))) {
      node.properties = { href, dataFootnoteBackref: '' };
    }
  });
}

/**
 * The list becomes `section[data-footnotes] > ol`; a wrapper holding nothing else (a "Notes"
 * heading, a rule) is replaced with it.
 */
function replaceList(tree: Root, list: Element): void {
  const section: Element = { type: 'element', tagName: 'section', properties: { dataFootnotes: '' }, children: [{ ...list, tagName: 'ol', properties: {} }] };
  let done = false;
  visit(tree, 'element', (node, index, parent) => {
    if (done || node !== list || !parent || index === undefined) return undefined;
    done = true;
    parent.children.splice(index, 1, section);
    // A heading saying "Notes" and a rule just before the list belong to it.
    for (let before = index - 1; before >= 0; before--) {
      const sibling = parent.children[before]!;
      if (sibling.type === 'text' && sibling.value.trim() === '') continue;
      if (sibling.type !== 'element' || !(sibling.tagName === 'hr' || (/^(?:h[1-6]|p)$/.test(sibling.tagName) && notesHeading.test(toString(sibling).trim())))) break;
      parent.children.splice(before, 1);
    }
    return false;
  });
}
