import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { languageTag, readFrontMatter } from '../../src/content/front-matter.js';

describe('front matter: an article’s language', () => {
  test('`lang` (pandoc’s key) and `language` (book.yaml’s) give a canonical BCP 47 tag', () => {
    assert.equal(readFrontMatter('---\nlang: en\n---\n')?.meta.language, 'en');
    assert.equal(readFrontMatter('---\nlanguage: zh-hant-tw\n---\n')?.meta.language, 'zh-Hant-TW');
    assert.equal(readFrontMatter('---\nlang: "fr-CA"\n---\n')?.meta.language, 'fr-CA');
    assert.equal(readFrontMatter('---\nlang: zh_TW\n---\n')?.meta.language, 'zh-TW', 'a Unix locale name is read as a tag');
    assert.deepEqual(readFrontMatter('---\ntitle: 甲\n---\n')?.meta.language, undefined);
  });

  test('with both keys, `lang` wins, whatever their order', () => {
    assert.equal(readFrontMatter('---\nlanguage: ja\nlang: en\n---\n')?.meta.language, 'en');
    assert.equal(readFrontMatter('---\nlang: en\nlanguage: ja\n---\n')?.meta.language, 'en');
  });

  test('garbage is a front-matter-type warning on its line, and ignored', () => {
    for (const value of ['zh"', 'chinese language', '123', 'x', 'zh-', '[zh]']) {
      const front = readFrontMatter(`---\ntitle: 甲\nlang: ${value}\n---\n`)!;
      assert.equal(front.meta.language, undefined, value);
      assert.equal(front.warnings.length, 1, value);
      assert.deepEqual([front.warnings[0]!.rule, front.warnings[0]!.line], ['front-matter-type', 3], value);
    }
    assert.match(readFrontMatter('---\nlang: zh"\n---\n')!.warnings[0]!.message, /^front-matter key "lang" is not a language tag: "zh\\"" \(expected a BCP 47 tag such as zh-Hans/);
  });

  test('languageTag', () => {
    assert.deepEqual(['zh-Hans', 'ZH-hans', 'de-CH-1996', 'yue', 'sr-Latn'].map(languageTag), ['zh-Hans', 'zh-Hans', 'de-CH-1996', 'yue', 'sr-Latn']);
    assert.deepEqual(['', ' ', 'zh"', 'e', 'root', 'a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q'].map(languageTag).filter(Boolean), []);
  });
});
