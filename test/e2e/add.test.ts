import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import sharp from 'sharp';
import { runCli, type CliResult } from '../helpers/cli.js';
import { epubcheckTs, javaEpubcheck, javaEpubcheckAvailable, javaEpubcheckRequired, openEpub, type OpenedEpub } from '../helpers/epub.js';
import { redirect, serve, stall, startServer, stream, type TestServer } from '../helpers/http-server.js';
import { fixture } from '../helpers/paths.js';

/**
 * `wenji add` against pages served on 127.0.0.1 by this test (never the internet): two GBK news
 * pages (charset in the header, and only in `<meta>`) with site-suffixed titles, lazy images (one
 * WebP), share widgets, scripts, an inline tracker and a tracking pixel; a Japanese page reached
 * through three redirects; the refusals (404, a redirect to file:, a redirect loop, a huge page,
 * JSON, a slow answer); a local saved page with its _files folder and a text dump of three posts.
 * Then the book is built: no warnings, EPUBCheck 0/0, the text there, the chrome gone.
 */
const solid = (width: number, height: number, r: number) => sharp({ create: { width, height, channels: 3, background: { r, g: 110, b: 140 } } });

async function siteRoutes(): Promise<Parameters<typeof startServer>[0]> {
  const site = (name: string) => readFileSync(fixture('add', 'site', name), 'utf8');
  // The ferry page declares its encoding only in the header, the bookshop page only in <meta>.
  const ferry = iconv.encode(site('news/ferry-crossing.html'), 'gbk');
  const bookshop = iconv.encode(site('news/old-bookshop.html'), 'gbk');
  return {
    '/news/2024/ferry-crossing.html': serve('text/html; charset=gbk', ferry),
    '/news/2024/old-bookshop.html': serve('text/html', bookshop),
    '/images/ferry.webp': serve('image/webp', await solid(120, 80, 40).webp().toBuffer()),
    '/images/ticket.png': serve('image/png', await solid(60, 40, 200).png().toBuffer()),
    '/images/river.jpg': serve('image/jpeg', await solid(90, 60, 120).jpeg().toBuffer()),
    '/track/pixel.gif?u=42': serve('image/gif', Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64')),
    '/go/1': redirect('/go/2', 301),
    '/go/2': redirect('/go/3', 302),
    '/go/3': redirect('/ja/essay.html', 307),
    '/ja/essay.html': serve('text/html; charset=utf-8', site('essay.html')),
    '/to-file': redirect('file:///etc/passwd'),
    ...Object.fromEntries(Array.from({ length: 8 }, (_, n) => [`/loop/${n}`, redirect(`/loop/${n + 1}`)])),
    '/huge': stream('text/html; charset=utf-8', Buffer.from(`<p>${'很长的页面。'.repeat(2000)}</p>\n`), 12 * 1024 * 1024),
    '/feed.json': serve('application/json', '{"title":"不是网页"}'),
    '/app.html': serve('text/html; charset=utf-8', '<!doctype html><html><head><title>应用</title><script src="/app.js"></script></head><body><div id="app"></div></body></html>'),
    '/slow.html': stall('text/html; charset=utf-8', '<!doctype html><title>慢</title><p>'),
  };
}

const lines = (text: string) => text.split('\n').filter(Boolean);

describe('wenji add', () => {
  let server: TestServer;
  let dir: string;
  let book: string;
  let content: string;
  let added: CliResult;
  let requests: string[];

  before(async () => {
    server = await startServer(await siteRoutes());
    dir = mkdtempSync(path.join(tmpdir(), 'wenji-add-'));
    book = path.join(dir, 'book');
    content = path.join(book, 'content');
    mkdirSync(content, { recursive: true });
    writeFileSync(path.join(book, 'book.yaml'), 'title: 江城拾遗\nauthor: 编者\ntext:\n  split: "^===$"\n');
    writeFileSync(path.join(content, '03-preface.md'), '---\ntitle: 前言\n---\n\n这本集子收了几篇从网上读到的文章。\n');
    // A saved page ("Web page, complete") with its folder, and an image outside that folder.
    const downloads = path.join(dir, 'downloads');
    cpSync(fixture('add', 'local'), downloads, { recursive: true });
    // Git keeps no empty folder: the saved page's folder holds only this generated image.
    mkdirSync(path.join(downloads, 'saved-page_files'), { recursive: true });
    await solid(80, 60, 220).png().toFile(path.join(downloads, 'saved-page_files', 'umbrella.png'));
    await solid(10, 10, 10).png().toFile(path.join(dir, 'outside-secret.png'));
    const url = (route: string) => `${server.origin}${route}`;
    added = await runCli(
      [
        'add',
        url('/news/2024/ferry-crossing.html?utm_source=wechat&from=timeline'),
        url('/news/2024/old-bookshop.html'),
        url('/go/1'),
        url('/missing'),
        url('/to-file'),
        url('/loop/0'),
        url('/huge'),
        url('/feed.json'),
        url('/app.html'),
        'ftp://127.0.0.1/file.html',
        path.join('downloads', 'saved-page.html'),
        path.join('downloads', 'dump.txt'),
        path.join('downloads', 'no-such-file.html'),
        'book',
      ],
      { cwd: dir },
    );
    requests = server.log.map((entry) => entry.line);
  });

  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('writes one Markdown file per article, numbered after the articles already there, in the order given', () => {
    assert.equal(added.code, 11, added.stderr);
    assert.deepEqual(readdirSync(content).filter((name) => name.endsWith('.md')).sort(), [
      '03-preface.md',
      '04-ferry-crossing.md',
      '05-old-bookshop.md',
      '06-essay.md',
      '07-saved-page.md',
      '08-第一篇-窗台上的葱.md',
      '09-第二篇-楼道里的自行车.md',
      '10-第三篇-停电的晚上.md',
    ]);
    const wrote = lines(added.stdout).filter((line) => line.startsWith('wrote '));
    assert.equal(wrote.length, 7);
    assert.match(wrote[0]!, /^wrote book\/content\/04-ferry-crossing\.md {2}"江边的渡口还在吗" · 林晓 · \d{3} characters · 3 images$/);
    assert.match(wrote[2]!, /^wrote book\/content\/06-essay\.md {2}"坂の上の郵便局" · 三浦 遥 · \d{3} characters · 0 images$/);
    assert.match(wrote[3]!, /^wrote book\/content\/07-saved-page\.md {2}"雨夜修伞记" · 许青 · \d{3} characters · 1 image$/);
    // No file left half-written or temporary.
    assert.deepEqual(readdirSync(content).filter((name) => name.startsWith('.')), []);
  });

  test('says what it removed: the page around the article, chrome lines, scripts, trackers, the byline line', () => {
    const ferry = lines(added.stdout)[lines(added.stdout).findIndex((line) => line.includes('04-ferry-crossing.md')) + 1]!;
    assert.match(ferry, /^ {2}removed the page around the article \(kept \d+ of \d+ characters\), 2 chrome lines, 4 scripts and frames, 2 trackers, the byline line$/);
  });

  test('front matter: title without the site suffix, author, date, source, url without tracking parameters', () => {
    const ferry = readFileSync(path.join(content, '04-ferry-crossing.md'), 'utf8');
    assert.ok(
      ferry.startsWith(`---\ntitle: 江边的渡口还在吗\nauthor: 林晓\ndate: 2024-05-01\nsource: 江城晚报\nurl: ${server.origin}/news/2024/ferry-crossing.html\n`),
      ferry.slice(0, 300),
    );
    const essay = readFileSync(path.join(content, '06-essay.md'), 'utf8');
    assert.match(essay, new RegExp(`^url: ${server.origin}/ja/essay\\.html$`, 'm'), 'the address after the redirects');
    assert.match(essay, /^title: 坂の上の郵便局$/m);
    assert.match(essay, /<ruby>手紙<rp>（<\/rp><rt>てがみ<\/rt><rp>）<\/rp><\/ruby>/);
    assert.match(essay, /出かける\[\^note-1\]。/);
    assert.match(essay, /^\[\^note-1\]: この郵便局は明治の終わりに建てられた。$/m);
    const saved = readFileSync(path.join(content, '07-saved-page.md'), 'utf8');
    assert.match(saved, /^url: https:\/\/oldthings\.example\.org\/2023\/umbrella\.html$/m);
    const post = readFileSync(path.join(content, '09-第二篇-楼道里的自行车.md'), 'utf8');
    assert.equal(post, '---\ntitle: 第二篇：楼道里的自行车\n---\n\n楼道里那辆落满灰的自行车，终于在今天被人推走了。\n\n听楼下的阿姨说，车主是三年前搬走的一个大学生，临走时说过两天回来取，结果一直没回来。\n');
  });

  test('the body is clean: no chrome, scripts, trackers, placeholders; links absolute and without tracking; images local', () => {
    const ferry = readFileSync(path.join(content, '04-ferry-crossing.md'), 'utf8');
    for (const piece of ['阅读 3621', '责任编辑', '分享到', '微博', '_hmt', 'tracker', 'pixel', 'javascript', 'utm_', 'loading.gif', 'data:image', '文／林晓', '网友评论', '相关阅读', '热门新闻', 'ICP', '广告', '江城晚报首页']) {
      assert.ok(!ferry.includes(piece), `04-ferry-crossing.md contains "${piece}"`);
    }
    assert.match(ferry, new RegExp(`\\[本报此前的报道\\]\\(${server.origin.replace(/\./g, '\\.')}/culture/ferry-history\\.html\\?id=7\\)`));
    assert.match(ferry, /或者分享给朋友。/, 'a javascript: link is its text');
    const images = [...ferry.matchAll(/!\[([^\]]*)\]\((images\/[0-9a-f]{16}\.(jpg|png))\)/g)].map((match) => [match[1], match[3]]);
    assert.deepEqual(images, [['清晨的渡船靠在南岸码头', 'jpg'], ['售票窗口和一块五的船票', 'png'], ['江面上的雾', 'jpg']]);
    for (const [, image] of ferry.matchAll(/\((images\/[^)]+)\)/g)) assert.ok(existsSync(path.join(content, image!)), image);
  });

  test('a saved page: its own images are copied, one outside its folder is not (and is reported)', () => {
    const saved = readFileSync(path.join(content, '07-saved-page.md'), 'utf8');
    assert.match(saved, /!\[摊子上挂着的几把旧伞\]\(images\/[0-9a-f]{16}\.png\)/);
    assert.doesNotMatch(saved, /outside-secret|\.\.\//);
    assert.match(added.stderr, /wenji: warning: book\/content\/07-saved-page\.md: image outside the source's folder not included: \.\.\/outside-secret\.png/);
    const copied = readdirSync(path.join(content, 'images'));
    assert.equal(copied.length, 4, copied.join());
  });

  test('each failure is one line naming the source and the reason; the other sources were added', () => {
    const errors = lines(added.stderr).filter((line) => line.startsWith('wenji: error: '));
    assert.deepEqual(errors, [
      `wenji: error: ${server.origin}/missing: the server answered HTTP 404 Not Found`,
      `wenji: error: ${server.origin}/to-file: redirected to a file: address (file:///etc/passwd), which is refused`,
      `wenji: error: ${server.origin}/loop/0: more than 5 redirects (the last to /loop/6)`,
      `wenji: error: ${server.origin}/huge: larger than 10 MB`,
      `wenji: error: ${server.origin}/feed.json: not an HTML page (the server says application/json)`,
      `wenji: error: ${server.origin}/app.html: no article text found (a page that shows its text with JavaScript cannot be read: save it from the browser and add the file)`,
      'wenji: error: ftp://127.0.0.1/file.html: only http: and https: addresses and local files can be added, not ftp:',
      `wenji: error: ${path.join('downloads', 'no-such-file.html')}: file not found`,
    ]);
    assert.match(added.stderr, /^wenji add: 7 articles written from 13 sources, 8 failed$/m);
  });

  test('the server saw only the requests expected: pages, their images, the redirects — no tracker, no placeholder', () => {
    // Tracking parameters are not sent.
    assert.deepEqual(requests, [
      'GET /news/2024/ferry-crossing.html',
      'GET /images/ferry.webp',
      'GET /images/ticket.png',
      'GET /images/river.jpg',
      'GET /news/2024/old-bookshop.html',
      'GET /go/1',
      'GET /go/2',
      'GET /go/3',
      'GET /ja/essay.html',
      'GET /missing',
      'GET /to-file',
      'GET /loop/0',
      'GET /loop/1',
      'GET /loop/2',
      'GET /loop/3',
      'GET /loop/4',
      'GET /loop/5',
      'GET /huge',
      'GET /feed.json',
      'GET /app.html',
    ]);
    const userAgents = new Set(server.log.map((entry) => entry.headers['user-agent']));
    assert.equal(userAgents.size, 1);
    assert.match(String([...userAgents][0]), /^wenji\/\d+\.\d+\.\d+ \(article collector/);
  });

  test('a slow page runs into --timeout', async () => {
    const started = Date.now();
    const slow = await runCli(['add', '--timeout', '0.5', `${server.origin}/slow.html`, 'book'], { cwd: dir });
    assert.equal(slow.code, 11);
    assert.match(slow.stderr, new RegExp(`wenji: error: ${server.origin}/slow.html: no complete answer within 500 ms`));
    assert.ok(Date.now() - started < 10_000);
  });

  test('re-adding says where the article already is and writes nothing, also after a redirect; --dry-run --force would add it', async () => {
    const before = readdirSync(content).length;
    const from = server.log.length;
    const again = await runCli(['add', `${server.origin}/news/2024/ferry-crossing.html#comments`, `${server.origin}/ja/essay.html/`, `${server.origin}/go/1`, '-C', 'book'], { cwd: dir });
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(lines(again.stdout), [
      `${server.origin}/news/2024/ferry-crossing.html#comments: already added as book/content/04-ferry-crossing.md (--force adds it again)`,
      `${server.origin}/ja/essay.html/: already added as book/content/06-essay.md (--force adds it again)`,
      `${server.origin}/go/1: already added as book/content/06-essay.md (--force adds it again)`,
    ]);
    assert.equal(readdirSync(content).length, before);
    // Known addresses are not even fetched; the redirect is followed to find out where it leads.
    assert.deepEqual(server.log.slice(from).map((entry) => entry.line), ['GET /go/1', 'GET /go/2', 'GET /go/3', 'GET /ja/essay.html']);

    const forced = await runCli(['add', '--dry-run', '--force', `${server.origin}/news/2024/old-bookshop.html`, 'book'], { cwd: dir });
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /^would write book\/content\/11-old-bookshop\.md {2}"巷子里的旧书店" · 周禾 · /m);
    assert.equal(readdirSync(content).length, before);
  });

  test('--help shows the usage with the book folder last, and examples', async () => {
    const help = await runCli(['add', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: wenji add \[options\] <url\|file>… \[dir\]$/m);
    assert.match(help.stdout, /^Examples:$/m);
    assert.match(help.stdout, /--dry-run/);
  });

  test('the book folder: the last argument when it is a folder, or -C; anything ambiguous is refused', async () => {
    const onlyFolder = await runCli(['add', 'book'], { cwd: dir });
    assert.equal(onlyFolder.code, 2);
    assert.match(onlyFolder.stderr, /wenji: error: book is a folder: give the web addresses or files to add, then the book folder/);
    const folderFirst = await runCli(['add', 'book', path.join('downloads', 'dump.txt')], { cwd: dir });
    assert.equal(folderFirst.code, 2);
    assert.match(folderFirst.stderr, /book is a folder, not an article; only the last argument may be the book folder/);
    const both = await runCli(['add', '-C', 'book', path.join('downloads', 'dump.txt'), 'downloads'], { cwd: dir });
    assert.equal(both.code, 2);
    assert.match(both.stderr, /downloads is a folder, and the book folder is already given with -C book/);
    // A folder without content/ or book.yaml is a book folder too: content/ is made.
    const fresh = path.join(dir, 'fresh');
    mkdirSync(fresh);
    const first = await runCli(['add', '-q', path.join('downloads', 'saved-page.html'), 'fresh'], { cwd: dir });
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, '');
    assert.deepEqual(readdirSync(path.join(fresh, 'content')).sort(), ['01-saved-page.md', 'images']);
  });

  describe('the book built from what was added', () => {
    let built: CliResult;
    let epub: OpenedEpub;
    let epubPath: string;
    const documents = new Map<string, string>();

    before(async () => {
      built = await runCli(['epub', 'book'], { cwd: dir });
      epubPath = path.join(book, 'out', readdirSync(path.join(book, 'out')).find((name) => name.endsWith('.epub'))!);
      epub = await openEpub(epubPath);
      for (const name of epub.names.filter((entry) => entry.endsWith('.xhtml'))) documents.set(path.posix.basename(name), await epub.text(name));
    });

    test('builds with no warning', () => {
      assert.equal(built.code, 0, built.stderr);
      assert.doesNotMatch(built.stderr, /warning/i);
      assert.match(built.stderr, /wenji: 8 articles, [\d.]+ s/);
    });

    test("every article's text is there, titled and attributed; none of the chrome", () => {
      const all = [...documents.values()].join('\n');
      const visible = all.replace(/<[^>]+>/g, '');
      for (const sentence of ['船长姓钟，今年五十八岁', '“雾里开船，耳朵比眼睛管用。”', '写过字的书，是有人认真读过的。', '局長さんは', '新伞有新伞的好，旧伞有旧伞的情分。', '现在它已经长到一筷子高了', '比过年还热闹。']) {
        assert.ok(visible.includes(sentence), sentence);
      }
      for (const title of ['江边的渡口还在吗', '巷子里的旧书店', '坂の上の郵便局', '雨夜修伞记', '第一篇：窗台上的葱', '第三篇：停电的晚上']) assert.match(all, new RegExp(`<h1[^>]*>${title}</h1>`));
      assert.match(all, /<p class="byline">林晓　文<\/p>/);
      for (const piece of ['阅读 3621', '责任编辑', '点击上方蓝字', '分享到', '_hmt', 'tracker.example', 'javascript:', 'utm_', '网友评论', 'outside-secret']) assert.ok(!all.includes(piece), piece);
      assert.match(all, /epub:type="noteref"/);
    });

    test('the images are in the EPUB', () => {
      const images = epub.names.filter((name) => /^OEBPS\/images\/[0-9a-f]{16}\.(jpg|png)$/.test(name));
      assert.equal(images.length, 4, images.join());
    });

    test('passes @likecoin/epubcheck-ts and the real EPUBCheck with 0 errors, 0 warnings', async (t) => {
      const check = await epubcheckTs(readFileSync(epubPath));
      assert.deepEqual(check.messages, []);
      if (!javaEpubcheckAvailable()) {
        if (javaEpubcheckRequired()) assert.fail('WENJI_REQUIRE_EPUBCHECK=1 but /usr/share/java/epubcheck.jar is missing');
        t.skip('EPUBCheck (Java) is not installed');
        return;
      }
      const java = await javaEpubcheck(epubPath);
      assert.deepEqual(java.messages, []);
      assert.deepEqual([java.fatals, java.errors, java.warnings], [0, 0, 0]);
    });
  });
});
