import type { ElementContent } from 'hast';
import type { Book, TocEntry } from '../../book/model.js';
import type { Labels } from '../../locale/labels.js';
import { navBody } from './documents.js';
import { bookOutline } from '../../book/parts.js';
import { articleHref, partHref } from './file-names.js';

/** An entry of the NCX for EPUB 2 readers: parts, their articles and the articles' sections nested, numbered in reading order. */
export interface NavPoint {
  id: string;
  playOrder: number;
  label: string;
  src: string;
  children: NavPoint[];
}

/** The navigation document's body: the contents, then the landmarks (cover, contents, start of the text). */
export function navigationBody(book: Book, toc: TocEntry[], labels: Labels, hrefOf: (entry: TocEntry) => string): ElementContent[] {
  // The text starts with the first part's title page when the book opens with a part.
  const first = bookOutline(book)[0];
  const start = first?.kind === 'part' ? { href: partHref(first.part), title: first.part.page.title } : first ? { href: articleHref(first.article), title: first.article.title } : undefined;
  const landmarks = [
    { href: 'cover.xhtml', type: 'cover', title: labels.cover },
    { href: 'titlepage.xhtml', type: 'titlepage', title: labels.titlePage },
    { href: 'contents.xhtml', type: 'toc', title: labels.contents },
    ...(start ? [{ ...start, type: 'bodymatter' }] : []),
  ];
  return navBody(toc, labels, landmarks, hrefOf);
}

/** The NCX's entries and depth, for the same contents: `playOrder` counts every point in reading order. */
export function ncxNavigation(toc: TocEntry[], hrefOf: (entry: TocEntry) => string): { navPoints: NavPoint[]; ncxDepth: number } {
  let playOrder = 0;
  let depth = 1;
  const points = (entries: readonly TocEntry[], prefix: string, level: number): NavPoint[] =>
    entries.map((entry, index) => {
      depth = Math.max(depth, level);
      const id = `${prefix}-${index + 1}`;
      return { id, playOrder: ++playOrder, label: entry.title, src: hrefOf(entry), children: points(entry.children, id, level + 1) };
    });
  const navPoints = points(toc, 'nav', 1);
  return { navPoints, ncxDepth: depth };
}
