import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFRef,
  PDFString,
  ReadingDirection,
  type PDFPage,
} from 'pdf-lib';

/** A heading bookmark as Chromium wrote it: level (1 = h1), title, 0-based page index. */
export interface OutlineEntry {
  level: number;
  title: string;
  page: number;
}

/** Chromium's outline (from `outline: true`), flattened in document order. */
export function readOutline(doc: PDFDocument): OutlineEntry[] {
  const pageIndex = new Map(doc.getPages().map((page, index) => [page.ref.toString(), index]));
  const named = namedDestinations(doc);
  const entries: OutlineEntry[] = [];
  const root = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const walk = (parent: PDFDict, level: number) => {
    let item = parent.lookupMaybe(PDFName.of('First'), PDFDict);
    while (item) {
      const title = item.lookupMaybe(PDFName.of('Title'), PDFString, PDFHexString)?.decodeText() ?? '';
      const page = destinationPage(item.lookup(PDFName.of('Dest')), pageIndex, named);
      if (page !== undefined) entries.push({ level, title, page });
      walk(item, level + 1);
      item = item.lookupMaybe(PDFName.of('Next'), PDFDict);
    }
  };
  if (root) walk(root, 1);
  return entries;
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
}

/** Replaces the document outline with the given tree (0-based page indices). */
export function writeOutline(doc: PDFDocument, nodes: BookmarkNode[]): void {
  const context = doc.context;
  const pages = doc.getPages();
  const rootRef = context.nextRef();
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
        // Negative count: articles start closed, so the sections do not flood the panel.
        dict.set(PDFName.of('Count'), PDFNumber.of(-children.count));
      }
      context.assign(refs[index]!, dict);
      count += 1;
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
