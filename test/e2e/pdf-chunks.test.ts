import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, PDFString, PDFHexString, type PDFObject } from 'pdf-lib';
import { pageGeometries, pageSides } from '../../src/writers/pdf/geometry.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';
import { writeLongBook } from '../helpers/long-book.js';
import { folio, openPdf, type OpenedPdf } from '../helpers/pdf.js';

/**
 * A book printed in chunks (a tiny chunk size, so that the long book needs several) against the
 * same book printed in one piece: the same pages with the same text at the same places, the same
 * contents, bookmarks, named destinations and links (links between articles in different chunks
 * included), one structure tree holding every page's content; and every page's type area on its
 * own side of the spread. Both writing modes, articles starting on rectos and on any page.
 */

interface Variant {
  name: string;
  /** The long book (with the lines of book.yaml added) or the parts fixture (test/fixtures/parts). */
  book: 'long' | 'parts';
  yaml: string;
  args: string[];
  mode: 'vertical' | 'horizontal';
}

const variants: Variant[] = [
  { name: 'vertical, articles on rectos', book: 'long', yaml: '', args: [], mode: 'vertical' },
  { name: 'vertical, articles on any page', book: 'long', yaml: '  articleStart: any\n', args: [], mode: 'vertical' },
  { name: 'horizontal, articles on any page', book: 'long', yaml: '', args: ['--writing-mode', 'horizontal'], mode: 'horizontal' },
  { name: 'horizontal, articles on rectos', book: 'long', yaml: '  articleStart: recto\n', args: ['--writing-mode', 'horizontal'], mode: 'horizontal' },
  // Parts (辑): a part's title page goes with its first article, a chunk may start before it.
  { name: 'a book in parts, vertical', book: 'parts', yaml: '', args: [], mode: 'vertical' },
  { name: 'a book in parts, horizontal', book: 'parts', yaml: '', args: ['--writing-mode', 'horizontal'], mode: 'horizontal' },
];
const fileOf = (variant: Variant) => (variant.book === 'long' ? 'long-book.pdf' : 'parts-book.pdf');

const points = (mm: number) => (mm * 72) / 25.4;
/** Chromium places the same glyph a few thousandths of a point apart in a long and a short document. */
const close = (a: number, b: number) => Math.abs(a - b) < 0.05;
const closeOrNull = (a: number | null, b: number | null | undefined) => (a === null || b === null || b === undefined ? a === b : close(a, b));
let root: string;
const printed = new Map<string, { whole: OpenedPdf; chunked: OpenedPdf; chunks: number }>();

/** The long book, an article in front linking far ahead and one at the end linking back, with notes. */
function writeBook(dir: string, yaml: string): void {
  writeLongBook(dir, yaml);
  writeFileSync(
    path.join(dir, 'content', '00-preface.md'),
    '---\ntitle: 编者小序\n---\n\n这本集子从渡口写起，到[修钟的师傅](05-clock.md)为止，中间夹着[一封短信](02-letter.md)。[^1]\n\n[^1]: 短信只有一段。\n',
  );
  writeFileSync(
    path.join(dir, 'content', '06-afterword.md'),
    '---\ntitle: 后记\n---\n\n回头再读[渡口那一篇](01-ferry.md)，又想起[图书馆](04-library.md)。[^a]\n\n[^a]: 两篇都写于同一年。\n',
  );
}

before(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'wenji-pdf-chunks-'));
  for (const [index, variant] of variants.entries()) {
    const book = path.join(root, `book-${index}`);
    if (variant.book === 'long') writeBook(book, variant.yaml);
    else cpSync(fixture('parts'), book, { recursive: true });
    const build = async (pages: string, out: string) => {
      const result = await runCli(['pdf', book, '--out', out, '--no-cache', ...variant.args], { env: { WENJI_PDF_CHUNK_PAGES: pages } });
      assert.equal(result.code, 0, result.stderr);
      assert.doesNotMatch(result.stderr, /could not find where|page furniture came out/);
      return result.stderr;
    };
    await build('0', path.join(root, `whole-${index}`));
    // The parts book's articles are short: a fifth of a page's text puts each in a chunk of its own (its part's title page with it).
    const log = await build(variant.book === 'long' ? '3' : '0.2', path.join(root, `chunked-${index}`));
    const chunks = Number(/printed the body in (\d+) chunks/.exec(log)?.[1] ?? 1);
    printed.set(variant.name, {
      whole: await openPdf(path.join(root, `whole-${index}`, fileOf(variant))),
      chunked: await openPdf(path.join(root, `chunked-${index}`, fileOf(variant))),
      chunks,
    });
  }
});

