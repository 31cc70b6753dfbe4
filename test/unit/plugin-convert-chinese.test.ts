import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { convertConfigText, convertedLanguage, createChineseConverter } from '../../src/normalize/chinese-conversion.js';
import rehypeConvertChinese from '../../src/normalize/plugins/rehype-convert-chinese.js';
import { configSchema } from '../../src/config/schema.js';
import { runPlugins } from '../helpers/run-plugin.js';

describe('rehype-convert-chinese', () => {
  test('s2t converts prose, alt and title text; code and Latin elements are kept', async () => {
    const convert = (await createChineseConverter('s2t'))!;
    const { xml } = await runPlugins(
      '<p title="后来">后来他学会了简体字<code>后来</code><span lang="en">hou lai</span><img src="a.png" alt="头发"></p>',
      [[rehypeConvertChinese, { convert }]],
    );
    assert.match(xml, /title="後來"/);
    assert.match(xml, /後來他學會了簡體字/);
    assert.match(xml, /<code>后来<\/code>/);
    assert.match(xml, /alt="頭髮"/);
  });

  test('s2twp uses Taiwan phrases; t2s goes back', async () => {
    const twp = (await createChineseConverter('s2twp'))!;
    assert.equal(twp('鼠标和软件'), '滑鼠和軟體');
    const t2s = (await createChineseConverter('t2s'))!;
    assert.equal(t2s('後來頭髮'), '后来头发');
    assert.equal(await createChineseConverter('none'), undefined);
  });
});

describe('convertedLanguage', () => {
  test('the book language follows the script', () => {
    assert.equal(convertedLanguage('zh-Hans', 's2t'), 'zh-Hant');
    assert.equal(convertedLanguage('zh', 's2t'), 'zh-Hant');
    assert.equal(convertedLanguage('zh-CN', 's2twp'), 'zh-Hant-TW');
    assert.equal(convertedLanguage('zh-Hans', 's2hk'), 'zh-Hant-HK');
    assert.equal(convertedLanguage('zh-Hant', 't2s'), 'zh-Hans');
    assert.equal(convertedLanguage('zh-TW', 'tw2s'), 'zh-Hans');
  });

  test('a tag already in the target script, and non-Chinese tags, are kept', () => {
    assert.equal(convertedLanguage('zh-Hant-HK', 's2t'), 'zh-Hant-HK');
    assert.equal(convertedLanguage('zh-Hans', 't2s'), 'zh-Hans');
    assert.equal(convertedLanguage('ja', 's2t'), 'ja');
    assert.equal(convertedLanguage('zh-Hans', 'none'), 'zh-Hans');
  });
});

describe('convertConfigText', () => {
  test("the book's title, people and description are converted; other keys are not", async () => {
    const convert = (await createChineseConverter('s2t'))!;
    const config = configSchema.parse({ title: '灯下集', author: ['林远舟'], editor: '叶子', description: '一本书', slug: 'deng' });
    const converted = convertConfigText(config, convert);
    assert.equal(converted.title, '燈下集');
    assert.deepEqual(converted.author, ['林遠舟']);
    assert.equal(converted.editor, '葉子');
    assert.equal(converted.description, '一本書');
    assert.equal(converted.slug, 'deng');
  });
});
