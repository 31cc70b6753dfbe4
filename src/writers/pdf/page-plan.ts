import type { ArticleStart } from '../../config/schema.js';

/** A page of the finished body: a printed page of Chromium's body, or a blank page wenji adds. */
export type PlannedPage =
  | { kind: 'blank' }
  | {
      kind: 'opening' | 'running';
      /** 0-based page of the printed body. */
      source: number;
      /** The part the page belongs to: an article (its index) or the colophon. */
      part: number | 'colophon';
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
 */
export function planBodyPages(printed: number, starts: number[], colophonStart: number | undefined, articleStart: ArticleStart): PagePlan {
  const opens = new Map<number, number | 'colophon'>();
  starts.forEach((page, index) => {
    if (!opens.has(page)) opens.set(page, index);
  });
  if (colophonStart !== undefined && !opens.has(colophonStart)) opens.set(colophonStart, 'colophon');
  const pages: PlannedPage[] = [];
  const finalIndex: number[] = [];
  let part: number | 'colophon' = 0;
  for (let source = 0; source < printed; source++) {
    const opening = opens.get(source);
    if (opening !== undefined) {
      part = opening;
      if (articleStart === 'recto' && opening !== 'colophon' && pages.length % 2 === 1) pages.push({ kind: 'blank' });
    }
    finalIndex.push(pages.length);
    pages.push({ kind: opening !== undefined ? 'opening' : 'running', source, part });
  }
  return { pages, finalIndex };
}