after(() => rmSync(root, { recursive: true, force: true }));

for (const variant of variants) {
  describe(`printed in chunks: ${variant.name}`, () => {
    let whole: OpenedPdf;
    let chunked: OpenedPdf;
    before(() => {
      ({ whole, chunked } = printed.get(variant.name)!);
    });

    test('the body was printed in several chunks', () => {
      assert.ok(printed.get(variant.name)!.chunks >= 4, `chunks: ${printed.get(variant.name)!.chunks}`);
    });

    test('the same pages, with the same text at the same places (contents numbers and folios included)', () => {
      assert.equal(chunked.pages.length, whole.pages.length);
      whole.pages.forEach((page, index) => {
        const other = chunked.pages[index]!;
        assert.equal(other.squashed, page.squashed, `page ${index + 1}`);
        assert.equal(other.items.length, page.items.length, `page ${index + 1}`);
        page.items.forEach((item, n) => {
          const twin = other.items[n]!;
          assert.ok(close(twin.x, item.x) && close(twin.y, item.y), `page ${index + 1}, "${item.str}": (${twin.x}, ${twin.y}) against (${item.x}, ${item.y})`);
        });
      });
    });

    test('the same bookmarks, to the same pages', () => {
      assert.ok(whole.outline.length >= (variant.book === 'long' ? 9 : 5));
      if (variant.book === 'parts') assert.ok(whole.outline.some((entry) => entry.children.length >= 2), 'parts hold their articles');
      assert.deepEqual(chunked.outline, whole.outline);
    });

    test('the same named destinations, at the same places', () => {
      const dests = destinations(whole);
      const expected = variant.book === 'long' ? ['ferry-title', 'wenji_colophon'] : [...dests.keys()].filter((name) => /^wenji_part/.test(name));
      assert.ok(expected.length >= 1 && expected.every((name) => dests.has(name)), [...dests.keys()].join(' '));
      const other = destinations(chunked);
      assert.deepEqual([...other.keys()].sort(), [...dests.keys()].sort());
      for (const [name, dest] of dests) {
        const twin = other.get(name)!;
        assert.ok(twin.page === dest.page && twin.place.every((value, i) => closeOrNull(value, dest.place[i])), `${name}: ${JSON.stringify(twin)} against ${JSON.stringify(dest)}`);
      }
    });

    test('the same links; links to articles printed in another chunk lead to their first page', () => {
      const links = allLinks(whole);
      const other = allLinks(chunked);
      assert.equal(other.length, links.length);
      links.forEach((link, index) => {
        const twin = other[index]!;
        assert.ok(twin.page === link.page && twin.target === link.target && twin.rect.every((value, i) => close(value, link.rect[i]!)), `${JSON.stringify(twin)} against ${JSON.stringify(link)}`);
      });
      if (variant.book === 'parts') return;
      const start = (title: string) => whole.outline.find((entry) => entry.title === title)!.page;
      const fromPreface = links.filter((link) => link.page === start('编者小序')).map((link) => link.target);
      assert.ok(fromPreface.includes(start('修钟的师傅——关于时间、齿轮、耐心和一间开了六十年的小铺子')), JSON.stringify(fromPreface));
      assert.ok(fromPreface.includes(start('写给远方朋友的一封短信')), JSON.stringify(fromPreface));
      const fromAfterword = links.filter((link) => link.page === start('后记')).map((link) => link.target);
      assert.ok(fromAfterword.includes(start(whole.outline[2]!.title)), JSON.stringify(fromAfterword));
      // No link is left pointing at the address wenji used between the chunks.
      assert.ok(!JSON.stringify(links).includes('wenji.invalid'));
    });

    test('one structure tree holds the content of every page, as in the one-piece print', () => {
      const tree = structure(chunked);
      const wholeTree = structure(whole);
      assert.deepEqual(tree.kinds, wholeTree.kinds);
      assert.ok((tree.kinds.get('H1') ?? 0) >= 8, JSON.stringify([...tree.kinds]));
      for (const [index, key] of tree.pageKeys) {
        assert.ok(tree.parentKeys.has(key), `page ${index + 1}: /StructParents ${key} is not in the parent tree`);
      }
      assert.equal(new Set(tree.pageKeys.map(([, key]) => key)).size, tree.pageKeys.length, 'every page has its own parent tree key');
      assert.equal(tree.pageKeys.length, wholeTree.pageKeys.length);
    });

    test('poppler reads the same tagged text from both (each element with the text of its marked content)', (t) => {
      const index = variants.indexOf(variant);
      // Link annotations are listed by object number, which the merge renumbers. In horizontal
      // books a one-piece print also has an empty run of an article's title on the page before it
      // (docs/page-layout.md, "Where articles start"); in chunks that page is in another document.
      const tagged = (name: string) =>
        execFileSync('pdfinfo', ['-struct-text', path.join(root, `${name}-${index}`, fileOf(variant))], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
          .replace(/Object \d+ \d+/g, 'Object')
          .replace(/^\s*""\n/gm, '');
      let whole: string;
      try {
        whole = tagged('whole');
      } catch {
        t.skip('pdfinfo (poppler-utils) not installed');
        return;
      }
      if (variant.book === 'long') {
        assert.match(whole, /H1 \(block\)\s+NonStruct\s+"编者小序"/);
        assert.match(whole, /Link \(inline\)\s+NonStruct\s+"修钟的师傅"\s+Object/);
      }
      assert.equal(tagged('chunked'), whole);
    });

    // The parts book is too short for it (five rectos and five versos with full pages).
    if (variant.book === 'long') test('every page sets its type area on its own side: the gutter at the binding edge', () => {
      const geometry = pageGeometries.a5;
      const sides = pageSides(geometry, variant.mode);
      // Horizontal lines start at the left margin; vertical columns start at the right one (half the leading inside it).
      const margin = variant.mode === 'horizontal' ? 'left' : 'right';
      const edges: [number[], number[]] = [[], []];
      const firstBody = chunked.outline[1]!.page;
      const openings = new Set(chunked.outline.map((entry) => entry.page));
      chunked.pages.forEach((page, index) => {
        // Opening pages start lower (the title's space); the pages after them run from edge to edge.
        const number = index >= firstBody && !openings.has(index) ? folio(page) : undefined;
        const body = page.items.filter((item) => item.y > points(geometry.bottom) && item.y < page.height - points(geometry.top) && !/^\d+$/.test(item.str.trim()));
        if (number === undefined || body.length < 20) return;
        const edge = variant.mode === 'horizontal' ? Math.min(...body.map((item) => item.x)) : page.width - Math.max(...body.map((item) => item.x + item.size));
        edges[number % 2 === 1 ? 0 : 1].push(edge);
      });
      const [rectos, versos] = edges;
      assert.ok(rectos.length >= 5 && versos.length >= 5, `${rectos.length} rectos, ${versos.length} versos`);
      // The median page of each side (a column may begin with a bracket or a sideways word, which sits further in).
      const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
      for (const [list, side] of [[rectos, sides.recto], [versos, sides.verso]] as const) {
        const typical = median(list);
        const off = list.filter((edge) => Math.abs(edge - typical) > 1);
        assert.ok(off.length <= list.length / 4, `${margin} edges: ${list.map((edge) => edge.toFixed(1)).join(' ')}`);
        assert.ok(Math.abs(typical - points(side[margin])) < 6, `${margin} edge at ${typical.toFixed(1)} pt, margin ${points(side[margin]).toFixed(1)} pt`);
      }
      const moved = median(versos) - median(rectos);
      const expected = points(sides.verso[margin]) - points(sides.recto[margin]);
      assert.ok(Math.abs(moved - expected) < 0.5 && Math.abs(expected) > 5, `versos sit ${moved.toFixed(2)} pt from the rectos, the margins ${expected.toFixed(2)} pt`);
    });
  });
}

interface Dest {
  page: number | undefined;
  /** [left top zoom] of an XYZ destination. */
  place: (number | null)[];
}

/** Named destination → page index and position. */
function destinations(pdf: OpenedPdf): Map<string, Dest> {
  const result = new Map<string, Dest>();
  const dests = pdf.lib.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [name, value] of dests?.entries() ?? []) result.set(name.decodeText(), describeDest(pdf, pdf.lib.context.lookup(value)));
  return result;
}

