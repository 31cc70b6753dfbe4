import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import rehypeCjkDashes from '../../src/normalize/plugins/rehype-cjk-dashes.js';
import { runPlugins } from '../helpers/run-plugin.js';

async function dash(inner: string): Promise<string> {
  const { xml } = await runPlugins(`<p>${inner}</p>`, [[rehypeCjkDashes]]);
  return xml.replace(/ xmlns="[^"]+"/g, '').replace(/^<p>|<\/p>$/g, '');
}

describe('rehype-cjk-dashes: ellipses', () => {
  test('typed substitutes next to CJK become ……', async () => {
    assert.equal(await dash('他说...'), '他说……');
    assert.equal(await dash('等等......好'), '等等……好');
    assert.equal(await dash('他说。。。好'), '他说……好');
    assert.equal(await dash('他说···好'), '他说……好');
    assert.equal(await dash('他说…好'), '他说……好');
  });

  test('the right form and Latin ellipses stay', async () => {
    assert.equal(await dash('他说……好'), '他说……好');
    assert.equal(await dash('wait... what'), 'wait... what');
    assert.equal(await dash('1...5'), '1...5');
  });
});

describe('rehype-cjk-dashes: dashes', () => {
  test('typed substitutes next to CJK become ——', async () => {
    assert.equal(await dash('他--我们'), '他——我们');
    assert.equal(await dash('他－－我们'), '他——我们');
    assert.equal(await dash('他—我们'), '他——我们');
    assert.equal(await dash('他──我们'), '他——我们');
  });

  test('spaces around an ASCII dash between CJK go with it', async () => {
    assert.equal(await dash('他 -- 我们'), '他——我们');
  });

  test('Latin, numbers, rules, comments and code keep their hyphens', async () => {
    assert.equal(await dash('a--b'), 'a--b');
    assert.equal(await dash('1990--2000'), '1990--2000');
    assert.equal(await dash('中文----'), '中文----');
    assert.equal(await dash('中文─────'), '中文─────');
    assert.equal(await dash('运行<code>a--b</code>'), '运行<code>a--b</code>');
    assert.equal(await dash('他——我'), '他——我');
  });

  test('running twice changes nothing more', async () => {
    for (const input of ['他...我--你—他…', '他 -- 我', '。。。。。。']) {
      const once = await dash(input);
      assert.equal(await dash(once), once);
    }
  });
});
