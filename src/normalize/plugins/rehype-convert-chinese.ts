import type { Root } from 'hast';
import type { Transformer } from 'unified';
import { visit } from '../../hast/visit.js';
import type { ChineseConverter } from '../chinese-conversion.js';
import { visitProse } from '../../hast/hast-tools.js';
import { isOtherLanguage } from '../../hast/prose-runs.js';

export type Options = {
  /** From `createChineseConverter` (one per build). */
  convert: ChineseConverter;
};

/**
 * Simplified ↔ traditional conversion (opencc) for a traditional-character edition, or back:
 * the prose text and the words a reader sees in attributes (`alt`, `title`). Code, `pre` and
 * elements in another language are left as written.
 */
export default function rehypeConvertChinese(options: Options): Transformer<Root> {
  return (tree) => {
    const skipped = new Set<unknown>();
    visit(tree, 'element', (node) => {
      if (isOtherLanguage(node)) skipped.add(node);
      for (const key of ['alt', 'title'] as const) {
        const value = node.properties[key];
        if (typeof value === 'string' && value) node.properties[key] = options.convert(value);
      }
    });
    visitProse(tree, (node, ancestors) => {
      if (skipped.size && ancestors.some((ancestor) => skipped.has(ancestor))) return;
      node.value = options.convert(node.value);
    });
  };
}
