import assert from 'node:assert/strict';
import { test } from 'node:test';
import rehypeBreakLongWords from '../../src/normalize/plugins/rehype-break-long-words.js';
import { runPlugins } from '../helpers/run-plugin.js';

test('a 100 KB address gets break opportunities, its link shows its start, one long-word warning; ordinary text is untouched', async () => {
  const url = `https://example.com/${'a'.repeat(100_000)}`;
  const { tree, file, xml } = await runPlugins(`<p><a href="${url}">${url}</a></p><p>${'b'.repeat(100_000)}</p><p>普通的一段 with short words.</p><pre>${'c'.repeat(5_000)}</pre>`, [[rehypeBreakLongWords]]);
  assert.ok(xml.includes(`href="${url}"`), 'the address itself is kept');
  assert.ok(xml.includes(`>${url.slice(0, 60)}…</a>`));
  const second = tree.children[1] as { children: { type: string; tagName?: string; value?: string }[] };
  assert.equal(second.children.filter((child) => child.tagName === 'wbr').length, 1249);
  assert.ok(second.children.every((child) => child.type !== 'text' || child.value!.length <= 80));
  assert.ok(xml.includes(">普通的一段 with short words.</p>"));
  assert.ok(xml.includes('c'.repeat(5_000)), 'preformatted text is left alone');
  assert.deepEqual(file.messages.map((message) => message.ruleId), ['long-word']);
});
