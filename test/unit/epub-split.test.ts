import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fc } from '../helpers/property.js';
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { toString } from 'hast-util-to-string';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { partLinkResolver, retargetLinks } from '../../src/writers/epub/part-links.js';
import { splitArticle } from '../../src/writers/epub/split-article.js';
import { toXhtml } from '../../src/writers/xhtml/serialize.js';
import { xmlByteLength } from '../../src/writers/xhtml/xml-size.js';
import { repoRoot } from '../helpers/paths.js';

const parse = (html: string) => unified().use(rehypeParse, { fragment: true }).parse(html) as Root;

/** What the EPUB writer's documents weigh, measured by writing them. */
function documentBytes(body: ElementContent[]): number {
  return Buffer.byteLength(toXhtml({ title: '标题 & <题>', language: 'zh-Hans', stylesheets: ['style.css'], body, bodyProperties: { className: ['article'], 'epub:type': 'bodymatter' } }));
}
const shell = documentBytes([{ type: 'text', value: 'x' }]) - 1;

describe('xmlByteLength', () => {
  test('is exactly what the XHTML serializer writes, for the sample articles', () => {
    for (const name of ['03-old-street.html']) {
      const tree = parse(readFileSync(path.join(repoRoot, 'content', name), 'utf8'));
      const body = tree.children.filter((child) => child.type === 'element' || child.type === 'text') as ElementContent[];
      assert.equal(shell + xmlByteLength(body), documentBytes(body), name);
    }
  });

  test('is exactly what the serializer writes for any tree: escapes, controls, empty elements, booleans, classes, aria and data attributes', () => {
    const text = fc.array(fc.constantFrom('中文', '&', '<', '>', '"', "'", ' ', '\n', '\u0001', '\u000B', '𠀀', 'é', '--', 'a'), { maxLength: 6 }).map((parts) => parts.join(''));
    const properties = fc.record(
      {
        id: text,
        className: fc.array(fc.constantFrom('a', 'tcy', 'align-center'), { maxLength: 3 }),
        href: text,
        hidden: fc.boolean(),
        reversed: fc.constantFrom(true, false, '', 'reversed'),
        ariaLabel: text,
        ariaLabelledBy: text,
        dataFootnoteRef: fc.constantFrom(true, ''),
        width: fc.nat(2000),
        'epub:type': fc.constantFrom('noteref', 'footnote'),
        title: fc.constantFrom(undefined, null),
      },
      { requiredKeys: [] },
    );
    const node: fc.Arbitrary<ElementContent> = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, text.map((value): ElementContent => ({ type: 'text', value })), tie('element'), text.map((value): ElementContent => ({ type: 'comment', value }))),
      element: fc
        .tuple(fc.constantFrom('p', 'span', 'img', 'br', 'ol', 'aside'), properties, fc.array(tie('node'), { maxLength: 3 }))
        .map(([tagName, props, children]): ElementContent => ({ type: 'element', tagName, properties: props as Element['properties'], children: children as ElementContent[] })),
    })).node as fc.Arbitrary<ElementContent>;
    fc.assert(
      // Inside a section, as an article's content always is (an empty one is written `<section />`).
      fc.property(fc.array(node, { maxLength: 4 }), (content) => {
        const body = [h('section', content)];
        return shell + xmlByteLength(body) === documentBytes(body);
      }),
      { numRuns: 400 },
    );
  });
});

/** A Chinese paragraph of about `kb` KB of UTF-8. */
const paragraph = (kb: number, extra: ElementContent[] = []) => h('p', ['灯'.repeat(Math.round((kb * 1024) / 3)), ...extra]);
const noteref = (n: number) => h('a', { href: `#fn-${n}`, id: `ref-${n}`, 'epub:type': 'noteref', role: 'doc-noteref' }, String(n));
const note = (n: number) => h('aside', { id: `fn-${n}`, 'epub:type': 'footnote', role: 'doc-footnote', className: ['footnote'] }, [h('p', [h('a', { href: `#ref-${n}` }, String(n)), ` 注释${n}`])]);
const notesSection = (...notes: Element[]) =>
  h('section', { className: ['footnotes'], 'epub:type': 'footnotes', ariaLabel: '注释' }, [h('aside', { className: ['footnotes-heading'], 'epub:type': 'footnote', role: 'doc-footnote', ariaHidden: 'true' }, [h('p', '注释')]), ...notes]);
