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

export const pageGeometries: Record<PageSize, PageGeometry> = {
  a5: { width: 148, height: 210, top: 20, bottom: 20, inner: 19, outer: 15, fontSize: 10, screen: false },
  b6: { width: 128, height: 182, top: 17, bottom: 18, inner: 16, outer: 12, fontSize: 9.5, screen: false },
  a4: { width: 210, height: 297, top: 26, bottom: 26, inner: 28, outer: 22, fontSize: 11.5, screen: false },
  '6in': { width: 90, height: 122, top: 9, bottom: 11, inner: 7, outer: 7, fontSize: 9, screen: true },
  '7in': { width: 107, height: 143, top: 10, bottom: 12, inner: 8, outer: 8, fontSize: 9.5, screen: true },
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
