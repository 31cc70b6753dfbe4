import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Element, Root } from 'xast';
import { runCli, type CliResult } from '../helpers/cli.js';
import { epubcheckTs, findAll, idsIn, javaEpubcheck, javaEpubcheckAvailable, javaEpubcheckRequired, openEpub, readPackage, textOf, type OpenedEpub, type PackageView } from '../helpers/epub.js';

/** Phrases of the generated article (written for this test). */
const phrases = ['河边的柳树又绿了', '我们沿着旧铁路走到天黑', '她把信折好放进抽屉', '那年冬天的雪下得很厚', '镇上的钟楼每到整点就响一次', '父亲在院子里修那辆旧自行车', '灯光从窗缝里漏出来', '火车在桥上慢慢开过去', '他说明天还要早起去赶集', '屋檐下挂着一串晒干的辣椒'];
const sentence = (n: number) => `${phrases[n % phrases.length]}，${phrases[(n * 7 + 3) % phrases.length]}。`;
const paragraph = (n: number) => Array.from({ length: 14 }, (_, k) => sentence(n * 14 + k)).join('');

/**
 * About 780 KB of Markdown: 40 sections (`## 第N节`) of 20 paragraphs, a note in each section,
 * an anchor in each (`mark-N`), a link back to section 2 from section 35.
 */
function longArticle(prefix = ''): string {
  let text = `---\ntitle: 很长的一篇\n---\n\n${prefix}`;
  let notes = '';
  for (let section = 1; section <= 40; section++) {
    text += `## 第${section}节\n\n<a id="mark-${section}"></a>\n\n`;
    for (let index = 0; index < 20; index++) text += `${paragraph(section * 20 + index)}${index === 3 ? `[^n${section}]` : ''}\n\n`;
    if (section === 35) text += '回头看[第二节](#mark-2)。\n\n';
    notes += `[^n${section}]: 第${section}节的注释，说明一件小事。\n`;
  }
  return `${text}\n${notes}`;
}

interface Opened {
  epub: OpenedEpub;
  pkg: PackageView;
  /** Ids in each document of the spine and the nav, by manifest href. */
  ids: Map<string, Set<string>>;
  trees: Map<string, Root>;
}

async function open(file: string): Promise<Opened> {
  const epub = await openEpub(file);
  const pkg = await readPackage(epub);
  const ids = new Map<string, Set<string>>();
  const trees = new Map<string, Root>();
  for (const item of pkg.items.values()) {
    if (item.mediaType !== 'application/xhtml+xml' && item.mediaType !== 'application/x-dtbncx+xml') continue;
    const tree = await epub.xml(pkg.entry(item.href));
    trees.set(item.href, tree);
    ids.set(item.href, idsIn(tree));
  }
  return { epub, pkg, ids, trees };
}

/** Every internal link of every document (`a href`, NCX `content src`): [document, target]. */
function internalLinks(book: Opened): [string, string][] {
  const links: [string, string][] = [];
  for (const [href, tree] of book.trees) {
    for (const a of findAll(tree, 'a')) if (typeof a.attributes.href === 'string') links.push([href, a.attributes.href]);
    for (const content of findAll(tree, 'content')) links.push([href, String(content.attributes.src)]);
  }
  return links.filter(([, target]) => !/^[a-z][a-z\d+.-]*:/i.test(target));
}

/** Links whose file is not in the book or whose fragment is not an id of that file. */
function brokenLinks(book: Opened): string[] {
  const broken: string[] = [];
  for (const [from, target] of internalLinks(book)) {
    const [file, fragment] = target.split('#') as [string, string | undefined];
    const document = file ? file : from;
    const ids = book.ids.get(document);
    if (!ids) broken.push(`${from}: ${target} (no such document)`);
    else if (fragment !== undefined && !ids.has(fragment)) broken.push(`${from}: ${target} (no such id)`);
  }
  return broken;
}

