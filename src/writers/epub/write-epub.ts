import { createHash } from 'node:crypto';
import type { ElementContent } from 'hast';
import { EPub } from 'epub-gen-memory';
import { labelsFor } from '../../locale/labels.js';
import type { Article, Book, TocEntry } from '../../book/model.js';
import type { WritingMode } from '../../config/schema.js';
import { buildToc } from '../../book/toc.js';
import { version } from '../../paths.js';
import { prepareCover, type CoverStore, type PreparedCover } from '../cover/prepare-cover.js';
import { faceFor, type CjkFace } from '../../locale/cjk-locale.js';
import { collectBookText } from '../fonts/book-text.js';
import { bundledSerifs, type FontFamily } from '../fonts/bundled-fonts.js';
import { embedFont, type EmbeddedFont } from '../fonts/embed-font.js';
import { toXhtml } from '../xhtml/serialize.js';
import { accessibilityMetadata, containsRuby } from './accessibility.js';
import { documentWritingMode } from './document-writing-mode.js';
import { derivedDigest } from '../../book/digest.js';
import { articleHeader, articleSection, colophonBody, contentsPageBody, coverPageBody, navBody, titlePageBody } from './documents.js';
import { articleHref, articlePartHref, tocHref } from './file-names.js';
import { withAltText } from './image-alt.js';
import { partLinkResolver, retargetLinks, type HrefResolver } from './part-links.js';
import { splitArticle, type ArticleLayout } from './split-article.js';
import { xmlByteLength } from '../xhtml/xml-size.js';
import { appleDisplayOptions, contentOpf, passThrough, tocNcx } from './templates.js';
import type { DocumentStore, StoredDocument } from './document-store.js';
import { compressEntry, writeZip, type CompressedEntry, type ZipEntry } from './zip.js';

export interface EpubOptions {
  /** The stylesheet, written as `style.css`. */
  css: string;
  /** Nav depth: 1 = articles, 2 = articles and their h2 sections. */
  tocDepth?: 1 | 2;
  /** Vertical books set every document vertical-rl and progress right to left. */
  writingMode?: WritingMode;
  /** Embed a subset of the serif (book.yaml `epub.embedFont`). */
  embedFont?: boolean;
  /** The serifs to embed and to draw the cover with, by face: the bundled Noto Serif SC/TC/JP unless given. */
  fonts?: Partial<Record<CjkFace, FontFamily>>;
  /** How a file path is shown in warnings (e.g. relative to the working directory). */
  displayPath?: (file: string) => string;
  /** Keeps drawn covers between builds. */
  coverStore?: CoverStore | undefined;
  /**
   * The cover, when the caller started it early (`startEpubCover`), so that it is drawn while
   * the articles are read.
   */
  cover?: Promise<PreparedCover> | undefined;
  /** Article documents kept from earlier builds, by the article's digest and these options. */
  documentStore?: DocumentStore | undefined;
  /** Largest article document wanted, in bytes of XHTML; a larger article is split (default 250 KB). */
  documentBudget?: number;
}

/**
 * Adobe-engine readers (and older Kobo and Nook firmware) fail on content documents over about
 * 260–300 KB; calibre splits at 260 KB. 250 KB leaves room for what a part adds.
 */
export const defaultDocumentBudget = 250 * 1024;

export interface EpubResult {
  bytes: Uint8Array;
  /** One line each, naming the file: a cover or a font that could not be used. The book is still whole. */
  warnings: string[];
  /** One line each, for the build log: the cover drawn, the font embedded. */
  details: string[];
}

interface ManifestItem {
  id: string;
  href: string;
  mediaType: string;
  properties?: string;
}

interface DocumentSpec {
  id: string;
  filename: string;
  title: string;
  /** Built on first use: an article kept in the document store is not built at all. */
  body: () => ElementContent[];
  /** The article's digest, for the document store. */
  digest?: string | undefined;
  bodyClass: string;
  /** `epub:type` of the body: frontmatter, bodymatter, backmatter. */
  matter?: string;
  language: string;
}

