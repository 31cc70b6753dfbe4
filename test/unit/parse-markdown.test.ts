import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Element, Root } from 'hast';
import { VFile } from 'vfile';
import { fc } from '../helpers/property.js';
import { parseArticles } from '../../src/content/parse.js';
import { cjkShare } from '../../src/locale/cjk-characters.js';
import { frontMatterData } from '../../src/content/front-matter.js';

async function parseMarkdown(text: string): Promise<Root> {
  const file = new VFile({ path: 'content/01-note.md', value: text });
  file.data.format = 'markdown';
  const [article] = await parseArticles(file, { language: 'zh-Hans' });
  return article!.tree;
}

function links(tree: Root | Element): string[] {
  return tree.children.flatMap((child) => (child.type !== 'element' ? [] : [...(child.tagName === 'a' ? [String(child.properties.href)] : []), ...links(child)]));
}

describe('Markdown: GFM literal autolinks', () => {
  test('bare URLs, www addresses and e-mail addresses become links', async () => {
    const tree = await parseMarkdown('见 https://example.org/a 与 www.example.net ，来信 editor@example.com 。\n');
    assert.deepEqual(links(tree), ['https://example.org/a', 'http://www.example.net', 'mailto:editor@example.com']);
  });

  test('a file without any candidate gives the same tree as with the scan', async () => {
    const plain = '# 标题\n\n他在黄昏时打开月光，画家总是寻找 Heidelberg 月光。\n\n- 一\n- 二\n\n| 甲 | 乙 |\n| - | - |\n| 1 | 2 |\n';
    const tree = await parseMarkdown(plain);
    assert.deepEqual(links(tree), []);
    // The same text plus an unrelated `@` takes the scanning path: everything else is equal.
    const scanned = await parseMarkdown(`${plain}\n@\n`);
    const withoutLast = { ...scanned, children: scanned.children.slice(0, tree.children.length) };
    assert.deepEqual(JSON.parse(JSON.stringify(withoutLast, (key, value) => (key === 'position' ? undefined : value))), JSON.parse(JSON.stringify(tree, (key, value) => (key === 'position' ? undefined : value))));
  });

  test('in CJK text an address ends at the first CJK punctuation mark, not at the next space', async () => {
    const tree = await parseMarkdown('见https://example.org/a?b=1，来信：editor@example.com。也可访问 www.example.net/x》或“https://example.org/y”。谢谢\n');
    assert.deepEqual(links(tree), ['https://example.org/a?b=1', 'mailto:editor@example.com', 'http://www.example.net/x', 'https://example.org/y']);
    const text = JSON.stringify(tree);
    for (const kept of ['，来信：', '。也可访问', '》或“', '”。谢谢']) assert.ok(text.includes(kept), kept);
    // CJK letters belong to addresses (paths, queries, domain names), as GFM has it.
    assert.deepEqual(links(await parseMarkdown('见 https://zh.wikipedia.org/wiki/北京 与 https://www.example.org/search?q=北京·上海 里\n')), [
      'https://zh.wikipedia.org/wiki/%E5%8C%97%E4%BA%AC',
      'https://www.example.org/search?q=%E5%8C%97%E4%BA%AC%C2%B7%E4%B8%8A%E6%B5%B7',
    ]);
    // Written links are the author's: [text](url) and <url> are left as they are.
    assert.deepEqual(links(await parseMarkdown('[https://example.org/路径](https://example.org/路径) 与 <https://example.org/文>\n')), [
      'https://example.org/%E8%B7%AF%E5%BE%84',
      'https://example.org/%E6%96%87',
    ]);
  });

  test('an entity or escape that spells an address keeps the scan', async () => {
    assert.deepEqual(links(await parseMarkdown('来信 editor&#64;example.com。\n')), ['mailto:editor@example.com']);
  });
});

describe('cjkShare', () => {
  const cjkLetter = new RegExp('[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u3005\\u3006\\u30FC]', 'gu');
  const reference = (text: string) => {
    const letters = text.match(/\p{L}/gu)?.length ?? 0;
    return letters === 0 ? 0 : (text.match(cjkLetter)?.length ?? 0) / letters;
  };

  test('counts as the Unicode classes do, for any text', () => {
    const pieces = fc.oneof(
      fc.constantFrom('中', '文', '〇', '々', 'ー', '・', 'カ', 'ｶ', 'Ａ', 'a', 'Z', '1', '，', '。', ' ', 'é', 'Ж', '한', '𠀀', '😀', '\u30a0'),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        assert.equal(cjkShare(text), reference(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('front matter: the fast reading of `key: text` lines', () => {
  const outcome = (text: string, fast: boolean) => {
    try {
      return { data: frontMatterData(text, fast) };
    } catch (error) {
      return { error: String(error) };
    }
  };

  test('gives what YAML gives, for any block', () => {
    const piece = fc.oneof(
      fc.constantFrom('第1篇', '集市戏台', '何照溪', '　', ' ', '#', ' #', ':', ': ', '-', '- ', '"', "'", '[', '{', '&', '*', '!', '|', '>', '%', '@', '`', '~', '?', ',', 'null', 'Null', 'true', 'FALSE', 'yes', '.inf', '.5', '1e3', '007', '0x1F', '+12', '2025', '2025-02-15', '2025-02-15T10:00:00Z', 'http://a.b/c', '\t', '\\', 'é'),
      fc.string({ maxLength: 6 }),
    );
    const word = fc.constantFrom('第1篇', '集市戏台', '何照溪', 'Heidelberg', 'a', '2025-02-15', 'http://a.b/c', '《书》', '“引号”');
    const typed = fc.constantFrom('null', 'Null', 'NULL', '~', 'true', 'True', 'FALSE', 'yes', '.inf', '-.Inf', '+.inf', '.NaN', '.5', '+.5', '+.5e3', '1e3', '007', '0x1F', '0o17', '+12', '-3', '2025', '12:30', '1_000');
    const value = fc.oneof(
      { weight: 3, arbitrary: fc.array(word, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(' ')) },
      { weight: 2, arbitrary: typed },
      { weight: 2, arbitrary: fc.array(piece, { maxLength: 5 }).map((parts) => parts.join('')) },
    );
    const line = fc.oneof(
      fc.tuple(fc.constantFrom('title', 'author', 'date', 'tags', 'source', 'url', 'extract', 'x', 'a_b', 'Title', '标题', 'a b', '1a', 'True', 'null', 'NULL', 'No'), fc.constantFrom(': ', ':  ', ':', ':\t'), value).map(([key, colon, text]) => `${key}${colon}${text}`),
      fc.constantFrom('', '  ', '# note', '  - item', '- item'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 4 }), fc.constantFrom('\n', '\r\n'), (lines, newline) => {
        const text = lines.join(newline);
        assert.deepEqual(outcome(text, true), outcome(text, false));
      }),
      { numRuns: 3000 },
    );
  });
});
