import type { Article, ArticleTocEntry, Book, TocEntry } from './model.js';
import { bookOutline } from './parts.js';

export interface TocOptions {
  /** 1: articles only; 2: articles and their `h2` sections. */
  depth: 1 | 2;
}

/** The book's table of contents, in reading order: a part's articles nested below it. Pure. */
export function buildToc(book: Book, options: TocOptions): TocEntry[] {
  return bookOutline(book).map((item): TocEntry => {
    if (item.kind === 'article') return articleEntry(item.article, options);
    const { page } = item.part;
    return { kind: 'part', title: page.title, partId: item.part.id, ...(page.language ? { language: page.language } : {}), children: item.articles.map((article) => articleEntry(article, options)) };
  });
}

function articleEntry(article: Article, options: TocOptions): ArticleTocEntry {
  const language = article.language ? { language: article.language } : {};
  return {
    kind: 'article',
    title: article.title,
    articleId: article.id,
    authors: article.authors,
    ...language,
    children:
      options.depth < 2
        ? []
        : article.sections
            .filter((section) => section.depth === 2)
            .map((section) => ({ kind: 'article', title: section.title, articleId: article.id, fragment: section.id, authors: [], children: [], ...language })),
  };
}
