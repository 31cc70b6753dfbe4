import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import rehypeTableAlign from '../../src/normalize/plugins/rehype-table-align.js';
import { fragmentToXml } from '../../src/writers/xhtml/serialize.js';
import { runPlugins } from '../helpers/run-plugin.js';

const align = (html: string) => runPlugins(html, [[rehypeTableAlign]]);

function alignAttributes(tree: Root): number {
  let count = 0;
  visit(tree, 'element', (node) => {
    if ('align' in node.properties) count++;
  });
  return count;
}

describe('rehype-table-align', () => {
  test('GFM table alignment becomes align-* classes and no align attribute is left', async () => {
    const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeTableAlign);
    const markdown = '| 左 | 中 | 右 | 无 |\n| :-- | :-: | --: | --- |\n| a | b | c | d |\n';
    const tree = (await processor.run(processor.parse(markdown))) as Root;
    const classesOf = (selector: string) => selectAll(selector, tree).map((cell) => cell.properties.className ?? []);
    assert.deepEqual(classesOf('th'), [['align-left'], ['align-center'], ['align-right'], []]);
    assert.deepEqual(classesOf('td'), [['align-left'], ['align-center'], ['align-right'], []]);
    assert.equal(alignAttributes(tree), 0);
    assert.ok(!/\balign=/.test(fragmentToXml(tree)));
  });

  test('align on any element, in any case, with stray spaces', async () => {
    const { tree } = await align('<p align="JUSTIFY">p</p><div align=" Center ">d</div><img align="right" src="a.png"><h2 align="left">h</h2>');
    assert.deepEqual(select('p', tree)!.properties.className, ['align-justify']);
    assert.deepEqual(select('div', tree)!.properties.className, ['align-center']);
    assert.deepEqual(select('img', tree)!.properties.className, ['align-right']);
    assert.deepEqual(select('h2', tree)!.properties.className, ['align-left']);
    assert.equal(alignAttributes(tree), 0);
  });

  test('existing classes are kept, and the align class is not added twice', async () => {
    const { tree } = await align('<table><tr><td align="right" class="num wide">1</td><td align="center" class="align-center">2</td></tr></table>');
    const [first, second] = selectAll('td', tree);
    assert.deepEqual(first!.properties.className, ['num', 'wide', 'align-right']);
    assert.deepEqual(second!.properties.className, ['align-center']);
  });

  test('values that are not text alignments are dropped without a class', async () => {
    const { tree, xml } = await align('<td align="middle">a</td><td align="">b</td><td align="char">c</td><td align="center;color:red">d</td>');
    assert.equal(alignAttributes(tree), 0);
    assert.ok(!xml.includes('class='), xml);
  });

  test('nested tables are handled at every depth', async () => {
    const { tree } = await align('<table><tr><td align="left"><table><tr><td align="right">in</td></tr></table></td></tr></table>');
    assert.deepEqual(
      selectAll('td', tree).map((cell) => cell.properties.className),
      [['align-left'], ['align-right']],
    );
  });

  test('content without align is untouched', async () => {
    const { xml } = await align('<table><tr><td class="x">文</td></tr></table>');
    assert.equal(xml.replace(/ xmlns="[^"]+"/g, ''), '<table><tbody><tr><td class="x">文</td></tr></tbody></table>');
  });

  test('empty input', async () => {
    const { tree } = await align('');
    assert.deepEqual(tree.children, []);
  });
});
