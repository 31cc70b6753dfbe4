import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { VFile } from 'vfile';
import { createArticleWork, BudgetError } from '../../src/article-work.js';
import { configSchema } from '../../src/config/schema.js';
import { capDepth, maxDepth } from '../../src/hast/cap-depth.js';

/** `levels` nested `tag`s around `inner`, as source. */
function nested(levels: number, tag: string, inner: string): string {
  return `<${tag}>`.repeat(levels) + inner + `</${tag}>`.repeat(levels);
}

/** A tree of `levels` nested `tag`s around `inner`, built without recursion (the parser itself recurses). */
function nestedTree(levels: number, tag: string, inner: Element['children']): Element {
  const top: Element = { type: 'element', tagName: tag, properties: {}, children: [] };
  let at = top;
  for (let i = 1; i < levels; i++) {
    const next: Element = { type: 'element', tagName: tag, properties: {}, children: [] };
    at.children.push(next);
    at = next;
  }
  at.children.push(...inner);
  return top;
}

/** The deepest element in the tree, measured without recursion. */
function depthOf(tree: Root): number {
  let deepest = 0;
  const stack: { node: Root | Element; depth: number }[] = [{ node: tree, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    deepest = Math.max(deepest, depth);
    for (const child of node.children) if (child.type === 'element') stack.push({ node: child, depth: depth + 1 });
  }
  return deepest;
}

function markdownFile(name: string, value: string): VFile {
  const file = new VFile({ path: `/book/content/${name}`, value });
  Object.assign(file.data, { format: 'markdown', contentPath: name });
  return file;
}

describe('capDepth: no tree deeper than the cap reaches the stages', () => {
  test('10,000 nested elements are flattened below the cap, keeping their text and images in order', () => {
    const inner = fromHtml('深处的字<img src="a.png" alt="">后', { fragment: true }).children as Element['children'];
    const tree: Root = { type: 'root', children: [...fromHtml('<p>前</p>', { fragment: true }).children, nestedTree(10_000, 'b', inner), ...fromHtml('<p>后记</p>', { fragment: true }).children] } as Root;
    const dropped = capDepth(tree);
    assert.ok(dropped > 9_000, `dropped ${dropped}`);
    assert.equal(depthOf(tree), maxDepth + 1, 'the element at the cap keeps its void children only');
    // Serializing is recursive: it would overflow the stack on the uncapped tree.
    const html = toHtml(tree);
    assert.match(html, /深处的字<img src="a\.png" alt="">后/);
    assert.match(html, /<p>后记<\/p>$/);
  });

  test('block elements flattened at the cap keep a space between their words; a list at the cap becomes a div', () => {
    const tree = fromHtml(nested(maxDepth - 1, 'div', '<ul><li><p>一</p><p>二</p></li></ul>'), { fragment: true });
    assert.ok(capDepth(tree) > 0);
    const html = toHtml(tree);
    assert.match(html, /<div>\s*一\s+二\s*<\/div>/);
    assert.doesNotMatch(html, /<ul/);
  });

  test('an ordinary article is not touched', () => {
    const source = '<h1>题</h1><div><section><p>一段<b>粗</b>字。</p><ul><li>甲</li></ul></section></div>';
    const tree = fromHtml(source, { fragment: true });
    assert.equal(capDepth(tree), 0);
    assert.equal(toHtml(tree), source);
  });
});

describe('the per-article budget (article-work.ts)', () => {
  const reading = { config: configSchema.parse({ title: '书' }), language: 'zh-Hans', fetchImages: false };

  test('a file over its budget is stopped with its own error kind; the next file is read by a new worker', async () => {
    let seconds = 0.001;
    const work = createArticleWork({ budgetSeconds: () => seconds });
    work.configure(reading);
    try {
      await assert.rejects(work.produce(markdownFile('slow.md', '# 慢\n\n文字。\n'), [], false), (error: unknown) => {
        assert.ok(error instanceof BudgetError);
        assert.equal(error.ruleId, 'too-slow');
        assert.match(error.message, /longer than 0\.001 s/);
        return true;
      });
      seconds = 60;
      const produced = await work.produce(markdownFile('next.md', '# 下一篇\n\n正文。\n'), [], false);
      assert.equal(produced.articles.length, 1);
      assert.equal(produced.articles[0]!.title, '下一篇');
    } finally {
      await work.close();
    }
  });

  test('a file nested 10,000 levels deep is read on the worker, flattened, and reported on its file', async () => {
    const work = createArticleWork();
    work.configure(reading);
    try {
      const file = new VFile({ path: '/book/content/deep.html', value: `<h1>深</h1>${nested(10_000, 'div', '最深处')}` });
      Object.assign(file.data, { format: 'html', contentPath: 'deep.html' });
      const produced = await work.produce(file, [], false);
      assert.equal(produced.articles.length, 1);
      assert.match(toHtml(produced.articles[0]!.body), /最深处/);
      const warning = file.messages.find((message) => message.ruleId === 'deep-nesting');
      assert.ok(warning, file.messages.map(String).join('\n'));
      assert.match(warning.reason, /more than 100 levels deep/);
    } finally {
      await work.close();
    }
  });

  test('`![` × 5,000 and 50,000 `*` are read well within the budget', async () => {
    const work = createArticleWork({ budgetSeconds: () => 10 });
    work.configure(reading);
    try {
      for (const [name, body] of [
        ['brackets.md', '!['.repeat(5_000)],
        ['stars.md', '*'.repeat(50_000)],
        ['lists.md', `${'- '.repeat(2_000)}项`],
        ['quotes.md', `${'>'.repeat(5_000)} 引`],
      ] as const) {
        const started = performance.now();
        const produced = await work.produce(markdownFile(name, `# ${name}\n\n${body}\n`), [], false);
        assert.equal(produced.articles.length, 1, name);
        assert.ok(performance.now() - started < 10_000, name);
      }
    } finally {
      await work.close();
    }
  });
});
