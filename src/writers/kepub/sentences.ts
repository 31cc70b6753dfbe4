/** Marks that end a sentence: Latin ones end it only before a space (`e.g.`, `3.14` do not). */
const latinEnds = new Set(['.', '!', '?']);
/** Chinese and Japanese ones end it where they stand: CJK text has no space between sentences. */
const cjkEnds = new Set(['。', '！', '？', '…', '⋯', '‼', '⁇', '⁈', '⁉']);
/** What may close a sentence after its mark: quotes and brackets, Latin and CJK. */
const closers = new Set(['"', "'", '”', '’', '“', ')', ']', '」', '』', '）', '》', '〉', '】', '〕', '］', '｝', '〗', '〙']);
const isSpace = (char: string) => /\s/u.test(char);

/**
 * Text cut into sentences for Kobo's spans, each keeping the spaces after it, so that the pieces
 * put together are the text. A Latin sentence ends at `.` `!` `?` (and the quotes and brackets
 * after them) followed by a space, as kepubify cuts it; a Chinese or Japanese one at 。！？ or
 * an ellipsis (and what closes after them: `。」`, `？”`), space or none. Text without an end is
 * one piece; no piece is empty.
 */
export function splitSentences(text: string): string[] {
  // Every mark, closer and space is one UTF-16 unit, so the text is walked by units.
  const pieces: string[] = [];
  let start = 0;
  let index = 0;
  while (index < text.length) {
    if (!latinEnds.has(text[index]!) && !cjkEnds.has(text[index]!)) {
      index++;
      continue;
    }
    // The run of marks and closers (`?!`, `。」`, `……`), then the spaces after it.
    let end = index;
    let cjk = false;
    while (end < text.length && (latinEnds.has(text[end]!) || cjkEnds.has(text[end]!) || closers.has(text[end]!))) {
      if (cjkEnds.has(text[end]!)) cjk = true;
      end++;
    }
    let after = end;
    while (after < text.length && isSpace(text[after]!)) after++;
    if ((cjk || after > end) && after < text.length) {
      pieces.push(text.slice(start, after));
      start = after;
    }
    index = after;
  }
  if (start < text.length) pieces.push(text.slice(start));
  return pieces;
}
