import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, type CliResult } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';
import { fonts, openPdf } from '../helpers/pdf.js';
import { glyphInks, printedLines, punctuationRuns, type GlyphInk } from '../helpers/pdf-glyphs.js';

/**
 * Punctuation compression and the font of each locale, measured in the PDFs wenji prints: the
 * fixture paragraphs (test/fixtures/locale-pairs) each hold punctuation pairs between ideographs,
 * and the room a pair takes is read from the glyph positions. A compressed pair takes 1.5 em,
 * an uncompressed one 2.
 */

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'locale-pairs');
const squash = (text: string) => text.replace(/\s+/g, '');
type Locale = 'zh-Hant' | 'zh-Hans' | 'ja';

/** The fixture's paragraphs and their languages: Markdown lines, or `<p lang>` blocks. */
function paragraphs(file: string, language: Locale): { text: string; language: Locale }[] {
  const body = readFileSync(file, 'utf8').replace(/^---[\s\S]*?---\n/, '');
  return body
    .split(/\n\n+/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => {
      const tagged = /^<p lang="([^"]+)">(.*)<\/p>$/.exec(block);
      return tagged ? { text: tagged[2]!, language: tagged[1] as Locale } : { text: block, language };
    });
}

const hant = paragraphs(path.join(fixtures, 'zh-hant', 'content', '01-biaodian.md'), 'zh-Hant');
const ja = paragraphs(path.join(fixtures, 'ja', 'content', '01-yakumono.md'), 'ja');

/**
 * The pairs the fixture sets between ideographs, and ？」: a full cell each in vertical text (the
 * vertical ？ is centred and 」 has no room before it) and in centred horizontal styles; only
 * Simplified horizontal text, whose ？ sits to the left, gives it half a cell.
 */
const pairs = ['》，', '」，', '），', '。」', '》「', '》：', '：「', '、「', '）。', '？」'];
const compressed = 1.5;
const full = 2;
const tolerance = 0.08;

/** Room of every two-mark run, by the language of the paragraph it was printed in. */
async function roomsByLocale(file: string, vertical: boolean, sources: { text: string; language: Locale }[]): Promise<Map<Locale, Map<string, number[]>>> {
  const byText = new Map(sources.map((source) => [squash(source.text), source.language]));
  const rooms = new Map<Locale, Map<string, number[]>>();
  for (const lines of await printedLines(file, vertical)) {
    for (const line of lines) {
      const language = byText.get(line.map((placed) => placed.character).join(''));
      if (!language) continue;
      for (const run of punctuationRuns([line])) {
        if (!rooms.has(language)) rooms.set(language, new Map());
        const forLocale = rooms.get(language)!;
        forLocale.set(run.marks, [...(forLocale.get(run.marks) ?? []), run.room]);
      }
    }
  }
  return rooms;
}

function assertRooms(rooms: Map<Locale, Map<string, number[]>>, language: Locale, expected: (pair: string) => number): void {
  const measured = rooms.get(language);
  assert.ok(measured, `no ${language} paragraph found in the PDF`);
  for (const pair of pairs) {
    const values = measured.get(pair);
    assert.ok(values?.length, `${language}: ${pair} was not printed between ideographs`);
    const want = expected(pair);
    for (const room of values) assert.ok(Math.abs(room - want) <= tolerance, `${language} ${pair}: ${room.toFixed(2)} em, expected ${want}`);
  }
}

async function build(dir: string, out: string, args: string[] = []): Promise<CliResult> {
  const result = await runCli(['pdf', dir, '--out', path.join(dir, out), ...args]);
  assert.equal(result.code, 0, result.stderr);
  return result;
}

