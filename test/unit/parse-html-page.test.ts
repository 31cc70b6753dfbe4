import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { VFile } from 'vfile';
import { bylineAuthors } from '../../src/content/extract-article.js';
import { parseArticles } from '../../src/content/parse.js';

// A saved page written for this test: navigation, an ad, share buttons, a sidebar and comments around one article.
const paragraphs = [
  '河边的修船厂在镇子东头，铁皮棚子下面常年停着两三条木船，船底朝天，像晒太阳的乌龟。',
  '厂里的老师傅姓沈，从十六岁起就跟着父亲补船，补了五十年。他说木船最怕的不是风浪，是闲着，闲久了木头就会裂。',
  '冬天是补船的季节。河水退下去，船拖上岸，先把旧的桐油刮干净，再一道一道地刷新油，一条船要刷七遍。',
  '沈师傅的徒弟只剩一个，是他的外甥，平时在城里开网约车，过年才回来帮忙。',
];
const page = (head: string, extra = '') => `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>补船的人 | 河岸周刊</title>
${head}
</head>
<body>
<header><nav><a href="/">首页</a> <a href="/city/">城市</a> <a href="/login">登录</a></nav></header>
<div class="ad">【广告】限时优惠，点击领取</div>
<div class="layout">
<div class="main">
<div class="post">
<h1>补船的人</h1>
<div class="meta"><span class="author">文／周小河</span></div>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
${extra}
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
</div>
<div id="comments" class="comments"><h3>网友评论</h3><div class="comment"><p>写得真好，想起了我的外公。</p></div><div class="comment"><p>楼上说得对。</p></div></div>
</div>
<aside class="sidebar"><h3>热门文章</h3><ul><li><a href="/a">城市夜跑指南</a></li><li><a href="/b">十家早餐店</a></li></ul></aside>
</div>
<footer>© 2024 河岸周刊 版权所有</footer>
<script>var tracker = 1;</script>
</body>
</html>`;

async function parse(html: string, options: { extract?: boolean } = {}) {
  const file = new VFile({ path: 'content/01-boat.html', value: html });
  file.data.format = 'html';
  file.data.contentPath = '01-boat.html';
  const [article] = await parseArticles(file, { language: 'zh-Hans', ...options });
  return { article: article!, file, text: toString(article!.tree) };
}

describe('saved web pages: main-article extraction', () => {
  test('readability keeps the article and drops navigation, ads, share bars, comments and sidebars', async () => {
    const { text, file } = await parse(page('<meta name="author" content="周小河">'));
    for (const paragraph of paragraphs) assert.ok(text.includes(paragraph), paragraph);
    for (const chrome of ['首页', '广告', '微博', '网友评论', '楼上说得对', '热门文章', '城市夜跑', '版权所有', 'tracker']) assert.ok(!text.includes(chrome), chrome);
    assert.match(file.messages.map((m) => m.reason).join(), /saved page: kept the main article/);
  });

  test('title, author, date, site name and canonical URL are lifted into the metadata', async () => {
    const { article } = await parse(
      page('<meta property="og:site_name" content="河岸周刊"><meta property="article:published_time" content="2024-11-03T08:00:00+08:00"><link rel="canonical" href="https://river.example.org/2024/boat.html"><meta name="author" content="周小河">'),
    );
    assert.equal(article.meta.authors?.[0], '周小河');
    assert.equal(article.meta.date, '2024-11-03');
    assert.equal(article.meta.source, '河岸周刊');
    assert.equal(article.meta.url, 'https://river.example.org/2024/boat.html');
    assert.equal(article.meta.title, '补船的人', 'the <title> without the site name');
  });

  test('the page\'s own byline line goes even with photo credits, the site name and a view counter, and only that line', async () => {
    const line = '<p class="byline">文／周小河　摄影／陈一帆　2024年11月3日　来源：河岸周刊　阅读 3621</p>';
    const { text, file } = await parse(page('<meta name="author" content="周小河"><meta property="og:site_name" content="河岸周刊">').replace('<div class="meta"><span class="author">文／周小河</span></div>', line));
    assert.ok(!text.includes('阅读'), 'the byline line is gone');
    for (const paragraph of paragraphs) assert.ok(text.includes(paragraph), paragraph);
    assert.match(file.messages.map((m) => m.reason).join(), /removed the page's byline line/);
    // A sentence that merely mentions the author is text, not a byline.
    const sentence = '<p>周小河说，阅读3621次的文章不一定好。</p>';
    const kept = await parse(page('<meta name="author" content="周小河">').replace('<div class="meta"><span class="author">文／周小河</span></div>', sentence));
    assert.ok(kept.text.includes('阅读3621次的文章不一定好'));
  });

  test('without <meta>, readability supplies the byline and JSON-LD facts', async () => {
    const jsonLd = `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: '补船的人', author: { '@type': 'Person', name: '周小河' }, datePublished: '2024-11-03', publisher: { '@type': 'Organization', name: '河岸周刊' } })}</script>`;
    const { article } = await parse(page(jsonLd));
    assert.deepEqual(article.meta.authors, ['周小河']);
    assert.equal(article.meta.date, '2024-11-03');
    assert.equal(article.meta.source, '河岸周刊');
  });

  test('the page heading that repeats the title is not kept in the body', async () => {
    const { article } = await parse(page(''));
    assert.ok(!toString(article.tree).startsWith('补船的人'));
  });

  test('positions of kept blocks point into the file', async () => {
    const { article } = await parse(page(''));
    const first = selectAll('p', article.tree).find((node) => toString(node).startsWith('河边'));
    assert.ok(first?.position, 'the first paragraph has a position');
    assert.equal(first.position.start.line, 16, 'the line of the first <p> in the page');
  });

  test('<meta name="wenji:extract" content="false"> and extract: false keep the whole body', async () => {
    const viaMeta = await parse(page('<meta name="wenji:extract" content="false">'));
    assert.ok(viaMeta.text.includes('网友评论'));
    const viaConfig = await parse(page(''), { extract: false });
    assert.ok(viaConfig.text.includes('热门文章'));
  });

  test('front matter at the top of an HTML file is read and may turn extraction off', async () => {
    const { text, article } = await parse(`---\ntitle: 修船\nextract: false\n---\n${page('')}`);
    assert.equal(article.meta.title, '修船');
    assert.ok(text.includes('网友评论'));
  });

  test('a fragment (no page around it) passes through as it is', async () => {
    const { article, text } = await parse('<h1>片段</h1><p>第一段。</p><aside>旁注</aside><footer>页脚文字</footer>');
    assert.equal(text, '片段第一段。旁注页脚文字');
    assert.equal(article.fallbackTitles[0], '片段');
  });

  test('when readability finds nothing usable, the page’s own main block is used', async () => {
    const { text, file } = await parse('<!DOCTYPE html><html><head><title>短</title></head><body><nav>导航</nav><main><p>很短。</p></main></body></html>');
    assert.equal(text.trim(), '很短。');
    assert.match(file.messages.map((m) => m.reason).join(), /readability found no article|kept the main article/);
  });
});

describe('bylineAuthors', () => {
  test('names out of printed bylines', () => {
    assert.deepEqual(bylineAuthors('文／何苇　摄影／陈一帆'), ['何苇']);
    assert.deepEqual(bylineAuthors('By Jane Doe and John Roe'), ['Jane Doe', 'John Roe']);
    assert.deepEqual(bylineAuthors('作者：李四、王五 2024-05-01'), ['李四', '王五']);
    assert.deepEqual(bylineAuthors('这是一个很长的句子，不像是作者的名字，更像是正文里的一段话。'), []);
  });
});
