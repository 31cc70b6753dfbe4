import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import sharp from 'sharp';
import { runCli, type CliResult } from '../helpers/cli.js';
import { epubcheckTs, findAll, javaEpubcheck, javaEpubcheckAvailable, javaEpubcheckRequired, openEpub, textOf, type OpenedEpub } from '../helpers/epub.js';
import { fixture } from '../helpers/paths.js';

/**
 * The fixture book (test/fixtures/real-world/book) mixes the shapes people really feed wenji:
 * a saved page with navigation, ads, share bar, comments and sidebar; a GBK forum page; a Big5
 * blog page; text copied from an app with ASCII punctuation and platform chrome; Markdown with
 * WebP, oversized, animated and remote images and links to other articles; hard-wrapped text;
 * a blog dump of three posts; GBK text without a declaration; an English article. The fixture
 * files are UTF-8 so they can be read and reviewed; these are written re-encoded:
 */
const ENCODED: Record<string, string> = { '02-gbk-page.html': 'gbk', '03-big5-page.html': 'big5', '08-gbk-notes.txt': 'gbk' };

async function makeBook(dir: string): Promise<void> {
  cpSync(fixture('real-world', 'book'), dir, { recursive: true });
  for (const [name, encoding] of Object.entries(ENCODED)) {
    const file = path.join(dir, 'content', name);
    writeFileSync(file, iconv.encode(readFileSync(file, 'utf8'), encoding));
  }
  mkdirSync(path.join(dir, 'content', 'images'), { recursive: true });
  const solid = (width: number, height: number, r: number) => sharp({ create: { width, height, channels: 3, background: { r, g: 120, b: 150 } } });
  await solid(60, 40, 90).png().toFile(path.join(dir, 'content', '01-saved-page_files', 'boat.png'));
  await solid(80, 50, 180).webp().toFile(path.join(dir, 'content', 'images', 'river.webp'));
  await solid(2400, 1000, 30).png().toFile(path.join(dir, 'content', 'images', 'panorama.png'));
  const frames = await Promise.all([250, 20].map((r) => solid(20, 30, r).png().toBuffer()));
  await sharp(frames, { join: { animated: true } }).gif().toFile(path.join(dir, 'content', 'images', 'lighthouse.gif'));
}

/** Articles in reading order: title, and sentences of the author's text that must be in the book (as normalized). */
const articles: { file: string; title: string; text: string[] }[] = [
  {
    file: 'saved-page.xhtml',
    title: '修船的冬天',
    text: ['河边的修船厂在镇子东头，铁皮棚子下面常年停着两三条木船', '他说木船最怕的不是风浪，而是闲着：船一闲久了', '一条船要刷七遍，每一遍都要等上一遍干透。', '“船不会说话，可它记得你哪一遍偷了懒”', '可一年到头只有两个月有活干，养不活一家人。'],
  },
  { file: 'gbk-page.xhtml', title: '旧城墙下的早点摊', text: ['城墙根下那个早点摊，从我上小学的时候就在了。', '油条一根五毛钱，豆浆一碗三毛，加糖另算。', '我还会下意识地往墙根看一眼。'] },
  { file: 'big5-page.xhtml', title: '山城的雨季', text: ['山城的雨季從五月開始，一下就是兩個月。', '順便給廟裡的菩薩上一炷香。', '茶涼了再續，誰也不急著回家。'] },
  {
    file: 'copied.xhtml',
    title: '一封来稿：补鞋的老陈',
    text: [
      '我们巷口有个补鞋的老陈，在那儿摆摊快三十年了。',
      '他的工具全装在一只旧木箱里：锥子，麻线，胶水，还有一块磨得发亮的铁砧。',
      '有人问他，现在谁还补鞋？他说：“补的不是鞋，是念想。”',
      '老陈说话慢，手上却快……一双开了胶的皮鞋，到他手里十分钟就好了——连针脚都看不出来。',
      '大家只是想跟他说说话（这是我后来才知道的）。',
    ],
  },
  { file: 'images.xhtml', title: '图片与链接', text: ['这一篇里有一张 WebP 图片、一张很大的图片、一张动图', '前面那篇'] },
  { file: 'wrapped.xhtml', title: '河边的早晨', text: ['对岸的房子只露出一排黑色的屋脊。', '声音在水面上传得很远。', '只剩下几只鸭子在芦苇丛里找吃的。'] },
  { file: 'posts.xhtml', title: '第一篇：搬家', text: ['今天终于把书都搬到了新家。一共四十二箱'] },
  { file: 'posts-2.xhtml', title: '第二篇：楼下的猫', text: ['我给它起名叫“门房”，因为它比保安还准时。'] },
  { file: 'posts-3.xhtml', title: '第三篇：第一场雪', text: ['今年的第一场雪下在夜里'] },
  { file: 'gbk-notes.xhtml', title: '煤炉笔记', text: ['小时候家里烧蜂窝煤，每天傍晚要换一次煤。', '她说诀窍只有一个：别着急。'] },
  {
    file: 'english.xhtml',
    title: 'A Note on the Ferry',
    text: ['The ferry leaves at "half past six", or so the timetable says... In practice it leaves when the captain has finished his tea -- and nobody minds.', 'It costs 3.50 a ride (1,000 rides a year, he told me: "That\'s a lot of tea.").'],
  },
];

