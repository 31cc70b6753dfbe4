import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Element, Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import rehypeRaw from 'rehype-raw';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import rehypeFootnotes, { type Options } from '../../src/normalize/plugins/rehype-footnotes.js';
import rehypeScopeIds from '../../src/normalize/plugins/rehype-scope-ids.js';
import type { Article, Book } from '../../src/book/model.js';
import { noteTypesTransform } from '../../src/writers/epub/note-types.js';
import { fragmentToXml } from '../../src/writers/xhtml/serialize.js';
import { runPlugins } from '../helpers/run-plugin.js';

const zh: Options = {
  notesLabel: '注释',
  noteRefLabel: (n) => `注释 ${n}`,
  backLabel: (n) => `返回正文 ${n}`,
};

/** Markdown as `parseMarkdown` reads it (GFM footnotes, ids without `user-content-`), ids scoped, then notes. */
async function fromMarkdown(markdown: string, options: Options = zh): Promise<Root> {
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: '', footnoteLabel: 'Footnotes' })
    .use(rehypeRaw)
    .use(rehypeScopeIds, { prefix: 'art' })
    .use(rehypeFootnotes, options);
  return (await processor.run(processor.parse(markdown))) as Root;
}

const fromHtml = async (html: string, options: Options = zh) => (await runPlugins(html, [[rehypeFootnotes, options]])).tree;

const attribute = (element: Element | undefined, name: string) => element?.properties[name];

/** A book of one article with this body, as the EPUB writer's note-types pass leaves it. */
function epubTyped(body: Root, digest?: string): Article {
  const article = { id: 'art', file: 'a.md', contentPath: 'a.md', title: '文', authors: [], translators: [], tags: [], body, sections: [], images: [], length: 1, ...(digest ? { digest } : {}) } as Article;
  const book: Book = { meta: { title: '书', authors: [], editors: [], language: 'zh-Hans', identifier: 'x', modified: '2026-01-01T00:00:00Z', description: '', slug: 'x' }, articles: [article], parts: [], images: [] };
  return noteTypesTransform.apply(book).articles[0]!;
}

function allProperties(tree: Root): string[] {
  const names = new Set<string>();
  visit(tree, 'element', (node) => {
    for (const key of Object.keys(node.properties)) names.add(key);
  });
  return [...names];
}

const story = `正文一处[^1]，又一处[^note]，再引第一条[^1]。

[^1]: 第一条注释。
[^note]: 第二条注释的第一段。

    第二段。
`;

