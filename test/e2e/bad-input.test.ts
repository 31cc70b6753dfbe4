import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { runCli } from '../helpers/cli.js';
import { cliEntry } from '../helpers/paths.js';
import { findAll, openEpub, textOf } from '../helpers/epub.js';

/** A book folder with one good article and one of each kind of bad input. */
function makeBook(root: string): void {
  mkdirSync(path.join(root, 'content'), { recursive: true });
  writeFileSync(path.join(root, 'book.yaml'), 'title: 坏输入测试\nslug: bad\n');
  const content = (name: string, data: string | Uint8Array) => writeFileSync(path.join(root, 'content', name), data);
  content('01-good.md', '---\ntitle: 好文章\nauthor: 甲\n---\n\n正文第一段。\n\n## 小节\n\n正文第二段。\n');
  content('02-bad-yaml.md', '---\ntitle: [未闭合\nauthor: 乙\n---\n\n这篇的前言有错。\n');
  content('03-empty.md', '');
  content('04-binary.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
  // Bytes no encoding reads (GBK, Big5… are decoded now; see real-world.test.ts).
  content('05-broken-encoding.txt', Buffer.from([0x54, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0x81, 0x20, 0xff, 0xfe, 0x80, 0x0a]));
  content('06-twin.md', '# 好文章\n\n另一篇同名的文章，内容不同。\n');
  content('07-notes.docx', 'not an article');
}

describe('bad input', () => {
  let root: string;
  let result: Awaited<ReturnType<typeof runCli>>;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'wenji-bad-'));
    makeBook(root);
    result = await runCli(['epub', root], { cwd: root });
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  test('exits with the "articles had errors" code but still writes the book', () => {
    assert.equal(result.code, 5, result.stderr);
    assert.deepEqual(readdirSync(path.join(root, 'out')).filter((name) => name !== '.cache'), ['bad.epub']);
  });

  test('names each bad file once with what is wrong', () => {
    const { stderr } = result;
    assert.match(stderr, /content\/02-bad-yaml\.md[\s\S]*?invalid YAML front matter/);
    assert.match(stderr, /content\/03-empty\.md[\s\S]*?empty/);
    assert.match(stderr, /content\/04-binary\.md[\s\S]*?not a text file/);
    assert.match(stderr, /content\/05-broken-encoding\.txt[\s\S]*?neither UTF-8 nor a CJK encoding/);
    assert.match(stderr, /content\/06-twin\.md[\s\S]*?two articles have the title "好文章"/);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack traces');
  });

  test('builds the good articles and keeps both same-titled ones', async () => {
    const epub = await openEpub(path.join(root, 'out', 'bad.epub'));
    const nav = await epub.xml('OEBPS/toc.xhtml');
    const toc = findAll(findAll(nav, 'nav')[0]!, 'ol')[0]!;
    const titles = toc.children.filter((child) => child.type === 'element').map((li) => textOf(findAll(li as never, 'a')[0]!));
    assert.deepEqual(titles, ['好文章', '好文章']);
  });
});

describe('fatal problems', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'wenji-fatal-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('an unknown config key names book.yaml, the line, the key and a suggestion', async () => {
    const dir = path.join(root, 'unknown-key');
    mkdirSync(path.join(dir, 'content'), { recursive: true });
    writeFileSync(path.join(dir, 'book.yaml'), 'title: 书\nauthr: 某人\n');
    writeFileSync(path.join(dir, 'content', 'a.md'), '# A\n\n文字。\n');
    const result = await runCli(['epub', dir], { cwd: dir });
    assert.equal(result.code, 3);
    assert.match(result.stderr, /^wenji: error: book\.yaml: line 2: unknown key "authr" in the book \(did you mean "author"\?\)/m);
    assert.equal(result.stderr.trim().split('\n').length, 1, 'one line');
    assert.equal(existsSync(path.join(dir, 'out')), false);
  });

  test('a wrong type names the key and what was expected', async () => {
    const dir = path.join(root, 'wrong-type');
    mkdirSync(path.join(dir, 'content'), { recursive: true });
    writeFileSync(path.join(dir, 'book.yaml'), 'title: 书\norder: first.md\n');
    writeFileSync(path.join(dir, 'content', 'first.md'), '# A\n\n文字。\n');
    const result = await runCli(['epub', dir], { cwd: dir });
    assert.equal(result.code, 3);
    assert.match(result.stderr, /book\.yaml: line 2: "order": expected a list of file names/);
  });

  test('a missing content folder is a one-line error with exit code 4', async () => {
    const dir = path.join(root, 'no-content');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'book.yaml'), 'title: 书\n');
    const result = await runCli(['epub', dir], { cwd: dir });
    assert.equal(result.code, 4);
    assert.match(result.stderr, /^wenji: error: content: content folder not found/m);
    assert.equal(result.stderr.trim().split('\n').length, 1);
  });

  test('works without book.yaml when --title is given', async () => {
    const dir = path.join(root, 'flags-only');
    mkdirSync(path.join(dir, 'articles'), { recursive: true });
    writeFileSync(path.join(dir, 'articles', 'one.txt'), '标题\n第一段。\n第二段。\n');
    const result = await runCli(['epub', '--content', 'articles', '--out', 'dist', '--title', '只用参数', '--author', '某人', '--lang', 'zh-Hant'], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    const epub = await openEpub(path.join(dir, 'dist', '只用参数.epub'));
    const opf = await epub.xml(epub.opfPath);
    assert.equal(textOf(findAll(opf, 'dc:title')[0]!), '只用参数');
    assert.equal(textOf(findAll(opf, 'dc:creator')[0]!), '某人');
    assert.equal(textOf(findAll(opf, 'dc:language')[0]!), 'zh-Hant');
  });

  test('an unwritable output leaves no partial file and exits with code 7', async () => {
    const dir = path.join(root, 'blocked-out');
    mkdirSync(path.join(dir, 'content'), { recursive: true });
    writeFileSync(path.join(dir, 'book.yaml'), 'title: 书\nslug: blocked\n');
    writeFileSync(path.join(dir, 'content', 'a.md'), '# A\n\n文字。\n');
    mkdirSync(path.join(dir, 'out', 'blocked.epub'), { recursive: true }); // a folder where the file should go
    const result = await runCli(['epub', dir], { cwd: dir });
    assert.equal(result.code, 7);
    assert.match(result.stderr, /blocked\.epub: cannot write the output/);
    assert.deepEqual(readdirSync(path.join(dir, 'out')).filter((name) => name !== '.cache'), ['blocked.epub']);
  });

  test('usage errors exit with code 2 and --help / --version with 0', async () => {
    assert.equal((await runCli(['epub', '--no-such-flag'])).code, 2);
    assert.equal((await runCli(['frobnicate'])).code, 2);
    const help = await runCli(['epub', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--content <dir>/);
    const version = await runCli(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+/);
  });
});

describe('output to a closed pipe', () => {
  test('`wenji --help | true` ends quietly, with code 0, when nobody reads the output', async () => {
    // `true` exits without reading, long before Node has started: the CLI's writes hit EPIPE.
    const script = `"${process.execPath}" "${cliEntry}" --help | true; echo "cli exit \${PIPESTATUS[0]}" >&2`;
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn('bash', ['-c', script], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    assert.equal(result.stderr.trim(), 'cli exit 0', result.stderr);
  });
});
