import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import rehypeCjkQuotes from '../../src/normalize/plugins/rehype-cjk-quotes.js';
import { runPlugins } from '../helpers/run-plugin.js';

async function quote(inner: string): Promise<string> {
  const { xml } = await runPlugins(`<p>${inner}</p>`, [[rehypeCjkQuotes]]);
  return xml.replace(/ xmlns="[^"]+"/g, '').replace(/^<p>|<\/p>$/g, '');
}

describe('rehype-cjk-quotes', () => {
  test('straight double quotes around or next to CJK become “”', async () => {
    assert.equal(await quote('他说"好"'), '他说“好”');
    assert.equal(await quote('他说"Hello"然后走了'), '他说“Hello”然后走了');
    assert.equal(await quote('他说"好"，"不好"和"OK"'), '他说“好”，“不好”和“OK”');
  });

  test('single quotes convert only around CJK text', async () => {
    assert.equal(await quote("他说'好'"), '他说‘好’');
    assert.equal(await quote("叫'Tom'的人"), "叫'Tom'的人");
  });

  test('apostrophes, inch marks and English quotations stay', async () => {
    assert.equal(await quote("don't 说"), "don't 说");
    assert.equal(await quote('6" 屏幕'), '6" 屏幕');
    assert.equal(await quote('"Hello," she said.'), '"Hello," she said.');
  });

  test('an odd number of quotes is left alone rather than guessed', async () => {
    assert.equal(await quote('他说"好，然后"走了"'), '他说"好，然后"走了"');
  });

  test('quotes are paired across inline elements but not in code', async () => {
    assert.equal(await quote('他说<em>"好"</em>'), '他说<em>“好”</em>');
    assert.equal(await quote('用<code>"x"</code>表示'), '用<code>"x"</code>表示');
  });

  test('running twice changes nothing more', async () => {
    for (const input of ['他说"好" "Hello"', '"a" "b"中文', '他"好"']) {
      const once = await quote(input);
      assert.equal(await quote(once), once);
    }
  });
});
