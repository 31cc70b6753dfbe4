import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Section } from '../book/model.js';
import { visit } from '../hast/visit.js';

/** The `h2`…`h6` of a body that have ids, for contents and bookmarks. */
export function collectSections(body: Root): Section[] {
  const sections: Section[] = [];
  visit(body, 'element', (node) => {
    const match = /^h([2-6])$/.exec(node.tagName);
    if (match && typeof node.properties.id === 'string') {
      sections.push({ id: node.properties.id, depth: Number(match[1]), title: toString(node).replace(/\s+/g, ' ').trim() });
    }
  });
  return sections;
}
