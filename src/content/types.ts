import type { Root } from 'hast';
import type { ArticleMeta } from './front-matter.js';
import type { TextOptions } from './parse-text.js';

/** A source file read into a hast tree, before normalization: what every reader gives. */
export interface ParsedArticle {
  tree: Root;
  /** Metadata the file states (front matter, `<meta>`); the title is settled later. */
  meta: Partial<ArticleMeta>;
  /** Title candidates in order of trust, after the stated one: first h1, `<title>`, file name. */
  fallbackTitles: string[];
  /**
   * What front matter states (a subset of `meta`): it wins over credit lines found in the text,
   * which in turn win over what a page's `<meta>` says.
   */
  stated?: Partial<ArticleMeta>;
  /** `text`: without a stated title, the title is the text's first line once chrome is removed. */
  titleFrom?: 'text';
  /** 1-based number of the post in a file holding several (book.yaml `articles: { "dump.txt#2": … }`). */
  piece?: number;
}

export interface ParseOptions {
  language: string;
  /** Narrow saved web pages to their main article (book.yaml `extract`; an article may override). */
  extract?: boolean;
  /** Plain-text reading (book.yaml `text`). */
  text?: TextOptions;
}

/** A file a reader cannot read (invalid front matter, no reader for it): reported on the file, the other articles still build. */
export class ParseError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly ruleId = 'parse',
  ) {
    super(message);
  }
}
