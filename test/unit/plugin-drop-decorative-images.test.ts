import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectAll } from 'hast-util-select';
import rehypeDropDecorativeImages from '../../src/normalize/plugins/rehype-drop-decorative-images.js';
import { runPlugins } from '../helpers/run-plugin.js';

async function drop(html: string) {
  const { tree, file, xml } = await runPlugins(html, [[rehypeDropDecorativeImages]]);
  return { kept: selectAll('img', tree).map((img) => String(img.properties.src)), file, xml };
}

describe('rehype-drop-decorative-images', () => {
  const furniture: [string, string][] = [
    ['a tracking pixel', '<img src="https://t.example.com/p.gif" width="1" height="1">'],
    ['a spacer by size', '<img src="s.gif" width="600" height="2">'],
    ['a logo by class', '<img class="site-logo" src="brand.png" alt="河岸周刊">'],
    ['an icon by id', '<img id="icon-share" src="a.png">'],
    ['a logo by file name, no alt', '<img src="/static/logo_2x.png" alt="">'],
    ['a QR code by file name', '<img src="images/qrcode-wechat.jpg">'],
    ['a QR code by its alt', '<img src="a.jpg" alt="二维码">'],
    ['an avatar', '<img src="https://cdn.example.com/avatar/123.jpg" alt="">'],
    ['a small share button', '<img src="btn_weibo.png" width="24" height="24" alt="微博">'],
    ['a logo inside a link to the home page', '<a href="/"><img src="header.png" alt="河岸周刊"></a>'],
    ['a logo inside a link to the site root', '<a href="https://www.example.com/"><img src="top.png" alt="首页"></a>'],
    ['a logo inside a link to index.html', '<a href="../index.html"><img src="top.png"></a>'.replace('../', './')],
  ];
  for (const [what, html] of furniture) {
    test(`drops ${what}`, async () => {
      const { kept, file } = await drop(`<p>正文。</p>${html}`);
      assert.deepEqual(kept, []);
      assert.equal(file.messages.length, 1);
      assert.match(file.messages[0]!.reason, /^decorative image dropped: /);
      assert.equal(file.messages[0]!.fatal, undefined, 'an info message');
    });
  }

  test('the empty link around a dropped logo goes too, a link with text stays', async () => {
    assert.doesNotMatch((await drop('<a href="/"><img src="logo.png"></a><p>正文</p>')).xml, /<a/);
    assert.match((await drop('<a href="/">回到河岸周刊<img src="x.png"></a>')).xml, /<a[^>]* href="\/">回到河岸周刊<\/a>/);
  });

  const pictures: [string, string][] = [
    ['a photo', '<img src="images/river.jpg" alt="河面上的雾" width="800" height="600">'],
    ['a photo with a logo in its description', '<img src="images/logo-history.jpg" alt="报社早年的标志">'],
    ['a small image that is not named like furniture', '<img src="images/stamp.png" width="30" height="30" alt="邮票">'],
    ['an image linking to an article', '<a href="/2024/05/river.html"><img src="river.jpg" alt="河"></a>'],
    ['an image without sizes or names', '<img src="a.jpg">'],
  ];
  for (const [what, html] of pictures) {
    test(`keeps ${what}`, async () => {
      const { kept, file } = await drop(html);
      assert.equal(kept.length, 1);
      assert.deepEqual(file.messages, []);
    });
  }
});
