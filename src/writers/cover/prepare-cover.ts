import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { coreImageTypes, imageSize } from '../../locale/media-types.js';
import { version } from '../../paths.js';
import type { Labels } from '../../locale/labels.js';
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

/** Where drawn covers are kept between builds (out/.cache), by a key of everything drawn. */
export interface CoverStore {
  read(key: string): Uint8Array | undefined;
  write(key: string, data: Uint8Array): void;
}

export interface CoverOptions {
  vertical: boolean;
  /** The serif of the book's face (`bundledSerif(faceFor(language))`). */
  family: FontFamily;
  labels: Labels;
  /** How a path is shown in messages. */
  display: (file: string) => string;
  /** Reuse a cover drawn by an earlier build of the same title, byline and mode. */
  store?: CoverStore | undefined;
  /**
   * Called once the main thread's part is done (fonts shaped, layout drawn) and only the
   * rasterizing on the thread pool is left, or when the cover is ready, whichever comes first.
   */
  laidOut?: (() => void) | undefined;
}

/**
 * The cover of book.yaml when it can be used, else one drawn from the title, subtitle and
 * editor. A cover that cannot be used is a one-line warning naming the file, never a failure.
 */
export interface PreparedCover {
  cover: BookCover;
  warnings: string[];
  details: string[];
}

export async function prepareCover(book: Pick<Book, 'meta'>, options: CoverOptions): Promise<PreparedCover> {
  try {
    return await coverOf(book, options);
  } finally {
    options.laidOut?.();
  }
}

async function coverOf(book: Pick<Book, 'meta'>, options: CoverOptions): Promise<PreparedCover> {
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
  const text = { title: meta.title, subtitle: meta.subtitle, byline };
  const key = coverKey(text, options, meta.language);
  const stored = options.store?.read(key);
  const size = stored ? imageSize(stored) : undefined;
  if (stored && size) {
    return { cover: { href: 'images/cover.jpg', data: stored, mediaType: 'image/jpeg', ...size, generated: true }, warnings, details: ['cover from the cache'] };
  }
  const rendered = await renderCover(text, options.vertical, options.family, options.laidOut, book.meta.language);
  options.store?.write(key, rendered.data);
  return {
    cover: { href: 'images/cover.jpg', data: rendered.data, mediaType: rendered.mediaType, width: rendered.width, height: rendered.height, generated: true },
    warnings,
    details: [`drew the cover in ${options.family.name} (${rendered.width}×${rendered.height} JPEG, ${Math.round(rendered.data.length / 1024)} KB) in ${rendered.seconds.toFixed(1)} s`],
  };
}

/** Everything the drawing depends on: the text, the mode, the font files and wenji's version. */
function coverKey(text: { title: string; subtitle?: string | undefined; byline?: string | undefined }, options: CoverOptions, language: string): string {
  const font = (file: string) => {
    try {
      const stat = statSync(file);
      return `${file}:${stat.size}:${stat.mtimeMs}`;
    } catch {
      return file;
    }
  };
  const inputs = [version, JSON.stringify(text), options.vertical, font(options.family.regular.path), font(options.family.bold.path), language];
  return createHash('sha256').update(inputs.join('\n')).digest('hex').slice(0, 32);
}
