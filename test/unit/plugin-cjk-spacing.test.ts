import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import rehypeCjkSpacing, { type Options } from '../../src/normalize/plugins/rehype-cjk-spacing.js';
import { runPlugins } from '../helpers/run-plugin.js';

async function space(inner: string, mode: Options['mode']): Promise<string> {
  const { xml } = await runPlugins(`<p>${inner}</p>`, [[rehypeCjkSpacing, { mode }]]);
  return xml.replace(/ xmlns="[^"]+"/g, '').replace(/^<p>|<\/p>$/g, '');
}

describe('rehype-cjk-spacing: remove (the stylesheet draws the gap)', () => {
  test('plain spaces between CJK and Latin letters or digits go', async () => {
    assert.equal(await space('使用 Kindle 阅读', 'remove'), '使用Kindle阅读');
    assert.equal(await space('共 3 本', 'remove'), '共3本');
    assert.equal(await space('用 <em>Kindle</em> 读', 'remove'), '用<em>Kindle</em>读');
  });

  test('other spaces stay: between Latin words, CJK words, next to punctuation, no-break spaces', async () => {
    assert.equal(await space('他说 Hello world 然后', 'remove'), '他说Hello world然后');
    assert.equal(await space('中 文', 'remove'), '中 文');
    assert.equal(await space('好， Kindle', 'remove'), '好， Kindle');
    assert.equal(await space('使用\u00A0Kindle', 'remove'), '使用\u00A0Kindle');
  });
});

describe('rehype-cjk-spacing: insert (a space character is the gap)', () => {
  test('one space between CJK and Latin or digits, where none is typed', async () => {
    assert.equal(await space('使用Kindle阅读', 'insert'), '使用 Kindle 阅读');
    assert.equal(await space('使用 Kindle 阅读', 'insert'), '使用 Kindle 阅读');
    assert.equal(await space('共3本', 'insert'), '共 3 本');
    assert.equal(await space('50%的人', 'insert'), '50% 的人');
  });

  test('the space goes outside inline markup and code', async () => {
    assert.equal(await space('用<a href="#x">Kindle</a>阅读', 'insert'), '用 <a href="#x">Kindle</a> 阅读');
    assert.equal(await space('用<code>npm</code>安装', 'insert'), '用 <code>npm</code> 安装');
  });

  test('astral ideographs count as CJK', async () => {
    assert.equal(await space('𠀀A', 'insert'), '𠀀 A');
  });

  test('nothing next to punctuation; running twice changes nothing more', async () => {
    assert.equal(await space('好，Kindle。', 'insert'), '好，Kindle。');
    const once = await space('用Kindle和iPad读3本书', 'insert');
    assert.equal(await space(once, 'insert'), once);
  });
});
