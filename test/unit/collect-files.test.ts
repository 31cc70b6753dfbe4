import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { nextNumber, numberedName, slugFromFileName, slugFromTitle, slugFromUrl } from '../../src/collect/article-names.js';
import { cleanUrl, comparableUrl, readKnownArticles } from '../../src/collect/known-articles.js';
import { writeNewFile } from '../../src/collect/write-new-file.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wenji-collect-'));
  dirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('article file names', () => {
  test('a readable ASCII last path segment names the file; ids, numbers, generic words and non-ASCII do not', () => {
    const cases: [string, string | undefined][] = [
      ['https://example.org/2024/05/river-interview.html', 'river-interview'],
      ['https://example.org/blog/My_First.Post/', 'my-first-post'],
      ['https://example.org/posts/2024-05-01-old-bookshop', 'old-bookshop'],
      ['https://example.org/p/1234567', undefined],
      ['https://example.org/article/index.html', undefined],
      ['https://example.org/s/Xk3fQ9zLm2PwRt7Y', undefined],
      ['https://example.org/a/5f2b9c0d1e3a4b6c8d7e', undefined],
      ['https://example.org/%E6%B8%A1%E5%8F%A3.html', undefined],
      ['https://example.org/', undefined],
      ['https://example.org/news/', undefined],
      ['not a url', undefined],
    ];
    for (const [url, slug] of cases) assert.equal(slugFromUrl(url), slug, url);
    assert.equal(slugFromFileName('/home/me/Downloads/Saved Page.html'), undefined);
    assert.equal(slugFromFileName('/home/me/Downloads/ferry-crossing.htm'), 'ferry-crossing');
    assert.equal(slugFromFileName('03-notes.txt'), 'notes');
  });

  test('a title slug keeps CJK, drops what file systems refuse, and is bounded', () => {
    assert.equal(slugFromTitle('江边的渡口还在吗'), '江边的渡口还在吗');
    assert.equal(slugFromTitle('访谈: "一个人的码头" <上>/下 | 2024?*'), '访谈-一个人的码头-上-下-2024');
    assert.equal(slugFromTitle('A Note on the Ferry'), 'a-note-on-the-ferry');
    assert.equal(slugFromTitle('坂の上の郵便局'), '坂の上の郵便局');
    assert.equal(slugFromTitle('：：：'), '');
    assert.equal(slugFromTitle('ｆｕｌｌ－ｗｉｄｔｈ　ＡＢＣ'), 'full-width-abc');
    const long = slugFromTitle('这是一个非常非常长的标题，'.repeat(10));
    assert.ok([...long].length <= 40, long);
    assert.ok(!/[<>:"/\\|?*\u0000-\u001f]/.test(slugFromTitle('a\u0001b\u0007c<d>e')));
    const words = slugFromTitle('one two three four five six seven eight nine ten eleven');
    assert.equal(words, 'one-two-three-four-five-six-seven-eight');
  });

  test('numbers continue after the highest prefix, padded like the existing files (at least 2 digits)', () => {
    assert.deepEqual(nextNumber([]), { next: 1, width: 2 });
    assert.deepEqual(nextNumber(['01-a.md', '02-b.html', 'notes.txt', '7-c.md']), { next: 8, width: 2 });
    assert.deepEqual(nextNumber(['001-a.md', '012-b.md']), { next: 13, width: 3 });
    assert.deepEqual(nextNumber(['99-a.md']), { next: 100, width: 2 });
    assert.deepEqual(nextNumber(['2024-report.md']), { next: 2025, width: 4 });
    assert.equal(numberedName(8, 2, 'interview'), '08-interview.md');
    assert.equal(numberedName(100, 2, ''), '100-article.md');
  });
});

describe('articles already in content/', () => {
  test('their front-matter url, compared without scheme, fragment, tracking parameters, credentials or trailing slash', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'part-2'));
    writeFileSync(path.join(dir, '01-a.md'), '---\ntitle: 甲\nurl: https://Example.org/2024/a.html?utm_source=feed#top\n---\n正文');
    writeFileSync(path.join(dir, 'part-2', '05-b.txt'), iconv.encode('---\ntitle: 乙\nurl: "http://example.org/b/"\n---\n正文', 'gbk'));
    writeFileSync(path.join(dir, '03-c.html'), '<p>no front matter</p>');
    writeFileSync(path.join(dir, '.hidden.md'), '---\nurl: https://example.org/hidden\n---\n');
    writeFileSync(path.join(dir, 'image.png'), 'x');
    const known = readKnownArticles(dir);
    assert.deepEqual(known.names.sort(), ['01-a.md', '03-c.html']);
    assert.equal(known.urls.get(comparableUrl('http://example.org/2024/a.html')!), '01-a.md');
    assert.equal(known.urls.get(comparableUrl('https://user:pw@example.org/b?')!), 'part-2/05-b.txt');
    assert.equal(known.urls.get(comparableUrl('https://example.org/hidden')!), undefined);
    assert.deepEqual(readKnownArticles(path.join(dir, 'missing')), { names: [], urls: new Map() });
  });

  test('comparable and clean addresses', () => {
    assert.equal(comparableUrl('https://EXAMPLE.org:443/a/?spm=1.2&id=3#x'), '//example.org/a?id=3');
    assert.equal(comparableUrl('http://example.org'), '//example.org/');
    assert.equal(comparableUrl('ftp://example.org/a'), undefined);
    assert.equal(cleanUrl('https://me:secret@example.org/a?utm_medium=x&p=2#part'), 'https://example.org/a?p=2');
  });
});

describe('writing a new file', () => {
  test('never over an existing file; nothing temporary is left', () => {
    const dir = tempDir();
    const target = path.join(dir, 'content', '01-a.md');
    assert.equal(writeNewFile(target, '第一次'), true);
    assert.equal(writeNewFile(target, '第二次'), false);
    assert.equal(readFileSync(target, 'utf8'), '第一次');
    assert.deepEqual(readdirSync(path.join(dir, 'content')), ['01-a.md']);
  });
});
