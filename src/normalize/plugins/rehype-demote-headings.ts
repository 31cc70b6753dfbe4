import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Transformer } from 'unified';
import { visit, SKIP } from '../../hast/visit.js';

export type Options = {
  /** The article title. A leading `h1` saying the same is removed: the writers print the title. */
  title: string;
};

const headingRank = (element: Element): number | undefined => {
  const match = /^h([1-6])$/.exec(element.tagName);
  return match ? Number(match[1]) : undefined;
};

const normalized = (text: string) => text.replace(/[\s\u3000]+/g, ' ').trim();

/**
 * Exactly one `h1` per article — its title, which the writers add — so the body keeps only
 * `h2`…`h6`. The ranks used in the body are renumbered in order from 2 without gaps
 * (`h1, h3` → `h2, h3`; `h2, h4` → `h2, h3`).
 */
export default function rehypeDemoteHeadings(options: Options): Transformer<Root> {
  return (tree) => {
    const headings: Element[] = [];
    visit(tree, 'element', (node) => {
      if (headingRank(node) !== undefined) headings.push(node);
    });
    const first = headings[0];
    if (first && headingRank(first) === 1 && normalized(toString(first)) === normalized(options.title)) {
      visit(tree, 'element', (node, index, parent) => {
        if (node === first && parent && index !== undefined) {
          parent.children.splice(index, 1);
          return [SKIP, index];
        }
        return undefined;
      });
      headings.shift();
    }
    const ranks = [...new Set(headings.map((heading) => headingRank(heading)!))].sort((a, b) => a - b);
    for (const heading of headings) {
      heading.tagName = `h${Math.min(6, 2 + ranks.indexOf(headingRank(heading)!))}`;
    }
  };
}
