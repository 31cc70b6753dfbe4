import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import rehypeCleanLinks from '../../src/normalize/plugins/rehype-clean-links.js';
import { withoutTracking } from '../../src/normalize/tracking-parameters.js';
import { runPlugins } from '../helpers/run-plugin.js';

describe('withoutTracking', () => {
  test('drops campaign tags, click ids and share sources, keeps the rest as written', () => {
    assert.equal(withoutTracking('https://x.org/a?utm_source=feed&utm_medium=rss&id=3#p'), 'https://x.org/a?id=3#p');
    assert.equal(withoutTracking('https://x.org/a?spm=a2c4.1&fbclid=abc&gclid=x'), 'https://x.org/a');
    assert.equal(withoutTracking('https://x.org/a?from=timeline&isappinstalled=0'), 'https://x.org/a');
    assert.equal(withoutTracking('https://x.org/a?from=archive'), 'https://x.org/a?from=archive');
    assert.equal(withoutTracking('https://x.org/search?q=%E4%B8%AD+%E6%96%87&utm_term=x'), 'https://x.org/search?q=%E4%B8%AD+%E6%96%87');
    assert.equal(withoutTracking('mailto:a@b.org?subject=utm_source'), 'mailto:a@b.org?subject=utm_source');
  });
});

describe('rehype-clean-links', () => {
  test('tracking parameters go from links; javascript: and empty links become their text', async () => {
    const { xml } = await runPlugins('<p><a href="https://x.org/?utm_source=a">x</a><a href="javascript:void(0)">点我</a><a href="#">顶部</a></p>', [[rehypeCleanLinks]]);
    assert.equal(xml.replace(/ xmlns="[^"]+"/g, ''), '<p><a href="https://x.org/">x</a>点我顶部</p>');
  });
});