function describeDest(pdf: OpenedPdf, dest: PDFObject | undefined): Dest {
  if (dest instanceof PDFName) return describeDest(pdf, pdf.lib.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict)?.lookup(dest));
  if (!(dest instanceof PDFArray)) return { page: undefined, place: [] };
  const ref = dest.get(0);
  return { page: ref instanceof PDFRef ? pdf.pageIndex.get(ref.toString()) : undefined, place: dest.asArray().slice(2).map((value) => (value instanceof PDFNumber ? value.asNumber() : null)) };
}

/** Every link annotation: its page, where it is, and the page it leads to (or its URI). */
function allLinks(pdf: OpenedPdf): { page: number; rect: number[]; target: number | string | undefined }[] {
  const links: { page: number; rect: number[]; target: number | string | undefined }[] = [];
  pdf.lib.getPages().forEach((page, index) => {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (let i = 0; i < (annots?.size() ?? 0); i++) {
      const annot = annots!.lookupMaybe(i, PDFDict);
      if (!annot) continue;
      const rect = annot.lookupMaybe(PDFName.of('Rect'), PDFArray)?.asArray().map((value) => (value as PDFNumber).asNumber()) ?? [];
      const dest = annot.lookup(PDFName.of('Dest'));
      const uri = annot.lookupMaybe(PDFName.of('A'), PDFDict)?.lookupMaybe(PDFName.of('URI'), PDFString, PDFHexString)?.decodeText();
      links.push({ page: index, rect, target: dest ? describeDest(pdf, dest).page : uri });
    }
  });
  return links;
}

