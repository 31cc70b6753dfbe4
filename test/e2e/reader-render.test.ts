import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'puppeteer-core';
import sharp from 'sharp';
import { WenjiError } from '../../src/errors.js';
import { findChromium, launchArgs } from '../../src/writers/pdf/browser.js';
import { runCli } from '../helpers/cli.js';

/**
 * The EPUBs as a reader shows them: foliate-js (the engine of the Foliate e-reader) paginates
 * them in Chromium, the way its reader does, hiding notes to pop them up. What a reader sees
 * is measured in the rendered pages.
 */

const foliateDir = path.dirname(createRequire(import.meta.url).resolve('foliate-js/view.js'));

/** The rule foliate's reader (reader.js) adds to every book: notes are hidden from the text and popped up. */
const readerCss = '@namespace epub "http://www.idpf.org/2007/ops"; aside[epub|type~="endnote"], aside[epub|type~="footnote"], aside[epub|type~="note"], aside[epub|type~="rearnote"] { display: none; }';

const harness = `<!doctype html>
<html><head><meta charset="utf-8"><title>reader</title>
<style>html, body { margin: 0; height: 100%; } foliate-view { display: block; width: 100%; height: 100%; } #popup { position: fixed; left: 40px; top: 40px; width: 400px; height: 300px; background: #fff; box-shadow: 0 2px 12px #0006; }</style>
</head><body><div id="popup"></div>
<script type="module">
import '/foliate/view.js';
import { FootnoteHandler } from '/foliate/footnotes.js';
window.readerCss = ${JSON.stringify(readerCss)};
window.openBook = async (url) => {
  document.querySelector('body > foliate-view')?.remove();
  document.getElementById('popup').replaceChildren();
  const view = document.createElement('foliate-view');
  document.body.append(view);
  await view.open(url);
  view.renderer.setStyles?.(window.readerCss);
  // Notes pop up as in foliate's reader: the handler renders the note in a view of its own.
  const footnotes = new FootnoteHandler();
  window.notes = [];
  footnotes.addEventListener('before-render', (event) => document.getElementById('popup').replaceChildren(event.detail.view));
  footnotes.addEventListener('render', (event) => {
    const { view: popup, type, hidden } = event.detail;
    window.notes.push({ type, hidden, text: popup.renderer.getContents()[0]?.doc.body.textContent ?? '' });
  });
  view.addEventListener('link', (event) => footnotes.handle(view.book, event)?.catch((error) => window.notes.push({ error: String(error) })));
  window.view = view;
};
window.ready = true;
</script></body></html>`;

/** Writes the test book: two articles with wide, tall and captioned images, a table, code and notes. */
async function writeBook(dir: string): Promise<void> {
  mkdirSync(path.join(dir, 'content', 'images'), { recursive: true });
  writeFileSync(path.join(dir, 'book.yaml'), 'title: 读图集\nsubtitle: 宽图、高图和注释\neditor: 林远舟\nlanguage: zh-Hans\ndate: 2026-03-01\nslug: dutu\n');
  const image = (width: number, height: number, colour: string) =>
    sharp({ create: { width, height, channels: 3, background: colour } })
      .composite([{ input: Buffer.from(`<svg width="${width}" height="${height}"><rect x="8" y="8" width="${width - 16}" height="${height - 16}" fill="none" stroke="#222" stroke-width="8"/></svg>`) }])
      .png()
      .toFile(path.join(dir, 'content', 'images', `${width}x${height}.png`));
  await Promise.all([image(1600, 240, '#7aa6c2'), image(240, 1600, '#c2a67a'), image(800, 600, '#8fbf8f')]);
  const paragraph = (n: number) => `第${n}段。河边的柳树又绿了，我们沿着旧铁路一直走到天黑，谁也没有说话。镇上的钟楼每到整点就响一次，声音传得很远，远到河对岸的人家也听得见。`.repeat(2);
  writeFileSync(
    path.join(dir, 'content', '01-pictures.md'),
    [
      '---\ntitle: 看图说话\nauthor: 沈慕青\n---\n',
      paragraph(1), paragraph(2),
      '![傍晚的河面，一条很宽的长图](images/1600x240.png)\n\n*宽图：傍晚的河面*',
      `${paragraph(3)}这里有一条注释[^river]。`,
      '## 塔', paragraph(4),
      '![一座很高的塔](images/240x1600.png "高图：塔影（作者摄）")',
      paragraph(5),
      '| 年份 | 事情 | 地点 | 说明 |\n| --- | --- | --- | --- |\n| 1983 | 修桥 | 河口 | 桥修了两年，用的是本地的石头 |\n| 1991 | 建塔 | 山顶 | 塔高七层 |',
      '```\nconst veryLongLineOfCodeThatWouldNotFitInAnyColumnOfAnEReader = "and keeps going well past the edge of the page";\n```',
      `${paragraph(6)}第二条注释在这里[^tower]。`,
      paragraph(7), paragraph(8),
      '[^river]: 河的注释：这条河在地图上没有名字，镇上的人叫它西河。',
      '[^tower]: 塔的注释：塔是后来重修的，原来的只剩地基。',
    ].join('\n\n'),
  );
  writeFileSync(
    path.join(dir, 'content', '02-photo.html'),
    `<h1>窗前</h1><p>${paragraph(9)}</p><p><img src="images/800x600.png" alt="一个人站在窗前"><br><em>Ruslan 在窗前</em></p><p>${paragraph(10)}</p>`,
  );
}

