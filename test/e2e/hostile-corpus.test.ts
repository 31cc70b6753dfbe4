import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lchownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { cliEntry } from '../helpers/paths.js';
import { letNobodyReachRepository, nobody } from '../helpers/unprivileged.js';
import { assertJavaEpubcheckClean, epubcheckTs, openEpub } from '../helpers/epub.js';
import { startServer, serve, type TestServer } from '../helpers/http-server.js';

/**
 * The hostile corpus of issue 11: one book whose articles are each one kind of hostile or
 * unlucky input (markup, Markdown pathologies, encodings, images, YAML, file-system tricks),
 * beside good articles, built once as an unprivileged user (so that an unreadable file is
 * unreadable). For every case: the build ends within its budget, the good articles are all in
 * the book, the case's message names its file, out/ holds the book and nothing else, no
 * temporary folder is left, no request reaches the loopback server the articles point at, and
 * the EPUB passes epubcheck-ts and the real EPUBCheck with 0 errors and 0 warnings. Faults
 * (signals) are in signals.test.ts, cache corruption in cache-integrity.test.ts.
 */

interface Case {
  /** The file written into content/ (its name is the case's name). */
  file: string;
  content: string | Buffer | ((server: string) => string | Buffer);
  /** A message the build must print naming the file (its text or rule). */
  message?: RegExp;
  /** Text the case's article must keep in the book (it is built, not dropped). */
  keeps?: string;
  /** Set up a file-system trick instead of writing a file. */
  setup?: (content: string, book: string) => void;
}

const nested = (levels: number, tag: string, inner: string) => `<${tag}>`.repeat(levels) + inner + `</${tag}>`.repeat(levels);
const html = (title: string, body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;
const utf32 = (text: string, little: boolean) => {
  const points = [0xfeff, ...[...text].map((char) => char.codePointAt(0)!)];
  const bytes = Buffer.alloc(points.length * 4);
  points.forEach((point, i) => (little ? bytes.writeUInt32LE(point, i * 4) : bytes.writeUInt32BE(point, i * 4)));
  return bytes;
};
const utf16 = (text: string, little: boolean) => {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  return little ? le : Buffer.from(le).swap16();
};
// A PNG header claiming 60,000 × 60,000 pixels, and nothing after it: a decompression bomb's front.
const pngBomb = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.from([0, 0, 0xea, 0x60, 0, 0, 0xea, 0x60, 8, 6, 0, 0, 0]), Buffer.from('00000000', 'hex')]);

