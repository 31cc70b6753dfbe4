import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hasScript, runCli } from '../helpers/cli.js';
import { cliEntry, fixture } from '../helpers/paths.js';

describe('progress', () => {
  let out: string;
  before(() => {
    out = mkdtempSync(path.join(tmpdir(), 'wenji-progress-'));
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  test('a log (not a terminal) gets one plain line per stage', async () => {
    const result = await runCli(['epub', fixture('check-clean'), '--out', out, '--no-cache']);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stderr.trim().split('\n');
    assert.match(lines[0]!, /^wenji: read 2 articles in [\d.]+ s \(2 normalized\)$/);
    assert.ok(lines.some((line) => /^wenji: wrote .*clean\.epub in [\d.]+ s$/.test(line)), 'a line for the written EPUB');
    assert.ok(lines.slice(1, -1).every((line) => line.startsWith('wenji: ')), 'every stage line is plain');
    assert.match(lines.at(-1)!, /^wenji: 2 articles, [\d.]+ s$/);
    assert.doesNotMatch(result.stderr, /\u001b\[/, 'no terminal escapes in a log');
    assert.match(result.stdout, /clean\.epub {2}\d+ KB/);
  });

  test('--quiet prints nothing when all is well', async () => {
    const result = await runCli(['epub', fixture('check-clean'), '--out', out, '--quiet']);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, '');
  });

  test('a terminal gets a task list with counts and elapsed times', { skip: !hasScript() && 'util-linux script is not installed' }, () => {
    const command = [process.execPath, cliEntry, 'epub', fixture('check-clean'), '--out', out, '--no-cache'].map((part) => `'${part}'`).join(' ');
    // A terminal wide enough for whole rows (rows are cut to the terminal width).
    const result = spawnSync('script', ['-qec', `stty cols 140 rows 40; ${command}`, '/dev/null'], { encoding: 'utf8', env: { ...process.env, CI: '', TERM: 'xterm-256color' }, timeout: 60_000 });
    assert.equal(result.status, 0, result.stdout);
    const screen = result.stdout;
    assert.match(screen, /✔ load/);
    assert.match(screen, /✔ normalize\s+█+\s+2\/2\s+[\d.]+ s {2}2 normalized/);
    assert.match(screen, /✔ write EPUB/);
    assert.match(screen, /wenji: 2 articles, [\d.]+ s/);
    assert.doesNotMatch(screen, /wenji: read 2 articles/, 'the plain log lines are replaced by the task list');
  });
});
