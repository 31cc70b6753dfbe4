import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';

/**
 * The typography decisions of docs/typography.md, read back from printed PDFs: how each glyph
 * stands (pdf.js gives every glyph of vertical text with its transform), the emphasis marks
 * Chromium writes into the text layer (● U+25CF, ﹅ U+FE45), and the CJK–Latin gap.
 */
type Glyph = { str: string; upright: boolean; x: number; y: number; width: number };

async function glyphs(file: string): Promise<Glyph[][]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), disableFontFace: true, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: Glyph[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(
      content.items
        .filter((item): item is typeof item & { str: string; transform: number[]; width: number } => 'str' in item && item.str.trim() !== '')
        // An upright glyph's transform is [s, 0, 0, s, x, y]; a rotated run's is [0, -s, s, 0, x, y].
        .map((item) => ({ str: item.str, upright: Math.abs(item.transform[1]!) < 1e-6, x: item.transform[4]!, y: item.transform[5]!, width: item.width })),
    );
  }
  await doc.destroy();
  return pages;
}

const article = `# 排版

他在2023年3月1日出发，1974年出生，带了100人，走了12345步。

他说：“你听过‘狼来了’吗？”

*他说Hello，好*

用Kindle读书。
`;

async function build(root: string, name: string, language: string, text: string, typography = ''): Promise<Glyph[]> {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, 'content'), { recursive: true });
  writeFileSync(path.join(dir, 'book.yaml'), `title: 排版${name}\nlanguage: ${language}\ndate: 2024-01-01\nslug: book\n${typography}`);
  writeFileSync(path.join(dir, 'content', '01-a.md'), text);
  const result = await runCli(['pdf', dir, '--no-cache']);
  assert.equal(result.code, 0, result.stderr);
  const pages = await glyphs(path.join(dir, 'out', 'book.pdf'));
  // The article's page: the one that holds its text.
  const page = pages.find((items) => items.some((item) => item.str.includes('出发') || item.str.includes('出発') || item.str === '出'));
  assert.ok(page, `${name}: the article's page`);
  return page;
}

describe('typography in the vertical PDF', () => {
  let root: string;
  let page: Glyph[];
  let none: Glyph[];
  let css: Glyph[];
  let japanese: Glyph[];

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'wenji-typography-'));
    [page, none, css] = await Promise.all([
      build(root, 'default', 'zh-Hans', article),
      build(root, 'none', 'zh-Hans', article, 'typography:\n  spacing: none\n'),
      build(root, 'css', 'zh-Hans', article, 'typography:\n  spacing: css\n'),
    ]);
    japanese = await build(root, 'ja', 'ja', '# 組版\n\n彼は2023年3月1日に出発した。AIとNASAの話。\n\n*これはPDFです*\n');
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  /** The page's glyphs in reading order, `|` between them, a rotated run marked with ↻. */
  const line = (glyphs: Glyph[]) => glyphs.map((glyph) => `${glyph.str}${glyph.upright ? '' : '↻'}`).join('|');

  test('every number of a date stands upright: 2023 digit by digit, 3 and 1 each in a cell', () => {
    assert.match(line(page), /在\|2\|0\|2\|3\|年\|3\|月\|1\|日/);
    // One digit below the other: each lower on the page than the one before.
    const start = page.findIndex((glyph) => glyph.str === '在');
    const year = page.slice(start + 1, start + 5);
    for (let i = 1; i < year.length; i++) assert.ok(year[i]!.y < year[i - 1]!.y, 'stacked downwards');
  });

  test('1974 and 100 stand upright; 12345 lies on its side', () => {
    assert.match(line(page), /1\|9\|7\|4\|年/);
    assert.match(line(page), /1\|0\|0\|人/);
    assert.match(line(page), /12345↻\|步/);
  });

  test('mainland vertical quotes: “” become 『』 and ‘’ become 「」', () => {
    assert.match(page.map((glyph) => glyph.str).join(''), /『你听过「狼来了」吗？』/);
  });

  test('emphasis marks sit on 他说好 only: three ●, none on Hello or the comma', () => {
    assert.equal(page.filter((glyph) => glyph.str === '●').length, 3);
  });

  test('Japanese: sesame marks on これは and です only; AI and PDF upright, NASA rotated', () => {
    assert.equal(japanese.filter((glyph) => glyph.str === '﹅').length, 5);
    assert.equal(japanese.filter((glyph) => glyph.str === '●').length, 0);
    const strings = line(japanese);
    assert.match(strings, /A\|I\|と/);
    assert.match(strings, /NASA↻/);
    assert.match(strings, /P\|D\|F\|で/, 'PDF inside the emphasis stands upright too, without marks');
  });

  test('the CJK–Latin gap is a quarter em (inserted space); the CSS one is an eighth', () => {
    // Distance from 用 to the start of the rotated "Kindle" run, against the same text set solid.
    const offset = (glyphs: Glyph[]) => {
      const yong = glyphs.find((glyph) => glyph.str === '用')!;
      const kindle = glyphs.find((glyph) => glyph.str.startsWith('Kindle'))!;
      assert.ok(yong && kindle, 'found 用 and Kindle');
      return yong.y - kindle.y;
    };
    const du = page.find((glyph) => glyph.str === '读')!;
    const shu = page.find((glyph) => glyph.str === '书')!;
    const em = du.y - shu.y;
    assert.ok(em > 9 && em < 11, `em ${em}`);
    const inserted = (offset(page) - offset(none)) / em;
    const drawn = (offset(css) - offset(none)) / em;
    assert.ok(inserted > 0.22 && inserted < 0.28, `inserted gap ${inserted.toFixed(3)} em`);
    assert.ok(drawn > 0.1 && drawn < 0.15, `text-autospace gap ${drawn.toFixed(3)} em`);
  });

  test('writes only the PDF', () => {
    assert.deepEqual(readdirSync(path.join(root, 'default', 'out')).filter((name) => name !== '.cache'), ['book.pdf']);
  });
});