describe('punctuation compression and fonts by locale, measured in the PDF', () => {
  let root: string;
  const files = { hantVertical: '', hantOn: '', hantHorizontal: '', jaVertical: '' };
  const logs: Record<keyof typeof files, string> = { hantVertical: '', hantOn: '', hantHorizontal: '', jaVertical: '' };
  /**
   * The end-trim article: 25 paragraphs of n ideographs, 』」 (two closing marks, which every
   * locale's rule can compress: a centred Taiwan 。 could not) and more text.
   */
  const trimLengths = Array.from({ length: 25 }, (_, index) => 30 + index);
  const ideographs = '燈下讀書寫字記得鉛字溫度';
  // Each paragraph starts with its own character, to be found again.
  const trimParagraph = (n: number) => `${'一二三四五六七八九十百千萬山水火木金土日月星雲風雨'[n - 30]}${Array.from({ length: n - 1 }, (_, index) => ideographs[index % ideographs.length]).join('')}』」${ideographs.repeat(4)}`;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'wenji-locales-'));
    const copy = (name: string, from: string, extraYaml = '') => {
      const dir = path.join(root, name);
      cpSync(path.join(fixtures, from), dir, { recursive: true });
      if (extraYaml) writeFileSync(path.join(dir, 'book.yaml'), readFileSync(path.join(dir, 'book.yaml'), 'utf8') + extraYaml);
      return dir;
    };
    const hantDir = copy('hant', 'zh-hant');
    const onDir = copy('hant-on', 'zh-hant', 'typography:\n  compression: on\n');
    for (const dir of [hantDir, onDir]) writeFileSync(path.join(dir, 'content', '02-liewei.md'), `# 列尾試排\n\n${trimLengths.map(trimParagraph).join('\n\n')}\n`);
    // Hangul: in none of the bundled faces.
    writeFileSync(path.join(onDir, 'content', '03-hangul.md'), '# 韓文\n\n<p lang="ko">한글 문장</p>\n');
    const jaDir = copy('ja', 'ja');
    // One at a time: each print is a Chromium of its own on a shared machine.
    logs.hantVertical = (await build(hantDir, 'out')).stderr;
    files.hantVertical = path.join(hantDir, 'out', 'pairs-hant.pdf');
    logs.hantOn = (await build(onDir, 'out')).stderr;
    files.hantOn = path.join(onDir, 'out', 'pairs-hant.pdf');
    logs.hantHorizontal = (await build(hantDir, 'out-h', ['--writing-mode', 'horizontal'])).stderr;
    files.hantHorizontal = path.join(hantDir, 'out-h', 'pairs-hant.pdf');
    logs.jaVertical = (await build(jaDir, 'out')).stderr;
    files.jaVertical = path.join(jaDir, 'out', 'pairs-ja.pdf');
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  test('vertical, auto: Taiwan text keeps every mark full-width, Simplified and Japanese text compress every pair', async () => {
    const rooms = await roomsByLocale(files.hantVertical, true, hant);
    assertRooms(rooms, 'zh-Hant', () => full);
    assertRooms(rooms, 'zh-Hans', (pair) => (pair === '？」' ? full : compressed));
    assertRooms(rooms, 'ja', (pair) => (pair === '？」' ? full : compressed));
    assertRooms(await roomsByLocale(files.jaVertical, true, ja), 'ja', (pair) => (pair === '？」' ? full : compressed));
  });

  test('vertical, compression: on — Taiwan text compresses too, except 。」 (the centred 。 has no room next to 」)', async () => {
    const rooms = await roomsByLocale(files.hantOn, true, hant);
    assertRooms(rooms, 'zh-Hant', (pair) => (pair === '。」' || pair === '？」' ? full : compressed));
    assertRooms(rooms, 'zh-Hans', (pair) => (pair === '？」' ? full : compressed));
  });

  test('horizontal, auto: the same rule per locale', async () => {
    const rooms = await roomsByLocale(files.hantHorizontal, false, hant);
    assertRooms(rooms, 'zh-Hant', () => full);
    assertRooms(rooms, 'zh-Hans', () => compressed);
    assertRooms(rooms, 'ja', (pair) => (pair === '？」' ? full : compressed));
  });

  test('a closing mark at the end of a full column is trimmed when compressing, never when not', async () => {
    // Each paragraph's first column, in characters; a column of ideographs only gives its capacity.
    const firstColumns = async (file: string) => {
      const columns = (await printedLines(file, true)).flat();
      return trimLengths.map((n) => {
        const start = trimParagraph(n)[0]!;
        return columns.find((column) => column[0]?.character === start)!.map((placed) => placed.character).join('');
      });
    };
    for (const [file, trims] of [[files.hantOn, true], [files.hantVertical, false]] as const) {
      const columns = await firstColumns(file);
      const capacity = Math.max(...columns.filter((column) => !/[』」]/.test(column)).map((column) => [...column].length));
      const squeezed = columns.filter((column) => column.endsWith('』」') && [...column].length === capacity + 1);
      if (trims) assert.equal(squeezed.length, 1, `one paragraph fits 』」 into its column's last cell (capacity ${capacity}): ${columns.join(' | ')}`);
      else assert.ok(columns.every((column) => [...column].length <= capacity), `no column holds more characters than cells: ${columns.join(' | ')}`);
    }
  });

  test('each locale prints in its own face: ，。 centred for Taiwan, top-right for the mainland; ： rotated for Japanese', async () => {
    const inks = await glyphInks(files.hantVertical, '，。：');
    const of = (font: string, character: string): GlyphInk[] => inks.filter((ink) => ink.font.startsWith(font) && ink.character === character);
    for (const character of '，。') {
      const [tc, sc] = [of('NotoSerifTC', character), of('NotoSerifSC', character)];
      assert.ok(tc.length && sc.length, `${character} printed in both TC and SC`);
      for (const ink of tc) assert.ok(Math.abs(ink.centre - 0.5) < 0.1, `TC ${character} centred (ink centre ${ink.centre.toFixed(2)})`);
      for (const ink of sc) assert.ok(ink.centre > 0.65, `SC ${character} to the right (ink centre ${ink.centre.toFixed(2)})`);
    }
    const jaColon = [...of('NotoSerifJP', '：'), ...(await glyphInks(files.jaVertical, '：'))];
    assert.ok(jaColon.length >= 2);
    for (const ink of jaColon) assert.ok(ink.width > 2 * ink.height, `ja ： lies on its side (${ink.width.toFixed(2)} × ${ink.height.toFixed(2)} em)`);
    for (const ink of [...of('NotoSerifTC', '：'), ...of('NotoSerifSC', '：')]) assert.ok(ink.height > 2 * ink.width, `Chinese ： upright (${ink.width.toFixed(2)} × ${ink.height.toFixed(2)} em)`);
  });

  test('the faces embedded are the ones the text needs: three for the mixed book, JP alone for the Japanese one', async () => {
    const names = async (file: string) => [...new Set(fonts(await openPdf(file)).map((font) => font.name.replace(/^[A-Z]{6}\+/, '').replace(/-.*/, '')))].sort();
    assert.deepEqual(await names(files.hantVertical), ['NotoSerifJP', 'NotoSerifSC', 'NotoSerifTC']);
    assert.deepEqual(await names(files.jaVertical), ['NotoSerifJP']);
    for (const log of [logs.hantVertical, logs.hantHorizontal, logs.jaVertical]) assert.doesNotMatch(log, /missing from the bundled fonts/);
  });

  test('a character none of the faces has is reported, with the system font that drew it', (t) => {
    let korean = '';
    try {
      korean = execFileSync('fc-list', [':lang=ko', 'family'], { encoding: 'utf8' });
    } catch {}
    if (!korean.trim()) return t.skip('no Korean font on this system: Chromium draws nothing to report');
    assert.match(logs.hantOn, /some characters are missing from the bundled fonts and were set in .+ from this system/);
  });

  test('the text layer says exactly what the page shows, in every locale: no radicals or presentation forms', async () => {
    for (const [file, sources] of [[files.hantVertical, hant], [files.jaVertical, ja], [files.hantHorizontal, hant]] as const) {
      const text = (await openPdf(file)).pages.map((page) => page.squashed).join('');
      for (const source of sources) assert.ok(text.includes(squash(source.text)), `${path.basename(file)}: "${source.text}" is in the text layer`);
      // Kangxi radicals and supplement, CJK compatibility ideographs, vertical and compatibility forms.
      assert.doesNotMatch(text, /[\u2E80-\u2FDF\uF900-\uFAFF\uFE10-\uFE1F\uFE30-\uFE4F]/u);
    }
  });
});
