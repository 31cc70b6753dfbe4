import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { planBodyPages, type PlannedPage } from '../../src/writers/pdf/page-plan.js';
import { headCapacity, runningHead } from '../../src/writers/pdf/running-head.js';

const kinds = (pages: PlannedPage[]) => pages.map((page) => (page.kind === 'blank' ? '-' : page.kind === 'opening' ? 'O' : 'r')).join('');

describe('planBodyPages', () => {
  test('any: the printed pages as they are, openings marked', () => {
    const plan = planBodyPages(6, [0, 3, 4], undefined, 'any');
    assert.equal(kinds(plan.pages), 'OrrOOr');
    assert.deepEqual(plan.finalIndex, [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(
      plan.pages.map((page) => (page.kind === 'blank' ? undefined : page.part)),
      [0, 0, 0, 1, 2, 2],
    );
  });

  test('recto: a blank page before every article that would start on a verso', () => {
    // 甲 0–2 (3 pages), 乙 3 (1 page), 丙 4–5, 丁 6.
    const plan = planBodyPages(7, [0, 3, 4, 6], undefined, 'recto');
    assert.equal(kinds(plan.pages), 'Orr-O-OrO');
    assert.deepEqual(plan.finalIndex, [0, 1, 2, 4, 6, 7, 8]);
    // Every article now starts on a recto: an even 0-based index of the finished body.
    for (const start of [0, 3, 4, 6]) assert.equal(plan.finalIndex[start]! % 2, 0, `printed page ${start}`);
    // Blank pages carry nothing: no part, no source.
    assert.deepEqual(plan.pages[3], { kind: 'blank' });
  });

  test('recto: no blank page when every article already starts on a recto', () => {
    const plan = planBodyPages(6, [0, 2, 4], undefined, 'recto');
    assert.equal(kinds(plan.pages), 'OrOrOr');
  });

  test('the colophon is an opening page (no running head) but may start on a verso', () => {
    const plan = planBodyPages(5, [0, 2], 3, 'recto');
    assert.equal(kinds(plan.pages), 'OrOOr');
    assert.deepEqual(
      plan.pages.map((page) => (page.kind === 'blank' ? undefined : page.part)),
      [0, 0, 1, 'colophon', 'colophon'],
    );
  });

  test('an article located on the previous article’s page (not found) adds no opening or blank page', () => {
    const plan = planBodyPages(4, [0, 0, 1], undefined, 'recto');
    assert.equal(kinds(plan.pages), 'O-Orr');
    assert.equal(plan.finalIndex[1]! % 2, 0);
  });

  test('an empty body gives an empty plan', () => {
    assert.deepEqual(planBodyPages(0, [], undefined, 'recto'), { pages: [], finalIndex: [] });
  });
});

describe('runningHead', () => {
  test('a title that fits is kept whole, spaces folded', () => {
    assert.equal(runningHead('灯下集', 20), '灯下集');
    assert.equal(runningHead('  The  Last Sleeper ', 20), 'The Last Sleeper');
  });

  test('a long title is cut at its first colon or dash when the part before says enough', () => {
    assert.equal(runningHead('长埠街的早晨与黄昏：一条老街上的茶馆、码头、邮筒和那些慢慢走远的人', 20), '长埠街的早晨与黄昏');
    assert.equal(runningHead('一盏油灯的家谱——写给外婆和她那间总在黄昏亮起来的厨房', 20), '一盏油灯的家谱');
    assert.equal(runningHead('Night Trains: notes on a sleeper to the north and back again', 20), 'Night Trains');
  });

  test('a head part of fewer than four characters is not enough: the title is truncated with …', () => {
    const head = runningHead('序：一个很短的主标题后面跟着一个非常长的副标题用来检验规则', 12);
    assert.equal(head, '序：一个很短的主标题后…');
  });

  test('truncation counts full-width characters as 1 em and Latin as less, never overflowing', () => {
    const cjk = runningHead('这是一个非常非常长的标题没有任何冒号或者破折号可以用来截断它', 10);
    assert.equal(cjk, '这是一个非常非常长…');
    const latin = runningHead('an extremely long English title without any colon in it at all', 10);
    assert.ok(latin.endsWith('…'));
    // 0.6 em a letter (0.8 for capitals and wide ones), 1 em for the ellipsis.
    assert.ok([...latin].length - 1 <= Math.floor((10 - 1) / 0.6), latin);
    assert.ok([...latin].length - 1 >= Math.floor((10 - 1) / 0.8), latin);
  });

  test('a cut never leaves an opening bracket or a separator before the ellipsis', () => {
    assert.equal(runningHead('一二三四五（六七八九十一二三', 7), '一二三四五…');
    assert.equal(runningHead('一二三四五、六七八九十一二三', 7), '一二三四五…');
    assert.equal(runningHead('一二三四五六七八九十一二三', 7), '一二三四五六…');
  });
});

describe('headCapacity', () => {
  test('ems of the head size that fit the width, one kept free', () => {
    // 111.2 mm at 7.5 pt: 315 pt / 7.5 = 42 ems, 41 used.
    assert.equal(headCapacity(111.16, 7.5), 41);
    assert.equal(headCapacity(25.4, 12), 5);
  });
});