describe('rehype-footnotes: GFM footnotes from Markdown', () => {
  test('references become noterefs, the same for every writer', async () => {
    const tree = await fromMarkdown(story);
    const refs = selectAll('a.noteref', tree);
    assert.equal(refs.length, 3);
    const [first, second, third] = refs;
    assert.equal(attribute(first, 'role'), 'doc-noteref');
    assert.ok(!allProperties(tree).includes('epub:type'), 'EPUB semantics are the EPUB writer\'s');
    assert.equal(attribute(first, 'href'), '#art-fn-1');
    assert.equal(attribute(first, 'id'), 'art-fnref-1');
    assert.equal(attribute(first, 'ariaLabel'), '注释 1');
    assert.equal(toString(first!), '1');
    assert.equal(attribute(second, 'href'), '#art-fn-note');
    assert.equal(attribute(second, 'ariaLabel'), '注释 2');
    assert.equal(toString(second!), '2');
    assert.equal(attribute(third, 'href'), '#art-fn-1');
    assert.equal(attribute(third, 'id'), 'art-fnref-1-2');
    assert.ok(refs.every((ref) => ref.properties.dataFootnoteRef === undefined && ref.properties.ariaDescribedBy === undefined));
  });

  test('the notes become asides in one section.footnotes labelled with the notes label', async () => {
    const tree = await fromMarkdown(story);
    const sections = selectAll('section', tree);
    assert.equal(sections.length, 1);
    const section = sections[0]!;
    assert.deepEqual(section.properties.className, ['footnotes']);
    assert.equal(section.properties.ariaLabel, '注释', 'screen readers hear the label');
    assert.equal(section.properties.dataFootnotes, undefined);
    const [heading, ...rest] = section.children.filter((child): child is Element => child.type === 'element');
    assert.deepEqual(rest.map((child) => child.tagName), ['aside', 'aside']);
    for (const aside of rest) {
      assert.equal(attribute(aside, 'role'), 'doc-footnote');
      assert.deepEqual(aside.properties.className, ['footnote']);
    }
    assert.deepEqual(rest.map((aside) => aside.properties.id), ['art-fn-1', 'art-fn-note']);
    assert.equal(heading?.tagName, 'aside');
    assert.equal(toString(heading!), '注释');
    assert.equal(select('ol, li, h2, section section', tree), undefined, 'no GFM list or English heading left');
    assert.ok(!toString(tree).includes('Footnotes'));
  });

  test('the heading is hidden wherever the notes are hidden: an aside of the same kind that nothing refers to', async () => {
    const tree = await fromMarkdown(story);
    const heading = select('section.footnotes > :first-child', tree)!;
    assert.equal(heading.tagName, 'aside');
    // What foliate (aside[epub|type~="footnote"]) and KOReader ([type~="footnote"], [role~="doc-footnote"]) hide.
    const epubHeading = select('section.footnotes > :first-child', epubTyped(tree).body)!;
    assert.ok(String(attribute(epubHeading, 'epub:type')).split(' ').includes('footnote'));
    assert.ok(String(attribute(heading, 'role')).split(' ').includes('doc-footnote'));
    assert.equal(heading.properties.ariaHidden, 'true', 'not read out as a note');
    assert.equal(heading.properties.id, undefined);
    assert.deepEqual(select('p', heading)?.properties.className, ['footnotes-title']);
    const refs = selectAll('a[href]', tree).map((a) => String(a.properties.href));
    assert.ok(refs.length > 0 && refs.every((href) => href !== '#' && !href.endsWith('-heading')), 'no link leads to the heading');
    assert.equal(selectAll('section.footnotes > p', tree).length, 0, 'nothing outside an aside is left to show alone');
  });

  test('every noteref points at an aside that exists', async () => {
    const tree = await fromMarkdown(story);
    const asideIds = new Set(selectAll('aside.footnote', tree).map((aside) => `#${String(aside.properties.id)}`));
    for (const ref of selectAll('a.noteref', tree)) assert.ok(asideIds.has(String(ref.properties.href)), String(ref.properties.href));
  });

  test('each note starts with its number, linking back to the first reference', async () => {
    const tree = await fromMarkdown(story);
    const [one, two] = selectAll('aside.footnote', tree);
    const number = select('p:first-child > a.footnote-number:first-child', one!);
    assert.ok(number, 'the number is the first thing in the first paragraph');
    assert.equal(toString(number), '1');
    assert.equal(attribute(number, 'role'), 'doc-backlink');
    assert.equal(attribute(number, 'href'), '#art-fnref-1');
    assert.equal(attribute(number, 'ariaLabel'), '返回正文 1');
    assert.equal(toString(select('p', one!)!), '1 第一条注释。');
    const twoNumber = select('a.footnote-number', two!);
    assert.equal(toString(twoNumber!), '2');
    assert.equal(attribute(twoNumber, 'href'), '#art-fnref-note');
    assert.equal(attribute(twoNumber, 'ariaLabel'), '返回正文 2');
  });

  test('GFM back-references (↩, ↩²) are removed, with the space before them', async () => {
    const tree = await fromMarkdown(story);
    assert.ok(!toString(tree).includes('↩'));
    assert.equal(select('[data-footnote-backref]', tree), undefined);
    assert.equal(selectAll('a.footnote-number', tree).length, 2, 'one link back per note');
    const paragraphs = selectAll('aside.footnote p', tree).map((p) => toString(p));
    assert.deepEqual(paragraphs, ['1 第一条注释。', '2 第二条注释的第一段。', '第二段。']);
    assert.equal(select('aside sup', tree), undefined, 'the ² of the second back-reference is gone too');
  });

  test('labels come from the options', async () => {
    const tree = await fromMarkdown('Text[^a].\n\n[^a]: A note.\n', {
      notesLabel: 'Notes',
      noteRefLabel: (n) => `Note ${n}`,
      backLabel: (n) => `Back to text ${n}`,
    });
    assert.equal(toString(select('p.footnotes-title', tree)!), 'Notes');
    assert.equal(attribute(select('a.noteref', tree), 'ariaLabel'), 'Note 1');
    assert.equal(attribute(select('a.footnote-number', tree), 'ariaLabel'), 'Back to text 1');
  });

  test('a note that starts with a list gets its number in a paragraph of its own, before the list', async () => {
    const tree = await fromMarkdown('文[^l]\n\n[^l]:\n    - 甲\n    - 乙\n\n    后记。\n');
    const aside = select('aside.footnote', tree)!;
    const blocks = aside.children.filter((child): child is Element => child.type === 'element');
    assert.deepEqual(blocks.map((block) => block.tagName), ['p', 'ul', 'p']);
    assert.equal(toString(blocks[0]!), '1');
    assert.ok(select('a.footnote-number', blocks[0]!));
    assert.equal(selectAll('aside.footnote', tree).length, 1, 'list items inside a note are not notes');
  });

  test('in the EPUB the XML carries epub:type and the ARIA roles, the type before the role', async () => {
    const tree = await fromMarkdown('文[^1]\n\n[^1]: 注。\n');
    assert.doesNotMatch(fragmentToXml(tree), /epub:type/);
    const typed = epubTyped(tree, 'digest-1');
    assert.notEqual(typed.digest, 'digest-1', 'what the pass changes is part of the digest');
    assert.ok(!allProperties(tree).includes('epub:type'), 'the book is not changed');
    const xml = fragmentToXml(typed.body);
    assert.match(xml, /<section[^>]* class="footnotes" epub:type="footnotes" aria-label="注释"><aside class="footnotes-heading" epub:type="footnote" role="doc-footnote" aria-hidden="true">/);
    assert.match(xml, /<a href="#art-fn-1" id="art-fnref-1" epub:type="noteref" role="doc-noteref" aria-label="注释 1" class="noteref">1<\/a>/);
    assert.match(xml, /<aside id="art-fn-1" epub:type="footnote" role="doc-footnote" class="footnote"><p><a href="#art-fnref-1" role="doc-backlink" aria-label="返回正文 1" class="footnote-number">1<\/a> 注。<\/p>/);
  });

  test('a Markdown file without footnotes is unchanged', async () => {
    const tree = await fromMarkdown('只有正文。\n');
    assert.equal(select('section, aside, a', tree), undefined);
    assert.equal(toString(tree), '只有正文。');
    assert.equal(epubTyped(tree).body, tree, 'the EPUB pass leaves an article without notes as it is');
  });

  test('the EPUB pass types only the elements rehype-footnotes made', async () => {
    const tree = await fromHtml('<section class="footnotes"><p>作者自己的“注”</p></section><p><a href="#x">链接</a></p><aside id="x">旁注</aside>');
    assert.ok(!allProperties(epubTyped(tree).body).includes('epub:type'));
  });
});

