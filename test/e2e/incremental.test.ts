import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';

const readLine = (stderr: string) => /^wenji: read \d+ articles in [\d.]+ s \((.*)\)$/m.exec(stderr)?.[1];

describe('incremental builds', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wenji-incremental-'));
    cpSync(path.join(repoRoot, 'content'), path.join(dir, 'content'), { recursive: true });
    cpSync(path.join(repoRoot, 'book.yaml'), path.join(dir, 'book.yaml'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the second build re-normalizes nothing and writes the same EPUB; an edit re-normalizes one article', async () => {
    const epub = path.join(dir, 'out', 'dengxia-ji.epub');
    const first = await runCli(['epub', dir], { env: { SOURCE_DATE_EPOCH: '1700000000' } });
    assert.equal(first.code, 0, first.stderr);
    assert.equal(readLine(first.stderr), '6 normalized');
    assert.match(first.stderr, /drew the cover/);
    const cold = readFileSync(epub);

    const second = await runCli(['epub', dir], { env: { SOURCE_DATE_EPOCH: '1700000000' } });
    assert.equal(second.code, 0, second.stderr);
    assert.equal(readLine(second.stderr), '0 normalized, 6 from the cache');
    assert.match(second.stderr, /wenji: 6 articles \(0 normalized, 6 from the cache\), 1 warning/);
    assert.match(second.stderr, /remote image not fetched/, 'cached articles still report their warnings');
    assert.match(second.stderr, /cover from the cache/, 'the drawn cover is reused');
    assert.ok(readFileSync(epub).equals(cold), 'byte-identical EPUB from the cache');

    const letter = path.join(dir, 'content', '04-letter.txt');
    writeFileSync(letter, `${readFileSync(letter, 'utf8')}又及：灯下写的。\n`);
    const third = await runCli(['epub', dir]);
    assert.equal(readLine(third.stderr), '1 normalized, 5 from the cache');
  });

  test('--no-cache neither reads nor writes the cache', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'wenji-nocache-'));
    try {
      const result = await runCli(['epub', dir, '--out', out, '--no-cache']);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(readLine(result.stderr), '6 normalized');
      assert.deepEqual(readdirSync(out), ['dengxia-ji.epub']);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('a corrupt cache entry is a miss, never an error', async () => {
    const articles = path.join(dir, 'out', '.cache', 'articles');
    for (const name of readdirSync(articles)) writeFileSync(path.join(articles, name), '{"schema":1,');
    const result = await runCli(['epub', dir]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(readLine(result.stderr), '6 normalized');
    assert.ok(existsSync(path.join(dir, 'out', '.cache', 'CACHEDIR.TAG')));
    assert.deepEqual(readdirSync(articles).filter((name) => name.endsWith('.tmp')), [], 'no temporary files left');
  });
});
