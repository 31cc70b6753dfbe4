import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { findPostFrames, lineShape, type Line } from '../../src/content/post-frames.js';
import { parseTextArticles, type TextOptions } from '../../src/content/parse-text.js';
import { defaultStripPatterns } from '../../src/normalize/boilerplate-patterns.js';

const options: TextOptions = { paragraphs: 'auto', headings: false, chrome: defaultStripPatterns() };
const lines = (text: string): Line[] => text.split('\n').map((line, index) => ({ number: index + 1, text: line }));
const paragraphs = (tree: Root) => tree.children.map((node) => toString(node as Element));

/** A Tumblr-style mirror: every post framed by the blog's name and age, counters and an end mark. */
function tumblrDump(): string {
  const header = (months: number) => `河岸手记 · ${months} months`;
  const footer = (notes: number) => [`${notes} notes`, '——————End——————'];
  const empty = (months: number, kind: 'photo' | 'link' | 'bare') => [header(months), ...(kind === 'photo' ? ['Tumblr media', 'Tumblr media'] : kind === 'link' ? ['Link'] : []), '', ...footer(0)];
  const posts = [
    ...empty(1, 'photo'),
    ...empty(1, 'link'),
    header(2),
    'Link',
    '旧书摊的下午',
    '周末去了城南的旧书摊，摊主是个戴草帽的老人，书用麻绳捆成一摞一摞。',
    'Tumblr media',
    '我挑了一本没有封面的诗集，他只收了我三块钱。',
    ...footer(3),
    ...empty(2, 'bare'),
    ...empty(3, 'photo'),
    ...empty(3, 'photo'),
    header(4),
    '作者 | 沈照溪',
    '夜班公交',
    '最后一班公交车上只有我和司机，他把收音机开得很小声。',
    '到终点站的时候，他说明天见，好像我们认识很久了。',
    ...footer(12),
    ...empty(5, 'link'),
    ...empty(5, 'bare'),
    ...empty(6, 'photo'),
    ...empty(7, 'link'),
    header(8),
    '晾衣绳',
    '楼顶的晾衣绳上挂满了床单，风一吹，像一排白色的帆。',
    ...footer(1),
    ...empty(9, 'photo'),
    ...empty(10, 'bare'),
    ...empty(11, 'link'),
  ];
  return `${posts.join('\n')}\n`;
}

describe('post frames: line shapes', () => {
  test('numbers, relative times and dates are the variable parts', () => {
    assert.deepEqual(lineShape('河岸手记 · 2 months'), { key: '河岸手记 · ‹rel›', relative: true, variable: true });
    assert.equal(lineShape('河岸手记 · 3 天前').key, '河岸手记 · ‹rel›');
    assert.equal(lineShape('12 notes').key, '‹n› notes');
    assert.equal(lineShape('发布于 2019-04-01 12:30').key, '发布于 ‹date› ‹date›');
    assert.equal(lineShape('2019年4月1日 晴').relative, false);
  });
});

