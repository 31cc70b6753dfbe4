import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import type { Labels } from '../../book/labels.js';
import type { Book } from '../../book/model.js';

const boldElements = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'b', 'th', 'dt']);

/** Every character the printed book can show, and those it can show in bold (for font subsets). */
export function bookText(book: Book, labels: Labels): { regular: string; bold: string } {
  const { meta } = book;
  const regular: string[] = [meta.title, meta.subtitle ?? '', ...meta.authors, ...meta.editors, meta.publisher ?? '', meta.date ?? '', meta.description];
  const bold: string[] = [meta.title, labels.contents, labels.colophon, labels.notes];
  regular.push(labels.contents, labels.notes, labels.colophon, labels.editor(''), labels.author(''), labels.translator(''), labels.source, labels.imageUnavailable(''));
  for (const article of book.articles) {
    regular.push(article.title, ...article.authors, ...article.translators, article.source ?? '', article.date ?? '', article.url ?? '', toString(article.body));
    bold.push(article.title);
    visit(article.body as Root, 'element', (node: Element) => {
      if (boldElements.has(node.tagName)) bold.push(toString(node));
    });
  }
  return { regular: regular.join(''), bold: bold.join('') };
}
