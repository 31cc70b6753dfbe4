import {
  beginMarkedContent,
  endMarkedContent,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFRef,
  PDFString,
  popGraphicsState,
  pushGraphicsState,
  ReadingDirection,
  type PDFPage,
} from 'pdf-lib';
import type { PlannedPage } from './page-plan.js';

/**
 * Chromium's named destinations (`/Dests`: an element id that an in-document link points to →
 * the page it is on), as id → 0-based page index.
 */
export function readDestinations(doc: PDFDocument): Map<string, number> {
  const pageIndex = new Map(doc.getPages().map((page, index) => [page.ref.toString(), index]));
  const named = namedDestinations(doc);
  const result = new Map<string, number>();
  for (const [name, array] of named) {
    const page = destinationPage(array, pageIndex, named);
    if (page !== undefined) result.set(name, page);
  }
  return result;
}

/**
 * Makes the printed body the finished body of `plan`: inserts its blank pages and lays the
 * furniture page (folio, running head) over each other page, marked as an artifact (page
 * furniture is not content, for screen readers and reflow). `furniture` has one page per entry
 * of the plan. The body's own content is wrapped in q/Q first so that whatever graphics state
 * Chromium leaves at its end cannot move the furniture.
 */
export async function layFurniture(doc: PDFDocument, plan: PlannedPage[], furniture: PDFDocument, size: [number, number]): Promise<void> {
  const embedded = await doc.embedPages(furniture.getPages().slice(0, plan.length));
  plan.forEach((page, index) => {
    if (page.kind === 'blank') doc.insertPage(index, size);
  });
  const push = doc.context.register(doc.context.contentStream([pushGraphicsState()]));
  const pop = doc.context.register(doc.context.contentStream([popGraphicsState()]));
  const pages = doc.getPages();
  plan.forEach((page, index) => {
    const overlay = embedded[index];
    if (page.kind === 'blank' || !overlay) return;
    const target = pages[index]!;
    target.node.wrapContentStreams(push, pop);
    target.pushOperators(beginMarkedContent('Artifact'));
    target.drawPage(overlay);
    target.pushOperators(endMarkedContent());
  });
}

function namedDestinations(doc: PDFDocument): Map<string, PDFArray> {
  const result = new Map<string, PDFArray>();
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (dests) for (const [key, value] of dests.entries()) {
    const resolved = doc.context.lookup(value);
    if (resolved instanceof PDFArray) result.set(key.decodeText(), resolved);
  }
  return result;
}

function destinationPage(dest: unknown, pageIndex: Map<string, number>, named: Map<string, PDFArray>): number | undefined {
  let array: PDFArray | undefined;
  if (dest instanceof PDFArray) array = dest;
  else if (dest instanceof PDFName) array = named.get(dest.decodeText());
  else if (dest instanceof PDFString || dest instanceof PDFHexString) array = named.get(dest.decodeText());
  const target = array?.get(0);
  return target instanceof PDFRef ? pageIndex.get(target.toString()) : undefined;
}

export interface BookmarkNode {
  title: string;
  page: number;
  children: BookmarkNode[];
  /** Shown open (a part, with its articles listed); otherwise closed, so the sections do not flood the panel. */
  open?: boolean;
}

