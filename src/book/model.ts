import type { Root } from 'hast';

/** An image packaged with the book. */
export interface ImageAsset {
  /** Path inside the book, derived from the bytes: `images/<sha256-prefix>.<ext>`. */
  href: string;
  mediaType: string;
  data: Uint8Array;
  width?: number;
  height?: number;
  /** Where it came from (a path relative to the content folder, or `data:`). */
  source: string;
}

/** A heading inside an article, for tables of contents and bookmarks. */
export interface Section {
  id: string;
  /** 2 for `h2`, 3 for `h3`… */
  depth: number;
  title: string;
}

/** One normalized article: metadata plus a hast body that starts below its title. */
export interface Article {
  /** Unique in the book, ASCII, derived from the file name; prefixes every id inside. */
  id: string;
  /** Path shown in messages (relative to the working directory). */
  file: string;
  /** Path relative to the content folder. */
  contentPath: string;
  title: string;
  authors: string[];
  translators: string[];
  source?: string;
  url?: string;
  date?: string;
  tags: string[];
  /** BCP 47 tag when the article's language differs from the book's. */
  language?: string;
  /** Body without the title: `h2`…`h6`, paragraphs, figures, notes. */
  body: Root;
  sections: Section[];
  images: ImageAsset[];
  /** Characters of text, for reports. */
  length: number;
  /**
   * Names this exact article (source, settings, code, id) when the build cache is on; writers key
   * their own caches with it. Whatever changes the article must change or drop the digest.
   */
  digest?: string;
}

export interface BookMeta {
  title: string;
  subtitle?: string;
  authors: string[];
  editors: string[];
  language: string;
  /** Stable: from config, else derived from title, authors and language. */
  identifier: string;
  /** Publication date as written in config (YYYY, YYYY-MM or YYYY-MM-DD). */
  date?: string;
  /** ISO 8601 UTC timestamp, seconds precision: config date or SOURCE_DATE_EPOCH or now. */
  modified: string;
  publisher?: string;
  description: string;
  /** Absolute path of the cover image given in config. */
  cover?: string;
  /** Output file name without extension. */
  slug: string;
}

/**
 * A part (辑) of an anthology: a run of consecutive articles under a title, from a folder of
 * content/ or a grouped `order` in book.yaml. A book without parts has none.
 */
export interface Part {
  /** Unique in the book, ASCII (`part-1`, `part-2`… in reading order); no article has it. */
  id: string;
  /**
   * The part's title page as an article: its id is the part's, its title the part's title, its
   * body the preface (empty without one). Being an article, it goes through every pass that
   * adapts articles' text (typography, links, notes) as it is.
   */
  page: Article;
  /** Its articles' ids, in reading order: consecutive in `Book.articles`, never empty. */
  articleIds: string[];
}

export interface Book {
  meta: BookMeta;
  /** Every article, in reading order (those of a part consecutive). */
  articles: Article[];
  /** The parts, in reading order; empty when the book has none. */
  parts: Part[];
  /** Every image used, once (deduplicated by content). */
  images: ImageAsset[];
}

/** An entry of a table of contents: an article with its sections nested below, or a part with its articles. */
export type TocEntry = ArticleTocEntry | PartTocEntry;

export interface ArticleTocEntry {
  kind: 'article';
  title: string;
  /** The article's id. */
  articleId: string;
  /** Anchor inside the article, undefined for the article itself. */
  fragment?: string;
  authors: string[];
  children: ArticleTocEntry[];
  /** The article's own language, when it has one (its entry is marked with it). */
  language?: string;
}

export interface PartTocEntry {
  kind: 'part';
  title: string;
  /** The part's id (its page's). */
  partId: string;
  /** Its articles. */
  children: ArticleTocEntry[];
  /** The part page's own language, when it has one. */
  language?: string;
}
