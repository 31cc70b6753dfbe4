import type { Root } from 'hast';
import type { Transformer } from 'unified';
import { visit } from '../../hast/visit.js';
import { visitProse } from '../../hast/hast-tools.js';
import { sourceLocator } from '../../hast/source-point.js';

export type Options = {
  /** Longest run of non-space Latin characters that is not reported (default 120). */
  maxWord?: number;
  /** Largest table, in cells, that is not reported (default 400). */
  maxCells?: number;
};

/**
 * Reports content that will not set well, without changing it: a very long unbroken string
 * (a pasted URL, base64, a line of symbols) that has to be broken at arbitrary points, and a
 * table too big for a page, which is split across pages.
 */
export default function rehypeWarnOversized(options: Options = {}): Transformer<Root> {
  const maxWord = options.maxWord ?? 120;
  const maxCells = options.maxCells ?? 400;
  const longWord = new RegExp(`[\\x21-\\x7E]{${maxWord + 1},}`);
  return (tree, file) => {
    let reported = false;
    visitProse(tree, (node, ancestors) => {
      if (reported) return;
      const match = longWord.exec(node.value);
      if (!match) return;
      reported = true;
      file.message(`a ${match[0].length}-character string without spaces (${match[0].slice(0, 24)}…) will be broken at arbitrary points`, {
        // Plain text has positions on its paragraphs only.
        place: (file.value === undefined ? undefined : sourceLocator(String(file.value)).text(node, match.index, ancestors.findLast((ancestor) => ancestor.position))) ?? node.position,
        ruleId: 'long-word',
        source: 'wenji',
      });
    });
    visit(tree, 'element', (node) => {
      if (node.tagName !== 'table') return;
      let cells = 0;
      visit(node, 'element', (cell) => {
        if (cell.tagName === 'td' || cell.tagName === 'th') cells++;
      });
      if (cells > maxCells) {
        file.message(`a table of ${cells} cells is larger than a page and will be split across pages`, { place: node.position, ruleId: 'large-table', source: 'wenji' });
      }
    });
  };
}
