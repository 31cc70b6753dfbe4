import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckJson } from '../../src/check/check-json.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';

const problems = fixture('check-problems');
const clean = fixture('check-clean');

describe('wenji check', () => {
  test('finds every planted problem, with file, line and rule', async () => {
    const result = await runCli(['check', problems, '--json']);
    assert.equal(result.code, 5, result.stderr);
    const report = JSON.parse(result.stdout) as CheckJson;
    const found = report.messages.map((message) => `${path.basename(message.file)}:${message.line ?? ''} ${message.severity} ${message.rule}`);
    const expected = [
      '01-untitled.md:1 warning missing-title',
      '02-links.md:3 warning link', // no-such-file.md (reported by the build itself)
      '02-links.md:3 warning broken-link', // #nowhere
      '02-links.md:5 warning image', // missing local image
      '02-links.md:7 warning image', // remote image
      '03-mojibake.txt:2 warning replacement-character',
      // What the build fixes by itself is one info with a count, never a warning.
      '04-punctuation.md:3 info cjk-punctuation',
      '05-front-matter.md:3 warning front-matter-key',
      '06-empty.md:1 warning empty-article',
      '07-twin.md:1 error duplicate-title',
      // `lang: ja`: the build leaves Japanese punctuation alone, so check reports each mark.
      '08-japanese.md:6 warning halfwidth-punctuation',
      '08-japanese.md:6 warning halfwidth-punctuation',
      '08-japanese.md:8 warning halfwidth-punctuation',
      '09-bad-lang.md:3 warning front-matter-type',
      'notes.docx:1 warning ignored-file',
    ];
    assert.deepEqual(found, expected);
    assert.deepEqual(report.summary, { files: 10, errors: 1, warnings: 13 });
    assert.equal(report.ok, false);
    assert.equal(report.schema, 1);
    assert.equal(report.book.articles, 9);
    assert.ok(report.messages.every((message) => message.line !== null && message.column !== null), 'every message has a line and column');
    const mojibake = report.messages.find((message) => message.rule === 'replacement-character')!;
    assert.equal(mojibake.column, 9, 'points at the first U+FFFD');
    const fixed = report.messages.find((message) => message.rule === 'cjk-punctuation')!;
    assert.deepEqual([fixed.line, fixed.column, fixed.count], [3, 8, 3], 'at the first of the three marks, with their count');
    assert.match(fixed.message, /^3 half-width punctuation marks in CJK text are made full-width \(/);
    assert.ok(!report.messages.some((message) => /a,b/.test(message.message)), 'code is not linted');
    const japanese = report.messages.filter((message) => message.rule === 'halfwidth-punctuation');
    assert.deepEqual(japanese.map((message) => [message.line, message.column]), [[6, 5], [6, 17], [8, 3]]);
    assert.match(japanese[0]!.message, /“、”/, 'Japanese writes 、 for a comma');
    const twin = report.messages.find((message) => message.rule === 'duplicate-title')!;
    assert.deepEqual([twin.line, twin.column], [1, 3], 'at the title');
    assert.match(report.messages.find((message) => message.rule === 'front-matter-type')!.message, /"lang" is not a language tag: "zh\\""/);
  });

  test('repeats fold into one line with a count; --verbose lists them; infos of fixes are shown', async () => {
    const folded = await runCli(['check', problems]);
    const japanese = folded.stdout.split('\n').filter((line) => line.includes('halfwidth-punctuation'));
    assert.equal(japanese.length, 1, folded.stdout);
    assert.match(japanese[0]!, /^6:5\s+warning half-width "," between CJK characters.*“、” \(×3; --verbose lists them\)\s+halfwidth-punctuation\s+wenji$/);
    assert.match(folded.stdout, /^3:8\s+info\s+3 half-width punctuation marks in CJK text are made full-width \(，×1, ？×1, 。×1\)\s+cjk-punctuation\s+wenji$/m);
    assert.ok(!/encoding|×1;/.test(folded.stdout), 'other infos only with --verbose');
    const verbose = await runCli(['check', problems, '--verbose']);
    const listed = verbose.stdout.split('\n').filter((line) => line.includes('halfwidth-punctuation'));
    assert.deepEqual(listed.map((line) => line.split(/\s+/)[0]), ['6:5', '6:17', '8:3']);
    assert.ok(!verbose.stdout.includes('--verbose lists them'));
    assert.equal(verbose.code, folded.code);
  });

  test('prints the vfile-reporter format and a summary, and builds nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wenji-check-'));
    try {
      cpSync(problems, dir, { recursive: true });
      const result = await runCli(['check', '.'], { cwd: dir });
      assert.equal(result.code, 5);
      assert.match(result.stdout, /^content\/02-links\.md$/m);
      assert.match(result.stdout, /^\s*3:6-3:28\s+warning\s+link to "no-such-file\.md" removed.*link\s+wenji$/m);
      assert.match(result.stdout, /^wenji check: 9 articles, 1 error, 13 warnings$/m);
      assert.deepEqual(
        readdirSync(dir).sort(),
        ['book.yaml', 'content'],
        'no out/ folder, no cache',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('reports nothing on a clean anthology and exits 0, also with --strict', async () => {
    const result = await runCli(['check', clean, '--strict']);
    assert.equal(result.code, 0, result.stdout);
    assert.equal(result.stdout.trim(), 'wenji check: 2 articles, no problems found');
    const json = JSON.parse((await runCli(['check', clean, '--json'])).stdout) as CheckJson;
    assert.deepEqual(json.messages, []);
    assert.equal(json.ok, true);
  });

  test('with typography.punctuation off, the marks the build leaves are warnings, and no fix is counted', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wenji-check-'));
    try {
      cpSync(clean, dir, { recursive: true });
      writeFileSync(path.join(dir, 'book.yaml'), 'title: 干净的书\ntypography:\n  punctuation: false\n');
      writeFileSync(path.join(dir, 'content', '03-commas.md'), '# 逗号\n\n我们,他们,你们。\n');
      const report = JSON.parse((await runCli(['check', dir, '--json'])).stdout) as CheckJson;
      const mine = report.messages.filter((message) => message.file.endsWith('03-commas.md'));
      assert.deepEqual(mine.map((message) => [message.rule, message.severity, message.line, message.column]), [
        ['halfwidth-punctuation', 'warning', 3, 3],
        ['halfwidth-punctuation', 'warning', 3, 6],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--strict fails on warnings; errors in book.yaml exit with the config code', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wenji-check-'));
    try {
      cpSync(clean, dir, { recursive: true });
      writeFileSync(path.join(dir, 'content', '03-remote.md'), '# 远方\n\n![远方的图](https://example.com/far.png)\n\n一段文字。\n');
      assert.equal((await runCli(['check', dir])).code, 0);
      const strict = await runCli(['check', dir, '--strict']);
      assert.equal(strict.code, 5);
      assert.match(strict.stdout, /--strict: warnings fail the check/);
      writeFileSync(path.join(dir, 'book.yaml'), 'title: 书\nauthr: 某\n');
      const config = await runCli(['check', dir]);
      assert.equal(config.code, 3);
      assert.match(config.stderr, /book\.yaml: line 2: unknown key "authr"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