/** Structure element counts by type (from the root down), each page's parent tree key, and the keys the parent tree has. */
function structure(pdf: OpenedPdf): { kinds: Map<string, number>; pageKeys: [number, number][]; parentKeys: Set<number> } {
  const root = pdf.lib.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  const kinds = new Map<string, number>();
  const seen = new Set<PDFObject>();
  const walk = (object: PDFObject | undefined) => {
    const value = object instanceof PDFRef ? pdf.lib.context.lookup(object) : object;
    if (!value || seen.has(value)) return;
    seen.add(value);
    if (value instanceof PDFArray) return value.asArray().forEach(walk);
    if (!(value instanceof PDFDict)) return;
    const kind = value.get(PDFName.of('S'));
    if (kind instanceof PDFName) kinds.set(kind.decodeText(), (kinds.get(kind.decodeText()) ?? 0) + 1);
    walk(value.get(PDFName.of('K')));
  };
  walk(root.get(PDFName.of('K')));
  const parentKeys = new Set<number>();
  const collect = (node: PDFDict | undefined) => {
    const nums = node?.lookupMaybe(PDFName.of('Nums'), PDFArray);
    for (let i = 0; i < (nums?.size() ?? 0); i += 2) parentKeys.add((nums!.get(i) as PDFNumber).asNumber());
    const kids = node?.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; i < (kids?.size() ?? 0); i++) collect(kids!.lookupMaybe(i, PDFDict));
  };
  collect(root.lookupMaybe(PDFName.of('ParentTree'), PDFDict));
  const pageKeys: [number, number][] = [];
  pdf.lib.getPages().forEach((page, index) => {
    const key = page.node.lookupMaybe(PDFName.of('StructParents'), PDFNumber);
    if (key) pageKeys.push([index, key.asNumber()]);
  });
  return { kinds, pageKeys, parentKeys };
}
