import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { arrangeContent } from '../../src/content/arrange.js';
import { loadContent } from '../../src/content/load.js';
import type { OrderEntry } from '../../src/config/schema.js';

/** Reading order and parts (辑) from the content folder's layout and book.yaml's `order`. */

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A content folder holding `files` (path → text; a trailing `/` makes an empty folder). */
function contentFolder(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'wenji-arrange-'));
  roots.push(root);
  for (const [file, text] of Object.entries(files)) {
    const full = path.join(root, file);
    if (file.endsWith('/')) mkdirSync(full, { recursive: true });
    else {
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, text);
    }
  }
  return root;
}

const article = '---\ntitle: 文\n---\n\n正文。\n';

/** The arrangement of a folder, given its article files as the content walk finds them (no `_` names). */
function arranged(files: Record<string, string>, order?: OrderEntry[]) {
  const root = contentFolder(files);
  const found = Object.keys(files).filter((file) => /\.md$/.test(file) && !path.basename(file).startsWith('_'));
  return arrangeContent(root, found, order);
}

describe('parts from folders', () => {
  test('each folder of articles is a part; folders and top-level articles go by name, numbers as numbers', () => {
    const result = arranged({
      '00-preface.md': article,
      '2-second/b.md': article,
      '10-tenth/a.md': article,
      '10-tenth/2-c.md': article,
      '10-tenth/10-d.md': article,
      '99-end.md': article,
      'images/lamp.png': 'not an article',
    });
    assert.deepEqual(result.ordered, ['00-preface.md', '2-second/b.md', '10-tenth/2-c.md', '10-tenth/10-d.md', '10-tenth/a.md', '99-end.md']);
    assert.deepEqual(
      result.parts.map((part) => ({ id: part.id, folder: part.folder, articles: part.articles })),
      [
        { id: 'part-1', folder: '2-second', articles: ['2-second/b.md'] },
        { id: 'part-2', folder: '10-tenth', articles: ['10-tenth/2-c.md', '10-tenth/10-d.md', '10-tenth/a.md'] },
      ],
    );
    assert.deepEqual(result.warnings, []);
  });

  test('deeper folders are flattened into their part, by path', () => {
    const result = arranged({ '01-part/b.md': article, '01-part/sub/02-a.md': article, '01-part/sub/deeper/01-z.md': article, '01-part/a.md': article });
    assert.deepEqual(result.parts[0]!.articles, ['01-part/a.md', '01-part/b.md', '01-part/sub/02-a.md', '01-part/sub/deeper/01-z.md']);
  });

  test("a folder's index.md and _part.yaml are its part's, not articles; a folder whose only article is index.md is no part", () => {
    const result = arranged({
      '01-people/index.md': '---\ntitle: 人物\n---\n\n小序。\n',
      '01-people/a.md': article,
      '02-places/_part.yaml': 'title: 地方\n',
      '02-places/b.md': article,
      '03-page/index.md': article,
    });
    assert.deepEqual(result.ordered, ['01-people/a.md', '02-places/b.md', '03-page/index.md']);
    assert.equal(result.parts.length, 2);
    assert.equal(result.parts[0]!.indexFile, '01-people/index.md');
    assert.equal(result.parts[1]!.partFile, '02-places/_part.yaml');
    assert.equal(result.parts[1]!.indexFile, undefined);
  });

  test('a folder with a _part.yaml and no article is an empty part (reported later, then left out)', () => {
    const result = arranged({ 'a.md': article, '05-empty/_part.yaml': 'title: 空\n' });
    assert.deepEqual(result.parts.map((part) => ({ folder: part.folder, articles: part.articles })), [{ folder: '05-empty', articles: [] }]);
    assert.deepEqual(result.ordered, ['a.md']);
  });
});

