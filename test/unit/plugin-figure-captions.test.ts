import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import rehypeRaw from 'rehype-raw';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import rehypeFigureCaptions from '../../src/normalize/plugins/rehype-figure-captions.js';
import rehypeImageFigures from '../../src/normalize/plugins/rehype-image-figures.js';
import rehypeSanitizeArticle from '../../src/normalize/plugins/rehype-sanitize-article.js';
import { fragmentToXml } from '../../src/writers/xhtml/serialize.js';
import { runPlugins } from '../helpers/run-plugin.js';

/** Sanitized as an article is, then figures and captions: the order of normalizePlugins. */
const figures = async (html: string) => (await runPlugins(html, [[rehypeSanitizeArticle], [rehypeImageFigures], [rehypeFigureCaptions]])).tree;
const serialize = (tree: Root) => fragmentToXml(tree).replaceAll(' xmlns="http://www.w3.org/1999/xhtml"', '');
const xml = async (html: string) => serialize(await figures(html));
const captionText = (tree: Root) => selectAll('figcaption', tree).map((node) => toString(node));

describe('rehype-image-figures', () => {
  test('a paragraph of one image becomes a figure: the image is no longer inside an indented paragraph', async () => {
    assert.equal(await xml('<p> <img src="a.png" alt="灯"> </p><p>正文<img src="icon.png" alt="">继续</p>'), '<figure><img src="a.png" alt="灯" /></figure><p>正文<img src="icon.png" alt="" />继续</p>');
  });

  test('several images, images inside links or spans, line breaks between them: one figure', async () => {
    const tree = await figures('<p id="x"><a href="https://example.org/big.jpg"><img src="a.png" alt="甲"></a><br><span><img src="b.png" alt="乙"></span></p>');
    const figure = select('figure', tree)!;
    assert.equal(figure.properties.id, 'x', 'the paragraph’s id stays (it may be a link target)');
    assert.equal(selectAll('img', figure).length, 2);
    assert.equal(select('br', figure), undefined);
    assert.equal(select('p', tree), undefined);
  });

  test('a paragraph with text, or with nothing, is left alone', async () => {
    const html = '<p>图在下面：</p><p><img src="a.png" alt="">，说明</p><p><a href="x.html">链接</a></p>';
    assert.equal(await xml(html), html.replace('alt="">', 'alt="" />'));
  });
});

