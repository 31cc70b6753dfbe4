import type { Root } from 'hast';
import type { Transformer } from 'unified';
import { visit } from '../../hast/visit.js';
import { idReferences } from './rehype-scope-ids.js';

/**
 * The last normalization pass over links inside the article: a `#fragment` link, or an id
 * reference (`headers`, `aria-describedby`…), whose element an earlier pass removed (an empty
 * heading gone with whitespace cleaning, chrome, a repeated title) is dropped, so that no
 * fragment points at nothing (EPUBCheck RSC-012). It runs after every pass that removes
 * elements; `rehype-scope-ids` runs first and only renames.
 */
export default function rehypeDropDanglingRefs(): Transformer<Root> {
  return (tree) => {
    const ids = new Set<string>();
    visit(tree, 'element', (node) => {
      if (typeof node.properties.id === 'string') ids.add(node.properties.id);
    });
    visit(tree, 'element', (node) => {
      for (const key of idReferences) {
        const value = node.properties[key];
        if (!Array.isArray(value)) continue;
        const kept = value.map(String).filter((id) => ids.has(id));
        if (kept.length) node.properties[key] = kept;
        else delete node.properties[key];
      }
      const href = node.properties.href;
      if (node.tagName === 'a' && typeof href === 'string' && href.startsWith('#') && !ids.has(href.slice(1))) delete node.properties.href;
    });
  };
}