/** Replaces the document outline with the given tree (0-based page indices). */
export function writeOutline(doc: PDFDocument, nodes: BookmarkNode[]): void {
  const context = doc.context;
  const pages = doc.getPages();
  const rootRef = context.nextRef();
  /** `count`: the items shown when the parent is open (these, and the descendants of open ones). */
  const build = (items: BookmarkNode[], parentRef: PDFRef): { first?: PDFRef; last?: PDFRef; count: number } => {
    const refs = items.map(() => context.nextRef());
    let count = 0;
    items.forEach((item, index) => {
      const page = pages[Math.min(item.page, pages.length - 1)]!;
      const children = build(item.children, refs[index]!);
      const dict = context.obj({
        Title: PDFHexString.fromText(item.title),
        Parent: parentRef,
        Dest: context.obj([page.ref, PDFName.of('XYZ'), PDFNull, PDFNull, PDFNull]),
      }) as PDFDict;
      if (index > 0) dict.set(PDFName.of('Prev'), refs[index - 1]!);
      if (index < items.length - 1) dict.set(PDFName.of('Next'), refs[index + 1]!);
      if (children.first) {
        dict.set(PDFName.of('First'), children.first);
        dict.set(PDFName.of('Last'), children.last!);
        // Negative count: closed (articles, so the sections do not flood the panel).
        dict.set(PDFName.of('Count'), PDFNumber.of(item.open ? children.count : -children.count));
      }
      context.assign(refs[index]!, dict);
      count += 1 + (item.open && children.first ? children.count : 0);
    });
    return { first: refs[0], last: refs.at(-1), count };
  };
  const top = build(nodes, rootRef);
  const root = context.obj({ Type: 'Outlines', Count: top.count }) as PDFDict;
  if (top.first) {
    root.set(PDFName.of('First'), top.first);
    root.set(PDFName.of('Last'), top.last!);
  }
  context.assign(rootRef, root);
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/**
 * Links whose URI starts with `prefix` (written by the contents page) become jumps inside the
 * document: `resolve(key)` gives the 0-based page index.
 */
export function resolveInternalLinks(doc: PDFDocument, pages: PDFPage[], prefix: string, resolve: (key: string) => number | undefined): number {
  let resolved = 0;
  const all = doc.getPages();
  for (const page of pages) {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (!annots) continue;
    for (let i = 0; i < annots.size(); i++) {
      const annot = annots.lookupMaybe(i, PDFDict);
      const action = annot?.lookupMaybe(PDFName.of('A'), PDFDict);
      const uri = action?.lookupMaybe(PDFName.of('URI'), PDFString, PDFHexString)?.decodeText();
      if (!annot || !uri?.startsWith(prefix)) continue;
      const target = resolve(decodeURIComponent(uri.slice(prefix.length)));
      annot.delete(PDFName.of('A'));
      if (target === undefined) continue;
      annot.set(PDFName.of('Dest'), doc.context.obj([all[target]!.ref, PDFName.of('XYZ'), PDFNull, PDFNull, PDFNull]));
      resolved++;
    }
  }
  return resolved;
}

export interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  creator: string;
  language: string;
  date: Date;
  rightToLeft: boolean;
}

/** Info dictionary, document language and (for vertical books) right-to-left page progression. */
export function writeDocumentInfo(doc: PDFDocument, info: DocumentInfo): void {
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  if (info.author) doc.setAuthor(info.author);
  doc.setSubject(info.subject);
  if (info.keywords.length) doc.setKeywords(info.keywords);
  doc.setCreator(info.creator);
  doc.setProducer(`${info.creator} (Chromium, pdf-lib)`);
  doc.setLanguage(info.language);
  doc.setCreationDate(info.date);
  doc.setModificationDate(info.date);
  const preferences = doc.catalog.getOrCreateViewerPreferences();
  preferences.setDisplayDocTitle(true);
  if (info.rightToLeft) preferences.setReadingDirection(ReadingDirection.R2L);
}

/** Base names of the fonts embedded in the document, without subset prefixes (ABCDEF+). */
export function embeddedFontNames(doc: PDFDocument): string[] {
  const names = new Set<string>();
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const base = object.get(PDFName.of('BaseFont'));
    if (base instanceof PDFName) names.add(base.decodeText().replace(/^[A-Z]{6}\+/, ''));
    // Chromium draws a system font it cannot embed as TrueType (CFF CJK fonts) as nameless Type 3 glyphs.
    else if (object.get(PDFName.of('Subtype')) === PDFName.of('Type3')) names.add('a Type 3 font');
  }
  return [...names].sort();
}