describe('rehype-figure-captions', () => {
  test('an italic line right after an image is its caption, without the emphasis (the issue’s photo caption)', async () => {
    const tree = await figures('<p><img src="a.jpg" alt="合影"></p><p><em>Ruslan Salakhutdinov 在实验室</em></p><p>正文第一段。</p>');
    assert.deepEqual(captionText(tree), ['Ruslan Salakhutdinov 在实验室']);
    assert.equal(selectAll('figcaption em, figcaption i', tree).length, 0, 'no emphasis, so no emphasis dots');
    assert.equal(selectAll('p', tree).length, 1, 'the caption paragraph is gone from the text; the next paragraph stays');
    assert.ok(select('figure > figcaption:last-child', tree));
  });

  test('the caption keeps its links and other inline markup', async () => {
    const tree = await figures('<p><img src="a.jpg" alt=""></p><p><i>摄于老街，见<a href="https://example.org/">原帖</a>，<strong>1983</strong> 年</i></p>');
    const caption = select('figcaption', tree)!;
    assert.equal(select('a', caption)?.properties.href, 'https://example.org/');
    assert.ok(select('strong', caption));
    assert.equal(select('i', caption), undefined);
  });

  test('a long italic paragraph after an image is a pull quote, not a caption', async () => {
    const quote = '那一年冬天特别冷，'.repeat(10);
    const tree = await figures(`<p><img src="a.jpg" alt=""></p><p><em>${quote}</em></p>`);
    assert.deepEqual(captionText(tree), []);
    assert.ok(select('p > em', tree), 'the quote keeps its emphasis');
  });

  test('an italic paragraph that is only partly italic, or not next to an image, stays text', async () => {
    const tree = await figures('<p><img src="a.jpg" alt=""></p><p><em>上图</em>是我家的老屋。</p><p>正文。</p><p><em>独立的斜体句子。</em></p>');
    assert.deepEqual(captionText(tree), []);
    assert.equal(selectAll('p', tree).length, 3);
  });

  test('a caption class (WordPress, themes) marks a caption of any length; the class does not reach the book', async () => {
    const long = '这是一段很长的图片说明，'.repeat(12);
    const tree = await figures(`<p><img src="a.jpg" alt=""></p><p class="wp-caption-text">${long}</p><p class="caption other">不在图后的说明</p>`);
    assert.deepEqual(captionText(tree), [long]);
    const stray = selectAll('p', tree);
    assert.equal(stray.length, 1);
    assert.deepEqual(stray[0]!.properties.className, undefined, 'caption classes are dropped, unknown ones never got through the sanitizer');
  });

  test('the sanitizer lets through caption classes only, and only on paragraphs and divisions', async () => {
    const tree = (await runPlugins('<p class="wp-caption-text evil">说明</p><p class="lead">导语</p><span class="caption">x</span>', [[rehypeSanitizeArticle]])).tree;
    const [caption, lead] = selectAll('p', tree);
    assert.deepEqual(caption!.properties.className, ['wp-caption-text']);
    assert.equal(lead!.properties.className, undefined);
    assert.equal(select('span', tree)?.properties.className, undefined);
  });

  test('a paragraph inside the figure becomes its caption, placed last', async () => {
    const result = await xml('<figure><p>图一：石板路</p><img src="a.jpg" alt=""></figure>');
    assert.equal(result, '<figure><img src="a.jpg" alt="" /><figcaption>图一：石板路</figcaption></figure>');
  });

  test('a figure without an image (a quotation) takes no caption from the text after it', async () => {
    const tree = await figures('<figure><blockquote><p>引文。</p></blockquote></figure><p><em>后面的斜体</em></p>');
    assert.deepEqual(captionText(tree), []);
    assert.ok(select('p > em', tree));
  });

  test('a figure that has a caption keeps it (its emphasis dropped) and takes no other', async () => {
    const tree = await figures('<figure><img src="a.jpg" alt=""><figcaption><em>原有的说明</em></figcaption></figure><p><em>后面的斜体</em></p>');
    assert.deepEqual(captionText(tree), ['原有的说明']);
    assert.equal(select('figcaption em', tree), undefined);
    assert.ok(select('p > em', tree));
  });

  test('short lines that begin like captions in Chinese web writing (▲, 图：, 摄影：) are captions; the ▲ goes', async () => {
    const tree = await figures('<p><img src="a.jpg" alt=""></p><p>▲ 1983 年的厂门</p><p><img src="b.jpg" alt=""></p><p>图：长埠街口</p><p><img src="c.jpg" alt=""></p><p>摄影：陈一帆</p><p><img src="d.jpg" alt=""></p><p>图书馆在街的另一头。</p>');
    assert.deepEqual(captionText(tree), ['1983 年的厂门', '图：长埠街口', '摄影：陈一帆']);
    assert.equal(selectAll('p', tree).length, 1, '“图书馆…” is a sentence, not a caption');
  });

  test('image, line break, italic line in one paragraph: a figure with that caption', async () => {
    assert.equal(await xml('<p><img src="a.jpg" alt="x"><br><em>雨后的骑楼</em></p>'), '<figure><img src="a.jpg" alt="x" /><figcaption>雨后的骑楼</figcaption></figure>');
  });

  test('Markdown ![alt](src "title"): the title is the caption (and no longer a tooltip)', async () => {
    const processor = unified().use(remarkParse).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw).use(rehypeSanitizeArticle).use(rehypeImageFigures).use(rehypeFigureCaptions);
    const tree = (await processor.run(processor.parse('前文。\n\n![一盏油灯](images/lamp.png "外婆的灯（作者绘）")\n\n后文。\n'))) as Root;
    assert.equal(serialize({ type: 'root', children: [select('figure', tree)!] }), '<figure><img src="images/lamp.png" alt="一盏油灯" /><figcaption>外婆的灯（作者绘）</figcaption></figure>');
    assert.equal(selectAll('p', tree).length, 2);
  });

  test('an italic line after the image wins over the image’s title', async () => {
    const tree = await figures('<p><img src="a.jpg" alt="" title="标题"></p><p><em>看得见的说明</em></p>');
    assert.deepEqual(captionText(tree), ['看得见的说明']);
    assert.equal(select('img', tree)!.properties.title, '标题');
  });

  test('captions inside blockquotes and list items are found; code is never touched', async () => {
    const tree = await figures('<blockquote><p><img src="a.jpg" alt=""></p><p><em>引文里的图</em></p></blockquote><ul><li><p><img src="b.jpg" alt=""></p><p><i>列表里的图</i></p></li></ul><pre><code>![x](y.png)</code></pre>');
    assert.deepEqual(captionText(tree), ['引文里的图', '列表里的图']);
    assert.equal(toString(select('pre', tree)!), '![x](y.png)');
  });

  test('running the plugins twice changes nothing more', async () => {
    const html = '<p><img src="a.jpg" alt=""></p><p><em>说明</em></p><p>正文。</p>';
    const once = await figures(html);
    const twice = (await runPlugins(serialize(once), [[rehypeImageFigures], [rehypeFigureCaptions]])).tree;
    assert.equal(serialize(twice), serialize(once));
  });
});
