import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Conversion } from '../../src/config/schema.js';
import { createChineseConverter, type ChineseConverter } from '../../src/normalize/chinese-conversion.js';
import { fixturesDir } from '../helpers/paths.js';

/**
 * Common phrases and sentences converted by every direction wenji offers, against expected
 * forms written by hand in test/fixtures/chinese-conversion/corpus.tsv (its header says how).
 */
type Row = { line: number; cn: string; s2t: string; s2tw: string; s2twp: string; s2hk: string; flags: string };

function readCorpus(): Row[] {
  const text = readFileSync(path.join(fixturesDir, 'chinese-conversion', 'corpus.tsv'), 'utf8');
  const rows: Row[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [cn, s2t, tw, twp, hk, flags = ''] = line.split('\t');
    assert.ok(cn && s2t && tw && twp && hk, `corpus.tsv line ${index + 1}: expected 5 columns`);
    const s2tw = tw === '=' ? s2t : tw;
    rows.push({ line: index + 1, cn, s2t, s2tw, s2twp: twp === '=' ? s2tw : twp, s2hk: hk === '=' ? s2t : hk, flags });
  }
  return rows;
}

const rows = readCorpus();
const forward = ['s2t', 's2tw', 's2twp', 's2hk'] as const;
const reverse = [
  ['t2s', 's2t'],
  ['tw2s', 's2tw'],
  ['hk2s', 's2hk'],
] as const;
const converters = new Map<Conversion, ChineseConverter>();
async function converter(conversion: Conversion): Promise<ChineseConverter> {
  if (!converters.has(conversion)) converters.set(conversion, (await createChineseConverter(conversion))!);
  return converters.get(conversion)!;
}

describe('simplified ↔ traditional corpus', () => {
  test('the corpus is large enough to mean something', () => {
    assert.ok(rows.length >= 60, `${rows.length} rows`);
  });

  for (const conversion of forward) {
    test(`${conversion}: every phrase`, async () => {
      const convert = await converter(conversion);
      const wrong = rows.filter((row) => convert(row.cn) !== row[conversion]).map((row) => `line ${row.line}: ${row.cn} → ${convert(row.cn)}, expected ${row[conversion]}`);
      assert.deepEqual(wrong, []);
    });
  }

  for (const [conversion, source] of reverse) {
    test(`${conversion}: the ${source} forms read back as simplified`, async () => {
      const convert = await converter(conversion);
      const wrong = rows
        .filter((row) => !row.flags.includes(`!${conversion}`) && convert(row[source]) !== row.cn)
        .map((row) => `line ${row.line}: ${row[source]} → ${convert(row[source])}, expected ${row.cn}`);
      assert.deepEqual(wrong, []);
    });
  }

  test('一个中国 is 一個中國 in every traditional form, also in a title and after digits', async () => {
    for (const conversion of forward) {
      const convert = await converter(conversion);
      assert.equal(convert('一个中国'), '一個中國', conversion);
      assert.equal(convert('《一个中国》'), '《一個中國》', conversion);
      assert.equal(convert('3个中学'), '3個中學', conversion);
      // 箇中 ("therein") is still 箇中.
      assert.equal(convert('个中滋味'), '箇中滋味', conversion);
      assert.equal(convert('个中心酸'), '箇中心酸', conversion);
    }
  });
});
