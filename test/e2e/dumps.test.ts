import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import type { CheckJson } from '../../src/check/check-json.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { assertJavaEpubcheckClean, epubcheckTs, findAll, openEpub, readPackage, textOf, type OpenedEpub } from '../helpers/epub.js';
import { fixture } from '../helpers/paths.js';

/**
 * test/fixtures/dumps/book: a Tumblr-style mirror (three posts among twelve empty ones), a
 * WeChat-style export, a feed mirror whose posts carry front matter (two link posts lost their
 * titles; book.yaml names one), saved news pages with the site in their titles, logos, share and
 * poll lines, breadcrumbs and a placeholder made from a file name, and Markdown with credit lines.
 */
async function makeBook(dir: string): Promise<void> {
  cpSync(fixture('dumps', 'book'), dir, { recursive: true });
  mkdirSync(path.join(dir, 'content', 'images'), { recursive: true });
  await sharp({ create: { width: 60, height: 40, channels: 3, background: { r: 20, g: 40, b: 90 } } }).jpeg().toFile(path.join(dir, 'content', 'images', 'tower.jpg'));
}

/** Every article in reading order: document, title, byline, source line (or none). */
const expected: { file: string; title: string; byline?: string; source?: string; text: string }[] = [
  { file: 'mirror.xhtml', title: '旧书摊的下午', text: '我挑了一本没有封面的诗集' },
  { file: 'mirror-2.xhtml', title: '夜班公交', byline: '沈照溪　文', text: '到终点站的时候，他说明天见' },
  { file: 'mirror-3.xhtml', title: '晾衣绳', byline: '林晚　文', text: '傍晚收床单的时候' },
  { file: 'wechat.xhtml', title: '一盏灯', byline: '林晚　文', source: '灯下集 · 2024-03-02', text: '铜座已经发黑了' },
  { file: 'wechat-2.xhtml', title: '雨天的信', byline: '林晚　文', source: '灯下集 · 2024-03-09', text: '院子里的桂花开了' },
  { file: 'wechat-3.xhtml', title: '第三个春天', byline: '周小河　文', source: '灯下集 · 2024-03-16', text: '豆浆还是原来的味道' },
  { file: 'feed.xhtml', title: '山里的第一场雪', byline: '阿禾　文', source: '2025-12-01', text: '不想第一个踩上去' },
  { file: 'feed-2.xhtml', title: '那天在旧货市场看到一台收音机……', text: '那天在旧货市场看到一台收音机，调到哪个台都是同一首歌，老板说它只会唱这一首。' },
  { file: 'feed-3.xhtml', title: '一条旧链接', text: '怎么修一把旧椅子' },
  { file: 'feed-4.xhtml', title: '修椅子', byline: '佐藤　文　陈默　译', text: '用绳子捆一夜' },
  { file: 'xinghe.xhtml', title: '老码头拆了以后，后果很严重', byline: '周小河　文', source: '星河网 · 2025-11-02', text: '后果很严重，只是没人算过' },
  { file: 'hean.xhtml', title: '旧电台的最后一夜', byline: '林晚　文', source: '河岸网 · 2025-09-18', text: '第一次听见空调的声音' },
  { file: 'qinghe.xhtml', title: '乡村教师的一天', byline: '陈默　文', source: '青禾网', text: '塞给她一把青菜' },
  { file: 'pixnet.xhtml', title: '山裡的第一場雪', byline: '阿禾　文', source: '痞客邦 PIXNET', text: '像有人在慢慢地數數' },
  { file: 'hidamari.xhtml', title: '港町の朝', byline: '佐藤美咲　文', text: 'カモメだけが' },
  { file: 'credits.xhtml', title: '补船的人', byline: '周小河　文　陈默　译', source: '河岸周刊（转载）', text: '作者说，他很久没有见过这么安静的河了。' },
];

/** Frames, chrome, credit lines and placeholders from the sources: none may reach the book. */
const chrome = [
  '河岸手记', 'notes', 'Tumblr media', 'End——', '>Link<', '阿禾的小站', '天前', 'END', '点击上方蓝字', '阅读原文', '阅读 ', '在看', '喜欢此内容', '原创',
  '转播到腾讯微博', '精彩视频推荐', '相关度高吗', '当前位置', '首页', '打印', '关闭', '扫一扫', '返回頂部', '前のページへ戻る', 'ページの先頭へ', 'シェア',
  '［图］', '［图：', 'IMG_3886', 'logo', 'avatar', 'spacer', '作者 |', '作者：', '文／', '文｜', '文 /', '撰文', '记者', '取材', '编辑', '苏晴', '原标题', '出品', '翻译：', '来源：', '摄影', '陈一帆',
  '_探索者', '_科技', '_教育频道', 'PIXNET ::', '＜ひだまり新聞＞', '---', 'title:',
];

