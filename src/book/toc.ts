import type { Book, TocEntry } from './model.js';

export interface TocOptions {
  /** 1: articles only; 2: articles and their `h2` sections. */
  depth: 1 | 2;
}

/** The book's table of contents, in reading order. Pure. */
export function buildToc(book: Book, options: TocOptions): TocEntry[] {
  return book.articles.map((article) => ({
    title: article.title,
    articleId: article.id,
    authors: article.authors,
    ...(article.language ? { language: article.language } : {}),
    children:
      options.depth < 2
        ? []
        : article.sections
            .filter((section) => section.depth === 2)
            .map((section) => ({ title: section.title, articleId: article.id, fragment: section.id, authors: [], children: [], ...(article.language ? { language: article.language } : {}) })),
  }));
}
