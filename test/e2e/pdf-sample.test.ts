import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PDFDict, PDFName } from 'pdf-lib';
import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';
import { fonts, folio, infoString, linkTargets, openPdf, type OpenedPdf } from '../helpers/pdf.js';
import { expectedArticles } from '../helpers/sample.js';

const squash = (text: string) => text.replace(/\s+/g, '');
const mm = (points: number) => (points * 25.4) / 72;

for (const variant of [
  { mode: 'vertical', args: [] as string[], size: [148, 210] },
  { mode: 'horizontal', args: ['--writing-mode', 'horizontal', '--page-size', 'b6'], size: [128, 182] },
] as const) {
  describe(`the sample anthology as a ${variant.mode} PDF`, () => {
    let dir: string;
    let pdf: OpenedPdf;
    const articles = expectedArticles();

    before(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'wenji-pdf-'));
      const result = await runCli(['pdf', repoRoot, '--out', dir, ...variant.args]);
      assert.equal(result.code, 0, `wenji pdf failed:\n${result.stderr}`);
      assert.doesNotMatch(result.stderr, /could not find where/);
      pdf = await openPdf(path.join(dir, 'dengxia-ji.pdf'));
    });

    after(() => rmSync(dir, { recursive: true, force: true }));

    test('writes only the finished PDF', () => {
      assert.deepEqual(readdirSync(dir).filter((name) => name !== '.cache'), ['dengxia-ji.pdf']);
    });

    test('has the page size of the preset on every page', () => {
      for (const page of pdf.pages) {
        assert.ok(Math.abs(mm(page.width) - variant.size[0]) < 0.5, `width ${mm(page.width)} mm`);
        assert.ok(Math.abs(mm(page.height) - variant.size[1]) < 0.5, `height ${mm(page.height)} mm`);
      }
    });

    test('bookmarks every article in order, with its sections, on the page where it starts', () => {
      const titles = pdf.outline.map((entry) => entry.title);
      assert.equal(titles[0], '目录');
      assert.deepEqual(titles.slice(1, 1 + articles.length), articles.map((article) => article.title));
      for (const entry of pdf.outline.slice(1, 1 + articles.length)) {
        assert.ok(pdf.pages[entry.page]!.squashed.includes(squash(entry.title)), `"${entry.title}" is on page ${entry.page + 1}`);
        for (const section of entry.children) {
          const unquote = (text: string) => text.replace(/[“”「」]/g, '');
          assert.ok(unquote(pdf.pages[section.page]!.squashed).includes(unquote(squash(section.title))), `section "${section.title}" on page ${section.page + 1}`);
        }
      }
      const interview = pdf.outline[1]!;
      assert.ok(interview.children.length >= 6, 'the interview has six sections');
    });

    test('prints in the contents the folio of the page where each article starts, and links there', () => {
      const contentsPage = pdf.outline[0]!.page;
      const contents = pdf.pages[contentsPage]!;
      const targets = linkTargets(pdf, contentsPage);
      assert.equal(targets.length, articles.length, 'one link per article');
      // Walk the contents text: after each title comes (maybe an author, then) its page number.
      const strings = contents.items.map((item) => squash(item.str)).filter(Boolean);
      const starts: number[] = [];
      let text = '';
      for (const piece of strings) {
        starts.push(text.length);
        text += piece;
      }
      let from = 0;
      articles.forEach((article, index) => {
        const at = text.indexOf(squash(article.title), from);
        assert.ok(at >= 0, `"${article.title}" is listed`);
        from = at + squash(article.title).length;
        const next = strings.findIndex((piece, i) => starts[i]! >= from && /^\d+$/.test(piece));
        assert.ok(next >= 0, `a page number follows "${article.title}"`);
        const number = Number(strings[next]);
        const landing = targets[index]!;
        assert.ok(pdf.pages[landing]!.squashed.includes(squash(article.title)), `the link for "${article.title}" lands on its first page`);
        assert.equal(folio(pdf.pages[landing]!), number, `the printed folio of "${article.title}"'s first page is ${number}`);
      });
    });

    test('numbers the body pages and leaves the cover unnumbered', () => {
      assert.equal(folio(pdf.pages[0]!), undefined, 'no folio on the cover');
      const first = pdf.outline[1]!.page;
      assert.equal(first % 2, 0, 'the first body page is a recto (odd page number)');
      // Every body page carries its number, counted from the first; a blank page (before an
      // article that starts on a recto) carries nothing but is counted.
      pdf.pages.slice(first).forEach((page, index) => {
        if (page.items.length === 0) assert.ok(index > 0 && pdf.outline.some((entry) => entry.page === first + index + 1), `the blank page ${first + index + 1} comes before an article`);
        else assert.equal(folio(page), index + 1, `PDF page ${first + index + 1}`);
      });
    });

    test('embeds every font as TrueType/CID, none as Type 3', () => {
      const list = fonts(pdf);
      assert.ok(list.length >= 2);
      for (const font of list) {
        assert.notEqual(font.subtype, 'Type3', font.name);
        assert.ok(font.embedded, `${font.name} is embedded`);
      }
      assert.ok(list.some((font) => /NotoSerifSC/.test(font.name)));
    });

    test(`${variant.mode === 'vertical' ? 'declares' : 'does not declare'} right-to-left page progression`, () => {
      const preferences = pdf.lib.catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict);
      const direction = preferences?.get(PDFName.of('Direction'));
      if (variant.mode === 'vertical') assert.equal(direction, PDFName.of('R2L'));
      else assert.notEqual(direction, PDFName.of('R2L'));
    });

    test('carries title, author, subject, keywords, creator and language', () => {
      assert.equal(infoString(pdf, 'Title'), '灯下集：访谈、随笔与书信六篇');
      assert.equal(infoString(pdf, 'Author'), '林远舟');
      assert.match(infoString(pdf, 'Subject') ?? '', /示范/);
      assert.match(infoString(pdf, 'Keywords') ?? '', /活字印刷/);
      assert.match(infoString(pdf, 'Creator') ?? '', /^wenji \d/);
      assert.equal(pdf.lib.catalog.lookup(PDFName.of('Lang'))?.toString(), '(zh-Hans)');
    });

    test('sets the text in the bundled fonts with its CJK typography', () => {
      const body = pdf.pages.slice(pdf.outline[1]!.page).map((page) => page.squashed).join('');
      assert.ok(body.includes('铅字'));
      if (variant.mode === 'vertical') assert.ok(body.includes('「'), 'corner brackets in vertical text');
      else assert.ok(body.includes('“'), 'curly quotes kept in horizontal text');
    });
  });
}
