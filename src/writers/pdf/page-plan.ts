import type { ArticleStart } from '../../config/schema.js';

/** What a page of the body belongs to: an article (its index), a part's preface (`part-<index>`), or the colophon. */
export type Division = number | 'colophon' | `part-${number}`;

/**
 * A page of the finished body: a printed page of Chromium's body, or a blank page wenji adds. An
 * opening page starts an article (a folio, no running head); a bare page is a part's title page
 * (neither, as printed books leave it; it still counts).
 */
export type PlannedPage =
  | { kind: 'blank' }
  | {
      kind: 'opening' | 'running' | 'bare';
      /** 0-based page of the printed body. */
      source: number;
      /** The division the page belongs to. */
      part: Division;
    };


export interface PagePlan {
  pages: PlannedPage[];
  /** 0-based page of the printed body → 0-based page of the finished body. */
  finalIndex: number[];
}

/**
 * The finished body, page by page. Folios and running heads are drawn by wenji after the print
 * (Chromium ignores `break-before: right` and matches `:first` only on the document's first page),
 * so wenji decides here which pages are openings (no running head), and where a blank page goes
 * so that an article starts on a recto: the body begins on a recto (page 1), so a recto is an
 * even 0-based index. `starts` are the 0-based printed pages where the articles begin, in order.
 * `partTitles` are those of the parts' title pages (undefined: not found): a title page is bare
 * and, with `partStart: 'recto'` (bound books), a recto, the first article after it a recto too
 * (its verso is left blank unless the part's preface runs on to it); the preface's other pages
 * are headed with the part's title.
 */
export function planBodyPages(printed: number, starts: number[], colophonStart: number | undefined, articleStart: ArticleStart, partTitles: (number | undefined)[] = [], partStart: ArticleStart = 'recto'): PagePlan {
  const opens = new Map<number, Division>();
  starts.forEach((page, index) => {
    if (!opens.has(page)) opens.set(page, index);
  });
  if (colophonStart !== undefined && !opens.has(colophonStart)) opens.set(colophonStart, 'colophon');
  const titles = new Map<number, Division>();
  partTitles.forEach((page, index) => {
    if (page !== undefined && !opens.has(page)) titles.set(page, `part-${index}`);
  });
  const pages: PlannedPage[] = [];
  const finalIndex: number[] = [];
  const toRecto = () => {
    if (pages.length % 2 === 1) pages.push({ kind: 'blank' });
  };
  let part: Division = 0;
  let afterPartTitle = false;
  for (let source = 0; source < printed; source++) {
    const title = titles.get(source);
    const opening = opens.get(source);
    if (title !== undefined) {
      part = title;
      if (partStart === 'recto') toRecto();
    } else if (opening !== undefined) {
      part = opening;
      if (opening !== 'colophon' && (articleStart === 'recto' || afterPartTitle)) toRecto();
    }
    afterPartTitle = title !== undefined && partStart === 'recto';
    finalIndex.push(pages.length);
    pages.push({ kind: title !== undefined ? 'bare' : opening !== undefined ? 'opening' : 'running', source, part });
  }
  return { pages, finalIndex };
}
