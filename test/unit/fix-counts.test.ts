import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PluggableList } from 'unified';
import { VFile } from 'vfile';
import rehypeCjkDashes from '../../src/normalize/plugins/rehype-cjk-dashes.js';
import rehypeCjkPunctuation from '../../src/normalize/plugins/rehype-cjk-punctuation.js';
import rehypeCjkQuotes from '../../src/normalize/plugins/rehype-cjk-quotes.js';
import rehypeCjkSpacing from '../../src/normalize/plugins/rehype-cjk-spacing.js';
import rehypeCleanWhitespace from '../../src/normalize/plugins/rehype-clean-whitespace.js';
import { messageCount, reportFixes } from '../../src/hast/fix-tally.js';
import { runPlugins } from '../helpers/run-plugin.js';

/** Runs plugins on `html` (which is also the file's source, so positions point into it) and reports the tallies. */
async function fixes(html: string, plugins: PluggableList) {
  const { file, xml } = await runPlugins(html, plugins, new VFile({ value: html }));
  reportFixes(file);
  return { xml, messages: file.messages.map((message) => ({ rule: message.ruleId, count: messageCount(message), line: message.line, column: message.column, reason: message.reason })) };
}

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

describe('each automatic fix counts what it changes', () => {
  test('punctuation: every converted mark, none of the spaces it drops; at the first one', async () => {
    const html = '<p>数字1,000不变,他说 , 好.</p>\n<p>真的吗?!<em>是的</em>:对(没错)</p>';
    const { xml, messages } = await fixes(html, [[rehypeCjkPunctuation]]);
    const converted = count(xml, /[，。：！？（）]/g);
    assert.equal(converted, 8);
    assert.deepEqual(messages.map(({ rule, count: n, line, column }) => [rule, n, line, column]), [['cjk-punctuation', converted, 1, html.indexOf('变,') + 2]]);
    assert.match(messages[0]!.reason, /^8 half-width punctuation marks in CJK text are made full-width \(，×2, 。×1, （×1, ）×1, ？×1, ！×1, ：×1\)$/);
  });

  test('dashes and ellipses: one per run, however long the run was', async () => {
    const { xml, messages } = await fixes('<p>他走了......然后--回来了。wait... no</p>', [[rehypeCjkDashes]]);
    assert.equal(count(xml, /……|——/g), 2);
    assert.equal(messages[0]!.count, 2);
  });

  test('quotes: each mark of a converted pair', async () => {
    const { xml, messages } = await fixes('<p>他说"好"，又说\'行\'。</p><p>it\'s "fine"</p>', [[rehypeCjkQuotes]]);
    assert.equal(count(xml, /[“”‘’]/g), 4);
    assert.equal(messages[0]!.count, 4);
  });

  test('spacing: each typed space removed (or inserted)', async () => {
    const removed = await fixes('<p>用 Kindle 读 3 本书</p>', [[rehypeCjkSpacing, { mode: 'remove' }]]);
    assert.equal(removed.xml.replace(/<[^>]+>/g, ''), '用Kindle读3本书');
    assert.equal(removed.messages[0]!.count, 4);
    const inserted = await fixes('<p>用Kindle读</p>', [[rehypeCjkSpacing, { mode: 'insert' }]]);
    assert.equal(inserted.messages[0]!.count, 2);
    assert.match(inserted.messages[0]!.reason, /^2 spaces are inserted/);
  });

  test('full-width-space indents: one per paragraph that had one', async () => {
    const html = '<p>　　第一段</p><p>第二段</p><p>&nbsp;&nbsp;第三段</p><p>　第四段</p>';
    const { xml, messages } = await fixes(html, [[rehypeCleanWhitespace]]);
    assert.equal(count(xml, /　/g), 0);
    assert.deepEqual(messages.map(({ rule, count: n, column }) => [rule, n, column]), [['indent', 2, 4]]);
  });

  test('nothing changed, nothing said', async () => {
    const { messages } = await fixes('<p>他说，好。</p><p>Hello, world. "Yes."</p>', [[rehypeCjkPunctuation], [rehypeCjkDashes], [rehypeCjkQuotes], [rehypeCleanWhitespace]]);
    assert.deepEqual(messages, []);
  });
});
