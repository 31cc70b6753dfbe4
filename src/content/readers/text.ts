import type { VFile } from 'vfile';
import { tallyFix } from '../../hast/fix-tally.js';
import { parseTextArticles } from '../parse-text.js';
import type { ParsedArticle, ReaderInput } from '../types.js';

/** Plain text: paragraphs by line, blank line or indent (see parse-text.ts); posts split by frames or on request. */
export function readText(file: VFile, { frontMatter, fileTitle, options }: ReaderInput): ParsedArticle[] {
  const text = String(file.value);
  countIndents(file, text, frontMatter?.lineCount ?? 0);
  return parseTextArticles(text, frontMatter, options.text ?? { paragraphs: 'auto', headings: false }).map((article) => {
    for (const note of article.notes) {
      const details = { ruleId: note.ruleId ?? 'text', source: 'wenji', place: { line: note.line ?? 1, column: 1 } };
      if (note.severity === 'error') file.message(note.message, details).fatal = true;
      else if (note.severity === 'warning') file.message(note.message, details);
      else file.info(note.message, details);
    }
    const parsed: ParsedArticle = { tree: article.tree, meta: article.meta, stated: article.meta, fallbackTitles: [fileTitle] };
    if (!article.meta.title) parsed.titleFrom = 'text';
    if (article.piece !== undefined) parsed.piece = article.piece;
    return parsed;
  });
}

/** The reader drops every line's indent; those made of full-width spaces (`　　正文`) are counted. */
function countIndents(file: VFile, text: string, skipLines: number): void {
  const indents = /^[ \t\u00A0]*\u3000[\s\u3000\u00A0]*\S/u;
  let first: number | undefined;
  let count = 0;
  for (const [index, line] of text.split(/\r\n|\r|\n/).entries()) {
    if (index < skipLines || !indents.test(line)) continue;
    first ??= index + 1;
    count++;
  }
  if (count) tallyFix(file, 'indent', Array.from({ length: count }, () => ''), () => ({ line: first!, column: 1 }));
}
