import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { labelsFor, type Labels } from '../../locale/labels.js';
import type { Book } from '../../book/model.js';
import { pagesAndArticles } from '../../book/parts.js';
import { faceFor } from '../../locale/cjk-locale.js';
import { collectBookText, type FaceTexts } from '../fonts/book-text.js';

/**
 * Every character the printed book can show, per face and weight (for the font subsets): the
 * articles and parts' title pages as they are set, in their languages (titles bold), and the
 * cover, contents, running heads and colophon texts in the book's.
 */
export function bookText(book: Book, labels: Labels): FaceTexts {
  const { meta } = book;
  const front: ElementContent[] = [
    h('h1', [meta.title, labels.contents, labels.colophon, labels.notes]),
    h('p', [meta.subtitle ?? '', meta.authors.join(''), meta.editors.join(''), meta.publisher ?? '', meta.date ?? '', meta.description]),
    h('p', [labels.editor(''), labels.author(''), labels.translator(''), labels.source, labels.imageUnavailable('')]),
    // Folios, and the ellipsis of a shortened running head.
    h('p', '0123456789…'),
  ];
  // A part's title page is set like an article (its title bold, its preface in text).
  const articles = pagesAndArticles(book).map((article) => {
    const own = article.language ? labelsFor(article.language) : labels;
    return {
      language: article.language ?? meta.language,
      nodes: [
        h('h1', article.title),
        h('p', [article.authors.join(''), article.translators.join(''), article.source ?? '', article.date ?? '', article.url ?? '', own.author(''), own.translator('')]),
        ...(article.body.children as ElementContent[]),
      ],
    };
  });
  return collectBookText([{ language: meta.language, nodes: front }, ...articles], faceFor(meta.language) ?? 'sc');
}
