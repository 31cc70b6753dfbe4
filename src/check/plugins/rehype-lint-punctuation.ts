import type { Root } from 'hast';
import type { Transformer } from 'unified';
import { cjkLetter } from '../../locale/cjk-characters.js';
import { addressRanges, inRanges, isProseAt, proseRuns } from '../../hast/prose-runs.js';
import { runPoint } from '../../hast/fix-tally.js';

export type Options = {
  /** The article's language: Japanese writes 、 for a comma. */
  language?: string;
};

const fullWidth: Record<string, string> = { ',': '，', '.': '。', '?': '？', '!': '！', ':': '：', ';': '；', '...': '……' };
const japanese: Record<string, string> = { ...fullWidth, ',': '、' };

/** ASCII , . ? ! : ; (or ...) with CJK letters on both sides, spaces allowed after it. */
const mixed = new RegExp(`(?<=[${cjkLetter}])(\\.{3,}|[,.?!:;])[ \\t]*(?=[${cjkLetter}])`, 'gu');

/**
 * Report-only: half-width punctuation inside Chinese or Japanese text (`我们,他们`), usually
 * the trace of an input method left in English mode. `wenji check` runs it on the text as the
 * build leaves it, so it reports only the marks the build does not fix by itself (Japanese text,
 * `typography.punctuation: false`). Code, addresses and Markdown-looking leftovers are not looked at.
 * The message names the mark only, so that repeats fold into one line.
 */
export default function rehypeLintPunctuation(options: Options = {}): Transformer<Root> {
  const marks = /^ja\b/i.test(options.language ?? '') ? japanese : fullWidth;
  return (tree, file) => {
    for (const run of proseRuns(tree)) {
      const addresses = addressRanges(run.text);
      for (const match of run.text.matchAll(mixed)) {
        if (!isProseAt(run, match.index) || inRanges(addresses, match.index)) continue;
        const mark = match[1]!;
        const wanted = marks[mark.startsWith('...') ? '...' : mark] ?? mark;
        file.message(`half-width "${mark}" between CJK characters, which the build leaves as it is: type the full-width “${wanted}”`, {
          place: runPoint(file, run, match.index),
          ruleId: 'halfwidth-punctuation',
          source: 'wenji',
        });
      }
    }
  };
}