const cases: Case[] = [
  // ── markup ──
  { file: 'm01-script.html', content: (s) => html('脚本', `<p>正文一。</p><script>fetch("${s}/script")</script><script src="${s}/s.js"></script><p>正文二。</p>`), keeps: '正文二' },
  { file: 'm02-handlers.html', content: (s) => html('事件', `<p onclick="fetch('${s}/click')">点</p><img src="x" onerror="fetch('${s}/err')" alt="坏图"><body onload="x()">`), keeps: '点' },
  { file: 'm03-javascript-links.html', content: html('链接', '<p><a href="javascript:alert(1)">一</a><a href="JaVaScRiPt:alert(1)">二</a><a href=" javascript:x">三</a><a href="vbscript:x">四</a><a href="data:text/html,<script>x</script>">五</a></p>'), keeps: '五' },
  { file: 'm04-frames.html', content: (s) => html('框架', `<iframe src="${s}/frame"></iframe><object data="${s}/obj"></object><embed src="${s}/embed"><p>框架之外。</p>`), keeps: '框架之外' },
  { file: 'm05-styles.html', content: (s) => html('样式', `<style>@import url(${s}/a.css); body{background:url(${s}/bg.png)}</style><link rel="stylesheet" href="${s}/l.css"><p style="background:url(${s}/p.png)">带样式的段落。</p>`), keeps: '带样式的段落' },
  { file: 'm06-forms.html', content: (s) => html('表单', `<form action="${s}/form"><input name="q" value="x"><button>提交</button><textarea>文</textarea><select><option>选</option></select></form><p>表单之后。</p>`), keeps: '表单之后' },
  { file: 'm07-svg-math.html', content: (s) => html('图形', `<svg><script>fetch("${s}/svg")</script><image href="${s}/svg.png"/></svg><math><mi>x</mi></math><p>图形之后。</p>`), keeps: '图形之后' },
  { file: 'm08-meta-base.html', content: (s) => `<!doctype html><html><head><meta http-equiv="refresh" content="0;url=${s}/refresh"><base href="${s}/"><title>元</title></head><body><h1>元</h1><p><a href="rel.html">相对</a>链接。</p><img src="pixel.gif" alt="像素"></body></html>`, keeps: '链接' },
  { file: 'm09-remote-images.html', content: (s) => html('远程图', `<p>前</p><img src="${s}/track.gif" width="1" height="1" alt=""><img src="${s}/photo.jpg" alt="照片"><picture><source srcset="${s}/p.webp"><img src="${s}/p.jpg" alt="图二"></picture><p>后</p>`), keeps: '后' },
  { file: 'm10-attributes.html', content: html('属性', '<p lang="zh&quot;" dir="up">一</p><ol type="9" start="x"><li value="x">项</li></ol><table><tr><th scope="nowhere" colspan="0">头</th><td rowspan="x">格</td></tr></table><p><time datetime="昨天">昨天</time> <a href="a b.html">空格</a> <a href="mailto:">信</a> <span start="3" value="2">乱</span></p><p align=" Center ">居中</p><h2 align="middle">标题</h2><table align="center"><caption align="top">表</caption><tr align="RIGHT"><th align="char">头</th></tr></table><hr align="left">'), keeps: '空格' },
  { file: 'm11-content-models.html', content: (s) => html('结构', `<p>注<rt>zhù</rt><rp>(</rp></p><figure><figcaption>一</figcaption><img src="${s}/f.png" alt="图"><figcaption>二</figcaption><figcaption>三</figcaption></figure><table><caption>表一</caption><tr><td>格</td></tr><caption>表二</caption></table><dl><dd>无词</dd></dl><ul><p>直接在列表里</p><li>项</li></ul><p><bdo>无向</bdo><dfn>外<dfn>内</dfn></dfn></p><source srcset="${s}/stray.webp"><dt>孤</dt><li>孤项</li>`), keeps: '直接在列表里' },
  { file: 'm12-dangling-fragment.html', content: html('锚点', '<p><a href="#x">去空标题</a> <a href="#gone">去不存在</a></p><h3 id="x"><br></h3><p>段落。</p>'), keeps: '去空标题' },
  { file: 'm13-deep-divs.html', content: html('深', `${nested(10_000, 'div', '最深的字')}<p>深之后。</p>`), message: /deep-nesting|more than 100 levels deep/, keeps: '最深的字' },
  { file: 'm14-deep-bold.html', content: html('粗', nested(1_500, 'b', '粗体深处')), message: /deep-nesting/, keeps: '粗体深处' },
  { file: 'm15-control-chars.html', content: html('控制', '<p>字\u0001\u0008\u000b\u001b[31m\u0007符&#xD800;&#xFFFE;&#1;号。</p>'), keeps: '号' },
  { file: 'm16-comments-cdata.html', content: html('注释', '<p>前文。</p><![CDATA[ x ]]><!-- --!> <p>注释里</p> --><p>后文。</p><!-- unterminated'), keeps: '前文' },
  { file: 'm17-entities.html', content: html('实体', `<p>${'&amp;'.repeat(50_000)}&unknown;&#99999999;&#0;</p>`), keeps: '&&&' },
  { file: 'm18-huge-attribute.html', content: html('长属性', `<p title="${'长'.repeat(200_000)}" id="${'i'.repeat(100_000)}">长属性的段落。</p>`), keeps: '长属性的段落' },
  { file: 'm19-long-url.md', content: `# 长网址\n\nhttps://example.com/${'a'.repeat(100_000)}\n\n网址之后。\n`, keeps: '网址之后' },
  { file: 'm20-many-ids.html', content: html('重复', `${'<p id="same">同一个 id。</p>'.repeat(2_000)}<a href="#same">链</a>`), keeps: '同一个' },
  { file: 'm21-tables.html', content: html('表格', `<table>${'<tr><td colspan="1000">'.repeat(1)}${'<td>格</td>'.repeat(5_000)}</table><p>表格之后。</p>`), keeps: '表格之后' },
  { file: 'm22-ruby.html', content: html('注音', `<p>${'<ruby>字<rt>zì</rt><rp>(</rp>'.repeat(2_000)}</p><p><ruby><ruby>套<rt>tào</rt></ruby><rt>x</rt></ruby></p>`), keeps: '套' },
  // ── Markdown pathologies ──
  { file: 'k01-brackets.md', content: `# 括号\n\n${'!['.repeat(5_000)}\n`, keeps: '![' },
  { file: 'k02-stars.md', content: `# 星号\n\n${'*'.repeat(50_000)}\n\n星${'*'.repeat(50_000)}号\n`, keeps: '星***' },
  { file: 'k03-nested-lists.md', content: `# 列表\n\n${'- '.repeat(2_000)}项\n`, keeps: '项' },
  { file: 'k04-quotes.md', content: `# 引用\n\n${'>'.repeat(5_000)} 引文\n`, keeps: '引文' },
  { file: 'k05-link-brackets.md', content: `# 方括号\n\n${'['.repeat(10_000)}${']('.repeat(5_000)}\n`, keeps: '[[[' },
  { file: 'k06-underscores.md', content: `# 下划线\n\n${'_a'.repeat(20_000)}\n`, keeps: 'a' },
  { file: 'k07-backticks.md', content: `# 反引号\n\n${'`'.repeat(20_000)} 代码 ${'``'.repeat(5_000)}\n`, keeps: '代码' },
  { file: 'k08-angles.md', content: `# 尖括号\n\n${'<'.repeat(20_000)}a\n`, keeps: '<<<' },
  { file: 'k09-raw-html.md', content: (s) => `# 混合\n\n<script>fetch("${s}/md")</script>\n\n<img src="${s}/md.png" onerror="x()">\n\n[链](javascript:alert(1)) 正文。\n`, keeps: '正文' },
  { file: 'k10-footnotes.md', content: `# 脚注\n\n一[^a] 二[^none] 三[^b]\n\n[^a]: 甲[^b]\n[^b]: 乙[^a]\n`, keeps: '甲' },
  { file: 'k11-path-tricks.md', content: '# 路径\n\n![密](../../../../../etc/passwd) ![根](/etc/passwd) ![文](file:///etc/passwd) ![家](~/.ssh/id_rsa)\n\n路径之后。\n', keeps: '路径之后' },
  { file: 'k12-references.md', content: `# 引用定义\n\n${Array.from({ length: 3_000 }, (_, i) => `[r${i}]: http://127.0.0.1:1/r${i}`).join('\n')}\n\n[一][r1] [二][r2999] 完。\n`, keeps: '完' },
  { file: 'k13-headings.md', content: `# 标题\n\n${'#'.repeat(7)} 七级\n\n${Array.from({ length: 3_000 }, (_, i) => `## 小节 ${i}`).join('\n\n')}\n`, keeps: '小节 2999' },
  { file: 'k14-table-pipes.md', content: `# 竖线\n\n${'|'.repeat(10_000)}\n${'|-'.repeat(3_000)}|\n`, keeps: '竖线' },
  // ── encodings ──
  { file: 'e01-utf16le.txt', content: utf16('小端十六\n\n正文。\n', true), keeps: '正文' },
  { file: 'e02-utf16be.txt', content: utf16('大端十六\n\n正文。\n', false), keeps: '正文' },
  { file: 'e03-utf32le.md', content: utf32('# 小端三十二\n\n正文 😀。\n', true), keeps: '正文 😀' },
  { file: 'e04-utf32be.md', content: utf32('# 大端三十二\n\n正文。\n', false), keeps: '大端三十二' },
  { file: 'e05-gbk.txt', content: Buffer.from('b9fabcd2d3ebc8cbc3f10a0ad5e2cac7d2bbb6ced3c3b9fab1eab1e0c2ebd0b4b5c4cec4d7d6a1a30a', 'hex'), keeps: '国家' },
  { file: 'e06-invalid-bytes.txt', content: Buffer.from([0x54, 0x0a, 0x81, 0x20, 0xff, 0xfe, 0x80, 0x0a, 0xc0, 0xaf]), message: /neither UTF-8 nor a CJK encoding|not a text file/ },
  { file: 'e07-binary.md', content: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]), message: /not a text file/ },
  { file: 'e08-overlong.md', content: Buffer.concat([Buffer.from('# 超长\n\n'), Buffer.from([0xc0, 0xaf, 0xe0, 0x80, 0xaf]), Buffer.from('\n')]), message: /neither UTF-8|not a text file|encoding/ },
  { file: 'e09-cr-only.md', content: '# 回车\r\r只有回车的换行。\r第二行。\r', keeps: '第二行' },
  { file: 'e10-bidi.md', content: '# 双向\n\n文字\u202e倒过来\u202c与\u2066隔离\u2069。\n', keeps: '隔离' },
  // ── images ──
  { file: 'i01-png-bomb.md', content: '# 图片炸弹\n\n![炸](images/bomb.png)\n\n炸弹之后。\n', keeps: '炸弹之后', setup: (content) => writeFileSync(path.join(content, 'images', 'bomb.png'), pngBomb) },
  { file: 'i02-truncated.md', content: '# 半截\n\n![半](images/half.png)\n\n半截之后。\n', keeps: '半截之后', setup: (content) => writeFileSync(path.join(content, 'images', 'half.png'), Buffer.from('89504e470d0a1a0a00000d4948', 'hex')) },
  { file: 'i03-svg-script.md', content: '# 矢量\n\n![矢](images/evil.svg)\n\n矢量之后。\n', keeps: '矢量之后', setup: (content) => writeFileSync(path.join(content, 'images', 'evil.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><image href="http://127.0.0.1:1/x.png"/></svg>') },
  { file: 'i04-not-an-image.md', content: '# 假图\n\n![假](images/text.png)\n\n假图之后。\n', keeps: '假图之后', setup: (content) => writeFileSync(path.join(content, 'images', 'text.png'), '这不是图片') },
  { file: 'i05-empty-image.md', content: '# 空图\n\n![空](images/empty.jpg)\n\n空图之后。\n', keeps: '空图之后', setup: (content) => writeFileSync(path.join(content, 'images', 'empty.jpg'), '') },
  { file: 'i06-image-link-out.md', content: '# 链出\n\n![出](images/out.png)\n\n链出之后。\n', keeps: '链出之后', setup: (content, book) => symlinkSync(path.join(book, 'secret.txt'), path.join(content, 'images', 'out.png')) },
  { file: 'i07-data-uri.html', content: html('数据', `<img src="data:image/png;base64,${'A'.repeat(200_000)}" alt="大"><img src="data:text/html,<script>x</script>" alt="假"><p>数据之后。</p>`), keeps: '数据之后' },
  // ── YAML ──
  { file: 'y01-alias-bomb.md', content: `---\ntitle: 别名炸弹\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n\n正文。\n`, message: /aliases expand to too much/ },
  { file: 'y02-undefined-merge.md', content: '---\ntitle: 合并\n<<: *undefined\n---\n\n正文。\n', message: /the alias \*undefined names no anchor/ },
  { file: 'y03-impossible-date.md', content: '---\ntitle: 日期\ndate: 2024-13-01\n---\n\n日期不对的文章。\n', message: /not a date the calendar has/, keeps: '日期不对' },
  { file: 'y04-february-30.md', content: '---\ntitle: 二月\ndate: 2024-02-30\n---\n\n二月三十日。\n', message: /"2024-02-30"/, keeps: '二月三十日' },
  { file: 'y05-escape-key.md', content: '---\ntitle: 转义\n"\u001b]52;c;aGFja2Vk\u0007": x\n---\n\n正文转义。\n', message: /unknown front-matter key/, keeps: '正文转义' },
  { file: 'y06-escape-title.md', content: '---\ntitle: "标\u001b[2J题\u0007"\n---\n\n标题带控制符。\n', keeps: '标题带控制符' },
  { file: 'y07-deep-flow.md', content: `---\ntitle: 深\ntags: ${'['.repeat(5_000)}${']'.repeat(5_000)}\n---\n\n深的标签。\n`, keeps: '深的标签' },
  { file: 'y08-types.md', content: '---\ntitle: [1, 2]\nauthor: {a: 1}\ndate: 12\ntags: !!binary aGk=\n---\n\n类型不对。\n', message: /wrong type|front-matter/, keeps: '类型不对' },
  { file: 'y09-bad-yaml.md', content: '---\ntitle: "未闭合\n---\n\n正文。\n', message: /invalid YAML front matter/ },
  // ── file-system tricks ──
  { file: 'f01-link-out.md', content: '', message: /outside|link/i, setup: (content, book) => symlinkSync(path.join(book, 'secret.txt'), path.join(content, 'f01-link-out.md')) },
  { file: 'f02-link-to-root', content: '', setup: (content) => symlinkSync('/', path.join(content, 'f02-link-to-root')) },
  { file: 'f03-unreadable.md', content: '# 不可读\n\n读不到。\n', message: /f03-unreadable\.md[\s\S]*?(permission|cannot be read|could not be read)/i, setup: (content) => chmodSync(path.join(content, 'f03-unreadable.md'), 0o000) },
  { file: 'f04-unreadable-folder', content: '', message: /f04-unreadable-folder[\s\S]*?(permission|cannot be read|could not be read)/i, setup: (content) => (mkdirSync(path.join(content, 'f04-unreadable-folder')), writeFileSync(path.join(content, 'f04-unreadable-folder', 'a.md'), '# 里\n'), chmodSync(path.join(content, 'f04-unreadable-folder'), 0o000)) },
  { file: 'f05-dangling.md', content: '', setup: (content) => symlinkSync(path.join(content, 'nowhere.md'), path.join(content, 'f05-dangling.md')) },
  { file: 'f06-loop.md', content: '', setup: (content) => (symlinkSync(path.join(content, 'f06-loop-b.md'), path.join(content, 'f06-loop.md')), symlinkSync(path.join(content, 'f06-loop.md'), path.join(content, 'f06-loop-b.md'))) },
  { file: 'f07-control-\u001b[31m-name\u0007.md', content: '# 名字\n\n文件名里有控制符。\n', keeps: '文件名里有控制符' },
  { file: 'f08-fifo.md', content: '', setup: (content) => spawnSyncQuiet('mkfifo', [path.join(content, 'f08-fifo.md')]) },
];

function spawnSyncQuiet(command: string, args: string[]): void {
  // mkfifo is in coreutils; without it the case is a plain missing file.
  try {
    execFileSync(command, args, { stdio: 'ignore' });
  } catch {
    // no fifo here
  }
}

const good = ['g01-good.md', 'g02-good.html', 'g03-good.txt'];

const root = mkdtempSync(path.join(tmpdir(), 'wenji-hostile-'));
after(() => {
  // WENJI_HOSTILE_KEEP=1 keeps the book and the build's messages (stderr.txt) to look at.
  if (process.env.WENJI_HOSTILE_KEEP === '1') return console.log(`kept ${root}`);
  // The unreadable ones are made readable again so that they can be removed.
  for (const name of ['f03-unreadable.md', 'f04-unreadable-folder']) {
    try {
      chmodSync(path.join(root, 'book', 'content', name), 0o755);
    } catch {
      // not made
    }
  }
  rmSync(root, { recursive: true, force: true });
});

describe(`the hostile corpus: ${cases.length} cases in one book`, () => {
  const book = path.join(root, 'book');
  const content = path.join(book, 'content');
  const temp = path.join(root, 'tmp');
  let server: TestServer;
  let result: { code: number | null; stderr: string; seconds: number };
  let texts: Map<string, string>;
  const asRoot = process.getuid?.() === 0;

  before(async () => {
    server = await startServer({ '/never': serve('text/plain', 'no') });
    mkdirSync(path.join(content, 'images'), { recursive: true });
    mkdirSync(temp);
    writeFileSync(path.join(book, 'book.yaml'), 'title: 敌意文集\nslug: hostile\n');
    writeFileSync(path.join(book, 'secret.txt'), '不该出现在书里的秘密');
    mkdirSync(path.join(book, 'styles'));
    writeFileSync(path.join(book, 'styles', 'custom.css'), `@import url("${server.origin}/import.css");\np { background: url(${server.origin}/bg.png); }\nh1 { color: #333; }\n`);
    writeFileSync(path.join(content, 'g01-good.md'), '# 好文章一\n\n正常的第一篇。\n');
    writeFileSync(path.join(content, 'g02-good.html'), html('好文章二', '<p>正常的第二篇。</p>'));
    writeFileSync(path.join(content, 'g03-good.txt'), '好文章三\n\n正常的第三篇。\n');
    for (const item of cases) {
      const value = typeof item.content === 'function' ? item.content(server.origin) : item.content;
      if (value.length > 0) writeFileSync(path.join(content, item.file), value);
      item.setup?.(content, book);
    }
    if (asRoot) {
      letNobodyReachRepository();
      // Everything the unprivileged build must read or write is its own; the unreadable cases stay root's.
      for (const dir of [root, book, temp, content, path.join(content, 'images'), path.join(book, 'styles')]) chownSync(dir, 65534, 65534);
      for (const dir of [book, content, path.join(content, 'images')]) for (const name of readdirSync(dir)) if (!name.startsWith('f03') && !name.startsWith('f04')) chownSafe(path.join(dir, name));
    }
    const started = performance.now();
    result = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [cliEntry, 'epub', book, '--no-cache'], {
        env: { ...process.env, TMPDIR: temp, HOME: temp },
        stdio: ['ignore', 'ignore', 'pipe'],
        timeout: 180_000,
        ...(asRoot ? nobody : {}),
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr, seconds: (performance.now() - started) / 1000 }));
    });
    writeFileSync(path.join(root, 'stderr.txt'), result.stderr);
    texts = new Map();
    const epubFile = path.join(book, 'out', 'hostile.epub');
    if (existsSync(epubFile)) {
      const epub = await openEpub(epubFile);
      for (const name of epub.names.filter((entry) => /OEBPS\/.*\.xhtml$/.test(entry))) texts.set(name, toString(fromHtml(await epub.text(name)) as Root));
    }
  });
  after(() => server.close());

  test('the build ends within its budget, with the "articles had errors" code, no internal error, no stack trace', () => {
    assert.ok(result.seconds < 150, `${result.seconds.toFixed(1)} s`);
    assert.equal(result.code, 5, result.stderr);
    assert.doesNotMatch(result.stderr, /internal error/);
    assert.doesNotMatch(result.stderr, /\binternal\s+wenji\b/, 'no article failed with an internal error');
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  test('no control character reaches the terminal', () => {
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(result.stderr, /[\u0000-\u0008\u000b-\u001f\u007f\u009b]/);
  });

  test('every good article is in the book', () => {
    const all = [...texts.values()].join('\n');
    for (const text of ['正常的第一篇', '正常的第二篇', '正常的第三篇']) assert.ok(all.includes(text), text);
  });

  for (const item of cases) {
    test(`${JSON.stringify(item.file)}: ${item.message ? 'named with its problem' : 'built'}${item.keeps ? ', its text kept' : ''}`, () => {
      if (item.message) {
        const shown = item.file.replace(/[\u0000-\u001f\u007f]/g, '');
        const at = result.stderr.indexOf(shown.split(/[\\[\]]/)[0]!);
        assert.ok(at !== -1, `the file is named:\n${result.stderr}`);
        assert.match(result.stderr, item.message);
      }
      if (item.keeps) assert.ok([...texts.values()].some((text) => text.includes(item.keeps!)), `"${item.keeps}" in the book`);
    });
  }

  test('nothing outside content/ and nothing remote is in the book, and no request was made', () => {
    const all = [...texts.values()].join('\n');
    assert.ok(!all.includes('不该出现在书里的秘密'), 'secret.txt');
    assert.ok(!all.includes('root:x:0:0'), '/etc/passwd');
    assert.deepEqual(server.log.map((entry) => entry.line), []);
  });

  test('out/ holds the book and nothing else; no temporary folder is left', () => {
    assert.deepEqual(readdirSync(path.join(book, 'out')).filter((name) => name !== '.cache'), ['hostile.epub']);
    assert.deepEqual(readdirSync(temp).filter((name) => name.startsWith('wenji-')), []);
  });

  test('the sanitized book passes epubcheck-ts and the real EPUBCheck with 0 errors and 0 warnings', async (t) => {
    const file = path.join(book, 'out', 'hostile.epub');
    const check = await epubcheckTs(new Uint8Array(readFileSync(file)));
    assert.deepEqual(check.messages, []);
    await assertJavaEpubcheckClean(t, file);
  });
});

/** The entry itself, never what a link points at (a link to / must not give / away). */
function chownSafe(file: string): void {
  lchownSync(file, 65534, 65534);
}
