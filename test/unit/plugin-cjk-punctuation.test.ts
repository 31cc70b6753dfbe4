import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import rehypeCjkPunctuation from '../../src/normalize/plugins/rehype-cjk-punctuation.js';
import { runPlugins } from '../helpers/run-plugin.js';

/** Runs the plugin on `<p>inner</p>` and returns the paragraph's inner XML. */
async function punctuate(inner: string): Promise<string> {
  const { xml } = await runPlugins(`<p>${inner}</p>`, [[rehypeCjkPunctuation]]);
  return xml.replace(/ xmlns="[^"]+"/g, '').replace(/^<p>|<\/p>$/g, '');
}

describe('rehype-cjk-punctuation: ASCII marks in CJK sentences', () => {
  test('commas, colons, semicolons, ! and ? next to CJK become full-width', async () => {
    assert.equal(await punctuate('他说,这没有意义'), '他说，这没有意义');
    assert.equal(await punctuate('原因有二:其一;其二'), '原因有二：其一；其二');
    assert.equal(await punctuate('真的吗?我不信!'), '真的吗？我不信！');
  });

  test('a run of marks converts as a group', async () => {
    assert.equal(await punctuate('真的吗?!太好了!!!'), '真的吗？！太好了！！！');
  });

  test('a full stop that ends a CJK sentence becomes 。, also after a closing quote', async () => {
    assert.equal(await punctuate('他来了.'), '他来了。');
    assert.equal(await punctuate('他来了.然后走了.'), '他来了。然后走了。');
    assert.equal(await punctuate('他说“好”.'), '他说“好”。');
  });

  test('spaces typed around a converted mark go', async () => {
    assert.equal(await punctuate('他说 , 这 ; 那 !'), '他说，这；那！');
    assert.equal(await punctuate('他来了. 然后'), '他来了。然后');
  });

  test('a mark after a Latin word converts when CJK follows it directly', async () => {
    assert.equal(await punctuate('我买了iPhone,然后回家'), '我买了iPhone，然后回家');
  });

  test('balanced brackets next to CJK become （）, both or neither', async () => {
    assert.equal(await punctuate('见附录(第3章)'), '见附录（第3章）');
    assert.equal(await punctuate('中文(English)中文'), '中文（English）中文');
    assert.equal(await punctuate('见(第3章'), '见(第3章');
  });

  test('context is read across inline elements', async () => {
    assert.equal(await punctuate('用<em>Kindle</em>,读书'), '用<em>Kindle</em>，读书');
    assert.equal(await punctuate('<strong>他说</strong>,好'), '<strong>他说</strong>，好');
  });
});

describe('rehype-cjk-punctuation: what keeps ASCII', () => {
  test('numbers: thousands, decimals, times, ratios', async () => {
    assert.equal(await punctuate('共1,000元,折扣3.5折'), '共1,000元，折扣3.5折');
    assert.equal(await punctuate('下午3:30见'), '下午3:30见');
    assert.equal(await punctuate('比例1:2'), '比例1:2');
  });

  test('Latin phrases inside CJK text', async () => {
    assert.equal(await punctuate('他们说的是apple,banana'), '他们说的是apple,banana');
    assert.equal(await punctuate('他说: "This is fine, really." 然后'), '他说："This is fine, really." 然后');
    assert.equal(await punctuate('"Hello," 他说'), '"Hello," 他说');
    assert.equal(await punctuate('f(x) = 2'), 'f(x) = 2');
    assert.equal(await punctuate('版本v2.0发布'), '版本v2.0发布');
  });

  test('addresses keep their punctuation', async () => {
    assert.equal(await punctuate('访问https://example.com/a,b?c=1了解'), '访问https://example.com/a,b?c=1了解');
    assert.equal(await punctuate('写信到someone@example.org,谢谢'), '写信到someone@example.org，谢谢');
    assert.equal(await punctuate('官网example.com上有'), '官网example.com上有');
  });

  test('emoticons are not colons', async () => {
    assert.equal(await punctuate('哈哈:)'), '哈哈:)');
  });

  test('code, pre and Latin-language elements are never changed', async () => {
    assert.equal(await punctuate('运行<code>a,b</code>,然后'), '运行<code>a,b</code>，然后');
    assert.equal(await punctuate('引文<span lang="en">yes, no.</span>,好'), '引文<span lang="en">yes, no.</span>，好');
    const { xml } = await runPlugins('<pre>中文,中文.</pre>', [[rehypeCjkPunctuation]]);
    assert.match(xml, /中文,中文\./);
  });

  test('a Latin paragraph is left alone', async () => {
    assert.equal(await punctuate('Hello, world. Is it (really) fine? Yes!'), 'Hello, world. Is it (really) fine? Yes!');
  });

  test('paragraphs are separate contexts', async () => {
    const { xml } = await runPlugins('<p>Hello,</p><p>世界</p>', [[rehypeCjkPunctuation]]);
    assert.match(xml, /Hello,<\/p>/);
  });
});

describe('rehype-cjk-punctuation: idempotence', () => {
  test('running twice changes nothing more', async () => {
    for (const input of ['中文(a)(b),c', '他说,"好".', '真的吗?!', '中文(a),b', '见(第3章)(附录)']) {
      const once = await punctuate(input);
      assert.equal(await punctuate(once), once, input);
    }
  });
});

describe('rehype-cjk-punctuation: faces and list markers', () => {
  test('a colon before a numbered item is a colon, not a face', async () => {
    assert.equal(await punctuate('原因如下:(1)太远;(2)太贵'), '原因如下：（1）太远；（2）太贵');
  });
});
