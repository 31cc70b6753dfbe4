import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { addSources, type SourceResult } from '../../src/collect/add-sources.js';
import { serve, startServer } from '../helpers/http-server.js';

const dirs: string[] = [];
function workspace(): { dir: string; book: string; content: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'wenji-add-unit-'));
  dirs.push(dir);
  const book = path.join(dir, 'book');
  mkdirSync(book);
  return { dir, book, content: path.join(book, 'content') };
}
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const statuses = (results: SourceResult[]) => results.map((result) => result.status);

describe('addSources', () => {
  test('a Markdown source: its images are copied, its problems are warnings, its url is remembered', async () => {
    const { dir, book, content } = workspace();
    mkdirSync(path.join(dir, 'notes', 'pics'), { recursive: true });
    await sharp({ create: { width: 20, height: 10, channels: 3, background: '#336699' } }).png().toFile(path.join(dir, 'notes', 'pics', 'a.png'));
    writeFileSync(path.join(dir, 'notes', 'river.md'), '---\ntitle: 河边\nmood: 晴\nurl: https://example.org/river?utm_source=x\n---\n\n河边有船\uFFFD。\n\n![船](pics/a.png)\n');
    const [result] = await addSources({ dir: book, sources: [path.join(dir, 'notes', 'river.md')], cwd: dir });
    assert.ok(result?.status === 'added');
    assert.equal(result.warnings.length, 2, result.warnings.join('\n'));
    assert.match(result.warnings[1]!, /line 3: unknown front-matter key "mood" ignored/);
    assert.match(result.warnings[0]!, /1 broken character \(U\+FFFD �\) in the source, the first at line 7, column 5/);
    const written = readFileSync(path.join(content, '01-river.md'), 'utf8');
    assert.match(written, /^title: 河边\nurl: https:\/\/example\.org\/river\n---\n\n河边有船\uFFFD。\n\n!\[船\]\(images\/[0-9a-f]{16}\.png\)\n$/m);
    assert.equal(readdirSync(path.join(content, 'images')).length, 1);
    // Its url (without the tracking parameter) is known from now on, to a web address or a file saying it.
    const again = await addSources({ dir: book, sources: ['https://example.org/river/', path.join(dir, 'notes', 'river.md')], cwd: dir });
    assert.deepEqual(again.map((entry) => entry.status === 'exists' && entry.existing), [path.join('book', 'content', '01-river.md'), path.join('book', 'content', '01-river.md')]);
  });

  test('the same address twice in one run is added once; --dry-run writes nothing, not even content/', async () => {
    const server = await startServer({ '/ferry.html': serve('text/html; charset=utf-8', '<!doctype html><html><head><title>一页</title></head><body><article><h1>一页</h1><p>这一页的正文足够长，可以被认出是文章。它讲的是一个关于渡口的故事，故事很短。</p></article></body></html>') });
    try {
      const { dir, book, content } = workspace();
      const dry = await addSources({ dir: book, sources: [`${server.origin}/ferry.html`], cwd: dir, dryRun: true });
      assert.deepEqual(statuses(dry), ['added']);
      assert.equal(existsSync(content), false);
      const results = await addSources({ dir: book, sources: [`${server.origin}/ferry.html`, `${server.origin}/ferry.html#top`], cwd: dir });
      assert.deepEqual(statuses(results), ['added', 'exists']);
      assert.deepEqual(readdirSync(content), ['01-ferry.md']);
      assert.deepEqual(server.log.map((entry) => entry.line), ['GET /ferry.html', 'GET /ferry.html']);
    } finally {
      await server.close();
    }
  });

  test('--split overrides book.yaml; a source with no text is an error, not an empty article', async () => {
    const { dir, book, content } = workspace();
    writeFileSync(path.join(book, 'book.yaml'), 'title: 集子\ntext:\n  split: "^===$"\n');
    writeFileSync(path.join(dir, 'dump.txt'), '甲篇\n第一篇的正文。\n***\n乙篇\n第二篇的正文。\n');
    writeFileSync(path.join(dir, 'empty.html'), '<!doctype html><html><head><title>空</title></head><body><div id="app"></div></body></html>');
    const results = await addSources({ dir: book, sources: [path.join(dir, 'dump.txt'), path.join(dir, 'empty.html')], cwd: dir, split: '^\\*{3}$' });
    assert.deepEqual(statuses(results), ['added', 'failed']);
    assert.deepEqual(readdirSync(content).sort(), ['01-甲篇.md', '02-乙篇.md']);
    assert.deepEqual(results[1], { status: 'failed', source: path.join(dir, 'empty.html'), kind: 'unreadable', reason: 'no article text found' });
    await assert.rejects(addSources({ dir: book, sources: [path.join(dir, 'dump.txt')], cwd: dir, split: '(' }), /--split: not a valid regular expression/);
  });
});
