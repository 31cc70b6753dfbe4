import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { toString } from 'hast-util-to-string';
import { parseCreditLine } from '../../src/normalize/credit-lines.js';
import rehypeLiftCredits from '../../src/normalize/plugins/rehype-lift-credits.js';
import { runPlugins } from '../helpers/run-plugin.js';

const roles = (line: string) => parseCreditLine(line)?.entries.map((entry) => `${entry.role}:${entry.names.join('+')}`);

describe('credit lines', () => {
  const cases: [string, string[]][] = [
    ['作者 | 沈照溪', ['author:沈照溪']],
    ['作者｜沈照溪', ['author:沈照溪']],
    ['文｜林晚', ['author:林晚']],
    ['文／何苇　图／陈一帆', ['author:何苇', 'staff:陈一帆']],
    ['文 / 周小河', ['author:周小河']],
    ['文丨周小河', ['author:周小河']],
    ['撰文：李青禾', ['author:李青禾']],
    ['记者 王五 赵六', ['author:王五+赵六']],
    ['本报记者 王五 实习生 赵六', ['author:王五', 'author:赵六']],
    ['出品 | 河岸周刊', ['source:河岸周刊']],
    ['编辑 | 苏晴', ['staff:苏晴']],
    ['来源：河岸日报', ['source:河岸日报']],
    ['原标题：关于一座城的记忆', ['original-title:关于一座城的记忆']],
    ['作者：张三、李四', ['author:张三+李四']],
    ['作者：张三，李四', ['author:张三+李四']],
    ['作者：张三/李四', ['author:张三+李四']],
    ['（编辑：苏晴）', ['staff:苏晴']],
    ['作者：张三 编辑：李四', ['author:张三', 'staff:李四']],
    ['作者：张三编辑：李四', ['author:张三', 'staff:李四']],
    ['文/图：周小河', ['author:周小河']],
    ['采访、整理 | 林晚', ['author:林晚']],
    ['翻译：陈默', ['translator:陈默']],
    ['作者：Jane Doe', ['author:Jane Doe']],
    // Traditional and Japanese forms
    ['作者：沈照溪', ['author:沈照溪']],
    ['來源：河岸日報', ['source:河岸日報']],
    ['出處：舊書店', ['source:舊書店']],
    ['記者 王五', ['author:王五']],
    ['編輯：蘇晴', ['staff:蘇晴']],
    ['原題：春の雪', ['original-title:春の雪']],
    ['文・写真：山田花子', ['author:山田花子']],
    ['取材・文：佐藤', ['author:佐藤']],
    ['原创 林晚 灯下集', ['author:林晚', 'source:灯下集']],
  ];
  for (const [line, expected] of cases) test(`"${line}"`, () => assert.deepEqual(roles(line), expected));

  test('Japanese credits keep the space inside a name; Chinese ones split on it', () => {
    const japanese = (line: string) => parseCreditLine(line, { japanese: true })?.entries.map((entry) => `${entry.role}:${entry.names.join('+')}`);
    assert.deepEqual(japanese('文・写真：佐藤 美咲'), ['author:佐藤 美咲']);
    assert.deepEqual(japanese('取材・文：佐藤 美咲、鈴木 一郎'), ['author:佐藤 美咲+鈴木 一郎']);
    assert.deepEqual(roles('记者 王五 赵六'), ['author:王五+赵六']);
  });

  test('a date on the line is read', () => {
    assert.equal(parseCreditLine('原创 林晚 灯下集 2024年3月7日')?.date, '2024-03-07');
    assert.equal(parseCreditLine('文｜林晚 2024-05-01 08:30')?.date, '2024-05-01');
  });

  const sentences = ['作者说，他不回来了', '作者：他说的那件事我记得', '记者：你好', '记者：为什么回来', '文中提到的那座桥', '文 化', '来源不明的一封信', '编辑部的灯一直亮着。', '作者 | 沈照溪在河边住了三十年，写了很多关于河的文章，这一篇是其中最短的。'];
  for (const line of sentences) test(`never a sentence: "${line}"`, () => assert.equal(parseCreditLine(line), undefined));
});

async function lift(html: string) {
  const { tree, file } = await runPlugins(html, [[rehypeLiftCredits]]);
  return { text: toString(tree), credits: file.data.credits!, file };
}

describe('rehype-lift-credits', () => {
  test('credit lines at the start go into the metadata; editors and original titles go, unrecorded', async () => {
    const { text, credits, file } = await lift('<p>夜班公交</p><p>文｜沈照溪</p><p>编辑｜苏晴</p><p>原标题：末班车</p><p>最后一班公交车上只有我和司机。</p><p>他说明天见。</p>');
    assert.equal(text, '夜班公交最后一班公交车上只有我和司机。他说明天见。');
    assert.deepEqual(credits, { authors: ['沈照溪'], translators: [], sources: [] });
    assert.equal(file.messages.length, 3);
    assert.match(file.messages[0]!.reason, /^credit line taken into the article's metadata: "文｜沈照溪" \(文 → author: 沈照溪\)$/);
    assert.match(file.messages[1]!.reason, /编辑 → not printed: 苏晴/);
    assert.equal(file.messages[0]!.ruleId, 'credits');
  });

  test('and at the very end (source, translator)', async () => {
    const { text, credits } = await lift('<p>一段。</p><p>二段。</p><p>三段。</p><p>四段。</p><p>五段。</p><p>六段。</p><p>翻译：陈默</p><p>（来源：河岸日报）</p>');
    assert.equal(text, '一段。二段。三段。四段。五段。六段。');
    assert.deepEqual(credits, { authors: [], translators: ['陈默'], sources: ['河岸日报'] });
  });

  test('never in the middle of a long article, never a sentence, never `来源：网络`', async () => {
    const middle = ['<p>一。</p>', '<p>二。</p>', '<p>三。</p>', '<p>四。</p>', '<p>五。</p>', '<p>作者：沈照溪</p>', '<p>六。</p>', '<p>七。</p>', '<p>八。</p>', '<p>九。</p>'].join('');
    assert.match((await lift(middle)).text, /作者：沈照溪/);
    assert.match((await lift('<p>作者说，他不回来了。</p><p>正文。</p>')).text, /^作者说/);
    const { text, credits } = await lift('<p>来源：网络</p><p>正文。</p>');
    assert.equal(text, '正文。');
    assert.deepEqual(credits.sources, []);
  });

  test('inside the wrappers a saved page puts around its paragraphs; lines inside a list or a quote stay', async () => {
    const { text, credits } = await lift('<div><div><p>记者 王五</p><p>正文。</p></div></div>');
    assert.equal(text, '正文。');
    assert.deepEqual(credits.authors, ['王五']);
    assert.match((await lift('<ul><li>作者：某甲</li></ul><p>正文。</p>')).text, /作者：某甲/);
    assert.match((await lift('<blockquote><p>作者：某甲</p></blockquote><p>正文。</p>')).text, /作者：某甲/);
  });
});

describe('rehype-lift-credits in a Japanese article', () => {
  test('an article with kana reads its credit line as Japanese: one name with its space', async () => {
    const { credits, text } = await lift('<p>文・写真：佐藤 美咲</p><p>坂の上に小さな郵便局がある。局長さんは一人で切手も小包も扱っている。</p>');
    assert.deepEqual(credits.authors, ['佐藤 美咲']);
    assert.doesNotMatch(text, /佐藤/);
  });
});
