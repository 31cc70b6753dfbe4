import type { Article, Part, TocEntry } from '../../book/model.js';

/** File name of an article's content document inside the EPUB (its first, when it is split). */
export const articleHref = (article: Pick<Article, 'id'>) => `${article.id}.xhtml`;
/**
 * File name of part `n` of an article split into several documents. Article ids are made of
 * `a-z`, digits and `-` (articleIdFor), so `_` never makes the name of another article's file.
 */
export const articlePartHref = (article: Pick<Article, 'id'>, n: number) => (n === 1 ? articleHref(article) : `${article.id}_${n}.xhtml`);
/** A part's title page: named by the part's id, which no article has. */
export const partHref = (part: Pick<Part, 'id'>) => `${part.id}.xhtml`;
export const tocHref = (entry: TocEntry) => (entry.kind === 'part' ? partHref({ id: entry.partId }) : `${entry.articleId}.xhtml${entry.fragment ? `#${entry.fragment}` : ''}`);