/** A fixed date: builds of the same input are byte-identical. */
const env = { SOURCE_DATE_EPOCH: '1700000000' };

describe('an 800 KB article with notes and links, in an EPUB', () => {
  let dir: string;
  let file: string;
  let cli: CliResult;
  let book: Opened;
  let firstBytes: Buffer;
  const longParts = () => book.pkg.spine.filter((href) => /^long(_\d+)?\.xhtml$/.test(href));

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'wenji-split-'));
    mkdirSync(path.join(dir, 'content'));
    writeFileSync(path.join(dir, 'book.yaml'), 'title: 大书\nlanguage: zh-Hans\nslug: big\n');
    writeFileSync(path.join(dir, 'content', '01-long.md'), longArticle());
    writeFileSync(path.join(dir, 'content', '02-short.md'), '---\ntitle: 短的一篇\n---\n\n这一篇很短，只是要[跳到长文的第三十节](01-long.md#mark-30)，再[看开头](01-long.md)。\n');
    cli = await runCli(['epub', dir], { env });
    assert.equal(cli.code, 0, cli.stderr);
    file = path.join(dir, 'out', 'big.epub');
    firstBytes = readFileSync(file);
    book = await open(file);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  test('is split into documents of at most 260 KB, all in the spine, in order, and the build says so', async () => {
    const parts = longParts();
    assert.ok(parts.length >= 3, `${parts.length} parts`);
    assert.deepEqual(parts, ['long.xhtml', ...parts.slice(1).map((_, index) => `long_${index + 2}.xhtml`)]);
    const spine = book.pkg.spine;
    assert.deepEqual(spine.slice(spine.indexOf('long.xhtml'), spine.indexOf('long.xhtml') + parts.length), parts, 'consecutive in the spine');
    assert.ok(spine.indexOf('short.xhtml') > spine.indexOf(parts.at(-1)!));
    for (const href of parts) {
      const bytes = (await book.epub.zip.file(book.pkg.entry(href))!.async('uint8array')).length;
      assert.ok(bytes <= 260 * 1024 && bytes > 60 * 1024, `${href}: ${bytes} bytes`);
    }
    assert.match(cli.stderr, new RegExp(`wenji: split "很长的一篇" into ${parts.length} documents of (\\d+, )+\\d+ KB`));
  });

  test('later parts begin at a section heading and carry the article’s language and chapter semantics', () => {
    for (const href of longParts().slice(1)) {
      const section = findAll(book.trees.get(href)!, 'section')[0]!;
      assert.equal(section.attributes['epub:type'], 'chapter');
      assert.equal(section.attributes['aria-label'], '很长的一篇');
      const first = section.children.find((child): child is Element => child.type === 'element')!;
      assert.equal(first.name, 'h2', `${href} begins with a section heading`);
    }
    assert.equal(findAll(book.trees.get('long.xhtml')!, 'h1').map(textOf).join(), '很长的一篇', 'the title once, in the first part');
  });

  test('every link resolves: contents, nav, NCX, links from the other article, within the article, notes and back-links', () => {
    assert.deepEqual(brokenLinks(book), []);
    const short = findAll(book.trees.get('short.xhtml')!, 'a').map((a) => String(a.attributes.href));
    const target = short.find((href) => href.endsWith('#long-mark-30'))!;
    assert.ok(target && target !== 'long.xhtml#long-mark-30', `the link to section 30 goes to its part: ${target}`);
    assert.ok(short.includes('long.xhtml'), 'a link to the article goes to its first part');
    const refs = longParts().flatMap((href) => findAll(book.trees.get(href)!, 'a').filter((a) => a.attributes['epub:type'] === 'noteref').map((a) => [href, String(a.attributes.href)] as const));
    assert.equal(refs.length, 40);
    for (const [href, target] of refs) assert.ok(target.startsWith('#'), `${href}: note ${target} is in the same document as its reference`);
    const [home] = longParts().filter((href) => findAll(book.trees.get(href)!, 'a').some((a) => textOf(a) === '第二节'));
    assert.ok(home && home !== 'long.xhtml', `the link back to section 2 is in a later part (${home})`);
    const back = findAll(book.trees.get(home)!, 'a').find((a) => textOf(a) === '第二节')!;
    assert.equal(back.attributes.href, 'long.xhtml#long-mark-2', 'a link inside the article to an earlier part');
  });

  test('the nav and the NCX list the article once, its sections pointing into the parts', () => {
    const nav = book.trees.get('toc.xhtml')!;
    const toc = findAll(nav, 'nav').find((element) => element.attributes['epub:type'] === 'toc')!;
    const top = findAll(toc, 'ol')[0]!.children.filter((child): child is Element => child.type === 'element');
    assert.deepEqual(top.map((li) => textOf(findAll(li, 'a')[0]!)), ['很长的一篇', '短的一篇']);
    const sections = findAll(top[0]!, 'a').slice(1).map((a) => String(a.attributes.href));
    assert.equal(sections.length, 40);
    assert.ok(new Set(sections.map((href) => href.split('#')[0])).size >= 3, 'sections in several parts');
    const ncx = findAll(book.trees.get('toc.ncx')!, 'content').map((content) => String(content.attributes.src));
    assert.deepEqual(ncx.filter((src) => src.includes('#long-')), sections);
  });

  test('each part shows its own notes under the notes heading', () => {
    for (const href of longParts()) {
      const notes = findAll(book.trees.get(href)!, 'section').filter((section) => section.attributes['epub:type'] === 'footnotes');
      assert.equal(notes.length, 1, `${href} has its notes`);
      const asides = findAll(notes[0]!, 'aside');
      assert.equal(asides[0]!.attributes.class, 'footnotes-heading');
      assert.ok(asides.length > 1);
    }
  });

  test('passes @likecoin/epubcheck-ts and the real EPUBCheck with no messages', async (t) => {
    assert.deepEqual((await epubcheckTs(readFileSync(file))).messages, []);
    if (!javaEpubcheckAvailable()) {
      if (javaEpubcheckRequired()) assert.fail('WENJI_REQUIRE_EPUBCHECK=1 but /usr/share/java/epubcheck.jar is missing (apt-get install epubcheck)');
      t.skip('EPUBCheck (Java) is not installed');
      return;
    }
    const result = await javaEpubcheck(file);
    assert.deepEqual(result.messages, []);
    assert.deepEqual([result.fatals, result.errors, result.warnings], [0, 0, 0]);
  });

  test('the cache keeps the parts; when the long article moves its sections, the other article’s link follows', async () => {
    const again = await runCli(['epub', dir], { env });
    assert.equal(again.code, 0, again.stderr);
    const parts = longParts().length;
    assert.match(again.stderr, new RegExp(`rendered 0 article documents, ${parts + 1} from the cache`));
    assert.ok(readFileSync(file).equals(firstBytes), 'the same EPUB from the cache');

    // 190 KB more text before the first section: section 30 lands in a later part.
    const before = String(findAll(book.trees.get('short.xhtml')!, 'a').map((a) => a.attributes.href).find((href) => String(href).endsWith('#long-mark-30')));
    const intro = Array.from({ length: 200 }, (_, index) => `${paragraph(5000 + index)}\n\n`).join('');
    writeFileSync(path.join(dir, 'content', '01-long.md'), longArticle(intro));
    const edited = await runCli(['epub', dir], { env });
    assert.equal(edited.code, 0, edited.stderr);
    book = await open(file);
    const after = String(findAll(book.trees.get('short.xhtml')!, 'a').map((a) => a.attributes.href).find((href) => String(href).endsWith('#long-mark-30')));
    assert.notEqual(after, before, 'the unchanged article was rendered again with the new target');
    assert.deepEqual(brokenLinks(book), []);
    assert.match(edited.stderr, /rendered \d+ article documents?/);
  });
});
