import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pageGeometries } from '../../src/writers/pdf/geometry.js';
import { runCli } from '../helpers/cli.js';
import { longBookTitle, writeLongBook, type LongArticle } from '../helpers/long-book.js';
import { contentsEntries } from '../helpers/pdf-contents.js';
import { folio, openPdf, type OpenedPdf, type PageText } from '../helpers/pdf.js';
import { letters, pageLines, paragraphs, type Mode, type TextLine } from '../helpers/pdf-lines.js';

/**
 * The printed page, read back from the PDF: contents numbers against the pages they name, page
 * furniture (folios, running heads, blank pages), article starts, widows and title balance, the
 * measure. One book of long articles with long titles, printed in both writing modes at A5 and B6.
 */

const squash = (text: string) => text.replace(/\s+/g, '');
const points = (mm: number) => (mm * 72) / 25.4;

interface Build {
  name: string;
  book: 'plain' | 'recto';
  args: string[];
  mode: Mode;
  size: 'a5' | 'b6';
  recto: boolean;
}

const builds: Build[] = [
  { name: 'vertical A5 (articles start on rectos by default)', book: 'plain', args: [], mode: 'vertical', size: 'a5', recto: true },
  { name: 'horizontal A5 (articles start on any page by default)', book: 'plain', args: ['--writing-mode', 'horizontal'], mode: 'horizontal', size: 'a5', recto: false },
  { name: 'vertical B6', book: 'plain', args: ['--page-size', 'b6'], mode: 'vertical', size: 'b6', recto: true },
  { name: 'horizontal B6 with pdf.articleStart: recto', book: 'recto', args: ['--writing-mode', 'horizontal', '--page-size', 'b6'], mode: 'horizontal', size: 'b6', recto: true },
];

let root: string;
let articles: LongArticle[];
const printed = new Map<string, OpenedPdf>();

before(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'wenji-pdf-contents-'));
  articles = writeLongBook(path.join(root, 'plain'));
  writeLongBook(path.join(root, 'recto'), '  articleStart: recto\n');
  for (const build of builds) {
    const out = path.join(root, `out-${build.mode}-${build.size}`);
    const result = await runCli(['pdf', path.join(root, build.book), '--out', out, ...build.args]);
    assert.equal(result.code, 0, `wenji pdf failed:\n${result.stderr}`);
    assert.doesNotMatch(result.stderr, /could not find where|page furniture came out/);
    printed.set(build.name, await openPdf(path.join(out, 'long-book.pdf')));
  }
});

after(() => rmSync(root, { recursive: true, force: true }));

