import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckJson, CheckJsonMessage } from '../../src/check/check-json.js';
import { runCli } from '../helpers/cli.js';
import { findAll, openEpub, textOf } from '../helpers/epub.js';

/**
 * A blog dump of the kind that made `check` print two thousand warnings: ASCII punctuation on
 * every line (which the build fixes), full-width-space indents, dashes and quotes, and two
 * damaged characters (the real problems), plus two articles whose names sort differently as
 * text and as numbers.
 */
function dumpLines(): string[] {
  const lines = ['河边的日子', ''];
  for (let day = 1; day <= 30; day++) {
    const damaged = day === 7 || day === 19 ? '\uFFFD' : '';
    lines.push(`　　第${day}天,我们去河边看船.他问:"水冷吗?"我说:冷--但是很清${damaged}...`);
  }
  return lines;
}

let dir: string;
let report: CheckJson;
let text: string;

describe('wenji check: a report worth reading', () => {
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'wenji-check-report-'));
    mkdirSync(path.join(dir, 'content'));
    writeFileSync(path.join(dir, 'book.yaml'), 'title: 河边集\n');
    writeFileSync(path.join(dir, 'content', '01-dump.txt'), `${dumpLines().join('\n')}\n`);
    writeFileSync(path.join(dir, 'content', '2-a.md'), '# 甲\n\n甲篇。\n\n![没有的图](missing-a.png)\n');
    writeFileSync(path.join(dir, 'content', '10-b.md'), '# 乙\n\n乙篇。\n\n![没有的图](missing-b.png)\n');
    const json = await runCli(['check', dir, '--json']);
    report = JSON.parse(json.stdout) as CheckJson;
    text = (await runCli(['check', dir])).stdout;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const dumpMessages = () => report.messages.filter((message) => message.file.endsWith('01-dump.txt'));

  test('fixes the build makes are one info line each with a count; the two damaged characters are the warnings', () => {
    const infos = dumpMessages().filter((message) => message.severity === 'info' && message.count !== undefined);
    assert.deepEqual(infos.map((message) => [message.rule, message.count]).sort(), [
      ['cjk-dashes', 60],
      ['cjk-punctuation', 150],
      ['cjk-quotes', 60],
      ['cjk-spacing', 60],
      ['indent', 30],
    ]);
    const warnings = dumpMessages().filter((message) => message.severity !== 'info');
    assert.deepEqual(warnings.map((message) => [message.rule, message.line, message.column]), [
      ['replacement-character', 9, 34],
      ['replacement-character', 21, 35],
    ]);
    const lines = text.split('\n');
    const block = lines.slice(lines.findIndex((line) => line.endsWith('01-dump.txt')) + 1, lines.findIndex((line) => line === '', lines.findIndex((line) => line.endsWith('01-dump.txt'))));
    assert.equal(block.length, 6, block.join('\n'));
    assert.match(block.join('\n'), /^3:6\s+info\s+150 half-width punctuation marks in CJK text are made full-width \(：×60, ，×30, ？×30, 。×30\)/m);
    assert.match(block.join('\n'), /^9:34\s+warning broken character \(U\+FFFD �\) in the source.*\(×2; --verbose lists them\)\s+replacement-character\s+wenji$/m);
  });

  test('every message has a line and column, in reading order of files, then by place', () => {
    assert.ok(report.messages.every((message) => message.line !== null && message.column !== null));
    const files = [...new Set(report.messages.map((message) => path.basename(message.file)))];
    assert.deepEqual(files, ['01-dump.txt', '2-a.md', '10-b.md']);
    const places = (messages: CheckJsonMessage[]) => messages.map((message) => message.line! * 1000 + message.column!);
    const dump = places(dumpMessages());
    assert.deepEqual(dump, [...dump].sort((a, b) => a - b));
    assert.ok(text.indexOf('2-a.md') < text.indexOf('10-b.md'), 'reading order, not text order');
  });

  test('the counts are what the build changes in the book', async () => {
    const built = await runCli(['epub', dir, '--no-cache']);
    assert.equal(built.code, 0, built.stderr);
    const epub = await openEpub(path.join(dir, 'out', '河边集.epub'));
    const document = epub.names.find((name) => /dump\.xhtml$/.test(name))!;
    const paragraphs = findAll(await epub.xml(document), 'p').map(textOf);
    const body = paragraphs.join('\n');
    const source = dumpLines().join('\n');
    const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
    const info = (rule: string) => dumpMessages().find((message) => message.rule === rule)!;
    for (const [mark, reported] of (info('cjk-punctuation').message.match(/[，。：？！；（）]×\d+/g) ?? []).map((item) => item.split('×'))) {
      assert.equal(count(body, mark!) - count(source, mark!), Number(reported), mark);
    }
    assert.equal(count(body, '……') + count(body, '——'), info('cjk-dashes').count);
    assert.equal(count(body, '“') + count(body, '”'), info('cjk-quotes').count);
    assert.equal(paragraphs.filter((paragraph) => paragraph.startsWith('第')).length, info('indent').count);
    assert.ok(!/[\u3400-\u9fff][,.:?!;"][\u3400-\u9fff]/u.test(body), 'no half-width mark is left between CJK characters');
  });
});
