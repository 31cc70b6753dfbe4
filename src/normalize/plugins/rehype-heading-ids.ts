import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Transformer } from 'unified';
import { visit } from '../../hast/visit.js';
import { asciiId } from '../../hast/ascii-id.js';

export type Options = {
  /** The article's id, which starts every heading id so ids are unique across the book. */
  prefix: string;
};

/**
 * Every heading gets an id derived from its text: `prefix-slug` for headings with Latin
 * letters or digits, `prefix-s<n>` (n = its position among the article's headings) for
 * headings in CJK only. No randomness: the same article always gets the same ids.
 */
export default function rehypeHeadingIds(options: Options): Transformer<Root> {
  return (tree) => {
    const used = new Set<string>();
    visit(tree, 'element', (node) => {
      if (typeof node.properties.id === 'string') used.add(node.properties.id);
    });
    let position = 0;
    visit(tree, 'element', (node) => {
      if (!/^h[1-6]$/.test(node.tagName)) return;
      position++;
      if (typeof node.properties.id === 'string' && node.properties.id) return;
      const slug = asciiId(toString(node)).slice(0, 48).replace(/-+$/, '');
      const base = `${options.prefix}-${/[a-z0-9]/.test(slug) ? slug : `s${position}`}`;
      let id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      node.properties.id = id;
    });
  };
}
