import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { h } from 'hastscript';
import { collectBookText, type FaceTexts } from '../../src/writers/fonts/book-text.js';
import { bundledSerif, bundledSerifs, type FontFamily } from '../../src/writers/fonts/bundled-fonts.js';
import { embedFont } from '../../src/writers/fonts/embed-font.js';
import { uniqueCharacters } from '../../src/writers/fonts/plan-faces.js';
import { layoutFeatureTags, sfntTables } from '../../src/writers/fonts/sfnt-tables.js';
import { kerningProbe, keptFeatures, subsetForText } from '../../src/writers/fonts/subset-for-text.js';

/** Text for the Simplified face only. */
const scText = (regular: string, bold: string): FaceTexts => ({ sc: { regular, bold }, tc: { regular: '', bold: '' }, jp: { regular: '', bold: '' } });

/** Glyph ids harfbuzz picks for `text`, horizontally and top to bottom (which applies `vert`). */
async function shapeBothWays(font: Uint8Array, text: string): Promise<{ horizontal: number[]; vertical: number[]; unicodes: Set<number> }> {
  const hb = await import('harfbuzzjs');
  const face = new hb.Face(new hb.Blob(font));
  const hbFont = new hb.Font(face);
  const shape = (direction: (typeof hb.Direction)[keyof typeof hb.Direction]) => {
    const buffer = new hb.Buffer();
    buffer.addText(text);
    buffer.guessSegmentProperties();
    buffer.setDirection(direction);
    hb.shape(hbFont, buffer);
    return buffer.getGlyphInfos().map((glyph) => glyph.codepoint);
  };
  return { horizontal: shape(hb.Direction.LTR), vertical: shape(hb.Direction.TTB), unicodes: new Set(face.collectUnicodes()) };
}

describe('subsetting the bundled serif', () => {
  const family = bundledSerif();
  const punctuation = '，。、「」『』：；！？（）《》';
  const text = `${punctuation}灯下集铅字记得手的温度A1`;
  let subset: Uint8Array;
  let seconds: number;

  before(async () => {
    const started = performance.now();
    subset = await subsetForText(family.regular.path, text);
    seconds = (performance.now() - started) / 1000;
  });

  test('the bundled fonts are found relative to the package, whatever the working directory', () => {
    assert.match(family.regular.path, /NotoSerifSC_400Regular\.ttf$/);
    assert.match(family.bold.path, /NotoSerifSC_700Bold\.ttf$/);
    assert.ok(path.isAbsolute(family.regular.path));
  });

  test('keeps vertical metrics and the vert/vrt2 substitutions, and only the kept features', () => {
    const tables = sfntTables(subset);
    for (const tag of ['vhea', 'vmtx', 'GSUB', 'glyf', 'cmap']) assert.ok(tables.has(tag), `missing ${tag}`);
    const gsub = layoutFeatureTags(subset, 'GSUB');
    assert.ok(gsub.includes('vert') && gsub.includes('vrt2'), `vert and vrt2 kept (got ${gsub.join(' ')})`);
    for (const tag of gsub) assert.ok((keptFeatures as readonly string[]).includes(tag), `unexpected GSUB feature ${tag}`);
    for (const tag of layoutFeatureTags(subset, 'GPOS')) assert.ok((keptFeatures as readonly string[]).includes(tag), `unexpected GPOS feature ${tag}`);
  });

  test('maps exactly the characters asked for, and the ten Chromium probes to decide on compression', async () => {
    const { unicodes } = await shapeBothWays(subset, '');
    const wanted = new Set([...text, ...kerningProbe].map((character) => character.codePointAt(0)!));
    assert.deepEqual([...unicodes].sort((a, b) => a - b), [...wanted].sort((a, b) => a - b));
  });

  test('vertical punctuation survives: ，。「」 get their vertical glyphs top to bottom', async () => {
    const { horizontal, vertical } = await shapeBothWays(subset, punctuation);
    assert.equal(horizontal.length, [...punctuation].length);
    assert.ok(!horizontal.includes(0) && !vertical.includes(0), 'no .notdef glyphs');
    for (const [index, character] of [...punctuation].entries()) {
      assert.notEqual(vertical[index], horizontal[index], `${character} has no vertical form in the subset`);
    }
    // Ideographs have no vertical variant: the same glyph both ways.
    const ideographs = await shapeBothWays(subset, '灯下集');
    assert.deepEqual(ideographs.vertical, ideographs.horizontal);
  });

  test('is small and quick', () => {
    assert.ok(subset.length < 60 * 1024, `${subset.length} bytes`);
    assert.ok(seconds < 10, `${seconds} s`);
  });

  test('gives the same bytes every time', async () => {
    const again = await subsetForText(family.regular.path, text);
    assert.deepEqual(Buffer.from(again), Buffer.from(subset));
  });

  test('keeps the copyright and licence names the OFL asks for', async () => {
    const hb = await import('harfbuzzjs');
    const face = new hb.Face(new hb.Blob(subset));
    assert.match(face.getName(13, 'en'), /Open Font License/);
  });
});

