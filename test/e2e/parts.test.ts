import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Element } from 'xast';
import { pageGeometries } from '../../src/writers/pdf/geometry.js';
import { runCli } from '../helpers/cli.js';
import { assertJavaEpubcheckClean, epubcheckTs, findAll, openEpub, readPackage, textOf, type OpenedEpub, type PackageView } from '../helpers/epub.js';
import { contentsEntries } from '../helpers/pdf-contents.js';
import { folio, openPdf, type OpenedPdf, type OutlineNode } from '../helpers/pdf.js';
import { repoRoot } from '../helpers/paths.js';

/**
 * Parts (辑) end to end, on test/fixtures/parts: a preface article, three parts (a folder with
 * `_part.yaml`, one with `index.md`, one named by its folder, holding a nested folder and an
 * English article), and an afterword. The EPUB's spine, part pages, nav, NCX and contents page
 * in both writing modes (EPUBCheck, both validators); the PDF's bare part title pages on rectos,
 * contents grouped with the right numbers, nested outline, running heads, in both modes; and
 * what `wenji check` says about broken parts.
 */

const fixture = path.join(repoRoot, 'test', 'fixtures', 'parts');
const squash = (text: string) => text.replace(/\s+/g, '');
const points = (mm: number) => (mm * 72) / 25.4;

/** The book's reading order: the titles of the outline, parts with their articles. */
const expectedOutline = [
  '小引',
  { part: '第一辑 · 人物', articles: ['钟表匠', '早点铺', '退休的老师'] },
  { part: '第二辑 · 地方', articles: ['石桥', 'The River at Dusk', '消失的菜市场'] },
  { part: '第三辑', articles: ['杂记三则'] },
  '后记',
];
const partTitles = ['第一辑 · 人物', '第二辑 · 地方', '第三辑'];
const articleTitles = expectedOutline.flatMap((item) => (typeof item === 'string' ? [item] : item.articles));

let root: string;

before(() => {
  root = mkdtempSync(path.join(tmpdir(), 'wenji-parts-'));
});

