import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { toString } from 'hast-util-to-string';
import rehypeTakeTitle, { deriveTitle, isTitleLike } from '../../src/normalize/plugins/rehype-take-title.js';
import { runPlugins } from '../helpers/run-plugin.js';

async function take(html: string) {
  const { tree, file } = await runPlugins(html, [[rehypeTakeTitle]]);
  return { text: toString(tree), taken: file.data.takenTitle };
}

describe('rehype-take-title', () => {
  test('a short first line is the title and leaves the text', async () => {
    const { text, taken } = await take('<p>晾衣绳</p><p>楼顶的晾衣绳上挂满了床单。</p>');
    assert.equal(text, '楼顶的晾衣绳上挂满了床单。');
    assert.deepEqual([taken?.title, taken?.from], ['晾衣绳', 'line']);
  });

  test('a first heading is the title; `# ` written in plain text goes', async () => {
    assert.equal((await take('<h2>一、河岸</h2><p>正文。</p>')).taken?.title, '一、河岸');
    assert.equal((await take('<p># 河岸</p><p>正文。</p>')).taken?.title, '河岸');
  });

  test('a paragraph is not a title: the title is derived from it, and it stays in the text', async () => {
    const paragraph = '那天我在河边坐了很久，看着对岸的灯一盏一盏亮起来，直到最后一班渡船开走，才想起来还没有吃晚饭。后来的事情就不记得了。';
    const { text, taken } = await take(`<p>${paragraph}</p><p>第二段。</p>`);
    assert.equal(text, `${paragraph}第二段。`);
    assert.equal(taken?.from, 'derived');
    assert.ok([...taken!.title].length <= 40, taken!.title);
    assert.equal(taken!.title, '那天我在河边坐了很久…', 'a long first sentence gives its first clause');
    assert.equal(taken!.line, paragraph);
  });

  test('a pull quote is not a title either; the derived title loses the orphaned quote mark', async () => {
    const { taken } = await take('<p>“我从来没有想过要离开这里。”</p><p>他说这话的时候，正在修一条船。</p>');
    assert.deepEqual([taken?.title, taken?.from], ['我从来没有想过要离开这里', 'derived']);
  });

  test('an image first, or nothing at all: no title', async () => {
    assert.equal((await take('<p><img src="a.png" alt="">图</p><p>正文。</p>')).taken, undefined);
    assert.equal((await take('')).taken, undefined);
  });
});

describe('title-like lines', () => {
  for (const line of ['旧书摊的下午', '等待……', '你还记得那条河吗？', '一、河岸', 'A Note on the Ferry', '2024年4月1日', '“门房”的故事']) {
    test(`"${line}" is a title`, () => assert.ok(isTitleLike(line)));
  }
  for (const line of ['周末去了城南的旧书摊。', '他说：', '我到了。你呢', 'It was late. We left', '---', '那天我在河边坐了很久，看着对岸的灯一盏一盏亮起来，直到最后一班渡船开走']) {
    test(`"${line}" is not`, () => assert.ok(!isTitleLike(line)));
  }
  test('derived titles: a short first sentence, else its first clause, else a cut; never over 40 characters', () => {
    assert.equal(deriveTitle('周末去了城南的旧书摊。摊主是个老人。'), '周末去了城南的旧书摊');
    assert.equal(deriveTitle('I went to the market. It was closed.'), 'I went to the market');
    assert.equal(deriveTitle('那天在旧货市场看到一台收音机，调到哪个台都是同一首歌。'), '那天在旧货市场看到一台收音机…');
    assert.equal(deriveTitle('The radio in the market played the same song on every station, whatever you did.'), 'The radio in the market played the…');
    assert.equal(deriveTitle('一'.repeat(100)), `${'一'.repeat(23)}…`);
    for (const text of ['一'.repeat(100), `${'一'.repeat(60)}，二`, 'a'.repeat(300), `${'word '.repeat(40)}.`]) assert.ok([...deriveTitle(text)!].length <= 40, text);
    assert.equal(deriveTitle('……'), undefined);
  });
});