describe('blog dumps, saved pages and credit lines: EPUB', () => {
  let dir: string;
  let result: CliResult;
  let epub: OpenedEpub;
  let epubPath: string;
  const documents = new Map<string, string>();

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'wenji-dumps-'));
    await makeBook(dir);
    result = await runCli(['epub', dir, '--verbose'], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    epubPath = path.join(dir, 'out', 'hean-zacun.epub');
    epub = await openEpub(epubPath);
    for (const name of epub.names.filter((entry) => entry.endsWith('.xhtml'))) documents.set(path.posix.basename(name), await epub.text(name));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  test('exactly the expected articles, in order, each with its title, byline and source', async () => {
    const pkg = await readPackage(epub);
    const frame = new Set(['cover.xhtml', 'titlepage.xhtml', 'contents.xhtml', 'colophon.xhtml']);
    assert.deepEqual(pkg.spine.filter((href) => !frame.has(href)), expected.map((article) => article.file));
    for (const article of expected) {
      const doc = await epub.xml(pkg.entry(article.file));
      assert.equal(textOf(findAll(doc, 'h1')[0]!), article.title, article.file);
      assert.ok([...article.title].length <= 40, `${article.file}: title of ${[...article.title].length} characters`);
      const paragraphs = findAll(doc, 'p');
      const byline = paragraphs.find((p) => p.attributes.class === 'byline');
      const source = paragraphs.find((p) => p.attributes.class === 'source');
      assert.equal(byline ? textOf(byline) : undefined, article.byline, `${article.file}: byline`);
      assert.equal(source ? textOf(source) : undefined, article.source, `${article.file}: source`);
    }
  });

  test('every article keeps its text, and the title line is not repeated in it', () => {
    for (const article of expected) {
      const body = documents.get(article.file)!.replace(/^[\s\S]*?<\/header>/, '');
      const text = body.replace(/<[^>]+>/g, '');
      assert.ok(text.includes(article.text), `${article.file}: ${article.text}`);
      const first = /<(?:p|h\d)[^>]*>([\s\S]*?)<\/(?:p|h\d)>/.exec(body)![1]!.replace(/<[^>]+>/g, '');
      // A derived title is made from the first paragraph, which stays.
      if (!article.file.startsWith('feed-2')) assert.notEqual(first, article.title, `${article.file}: the title is printed once`);
    }
  });

  test('no frame, chrome, credit line, logo or file-name placeholder is left anywhere in the book', () => {
    for (const [name, xml] of documents) {
      // The colophon's own label says 来源：.
      const text = name === 'colophon.xhtml' ? xml.replace(/来源：/g, '') : xml;
      for (const piece of chrome) assert.ok(!text.includes(piece), `${name} contains "${piece}"`);
    }
  });

  test('the images that illustrate are kept; decorative ones and the file-name placeholder are gone', () => {
    const images = epub.names.filter((name) => /^OEBPS\/images\/[0-9a-f]{16}\./.test(name));
    assert.equal(images.length, 1, images.join());
    assert.match(documents.get('hean.xhtml')!, /<img src="images\/[0-9a-f]{16}\.jpg" alt="夜里的发射塔"/);
  });

  test('--verbose says what was recognised, lifted and dropped', () => {
    const { stderr } = result;
    assert.match(stderr, /blog dump: recognised 3 posts by their frames; removed 61 frame lines \(“河岸手记 · …” ×15, “… notes” ×15, “——————End——————” ×15, “Tumblr media” ×11, “Link” ×5\); 12 empty posts dropped/);
    assert.match(stderr, /blog dump: recognised 3 posts by their frames; removed 15 frame lines \(“点击上方蓝字关注我们” ×3/);
    assert.match(stderr, /blog dump: recognised 4 posts by their frames; .*; 1 empty post dropped/);
    assert.match(stderr, /credit line taken into the article's metadata: "作者 \| 沈照溪" \(作者 → author: 沈照溪\)/);
    assert.match(stderr, /credit line taken into the article's metadata: "撰文：陈默 摄影：周小河" \(撰文 → author: 陈默; 摄影 → not printed: 周小河\)/);
    assert.match(stderr, /decorative image dropped: xinghe-logo\.png \(inside a link to the home page\)/);
    assert.match(stderr, /decorative image dropped: spacer\.gif \(a tracking or spacer pixel\)/);
    assert.match(stderr, /removed page chrome: "您认为这篇文章与“老码头”相关度高吗？" \(default: poll\)/);
    assert.match(stderr, /wenji: 16 articles, 2 warnings/);
  });

  test('passes @likecoin/epubcheck-ts with no errors or warnings', async () => {
    assert.deepEqual((await epubcheckTs(readFileSync(epubPath))).messages, []);
  });

  test('passes the real EPUBCheck with 0 fatals, 0 errors, 0 warnings', async (t) => {
    await assertJavaEpubcheckClean(t, epubPath);
  });
});

describe('blog dumps: check and book.yaml articles', () => {
  let dir: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'wenji-dumps-check-'));
    await makeBook(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('check reports the derived title with its line and book.yaml key, and the dropped placeholder; nothing else', async () => {
    const result = await runCli(['check', dir, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as CheckJson;
    const problems = report.messages.filter((message) => message.severity !== 'info');
    assert.deepEqual(
      problems.map((message) => `${path.basename(message.file)}:${message.line} ${message.severity} ${message.rule}`),
      ['03-feed.txt:13 warning derived-title', '05-hean.html:19 warning image'],
    );
    const derived = problems[0]!;
    assert.match(derived.message, /^untitled: derived from the first line “那天在旧货市场看到一台收音机/);
    assert.match(derived.message, /articles: \{ "03-feed\.txt#2": \{ title: … \} \}/);
    assert.match(problems[1]!.message, /left out \(it has no description, only the file name "12-IMG_3886\.jpg"\)/);
  });

  test('an entry matching no article is a warning naming its line; a bad key is a config error naming its line', async () => {
    const yaml = readFileSync(path.join(dir, 'book.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'book.yaml'), `${yaml}  01-mirror.txt#9:\n    title: 第九篇\n  no-such-file.txt:\n    author: 某某\n  01-mirror:\n    title: 整个文件\n`);
    const report = JSON.parse((await runCli(['check', dir, '--json'])).stdout) as CheckJson;
    const notices = report.messages.filter((message) => message.rule === 'order').map((message) => message.message);
    assert.deepEqual(notices, [
      'book.yaml line 14: articles: "01-mirror.txt#9" matches no article: 01-mirror.txt gives 3 articles',
      'book.yaml line 16: articles: "no-such-file.txt" matches no article in the content folder',
      'book.yaml line 18: articles: "01-mirror" sets a title, but 01-mirror.txt gives 3 articles; the title is not used (name one: "01-mirror#1")',
    ]);
    writeFileSync(path.join(dir, 'book.yaml'), `${yaml}  01-mirror.txt#0:\n    title: 零\n`);
    const bad = await runCli(['check', dir]);
    assert.equal(bad.code, 3);
    assert.match(bad.stderr, /book\.yaml: line 14: "articles\.01-mirror\.txt#0": expected a file in the content folder, or FILE#N for its Nth post \(counted from 1\), got the key "01-mirror\.txt#0"/);
    writeFileSync(path.join(dir, 'book.yaml'), `${yaml}  01-mirror.txt#2:\n    titel: 零\n`);
    assert.match((await runCli(['check', dir])).stderr, /line 15: unknown key "titel" in "articles\.01-mirror\.txt#2"/);
    writeFileSync(path.join(dir, 'book.yaml'), yaml);
  });

  test('changing one entry rebuilds that file from the cache-busting key; the others are reused', async () => {
    const first = await runCli(['epub', dir], { cwd: dir });
    assert.equal(first.code, 0, first.stderr);
    const yaml = readFileSync(path.join(dir, 'book.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'book.yaml'), yaml.replace('title: 一条旧链接', 'title: 修椅子的链接'));
    const second = await runCli(['epub', dir, '--verbose'], { cwd: dir });
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /\(4 normalized, 12 from the cache\)|4 normalized, 12 from the cache/);
    const epub = await openEpub(path.join(dir, 'out', 'hean-zacun.epub'));
    assert.match(await epub.text('OEBPS/feed-3.xhtml'), /<h1[^>]*>修椅子的链接<\/h1>/);
  });

  test('text.split: false keeps each text file one article', async () => {
    const yaml = readFileSync(path.join(dir, 'book.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'book.yaml'), `${yaml.replace(/^articles:[\s\S]*$/m, '')}text:\n  split: false\n`);
    const result = await runCli(['check', dir, '--json']);
    assert.equal((JSON.parse(result.stdout) as CheckJson).book.articles, 9);
    writeFileSync(path.join(dir, 'book.yaml'), yaml);
  });
});
