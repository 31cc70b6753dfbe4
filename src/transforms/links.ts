import { derivedDigest } from '../book/digest.js';
import path from 'node:path';
import type { Element, Root } from 'hast';
import type { Position } from 'unist';
import { withoutTracking } from '../normalize/tracking-parameters.js';
import { withoutArticleExtension } from '../content/readers.js';
import { asciiId } from '../hast/ascii-id.js';
import type { Article, Book } from '../book/model.js';
import { mapArticles, pagesAndArticles } from '../book/parts.js';

export interface LinkProblem {
  article: Article;
  message: string;
  place?: Position | undefined;
  /** Info (shown with --verbose) rather than a warning. */
  info?: boolean;
}

/**
 * Links between the book's articles, after every article is normalized: a link to another
 * article's file (`02-essay.md`, `./02-essay.html#part`, with or without extension) or to its
 * `url` becomes `#<id>` — the article's id, or the id the fragment became inside it. That neutral
 * form is right as it is in the PDF (one document); `linkAcrossFiles` maps it for the EPUB
 * (one document per article). A relative link to something outside the book is resolved
 * against the article's own `url` when it has one, and otherwise removed (its text stays).
 * Article bodies (and digests) are changed in place.
 */
export function linkArticles(articles: Article[]): LinkProblem[] {
  const problems: LinkProblem[] = [];
  const byPath = new Map<string, Article>();
  const byUrl = new Map<string, Article>();
  for (const article of articles) {
    const file = article.contentPath.toLowerCase();
    for (const key of [file, withoutArticleExtension(file)]) if (!byPath.has(key)) byPath.set(key, article);
    if (article.url) {
      const key = urlKey(article.url);
      if (key && !byUrl.has(key)) byUrl.set(key, article);
    }
  }
  const ids = new Map<Article, Set<string>>();
  const idsOf = (article: Article) => {
    let set = ids.get(article);
    if (!set) {
      set = collectIds(article.body);
      set.add(article.id);
      ids.set(article, set);
    }
    return set;
  };
  const target = (article: Article, fragment: string): string => {
    if (!fragment) return `#${article.id}`;
    const decoded = safeDecode(fragment);
    const known = idsOf(article);
    for (const candidate of [decoded, `${article.id}-${asciiId(decoded)}`]) if (known.has(candidate)) return `#${candidate}`;
    return `#${article.id}`;
  };

  for (const article of articles) {
    const rewrite = (node: Element) => {
      if (node.tagName !== 'a' || typeof node.properties.href !== 'string') return;
      const href = node.properties.href;
      if (href.startsWith('#')) return;
      const hash = href.indexOf('#');
      const fragment = hash === -1 ? '' : href.slice(hash + 1);
      if (/^https?:\/\//i.test(href) || href.startsWith('//')) {
        const other = byUrl.get(urlKey(href.startsWith('//') ? `https:${href}` : href) ?? '');
        if (other) node.properties.href = target(other, fragment);
        return;
      }
      if (/^[a-z][a-z\d+.-]*:/i.test(href)) return; // mailto: and the like
      const pathPart = (hash === -1 ? href : href.slice(0, hash)).replace(/\?.*$/, '');
      if (pathPart && !pathPart.startsWith('/')) {
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(article.contentPath), safeDecode(pathPart))).toLowerCase();
        const other = byPath.get(resolved) ?? byPath.get(withoutArticleExtension(resolved));
        if (other) {
          node.properties.href = target(other, fragment);
          return;
        }
      }
      if (article.url) {
        let absolute: string | undefined;
        try {
          absolute = withoutTracking(new URL(href, article.url).href);
        } catch {
          absolute = undefined;
        }
        if (absolute) {
          const other = byUrl.get(urlKey(absolute) ?? '');
          node.properties.href = other ? target(other, fragment) : absolute;
          return;
        }
      }
      delete node.properties.href;
      problems.push({ article, message: `link to "${href}" removed (its text is kept): it is not an article of this book and the article has no url to resolve it against`, place: node.position });
    };
    // What was rewritten depends on the other articles: it becomes part of the article's digest.
    const changes: unknown[] = [];
    eachElement(article.body, (node) => {
      const before = node.properties.href;
      rewrite(node);
      if (node.properties.href !== before) changes.push(before, node.properties.href ?? null);
    });
    if (changes.length && article.digest) article.digest = derivedDigest(article.digest, 'book-links', changes)!;
  }
  return problems;
}

/**
 * For writers that put every article in its own file (EPUB): a `#id` link into another article
 * becomes `hrefFor(articleId, id)`. Articles without such links are shared, not copied; the
 * input book is not changed.
 */
export function linkAcrossFiles(book: Book, hrefFor: (articleId: string, fragment: string | undefined) => string): Book {
  const owner = new Map<string, string>();
  // A part's page is a file of its own too (its id is no article's).
  for (const article of pagesAndArticles(book)) {
    owner.set(article.id, article.id);
    for (const id of collectIds(article.body)) if (!owner.has(id)) owner.set(id, article.id);
  }
  const foreign = (article: Article, href: unknown): boolean => {
    if (typeof href !== 'string' || !href.startsWith('#')) return false;
    const home = owner.get(href.slice(1));
    return home !== undefined && home !== article.id;
  };
  return mapArticles(book, (article) => {
    let needed = false;
    eachElement(article.body, (node) => {
      if (node.tagName === 'a' && foreign(article, node.properties.href)) needed = true;
    });
    if (!needed) return article;
    const body = structuredClone(article.body);
    const rewritten: string[] = [];
    eachElement(body, (node) => {
      if (node.tagName !== 'a' || !foreign(article, node.properties.href)) return;
      const id = String(node.properties.href).slice(1);
      const home = owner.get(id)!;
      node.properties.href = hrefFor(home, id === home ? undefined : id);
      rewritten.push(id, node.properties.href);
    });
    const { digest: _digest, ...rest } = article;
    const digest = derivedDigest(article.digest, 'links', rewritten);
    return { ...rest, body, ...(digest ? { digest } : {}) };
  });
}

function collectIds(body: Root): Set<string> {
  const ids = new Set<string>();
  eachElement(body, (node) => {
    if (typeof node.properties.id === 'string' && node.properties.id) ids.add(node.properties.id);
  });
  return ids;
}

/** Every element, in document order (a plain walk: these passes run over the whole book). */
function eachElement(tree: Root | Element, callback: (element: Element) => void): void {
  for (const child of tree.children) {
    if (child.type !== 'element') continue;
    callback(child);
    eachElement(child, callback);
  }
}

/** An address compared loosely: scheme, `www.`, case of the host, trailing slash, fragment and tracking parameters do not matter. */
function urlKey(href: string): string | undefined {
  try {
    const url = new URL(withoutTracking(href));
    url.hash = '';
    const host = url.host.toLowerCase().replace(/^www\./, '');
    const pathname = url.pathname.replace(/\/(?:index\.html?)?$/, '') || '/';
    return `${host}${pathname}${url.search}`;
  } catch {
    return undefined;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