describe('fonts that cannot be subset', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wenji-font-'));
    writeFileSync(path.join(dir, 'not-a-font.ttf'), 'this is text, not a font');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a file that is not a font is refused with the reason', async () => {
    await assert.rejects(subsetForText(path.join(dir, 'not-a-font.ttf'), '字'), /not a TrueType or OpenType font/);
  });

  test('a missing font is refused', async () => {
    await assert.rejects(subsetForText(path.join(dir, 'missing.ttf'), '字'), /ENOENT/);
  });

  test('embedFont falls back to no font, with one warning line naming the file', async () => {
    const broken: FontFamily = { ...bundledSerif(), regular: { path: path.join(dir, 'not-a-font.ttf'), weight: 400 } };
    const result = await embedFont(scText('正文', '标题'), { ...bundledSerifs(), sc: broken }, 'sc', (file) => path.basename(file));
    assert.equal(result.font, undefined);
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0]!, /^not-a-font\.ttf: the font cannot be subset \(.+\); the EPUB is built without an embedded font$/);
    assert.doesNotMatch(result.warnings[0]!, /\n/);
  });

  test('a broken bold face keeps the regular one', async () => {
    const broken: FontFamily = { ...bundledSerif(), bold: { path: path.join(dir, 'not-a-font.ttf'), weight: 700 } };
    const result = await embedFont(scText('正文标题', '标题'), { ...bundledSerifs(), sc: broken }, 'sc', (file) => path.basename(file));
    assert.deepEqual(result.font?.files.map((file) => file.href), ['fonts/serif-sc-regular.ttf']);
    assert.match(result.warnings[0]!, /^not-a-font\.ttf: the bold font cannot be subset/);
  });
});

describe('the characters a book needs', () => {
  test('bold text is what the stylesheet sets bold; all text is in the regular set', () => {
    const { sc: text } = collectBookText(
      [
        { language: 'zh-Hans', nodes: [h('h1', '标题'), h('p', ['正文', h('strong', '重点'), h('em', '强调')]), h('table', [h('tr', [h('th', '表头'), h('td', '格')])])] },
        { language: 'zh-Hans', nodes: { type: 'root', children: [h('p', [h('a', { className: ['footnote-number'] }, '9')])] } },
      ],
      'sc',
    );
    assert.equal(uniqueCharacters(text.bold), uniqueCharacters('标题重点表头9'));
    assert.equal(uniqueCharacters(text.regular), uniqueCharacters('标题正文重点强调表头格9'));
  });

  test('numbered lists add the digits of their markers', () => {
    const { sc: text } = collectBookText([{ language: 'zh', nodes: [h('ol', [h('li', '一')])] }], 'sc');
    assert.match(text.regular, /0123456789\./);
  });

  test('characters are deduplicated and sorted, control characters dropped', () => {
    assert.equal(uniqueCharacters('乙甲乙\n\tA'), 'A乙甲');
  });

  test('the embedded stylesheet declares both faces and sets the body font', async () => {
    const result = await embedFont(scText('正文标题', '标题'), bundledSerifs(), 'sc', (file) => file);
    assert.ok(result.font);
    assert.deepEqual(result.warnings, []);
    assert.match(result.font.css, /@font-face \{[^}]*font-weight: normal;[^}]*url\("fonts\/serif-sc-regular\.ttf"\) format\("truetype"\)/);
    assert.match(result.font.css, /@font-face \{[^}]*font-weight: bold;[^}]*url\("fonts\/serif-sc-bold\.ttf"\)/);
    assert.match(result.font.css, /html \{\s*font-family: "wenji-serif-sc", serif;/);
    const bold = result.font.files.find((file) => file.weight === 700)!;
    const { unicodes } = await shapeBothWays(bold.data, '');
    assert.deepEqual([...unicodes].sort(), [...'标题', ...kerningProbe].map((c) => c.codePointAt(0)!).sort());
    await readFile(bundledSerif().regular.path).then((full) => assert.ok(full.length > 10 * 1024 * 1024, 'the bundled font is the full TrueType'));
  });
});
