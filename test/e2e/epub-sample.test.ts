import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';
import { epubcheckTs, findAll, javaEpubcheck, javaEpubcheckAvailable, javaEpubcheckRequired, openEpub, textOf, type OpenedEpub } from '../helpers/epub.js';
import { repoRoot } from '../helpers/paths.js';
import { expectedArticles } from '../helpers/sample.js';

describe('the sample anthology as EPUB', () => {
  let dir: string;
  let epubPath: string;
  let epub: OpenedEpub;
  let opf: Awaited<ReturnType<OpenedEpub['xml']>>;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'wenji-e2e-'));
    const result = await runCli(['epub', repoRoot, '--out', dir]);
    assert.equal(result.code, 0, `wenji epub failed:\n${result.stderr}`);
    epubPath = path.join(dir, 'dengxia-ji.epub');
    epub = await openEpub(epubPath);
    opf = await epub.xml(epub.opfPath);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  test('leaves only the finished EPUB in the output folder', () => {
    assert.deepEqual(readdirSync(dir).filter((name) => name !== '.cache'), ['dengxia-ji.epub']);
  });

  test('starts with an uncompressed mimetype entry', () => {
    assert.equal(epub.names[0], 'mimetype');
    const raw = epub.raw;
    assert.equal(Buffer.from(raw.subarray(30, 38)).toString('latin1'), 'mimetype');
    assert.equal(raw[8], 0, 'mimetype must be stored, not deflated');
    assert.equal(Buffer.from(raw.subarray(38, 58)).toString('latin1'), 'application/epub+zip');
  });

  test('spine order and nav entries follow the article order and titles', async () => {
    const articles = expectedArticles();
    const manifest = new Map(findAll(opf, 'item').map((item) => [String(item.attributes.id), String(item.attributes.href)]));
    const spine = findAll(opf, 'itemref').map((ref) => manifest.get(String(ref.attributes.idref))!);
    assert.deepEqual(spine.slice(0, 3), ['cover.xhtml', 'titlepage.xhtml', 'contents.xhtml']);
    assert.equal(spine.at(-1), 'colophon.xhtml');
    const articleDocs = spine.slice(3, -1);
    assert.equal(articleDocs.length, articles.length);
    const opfDir = path.posix.dirname(epub.opfPath);
    for (const [index, href] of articleDocs.entries()) {
      const doc = await epub.xml(path.posix.join(opfDir, href));
      const h1 = findAll(doc, 'h1');
      assert.equal(h1.length, 1, `${href} must have exactly one h1`);
      assert.equal(textOf(h1[0]!), articles[index]!.title, `${href} is ${articles[index]!.file}`);
    }
    const nav = await epub.xml(path.posix.join(opfDir, 'toc.xhtml'));
    const tocNav = findAll(nav, 'nav').find((element) => element.attributes['epub:type'] === 'toc')!;
    const topLevel = findAll(tocNav, 'ol')[0]!.children.filter((child) => child.type === 'element');
    assert.deepEqual(
      topLevel.map((li) => textOf(findAll(li as never, 'a')[0]!)),
      articles.map((article) => article.title),
    );
    const ncx = await epub.xml(path.posix.join(opfDir, 'toc.ncx'));
    const ncxTop = findAll(ncx, 'navMap')[0]!.children.filter((child) => child.type === 'element');
    assert.deepEqual(ncxTop.map((point) => textOf(findAll(point as never, 'text')[0]!)), articles.map((article) => article.title));
  });

  test('the contents page lists every article with its author as a link', async () => {
    const contents = await epub.xml(path.posix.join(path.posix.dirname(epub.opfPath), 'contents.xhtml'));
    const items = findAll(contents, 'li');
    assert.equal(items.length, expectedArticles().length);
    const interview = items[0]!;
    assert.match(String(findAll(interview, 'a')[0]!.attributes.href), /\.xhtml$/);
    assert.equal(textOf(findAll(interview, 'span')[0]!), '林晓禾');
  });

  test('carries the metadata of book.yaml', () => {
    const meta = (name: string) => findAll(opf, name).map(textOf);
    assert.deepEqual(meta('dc:title'), ['灯下集', '访谈、随笔与书信六篇']);
    assert.deepEqual(meta('dc:language'), ['zh-Hans']);
    assert.equal(meta('dc:creator')[0], '林远舟');
    assert.equal(meta('dc:date')[0], '2026-11-29');
    assert.equal(meta('dc:publisher')[0], '文集出版工坊');
    assert.ok(meta('dc:description')[0]!.length > 10);
    assert.match(meta('dc:identifier')[0]!, /^urn:uuid:[0-9a-f-]{36}$/);
    const modified = findAll(opf, 'meta').find((element) => element.attributes.property === 'dcterms:modified');
    assert.equal(textOf(modified!), '2026-11-29T00:00:00Z');
  });

  test('writes CJK text as UTF-8, never as character references', async () => {
    for (const name of epub.names.filter((entry) => entry.endsWith('.xhtml'))) {
      const text = await epub.text(name);
      assert.doesNotMatch(text, /&#x[0-9a-f]{4};/i, name);
    }
    assert.match(await epub.text('OEBPS/interview.xhtml'), /铅字/);
  });

  test('packages the local image once and links it', async () => {
    const images = epub.names.filter((name) => name.startsWith('OEBPS/images/') && !name.endsWith('/') && name !== 'OEBPS/images/cover.jpg');
    assert.equal(images.length, 1);
    const essay = await epub.text('OEBPS/essay.xhtml');
    assert.ok(essay.includes(`src="${images[0]!.replace('OEBPS/', '')}"`));
  });

  test('keeps nothing executable or remote from the saved web page', async () => {
    const page = await epub.text('OEBPS/old-street.xhtml');
    assert.doesNotMatch(page, /<script|onclick|javascript:|img\.example\.org|<nav|<form/i);
    assert.match(page, /长埠街/);
  });

  test('passes @likecoin/epubcheck-ts with no errors or warnings', async () => {
    const result = await epubcheckTs(readFileSync(epubPath));
    assert.deepEqual(result.messages, []);
  });

  test('passes the real EPUBCheck with 0 fatals, 0 errors, 0 warnings', async (t) => {
    if (!javaEpubcheckAvailable()) {
      if (javaEpubcheckRequired()) assert.fail('WENJI_REQUIRE_EPUBCHECK=1 but /usr/share/java/epubcheck.jar is missing (apt-get install epubcheck)');
      t.skip('EPUBCheck (Java) is not installed');
      return;
    }
    const result = await javaEpubcheck(epubPath);
    assert.deepEqual(result.messages, []);
    assert.deepEqual([result.fatals, result.errors, result.warnings], [0, 0, 0]);
  });

  test('is byte-identical when built again from the same input', async () => {
    const again = mkdtempSync(path.join(tmpdir(), 'wenji-e2e-'));
    try {
      const result = await runCli(['epub', repoRoot, '--out', again, '--quiet']);
      assert.equal(result.code, 0, result.stderr);
      assert.ok(readFileSync(path.join(again, 'dengxia-ji.epub')).equals(readFileSync(epubPath)));
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });
});
