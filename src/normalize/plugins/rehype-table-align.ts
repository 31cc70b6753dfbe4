import type { Root } from 'hast';
import type { Transformer } from 'unified';
import { visit } from '../../hast/visit.js';

export type Options = Record<string, never>;

const values = new Set(['left', 'center', 'right', 'justify']);

/**
 * `align` (which GFM writes on table cells) is not valid in EPUB 3 XHTML. It becomes a class,
 * `align-center`, that both stylesheets map to `text-align`.
 */
export default function rehypeTableAlign(_options: Options = {}): Transformer<Root> {
  return (tree) => {
    visit(tree, 'element', (node) => {
      const align = node.properties.align;
      if (align === undefined) return;
      delete node.properties.align;
      // Attribute values are not trimmed by parsers: ` Center ` still means center.
      const value = String(align).trim().toLowerCase();
      if (!values.has(value)) return;
      const classes = Array.isArray(node.properties.className) ? node.properties.className : [];
      const name = `align-${value}`;
      if (!classes.includes(name)) node.properties.className = [...classes, name];
    });
  };
}
