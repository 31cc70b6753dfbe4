import type { Book } from '../book/model.js';
import { linkAcrossFiles } from './links.js';
import { adaptToWritingMode, type WritingModeOptions } from './writing-mode.js';

/**
 * A Book → Book pass a writer asks for (mdBook's preprocessors): the writer's registry entry
 * lists them (writers/index.ts), and the build and the preview both run exactly that list.
 */
export interface BookTransform {
  /** The pass and every setting it reads: equal keys, equal results for the same book. */
  key: string;
  /**
   * Each article comes out of the pass depending on that article and the book's metadata only,
   * so the pass may run on part of the book (the preview redoes only the articles that changed).
   */
  perArticle: boolean;
  apply(book: Book): Book;
}

export function applyTransforms(book: Book, transforms: readonly BookTransform[]): Book {
  return transforms.reduce((current, transform) => transform.apply(current), book);
}

/** Tate-chu-yoko, corner quotes and the bracket trims browsers miss (see writing-mode.ts). */
export function writingModeTransform(options: WritingModeOptions): BookTransform {
  return { key: `writing-mode ${JSON.stringify(options)}`, perArticle: true, apply: (book) => adaptToWritingMode(book, options) };
}

/** For a writer with one file per article: `#id` links into another article become `hrefFor(article, id)` (see links.ts). */
export function crossFileLinksTransform(name: string, hrefFor: (articleId: string, fragment: string | undefined) => string): BookTransform {
  return { key: `links-across-files ${name}`, perArticle: false, apply: (book) => linkAcrossFiles(book, hrefFor) };
}
