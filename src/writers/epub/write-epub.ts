import type { ElementContent } from 'hast';
import type { Book } from '../../book/model.js';
import { buildToc } from '../../book/toc.js';
import type { WritingMode } from '../../config/schema.js';
import { faceFor, type CjkFace } from '../../locale/cjk-locale.js';
import { labelsFor } from '../../locale/labels.js';
import { prepareCover, type CoverStore, type PreparedCover } from '../cover/prepare-cover.js';
import { collectBookText } from '../fonts/book-text.js';
import { bundledSerifs, type FontFamily } from '../fonts/bundled-fonts.js';
import { embedFont, type EmbeddedFont } from '../fonts/embed-font.js';
import { articleDocuments, articleSpecBase, colophonDocument, frontDocuments, type DocumentSpec } from './document-specs.js';
import { articleSection } from './documents.js';
import type { DocumentStore } from './document-store.js';
import { navigationBody, ncxNavigation } from './navigation.js';
import { packageTemplateData } from './package-metadata.js';
import { packageEpub } from './packaged-epub.js';
import { keptDocuments, renderDocument, renderWithCache, type DocumentPass } from './render-documents.js';

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
  /** An edition's change to every content document of the spine (the Kobo edition's), applied as each is rendered. */
  documentPass?: DocumentPass | undefined;
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

/**
 * Book → EPUB 3 bytes, in the steps of pandoc's EPUB writer: the cover; the documents' specs
 * (document-specs.ts: front matter, articles split to the budget, colophon); the embedded font,
 * subset to what they set; the documents rendered with the cache (render-documents.ts); the
 * package metadata and navigation (package-metadata.ts, navigation.ts), packaged by
 * epub-gen-memory with wenji's templates into a zip whose entries carry the book's date, so that
 * the same book gives the same bytes. Spine: cover, title page, contents, articles, colophon.
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

  // An article whose document, as kept from an earlier build, is well under the budget is not
  // weighed again; the others are weighed with both stylesheets linked, so that the layout does
  // not depend on whether the font could be embedded.
  const pass = options.documentPass;
  const kept = keptDocuments(options.documentStore, { writingMode, language: meta.language, pass });
  const budget = options.documentBudget ?? defaultDocumentBudget;
  const stylesheetsWanted = options.embedFont ? ['fonts.css', 'style.css'] : ['style.css'];
  const articles = articleDocuments(book, labels, {
    budget,
    fits: (article) => {
      const stored = kept.find(article.digest, stylesheetsWanted);
      return stored !== undefined && stored.size + 1024 <= budget;
    },
    renderShell: (article, part, children) => renderDocument({ ...articleSpecBase(article, book), body: articleSection(article, children, part) }, { writingMode, stylesheets: ['fonts.css', 'style.css'] }),
  });
  const credit = (used: FontFamily[]) => `${used.map((font) => font.name).join(', ')} · ${family.license}`;
  const specs: DocumentSpec[] = [...frontDocuments(book, cover, toc, labels, articles.hrefOf), ...articles.specs, colophonDocument(book, labels, options.embedFont ? credit([family]) : undefined)];
  const nav = navigationBody(book, toc, labels, articles.hrefOf);

  let font: EmbeddedFont | undefined;
  if (options.embedFont) {
    // The credit may name every face: its letters are in the book's face whichever are embedded.
    const sources = [...specs.map((spec) => ({ language: spec.language, nodes: spec.body() })), { language: meta.language, nodes: nav }, { language: meta.language, nodes: [{ type: 'text' as const, value: credit(Object.values(families)) }] }];
    const embedded = await embedFont(collectBookText(sources, bookFace), families, bookFace, display);
    warnings.push(...embedded.warnings);
    font = embedded.font;
    if (font) details.push(embeddedDetail(font));
    specs[specs.length - 1] = colophonDocument(book, labels, font ? credit(font.families) : undefined);
  }

  const stylesheets = font ? ['fonts.css', 'style.css'] : ['style.css'];
  const rendered = await renderWithCache(specs, { writingMode, stylesheets, pass }, kept);
  for (const [index, layout] of articles.layouts.entries()) {
    if (!layout) continue;
    const names = new Set(layout.parts.map((part) => `OEBPS/${part.filename}`));
    const sizes = rendered.entries.filter((entry) => names.has(entry.name)).map((entry) => Math.ceil(entry.size / 1024));
    details.push(`split "${book.articles[index]!.title}" into ${sizes.length} documents of ${sizes.join(', ')} KB (each kept under ${Math.round(budget / 1024)} KB for e-readers)`);
  }
  if (kept.store) details.push(`rendered ${rendered.rendered} article document${rendered.rendered === 1 ? '' : 's'}${rendered.reused ? `, ${rendered.reused} from the cache` : ''}`);

  const navXhtml = renderDocument({ title: labels.contents, body: nav as ElementContent[], bodyClass: 'nav', language: meta.language }, { writingMode, stylesheets });
  const templateData = packageTemplateData(book, { specs, cover, font, writingMode, ...ncxNavigation(toc, articles.hrefOf), navXhtml });
  const bytes = await packageEpub(book, { css: options.css, specs, entries: rendered.entries, cover, font, templateData });
  return { bytes, warnings, details };
}

/** The build log's line about the embedded font: faces, characters, sizes, time. */
function embeddedDetail(font: EmbeddedFont): string {
  const bytes = font.files.reduce((total, file) => total + file.data.length, 0);
  const sizes = font.files.map((file) => `${file.face.toUpperCase()} ${file.weight === 700 ? 'bold' : 'regular'} ${Math.round(file.data.length / 1024)} KB`);
  return `embedded ${font.families.map((used) => used.name).join(', ')}, ${font.characters} characters (${sizes.join(', ')}; ${Math.round(bytes / 1024)} KB) in ${font.seconds.toFixed(1)} s`;
}
