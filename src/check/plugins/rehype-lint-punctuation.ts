import type { Root } from 'hast';
import type { Transformer } from 'unified';
import { cjkLetter } from '../../normalize/cjk-characters.js';
import { visitProse } from '../../normalize/hast-tools.js';
import { pointInSource } from '../source-position.js';

export type Options = Record<string, never>;

const fullWidth: Record<string, string> = { ',': '，', '.': '。', '?': '？', '!': '！', ':': '：', ';': '；', '...': '……' };

/** ASCII , . ? ! : ; (or ...) with CJK letters on both sides, spaces allowed after it. */
const mixed = new RegExp(`(?<=[${cjkLetter}])(\\.{3,}|[,.?!:;])[ \\t]*(?=[${cjkLetter}])`, 'gu');

/**
 * Report-only: half-width punctuation inside Chinese or Japanese text (`我们,他们`), usually
 * the trace of an input method left in English mode. Code is not looked at.
 */
export default function rehypeLintPunctuation(_options?: Options): Transformer<Root> {
  return (tree, file) => {
    const source = String(file.value ?? '');
    visitProse(tree, (node) => {
      for (const match of node.value.matchAll(mixed)) {
        const mark = match[1]!;
        const wanted = fullWidth[mark.startsWith('...') ? '...' : mark] ?? mark;
        const context = node.value.slice(Math.max(0, match.index - 1), match.index + match[0].length + 1);
        file.message(`half-width "${mark}" between CJK characters in “${context}”: use the full-width “${wanted}”`, {
          place: pointInSource(source, node, match.index, match[0]),
          ruleId: 'halfwidth-punctuation',
          source: 'wenji',
        });
      }
    });
  };
}