const options = (budget: number) => ({ budget: budget * 1024, overhead: 600, filename: (n: number) => (n === 1 ? 'a.xhtml' : `a_${n}.xhtml`) });
const partSizes = (parts: { children: ElementContent[] }[]) => parts.map((part) => 600 + xmlByteLength(part.children));
const texts = (nodes: ElementContent[]) => nodes.filter((node): node is Element => node.type === 'element').map((node) => node.tagName);

describe('splitArticle', () => {
  test('an article that fits is one part, as it is', () => {
    const children = [h('header', [h('h1', '题')]), paragraph(10), paragraph(10)];
    const layout = splitArticle(children, options(50));
    assert.equal(layout.parts.length, 1);
    assert.equal(layout.parts[0]!.children, children);
    assert.equal(layout.files, undefined);
  });

  test('splits before an h2 in the second half of a part; every part within the budget', () => {
    const children: ElementContent[] = [h('header', [h('h1', '题')])];
    for (let section = 1; section <= 6; section++) children.push(h('h2', { id: `s${section}` }, `第${section}节`), paragraph(8), paragraph(8), paragraph(8));
    const layout = splitArticle(children, options(60));
    assert.ok(layout.parts.length >= 3, `${layout.parts.length} parts`);
    for (const size of partSizes(layout.parts)) assert.ok(size <= 60 * 1024, `${size} bytes`);
    for (const part of layout.parts.slice(1)) assert.equal(texts(part.children)[0], 'h2', 'later parts begin with a section heading');
    assert.equal(texts(layout.parts[0]!.children)[0], 'header');
    assert.deepEqual(layout.parts.flatMap((part) => part.children), children, 'nothing lost, nothing reordered');
    assert.equal(layout.files!.get('s1'), 'a.xhtml');
    assert.equal(layout.files!.get('s6'), layout.parts.at(-1)!.filename);
  });

  test('without headings it splits between paragraphs, and a heading is never left at the end of a part', () => {
    const children: ElementContent[] = [h('header', [h('h1', '题')])];
    for (let index = 0; index < 30; index++) children.push(index % 7 === 6 ? h('h3', `小标题${index}`) : paragraph(5));
    const layout = splitArticle(children, options(40));
    assert.ok(layout.parts.length >= 3);
    for (const part of layout.parts) assert.doesNotMatch(texts(part.children).at(-1)!, /^h[1-6]$/);
    for (const size of partSizes(layout.parts)) assert.ok(size <= 40 * 1024, `${size} bytes`);
  });

  test('each note goes to the part that refers to it first, under its own notes heading; unreferenced notes go last', () => {
    const children: ElementContent[] = [h('header', [h('h1', '题')])];
    for (let index = 1; index <= 12; index++) children.push(paragraph(6, index <= 10 ? [noteref(index)] : []));
    children.push(paragraph(1, [noteref(1)]));
    children.push(notesSection(...Array.from({ length: 11 }, (_, index) => note(index + 1))));
    const layout = splitArticle(children, options(30));
    assert.ok(layout.parts.length >= 3);
    const placement = new Map<string, number>();
    layout.parts.forEach((part, index) => {
      const notes = part.children.find((child): child is Element => child.type === 'element' && child.tagName === 'section');
      if (!notes) return;
      assert.equal(toString(notes.children[0] as Element), '注释', `part ${index + 1}: the heading first`);
      for (const aside of notes.children.slice(1) as Element[]) placement.set(String(aside.properties.id), index);
    });
    assert.equal(placement.size, 11, 'every note placed once');
    for (let n = 1; n <= 10; n++) assert.equal(layout.files!.get(`fn-${n}`), layout.files!.get(`ref-${n}`), `note ${n} is with its first reference`);
    assert.equal(placement.get('fn-11'), layout.parts.length - 1);
    for (const size of partSizes(layout.parts)) assert.ok(size <= 30 * 1024, `${size} bytes`);
  });

  test('a container larger than the budget is split into its children, its copies keeping the id once', () => {
    const children: ElementContent[] = [h('header', [h('h1', '题')]), h('div', { id: 'all', className: ['wrapper'] }, Array.from({ length: 12 }, () => paragraph(6)))];
    const layout = splitArticle(children, options(30));
    assert.ok(layout.parts.length >= 3);
    const wrappers = layout.parts.map((part) => part.children.find((child): child is Element => child.type === 'element' && child.tagName === 'div')!);
    assert.ok(wrappers.every((wrapper) => wrapper && wrapper.properties.className?.toString() === 'wrapper'));
    assert.deepEqual(wrappers.map((wrapper) => wrapper.properties.id), ['all', ...wrappers.slice(1).map(() => undefined)]);
    assert.equal(wrappers.reduce((total, wrapper) => total + wrapper.children.length, 0), 12);
  });

  test('a single block larger than the budget stands alone in its part (it cannot be split)', () => {
    const children: ElementContent[] = [h('header', [h('h1', '题')]), paragraph(5), paragraph(50), paragraph(5)];
    const layout = splitArticle(children, options(20));
    assert.deepEqual(layout.parts.map((part) => part.children.length), [2, 1, 1]);
  });
});

