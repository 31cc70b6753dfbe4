import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Root } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import rehypeWarnOversized, { type Options } from '../../src/normalize/plugins/rehype-warn-oversized.js';
import { runPlugins } from '../helpers/run-plugin.js';

async function warn(html: string, options: Options = {}) {
  return runPlugins(html, [[rehypeWarnOversized, options]]);
}

const rules = (file: VFile) => file.messages.map((message) => message.ruleId);

/** A table of `rows` × `columns` cells (`th` in the first row). */
function table(rows: number, columns: number): string {
  const head = `<tr>${'<th>头</th>'.repeat(columns)}</tr>`;
  const body = Array.from({ length: rows - 1 }, (_, row) => `<tr>${Array.from({ length: columns }, (_, column) => `<td>${row}-${column}</td>`).join('')}</tr>`).join('');
  return `<table><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

describe('rehype-warn-oversized: long unbroken strings', () => {
  test('a 2,000-character unbroken ASCII string is reported as long-word', async () => {
    const { file } = await warn(`<p>中文</p>\n<p>前${'x'.repeat(2000)}后</p>`);
    assert.equal(file.messages.length, 1);
    const [message] = file.messages;
    assert.equal(message?.ruleId, 'long-word');
    assert.equal(message?.source, 'wenji');
    assert.equal(message?.fatal, false, 'a warning, not an error');
    assert.match(message?.reason ?? '', /2000-character/);
    assert.match(message?.reason ?? '', /x{24}…/, 'the message quotes the start of the string');
    assert.equal(message?.line, 2, 'the message points at the paragraph');
  });

  test('base64 and pasted URLs over the limit are reported, with their length', async () => {
    const base64 = 'QUJD'.repeat(100);
    const { file } = await warn(`<p>图片数据：${base64}</p>`);
    assert.deepEqual(rules(file), ['long-word']);
    assert.match(file.messages[0]?.reason ?? '', /400-character/);
    const url = `https://example.com/${'a/'.repeat(100)}`;
    assert.deepEqual(rules((await warn(`<p>见 ${url} 。</p>`)).file), ['long-word']);
  });

  test('normal text is not reported', async () => {
    const { file } = await warn('<p>中文段落，没有长串。</p><p>An English paragraph with ordinary words, numbers 1,000,000 and 3.14159.</p>');
    assert.deepEqual(file.messages, []);
  });

  test('long CJK text without spaces is not reported (it breaks between any two characters)', async () => {
    const { file } = await warn(`<p>${'中文'.repeat(2000)}</p>`);
    assert.deepEqual(file.messages, []);
  });

  test('long text made of short words is not reported', async () => {
    const { file } = await warn(`<p>${'word '.repeat(1000)}</p>`);
    assert.deepEqual(file.messages, []);
  });

  test('a URL under the limit is not reported', async () => {
    const url = `https://example.com/${'p'.repeat(80)}?q=1`;
    assert.ok(url.length < 120);
    const { file } = await warn(`<p>见 <a href="${url}">${url}</a> 。</p>`);
    assert.deepEqual(file.messages, []);
  });

  test('the limit is 120 characters by default: 120 passes, 121 is reported', async () => {
    assert.deepEqual((await warn(`<p>中${'a'.repeat(120)}中</p>`)).file.messages, []);
    assert.deepEqual(rules((await warn(`<p>中${'a'.repeat(121)}中</p>`)).file), ['long-word']);
  });

  test('maxWord sets the limit', async () => {
    assert.deepEqual(rules((await warn(`<p>${'a'.repeat(31)}</p>`, { maxWord: 30 })).file), ['long-word']);
    assert.deepEqual((await warn(`<p>${'a'.repeat(30)}</p>`, { maxWord: 30 })).file.messages, []);
    assert.deepEqual((await warn(`<p>${'a'.repeat(2000)}</p>`, { maxWord: 5000 })).file.messages, []);
  });

  test('an attribute value is not text: a long href alone is not reported', async () => {
    const { file } = await warn(`<p><a href="https://example.com/${'a'.repeat(500)}">链接</a></p>`);
    assert.deepEqual(file.messages, []);
  });

  test('one report per article, however many long strings it has', async () => {
    const { file } = await warn(`<p>${'a'.repeat(200)}</p><p>${'b'.repeat(200)}</p>`);
    assert.deepEqual(rules(file), ['long-word']);
    assert.match(file.messages[0]?.reason ?? '', /\(a{24}…\)/, 'the first one is reported');
  });
});

describe('rehype-warn-oversized: large tables', () => {
  test('a table of more than 400 cells is reported as large-table, with its cell count', async () => {
    const { file } = await warn(table(21, 20));
    assert.deepEqual(rules(file), ['large-table']);
    assert.match(file.messages[0]?.reason ?? '', /420 cells/);
    assert.equal(file.messages[0]?.source, 'wenji');
    assert.equal(file.messages[0]?.fatal, false);
    assert.equal(file.messages[0]?.line, 1);
  });

  test('400 cells exactly is not reported; 401 is', async () => {
    assert.deepEqual((await warn(table(20, 20))).file.messages, []);
    assert.deepEqual(rules((await warn(`${table(20, 20).replace('</tbody>', '<tr><td>x</td></tr></tbody>')}`)).file), ['large-table']);
  });

  test('th cells count as well as td', async () => {
    const headerOnly = `<table><tr>${'<th>x</th>'.repeat(401)}</tr></table>`;
    assert.deepEqual(rules((await warn(headerOnly)).file), ['large-table']);
  });

  test('small tables are not reported', async () => {
    assert.deepEqual((await warn(table(5, 4))).file.messages, []);
  });

  test('maxCells sets the limit', async () => {
    assert.deepEqual(rules((await warn(table(5, 4), { maxCells: 19 })).file), ['large-table']);
    assert.deepEqual((await warn(table(5, 4), { maxCells: 20 })).file.messages, []);
  });

  test('each large table is reported', async () => {
    const { file } = await warn(`${table(21, 20)}<p>中文</p>${table(30, 15)}${table(2, 2)}`);
    assert.deepEqual(rules(file), ['large-table', 'large-table']);
    assert.match(file.messages[0]?.reason ?? '', /420 cells/);
    assert.match(file.messages[1]?.reason ?? '', /450 cells/);
  });

  test('a long string and a large table in one article are both reported', async () => {
    const { file } = await warn(`<p>${'z'.repeat(300)}</p>${table(21, 20)}`);
    assert.deepEqual(rules(file).sort(), ['large-table', 'long-word']);
  });
});

describe('rehype-warn-oversized: the tree is never changed', () => {
  for (const [name, html] of [
    ['a long string', `<p>前<em>${'x'.repeat(2000)}</em>后</p>`],
    ['a large table', table(21, 20)],
    ['normal text', '<h2 id="a">标题</h2><p>中文 <a href="https://example.com">链接</a></p>'],
  ] as const) {
    test(name, async () => {
      const tree = unified().use(rehypeParse, { fragment: true }).parse(html) as Root;
      const before = structuredClone(tree);
      const file = new VFile();
      const result = await unified().use(rehypeWarnOversized).run(tree, file);
      assert.equal(result, tree, 'the same tree is returned');
      assert.deepEqual(tree, before);
    });
  }
});
