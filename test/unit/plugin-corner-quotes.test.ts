import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import rehypeCornerQuotes, { cornerQuoteStyle } from '../../src/transforms/plugins/rehype-corner-quotes.js';
import { runPlugins } from '../helpers/run-plugin.js';

async function quotes(html: string): Promise<string> {
  const { xml } = await runPlugins(html, [[rehypeCornerQuotes]]);
  return xml.replace(/ xmlns="[^"]+"/g, '');
}

/** Runs the plugin on `<p>inner</p>` and returns the paragraph's inner XML. */
async function quotesP(inner: string): Promise<string> {
  const xml = await quotes(`<p>${inner}</p>`);
  return xml.replace(/^<p>|<\/p>$/g, '');
}

async function unchanged(html: string): Promise<void> {
  assert.equal(await quotes(html), html, `expected the quotes in ${html} to be kept`);
}

describe('rehype-corner-quotes: the locale decides the nesting', () => {
  test('white-outer (mainland, GB/T 15834—2011): “” → 『』, ‘’ → 「」', async () => {
    const { xml } = await runPlugins('<p>她问：“你听过‘狼来了’吗？”</p>', [[rehypeCornerQuotes, { style: 'white-outer' }]]);
    assert.match(xml, /她问：『你听过「狼来了」吗？』/);
  });

  test('the style of a language tag: mainland by region, else by script', () => {
    for (const tag of ['zh', 'zh-Hans', 'zh-CN', 'zh-Hans-CN', 'zh-SG', 'zh-Hant-CN', 'cmn']) assert.equal(cornerQuoteStyle(tag), 'white-outer', tag);
    for (const tag of ['zh-Hant', 'zh-TW', 'zh-Hant-TW', 'zh-HK', 'zh-Hans-HK', 'zh-MO', 'yue', 'ja', 'ja-JP']) assert.equal(cornerQuoteStyle(tag), 'white-inner', tag);
  });
});

describe('rehype-corner-quotes: CJK quotations', () => {
  test('double quotes become corner brackets', async () => {
    assert.equal(await quotesP('他说：“你好。”'), '他说：「你好。」');
    assert.equal(await quotesP('“好”'), '「好」');
  });

  test('single quotes become double corner brackets', async () => {
    assert.equal(await quotesP('所谓‘文集’就是'), '所谓『文集』就是');
  });

  test('nested quotes: outer “” → 「」, inner ‘’ → 『』', async () => {
    assert.equal(await quotesP('“他说‘好’。”'), '「他说『好』。」');
    assert.equal(await quotesP('她问：“你听过‘狼来了’吗？”'), '她问：「你听过『狼来了』吗？」');
  });

  test('several quotations in one paragraph are all converted', async () => {
    assert.equal(await quotesP('“一”和“二”，还有‘三’'), '「一」和「二」，还有『三』');
  });

  test('Japanese text is CJK too', async () => {
    assert.equal(await quotesP('彼は“こんにちは”と言った'), '彼は「こんにちは」と言った');
  });

  test('quoted English inside a Chinese sentence is converted, both sides alike', async () => {
    assert.equal(await quotesP('他说“OK”。'), '他说「OK」。');
    assert.equal(await quotesP('他写了“The quick brown fox”这句话'), '他写了「The quick brown fox」这句话');
  });

  test('an opening and its closing quote convert together, even when only one side touches CJK', async () => {
    assert.equal(await quotesP('他说：“I love you”'), '他说：「I love you」');
    assert.equal(await quotesP('“I love you”，他说'), '「I love you」，他说');
    assert.equal(await quotesP('他说：‘I love you’'), '他说：『I love you』');
  });

  test('a quotation that runs over paragraphs (opened in each, closed in the last) is converted', async () => {
    assert.equal(await quotes('<p>“第一段。</p><p>“第二段。”</p>'), '<p>「第一段。</p><p>「第二段。」</p>');
  });

  test('quotes with no quote marks around are left as they are', async () => {
    await unchanged('<p>没有引号的中文。</p>');
  });
});

describe('rehype-corner-quotes: across element boundaries', () => {
  test('quotes outside an inline element see the CJK inside it', async () => {
    assert.equal(await quotesP('“<em>中文</em>”'), '「<em>中文</em>」');
    assert.equal(await quotesP('“<a href="#x">长长的链接文字</a>”'), '「<a href="#x">长长的链接文字</a>」');
    assert.equal(await quotesP('“<em><b>中</b></em>”'), '「<em><b>中</b></em>」');
  });

  test('quotes inside an inline element see the CJK outside it', async () => {
    assert.equal(await quotesP('他说<em>“</em>好<em>”</em>'), '他说<em>「</em>好<em>」</em>');
    assert.equal(await quotesP('<em>“OK”</em>他说'), '<em>「OK」</em>他说');
  });

  test('quote characters are not taken for CJK context', async () => {
    assert.equal(await quotesP('“<b>“</b>中”'), '「<b>「</b>中」');
  });
});