describe('post frames: a Tumblr-style mirror', () => {
  test('three real posts among twelve empty ones are three articles, without a frame line', () => {
    const articles = parseTextArticles(tumblrDump(), undefined, options);
    assert.equal(articles.length, 3);
    assert.deepEqual(articles.map((article) => paragraphs(article.tree)[0]), ['旧书摊的下午', '作者 | 沈照溪', '晾衣绳']);
    assert.deepEqual(articles.map((article) => article.piece), [1, 2, 3]);
    for (const article of articles) {
      const text = toString(article.tree);
      for (const chrome of ['河岸手记', 'notes', 'Link', 'Tumblr media', 'End']) assert.ok(!text.includes(chrome), `${chrome} in ${text}`);
    }
    assert.deepEqual(paragraphs(articles[0]!.tree), ['旧书摊的下午', '周末去了城南的旧书摊，摊主是个戴草帽的老人，书用麻绳捆成一摞一摞。', '我挑了一本没有封面的诗集，他只收了我三块钱。']);
  });

  test('the report says what was recognised and how many empty posts were dropped', () => {
    const [first] = parseTextArticles(tumblrDump(), undefined, options);
    const note = first!.notes[0]!.message;
    assert.match(note, /^blog dump: recognised 3 posts by their frames; removed \d+ frame lines \(/);
    assert.match(note, /“河岸手记 · …” ×15/);
    assert.match(note, /“——————End——————” ×15/);
    assert.match(note, /; 12 empty posts dropped$/);
  });

  test('positions still point at the file lines', () => {
    const text = tumblrDump();
    const [first] = parseTextArticles(text, undefined, options);
    const line = first!.tree.children[0]!.position!.start.line;
    assert.equal(text.split('\n')[line - 1], '旧书摊的下午');
  });

  test('with text.split the separator decides the posts, and the frame lines still go', () => {
    const dump = tumblrDump().replace(/^——————End——————$/gm, '——————End——————\n%%%');
    const articles = parseTextArticles(dump, undefined, { ...options, split: /^%%%$/ });
    assert.equal(articles.length, 3);
    assert.ok(articles.every((article) => !toString(article.tree).includes('notes')));
    assert.doesNotMatch(articles[0]!.notes[0]!.message, /recognised/);
  });

  test('split: false keeps the file one article', () => {
    assert.equal(parseTextArticles(tumblrDump(), undefined, { ...options, split: false }).length, 1);
  });
});

describe('post frames: a WeChat-style export', () => {
  const post = (title: string, body: string[], reads: number) => ['点击上方蓝字关注我们', title, `原创 林晚 灯下集 2024年3月${reads % 28}日`, ...body, '阅读原文', `阅读 ${reads}`, `在看 ${reads % 17}`, ''];
  const dump = [
    ...post('一盏灯', ['书房的灯是父亲留下的，铜座已经发黑了。', '每到冬天，我还是喜欢在它下面读书。'], 1203),
    ...post('雨天的信', ['雨下了一整天，邮递员送来一封没有署名的信。'], 2871),
    ...post('第三个春天', ['搬到这座城市的第三个春天，我终于记住了每条街的名字。'], 955),
  ].join('\n');

  test('each article is cut where its frame stands; the header line is left for the credits plugin', () => {
    const articles = parseTextArticles(dump, undefined, options);
    assert.deepEqual(articles.map((article) => paragraphs(article.tree).slice(0, 2)), [
      ['一盏灯', '原创 林晚 灯下集 2024年3月27日'],
      ['雨天的信', '原创 林晚 灯下集 2024年3月15日'],
      ['第三个春天', '原创 林晚 灯下集 2024年3月3日'],
    ]);
    assert.ok(articles.every((article) => !/阅读|在看|关注/.test(toString(article.tree))));
  });
});

describe('post frames: ordinary text is left alone', () => {
  test('a diary with a recurring weather line stays one article, every line kept', () => {
    const diary = ['四月的日记', ...[1, 2, 3, 4, 5].flatMap((day) => [`4月${day}日 晴`, `今天去河边走了一圈，看见第${day}只白鹭。`])].join('\n');
    assert.equal(findPostFrames(lines(diary), defaultStripPatterns()), undefined);
    const [article] = parseTextArticles(diary, undefined, options);
    assert.equal(article!.tree.children.length, 11);
  });

  test('a diary whose dates stand beside one counter line is not split either', () => {
    const diary = ['四月的日记', '阅读 12', ...[1, 2, 3, 4].flatMap((day) => [`2024-04-0${day} · 晴`, `第${day}天，天气很好。`])].join('\n');
    assert.equal(parseTextArticles(diary, undefined, options).length, 1);
  });

  test('a poem with a refrain stays one article', () => {
    const poem = ['河', '河水向东流', '我在岸上等', '河水向东流', '船还没有来', '河水向东流', '天已经黑了', '河水向东流'].join('\n');
    assert.equal(findPostFrames(lines(poem), defaultStripPatterns()), undefined);
    assert.equal(parseTextArticles(poem, undefined, options).length, 1);
  });

  test('one article with chrome in it (once each) is not a dump: chrome removal takes care of it later', () => {
    const text = ['补鞋的老陈', '我们巷口有个补鞋的老陈。', '0 notes', 'Link', '他的工具全装在一只旧木箱里。', '阅读原文', '点击上方蓝字关注我们', '他回来那天，好几个人去看他。'].join('\n');
    const [article, ...rest] = parseTextArticles(text, undefined, options);
    assert.equal(rest.length, 0);
    assert.equal(article!.tree.children.length, 8, 'nothing removed here');
  });

  test('inline chrome recurring in one article (Link, media placeholders) never cuts it', () => {
    const text = ['三个链接', '第一个链接：', 'Link', '第二个链接：', 'Link', '第三个链接：', 'Link', '[图片]', '完。'].join('\n');
    assert.equal(parseTextArticles(text, undefined, options).length, 1);
  });

  test('two posts with only a footer each are not enough to call a file a dump', () => {
    const text = ['第一篇', '正文一。', '阅读原文', '第二篇', '正文二。', '阅读原文'].join('\n');
    assert.equal(parseTextArticles(text, undefined, options).length, 1);
  });
});

describe('a post’s own front matter', () => {
  const dump = ['---', 'author: 某博主', '---', '---', 'title: 真正的标题', 'author: 客座作者', 'colour: blue', '---', '第一行。', '===', '第二篇', '正文二。', '===', '---', 'title: [broken', '---', '正文三。'].join('\n');

  test('its keys win over the file’s; warnings and errors point at the file’s lines', () => {
    const file = { meta: { authors: ['某博主'] }, lineCount: 3, length: '---\nauthor: 某博主\n---\n'.length, warnings: [] };
    const articles = parseTextArticles(dump, file, { ...options, split: /^={3,}$/ });
    assert.equal(articles.length, 3);
    assert.deepEqual([articles[0]!.meta.title, articles[0]!.meta.authors], ['真正的标题', ['客座作者']]);
    assert.deepEqual(paragraphs(articles[0]!.tree), ['第一行。']);
    assert.deepEqual([articles[1]!.meta.title, articles[1]!.meta.authors], [undefined, ['某博主']]);
    const warning = articles[0]!.notes.find((note) => note.ruleId === 'front-matter-key')!;
    assert.equal(warning.severity, 'warning');
    assert.equal(dump.split('\n')[warning.line! - 1], 'colour: blue');
    const error = articles[2]!.notes.find((note) => note.severity === 'error')!;
    assert.equal(error.ruleId, 'front-matter');
    assert.ok(error.line! >= 14 && error.line! <= 16, `line ${error.line}`);
    assert.deepEqual(paragraphs(articles[2]!.tree), ['正文三。'], 'the broken block is left out of the text');
  });
});
