import type { Root } from 'hast';
import type { VFile } from 'vfile';
import type { ArticleMeta, FrontMatter } from './front-matter.js';
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

/** What a reader is given besides the file: front matter already read, the file-name title, the book's settings. */
export interface ReaderInput {
  frontMatter: FrontMatter | undefined;
  /** The last title candidate: the file name without its numeric prefix. */
  fileTitle: string;
  options: ParseOptions;
}

/**
 * One source format (pandoc's readers table): the files it reads, how their bytes are taken,
 * and its parser, loaded on first use (a book of Markdown never loads the HTML parser). Adding a
 * format is one entry here and its parser module in readers/; a file no entry claims is not read.
 */
export interface Reader {
  /** The format's name, kept on each file (`file.data.format`) and in cache keys. */
  format: string;
  /** File extensions, lower case with their dot; the first names a file saved in this format. */
  extensions: readonly string[];
  /** Media types a web server sends the format as (`wenji add`). */
  mediaTypes: readonly string[];
  /**
   * `text`: decoded into `file.value` (byte-order mark, declared charset, detection; a file no
   * encoding reads cleanly is reported); `binary`: `file.value` holds the bytes.
   */
  encoding: 'text' | 'binary';
  /** The format declares its charset inside (`<meta charset>`), which decoding reads. */
  declaresCharset?: boolean;
  /** YAML front matter: read at the top of every file (`always`) or only when the file starts with `---` (`marked`). */
  frontMatter: 'always' | 'marked' | 'never';
  /** Source → hast trees, one per article the file holds (a text dump may hold several). */
  read(file: VFile, input: ReaderInput): Promise<ParsedArticle[]>;
}
