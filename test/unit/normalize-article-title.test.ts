import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { toString } from 'hast-util-to-string';
import { VFile } from 'vfile';
import { labelsFor } from '../../src/locale/labels.js';
import type { ArticleOverride } from '../../src/config/article-overrides.js';
import { parseArticles } from '../../src/content/parse.js';
import { defaultStripPatterns } from '../../src/normalize/boilerplate-patterns.js';
import { normalizeArticle } from '../../src/normalize/index.js';

/** Reads and normalizes a file as a build does (posts split by their frames). */
async function build(name: string, value: string, overrides: Record<number, ArticleOverride> = {}) {
  const file = new VFile({ path: `content/${name}`, value });
  file.data.format = name.endsWith('.md') ? 'markdown' : name.endsWith('.html') ? 'html' : 'text';
  file.data.contentPath = name;
  const parsed = await parseArticles(file, { language: 'zh-Hans', text: { paragraphs: 'auto', headings: false, chrome: defaultStripPatterns() } });
  const articles = [];
  for (const [index, one] of parsed.entries()) {
    articles.push(await normalizeArticle(one, file, { id: `a${index}`, language: 'zh-Hans', labels: labelsFor('zh-Hans'), override: overrides[one.piece ?? 1] }));
  }
  return { articles, file, texts: articles.map((article) => toString(article.body)) };
}

describe('titles and bylines, decided after chrome is removed', () => {
  test('chrome before the title line is not the title; the credit line is the author, not text', async () => {
    const { articles, texts } = await build('04-copied.txt', 'Link\n0 notes\n作者 | 沈照溪\n夜班公交\n最后一班公交车上只有我和司机。\n他说明天见。\n');
    assert.equal(articles[0]!.title, '夜班公交');
    assert.deepEqual(articles[0]!.authors, ['沈照溪']);
    assert.equal(texts[0], '最后一班公交车上只有我和司机。他说明天见。');
  });

  test('the title first, then credits in several forms; source from 来源; editor and original title dropped', async () => {
    const { articles, texts } = await build('a.txt', '城南旧事\n文／林晚　图／陈一帆\n编辑｜苏晴\n原标题：城南\n来源：河岸日报\n周末去了城南。\n');
    assert.deepEqual([articles[0]!.title, articles[0]!.authors, articles[0]!.source], ['城南旧事', ['林晚'], '河岸日报']);
    assert.equal(texts[0], '周末去了城南。');
  });

  test('front matter wins over credit lines (which still leave the text)', async () => {
    const { articles, texts } = await build('a.txt', '---\nauthor: 周小河\n---\n标题\n作者：沈照溪\n正文。\n');
    assert.deepEqual(articles[0]!.authors, ['周小河']);
    assert.equal(texts[0], '正文。');
  });

  test('book.yaml articles win over everything', async () => {
    const { articles } = await build('a.txt', '---\ntitle: 前言\nauthor: 周小河\n---\n作者：沈照溪\n正文。\n', { 1: { title: '真正的标题', authors: ['陈默'], source: '河岸周刊' } });
    assert.deepEqual([articles[0]!.title, articles[0]!.authors, articles[0]!.source], ['真正的标题', ['陈默'], '河岸周刊']);
  });

  test('no title line: the title is derived from the text, which stays, and a derived-title warning names the line', async () => {
    const { articles, texts, file } = await build('dump.txt', 'Link\n那天我在河边坐了很久，看着对岸的灯一盏一盏亮起来，直到最后一班渡船开走。\n');
    assert.equal(articles[0]!.title, '那天我在河边坐了很久……', 'the first clause of a long first sentence (the ellipsis set as Chinese text sets it)');
    assert.ok([...articles[0]!.title].length <= 40);
    assert.match(texts[0]!, /^那天我在河边坐了很久/);
    const warning = file.messages.find((message) => message.ruleId === 'derived-title')!;
    assert.equal(warning.fatal, false, 'a warning');
    assert.equal(warning.line, 2);
    assert.match(warning.reason, /^untitled: derived from the first line “那天我在河边坐了很久/);
    assert.match(warning.reason, /articles: \{ "dump\.txt": \{ title: … \} \}/);
  });

  test('a post of a dump: the warning gives its book.yaml key', async () => {
    const posts = ['标题一', '正文一。', '===', '只有一句话，没有标题的一篇短文，写的是河边的一个早晨。', '===', '标题三', '正文三。'].join('\n');
    const file = new VFile({ path: 'content/dump.txt', value: posts });
    file.data.format = 'text';
    file.data.contentPath = 'dump.txt';
    const parsed = await parseArticles(file, { language: 'zh-Hans', text: { paragraphs: 'auto', headings: false, split: /^===$/ } });
    const titles = [];
    for (const one of parsed) titles.push((await normalizeArticle(one, file, { id: 'x', language: 'zh-Hans', labels: labelsFor('zh-Hans') })).title);
    assert.deepEqual(titles, ['标题一', '只有一句话，没有标题的一篇短文……', '标题三']);
    assert.match(file.messages.find((message) => message.ruleId === 'derived-title')!.reason, /"dump\.txt#2"/);
  });

  test('with text.split, posts opening with chrome are titled by their real first line, not `Link` or `0 notes`', async () => {
    const posts = ['Link', '旧书摊的下午', '周末去了城南的旧书摊。', '===', '0 notes', '作者 | 沈照溪', '夜班公交', '最后一班公交车上只有我和司机。'].join('\n');
    const file = new VFile({ path: 'content/dump.txt', value: posts });
    file.data.format = 'text';
    file.data.contentPath = 'dump.txt';
    const parsed = await parseArticles(file, { language: 'zh-Hans', text: { paragraphs: 'auto', headings: false, split: /^===$/, chrome: defaultStripPatterns() } });
    const articles = [];
    for (const one of parsed) articles.push(await normalizeArticle(one, file, { id: 'x', language: 'zh-Hans', labels: labelsFor('zh-Hans') }));
    assert.deepEqual(articles.map((article) => [article.title, article.authors, toString(article.body)]), [
      ['旧书摊的下午', [], '周末去了城南的旧书摊。'],
      ['夜班公交', ['沈照溪'], '最后一班公交车上只有我和司机。'],
    ]);
  });

  test('Markdown and HTML keep their titles as before; their credit lines are lifted too', async () => {
    const md = await build('a.md', '# 补船的人\n\n撰文：周小河\n\n河边的修船厂在镇子东头。\n');
    assert.deepEqual([md.articles[0]!.title, md.articles[0]!.authors, md.texts[0]], ['补船的人', ['周小河'], '河边的修船厂在镇子东头。']);
    const html = await build('a.html', '<h1>补船的人</h1><p>记者 周小河</p><p>河边的修船厂在镇子东头。</p>');
    assert.deepEqual([html.articles[0]!.title, html.articles[0]!.authors], ['补船的人', ['周小河']]);
  });
});
