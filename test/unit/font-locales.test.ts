import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { h } from 'hastscript';
import { compresses, faceFor, faceLanguageRanges, recompressedLanguageRanges, uncompressedLanguageRanges, type CjkFace } from '../../src/locale/cjk-locale.js';
import { collectBookText } from '../../src/writers/fonts/book-text.js';
import { bundledSerifs } from '../../src/writers/fonts/bundled-fonts.js';
import { embedFont } from '../../src/writers/fonts/embed-font.js';
import { planSubsets } from '../../src/writers/fonts/plan-faces.js';
import { cmapRanges, inRanges, layoutFeatureTags, sfntTables } from '../../src/writers/fonts/sfnt-tables.js';
import { kerningProbe, subsetForText } from '../../src/writers/fonts/subset-for-text.js';
import { compressionCss } from '../../src/writers/compression-css.js';
import { fontLanguageCss } from '../../src/writers/pdf/fonts.js';

const serifs = bundledSerifs();
const none = { regular: '', bold: '' };

/**
 * A range as the stylesheets write it: `:lang(range)` as Chromium matches it (the tag itself or the
 * tag followed by more subtags), or `=tag` for an exact `[lang="tag"]`.
 */
const matches = (tag: string, range: string) =>
  range.startsWith('=') ? tag.toLowerCase() === range.slice(1).toLowerCase() : tag.toLowerCase() === range.toLowerCase() || tag.toLowerCase().startsWith(`${range.toLowerCase()}-`);

const tags = ['zh', 'zh-CN', 'zh-Hans', 'zh-Hans-CN', 'zh-SG', 'zh-Hans-HK', 'zh-Hant', 'zh-TW', 'zh-Hant-TW', 'zh-HK', 'zh-Hant-HK', 'zh-MO', 'zh-Hant-CN', 'ja', 'ja-JP', 'en', 'ko', 'fr'];

