import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Element, Root } from 'hast';
import { VFile } from 'vfile';
import { parseArticles } from '../../src/content/parse.js';
import rehypeCjkDashes from '../../src/normalize/plugins/rehype-cjk-dashes.js';
import rehypeCjkPunctuation from '../../src/normalize/plugins/rehype-cjk-punctuation.js';
import rehypeCjkQuotes from '../../src/normalize/plugins/rehype-cjk-quotes.js';
import { runPlugins } from '../helpers/run-plugin.js';

let root: string;

/** Parses `text` as content/notes/01-autumn.md of a content folder that holds `图片 文件夹/秋天 的 照片.jpg`. */
async function parse(text: string): Promise<{ tree: Root; file: VFile }> {
  const absolutePath = path.join(root, 'notes', '01-autumn.md');
  const file = new VFile({ path: 'content/notes/01-autumn.md', value: text });
  Object.assign(file.data, { format: 'markdown', contentRoot: root, absolutePath, contentPath: 'notes/01-autumn.md' });
  const [article] = await parseArticles(file, { language: 'zh-Hans' });
  return { tree: article!.tree, file };
}

function images(tree: Root | Element): Element[] {
  return tree.children.flatMap((child) => (child.type !== 'element' ? [] : [...(child.tagName === 'img' ? [child] : []), ...images(child)]));
}

const decoded = (image: Element) => decodeURIComponent(String(image.properties.src));

describe('Markdown images whose paths hold spaces or backslashes', () => {
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'wenji-image-paths-'));
    mkdirSync(path.join(root, 'notes', '图片 文件夹'), { recursive: true });
    writeFileSync(path.join(root, 'notes', '图片 文件夹', '秋天 的 照片.jpg'), 'not really a JPEG, the reader only checks that it exists');
    writeFileSync(path.join(root, 'notes', 'plain.png'), '');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('a path with spaces that names a file becomes an image, with its title; positions stay right', async () => {
    const text = '# 秋天\n\n前面一段。\n\n![秋天](图片 文件夹/秋天 的 照片.jpg "落叶")\n\n后面,一段。\n';
    const { tree, file } = await parse(text);
    const [image] = images(tree);
    assert.ok(image, JSON.stringify(tree));
    assert.equal(decoded(image), '图片 文件夹/秋天 的 照片.jpg');
    assert.deepEqual([image.properties.alt, image.properties.title], ['秋天', '落叶']);
    assert.deepEqual([image.position?.start.line, image.position?.start.column, image.position?.end.column], [5, 1, text.split('\n')[4]!.length + 1]);
    assert.deepEqual(file.messages, []);
    // The text after it still knows where it is.
    const after = JSON.stringify(tree).indexOf('后面,一段');
    assert.ok(after > 0);
  });

  test('Windows backslashes are separators, with or without spaces', async () => {
    const { tree, file } = await parse('![秋天](图片 文件夹\\秋天 的 照片.jpg)\n\n![平常](.\\plain.png)\n');
    assert.deepEqual(images(tree).map(decoded), ['图片 文件夹/秋天 的 照片.jpg', './plain.png']);
    assert.deepEqual(file.messages, []);
  });

  test('a path with spaces that names no file is one warning naming its line, and the text stays as written', async () => {
    const { tree, file } = await parse('# 秋天\n\n见图:\n\n![冬天](图片 文件夹/冬天 的 照片.jpg)\n');
    assert.deepEqual(images(tree), []);
    assert.equal(file.messages.length, 1);
    const [message] = file.messages;
    assert.deepEqual([message!.line, message!.column, message!.ruleId, message!.fatal], [5, 1, 'image', false]);
    assert.equal(message!.reason, 'image path with spaces not found: 图片 文件夹/冬天 的 照片.jpg (looked for next to the article, inside the content folder); the Markdown is kept as text');
    assert.match(JSON.stringify(tree), /!\[冬天\]\(图片 文件夹\/冬天 的 照片\.jpg\)/);
  });

  test('code keeps its spaces and backslashes; a path leaving the content folder is not looked at', async () => {
    const { tree, file } = await parse('`![秋天](图片 文件夹\\秋天 的 照片.jpg)`\n\n```\n![秋天](图片 文件夹/秋天 的 照片.jpg)\n```\n\n![外面](../../etc/some file.jpg)\n');
    const json = JSON.stringify(tree);
    assert.ok(json.includes('![秋天](图片 文件夹\\\\秋天 的 照片.jpg)'), json);
    assert.ok(json.includes('![秋天](图片 文件夹/秋天 的 照片.jpg)\\n'), json);
    assert.ok(!/\uFDD0|\uFDD1/.test(json));
    assert.deepEqual(images(tree), []);
    assert.deepEqual(file.messages.map((message) => message.line), [7], 'the outside path is reported as not found');
  });

  test('the CJK typography plugins leave Markdown-image-looking text alone', async () => {
    const leftover = '<p>见图: ![冬天](图片 文件夹/冬天 的 照片.jpg "一张--旧照片..."),好吗?</p>';
    const { xml } = await runPlugins(leftover, [[rehypeCjkPunctuation], [rehypeCjkDashes], [rehypeCjkQuotes]]);
    assert.ok(xml.includes('![冬天](图片 文件夹/冬天 的 照片.jpg "一张--旧照片...")'), xml);
    assert.ok(xml.includes('见图：') && xml.includes('，好吗？'), 'the text around it is still fixed');
    assert.ok(!/！［|］（/.test(xml));
  });
});