for (const build of builds) {
  describe(`the long book as a ${build.name}`, () => {
    const geometry = pageGeometries[build.size];
    const bodySize = geometry.fontSize;
    let pdf: OpenedPdf;
    /** 0-based PDF pages where the articles start (from the bookmarks), and the colophon's. */
    let openings: number[];
    let first: number;
    const top = (page: PageText) => page.height - points(geometry.top);
    const bottom = () => points(geometry.bottom);
    // A glyph's box reaches a point or so past the content box; the running head sits far above.
    const body = (page: PageText, index: number) => pageLines(page, index, build.mode, { top: top(page) + 3, bottom: bottom() });

    before(() => {
      pdf = printed.get(build.name)!;
      openings = pdf.outline.slice(1).map((entry) => entry.page);
      first = openings[0]!;
    });

    test('bookmarks every article and section on the page where it is printed', () => {
      const titles = pdf.outline.map((entry) => entry.title);
      assert.deepEqual(titles, ['目录', ...articles.map((article) => article.title), '版权与来源']);
      articles.forEach((article, index) => {
        const entry = pdf.outline[index + 1]!;
        assert.ok(pdf.pages[entry.page]!.squashed.includes(squash(article.title)), `"${article.title}" on page ${entry.page + 1}`);
        assert.deepEqual(
          entry.children.map((child) => child.title),
          [...article.sections],
        );
        for (const section of entry.children) assert.ok(pdf.pages[section.page]!.squashed.includes(squash(section.title)), `section "${section.title}" on page ${section.page + 1}`);
      });
    });

    test('the contents print, for every entry, the folio of its page, and link there', () => {
      const expected = articles.flatMap((article) => [{ title: article.title, article }, ...article.sections.map((title) => ({ title, article }))]);
      const entries = contentsEntries(pdf, build.mode, first);
      assert.equal(entries.length, expected.length, 'one link per article and section');
      entries.forEach((entry, index) => {
        const { title, article } = expected[index]!;
        assert.ok(entry.text.includes(squash(title)), `entry ${index + 1} "${entry.text}" lists "${title}"`);
        assert.ok(entry.number !== undefined, `a page number follows "${title}"`);
        const landing = pdf.pages.findIndex((page, at) => at >= first && folio(page) === entry.number);
        assert.ok(landing >= 0, `a page has the folio ${entry.number}`);
        assert.ok(pdf.pages[landing]!.squashed.includes(squash(title)), `"${title}" is printed on the page with folio ${entry.number} (PDF page ${landing + 1})`);
        assert.equal(entry.target, landing, `the link for "${title}" goes to the page with folio ${entry.number}`);
        if (title === article.title) assert.equal(pdf.outline[articles.indexOf(article) + 1]!.page, landing, `the bookmark of "${title}"`);
      });
    });

    test('no running head on opening pages; elsewhere one line: the article title on rectos, the book title on versos', () => {
      const opening = new Set(openings);
      let heads = 0;
      for (let index = first; index < pdf.pages.length; index++) {
        const page = pdf.pages[index]!;
        if (page.items.length === 0) continue; // a blank page (see below)
        const head = page.items.filter((item) => item.y > top(page) + 2);
        const number = folio(page);
        assert.ok(number !== undefined, `page ${index + 1} has a folio`);
        if (opening.has(index)) {
          assert.deepEqual(head.map((item) => item.str).join(''), '', `no running head on the opening page ${index + 1}`);
          continue;
        }
        assert.ok(head.length > 0, `a running head on page ${index + 1}`);
        const baselines = new Set(head.map((item) => Math.round(item.y)));
        assert.equal(baselines.size, 1, `the running head of page ${index + 1} is one line`);
        const right = Math.max(...head.map((item) => item.x + item.width));
        const left = Math.min(...head.map((item) => item.x));
        assert.ok(left >= 0 && right <= page.width, `the running head of page ${index + 1} is inside the page`);
        const text = squash(head.map((item) => item.str).join(''));
        const part = openings.filter((start) => start <= index).length - 1;
        const title = part < articles.length ? articles[part]!.title : '版权与来源';
        const recto = number! % 2 === 1;
        assert.ok(isShortened(text, recto ? title : longBookTitle), `page ${index + 1} (folio ${number}, ${recto ? 'recto' : 'verso'}): "${text}" stands for "${recto ? title : longBookTitle}"`);
        heads++;
      }
      assert.ok(heads >= 10, `${heads} running heads`);
      // The long titles are shortened where the width calls for it: the cut at ： on A5, truncation on B6.
      const library = articles[3]!.title;
      const rectoHeads = pdf.pages.filter((page) => (folio(page) ?? 0) % 2 === 1).map((page) => squash(page.items.filter((item) => item.y > top(page) + 2).map((item) => item.str).join('')));
      assert.ok(rectoHeads.includes('渡口的船票记得每一个早晨'), 'the ferry title is cut at its colon');
      if (build.size === 'b6') assert.ok(rectoHeads.some((head) => head.endsWith('…') && library.startsWith(head.slice(0, -1))), 'the library title is truncated');
      else assert.ok(rectoHeads.includes(library), 'the library title fits an A5 head whole');
    });

    test(build.recto ? 'every article starts on a recto; blank pages before them carry nothing' : 'articles follow each other without blank pages', () => {
      const blanks = pdf.pages.map((page, index) => (index >= first && page.items.length === 0 ? index : -1)).filter((index) => index >= 0);
      const articleStarts = openings.slice(0, articles.length);
      if (build.recto) {
        for (const start of articleStarts) {
          assert.equal(folio(pdf.pages[start]!)! % 2, 1, `the article on PDF page ${start + 1} has an odd folio`);
          // The front matter has an even number of pages, so an odd folio is a right-hand recto.
          assert.equal(start % 2, 0, `PDF page ${start + 1} is a recto`);
        }
        // Two one-page articles in a row: one of them needs a blank page before it.
        assert.ok(blanks.length >= 1, 'at least one blank page');
        for (const blank of blanks) {
          assert.ok(articleStarts.includes(blank + 1), `the blank page ${blank + 1} comes right before an article`);
          assert.equal(pdf.pages[blank]!.items.length, 0, 'no folio, no running head');
          assert.equal(folio(pdf.pages[blank + 1]!)! - folio(pdf.pages[blank - 1]!)!, 2, 'a blank page is counted in the folios');
        }
      } else {
        assert.deepEqual(blanks, []);
        const [letter, reply] = [articleStarts[1]!, articleStarts[2]!];
        assert.equal(reply, letter + 1, 'the second one-page article is on the page after the first');
      }
    });

    test('no paragraph ends with a single character alone in its last line or column', () => {
      const lines = pdf.pages.flatMap((page, index) => (index >= first ? body(page, index) : []));
      const found = paragraphs(lines, bodySize, build.mode, new Set(openings));
      const long = found.filter((paragraph) => paragraph.lines.length >= 2);
      assert.ok(long.length >= 40, `${long.length} paragraphs of two lines or more`);
      const widows = long.filter((paragraph) => letters(paragraph.lines.at(-1)!.text) <= 1);
      assert.deepEqual(
        widows.map((paragraph) => `page ${paragraph.lines.at(-1)!.page + 1}: …${paragraph.lines.at(-2)!.text.slice(-6)} | ${paragraph.lines.at(-1)!.text}`),
        [],
      );
    });

    test('long titles are balanced: no line or column of a title holds only one or two characters', () => {
      for (const [index, article] of articles.entries()) {
        if ([...article.title].length < 20) continue;
        const page = pdf.pages[openings[index]!]!;
        const title = pageLines(page, openings[index]!, build.mode, { top: page.height, bottom: 0 }).filter((line) => Math.abs(line.size - bodySize * 1.7) < 0.5);
        assert.ok(title.length >= 2, `"${article.title}" takes ${title.length} lines`);
        const counts = title.map((line) => letters(line.text));
        assert.ok(Math.min(...counts) >= 3, `"${article.title}": ${counts.join(' + ')}`);
        assert.ok(Math.max(...counts) - Math.min(...counts) <= 3, `"${article.title}" is balanced: ${counts.join(' + ')}`);
      }
    });

    test('a full column or line holds the characters of the preset (docs/page-layout.md)', () => {
      const lines = pdf.pages.flatMap((page, index) => (index >= first ? body(page, index) : []));
      const inner: TextLine[] = [];
      // Lines inside paragraphs, of Chinese characters and punctuation only (a Latin word or a
      // number takes a different room than its count of characters).
      for (const paragraph of paragraphs(lines, bodySize, build.mode, new Set(openings))) inner.push(...paragraph.lines.slice(1, -1).filter((line) => !/[A-Za-z0-9]/.test(line.text)));
      const counts = new Map<number, number>();
      for (const line of inner) counts.set(line.cells, (counts.get(line.cells) ?? 0) + 1);
      const [common] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
      const expected = { vertical: { a5: 42, b6: 41 }, horizontal: { a5: 30, b6: 29 } }[build.mode][build.size];
      assert.equal(common, expected, `most full ${build.mode === 'vertical' ? 'columns' : 'lines'} hold ${common} characters (${inner.length} measured)`);
    });
  });
}

/** A running head stands for `title` when it is the title, its part before ：or ——, or a truncation ending in …. */
function isShortened(head: string, title: string): boolean {
  const whole = squash(title);
  if (head === whole) return true;
  const cut = /：|:|——/.exec(whole);
  if (cut && head === whole.slice(0, cut.index)) return true;
  return head.endsWith('…') && head.length >= 5 && whole.startsWith(head.slice(0, -1));
}
