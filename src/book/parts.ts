import type { Article, Book, Part } from './model.js';

/** One item of the book's reading order: an article outside any part, or a part with its articles. */
export type OutlineItem = { kind: 'article'; article: Article } | { kind: 'part'; part: Part; articles: Article[] };

/**
 * The book in reading order, parts with their articles nested: what a writer walks to set a
 * part's title page before its first article. A book without parts is its articles. Pure.
 */
export function bookOutline(book: Pick<Book, 'articles' | 'parts'>): OutlineItem[] {
  const partOf = new Map<string, Part>();
  for (const part of book.parts) for (const id of part.articleIds) partOf.set(id, part);
  const items: OutlineItem[] = [];
  for (const article of book.articles) {
    const part = partOf.get(article.id);
    const last = items.at(-1);
    if (!part) items.push({ kind: 'article', article });
    else if (last?.kind === 'part' && last.part === part) last.articles.push(article);
    else items.push({ kind: 'part', part, articles: [article] });
  }
  return items;
}

/** Part by the id of its first article: where a writer puts the part's title page. */
export function partsByFirstArticle(book: Pick<Book, 'parts'>): Map<string, Part> {
  return new Map(book.parts.map((part) => [part.articleIds[0]!, part]));
}

/**
 * A pass over articles applied to every article and to every part's page (its title and
 * preface), as the passes that adapt text (writing mode, links, notes) need. An article the pass
 * returns unchanged stays the same object; a book without parts keeps its (empty) parts.
 */
export function mapArticles(book: Book, pass: (article: Article) => Article): Book {
  return {
    ...book,
    articles: book.articles.map(pass),
    parts: book.parts.length ? book.parts.map((part) => ({ ...part, page: pass(part.page) })) : book.parts,
  };
}

/** Every article and every part's page: whatever holds text a writer sets. */
export function pagesAndArticles(book: Pick<Book, 'articles' | 'parts'>): Article[] {
  return book.parts.length ? [...book.parts.map((part) => part.page), ...book.articles] : book.articles;
}