describe('rehype-footnotes: hand-written and broken markup', () => {
  test('phrasing-only notes without GFM back-references are wrapped and link back to their reference', async () => {
    const tree = await fromHtml(
      '<p>文<sup><a href="#n1" id="r1" data-footnote-ref>1</a></sup></p><section data-footnotes><ol><li id="n1">注<em>释</em></li></ol></section>',
    );
    const aside = select('aside.footnote', tree)!;
    assert.equal(aside.properties.id, 'n1');
    const p = select('p', aside)!;
    assert.equal(toString(p), '1 注释');
    assert.equal(attribute(select('a.footnote-number', p), 'href'), '#r1');
  });

  test('a note nobody references still gets a number, but no dead link', async () => {
    const tree = await fromHtml('<section data-footnotes><ol><li id="a">甲</li><li id="b">乙</li></ol></section>');
    const numbers = selectAll('a.footnote-number', tree);
    assert.deepEqual(numbers.map((a) => toString(a)), ['1', '2']);
    assert.ok(numbers.every((a) => a.properties.href === undefined));
  });

  test('a reference to a note that does not exist becomes plain text', async () => {
    const tree = await fromHtml('<p>文<sup><a href="#missing" data-footnote-ref>9</a></sup>，又<sup><a data-footnote-ref>8</a></sup></p>');
    assert.equal(select('a', tree), undefined);
    assert.equal(toString(tree), '文9，又8');
    assert.ok(!allProperties(tree).includes('epub:type'));
  });

  test('ordinary links and sections are not touched', async () => {
    const { xml } = await runPlugins('<section><ol><li id="x"><a href="#x">自</a></li></ol></section>', [[rehypeFootnotes, zh]]);
    assert.equal(xml.replace(/ xmlns="[^"]+"/g, ''), '<section><ol><li id="x"><a href="#x">自</a></li></ol></section>');
  });

  test('empty input', async () => {
    const tree = await fromHtml('');
    assert.deepEqual(tree.children, []);
  });
});
