import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { toString } from 'hast-util-to-string';
import { compileStripPattern, defaultStripPatterns, stripPatterns } from '../../src/normalize/boilerplate-patterns.js';
import rehypeStripBoilerplate from '../../src/normalize/plugins/rehype-strip-boilerplate.js';
import { configSchema } from '../../src/config/schema.js';
import { runPlugins } from '../helpers/run-plugin.js';

async function strip(html: string, patterns = defaultStripPatterns()) {
  const result = await runPlugins(html, [[rehypeStripBoilerplate, { patterns }]]);
  return { ...result, xml: result.xml.replace(/ xmlns="[^"]+"/g, ''), text: toString(result.tree) };
}

describe('rehype-strip-boilerplate: default patterns', () => {
  const chrome = [
    '阅读原文',
    '点击上方蓝字关注我们',
    '▲ 点击上方“灯下集”，关注公众号',
    '长按识别二维码关注',
    '扫码关注',
    '0 notes',
    '12 notes',
    'Link',
    '阅读 3621',
    '阅读 10万+ 在看 12',
    '12 条评论',
    '分享到：微信 微博 QQ空间',
    '微信 微博 豆瓣',
    '（责任编辑：苏晴）',
    '推荐阅读',
    '上一篇：夜雨',
    '返回顶部',
    '广告',
    '— END —',
    '预览时标签不可点',
    'Share this:',
    'Leave a comment',
    // portal share, poll and related-video lines
    '转播到腾讯微博',
    '精彩视频推荐',
    '相关视频',
    '您认为这篇文章与“旧码头”相关度高吗？',
    '【打印】【关闭】',
    '字号：大 中 小',
    '用微信扫描二维码分享至好友和朋友圈',
    '扫一扫，用手机看新闻！',
    // breadcrumbs and back links
    '首页 > 新闻 > 正文',
    '当前位置：首页 > 教育 > 正文',
    '您的位置：新闻中心 >> 国内',
    'ホーム > ニュース > 記事',
    '前のページへ戻る',
    'ページの先頭へ',
    '« Back',
    '返回列表',
    // blog-dump frames
    'Tumblr media',
    '[图片]',
    '——————End——————',
    '- end -',
  ];
  for (const line of chrome) {
    test(`removes the paragraph "${line}"`, async () => {
      const { text, file } = await strip(`<p>正文第一段。</p><p>${line}</p><p>正文第二段。</p>`);
      assert.equal(text, '正文第一段。正文第二段。');
      assert.equal(file.messages.length, 1);
      assert.equal(file.messages[0]!.fatal, undefined, 'an info message');
      assert.match(file.messages[0]!.reason, /^removed page chrome: "/);
    });
  }

  const prose = [
    '我喜欢阅读原文，而不是译本。',
    '点燃的蜡烛引起了大家的关注。',
    '扫描二维码的习惯，在老人中并不普及。',
    '他说：“点击上方的按钮，你就能关注他。”',
    '这篇文章有 12 条评论，大多是赞同的。',
    '喜欢',
    'THE END',
    '分享是一种美德。',
    'Link the two ideas together.',
    '首页上的那张照片',
    '视频',
    '我们回到了首页。',
    '位置：北京市东城区',
    '戻る',
    'Back',
    '精彩的视频让人难忘。',
    '打印机坏了。',
    '图片',
    '编辑：这是一封写给编辑的长信，讲的是我们村子里发生的一件事情，已经过去很多年了。',
  ];
  for (const line of prose) {
    test(`keeps the author's paragraph "${line}"`, async () => {
      const { text, file } = await strip(`<p>${line}</p>`);
      assert.equal(text, line);
      assert.equal(file.messages.length, 0);
    });
  }

  test('full-width indents and nbsp do not hide chrome', async () => {
    const { text } = await strip('<p>　　阅读原文&nbsp;</p><p>正文。</p>');
    assert.equal(text, '正文。');
  });

  test('a chrome line between <br>s goes with one break; the rest of the paragraph stays', async () => {
    const { xml, file } = await strip('<p>第一行<br>阅读原文<br>第二行</p>');
    assert.equal(xml, '<p>第一行<br />第二行</p>');
    assert.equal(file.messages.length, 1);
  });

  test('a container left empty goes too; images are never chrome', async () => {
    assert.equal((await strip('<div><p>阅读原文</p></div><p>正文。</p>')).xml, '<p>正文。</p>');
    assert.match((await strip('<p><img src="qr.png" alt="">长按识别二维码关注</p>')).xml, /<img/);
  });

  test('code and pre are never touched', async () => {
    assert.match((await strip('<pre>阅读原文</pre>')).xml, /<pre>阅读原文<\/pre>/);
  });

  test('the message names the pattern and has the position', async () => {
    const { file } = await strip('<p>正文</p>\n<p>0 notes</p>');
    assert.match(file.messages[0]!.reason, /"0 notes" \(default: counter\)/);
    assert.equal(file.messages[0]!.line, 2);
  });
});

describe('book.yaml strip', () => {
  test('plain text is one exact paragraph; /regex/ is anchored to the whole paragraph', async () => {
    const patterns = stripPatterns(['本文首发于灯下集', '/关注.{2,6}公众号/']);
    const { text } = await strip('<p>本文首发于灯下集</p><p>本文首发于灯下集，转载请注明。</p><p>关注灯下集公众号</p><p>请关注灯下集公众号的更新。</p>', patterns);
    assert.equal(text, '本文首发于灯下集，转载请注明。请关注灯下集公众号的更新。');
  });

  test('a list extends the defaults; { defaults: false } replaces them; false turns removal off', () => {
    assert.equal(stripPatterns(['x']).length, defaultStripPatterns().length + 1);
    assert.equal(stripPatterns({ defaults: false, patterns: ['x'] }).length, 1);
    assert.equal(stripPatterns(false).length, 0);
  });

  test('regex flags are honoured and an invalid regex is a config error', () => {
    assert.ok(compileStripPattern('/read more/i').test('READ MORE'));
    assert.equal(configSchema.safeParse({ title: 't', strip: ['/([/'] }).success, false);
    assert.equal(configSchema.safeParse({ title: 't', strip: { defaults: false, patterns: ['a'] } }).success, true);
    assert.equal(configSchema.safeParse({ title: 't', strip: false }).success, true);
    assert.equal(configSchema.safeParse({ title: 't', text: { split: '([' } }).success, false);
  });
});
