import type { PageSize, WritingMode } from '../../config/schema.js';

/** Millimetres. `inner` is the binding side (the gutter), `outer` the fore-edge. */
export interface PageGeometry {
  width: number;
  height: number;
  top: number;
  bottom: number;
  inner: number;
  outer: number;
  /** Body text size in points. */
  fontSize: number;
  /** Single pages (e-reader screens) get symmetric margins and centred folios. */
  screen: boolean;
}

/**
 * A type area (版心) measured in characters, as printers design it: the vertical column and the
 * horizontal line are whole multiples of the body size (clreq: the line length is an integral
 * number of characters, so that full lines are set solid, without stretched spacing). The top
 * and inner margins are given; the bottom and outer margins take the rest.
 */
interface TypeArea {
  width: number;
  height: number;
  fontSize: number;
  /** Characters in a full column of vertical text (the content box height). */
  columnChars: number;
  /** Characters in a full line of horizontal text (the content box width). */
  lineChars: number;
  top: number;
  /** The gutter; screens (single pages) centre the type area instead. */
  inner?: number;
  screen: boolean;
}

const mmPerPoint = 25.4 / 72;
/** Layout rounds lengths to 1/64 px: a hair of slack keeps the last character of a full line in it. */
const slack = 0.1 * mmPerPoint;

function fromTypeArea(area: TypeArea): PageGeometry {
  const em = area.fontSize * mmPerPoint;
  const contentHeight = area.columnChars * em + slack;
  const contentWidth = area.lineChars * em + slack;
  const round = (mm: number) => Math.round(mm * 1000) / 1000;
  const inner = area.inner ?? round((area.width - contentWidth) / 2);
  return {
    width: area.width,
    height: area.height,
    top: area.top,
    bottom: round(area.height - area.top - contentHeight),
    inner,
    outer: area.inner === undefined ? inner : round(area.width - inner - contentWidth),
    fontSize: area.fontSize,
    screen: area.screen,
  };
}

/**
 * The presets (docs/page-layout.md gives the references): A5 at 10.5 pt (五号) with 42
 * characters a column and 30 a line; B6 at 9.5 pt with 41 and 29; A4 at 12 pt with 50 and 38;
 * the e-reader screens at 9 and 9.5 pt.
 */
export const pageGeometries: Record<PageSize, PageGeometry> = {
  a5: fromTypeArea({ width: 148, height: 210, fontSize: 10.5, columnChars: 42, lineChars: 30, top: 26, inner: 20, screen: false }),
  b6: fromTypeArea({ width: 128, height: 182, fontSize: 9.5, columnChars: 41, lineChars: 29, top: 21, inner: 17, screen: false }),
  a4: fromTypeArea({ width: 210, height: 297, fontSize: 12, columnChars: 50, lineChars: 38, top: 40, inner: 27, screen: false }),
  '6in': fromTypeArea({ width: 90, height: 122, fontSize: 9, columnChars: 30, lineChars: 24, top: 12, screen: true }),
  '7in': fromTypeArea({ width: 107, height: 143, fontSize: 9.5, columnChars: 34, lineChars: 27, top: 13.5, screen: true }),
};

/**
 * Recto and verso pages. Chromium counts the first page as a right-hand page (`:right`) in every
 * writing mode (measured: vertical-rl too), so its `:right` pages are the rectos. Physically, a
 * horizontal recto is bound on its left; a vertical (right-to-left) recto is a left-hand page
 * bound on its right. Each side gets its gutter on the binding edge and its folio outside.
 */
export function pageSides(geometry: PageGeometry, mode: WritingMode) {
  const vertical = mode === 'vertical';
  const side = (bindingOnLeft: boolean) => ({
    left: bindingOnLeft ? geometry.inner : geometry.outer,
    right: bindingOnLeft ? geometry.outer : geometry.inner,
    folio: geometry.screen ? 'bottom-center' : bindingOnLeft ? 'bottom-right' : 'bottom-left',
  });
  return {
    recto: { pseudo: ':right', ...side(!vertical) },
    verso: { pseudo: ':left', ...side(vertical) },
  };
}

export function contentBox(geometry: PageGeometry): { width: number; height: number } {
  return { width: geometry.width - geometry.inner - geometry.outer, height: geometry.height - geometry.top - geometry.bottom };
}
