import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { coverSize, coverSvg, hasLatinWords } from '../../src/writers/cover/cover-layout.js';
import { breakLines, breakOpportunities } from '../../src/writers/cover/line-breaks.js';
import { renderCover } from '../../src/writers/cover/render-cover.js';
import { createShaper } from '../../src/writers/cover/shape-text.js';
import { bundledSerif } from '../../src/writers/fonts/bundled-fonts.js';

const text = { title: '灯下集', subtitle: '访谈、随笔与书信六篇', byline: '林远舟　编' };

/** Mean RGB of a region of a raster. */
async function meanColour(image: Uint8Array, region: { left: number; top: number; width: number; height: number }): Promise<number[]> {
  const { data, info } = await sharp(image).extract(region).raw().toBuffer({ resolveWithObject: true });
  const sums = [0, 0, 0];
  for (let index = 0; index < data.length; index += info.channels) for (let channel = 0; channel < 3; channel++) sums[channel]! += data[index + channel]!;
  return sums.map((sum) => sum / (data.length / info.channels));
}

/** Glyph placements in the <g> groups with the given fill (one per line or column): translate(x y) pairs. */
function glyphOrigins(svg: string, fill: string): { x: number; y: number }[] {
  const group = [...svg.matchAll(new RegExp(`<g fill="${fill}">(.*?)</g>`, 'g'))].map((match) => match[1]).join('');
  return [...group.matchAll(/translate\(([-\d.]+) ([-\d.]+)\)/g)].map((match) => ({ x: Number(match[1]), y: Number(match[2]) }));
}

describe('cover line breaking', () => {
  test('never starts a line with closing punctuation or ends one with an opening bracket', () => {
    const breaks = breakOpportunities('书名，「副题」。');
    assert.ok(!breaks.has(2), 'before ，');
    assert.ok(!breaks.has(4), 'after 「');
    assert.ok(!breaks.has(6), 'before 」');
    assert.ok(breaks.has(3), 'after ，');
  });

  test('breaks Latin text at spaces only', () => {
    const breaks = breakOpportunities('Night Train');
    assert.deepEqual([...breaks], [6]);
  });

  test('balances the lines of a title that needs two', () => {
    const title = '一二三四五六七八九十';
    const lines = breakLines(title, [...title].map(() => 100), 800);
    assert.deepEqual(lines, ['一二三四五', '六七八九十']);
  });

  test('cover text with Latin words is not set vertically', () => {
    assert.equal(hasLatinWords({ title: '夜车 The Night Train' }), true);
    assert.equal(hasLatinWords({ title: '第3辑', subtitle: '2024年' }), false);
  });
});

describe('the generated cover', () => {
  test('horizontal: a 1600×2400 JPEG, paper background, dark title ink near the upper middle', async () => {
    const cover = await renderCover(text, false, bundledSerif());
    const meta = await sharp(cover.data).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 1600, 2400]);
    assert.deepEqual([cover.width, cover.height], [coverSize.width, coverSize.height]);
    const background = await meanColour(cover.data, { left: 200, top: 1500, width: 300, height: 200 });
    assert.ok(background.every((value) => value > 215), `background ${background}`);
    const title = await meanColour(cover.data, { left: 400, top: 760, width: 800, height: 200 });
    assert.ok(title.every((value) => value < 200), `title band ${title}`);
    assert.ok(cover.seconds < 10);
  });

  test('vertical: an indigo cover with a light title slip holding the title in one column', async () => {
    const cover = await renderCover(text, true, bundledSerif());
    const background = await meanColour(cover.data, { left: 900, top: 1200, width: 300, height: 300 });
    assert.ok(background[2]! > background[0]! && background.every((value) => value < 100), `background ${background}`);
    const slip = await meanColour(cover.data, { left: 230, top: 230, width: 40, height: 600 });
    assert.ok(slip.every((value) => value > 200), `slip ${slip}`);
    const svg = coverSvg(text, true, await createShaper(bundledSerif()));
    const title = glyphOrigins(svg, '#1d1b19');
    assert.equal(title.length, 3);
    assert.equal(new Set(title.map((glyph) => glyph.x)).size, 1, 'one column');
    assert.ok(title[0]!.y < title[1]!.y && title[1]!.y < title[2]!.y, 'top to bottom');
  });

  test('vertical punctuation on the cover uses the font’s vertical forms', async () => {
    const shaper = await createShaper(bundledSerif());
    const horizontal = shaper.shape('「书」，', { weight: 'bold', vertical: false });
    const vertical = shaper.shape('「书」，', { weight: 'bold', vertical: true });
    assert.notEqual(vertical.glyphs[0]!.path, horizontal.glyphs[0]!.path, '「 turned');
    assert.equal(vertical.glyphs[1]!.path, horizontal.glyphs[1]!.path, '书 unchanged');
    assert.notEqual(vertical.glyphs[3]!.path, horizontal.glyphs[3]!.path, '， moved');
  });

  test('a Traditional or Japanese title is shaped in its own face: ， centred for Taiwan, ： on its side for Japan', async () => {
    const centre = (run: { ink: { xMin: number; xMax: number }; unitsPerEm: number }) => (run.ink.xMin + run.ink.xMax) / 2 / run.unitsPerEm;
    const [sc, tc, jp] = await Promise.all([createShaper(bundledSerif('sc'), 'zh-Hans'), createShaper(bundledSerif('tc'), 'zh-Hant'), createShaper(bundledSerif('jp'), 'ja')]);
    // Vertical runs are centred on the column: 0 is the middle of the cell.
    assert.ok(centre(sc.shape('，', { weight: 'bold', vertical: true })) > 0.2, 'SC ， to the right');
    assert.ok(Math.abs(centre(tc.shape('，', { weight: 'bold', vertical: true }))) < 0.1, 'TC ， centred');
    const colon = (shaper: typeof sc) => shaper.shape('：', { weight: 'bold', vertical: true }).ink;
    const wide = (ink: { xMin: number; xMax: number; yMin: number; yMax: number }) => ink.xMax - ink.xMin > ink.yMax - ink.yMin;
    assert.ok(wide(colon(jp)), 'JP ： rotated');
    assert.ok(!wide(colon(sc)) && !wide(colon(tc)), 'Chinese ： upright');
  });

  test('the same book gives the same cover bytes', async () => {
    const [first, second] = [await renderCover(text, true, bundledSerif()), await renderCover(text, true, bundledSerif())];
    assert.deepEqual(Buffer.from(first.data), Buffer.from(second.data));
  });

  test('a long title is broken into lines and ends with an ellipsis when it cannot fit', async () => {
    const shaper = await createShaper(bundledSerif());
    const long = '很'.repeat(120);
    const svg = coverSvg({ title: long }, false, shaper);
    const lines = new Set(glyphOrigins(svg, '#24201d').map((glyph) => glyph.y));
    assert.equal(lines.size, 3);
    const vertical = coverSvg({ title: long }, true, shaper);
    const columns = new Set(glyphOrigins(vertical, '#1d1b19').map((glyph) => glyph.x));
    assert.equal(columns.size, 2);
    for (const glyph of glyphOrigins(vertical, '#1d1b19')) assert.ok(glyph.y < coverSize.height, 'inside the cover');
  });
});