/** Page chrome from the sources: none of it may reach the book. */
const chrome = [
  '首页', '登录', '广告', '羽绒服', '分享到', '微博', 'QQ空间', '网友评论', '过客甲', '楼上', '发表评论', '热门文章', '城市夜跑', '河岸周刊App', '版权所有', 'ICP',
  '阅读 2381', '点击上方蓝字关注我们', 'dataLayer', '论坛首页', '签名档', '回复：', '老城杂谈', '最新文章', 'Powered by', '分類：', '0 notes', '>Link<', '阅读原文',
  '本文首发于', '欢迎转发', '条评论', '广告框架', 'utm_', 'spm=', 'from=timeline', 'javascript:',
];

const visible = (xml: string) => xml.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&#x27;|&apos;/g, "'").replace(/&amp;/g, '&');

describe('real-world articles: EPUB', () => {
  let dir: string;
  let result: CliResult;
  let epub: OpenedEpub;
  let epubPath: string;
  const documents = new Map<string, string>();

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'wenji-real-'));
    await makeBook(dir);
    result = await runCli(['epub', dir, '--verbose'], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    epubPath = path.join(dir, 'out', 'shiyi-ji.epub');
    epub = await openEpub(epubPath);
    for (const name of epub.names.filter((entry) => entry.endsWith('.xhtml'))) documents.set(path.posix.basename(name), await epub.text(name));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  test('every article is in the book, in order, with its title (posts split, page frames left out)', async () => {
    const opf = await epub.xml(epub.opfPath);
    const manifest = new Map(findAll(opf, 'item').map((item) => [String(item.attributes.id), String(item.attributes.href)]));
    const spine = findAll(opf, 'itemref').map((ref) => manifest.get(String(ref.attributes.idref))!);
    const frame = new Set(['cover.xhtml', 'titlepage.xhtml', 'contents.xhtml', 'colophon.xhtml']);
    assert.deepEqual(spine.filter((href) => !frame.has(href)), articles.map((article) => article.file));
    for (const article of articles) {
      const doc = await epub.xml(path.posix.join(path.posix.dirname(epub.opfPath), article.file));
      assert.equal(textOf(findAll(doc, 'h1')[0]!), article.title, article.file);
    }
  });

  test("every article's real text is present", () => {
    for (const article of articles) {
      const text = visible(documents.get(article.file)!);
      for (const sentence of article.text) assert.ok(text.includes(sentence), `${article.file}: ${sentence}`);
    }
  });

  test('no page chrome, tracking or script is left anywhere', () => {
    for (const [name, xml] of documents) for (const piece of chrome) assert.ok(!xml.includes(piece), `${name} contains "${piece}"`);
  });

  test('the saved page’s metadata is lifted (author, site, date) and its byline line is not repeated', () => {
    const page = documents.get('saved-page.xhtml')!;
    assert.match(page, /<p class="byline">周小河　文<\/p>/);
    assert.match(page, /<p class="source">河岸周刊 · 2025-12-20<\/p>/);
    assert.doesNotMatch(visible(page), /文／周小河/);
  });

  test('the English article is left exactly as written', () => {
    const text = visible(documents.get('english.xhtml')!);
    assert.ok(!/[，。：“”……——]/.test(text.replace('A Note on the Ferry', '')));
  });

  test('images: WebP and animated GIF converted, the panorama scaled to 1600 px, each packaged once; the remote one is text', async () => {
    const images = epub.names.filter((name) => /^OEBPS\/images\/.+\./.test(name) && !name.endsWith('/cover.jpg'));
    assert.equal(images.length, 4);
    assert.ok(images.every((name) => /\.(png|jpg)$/.test(name)), images.join());
    const doc = documents.get('images.xhtml')!;
    assert.match(doc, /<img src="images\/[0-9a-f]{16}\.jpg" alt="河面上的雾" width="80" height="50"/);
    assert.match(doc, /alt="码头的全景照片" width="1600" height="667"/);
    assert.match(doc, /<img src="images\/[0-9a-f]{16}\.png" alt="灯塔的灯一闪一闪"/);
    assert.match(doc, /［图：远处的渡船］/);
    const panorama = /src="(images\/[0-9a-f]{16}\.png)" alt="码头的全景照片"/.exec(doc)![1]!;
    const meta = await sharp(await epub.zip.file(`OEBPS/${panorama}`)!.async('nodebuffer')).metadata();
    assert.deepEqual([meta.width, meta.height], [1600, 667]);
  });

  test('links between articles go to the right document; external links lose their tracking parameters', () => {
    const links = documents.get('images.xhtml')!.match(/<a [^>]*href="[^"]*"/g)!.map((tag) => /href="([^"]*)"/.exec(tag)![1]);
    assert.deepEqual(links, ['saved-page.xhtml', 'saved-page.xhtml#saved-page-tung-oil', 'gbk-page.xhtml', 'https://example.net/page?id=7']);
    assert.match(documents.get('saved-page.xhtml')!, /<h2 id="saved-page-tung-oil">/);
    assert.match(documents.get('saved-page.xhtml')!, /href="copied.xhtml"/);
    assert.match(documents.get('saved-page.xhtml')!, /href="https:\/\/river.example.org\/city\/"/);
  });

  test('warnings name the damaged character and the remote image; --verbose lists each removal and decoding', () => {
    const { stderr } = result;
    assert.match(stderr, /04-copied\.txt[\s\S]*?12:20\s+warning\s+broken character \(U\+FFFD/);
    assert.match(stderr, /05-images\.md[\s\S]*?warning\s+remote image not fetched: https:\/\/img\.example\.org\/ferry\.jpg/);
    for (const removed of ['"0 notes"', '"Link"', '"阅读原文"', '"点击上方蓝字关注我们"', '"阅读 2381"', '"12 条评论"', '"本文首发于河岸周刊，转载请联系作者"', '"欢迎转发给身边的朋友"']) {
      assert.ok(stderr.includes(`removed page chrome: ${removed}`), removed);
    }
    assert.match(stderr, /read as GBK, as the page declares \(charset "gb2312"\)/);
    assert.match(stderr, /read as Big5, as the page declares/);
    assert.match(stderr, /08-gbk-notes\.txt[\s\S]*?not UTF-8; decoded as GBK/);
    assert.match(stderr, /WebP converted to JPEG/);
    assert.match(stderr, /wenji: 11 articles, 2 warnings/);
  });

  test('without --verbose the cleanup is not listed, only the warnings', async () => {
    const quiet = await runCli(['epub', dir, '--out', path.join(dir, 'out-quiet')], { cwd: dir });
    assert.equal(quiet.code, 0);
    assert.doesNotMatch(quiet.stderr, /removed page chrome|info/);
    assert.match(quiet.stderr, /remote image not fetched/);
  });

  test('passes @likecoin/epubcheck-ts with no errors or warnings', async () => {
    const check = await epubcheckTs(readFileSync(epubPath));
    assert.deepEqual(check.messages, []);
  });

  test('passes the real EPUBCheck with 0 fatals, 0 errors, 0 warnings', async (t) => {
    if (!javaEpubcheckAvailable()) {
      if (javaEpubcheckRequired()) assert.fail('WENJI_REQUIRE_EPUBCHECK=1 but /usr/share/java/epubcheck.jar is missing');
      t.skip('EPUBCheck (Java) is not installed');
      return;
    }
    const check = await javaEpubcheck(epubPath);
    assert.deepEqual(check.messages, []);
    assert.deepEqual([check.fatals, check.errors, check.warnings], [0, 0, 0]);
  });
});

describe('real-world articles: book.yaml switches', () => {
  let dir: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'wenji-real-switch-'));
    await makeBook(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('typography off, spacing inserted, traditional conversion, extraction and chrome removal off', async () => {
    const yaml = readFileSync(path.join(dir, 'book.yaml'), 'utf8').replace(/^strip:[\s\S]*$/m, '');
    writeFileSync(
      path.join(dir, 'book.yaml'),
      `${yaml}extract: false\nstrip: false\ntypography:\n  punctuation: false\n  dashes: false\n  quotes: false\n  spacing: insert\n  convert: s2t\n`,
    );
    const result = await runCli(['epub', dir], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    const epub = await openEpub(path.join(dir, 'out', 'shiyi-ji.epub'));
    const opf = await epub.text(epub.opfPath);
    assert.match(opf, /<dc:language>zh-Hant<\/dc:language>/);
    assert.match(opf, /<dc:title id="title">拾遺集<\/dc:title>/);
    const copied = visible(await epub.text('OEBPS/copied.xhtml'));
    assert.match(copied, /我們巷口有個補鞋的老陳,在那兒擺攤快三十年了\./, 'converted, punctuation as written');
    assert.match(copied, /0 notes/, 'chrome kept when strip is false');
    const images = visible(await epub.text('OEBPS/images.xhtml'));
    assert.match(images, /一張 WebP 圖片/, 'a space inserted between CJK and Latin');
    assert.doesNotMatch(await epub.text('OEBPS/style.css'), /text-autospace: normal/, 'the gap is the inserted space alone');
    const page = visible(await epub.text('OEBPS/saved-page.xhtml'));
    assert.match(page, /網友評論/, 'the whole page is kept when extraction is off');
  });
});

describe('real-world articles: PDF', () => {
  let dir: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'wenji-real-pdf-'));
    await makeBook(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the same folder prints, with the articles’ text and links between them', async (t) => {
    const result = await runCli(['pdf', dir], { cwd: dir });
    if (result.code === 6) {
      t.skip(`no Chromium here: ${result.stderr.trim()}`);
      return;
    }
    assert.equal(result.code, 0, result.stderr);
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const data = new Uint8Array(readFileSync(path.join(dir, 'out', 'shiyi-ji.pdf')));
    const pdf = await pdfjs.getDocument({ data, useSystemFonts: false, disableFontFace: true }).promise;
    assert.ok(pdf.numPages > articles.length, `${pdf.numPages} pages`);
    let text = '';
    const destinations: string[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      text += (await page.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join('');
      for (const annotation of await page.getAnnotations()) if (typeof annotation.dest === 'string') destinations.push(annotation.dest);
    }
    // The text layer may use compatibility forms (vertical punctuation, radicals): compare the
    // NFKC letters only (a vertical comma decomposes to an ASCII one).
    const flat = (value: string) => value.normalize('NFKC').replace(/[\p{P}\s]+/gu, '');
    const all = flat(text);
    // Some glyphs of the full font map back to CJK radicals (⻛ for 风) in the text layer, which
    // NFKC does not undo: a radical stands for any character there.
    const found = (sentence: string) => new RegExp([...flat(sentence)].map((char) => `(?:${char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|[\u2E80-\u2FDF])`).join(''), 'u').test(all);
    for (const article of articles.filter((a) => a.file !== 'english.xhtml')) {
      for (const sentence of article.text.slice(0, 2)) assert.ok(found(sentence), `${article.file}: ${sentence}`);
    }
    for (const piece of ['点击上方蓝字关注我们', '网友评论', '0notes', '阅读原文']) assert.ok(!all.includes(piece), piece);
    // A link to an article leads to its title (its first page); a link into it, to its target.
    for (const destination of ['saved-page-title', 'saved-page-tung-oil', 'gbk-page-title', 'copied-title']) assert.ok(destinations.includes(destination), `${destination} in ${destinations.join(' ')}`);
    assert.ok(readdirSync(path.join(dir, 'out')).includes('shiyi-ji.pdf'));
  });
});
