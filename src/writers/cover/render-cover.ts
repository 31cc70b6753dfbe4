import type { FontFamily } from '../fonts/bundled-fonts.js';
import { coverSize, coverSvg, type CoverText } from './cover-layout.js';
import { createShaper } from './shape-text.js';

export interface RenderedCover {
  data: Uint8Array;
  mediaType: 'image/jpeg';
  width: number;
  height: number;
  seconds: number;
}

/**
 * A typographic cover: the layout drawn as glyph outlines into SVG, rasterized by sharp
 * (librsvg) into a 1600×2400 JPEG. No browser and no system fonts are involved, so the same
 * book gives the same bytes everywhere. JPEG because every reader and Kindle's converter take
 * it; 4:4:4 chroma keeps the vermilion edges clean.
 */
export async function renderCover(text: CoverText, vertical: boolean, family: FontFamily, laidOut: () => void = () => {}, language?: string): Promise<RenderedCover> {
  const started = performance.now();
  // Loaded on first use (libvips is large): a cover kept from an earlier build never needs it.
  const [{ default: sharp }, shaper] = await Promise.all([import('sharp'), createShaper(family, language)]);
  const svg = coverSvg(text, vertical, shaper);
  // What is left runs on libvips' threads.
  laidOut();
  const data = await sharp(Buffer.from(svg), { density: 72 })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 88, chromaSubsampling: '4:4:4', mozjpeg: false })
    .toBuffer();
  return { data: new Uint8Array(data), mediaType: 'image/jpeg', ...coverSize, seconds: (performance.now() - started) / 1000 };
}