describe('parts from a grouped order', () => {
  const files = { '00-preface.md': article, '01-people/a.md': article, '01-people/b.md': article, '02-places/c.md': article, '02-places/index.md': '---\ntitle: 地方\n---\n', 'd.md': article };

  test('order mixes articles, folders (their part) and { part, articles } entries, in its order', () => {
    const result = arranged(files, ['d', { part: '人物 · 二', articles: ['01-people/b.md', '01-people/a'], preface: '两篇。' }, '02-places/', '00-preface.md']);
    assert.deepEqual(result.ordered, ['d.md', '01-people/b.md', '01-people/a.md', '02-places/c.md', '00-preface.md']);
    assert.deepEqual(
      result.parts.map((part) => ({ id: part.id, title: part.title, preface: part.preface, folder: part.folder, index: part.indexFile, articles: part.articles })),
      [
        { id: 'part-1', title: '人物 · 二', preface: '两篇。', folder: undefined, index: undefined, articles: ['01-people/b.md', '01-people/a.md'] },
        { id: 'part-2', title: undefined, preface: undefined, folder: '02-places', index: '02-places/index.md', articles: ['02-places/c.md'] },
      ],
    );
    assert.deepEqual(result.warnings, []);
  });

  test('a folder among a part’s articles stands for every article in it', () => {
    const result = arranged(files, [{ part: '全部', articles: ['01-people', '02-places'] }, '00-preface.md', 'd.md']);
    assert.deepEqual(result.parts[0]!.articles, ['01-people/a.md', '01-people/b.md', '02-places/index.md', '02-places/c.md']);
  });

  test('what is wrong is said, quoting the entry: no match, twice, a part of nothing, files left out', () => {
    const result = arranged(files, [{ part: '空的', articles: ['missing.md'] }, '01-people/a.md', { part: '人物', articles: ['01-people'] }, '02-places']);
    assert.deepEqual(result.warnings, [
      '"missing.md" in order matches no article in the content folder',
      '"空的" in order names no article, so the part is left out; list its files: { part: 空的, articles: [01-a.md, …] }',
      '"01-people" is listed twice in order (01-people/a.md is placed already)',
      '00-preface.md is not listed in order; it is placed after the listed articles',
      'd.md is not listed in order; it is placed after the listed articles',
    ]);
    assert.deepEqual(result.ordered, ['01-people/a.md', '01-people/b.md', '02-places/c.md', '00-preface.md', 'd.md']);
    assert.deepEqual(result.parts.map((part) => part.articles), [[], ['01-people/b.md'], ['02-places/c.md']]);
  });

  test('an order of files only keeps the book flat (as before parts), and says which folders it leaves unparted', () => {
    const result = arranged(files, ['01-people/b.md', '00-preface.md', '01-people/a.md', '02-places/c.md', '02-places/index.md', 'd.md']);
    assert.deepEqual(result.parts, []);
    assert.deepEqual(result.ordered, ['01-people/b.md', '00-preface.md', '01-people/a.md', '02-places/c.md', '02-places/index.md', 'd.md']);
    assert.deepEqual(result.warnings, [
      "01-people/, 02-places/ in the content folder are not parts, since book.yaml's order lists articles only: name a folder in order (- 01-people) or give { part: …, articles: […] } entries to make parts",
    ]);
  });
});

describe('loadContent with parts', () => {
  test("parts come with their files read, placed before their articles for reports; the book's files are only articles", () => {
    const root = contentFolder({ 'a.md': article, '01-p/_part.yaml': 'title: 甲\n', '01-p/index.md': '---\ntitle: 乙\n---\n\n序。\n', '01-p/b.md': article });
    const loaded = loadContent({ contentDir: root, cwd: root });
    assert.deepEqual(loaded.files.map((file) => file.data.contentPath), ['01-p/b.md', 'a.md']);
    assert.deepEqual(loaded.all.map((file) => file.data.contentPath), ['01-p/_part.yaml', '01-p/index.md', '01-p/b.md', 'a.md']);
    const [part] = loaded.parts;
    assert.equal(part!.yaml!.value, 'title: 甲\n');
    assert.match(String(part!.index!.value), /序。/);
    assert.equal(part!.index!.data.partOf, 'part-1');
    assert.equal(part!.index!.data.format, 'markdown');
  });
});
