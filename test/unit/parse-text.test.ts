import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { VFile } from 'vfile';
import { parseArticles } from '../../src/content/parse.js';
import { parseTextArticles, type TextOptions } from '../../src/content/parse-text.js';

const auto: TextOptions = { paragraphs: 'auto', headings: false };

function blocks(tree: Root): [string, string][] {
  return tree.children.map((node) => [(node as Element).tagName, toString(node)]);
}

describe('plain text: paragraphs', () => {
  test('one paragraph per line (text copied from apps); the first line is left for normalization to take as the title', () => {
    const [article] = parseTextArticles('夜航船\n　　第一段，写船。\n第二段，写河。\n\n第三段，写岸。\n', undefined, auto);
    assert.equal(article!.meta.title, undefined);
    assert.deepEqual(blocks(article!.tree), [['p', '夜航船'], ['p', '第一段，写船。'], ['p', '第二段，写河。'], ['p', '第三段，写岸。']]);
  });

  test('blank-line paragraphs with hard-wrapped lines are joined (line breaks kept for the CJK join rule)', () => {
    const text = 'Title\n\nThe river was low that winter and the boats\nlay on the bank like sleeping animals.\n\n冬天河水退了，船都拖上了岸，一条挨\n着一条。\n';
    const [article] = parseTextArticles(text, undefined, auto);
    assert.deepEqual(blocks(article!.tree), [
      ['p', 'Title'],
      ['p', 'The river was low that winter and the boats\nlay on the bank like sleeping animals.'],
      ['p', '冬天河水退了，船都拖上了岸，一条挨\n着一条。'],
    ]);
    assert.match(article!.notes[0]!.message, /separated by blank lines/);
  });

  test('indented first lines mark paragraphs in wrapped text without blank lines', () => {
    const text = '标题\n　　冬天河水退了，船都拖上了岸，一条挨\n着一条，像晒太阳的乌龟，老师傅一条\n条地看过去\n　　补船要先刮掉旧油，再刷新油，一\n条船要刷七遍才算完\n';
    const [article] = parseTextArticles(text, undefined, auto);
    assert.equal(article!.tree.children.length, 3, 'the title line and two paragraphs');
    assert.match(article!.notes[0]!.message, /indented first lines/);
  });

  test('the mode can be forced', () => {
    const [article] = parseTextArticles('T\na\nb\n\nc\n', undefined, { paragraphs: 'blank', headings: false });
    assert.deepEqual(blocks(article!.tree), [['p', 'T'], ['p', 'a\nb'], ['p', 'c']]);
  });

  test('positions are file lines, after front matter', async () => {
    const file = new VFile({ path: 'content/a.txt', value: '---\nauthor: 甲\n---\n标题\n第一段。\n' });
    file.data.format = 'text';
    file.data.contentPath = 'a.txt';
    const [article] = await parseArticles(file, { language: 'zh-Hans' });
    assert.deepEqual(article!.meta.authors, ['甲']);
    assert.equal(article!.tree.children[0]!.position?.start.line, 4);
    assert.equal(article!.tree.children[1]!.position?.start.line, 5);
    assert.equal(article!.titleFrom, 'text');
  });
});

describe('plain text: several posts in one file', () => {
  const dump = '---\nauthor: 某博主\n---\n第一篇\n正文一。\n===\n第二篇\n正文二。\n\n=====\n\n第三篇\n正文三。\n';

  test('a separator line splits posts; empty pieces are dropped; posts are numbered', () => {
    const articles = parseTextArticles('第一篇\n正文一。\n===\n\n===\n第二篇\n\n正文二。\n', undefined, { ...auto, split: /^={3,}$/ });
    assert.deepEqual(articles.map((a) => toString(a.tree.children[0]!)), ['第一篇', '第二篇']);
    assert.deepEqual(articles.map((a) => a.piece), [1, 2]);
  });

  test('through parseArticles, with front matter', async () => {
    const file = new VFile({ path: 'content/posts.txt', value: dump });
    file.data.format = 'text';
    file.data.contentPath = 'posts.txt';
    const articles = await parseArticles(file, { language: 'zh-Hans', text: { ...auto, split: /^={3,}$/ } });
    assert.deepEqual(articles.map((a) => a.meta.title), [undefined, undefined, undefined]);
    assert.deepEqual(articles.map((a) => a.meta.authors), [['某博主'], ['某博主'], ['某博主']]);
    assert.deepEqual(articles.map((a) => toString(a.tree)), ['第一篇正文一。', '第二篇正文二。', '第三篇正文三。']);
    assert.deepEqual(articles.map((a) => [a.piece, a.titleFrom]), [[1, 'text'], [2, 'text'], [3, 'text']]);
  });

  test('parseArticle (one article) ignores split', async () => {
    const file = new VFile({ path: 'content/posts.txt', value: '第一篇\n正文一。\n===\n第二篇\n' });
    file.data.format = 'text';
    file.data.contentPath = 'posts.txt';
    const articles = await parseArticles(file, { language: 'zh-Hans' });
    assert.equal(articles.length, 1);
  });
});

describe('plain text: section titles (opt-in)', () => {
  const text = '标题\n这是开头的一段，交代了故事发生的时间和地点，也介绍了主要的人物。\n一、河岸\n冬天河水退了，船都拖上了岸，一条挨着一条，像晒太阳的乌龟。\n夜里\n夜里起了风，棚子上的铁皮哗哗地响，老师傅披上衣服出去看了一回。\n买菜\n买肉\n最后一段。\n';

  test('short standalone lines and numbered lines become h2 when asked', () => {
    const [article] = parseTextArticles(text, undefined, { ...auto, headings: true });
    const tags = blocks(article!.tree).filter(([tag]) => tag === 'h2').map(([, value]) => value);
    assert.deepEqual(tags, ['标题', '一、河岸', '夜里'], 'the title line too: normalization takes a first heading as the title');
  });

  test('never without opting in', () => {
    const [article] = parseTextArticles(text, undefined, auto);
    assert.ok(blocks(article!.tree).every(([tag]) => tag === 'p'));
  });
});
