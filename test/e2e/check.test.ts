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
      '04-punctuation.md:3 warning halfwidth-punctuation',
      '04-punctuation.md:3 warning halfwidth-punctuation',
      '04-punctuation.md:3 warning halfwidth-punctuation',
      '05-front-matter.md:3 warning front-matter-key',
      '06-empty.md: warning empty-article',
      '07-twin.md: error duplicate-title',
      'notes.docx: warning ignored-file',
    ];
    assert.deepEqual(found, expected);
    assert.deepEqual(report.summary, { files: 8, errors: 1, warnings: 12 });
    assert.equal(report.ok, false);
    assert.equal(report.schema, 1);
    assert.equal(report.book.articles, 7);
    const mojibake = report.messages.find((message) => message.rule === 'replacement-character')!;
    assert.equal(mojibake.column, 9, 'points at the first U+FFFD');
    const comma = report.messages.find((message) => message.rule === 'halfwidth-punctuation')!;
    assert.deepEqual([comma.line, comma.column], [3, 8]);
    assert.match(comma.message, /“，”/);
    assert.ok(!report.messages.some((message) => /a,b/.test(message.message)), 'code is not linted');
  });

  test('prints the vfile-reporter format and a summary, and builds nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wenji-check-'));
    try {
      cpSync(problems, dir, { recursive: true });
      const result = await runCli(['check', '.'], { cwd: dir });
      assert.equal(result.code, 5);
      assert.match(result.stdout, /^content\/02-links\.md$/m);
      assert.match(result.stdout, /^\s*3:6-3:28\s+warning\s+link to "no-such-file\.md" removed.*link\s+wenji$/m);
      assert.match(result.stdout, /^wenji check: 7 articles, 1 error, 12 warnings$/m);
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