after(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the fixture book, changed by `edit`. */
function bookCopy(name: string, edit: (dir: string) => void = () => {}): string {
  const dir = path.join(root, name);
  cpSync(fixture, dir, { recursive: true });
  edit(dir);
  return dir;
}

const attribute = (element: Element, name: string) => String(element.attributes[name] ?? '');
const childElements = (element: Element, name: string) => element.children.filter((child): child is Element => child.type === 'element' && child.name === name);

describe('parts in the EPUB', () => {
  const builds: Record<'horizontal' | 'vertical', { file: string; epub: OpenedEpub; pkg: PackageView }> = {} as never;

  before(async () => {
    const dir = bookCopy('epub');
    for (const mode of ['horizontal', 'vertical'] as const) {
      const out = path.join(root, `epub-${mode}`);
      const result = await runCli(['epub', dir, '--out', out, '--writing-mode', mode]);
      assert.equal(result.code, 0, result.stderr);
      assert.doesNotMatch(result.stderr, /warning|error/i, 'the fixture builds cleanly');
      const file = path.join(out, 'parts-book.epub');
      const epub = await openEpub(file);
      builds[mode] = { file, epub, pkg: await readPackage(epub) };
    }
  });

  const titleOf = async (epub: OpenedEpub, pkg: PackageView, href: string) => textOf(findAll(await epub.xml(pkg.entry(href)), 'title')[0]!);

  test("the spine: each part's title page, then its articles", async () => {
    const { epub, pkg } = builds.horizontal;
    const body = pkg.spine.slice(3, -1);
    assert.deepEqual(pkg.spine.slice(0, 3), ['cover.xhtml', 'titlepage.xhtml', 'contents.xhtml']);
    assert.equal(pkg.spine.at(-1), 'colophon.xhtml');
    const titles = await Promise.all(body.map((href) => titleOf(epub, pkg, href)));
    assert.deepEqual(titles, expectedOutline.flatMap((item) => (typeof item === 'string' ? [item] : [item.part, ...item.articles])));
    assert.deepEqual(
      body.filter((href) => href.startsWith('part-')),
      ['part-1.xhtml', 'part-2.xhtml', 'part-3.xhtml'],
    );
  });

  test('a part page is the part: its title, and its preface normalized like an article (from _part.yaml, index.md, or none)', async () => {
    const { epub, pkg } = builds.horizontal;
    const pages = await Promise.all([1, 2, 3].map((n) => epub.xml(pkg.entry(`part-${n}.xhtml`))));
    for (const [index, page] of pages.entries()) {
      const section = findAll(page, 'section')[0]!;
      assert.equal(attribute(section, 'epub:type'), 'part');
      assert.equal(attribute(section, 'role'), 'doc-part');
      assert.equal(textOf(findAll(section, 'h1')[0]!), partTitles[index]);
      assert.equal(attribute(findAll(page, 'body')[0]!, 'epub:type'), 'bodymatter');
    }
    const preface = (page: (typeof pages)[number]) => findAll(page, 'div').filter((div) => attribute(div, 'class') === 'part-preface').map(textOf).join('');
    // _part.yaml's preface, with the book's typography: `,` and `.` between Chinese become ，。
    assert.match(preface(pages[0]!), /修钟表的师傅.*他们的故事不大，却值得记下来。$/);
    // index.md's text; its title is the part's, not an article's.
    assert.match(preface(pages[1]!), /^这一辑写几个地方/);
    assert.ok(!articleTitles.includes('第二辑 · 地方'));
    assert.equal(preface(pages[2]!), '', 'no preface without _part.yaml or index.md');
  });

  test('the nav nests articles under their part, and their sections under them', async () => {
    const { epub, pkg } = builds.horizontal;
    const nav = await epub.xml(pkg.entry('toc.xhtml'));
    const toc = findAll(nav, 'nav').find((element) => attribute(element, 'epub:type') === 'toc')!;
    const top = childElements(childElements(toc, 'ol')[0]!, 'li');
    const shape = top.map((li) => {
      const link = childElements(li, 'a')[0]!;
      const nested = childElements(li, 'ol')[0];
      const children = nested ? childElements(nested, 'li').map((child) => textOf(childElements(child, 'a')[0]!)) : [];
      return { title: textOf(link), href: attribute(link, 'href'), children };
    });
    assert.deepEqual(
      shape.map(({ title, children }) => (partTitles.includes(title) ? { part: title, articles: children } : title)),
      expectedOutline,
    );
    assert.deepEqual(shape.filter((item) => partTitles.includes(item.title)).map((item) => item.href), ['part-1.xhtml', 'part-2.xhtml', 'part-3.xhtml']);
    // 钟表匠's two sections one level further down.
    const clock = childElements(childElements(top[1]!, 'ol')[0]!, 'li')[0]!;
    assert.deepEqual(childElements(childElements(clock, 'ol')[0]!, 'li').map(textOf), ['一张桌子', '四十年']);
  });

  test('the NCX nests the same, with playOrder counting every point in reading order', async () => {
    const { epub, pkg } = builds.horizontal;
    const ncx = await epub.xml(pkg.entry('toc.ncx'));
    const points = findAll(ncx, 'navPoint');
    assert.deepEqual(points.map((point) => Number(point.attributes.playOrder)), points.map((_, index) => index + 1), 'playOrder 1, 2, 3… in document order');
    assert.equal(new Set(points.map((point) => point.attributes.id)).size, points.length, 'unique ids');
    const navMap = findAll(ncx, 'navMap')[0]!;
    const label = (point: Element) => textOf(findAll(point, 'text')[0]!);
    const top = childElements(navMap, 'navPoint');
    assert.deepEqual(
      top.map((point) => (partTitles.includes(label(point)) ? { part: label(point), articles: childElements(point, 'navPoint').map(label) } : label(point))),
      expectedOutline,
    );
    assert.equal(attribute(findAll(top[1]!, 'content')[0]!, 'src'), 'part-1.xhtml');
    assert.equal(findAll(ncx, 'meta').find((meta) => meta.attributes.name === 'dtb:depth')!.attributes.content, '3');
    for (const point of points) assert.ok(pkg.items.has(String([...pkg.items.values()].find((item) => item.href === attribute(findAll(point, 'content')[0]!, 'src').replace(/#.*/, ''))?.id)), `${label(point)} leads to a document of the package`);
  });

  test('the contents page groups the articles under their part titles, each a link', async () => {
    const { epub, pkg } = builds.horizontal;
    const contents = await epub.xml(pkg.entry('contents.xhtml'));
    const list = findAll(contents, 'ol').find((ol) => attribute(ol, 'class') === 'contents-list')!;
    const shape = childElements(list, 'li').map((li) => {
      const link = childElements(li, 'a')[0]!;
      const nested = childElements(li, 'ol')[0];
      return attribute(li, 'class') === 'contents-part' ? { part: textOf(link), href: attribute(link, 'href'), articles: childElements(nested!, 'li').map((child) => textOf(childElements(child, 'a')[0]!)) } : textOf(link);
    });
    assert.deepEqual(shape.map((item) => (typeof item === 'string' ? item : { part: item.part, articles: item.articles })), expectedOutline);
    assert.deepEqual(shape.flatMap((item) => (typeof item === 'string' ? [] : [item.href])), ['part-1.xhtml', 'part-2.xhtml', 'part-3.xhtml']);
  });

  test("the stylesheet has the rules for parts; a book without parts keeps the one it had before parts", async () => {
    const { epub, pkg } = builds.horizontal;
    const css = await epub.text(pkg.entry('style.css'));
    const partRules = readFileSync(path.join(repoRoot, 'styles', 'epub-parts.css'), 'utf8');
    assert.ok(css.includes(partRules), 'epub-parts.css is in the stylesheet');
    const flat = bookCopy('flat', (dir) => {
      rmSync(path.join(dir, 'content'), { recursive: true });
      mkdirSync(path.join(dir, 'content'));
      writeFileSync(path.join(dir, 'content', '01-独篇.md'), '# 独篇\n\n没有分辑的书。\n');
    });
    const out = path.join(root, 'flat-out');
    const result = await runCli(['epub', flat, '--out', out, '--no-cache']);
    assert.equal(result.code, 0, result.stderr);
    const flatEpub = await openEpub(path.join(out, 'parts-book.epub'));
    const flatCss = await flatEpub.text((await readPackage(flatEpub)).entry('style.css'));
    assert.ok(!flatCss.includes('.part-title') && !flatCss.includes('.contents-part'), 'no rule for parts');
    assert.ok(flatCss.startsWith(readFileSync(path.join(repoRoot, 'styles', 'epub.css'), 'utf8')), 'the stylesheet is styles/epub.css (and the typography rules after it)');
  });

  test('vertical: the part pages are set vertically, and the book turns right to left', async () => {
    const { epub, pkg } = builds.vertical;
    assert.equal(pkg.spineAttributes['page-progression-direction'], 'rtl');
    for (const n of [1, 2, 3]) assert.equal(attribute(findAll(await epub.xml(pkg.entry(`part-${n}.xhtml`)), 'html')[0]!, 'class'), 'vertical-rl');
  });

  for (const mode of ['horizontal', 'vertical'] as const) {
    test(`${mode}: passes @likecoin/epubcheck-ts with no messages`, async () => {
      const result = await epubcheckTs(readFileSync(builds[mode].file));
      assert.deepEqual(result.messages, []);
    });
    test(`${mode}: passes EPUBCheck (Java) with no messages`, async (t) => {
      await assertJavaEpubcheckClean(t, builds[mode].file);
    });
  }
});

describe('parts in the PDF', () => {
  // A preface long enough to run on to a second page.
  const longPreface = Array.from({ length: 14 }, (_, n) => `第${n + 1}段：这里写的是第二辑里的桥、河和菜市场，写它们从前的样子和现在的样子，写住在附近的人怎样记得它们。地方会变，写下来的字不会，所以我们一段一段地记。`).join('\n\n');
  // And an article long enough for pages with running heads.
  const longer = Array.from({ length: 16 }, (_, n) => `他记得第${n + 1}块表的样子：表盘发黄，指针停在三点十分，主人说那是父亲留下的。他花了一个下午把它拆开，又花了一个晚上把它装好，第二天早上它又走了起来。`).join('\n\n');
  const printed: Record<'vertical' | 'horizontal', OpenedPdf> = {} as never;

  before(async () => {
    const dir = bookCopy('pdf', (book) => {
      appendFileSync(path.join(book, 'content', '02-第二辑', 'index.md'), `\n${longPreface}\n`);
      appendFileSync(path.join(book, 'content', '01-第一辑', '01-钟表匠.md'), `\n${longer}\n`);
    });
    for (const mode of ['vertical', 'horizontal'] as const) {
      const out = path.join(root, `pdf-${mode}`);
      const result = await runCli(['pdf', dir, '--out', out, '--writing-mode', mode]);
      assert.equal(result.code, 0, result.stderr);
      assert.doesNotMatch(result.stderr, /could not find where|page furniture came out/);
      printed[mode] = await openPdf(path.join(out, 'parts-book.pdf'));
    }
  });

  for (const mode of ['vertical', 'horizontal'] as const) {
    describe(`${mode} A5`, () => {
      const geometry = pageGeometries.a5;
      let pdf: OpenedPdf;
      let first: number;
      /** The part bookmarks and the article bookmarks, in reading order. */
      let parts: OutlineNode[];
      let articles: OutlineNode[];
      const head = (index: number) => {
        const page = pdf.pages[index]!;
        return squash(page.items.filter((item) => item.y > page.height - points(geometry.top) + 2).map((item) => item.str).join(''));
      };

      before(() => {
        pdf = printed[mode];
        parts = pdf.outline.filter((node) => partTitles.includes(node.title));
        articles = pdf.outline.slice(1, -1).flatMap((node) => (partTitles.includes(node.title) ? node.children : [node]));
        first = articles[0]!.page;
      });

      test('the outline: contents, the parts with their articles nested, the colophon', () => {
        const shape = pdf.outline.map((node) => (partTitles.includes(node.title) ? { part: node.title, articles: node.children.map((child) => child.title) } : node.title));
        assert.deepEqual(shape, ['目录', ...expectedOutline, '版权与来源']);
        // 钟表匠's sections under it, one level further down.
        assert.deepEqual(parts[0]!.children[0]!.children.map((section) => section.title), ['一张桌子', '四十年']);
        for (const node of [...parts, ...articles]) assert.ok(pdf.pages[node.page]!.squashed.includes(squash(node.title)), `"${node.title}" is printed on the page its bookmark opens (${node.page + 1})`);
      });

      test("a part's title page is a recto with neither folio nor running head; the next article starts on a recto", () => {
        for (const part of parts) {
          const page = pdf.pages[part.page]!;
          assert.equal(part.page % 2, 0, `"${part.title}" (PDF page ${part.page + 1}) is a recto (the front matter has an even number of pages)`);
          assert.equal(folio(page), undefined, `no folio on the title page of "${part.title}"`);
          assert.equal(head(part.page), '', `no running head on the title page of "${part.title}"`);
          const next = part.children[0]!.page;
          // Right after the title page (its verso left blank), or after a preface when articles start on rectos.
          const runsOn = pdf.pages.slice(part.page + 1, next).some((page) => page.items.length > 0);
          if (!runsOn || mode === 'vertical') assert.equal(next % 2, 0, `"${part.children[0]!.title}" after "${part.title}" starts on a recto`);
          // The title page (and a blank page) still count: the folios step over them.
          let prior = part.page - 1;
          while (prior > first && folio(pdf.pages[prior]!) === undefined) prior--;
          assert.equal(folio(pdf.pages[next]!)! - folio(pdf.pages[prior]!)!, next - prior, `the folios before and after "${part.title}" count its pages`);
        }
        // Parts without a long preface: the verso behind the title page is blank.
        const blank = pdf.pages[parts[2]!.page + 1]!;
        assert.equal(blank.items.length, 0, 'the verso behind 第三辑 is blank');
      });

      test("a long preface runs on from the title page, headed by the part's title on rectos and the book's on versos", () => {
        const part = parts[1]!;
        const pagesOfPreface = [];
        for (let index = part.page + 1; index < part.children[0]!.page; index++) if (pdf.pages[index]!.items.length) pagesOfPreface.push(index);
        assert.ok(pagesOfPreface.length >= 1, 'the preface of 第二辑 runs on to another page');
        for (const index of pagesOfPreface) {
          const number = folio(pdf.pages[index]!);
          assert.ok(number !== undefined, `page ${index + 1} of the preface has a folio`);
          assert.equal(head(index), squash(number! % 2 === 1 ? '第二辑 · 地方' : '分辑小集'), `page ${index + 1} (folio ${number})`);
        }
        assert.ok(pdf.pages[part.page]!.squashed.includes('这一辑写几个地方'), 'the preface starts on the title page, below the title');
      });

      test('the contents list the parts without numbers and every article with the folio of the page it starts on', () => {
        const entries = contentsEntries(pdf, mode, first);
        const expected = expectedOutline.flatMap((item) => (typeof item === 'string' ? [{ title: item, part: false }] : [{ title: item.part, part: true }, ...item.articles.map((title) => ({ title, part: false }))]));
        assert.equal(entries.length, expected.length, 'one link per part and article');
        entries.forEach((entry, index) => {
          const { title, part } = expected[index]!;
          assert.ok(entry.text.includes(squash(title)), `entry ${index + 1} "${entry.text}" lists "${title}"`);
          const bookmark = (part ? parts : articles).find((node) => node.title === title)!;
          assert.equal(entry.target, bookmark.page, `the link of "${title}" leads where its bookmark does`);
          if (part) {
            assert.equal(entry.number, undefined, `no number for the part "${title}"`);
            return;
          }
          assert.equal(entry.number, folio(pdf.pages[bookmark.page]!), `"${title}" is listed with the folio of its first page`);
        });
      });

      test('running heads are unchanged: the article title on rectos, the book title on versos', () => {
        let checked = 0;
        for (const [index, article] of articles.entries()) {
          const end = articles[index + 1]?.page ?? pdf.outline.at(-1)!.page;
          for (let page = article.page + 1; page < end; page++) {
            const number = folio(pdf.pages[page]!);
            // A part's pages (its title page, its preface) come before its first article.
            if (number === undefined || parts.some((part) => part.page <= page && page < part.children[0]!.page)) continue;
            assert.equal(head(page), squash(number % 2 === 1 ? article.title : '分辑小集'), `page ${page + 1} of "${article.title}"`);
            checked++;
          }
        }
        assert.ok(checked >= 1, `${checked} running heads checked`);
      });
    });
  }
});

describe('wenji check on broken parts', () => {
  test('an empty part, a part title used twice, an order part naming nothing, a bad _part.yaml', async () => {
    const dir = bookCopy('check', (book) => {
      const content = path.join(book, 'content');
      mkdirSync(path.join(content, '04-空'), { recursive: true });
      writeFileSync(path.join(content, '04-空', '_part.yaml'), 'title: 空辑\n');
      mkdirSync(path.join(content, '05-重'), { recursive: true });
      writeFileSync(path.join(content, '05-重', '_part.yaml'), 'title: 第三辑\n');
      writeFileSync(path.join(content, '05-重', 'a.md'), '---\ntitle: 重复\n---\n\n一篇。\n');
      mkdirSync(path.join(content, '06-坏'), { recursive: true });
      writeFileSync(path.join(content, '06-坏', '_part.yaml'), 'title: 坏\ntitel: 多余\n');
      writeFileSync(path.join(content, '06-坏', 'b.md'), '---\ntitle: 坏辑里的文章\n---\n\n一篇。\n');
    });
    const result = await runCli(['check', dir]);
    assert.match(result.stdout + result.stderr, /04-空\/_part\.yaml\n1:1\s+warning\s+the part 04-空\/ holds no article, so it is left out/);
    assert.match(result.stdout + result.stderr, /05-重\/_part\.yaml\n1:1\s+warning\s+two parts have the title "第三辑" \(also 03-第三辑\)/);
    assert.match(result.stdout + result.stderr, /06-坏\/_part\.yaml\n2:1\s+error\s+unknown key "titel" in the part's file/);

    const ordered = bookCopy('check-order', (book) => {
      writeFileSync(path.join(book, 'book.yaml'), `${readFileSync(path.join(fixture, 'book.yaml'), 'utf8')}order:\n  - 00-小引\n  - part: 无处\n    articles: [nowhere.md]\n  - 01-第一辑\n  - part: 其余\n    articles: [02-第二辑, 03-第三辑, 99-后记.md]\n`);
    });
    const checked = await runCli(['check', ordered]);
    const output = checked.stdout + checked.stderr;
    assert.match(output, /book\.yaml\n/);
    assert.match(output, /11:16\s+warning\s+"nowhere\.md" in order matches no article/);
    assert.match(output, /10:11\s+warning\s+"无处" in order names no article, so the part is left out/);
    assert.doesNotMatch(output, /not listed in order/);
  });
});
