import type { ElementContent } from 'hast';
import type { Book, TocEntry } from '../../book/model.js';
import type { Labels } from '../../locale/labels.js';
import { navBody } from './documents.js';
import { articleHref } from './file-names.js';

/** An entry of the NCX for EPUB 2 readers: the articles, their sections nested, numbered in reading order. */
export interface NavPoint {
  id: string;
  playOrder: number;
  label: string;
  src: string;
  children?: NavPoint[];
}

/** The navigation document's body: the contents, then the landmarks (cover, contents, start of the text). */
export function navigationBody(book: Book, toc: TocEntry[], labels: Labels, hrefOf: (entry: TocEntry) => string): ElementContent[] {
  const firstArticle = book.articles[0];
  const landmarks = [
    { href: 'cover.xhtml', type: 'cover', title: labels.cover },
    { href: 'titlepage.xhtml', type: 'titlepage', title: labels.titlePage },
    { href: 'contents.xhtml', type: 'toc', title: labels.contents },
    ...(firstArticle ? [{ href: articleHref(firstArticle), type: 'bodymatter', title: firstArticle.title }] : []),
  ];
  return navBody(toc, labels, landmarks, hrefOf);
}

/** The NCX's entries and depth, for the same contents. */
export function ncxNavigation(toc: TocEntry[], hrefOf: (entry: TocEntry) => string): { navPoints: NavPoint[]; ncxDepth: 1 | 2 } {
  let playOrder = 0;
  const navPoints: NavPoint[] = toc.map((entry, index) => ({
    id: `nav-${index + 1}`,
    playOrder: ++playOrder,
    label: entry.title,
    src: `${entry.articleId}.xhtml`,
    children: entry.children.map((child, childIndex) => ({
      id: `nav-${index + 1}-${childIndex + 1}`,
      playOrder: ++playOrder,
      label: child.title,
      src: hrefOf(child),
    })),
  }));
  return { navPoints, ncxDepth: toc.some((entry) => entry.children.length) ? 2 : 1 };
}
