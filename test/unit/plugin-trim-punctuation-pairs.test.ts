import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import rehypeTrimPunctuationPairs, { type Options } from '../../src/transforms/plugins/rehype-trim-punctuation-pairs.js';
import { runPlugins } from '../helpers/run-plugin.js';

async function trim(html: string, options: Options = { language: 'zh-Hans' }): Promise<string> {
  const { xml } = await runPlugins(html, [[rehypeTrimPunctuationPairs, options]]);
  return xml.replace(/ xmlns="[^"]+"/g, '');
}

const end = (mark: string) => `<span class="trim-end">${mark}</span>`;
const start = (mark: string) => `<span class="trim-start">${mark}</span>`;

describe('rehype-trim-punctuation-pairs: the bracket trims text-spacing-trim misses', () => {
  test('a closing bracket before ：；！？ and an opening bracket after them are wrapped', async () => {
    assert.equal(await trim('<p>读《灯下》：很好。</p>'), `<p>读《灯下${end('》')}：很好。</p>`);
    assert.equal(await trim('<p>他问：「去吗？」</p>'), `<p>他问：${start('「')}去吗？」</p>`);
    assert.equal(await trim('<p>是《书》！真的？『好』</p>'), `<p>是《书${end('》')}！真的？${start('『')}好』</p>`);
    assert.equal(await trim('<p>见（图）；又见：（表）</p>'), `<p>见（图${end('）')}；又见：${start('（')}表）</p>`);
  });

  test('both sides of one mark: 》：「', async () => {
    assert.equal(await trim('<p>《书》：「好」</p>'), `<p>《书${end('》')}：${start('「')}好」</p>`);
  });

  test('pairs text-spacing-trim handles, and marks with no room, are left alone', async () => {
    for (const text of ['《书》，好。', '「好」。', '他说，「好」', '。」', '？」', '好：说', '」「', '——「', '」——']) {
      assert.equal(await trim(`<p>${text}</p>`), `<p>${text}</p>`, text);
    }
  });

  test('a pair split across inline elements is found; one split by a block is not', async () => {
    assert.equal(await trim('<p><a href="#x">《灯下》</a>：好</p>'), `<p><a href="#x">《灯下${end('》')}</a>：好</p>`);
    assert.equal(await trim('<p>问：<em>「好」</em></p>'), `<p>问：<em>${start('「')}好」</em></p>`);
    assert.equal(await trim('<div><p>《书》</p><p>：好</p></div>'), '<div><p>《书》</p><p>：好</p></div>');
  });

  test('code, ruby text, and text that keeps full-width punctuation are left alone', async () => {
    assert.equal(await trim('<p><code>f(x)：「</code></p>'), '<p><code>f(x)：「</code></p>');
    assert.equal(await trim('<p><ruby>书<rt>》：</rt></ruby></p>'), '<p><ruby>书<rt>》：</rt></ruby></p>');
    assert.equal(await trim('<p>《書》：好</p>', { language: 'zh-TW' }), '<p>《書》：好</p>');
    assert.equal(await trim('<p>《書》：好</p>', { language: 'zh-Hant' }), '<p>《書》：好</p>');
    assert.equal(await trim('<p>《書》：好</p>', { language: 'zh-HK' }), `<p>《書${end('》')}：好</p>`);
    assert.equal(await trim('<p>《书》：好</p>', { language: 'zh-Hans', compression: 'off' }), '<p>《书》：好</p>');
    assert.equal(await trim('<p>《書》：好</p>', { language: 'zh-TW', compression: 'on' }), `<p>《書${end('》')}：好</p>`);
  });

  test('an element’s lang decides for its text', async () => {
    assert.equal(await trim('<p>《書》：好<span lang="ja">《本》：よい</span></p>', { language: 'zh-TW' }), `<p>《書》：好<span lang="ja">《本${end('》')}：よい</span></p>`);
    assert.equal(await trim('<p lang="zh-Hant">《書》：好</p>'), '<p lang="zh-Hant">《書》：好</p>');
  });

  test('running it twice changes nothing more', async () => {
    const once = await trim('<p>《书》：「好」</p>');
    assert.equal(await trim(once), once);
  });
});
