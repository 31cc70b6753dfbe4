import type { Root } from 'hast';
import type { Transformer } from 'unified';
import type { VFile } from 'vfile';
import { removeBlock, textBlocks, type TextBlock } from '../article-blocks.js';
import { parseCreditLine, type CreditLine } from '../credit-lines.js';

/** What the credit lines of an article say, for its metadata. */
export interface Credits {
  authors: string[];
  translators: string[];
  sources: string[];
  date?: string;
}

declare module 'vfile' {
  interface DataMap {
    /** Set by `rehype-lift-credits` for the article just run (a file may hold several). */
    credits: Credits;
  }
}

export type Options = {
  /** How many blocks at the start are looked at (default 5). */
  leading?: number;
  /** How many at the end (default 3). */
  trailing?: number;
};

/** Sources that name no one (`来源：网络`). */
const noSource = /^(?:网络|網絡|網路|互联网|互聯網|网友|網友|网友投稿|網友投稿|未知|不详|不詳)$/u;

/**
 * Credit lines (`作者 | 某某`, `文／某某`, `记者 某某`, `来源：某报`, `原标题：…`) at the start or
 * the very end of an article are taken out of the text into `file.data.credits`: authors,
 * translators, sources (and a date). Editors, photographers and the original title are dropped
 * (the book prints no staff list). Only whole blocks that are nothing but credits go; each is an
 * info message naming what it gave.
 */
export default function rehypeLiftCredits(options: Options = {}): Transformer<Root> {
  const leading = options.leading ?? 5;
  const trailing = options.trailing ?? 3;
  return (tree, file) => {
    const credits: Credits = { authors: [], translators: [], sources: [] };
    file.data.credits = credits;
    const blocks = textBlocks(tree);
    // Japanese credits keep a space inside a name; an article with kana is Japanese enough.
    const japanese = blocks.some((block) => block.text !== undefined && /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(block.text));
    const window = new Set([...blocks.slice(0, leading), ...blocks.slice(Math.max(leading, blocks.length - trailing))]);
    for (const block of window) {
      if (block.text === undefined) continue;
      const line = parseCreditLine(block.text, { japanese });
      if (!line) continue;
      removeBlock(block);
      record(credits, line);
      report(file, block, line);
    }
  };
}

function record(credits: Credits, line: CreditLine): void {
  for (const entry of line.entries) {
    const list = entry.role === 'author' ? credits.authors : entry.role === 'translator' ? credits.translators : entry.role === 'source' ? credits.sources : undefined;
    for (const name of entry.names) if (list && !list.includes(name) && !(entry.role === 'source' && noSource.test(name))) list.push(name);
  }
  if (line.date && !credits.date) credits.date = line.date;
}

const roleNames = { author: 'author', translator: 'translator', source: 'source', staff: 'not printed', 'original-title': 'original title, not printed' } as const;

function report(file: VFile, block: TextBlock, line: CreditLine): void {
  const what = line.entries.map((entry) => `${entry.label} → ${roleNames[entry.role]}: ${entry.names.join('、')}`).join('; ');
  file.info(`credit line taken into the article's metadata: "${block.text}" (${what})`, { place: block.element.position, ruleId: 'credits', source: 'wenji' });
}
