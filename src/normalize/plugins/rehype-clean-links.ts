import type { Root } from 'hast';
import type { Transformer } from 'unified';
import { visit } from 'unist-util-visit';
import { withoutTracking } from '../tracking-parameters.js';

export type Options = Record<string, never>;

/**
 * Links as a book needs them: tracking parameters (`utm_*`, `spm`, `fbclid`, `from=timeline`…)
 * are dropped from addresses, and a link left with nothing to go to (`javascript:`, an empty
 * `href`) becomes its text. Links between the book's articles are resolved later, for the whole
 * book (src/book/links.ts).
 */
export default function rehypeCleanLinks(_options: Options = {}): Transformer<Root> {
  return (tree) => {
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'a') return undefined;
      const href = node.properties.href;
      if (typeof href !== 'string') return undefined;
      const trimmed = href.trim();
      if (trimmed === '' || trimmed === '#' || /^(?:javascript|vbscript|data):/i.test(trimmed)) {
        delete node.properties.href;
        if (parent && index !== undefined && node.properties.id === undefined) {
          parent.children.splice(index, 1, ...node.children);
          return index;
        }
        return undefined;
      }
      node.properties.href = withoutTracking(trimmed);
      return undefined;
    });
  };
}
