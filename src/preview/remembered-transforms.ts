import type { Root } from 'hast';
import type { Article, Book } from '../book/model.js';
import { applyTransforms, type BookTransform } from '../transforms/index.js';

type Adapted = Pick<Article, 'title' | 'body' | 'sections'>;

/**
 * A writer's transforms, remembered per article between rebuilds: a cached article keeps its body
 * object, so the leading per-article passes run only on new bodies (the articles that changed);
 * passes that read the whole book run on all of it each time.
 */
export function rememberedTransforms() {
  const memo = new Map<string, WeakMap<Root, Adapted>>();
  return (book: Book, transforms: readonly BookTransform[]): Book => {
    const split = transforms.findIndex((transform) => !transform.perArticle);
    const perArticle = split === -1 ? transforms : transforms.slice(0, split);
    const rest = split === -1 ? [] : transforms.slice(split);
    const key = [...perArticle.map((transform) => transform.key), book.meta.language].join('\n');
    const known = memo.get(key) ?? new WeakMap<Root, Adapted>();
    memo.clear();
    memo.set(key, known);
    const missing = book.articles.filter((article) => !known.has(article.body));
    // Parts' pages (a title and a short preface each) are adapted on every rebuild.
    const fresh = applyTransforms({ ...book, articles: missing }, perArticle);
    missing.forEach((article, index) => {
      const { title, body, sections } = fresh.articles[index]!;
      known.set(article.body, { title, body, sections });
    });
    return applyTransforms({ ...book, parts: fresh.parts, articles: book.articles.map((article) => ({ ...article, ...known.get(article.body)! })) }, rest);
  };
}
