import { coreImageTypes } from '../../book/media-types.js';
import type { Labels } from '../../book/labels.js';
import type { Book } from '../../book/model.js';
import type { FontFamily } from '../fonts/bundled-fonts.js';
import { loadCoverImage } from './load-cover-image.js';
import { renderCover } from './render-cover.js';

export interface BookCover {
  /** Path inside the EPUB, relative to the package document. */
  href: string;
  data: Uint8Array;
  mediaType: string;
  width?: number | undefined;
  height?: number | undefined;
  generated: boolean;
}

export interface CoverOptions {
  vertical: boolean;
  family: FontFamily;
  labels: Labels;
  /** How a path is shown in messages. */
  display: (file: string) => string;
}

/**
 * The cover of book.yaml when it can be used, else one drawn from the title, subtitle and
 * editor. A cover that cannot be used is a one-line warning naming the file, never a failure.
 */
export async function prepareCover(book: Book, options: CoverOptions): Promise<{ cover: BookCover; warnings: string[]; details: string[] }> {
  const warnings: string[] = [];
  const { meta } = book;
  if (meta.cover) {
    const loaded = await loadCoverImage(meta.cover);
    if ('image' in loaded) {
      const extension = coreImageTypes[loaded.image.mediaType];
      return { cover: { href: `images/cover.${extension}`, ...loaded.image, generated: false }, warnings, details: [] };
    }
    warnings.push(`${options.display(meta.cover)}: ${loaded.problem}; using a generated cover`);
  }
  const byline = meta.editors.length ? options.labels.editor(meta.editors.join(options.labels.listSeparator)) : meta.authors.join(options.labels.listSeparator) || undefined;
  const rendered = await renderCover({ title: meta.title, subtitle: meta.subtitle, byline }, options.vertical, options.family);
  return {
    cover: { href: 'images/cover.jpg', data: rendered.data, mediaType: rendered.mediaType, width: rendered.width, height: rendered.height, generated: true },
    warnings,
    details: [`drew the cover (${rendered.width}×${rendered.height} JPEG, ${Math.round(rendered.data.length / 1024)} KB) in ${rendered.seconds.toFixed(1)} s`],
  };
}