describe('rehype-corner-quotes: Latin text', () => {
  test('an apostrophe inside an English word is kept', async () => {
    assert.equal(await quotesP('他说don’t怎么办'), '他说don’t怎么办');
    assert.equal(await quotesP('他说“<em>don’t</em>”吧'), '他说「<em>don’t</em>」吧');
    assert.equal(await quotesP('奥尼尔（O’Neill）说'), '奥尼尔（O’Neill）说');
  });

  test('an English sentence with curly quotes in a CJK paragraph is kept when no CJK is near', async () => {
    assert.equal(await quotesP('中文段落。He said “hello world” to me.'), '中文段落。He said “hello world” to me.');
    assert.equal(await quotesP('Rock ’n’ roll 是一种音乐'), 'Rock ’n’ roll 是一种音乐');
  });

  test('an English paragraph next to a Chinese one is kept: context never crosses blocks', async () => {
    assert.equal(await quotes('<p>中文</p><p>“English”</p>'), '<p>中文</p><p>“English”</p>');
    assert.equal(await quotes('<p>“中文”</p><p>“English”</p>'), '<p>「中文」</p><p>“English”</p>');
    assert.equal(await quotes('<p>He said “hi”</p><p>中</p>'), '<p>He said “hi”</p><p>中</p>');
    assert.equal(await quotes('<ul><li>“中”<ul><li>“English”</li></ul>“中”</li></ul>'), '<ul><li>「中」<ul><li>“English”</li></ul>「中」</li></ul>');
  });

  test('elements with a non-CJK lang are untouched', async () => {
    assert.equal(await quotesP('中文<span lang="en">“quoted”</span>中文'), '中文<span lang="en">“quoted”</span>中文');
    await unchanged('<p lang="en">中文“quoted”中文</p>');
    await unchanged('<blockquote lang="fr"><p>Il dit “中”</p></blockquote>');
  });

  test('elements with a CJK lang are converted', async () => {
    assert.equal(await quotes('<p lang="ja">“日本”</p>'), '<p lang="ja">「日本」</p>');
    assert.equal(await quotes('<p lang="zh-Hant">“中文”</p>'), '<p lang="zh-Hant">「中文」</p>');
  });

  test('CJK counts as near within three characters of a quote', async () => {
    assert.equal(await quotesP('中a “hi” a中'), '中a 「hi」 a中');
    assert.equal(await quotesP('中ab “hi” ba中'), '中ab “hi” ba中');
  });

  test('a paragraph with no CJK at all is kept', async () => {
    await unchanged('<p>“Hello,” she said, ‘quietly’.</p>');
  });
});

describe('rehype-corner-quotes: literal elements', () => {
  test('code, pre and kbd are untouched', async () => {
    assert.equal(await quotesP('中文<code>“x”</code>中文'), '中文<code>“x”</code>中文');
    await unchanged('<pre>他说“你好”</pre>');
    await unchanged('<pre><code>s = “中文”</code></pre>');
    assert.equal(await quotesP('按<kbd>“中”</kbd>键'), '按<kbd>“中”</kbd>键');
  });

  test('quotes around code see the CJK outside it', async () => {
    assert.equal(await quotesP('中文“<code>x</code>”中文'), '中文「<code>x</code>」中文');
  });
});

describe('rehype-corner-quotes: tree and messages', () => {
  test('only the quote characters change; elements and attributes are kept', async () => {
    const { tree, file } = await runPlugins('<p class="c" id="p1">他说：“<em title="t">好</em>”</p>', [[rehypeCornerQuotes]]);
    assert.deepEqual(file.messages, []);
    const p = tree.children[0];
    assert.ok(p?.type === 'element');
    assert.deepEqual(p.properties, { className: ['c'], id: 'p1' });
    assert.equal(p.children.length, 3);
    assert.equal(p.children[0]?.type === 'text' && p.children[0].value, '他说：「');
    const em = p.children[1];
    assert.ok(em?.type === 'element' && em.tagName === 'em');
    assert.deepEqual(em.properties, { title: 't' });
    assert.equal(p.children[2]?.type === 'text' && p.children[2].value, '」');
  });

  test('running twice gives the same result as once', async () => {
    const html = '<p>“他说‘好’。”中文段落。He said “hello”. don’t</p>';
    const once = await quotes(html);
    const { xml } = await runPlugins(html, [[rehypeCornerQuotes], [rehypeCornerQuotes]]);
    assert.equal(xml.replace(/ xmlns="[^"]+"/g, ''), once);
  });
});