describe('the face and the punctuation style of a language', () => {
  test('Traditional tags and regions get TC, Japanese JP, other Chinese SC, other languages none', () => {
    const faces = Object.fromEntries(tags.map((tag) => [tag, faceFor(tag)]));
    assert.deepEqual(faces, {
      zh: 'sc', 'zh-CN': 'sc', 'zh-Hans': 'sc', 'zh-Hans-CN': 'sc', 'zh-SG': 'sc', 'zh-Hans-HK': 'sc',
      'zh-Hant': 'tc', 'zh-TW': 'tc', 'zh-Hant-TW': 'tc', 'zh-HK': 'tc', 'zh-Hant-HK': 'tc', 'zh-MO': 'tc', 'zh-Hant-CN': 'tc',
      ja: 'jp', 'ja-JP': 'jp', en: undefined, ko: undefined, fr: undefined,
    });
  });

  test('auto compresses Simplified, Hong Kong and Japanese text and leaves Taiwan’s full-width; on and off override', () => {
    const uncompressed = tags.filter((tag) => !compresses(tag, 'auto'));
    assert.deepEqual(uncompressed, ['zh-Hant', 'zh-TW', 'zh-Hant-TW', 'zh-Hant-CN']);
    assert.ok(tags.every((tag) => compresses(tag, 'on') && !compresses(tag, 'off')));
  });

  test('the stylesheet rules pick the same face as the subsetter (CSS :lang prefix matching, later rules win)', () => {
    for (const tag of tags) {
      let face: CjkFace | undefined;
      for (const [candidate, ranges] of faceLanguageRanges) if (ranges.some((range) => matches(tag, range))) face = candidate;
      assert.equal(face, faceFor(tag), tag);
    }
    const css = fontLanguageCss('tc');
    assert.match(css, /^html \{ --wenji-serif: "Wenji Serif TC", "Wenji Serif SC", "Wenji Serif JP"; \}/);
    assert.match(css, /\[lang\]:lang\(zh-TW\)[^{]*\{ --wenji-serif: "Wenji Serif TC", "Wenji Serif SC", "Wenji Serif JP"; \}/);
    assert.match(css, /\[lang\]:lang\(ja\) \{ --wenji-serif: "Wenji Serif JP", "Wenji Serif SC", "Wenji Serif TC"; \}/);
    assert.match(css, /\[lang="zh"\] \{ --wenji-serif: "Wenji Serif SC"/);
  });

  test('the compression rules agree with compresses() for every tag', () => {
    for (const tag of tags) {
      let trimmed = true;
      if (uncompressedLanguageRanges.some((range) => matches(tag, range))) trimmed = false;
      if (recompressedLanguageRanges.some((range) => matches(tag, range))) trimmed = true;
      assert.equal(trimmed, compresses(tag, 'auto'), tag);
    }
    assert.match(compressionCss('auto'), /\[lang\]:lang\(zh-Hant\), \[lang\]:lang\(zh-TW\) \{ text-spacing-trim: space-all; \}/);
    assert.match(compressionCss('off'), /html, \[lang\] \{ text-spacing-trim: space-all; \}/);
    assert.doesNotMatch(compressionCss('on'), /space-all/);
  });
});

describe('per-face text and subsets', () => {
  test('each element’s lang sends its text to its face; Latin text stays with the face around it', () => {
    const texts = collectBookText(
      [
        { language: 'zh-Hant', nodes: [h('p', ['臺灣', h('span', { lang: 'ja' }, 'かな'), h('span', { lang: 'en' }, 'ok'), h('strong', { lang: 'zh-Hans' }, '简体')])] },
        { language: 'en', nodes: [h('p', 'Latin 中')] },
      ],
      'sc',
    );
    assert.equal(texts.tc.regular, '臺灣ok');
    assert.equal(texts.jp.regular, 'かな');
    assert.deepEqual(texts.sc, { regular: '简体Latin 中', bold: '简体' });
  });

  test('characters a face lacks go to the face the stylesheet falls back to; unused faces get no subset', async () => {
    const plan = await planSubsets({ sc: none, tc: { regular: '臺灣说们', bold: '' }, jp: { regular: 'かな这', bold: '' } }, serifs);
    const byFace = Object.fromEntries(plan.map((subset) => [`${subset.face}/${subset.weight}`, subset.characters]));
    // Noto Serif TC has no 说/们 and Noto Serif JP no 这: they are set in SC, as the font lists say.
    assert.deepEqual(byFace, { 'tc/regular': '灣臺', 'sc/regular': '们说这', 'jp/regular': 'かな' });
    const tc = cmapRanges(readFileSync(serifs.tc.regular.path));
    assert.ok(!inRanges(tc, '说'.codePointAt(0)!) && inRanges(tc, '臺'.codePointAt(0)!));
    const single = await planSubsets({ sc: { regular: '灯下集', bold: '灯' }, tc: none, jp: none }, serifs);
    assert.deepEqual(single.map((subset) => subset.face), ['sc', 'sc']);
  });

  for (const face of ['sc', 'tc', 'jp'] as const) {
    for (const weight of ['regular', 'bold'] as const) {
      test(`the ${face.toUpperCase()} ${weight} subset keeps every feature vertical setting and compression need, and GDEF`, async () => {
        // Punctuation, kana (vkrn), Latin (kern) and a combining mark (GDEF classifies marks).
        const subset = await subsetForText(serifs[face][weight].path, '，。、：；！？「」『』《》（）——……かなカナゃAVTo fie\u0301');
        const tables = sfntTables(subset);
        for (const tag of ['GDEF', 'GSUB', 'GPOS', 'vhea', 'vmtx']) assert.ok(tables.has(tag), `${tag} kept`);
        assert.deepEqual(layoutFeatureTags(subset, 'GSUB').sort(), ['ccmp', 'locl', 'vert', 'vrt2']);
        assert.deepEqual(layoutFeatureTags(subset, 'GPOS').sort(), ['chws', 'halt', 'kern', 'palt', 'vchw', 'vhal', 'vkrn', 'vpal']);
      });
    }
  }

  test('even a subset for text with no punctuation keeps what compression needs (Chromium probes ten marks)', async () => {
    const subset = await subsetForText(serifs.tc.regular.path, '臺灣');
    for (const tag of ['halt', 'vhal', 'chws', 'vchw']) assert.ok(layoutFeatureTags(subset, 'GPOS').includes(tag), tag);
    const mapped = cmapRanges(subset);
    for (const character of kerningProbe) assert.ok(inRanges(mapped, character.codePointAt(0)!), character);
  });

  test('the EPUB font css declares each embedded face and sets each language in its own', async () => {
    const result = await embedFont({ sc: { regular: '简体', bold: '' }, tc: { regular: '臺灣', bold: '臺' }, jp: { regular: 'かな', bold: '' } }, serifs, 'tc', (file) => file);
    assert.ok(result.font);
    assert.deepEqual(result.font.files.map((file) => file.href), ['fonts/serif-tc-regular.ttf', 'fonts/serif-sc-regular.ttf', 'fonts/serif-jp-regular.ttf', 'fonts/serif-tc-bold.ttf']);
    assert.deepEqual(result.font.families.map((family) => family.name), ['Noto Serif TC', 'Noto Serif SC', 'Noto Serif JP']);
    const css = result.font.css;
    assert.match(css, /html \{\s*font-family: "wenji-serif-tc", "wenji-serif-sc", "wenji-serif-jp", serif;/);
    assert.match(css, /\[lang\]:lang\(ja\) \{\s*font-family: "wenji-serif-jp", "wenji-serif-sc", "wenji-serif-tc", serif;/);
    assert.match(css, /\[lang\]:lang\(zh-Hans\)[^{]*\{\s*font-family: "wenji-serif-sc", "wenji-serif-tc", "wenji-serif-jp", serif;/);
    for (const file of result.font.files) assert.match(css, new RegExp(`font-family: "wenji-serif-${file.face}";[^}]*url\\("${file.href}"\\)`));
  });
});
