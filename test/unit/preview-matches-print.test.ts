import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Element, Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { prepareBook } from '../../src/prepare-book.js';
import { applyTransforms } from '../../src/transforms/index.js';
import type { WriterFlags } from '../../src/writers/types.js';
import { assembleBody } from '../../src/writers/pdf/assemble.js';
import { bundledFaces } from '../../src/writers/pdf/fonts.js';
import { pageGeometries } from '../../src/writers/pdf/geometry.js';
import { pdfWriter } from '../../src/writers/pdf/pdf-writer.js';
import { printAssembly } from '../../src/writers/pdf/print-document.js';
import { createPreviewBuilder } from '../../src/preview/preview-builder.js';
import { repoRoot } from '../helpers/paths.js';

const parse = (html: string) => unified().use(rehypeParse).parse(html) as Root;
/** Font files are read from the print's work folder and served to the preview: only where differs. */
const withoutUrls = (css: string) => css.replace(/url\("[^"]*"\)/g, 'url()');

/**
 * The body the PDF writer prints for this book folder: the pipeline's book, the writer's own
 * settings and transforms, its print document (the fonts as files).
 */
async function printedBody(dir: string, flags: WriterFlags): Promise<Root> {
  const prepared = await prepareBook({ dir, cwd: dir });
  const settings = pdfWriter.resolve(prepared.bookConfig, flags, prepared.config.dir);
  const book = applyTransforms(prepared.book, pdfWriter.transforms(settings));
  return parse(assembleBody(book, printAssembly(book, settings, bundledFaces())));
}

async function previewPage(dir: string, flags: WriterFlags): Promise<Root> {
  const builder = createPreviewBuilder({ dir, cwd: dir, ...flags });
  const report = await builder.rebuild();
  assert.equal(report.ok, true, String(report.error));
  return parse(builder.state.html);
}

/** The print stylesheet: the first `<style>` of the page (the preview adds its own after it). */
const printCss = (page: Root) => toString(select('head > style', page)!);

describe('the preview shows what the PDF prints', () => {
  let dir: string;
  let config: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wenji-preview-print-'));
    cpSync(path.join(repoRoot, 'content'), path.join(dir, 'content'), { recursive: true });
    config = readFileSync(path.join(repoRoot, 'book.yaml'), 'utf8');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const spacing of ['insert', 'css', 'none'] as const) {
    for (const compression of ['auto', 'on', 'off'] as const) {
      test(`typography.spacing: ${spacing}, typography.compression: ${compression}`, async () => {
        writeFileSync(path.join(dir, 'book.yaml'), `${config}\ntypography:\n  spacing: ${spacing}\n  compression: "${compression}"\n`);
        const [printed, preview] = await Promise.all([printedBody(dir, {}), previewPage(dir, {})]);
        const css = printCss(preview);
        assert.equal(withoutUrls(css), withoutUrls(printCss(printed)), 'the same stylesheet, page geometry and font rules');
        // The settings really reach the stylesheet (the comparison above could agree on leaving them out).
        assert.equal(css.includes('text-autospace: normal'), spacing === 'css');
        assert.match(css, new RegExp(`typography\\.compression: ${compression}`));
        if (compression === 'off') assert.match(css, /html, \[lang\] \{ text-spacing-trim: space-all; \}/);
        // The same transformed articles: tate-chu-yoko, corner quotes, bracket trims.
        const body = select('body', printed)!;
        body.children = body.children.filter((node) => !(node.type === 'element' && node.tagName === 'nav' && node.properties.hidden));
        const pages = select('main.wenji-pages', preview)!;
        assert.equal(toHtml(pages.children), toHtml(body.children));
        assert.ok(selectAll('.tcy', pages).length > 0, 'the vertical book has tate-chu-yoko');
      });
    }
  }

  test('flags choose the writing mode and page size, as for the PDF', async () => {
    writeFileSync(path.join(dir, 'book.yaml'), config);
    const flags: WriterFlags = { writingMode: 'horizontal', pageSize: 'b6' };
    const [printed, preview] = await Promise.all([printedBody(dir, flags), previewPage(dir, flags)]);
    assert.equal(withoutUrls(printCss(preview)), withoutUrls(printCss(printed)));
    const html = select('html', preview) as Element;
    assert.deepEqual(html.properties.className, ['horizontal', 'body']);
    assert.equal(selectAll('.tcy', preview).length, 0, 'no tate-chu-yoko in a horizontal book');
    const geometry = pageGeometries.b6;
    const variables = toString(selectAll('head > style', preview)[1]!);
    assert.match(variables, new RegExp(`--page-width: ${geometry.width}mm; --page-height: ${geometry.height}mm; --margin-top: ${geometry.top}mm`));
  });

  test("a book in parts: the parts' pages as printed (adapted to vertical setting too), and the sidebar grouped", async () => {
    const book = mkdtempSync(path.join(tmpdir(), 'wenji-preview-parts-'));
    try {
      cpSync(path.join(repoRoot, 'test', 'fixtures', 'parts'), book, { recursive: true });
      writeFileSync(path.join(book, 'content', '01-第一辑', '_part.yaml'), 'title: 第一辑 · “人物”\npreface: 收文12篇，他说“好”。\n');
      const [printed, preview] = await Promise.all([printedBody(book, {}), previewPage(book, {})]);
      const body = select('body', printed)!;
      body.children = body.children.filter((node) => !(node.type === 'element' && node.tagName === 'nav' && node.properties.hidden));
      const pages = select('main.wenji-pages', preview)!;
      assert.equal(toHtml(pages.children), toHtml(body.children));
      const parts = selectAll('section.part', pages);
      assert.deepEqual(parts.map((part) => toString(select('.part-title', part)!)), ['第一辑 ·『人物』', '第二辑 · 地方', '第三辑']);
      // The preface went through the writer's transforms: upright digits, corner quotes.
      assert.equal(toString(select('.part-preface .tcy', parts[0]!)!), '12');
      assert.match(toString(select('.part-preface', parts[0]!)!), /他说『好』。/);
      const sidebar = selectAll('.wenji-sidebar > ol > li', preview).map((li) => (li.properties.className as string[] | undefined)?.includes('wenji-part') ? `${toString(select('a', li)!)}: ${selectAll('ol > li', li).length}` : toString(li));
      assert.deepEqual(sidebar, ['小引', '第一辑 ·『人物』: 3', '第二辑 · 地方: 3', '第三辑: 1', '后记']);
    } finally {
      rmSync(book, { recursive: true, force: true });
    }
  });
});