/** A binary or text file packaged next to the documents. */
interface PackagedFile {
  path: string;
  data: Uint8Array;
}

const xhtmlType = 'application/xhtml+xml';
const ibooksPrefix = 'ibooks: http://vocabulary.itunes.apple.com/rdf/ibooks/vocabulary-extensions-1.0/';

/**
 * Book → EPUB 3 bytes. Every document is rendered here (hast → XHTML); epub-gen-memory's `EPub`
 * packages them with our templates, and its zip entries get fixed timestamps so that the same
 * book gives the same bytes. Spine: cover, title page, contents, articles, colophon.
 */
export async function writeEpub(book: Book, options: EpubOptions): Promise<EpubResult> {
  const { meta } = book;
  const labels = labelsFor(meta.language);
  const writingMode = options.writingMode ?? 'horizontal';
  const families = { ...bundledSerifs(), ...options.fonts };
  const bookFace = faceFor(meta.language) ?? 'sc';
  const family = families[bookFace];
  const display = options.displayPath ?? ((file: string) => file);
  const toc = buildToc(book, { depth: options.tocDepth ?? 2 });
  const warnings: string[] = [];
  const details: string[] = [];

  const prepared = await (options.cover ?? prepareCover(book, { vertical: writingMode === 'vertical', family, labels, display, store: options.coverStore }));
  const { cover } = prepared;
  warnings.push(...prepared.warnings);
  details.push(...prepared.details);

  const credit = (used: FontFamily[]) => `${used.map((font) => font.name).join(', ')} · ${family.license}`;
  const colophon = (credit: string | undefined): DocumentSpec => ({
    id: 'colophon',
    filename: 'colophon.xhtml',
    title: labels.colophon,
    body: () => colophonBody(book, labels, { fontCredit: credit, hrefOf: articleHref }),
    bodyClass: 'colophon-page',
    matter: 'backmatter',
    language: meta.language,
  });
  const render = (spec: Pick<DocumentSpec, 'title' | 'bodyClass' | 'matter' | 'language'> & { body: ElementContent[] }, stylesheets: string[]) => {
    const mode = documentWritingMode(writingMode, spec.language);
    return toXhtml({
      title: spec.title,
      language: spec.language,
      stylesheets,
      body: spec.body,
      bodyProperties: { className: [spec.bodyClass], ...(spec.matter ? { 'epub:type': spec.matter } : {}) },
      ...(mode ? { htmlProperties: { className: [mode] } } : {}),
    });
  };

  const articleSpecBase = (article: Article) => ({ title: article.title, bodyClass: 'article', matter: 'bodymatter', language: article.language ?? meta.language });
  /** The article section's content: header, body with alt text on every image. */
  const articleChildren = (article: Article): ElementContent[] => {
    // The byline and image descriptions in the article's own language.
    const own = article.language ? labelsFor(article.language) : labels;
    return [articleHeader(article, own), ...(withAltText(article.body, own.image).children as ElementContent[])];
  };

  // Documents kept from earlier builds, each read once (the layout looks at their size first).
  const store = options.documentStore;
  const storedDocuments = new Map<string, StoredDocument | undefined>();
  const readStored = (key: string) => {
    if (!storedDocuments.has(key)) storedDocuments.set(key, store?.read(key));
    return storedDocuments.get(key);
  };
  const keyOf = (digest: string, stylesheets: string[]) => documentKey(digest, { writingMode, stylesheets, language: meta.language });

  // Articles too large for one document are split; links into them then lead to the part that
  // holds their target, from every document (parts, other articles, contents, nav, NCX). An
  // article whose document, as kept from an earlier build, is well under the budget is not
  // weighed again; the others are weighed with both stylesheets linked, so that the layout does
  // not depend on whether the font could be embedded.
  const budget = options.documentBudget ?? defaultDocumentBudget;
  const stylesheetsWanted = options.embedFont ? ['fonts.css', 'style.css'] : ['style.css'];
  const fits = (article: Article) => {
    const stored = store && article.digest ? readStored(keyOf(article.digest, stylesheetsWanted)) : undefined;
    return stored !== undefined && stored.size + 1024 <= budget;
  };
  const layouts = book.articles.map((article) => {
    if (fits(article)) return undefined;
    const shell = (part: number, children: ElementContent[]) => render({ ...articleSpecBase(article), body: articleSection(article, children, part) }, ['fonts.css', 'style.css']);
    return layoutArticle(article, budget, () => articleChildren(article), shell);
  });
  const partOf = new Map<string, string>();
  for (const layout of layouts) for (const [id, file] of layout?.files ?? []) partOf.set(id, file);
  const resolve: HrefResolver = partLinkResolver(partOf);
  const hrefOf = (entry: TocEntry) => resolve(tocHref(entry), 'nav');
  const articleSpecs = book.articles.flatMap((article, index): DocumentSpec[] => {
    const layout = layouts[index];
    if (!layout) {
      const filename = articleHref(article);
      const body = () => articleSection(article, articleChildren(article), 1);
      // Only a book with split articles has links to move; what moved is part of the document's key.
      const links = partOf.size ? retargetLinks(article.body.children as ElementContent[], resolve, filename).changes : [];
      if (!links.length) return [{ id: `article-${article.id}`, filename, ...articleSpecBase(article), body, digest: article.digest }];
      return [{ id: `article-${article.id}`, filename, ...articleSpecBase(article), body: () => retargetLinks(body(), resolve, filename).nodes, digest: derivedDigest(article.digest, 'epub-links', links) }];
    }
    const moved = layout.parts.map((part) => retargetLinks(part.children, resolve, part.filename));
    const changes = moved.flatMap((part) => part.changes);
    return layout.parts.map((part, n) => ({
      id: n === 0 ? `article-${article.id}` : `article-${article.id}_${n + 1}`,
      filename: part.filename,
      ...articleSpecBase(article),
      body: () => articleSection(article, moved[n]!.nodes, n + 1),
      digest: derivedDigest(article.digest, 'epub-part', budget, n, changes),
    }));
  });

  const specs: DocumentSpec[] = [
    { id: 'cover', filename: 'cover.xhtml', title: meta.title, body: () => coverPageBody(book, cover), bodyClass: 'cover-page', language: meta.language },
    { id: 'titlepage', filename: 'titlepage.xhtml', title: meta.title, body: () => titlePageBody(book, labels), bodyClass: 'titlepage', matter: 'frontmatter', language: meta.language },
    { id: 'contents', filename: 'contents.xhtml', title: labels.contents, body: () => contentsPageBody(book, toc, labels, hrefOf), bodyClass: 'contents', matter: 'frontmatter', language: meta.language },
    ...articleSpecs,
    colophon(options.embedFont ? credit([family]) : undefined),
  ];
  const firstArticle = book.articles[0];
  const landmarks = [
    { href: 'cover.xhtml', type: 'cover', title: labels.cover },
    { href: 'titlepage.xhtml', type: 'titlepage', title: labels.titlePage },
    { href: 'contents.xhtml', type: 'toc', title: labels.contents },
    ...(firstArticle ? [{ href: articleHref(firstArticle), type: 'bodymatter', title: firstArticle.title }] : []),
  ];
  const nav = navBody(toc, labels, landmarks, hrefOf);

  let font: EmbeddedFont | undefined;
  if (options.embedFont) {
    // The credit may name every face: its letters are in the book's face whichever are embedded.
    const sources = [...specs.map((spec) => ({ language: spec.language, nodes: spec.body() })), { language: meta.language, nodes: nav }, { language: meta.language, nodes: [{ type: 'text' as const, value: credit(Object.values(families)) }] }];
    const embedded = await embedFont(collectBookText(sources, bookFace), families, bookFace, display);
    warnings.push(...embedded.warnings);
    font = embedded.font;
    if (font) {
      const bytes = font.files.reduce((total, file) => total + file.data.length, 0);
      const sizes = font.files.map((file) => `${file.face.toUpperCase()} ${file.weight === 700 ? 'bold' : 'regular'} ${Math.round(file.data.length / 1024)} KB`);
      details.push(`embedded ${font.families.map((used) => used.name).join(', ')}, ${font.characters} characters (${sizes.join(', ')}; ${Math.round(bytes / 1024)} KB) in ${font.seconds.toFixed(1)} s`);
      specs[specs.length - 1] = colophon(credit(font.families));
    } else specs[specs.length - 1] = colophon(undefined);
  }

  const stylesheets = font ? ['fonts.css', 'style.css'] : ['style.css'];
  // Each document is deflated on the thread pool while the next one is rendered; an article
  // rendered by an earlier build with the same settings is taken as it was stored.
  const encoder = new TextEncoder();
  const fresh: { key: string; index: number }[] = [];
  const compressed = specs.map((spec, index): Promise<CompressedEntry> => {
    const name = `OEBPS/${spec.filename}`;
    const key = store && spec.digest ? keyOf(spec.digest, stylesheets) : undefined;
    const stored = key ? readStored(key) : undefined;
    if (stored) return Promise.resolve({ name, ...stored });
    if (key) fresh.push({ key, index });
    return compressEntry(name, encoder.encode(render({ ...spec, body: spec.body() }, stylesheets)));
  });
  const navXhtml = render({ title: labels.contents, body: nav, bodyClass: 'nav', language: meta.language }, stylesheets);
  const entries = await Promise.all(compressed);
  for (const [index, layout] of layouts.entries()) {
    if (!layout) continue;
    const names = new Set(layout.parts.map((part) => `OEBPS/${part.filename}`));
    const sizes = entries.filter((entry) => names.has(entry.name)).map((entry) => Math.ceil(entry.size / 1024));
    details.push(`split "${book.articles[index]!.title}" into ${sizes.length} documents of ${sizes.join(', ')} KB (each kept under ${Math.round(budget / 1024)} KB for e-readers)`);
  }
  for (const { key, index } of fresh) store!.write(key, entries[index]!);
  await store?.finish?.();
  if (store) {
    const kept = specs.filter((spec) => spec.digest).length - fresh.length;
    // Counted in documents: a split article is several.
    details.push(`rendered ${fresh.length} article document${fresh.length === 1 ? '' : 's'}${kept ? `, ${kept} from the cache` : ''}`);
  }

  const files: PackagedFile[] = [
    { path: cover.href, data: cover.data },
    ...(font ? [{ path: 'fonts.css', data: new TextEncoder().encode(font.css) }, ...font.files.map((file) => ({ path: file.href, data: file.data }))] : []),
    ...book.images.map((image) => ({ path: image.href, data: image.data })),
  ];
  const manifest: ManifestItem[] = [
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
      src: hrefOf(child),
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
  const metas = [
    ...accessibilityMetadata({ language: meta.language, writingMode, hasImages: book.images.length > 0, hasRuby: containsRuby(book.articles.map((article) => article.body)) }),
    // Apple Books shows the publisher's font only when told to.
    ...(font ? [{ property: 'ibooks:specified-fonts', value: 'true' }] : []),
  ];
  const templateData = {
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
    manifest,
    spine: specs.map((d) => ({ idref: d.id })),
    ncxDepth: toc.some((entry) => entry.children.length) ? 2 : 1,
    navPoints,
    xhtml: navXhtml,
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
    // The documents are already rendered and compressed: the packager gets placeholders.
    specs.map((d) => ({ title: d.title, filename: d.filename, content: '', xhtml: '' })) as ConstructorParameters<typeof EPub>[1],
    files,
    new Date(meta.modified),
    entries,
    font ? [{ path: 'com.apple.ibooks.display-options.xml', data: new TextEncoder().encode(appleDisplayOptions) }] : [],
  );
  return { bytes: new Uint8Array(await epub.genEpub()), warnings, details };
}

/**
 * An article's layout when it needs more than one document (undefined when it fits in one).
 * `renderShell(part, children)` renders a part's document around `children`, to weigh what it
 * adds. Weighed without rendering: the article's tree, and only near the budget the exact
 * document (with the alt text the writer adds).
 */
function layoutArticle(article: Article, budget: number, children: () => ElementContent[], renderShell: (part: number, children: ElementContent[]) => string): ArticleLayout | undefined {
  // The header, the document around the section and the alt text images get are well under 8 KB.
  if (xmlByteLength(article.body) + 8 * 1024 <= budget) return undefined;
  const marker: ElementContent = { type: 'text', value: 'x' };
  const overhead = Math.max(...[1, 2].map((part) => Buffer.byteLength(renderShell(part, [marker])) - 1));
  const layout = splitArticle(children(), { budget, overhead, filename: (n) => articlePartHref(article, n) });
  return layout.parts.length > 1 ? layout : undefined;
}

/** Everything an article's document depends on besides the article (named by its digest). */
function documentKey(digest: string, settings: { writingMode: WritingMode; stylesheets: string[]; language: string }): string {
  return createHash('sha256').update(JSON.stringify(['epub-document', digest, settings.writingMode, settings.stylesheets, settings.language])).digest('hex').slice(0, 40);
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
    private readonly documents: CompressedEntry[],
    /** Files beside `container.xml` in `META-INF/`. */
    private readonly metaInf: PackagedFile[] = [],
  ) {
    super(options, content);
  }

  protected override async downloadAllImages(): Promise<void> {
    const oebps = this.zip.folder('OEBPS')!;
    for (const file of this.files) oebps.file(file.path, file.data, { binary: true, compression: /\.(png|jpe?g|gif|woff2?)$/i.test(file.path) ? 'STORE' : 'DEFLATE' });
  }

  /**
   * The chapters are rendered and compressed already (`genEpub` puts them in): they get empty
   * placeholders, in spine order, instead of one template compilation each. The package
   * document, NCX and nav still come from epub-gen-memory with wenji's templates.
   */
  protected override async generateTemplateFiles(): Promise<void> {
    const oebps = this.zip.folder('OEBPS')!;
    oebps.file('style.css', this.options.css);
    for (const chapter of this.content) oebps.file(chapter.filename, '');
    const chapters = this.content;
    this.content = [];
    try {
      await super.generateTemplateFiles();
    } finally {
      this.content = chapters;
    }
    const metaInf = this.zip.folder('META-INF')!;
    for (const file of this.metaInf) metaInf.file(file.path, file.data);
  }

  protected override async downloadAllFonts(): Promise<void> {}

  protected override async makeCover(): Promise<void> {}

  /**
   * The archive is written from the entries epub-gen-memory assembled, in its order (mimetype
   * first, stored), with native deflate instead of jszip's JavaScript one: the same EPUB, written
   * in a fraction of the time. Folder entries are left out (readers do not need them).
   */
  override async genEpub(): Promise<Buffer> {
    await this.render();
    const documents = new Map(this.documents.map((entry) => [entry.name, entry]));
    const entries: (ZipEntry | CompressedEntry)[] = [];
    for (const [name, file] of Object.entries(this.zip.files)) {
      if (file.dir) continue;
      entries.push(documents.get(name) ?? { name, data: await file.async('uint8array'), store: name === 'mimetype' || /\.(png|jpe?g|gif|webp)$/i.test(name) });
    }
    if (entries.filter((entry) => documents.has(entry.name)).length !== documents.size) throw new Error('epub-gen-memory did not lay out every document');
    return Buffer.from(writeZip(entries, this.date));
  }

  override async render(): Promise<this> {
    await super.render();
    for (const entry of Object.values(this.zip.files)) entry.date = this.date;
    return this;
  }
}
