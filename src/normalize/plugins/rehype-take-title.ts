import type { Root } from 'hast';
import type { Position } from 'unist';
import type { Transformer } from 'unified';
import { removeBlock, textBlocks } from '../article-blocks.js';

/** The title `rehype-take-title` found. */
export interface TakenTitle {
  title: string;
  /** `heading`, `line`: a block said it (and was taken out); `derived`: made from the first paragraph, which stays. */
  from: 'heading' | 'line' | 'derived';
  /** The block it came from, as written (for the `derived-title` message). */
  line: string;
  place?: Position | undefined;
}

declare module 'vfile' {
  interface DataMap {
    /** Set by `rehype-take-title` for the article just run. */
    takenTitle: TakenTitle | undefined;
  }
}

export type Options = {
  /** Longest title taken from a line (default 40 characters; Latin lines may be 2.5× as long). */
  maxLength?: number;
  /**
   * The title, when the source states it: nothing is taken, but a first block saying exactly
   * that (a page's `<div class="headline">`, a text's first line) goes, since the writers print it.
   */
  known?: string | undefined;
};

/**
 * A plain-text article's title, decided once chrome and credit lines are gone: its first block
 * when that is a heading or a short title-like line (taken out of the text); otherwise the title
 * is derived from the first paragraph (its first sentence, at most `maxLength` characters), which
 * stays in the text. The result is `file.data.takenTitle`. With `known`, only a first block
 * repeating the known title is removed.
 */
export default function rehypeTakeTitle(options: Options = {}): Transformer<Root> {
  const maxLength = options.maxLength ?? 40;
  return (tree, file) => {
    file.data.takenTitle = undefined;
    const [first] = textBlocks(tree);
    if (!first || first.text === undefined) return;
    const text = first.text;
    if (options.known !== undefined) {
      if (same(text.replace(/^#{1,6}\s+/, ''), options.known)) removeBlock(first);
      return;
    }
    const stripped = text.replace(/^#{1,6}\s+/, '');
    const heading = /^h[1-6]$/.test(first.element.tagName);
    if ((heading && stripped.length <= maxLength * 2.5) || isTitleLike(stripped, maxLength)) {
      removeBlock(first);
      file.data.takenTitle = { title: stripped, from: heading ? 'heading' : 'line', line: text, place: first.element.position };
      return;
    }
    const derived = deriveTitle(stripped, maxLength);
    if (derived) file.data.takenTitle = { title: derived, from: 'derived', line: text, place: first.element.position };
  };
}

const same = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

const cjk = /[\u3040-\u30FF\u3400-\u9FFF\uF900-\uFAFF\uAC00-\uD7AF]/u;

/**
 * Short, one line, not a sentence: no comma or colon at its end, no full stop (a title ends
 * with nothing, `？`, `！` or `……`), no second sentence inside, not clause after clause.
 */
export function isTitleLike(text: string, maxLength = 40): boolean {
  if (!/[\p{L}\p{N}]/u.test(text)) return false;
  const limit = cjk.test(text) ? maxLength : maxLength * 2.5;
  if ([...text].length > limit) return false;
  if (/[，,、；;：:]$/u.test(text)) return false;
  // Clause after clause: a sentence, even one without its full stop.
  if ((text.match(/[，,；;]/gu)?.length ?? 0) >= 2 && [...text].length > 24) return false;
  if (/(?<![.…])[。.][”’」』"')）]*$/u.test(text)) return false;
  if (/[。！？!?](?=[”’」』"')）]*\s*[^\s”’」』"')）])/u.test(text) || /\.\s+\p{Lu}/u.test(text)) return false;
  return true;
}

/**
 * A title made from a paragraph: its first sentence (without the full stop) when short, else
 * its first clause (up to a comma) with `…`, else a cut with `…`; never over `maxLength`.
 * A contents page holds a short title on one line; a long one fills a column.
 */
export function deriveTitle(text: string, maxLength = 40): string | undefined {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(flat)) return undefined;
  let sentence = /^(.+?)(?:[。！？!?；;]|\.(?:\s|$)|$)/u.exec(flat)![1]!.trim();
  // A quoted sentence (a pull quote) loses its opening mark with its closing one.
  const pairs: Record<string, string> = { '“': '”', '「': '」', '『': '』', '"': '"', '‘': '’' };
  const close = pairs[sentence[0] ?? ''];
  if (close && !sentence.slice(1).includes(close)) sentence = sentence.slice(1).trim();
  const preferred = Math.min(maxLength, cjk.test(sentence) ? 24 : 40);
  const chars = [...sentence];
  if (chars.length <= preferred) return sentence.replace(/[，,、：:]+$/u, '') || undefined;
  const pause = chars.findIndex((char, index) => index >= 6 && /[，,、：:—]/u.test(char));
  if (pause !== -1 && pause < maxLength) return `${chars.slice(0, pause).join('').trim()}…`;
  const head = chars.slice(0, preferred - 1).join('');
  const space = head.lastIndexOf(' ');
  return `${(space >= 12 ? head.slice(0, space) : head).trim()}…`;
}