interface Shown {
  writingMode: string;
  /** The page (a column of foliate's paginator): its size along the text and across it. */
  page: { inline: number; block: number };
  /** Elements that do not fit in one page. */
  overflowing: string[];
}

describe('the EPUBs in a reading engine (foliate-js in Chromium)', () => {
  let dir: string;
  let server: Server;
  let origin: string;
  let browser: Browser | undefined;
  let page: Page;
  let skip: string | undefined;
  const shots = process.env.WENJI_SCREENSHOTS;

  before(async () => {
    try {
      const location = await findChromium();
      const { default: puppeteer } = await import('puppeteer-core');
      browser = await puppeteer.launch({ executablePath: location.executablePath, headless: 'shell', args: launchArgs(location) });
    } catch (error) {
      if (!(error instanceof WenjiError)) throw error;
      skip = `no Chromium to render the books in: ${error.message}`;
      return;
    }
    dir = mkdtempSync(path.join(tmpdir(), 'wenji-reader-'));
    await writeBook(dir);
    const builds = await Promise.all([
      runCli(['epub', dir, '--out', path.join(dir, 'horizontal')]),
      runCli(['epub', dir, '--out', path.join(dir, 'vertical'), '--writing-mode', 'vertical']),
    ]);
    for (const build of builds) assert.equal(build.code, 0, build.stderr);
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const send = (type: string, body: string | Buffer) => response.writeHead(200, { 'content-type': type }).end(body);
      if (url.pathname === '/') return send('text/html; charset=utf-8', harness);
      const book = /^\/books\/(horizontal|vertical)\.epub$/.exec(url.pathname);
      if (book) return send('application/epub+zip', readFileSync(path.join(dir, book[1]!, 'dutu.epub')));
      const module = /^\/foliate\/((?:vendor\/|ui\/)?[\w-]+\.js)$/.exec(url.pathname);
      if (module) return send('text/javascript', readFileSync(path.join(foliateDir, module[1]!)));
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    page = await browser.newPage();
    await page.setViewport({ width: 600, height: 800 });
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
  });

  after(async () => {
    await browser?.close();
    server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a book and shows a section (its place in the spine, or its file name), fonts and images loaded. */
  const show = async (mode: 'horizontal' | 'vertical', target: number | string) => {
    await page.evaluate(
      async (url, where) => {
        const w = window as unknown as { view?: { book: { sections: { id: string }[] }; goTo(x: number): Promise<unknown> }; openBook(url: string): Promise<void>; currentBook?: string };
        if (w.currentBook !== url) {
          await w.openBook(url);
          w.currentBook = url;
        }
        // A document by its file name (`pictures.xhtml`), or a section by its place in the spine.
        const index = typeof where === 'number' ? where : w.view!.book.sections.findIndex((section) => section.id.endsWith(`/${where}`));
        if (index < 0) throw new Error(`no section ${where}`);
        await w.view!.goTo(index);
        const { doc } = (w.view as unknown as { renderer: { getContents(): { doc: Document }[] } }).renderer.getContents()[0]!;
        await doc.fonts.ready;
        await Promise.all(Array.from(doc.images).map((image) => image.decode().catch(() => undefined)));
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      },
      `${origin}/books/${mode}.epub`,
      target,
    );
  };

  const screenshot = async (name: string) => {
    if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`) });
  };

  /** What the shown page holds: its writing mode, the page size, elements wider or taller than a page or across two pages. */
  const measure = () =>
    page.evaluate((): Shown => {
      const view = (window as unknown as { view: { renderer: { getContents(): { doc: Document }[] } } }).view;
      const { doc } = view.renderer.getContents()[0]!;
      const root = doc.documentElement;
      const style = doc.defaultView!.getComputedStyle(root);
      const vertical = style.writingMode.startsWith('vertical');
      const column = parseFloat(style.columnWidth);
      const gap = parseFloat(style.columnGap);
      const box = root.getBoundingClientRect();
      const padding = vertical ? parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) : parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
      const across = (vertical ? box.width : box.height) - padding;
      const start = vertical ? box.top + parseFloat(style.paddingTop) : box.left + parseFloat(style.paddingLeft);
      const overflowing: string[] = [];
      // foliate itself limits images in vertical books to the page less its header margins, which is
      // a few pixels wider than its text column (the column's side padding is larger): an image may
      // be that wide (into the page's margin, never beyond the page), nothing else may.
      const imposed = (element: Element) => {
        const image = element.matches('img') ? element : element.querySelector('img');
        const limit = image instanceof doc.defaultView!.HTMLImageElement ? parseFloat(image.style.maxWidth) : NaN;
        return vertical && limit <= box.width ? limit : 0;
      };
      const stride = column + gap;
      const acrossStart = vertical ? box.left + parseFloat(style.paddingLeft) : box.top + parseFloat(style.paddingTop);
      for (const element of Array.from(doc.body.querySelectorAll('img, table, pre, figure, figcaption, svg, video, p, h1, h2, blockquote'))) {
        for (const rect of Array.from(element.getClientRects())) {
          if (rect.width === 0 && rect.height === 0) continue;
          const [alongFrom, alongTo] = vertical ? [rect.top, rect.bottom] : [rect.left, rect.right];
          const [acrossFrom, acrossTo] = vertical ? [rect.left, rect.right] : [rect.top, rect.bottom];
          // The page (column) the rectangle begins in, and whether it stays inside that column.
          const page = Math.floor((alongFrom - start + 0.5) / stride);
          const columnStart = start + page * stride;
          const extra = Math.max(0, imposed(element) - across);
          const inside =
            alongFrom >= columnStart - 1 && alongTo <= columnStart + column + 1 && acrossFrom >= acrossStart - extra - 1 && acrossTo <= acrossStart + across + extra + 1;
          if (!inside) {
            overflowing.push(`${element.tagName.toLowerCase()}${element.className ? `.${element.className}` : ''} at ${Math.round(rect.left)},${Math.round(rect.top)} ${Math.round(rect.width)}×${Math.round(rect.height)} (page ${page}: ${Math.round(columnStart)}+${Math.round(column)}, across ${Math.round(acrossStart)}+${Math.round(across)})`);
          }
        }
      }
      return { writingMode: style.writingMode, page: { inline: column, block: across }, overflowing };
    });

  for (const mode of ['horizontal', 'vertical'] as const) {
    describe(mode, () => {
      test('pages progress the right way: right to left for the vertical book', async (t) => {
        if (skip) return t.skip(skip);
        await show(mode, 'pictures.xhtml');
        const state = () => page.evaluate(() => {
          const view = (window as unknown as { view: { book: { dir?: string }; lastLocation: { fraction: number }; renderer: { page: number } } }).view;
          return { dir: view.book.dir ?? 'ltr', fraction: view.lastLocation.fraction, page: view.renderer.page };
        });
        const start = await state();
        assert.equal(start.dir, mode === 'vertical' ? 'rtl' : 'ltr', 'foliate reads page-progression-direction');
        await screenshot(`${mode}-article-first`);
        // A left tap (or swipe) turns forward in a right-to-left book, backward in a left-to-right one.
        await page.evaluate(() => (window as unknown as { view: { goLeft(): Promise<void> } }).view.goLeft());
        const left = await state();
        if (mode === 'vertical') assert.ok(left.fraction > start.fraction && left.page > start.page, `left goes forward: ${JSON.stringify([start, left])}`);
        else assert.ok(left.fraction < start.fraction, `left goes back: ${JSON.stringify([start, left])}`);
        await page.evaluate(() => (window as unknown as { view: { goRight(): Promise<void> } }).view.goRight());
        assert.equal((await state()).page, start.page);
      });

      test('the text is set in the book’s direction: columns right to left in the vertical book', async (t) => {
        if (skip) return t.skip(skip);
        await show(mode, 'pictures.xhtml');
        const order = await page.evaluate(() => {
          const { doc } = (window as unknown as { view: { renderer: { getContents(): { doc: Document }[] } } }).view.renderer.getContents()[0]!;
          const [first, second] = Array.from(doc.querySelectorAll('section.article > p')).map((p) => p.getClientRects()[0]!);
          return { mode: doc.defaultView!.getComputedStyle(doc.documentElement).writingMode, first: { left: first!.left, top: first!.top }, second: { left: second!.left, top: second!.top } };
        });
        if (mode === 'vertical') {
          assert.equal(order.mode, 'vertical-rl');
          assert.ok(order.second.left < order.first.left, `the second paragraph is left of the first: ${JSON.stringify(order)}`);
        } else {
          assert.equal(order.mode, 'horizontal-tb');
          assert.ok(order.second.top > order.first.top);
        }
      });

      test('no image, figure, table or code block is larger than a page or runs onto the next page', async (t) => {
        if (skip) return t.skip(skip);
        const sections = await page.evaluate(async (url) => {
          const w = window as unknown as { openBook(url: string): Promise<void>; currentBook?: string; view: { book: { sections: { id: string }[] } } };
          if (w.currentBook !== url) {
            await w.openBook(url);
            w.currentBook = url;
          }
          return w.view.book.sections.map((section) => section.id);
        }, `${origin}/books/${mode}.epub`);
        assert.ok(sections.length >= 6);
        const problems: string[] = [];
        for (const [index, id] of sections.entries()) {
          await show(mode, index);
          const shown = await measure();
          assert.ok(shown.page.inline > 100 && shown.page.block > 100, `${id}: a page of ${JSON.stringify(shown.page)}`);
          problems.push(...shown.overflowing.map((problem) => `${id}: ${problem}`));
        }
        assert.deepEqual(problems, []);
      });

      test('images stand outside the paragraph indent, and captions are captions: smaller, lighter, no emphasis marks', async (t) => {
        if (skip) return t.skip(skip);
        await show(mode, 'pictures.xhtml');
        for (const figure of [0, 1]) {
          await page.evaluate(async (n) => {
            const view = (window as unknown as { view: { renderer: { getContents(): { doc: Document }[]; scrollToAnchor(anchor: Element): Promise<void> } } }).view;
            await view.renderer.scrollToAnchor(view.renderer.getContents()[0]!.doc.querySelectorAll('figure')[n]!);
          }, figure);
          await screenshot(`${mode}-figure-${figure + 1}`);
        }
        for (const section of ['pictures.xhtml', 'photo.xhtml']) {
          await show(mode, section);
          const look = await page.evaluate(() => {
            const { doc } = (window as unknown as { view: { renderer: { getContents(): { doc: Document }[] } } }).view.renderer.getContents()[0]!;
            const css = (element: Element) => doc.defaultView!.getComputedStyle(element);
            const text = doc.querySelector('section.article > p')!;
            return {
              inParagraph: doc.querySelectorAll('p img').length,
              captions: Array.from(doc.querySelectorAll('figure > figcaption')).map((caption) => ({
                text: caption.textContent,
                size: parseFloat(css(caption).fontSize) / parseFloat(css(text).fontSize),
                colour: css(caption).color,
                indent: css(caption).textIndent,
                marks: [caption, ...Array.from(caption.querySelectorAll('*'))].map((element) => css(element).getPropertyValue('text-emphasis-style')).filter((value) => value && value !== 'none'),
              })),
              textColour: css(text).color,
            };
          });
          assert.equal(look.inParagraph, 0, `${section}: no image inside a paragraph`);
          assert.ok(look.captions.length >= 1, `${section}: has captions`);
          for (const caption of look.captions) {
            assert.ok(caption.size < 0.9, `${caption.text}: smaller (${caption.size})`);
            assert.notEqual(caption.colour, look.textColour, `${caption.text}: lighter`);
            assert.equal(caption.indent, '0px');
            assert.deepEqual(caption.marks, [], `${caption.text}: no emphasis marks`);
          }
          // (The space typed between Latin and CJK is left to the stylesheet: typography.spacing.)
          if (section === 'pictures.xhtml') assert.deepEqual(look.captions.map((caption) => caption.text), ['宽图：傍晚的河面', '高图：塔影（作者摄）']);
          else assert.deepEqual(look.captions.map((caption) => caption.text), ['Ruslan 在窗前']);
        }
      });

      test('a note reference pops the note up; the notes and their heading are hidden from the text, shown with their heading in readers that do not pop up', async (t) => {
        if (skip) return t.skip(skip);
        await show(mode, 'pictures.xhtml');
        const hidden = await page.evaluate(() => {
          const { doc } = (window as unknown as { view: { renderer: { getContents(): { doc: Document }[] } } }).view.renderer.getContents()[0]!;
          const shown = (selector: string) => Array.from(doc.querySelectorAll(selector)).filter((element) => element.getClientRects().length > 0).length;
          const { width, height } = doc.querySelector('section.footnotes')!.getBoundingClientRect();
          return { notes: shown('aside.footnote'), heading: shown('.footnotes-title'), section: { width, height } };
        });
        assert.deepEqual([hidden.notes, hidden.heading], [0, 0], 'nothing of the notes is left in the text, no lone heading');
        assert.ok(hidden.section.width * hidden.section.height < 4, `the notes section shows nothing (no rule, no margin): ${JSON.stringify(hidden.section)}`);

        await page.evaluate(() => {
          const w = window as unknown as { notes: unknown[]; view: { renderer: { getContents(): { doc: Document }[] } } };
          w.notes = [];
          (w.view.renderer.getContents()[0]!.doc.querySelector('a.noteref') as HTMLElement).click();
        });
        await page.waitForFunction(() => (window as unknown as { notes: unknown[] }).notes.length > 0, { timeout: 10_000 });
        const [note] = await page.evaluate(() => (window as unknown as { notes: { type: string; hidden: boolean; text: string; error?: string }[] }).notes);
        assert.equal(note!.error, undefined);
        assert.equal(note!.type, 'footnote');
        assert.match(note!.text, /河的注释：这条河在地图上没有名字/);
        assert.doesNotMatch(note!.text, /注释\s*1|塔的注释/, 'only that note, without the notes heading');
        await screenshot(`${mode}-note-popup`);
        await page.evaluate(() => document.getElementById('popup')!.replaceChildren());

        // A reader that shows notes in the text (calibre's viewer, Kindle after conversion): the heading above them.
        await page.evaluate(() => (window as unknown as { view: { renderer: { setStyles(css: string): void } } }).view.renderer.setStyles(''));
        await show(mode, 'pictures.xhtml');
        const shownNotes = await page.evaluate(() => {
          const { doc } = (window as unknown as { view: { renderer: { getContents(): { doc: Document }[] } } }).view.renderer.getContents()[0]!;
          const vertical = doc.defaultView!.getComputedStyle(doc.documentElement).writingMode.startsWith('vertical');
          const heading = doc.querySelector('.footnotes-title')!.getClientRects()[0];
          const note = doc.querySelector('aside.footnote')!.getClientRects()[0];
          return { heading: heading && { text: doc.querySelector('.footnotes-title')!.textContent }, before: heading && note ? (vertical ? heading.left > note.left || heading.top < note.top : heading.top < note.top) : false };
        });
        await page.evaluate((css) => (window as unknown as { view: { renderer: { setStyles(css: string): void } } }).view.renderer.setStyles(css), readerCss);
        assert.deepEqual(shownNotes, { heading: { text: '注释' }, before: true });
      });

      test('the cover page shows the cover image, whole, on one page', async (t) => {
        if (skip) return t.skip(skip);
        await show(mode, 0);
        await screenshot(`${mode}-cover`);
        const cover = await page.evaluate(() => {
          const { doc } = (window as unknown as { view: { renderer: { getContents(): { doc: Document }[] } } }).view.renderer.getContents()[0]!;
          const image = doc.querySelector('img')!;
          const rect = image.getBoundingClientRect();
          return { loaded: image.complete && image.naturalWidth > 0, width: rect.width, height: rect.height, viewport: { width: doc.defaultView!.innerWidth, height: doc.defaultView!.innerHeight } };
        });
        assert.ok(cover.loaded, 'the image loaded');
        assert.ok(cover.width > 200 && cover.height > 300, `shown at ${cover.width}×${cover.height}`);
        assert.deepEqual((await measure()).overflowing, []);
      });
    });
  }
});