describe('links into split articles', () => {
  const files = new Map([
    ['long-s1', 'long.xhtml'],
    ['long-s9', 'long_3.xhtml'],
    ['long-fn-1', 'long_3.xhtml'],
  ]);
  const resolve = partLinkResolver(files);

  test('a link to an id lands on the part that holds it, from a part, another article or the nav', () => {
    assert.equal(resolve('#long-s9', 'long.xhtml'), 'long_3.xhtml#long-s9');
    assert.equal(resolve('#long-fn-1', 'long_3.xhtml'), '#long-fn-1', 'same part: unchanged');
    assert.equal(resolve('long.xhtml#long-s9', 'short.xhtml'), 'long_3.xhtml#long-s9');
    assert.equal(resolve('long.xhtml#long-s1', 'nav'), 'long.xhtml#long-s1');
    assert.equal(resolve('long.xhtml', 'short.xhtml'), 'long.xhtml', 'the article itself is its first part');
    assert.equal(resolve('https://example.org/#long-s9', 'short.xhtml'), 'https://example.org/#long-s9');
    assert.equal(resolve('#elsewhere', 'long.xhtml'), '#elsewhere');
  });

  test('retargeting copies the nodes it changes and reports the changes; unchanged nodes are returned as they are', () => {
    const nodes = [h('p', [h('a', { href: '#long-s9' }, '看'), h('a', { href: '#long-s1' }, '前')])];
    const moved = retargetLinks(nodes, resolve, 'long.xhtml');
    assert.deepEqual(moved.changes, ['#long-s9', 'long_3.xhtml#long-s9']);
    assert.equal(((nodes[0]!.children[0] as Element).properties.href), '#long-s9', 'the book is not changed');
    assert.equal(((moved.nodes[0] as Element).children[0] as Element).properties.href, 'long_3.xhtml#long-s9');
    const local = [h('p', [h('a', { href: '#long-s1' }, '前'), h('a', { href: 'https://example.org/' }, '外')])];
    const same = retargetLinks(local, resolve, 'long.xhtml');
    assert.equal(same.nodes, local);
    assert.deepEqual(same.changes, []);
  });
});
