import type { Book, ImageAsset } from '../../book/model.js';
import type { WritingMode } from '../../config/schema.js';
import { version } from '../../paths.js';
import type { BookCover } from '../cover/prepare-cover.js';
import type { EmbeddedFont } from '../fonts/embed-font.js';
import { accessibilityMetadata, containsRuby } from './accessibility.js';
import type { DocumentSpec } from './document-specs.js';
import type { NavPoint } from './navigation.js';

export interface ManifestItem {
  id: string;
  href: string;
  mediaType: string;
  properties?: string;
}

const xhtmlType = 'application/xhtml+xml';
const ibooksPrefix = 'ibooks: http://vocabulary.itunes.apple.com/rdf/ibooks/vocabulary-extensions-1.0/';

/** Every file of the package but the stylesheet's own text: navigation, styles, fonts, cover, documents, images. */
export function manifest(specs: DocumentSpec[], cover: BookCover, font: EmbeddedFont | undefined, images: ImageAsset[]): ManifestItem[] {
  return [
    { id: 'nav', href: 'toc.xhtml', mediaType: xhtmlType, properties: 'nav' },
    { id: 'ncx', href: 'toc.ncx', mediaType: 'application/x-dtbncx+xml' },
    { id: 'css', href: 'style.css', mediaType: 'text/css' },
    ...(font
      ? [
          { id: 'fonts-css', href: 'fonts.css', mediaType: 'text/css' },
          ...font.files.map((file) => ({ id: `font-${file.face}-${file.weight === 700 ? 'bold' : 'regular'}`, href: file.href, mediaType: 'font/ttf' })),
        ]
      : []),
    { id: 'cover-image', href: cover.href, mediaType: cover.mediaType, properties: 'cover-image' },
    ...specs.map((d) => ({ id: d.id, href: d.filename, mediaType: xhtmlType })),
    ...images.map((image) => ({ id: `img-${image.href.replace(/^images\/|\.\w+$/g, '')}`, href: image.href, mediaType: image.mediaType })),
  ];
}

/**
 * What the package document (OPF) and the NCX templates are filled with: the book's metadata,
 * its people with their roles, subjects, accessibility metadata, the manifest, spine and
 * navigation.
 */
export function packageTemplateData(book: Book, parts: { specs: DocumentSpec[]; cover: BookCover; font: EmbeddedFont | undefined; writingMode: WritingMode; navPoints: NavPoint[]; ncxDepth: number; navXhtml: string }) {
  const { meta } = book;
  const { font, writingMode } = parts;
  const creators = [
    ...meta.authors.map((name) => ({ element: 'creator', name, role: 'aut' })),
    ...meta.editors.map((name) => ({ element: meta.authors.length ? 'contributor' : 'creator', name, role: 'edt' })),
    ...[...new Set(book.articles.flatMap((article) => article.authors))]
      .filter((name) => !meta.authors.includes(name) && !meta.editors.includes(name))
      .map((name) => ({ element: 'contributor', name, role: 'aut' })),
    ...[...new Set(book.articles.flatMap((article) => article.translators))].map((name) => ({ element: 'contributor', name, role: 'trl' })),
  ];
  const metas = [
    ...accessibilityMetadata({ language: meta.language, writingMode, hasImages: book.images.length > 0, hasRuby: containsRuby(book.articles.map((article) => article.body)) }),
    // Apple Books shows the publisher's font only when told to.
    ...(font ? [{ property: 'ibooks:specified-fonts', value: 'true' }] : []),
  ];
  return {
    book: meta,
    creators,
    subjects: [...new Set(book.articles.flatMap((article) => article.tags))],
    metas,
    prefixes: font ? ibooksPrefix : '',
    coverId: 'cover-image',
    // Kindle reads the book's direction from this meta; every reader from the spine attribute.
    primaryWritingMode: writingMode === 'vertical' ? 'vertical-rl' : '',
    pageProgression: writingMode === 'vertical' ? 'rtl' : '',
    generator: `wenji ${version}`,
    manifest: manifest(parts.specs, parts.cover, font, book.images),
    spine: parts.specs.map((d) => ({ idref: d.id })),
    ncxDepth: parts.ncxDepth,
    navPoints: parts.navPoints,
    xhtml: parts.navXhtml,
  };
}
