import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { createArticleWork } from '../../src/article-work.js';
import { buildOutputs } from '../../src/pipeline.js';
import { epubcheckTs } from '../helpers/epub.js';
import { fc } from '../helpers/property.js';

/**
 * The whole pipeline under generated input: HTML and Markdown articles made of the pieces that
 * hostile and damaged pages are made of (stray structure, bad attribute values, nesting, links to
 * fragments that go, control characters, CJK and Latin text). For every one: the build finishes,
 * no exception escapes and no article fails with an internal error (each input problem has its
 * own kind), and the EPUB passes epubcheck-ts with 0 errors and 0 warnings. A fixed seed
 * (test/helpers/property.ts); `WENJI_PROPERTY_SEED=random` explores.
 */
const root = mkdtempSync(path.join(tmpdir(), 'wenji-property-'));
const work = createArticleWork();
after(async () => {
  await work.close();
  rmSync(root, { recursive: true, force: true });
});

const texts = ['正文', '一段中文，', 'Latin words', '「引号」', '——', '&amp;', '&lt;b&gt;', ' ', '\u0001', '\u200b', '😀', 'ｆｕｌｌ', 'x'.repeat(300), 'https://example.com/a b', '\u202e'];
const tags = ['p', 'div', 'span', 'b', 'i', 'em', 'a', 'h2', 'h3', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'tr', 'td', 'th', 'caption', 'figure', 'figcaption', 'ruby', 'rt', 'rp', 'bdo', 'dfn', 'blockquote', 'pre', 'code', 'sup', 'sub', 'time', 'section', 'aside', 'br', 'img', 'source', 'script', 'style', 'iframe', 'svg'];
const attributes = fc.oneof(
  fc.constantFrom('id="x"', 'id="y"', 'href="#x"', 'href="#y"', 'href="javascript:x"', 'href="mailto:"', 'href="http://127.0.0.1:1/a b"', 'lang="zh&quot;"', 'lang="en"', 'dir="up"', 'dir="rtl"', 'colspan="0"', 'rowspan="x"', 'scope="q"', 'start="x"', 'value="v"', 'type="9"', 'datetime="昨天"', 'src="http://127.0.0.1:1/a.png"', 'src="../../etc/passwd"', 'srcset="http://127.0.0.1:1/b.webp 2x"', 'onclick="x()"', 'style="color:red"', 'headers="x y"', 'aria-describedby="y"'),
  fc.constant(''),
);

/** An HTML fragment, built as a string so that unclosed and misnested tags happen too. */
const htmlPiece: fc.Arbitrary<string> = fc.letrec<{ piece: string }>((tie) => ({
  piece: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...texts),
    fc.tuple(fc.constantFrom(...tags), attributes, fc.array(tie('piece'), { maxLength: 4 }), fc.boolean()).map(([tag, attribute, children, close]) => `<${tag}${attribute ? ` ${attribute}` : ''}>${children.join('')}${close ? `</${tag}>` : ''}`),
  ),
})).piece;

const markdownLines = ['# 标题', '## 小节 {#x}', '正文，[链](#x)。', '![图](http://127.0.0.1:1/a.png)', '> 引用', '- 项', '1. 一', '```', '`代码`', '| a | b |', '|---|---|', '[^1]', '[^1]: 注', '<b>粗', '</i>', '***', '___', '[', '](', '![', '&#0;', '<!--', 'https://example.com/x', '<h3 id="x"><br></h3>', '<dd>孤</dd>', ''];
const markdown = fc.array(fc.constantFrom(...markdownLines), { minLength: 1, maxLength: 25 }).map((lines) => `# 文\n\n${lines.join('\n')}\n`);

let runs = 0;
test('generated HTML and Markdown articles: the build finishes, nothing internal, EPUB 0 errors 0 warnings', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(htmlPiece, { minLength: 1, maxLength: 6 }), markdown, async (pieces, md) => {
      const book = path.join(root, `book-${++runs}`);
      mkdirSync(path.join(book, 'content'), { recursive: true });
      writeFileSync(path.join(book, 'book.yaml'), 'title: 性质\nslug: property\n');
      writeFileSync(path.join(book, 'content', '01-good.md'), '# 好\n\n好的正文。\n');
      writeFileSync(path.join(book, 'content', '02-generated.html'), `<h1>生成</h1>${pieces.join('')}`);
      writeFileSync(path.join(book, 'content', '03-generated.md'), md);
      const result = await buildOutputs({ dir: book, cwd: book, writers: ['epub'], cache: false, work });
      const internal = result.files.flatMap((file) => file.messages.filter((message) => message.ruleId === 'internal').map((message) => `${file.path}: ${message.reason}`));
      assert.deepEqual(internal, []);
      assert.ok(result.book.articles.some((article) => article.title === '好'), 'the good article is built');
      const check = await epubcheckTs(new Uint8Array(readFileSync(path.join(book, 'out', 'property.epub'))));
      assert.deepEqual(check.messages, [], `${pieces.join('')}\n---\n${md}`);
      rmSync(book, { recursive: true, force: true });
    }),
    { numRuns: Number(process.env.WENJI_PROPERTY_RUNS ?? 25) },
  );
});
