import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fc } from '../helpers/property.js';
import type { ElementContent, Root } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified, type PluggableList } from 'unified';
import { VFile } from 'vfile';
import { fromXml } from 'xast-util-from-xml';
import { labelsFor } from '../../src/locale/labels.js';
import { defaultSettings, normalizePlugins, textPlugins } from '../../src/normalize/index.js';
import rehypeCleanLinks from '../../src/normalize/plugins/rehype-clean-links.js';
import rehypeCleanWhitespace from '../../src/normalize/plugins/rehype-clean-whitespace.js';
import rehypeSanitizeArticle from '../../src/normalize/plugins/rehype-sanitize-article.js';
import rehypeStripBoilerplate from '../../src/normalize/plugins/rehype-strip-boilerplate.js';
import { fragmentToXml, toXhtml } from '../../src/writers/xhtml/serialize.js';

/** Pieces real articles are made of: CJK and Latin words, ASCII and full-width marks, chrome, odd characters. */
const pieces = [
  '中文', '他说', '这没有意义', '。', '，', ',', '.', '...', '。。。', ':', ';', '!', '?', '?!', '(', ')', '"', "'", '“', '”', '…', '--', '—', '－－',
  ' ', '  ', '\n', '\t', '\u3000', '\u00A0', '\u200B', 'Kindle', 'don\'t', 'Hello, world.', '3.5', '1,000', '12:30', '50%', 'https://example.org/a,b?utm_source=x',
  '阅读原文', '0 notes', '&amp;', '&lt;', '<', '>', '&', '\uFFFD', '\u0001', '\u000B', '\uFFFE', '\uD800', '𠀀', 'ﾃｽﾄ', '한국어',
];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((parts) => parts.join(''));
const inline = ['em', 'strong', 'span', 'code', 'a', 'ruby', 'rt', 'sup', 'br', 'img', 'kbd'];
const block = ['p', 'div', 'h1', 'h2', 'h3', 'blockquote', 'ul', 'li', 'pre', 'table', 'tr', 'td', 'figure', 'figcaption', 'section', 'script', 'style', 'nav', 'aside'];
const attributes = fc.constantFrom(
  '', ' id="x"', ' id="中文 id"', ' lang="en"', ' lang="zh"', ' href="#x"', ' href="02-other.md#p"', ' href="javascript:alert(1)"', ' href="https://example.org/?spm=1&amp;a=2"',
  ' src="https://img.example.org/a.png"', ' src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"', ' checked', ' align="center"', ' onclick="x()"', ' style="color:red"',
);

const html: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, tie('element')),
  element: fc
    .tuple(fc.constantFrom(...inline, ...block), attributes, fc.array(tie('node'), { maxLength: 4 }))
    .map(([tag, attrs, children]) => (tag === 'br' || tag === 'img' ? `<${tag}${attrs}>` : `<${tag}${attrs}>${(children as string[]).join('')}</${tag}>`)),
})).node as fc.Arbitrary<string>;
const documents = fc.array(html, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('\n'));

function parse(source: string): Root {
  return unified().use(rehypeParse, { fragment: true }).parse(source) as Root;
}

async function run(tree: Root, plugins: PluggableList): Promise<Root> {
  return (await unified().use(plugins).run(tree, new VFile({ path: 'content/a.html' }))) as Root;
}

const settings = defaultSettings();
const context = { id: 'a', language: 'zh-Hans', labels: labelsFor('zh-Hans'), settings };

/** The plugins that rewrite text and structure (ids and images are assigned once, by design). */
const textPipeline: PluggableList = [
  [rehypeSanitizeArticle],
  [rehypeCleanLinks],
  [rehypeStripBoilerplate, { patterns: settings.strip }],
  [rehypeCleanWhitespace],
  ...textPlugins(settings, 'zh-Hans'),
];

describe('normalization properties (fast-check)', () => {
  test('any HTML, normalized, serializes to well-formed XHTML', async () => {
    await fc.assert(
      fc.asyncProperty(documents, async (source) => {
        const body = await run(parse(source), normalizePlugins(context, '标题'));
        const xhtml = toXhtml({ title: '标题', language: 'zh-Hans', stylesheets: ['style.css'], body: body.children as ElementContent[] });
        fromXml(xhtml);
      }),
      { numRuns: 300 },
    );
  });

  test('normalizing twice changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(documents, async (source) => {
        const once = await run(parse(source), textPipeline);
        const first = fragmentToXml(once);
        const twice = await run(structuredClone(once), textPipeline);
        assert.equal(fragmentToXml(twice), first);
      }),
      { numRuns: 300 },
    );
  });
});
