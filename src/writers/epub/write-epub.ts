import { EPub } from 'epub-gen-memory';
import { labelsFor } from '../../book/labels.js';
import type { Book } from '../../book/model.js';
import type { WritingMode } from '../../config/schema.js';
import { buildToc } from '../../book/toc.js';
import { version } from '../../paths.js';
import { toXhtml } from '../xhtml/serialize.js';
import { articleBody, articleHref, contentsPageBody, navBody, titlePageBody } from './documents.js';
import { contentOpf, passThrough, tocNcx } from './templates.js';

export interface EpubOptions {
  /** The stylesheet, written as `style.css`. */
  css: string;
  /** Nav depth: 1 = articles, 2 = articles and their h2 sections. */
  tocDepth?: 1 | 2;
  /** Vertical books set every document vertical-rl and progress right to left. */
  writingMode?: WritingMode;
}

interface ManifestItem {
  id: string;
  href: string;
  mediaType: string;
  properties?: string;
}

interface ContentDocument {
  id: string;
  filename: string;
  title: string;
  xhtml: string;
  /** Listed in the spine? (The navigation document is not: the contents page is.) */
  spine: boolean;
}

const xhtmlType = 'application/xhtml+xml';

/**
 * Book → EPUB 3 bytes. Every document is rendered here (hast → XHTML); epub-gen-memory's `EPub`
 * packages them with our templates, and its zip entries get fixed timestamps so that the same
 * book gives the same bytes.
 */
export async function writeEpub(book: Book, options: EpubOptions): Promise<Uint8Array> {
  const { meta } = book;
  const labels = labelsFor(meta.language);
  const toc = buildToc(book, { depth: options.tocDepth ?? 2 });
  const stylesheets = ['style.css'];
  const doc = (title: string, body: ReturnType<typeof titlePageBody>, bodyClass: string, epubType?: string) =>
    toXhtml({ title, language: meta.language, stylesheets, body, bodyProperties: { className: [bodyClass], ...(epubType ? { 'epub:type': epubType } : {}) } });

  const documents: ContentDocument[] = [
    { id: 'titlepage', filename: 'titlepage.xhtml', title: meta.title, xhtml: doc(meta.title, titlePageBody(book, labels), 'titlepage', 'frontmatter'), spine: true },
    { id: 'contents', filename: 'contents.xhtml', title: labels.contents, xhtml: doc(labels.contents, contentsPageBody(book, toc, labels), 'contents', 'frontmatter'), spine: true },
    ...book.articles.map((article) => ({
      id: `article-${article.id}`,
      filename: articleHref(article),
      title: article.title,
      xhtml: doc(article.title, articleBody(article, labels), 'article', 'bodymatter'),
      spine: true,
    })),
  ];
  const firstArticle = book.articles[0];
  const landmarks = [
    { href: 'titlepage.xhtml', type: 'titlepage', title: labels.titlePage },
    { href: 'contents.xhtml', type: 'toc', title: labels.contents },
    ...(firstArticle ? [{ href: articleHref(firstArticle), type: 'bodymatter', title: firstArticle.title }] : []),
  ];
  const nav = toXhtml({ title: labels.contents, language: meta.language, stylesheets, body: navBody(toc, labels, landmarks), bodyProperties: { className: ['nav'] } });

  const manifest: ManifestItem[] = [
    { id: 'nav', href: 'toc.xhtml', mediaType: xhtmlType, properties: 'nav' },
    { id: 'ncx', href: 'toc.ncx', mediaType: 'application/x-dtbncx+xml' },
    { id: 'css', href: 'style.css', mediaType: 'text/css' },
    ...documents.map((d) => ({ id: d.id, href: d.filename, mediaType: xhtmlType })),
    ...book.images.map((image) => ({ id: `img-${image.href.replace(/^images\/|\.\w+$/g, '')}`, href: image.href, mediaType: image.mediaType })),
  ];
  let playOrder = 0;
  const navPoints = toc.map((entry, index) => ({
    id: `nav-${index + 1}`,
    playOrder: ++playOrder,
    label: entry.title,
    src: `${entry.articleId}.xhtml`,
    children: entry.children.map((child, childIndex) => ({
      id: `nav-${index + 1}-${childIndex + 1}`,
      playOrder: ++playOrder,
      label: child.title,
      src: `${child.articleId}.xhtml#${child.fragment}`,
    })),
  }));
  const creators = [
    ...meta.authors.map((name) => ({ element: 'creator', name, role: 'aut' })),
    ...meta.editors.map((name) => ({ element: meta.authors.length ? 'contributor' : 'creator', name, role: 'edt' })),
    ...[...new Set(book.articles.flatMap((article) => article.authors))]
      .filter((name) => !meta.authors.includes(name) && !meta.editors.includes(name))
      .map((name) => ({ element: 'contributor', name, role: 'aut' })),
    ...[...new Set(book.articles.flatMap((article) => article.translators))].map((name) => ({ element: 'contributor', name, role: 'trl' })),
  ];
  const templateData = {
    book: meta,
    creators,
    subjects: [...new Set(book.articles.flatMap((article) => article.tags))],
    metas: [] as { property: string; value: string }[],
    prefixes: '',
    coverId: '',
    primaryWritingMode: '',
    pageProgression: '',
    generator: `wenji ${version}`,
    manifest,
    spine: documents.filter((d) => d.spine).map((d) => ({ idref: d.id })),
    ncxDepth: toc.some((entry) => entry.children.length) ? 2 : 1,
    navPoints,
    xhtml: nav,
  };

  const epub = new PackagedEpub(
    {
      title: meta.title,
      css: options.css,
      contentOPF: contentOpf,
      tocNCX: tocNcx,
      tocXHTML: passThrough,
      chapterXHTML: passThrough,
      ignoreFailedDownloads: false,
      verbose: false,
      ...templateData,
    } as ConstructorParameters<typeof EPub>[0],
    documents.map((d) => ({ title: d.title, filename: d.filename, content: '', xhtml: d.xhtml })) as ConstructorParameters<typeof EPub>[1],
    book.images.map((image) => ({ path: image.href, data: image.data })),
    new Date(meta.modified),
  );
  return new Uint8Array(await epub.genEpub());
}

/**
 * epub-gen-memory's packager with two changes: binary files come from memory (it would fetch
 * them over HTTP or file://), and every zip entry carries the book's date instead of "now".
 */
class PackagedEpub extends EPub {
  constructor(
    options: ConstructorParameters<typeof EPub>[0],
    content: ConstructorParameters<typeof EPub>[1],
    private readonly files: { path: string; data: Uint8Array }[],
    private readonly date: Date,
  ) {
    super(options, content);
  }

  protected override async downloadAllImages(): Promise<void> {
    const oebps = this.zip.folder('OEBPS')!;
    for (const file of this.files) oebps.file(file.path, file.data, { binary: true, compression: /\.(png|jpe?g|gif|woff2?)$/i.test(file.path) ? 'STORE' : 'DEFLATE' });
  }

  protected override async downloadAllFonts(): Promise<void> {}

  protected override async makeCover(): Promise<void> {}

  /** Level 6 instead of the library's 9: a few percent larger, several times faster to write. */
  override async genEpub(): Promise<Buffer> {
    await this.render();
    return this.zip.generateAsync({ type: 'nodebuffer', mimeType: 'application/epub+zip', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  }

  override async render(): Promise<this> {
    await super.render();
    for (const entry of Object.values(this.zip.files)) entry.date = this.date;
    return this;
  }
}
