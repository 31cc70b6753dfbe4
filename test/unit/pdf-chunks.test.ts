import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Root } from 'hast';
import { h } from 'hastscript';
import { charactersPerPage, chunkDocuments, chunkLinkPrefix, planChunks } from '../../src/writers/pdf/chunks.js';
import { pageGeometries } from '../../src/writers/pdf/geometry.js';

describe('planChunks', () => {
  test('cuts between parts once the next would go over the budget, never inside one', () => {
    assert.deepEqual(planChunks([40, 40, 40, 40, 40], 100), [2, 2, 1]);
    // A part bigger than the budget is a chunk of its own.
    assert.deepEqual(planChunks([10, 500, 10, 10], 100), [1, 1, 2]);
    assert.deepEqual(planChunks([10, 20], Infinity), [2]);
    assert.deepEqual(planChunks([], 100), []);
  });

  test('cuts only where allowed: a part title page stays with the article it opens', () => {
    // Part 2 is a title page (no cut after it).
    assert.deepEqual(planChunks([60, 30, 1, 60, 60], 100, (index) => index !== 2), [2, 2, 1]);
    assert.deepEqual(planChunks([60, 39, 1, 60], 100, (index) => index !== 2), [2, 2]);
    // Nowhere to cut: one run.
    assert.deepEqual(planChunks([60, 60, 60], 100, () => false), [3]);
  });
});

test('charactersPerPage: about what the bench corpus sets on a vertical A5 page (515)', () => {
  const a5 = charactersPerPage(pageGeometries.a5);
  assert.ok(a5 > 450 && a5 < 650, String(a5));
  assert.ok(charactersPerPage(pageGeometries['6in']) < a5);
});

describe('chunkDocuments', () => {
  const text = (n: number) => '字'.repeat(n);
  const tree = (): Root => ({
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', [
        h('head', [h('style', '@page { margin: 1mm }')]),
        h('body', [
          h('section', { id: 'a', className: ['article'] }, [h('h1', { id: 'a-title' }, 'A'), h('p', text(80)), h('a', { href: '#c-s1' }, '→c')]),
          h('section', { id: 'b', className: ['article'] }, [h('h1', { id: 'b-title' }, 'B'), h('p', text(80)), h('a', { href: '#a' }, '→a'), h('a', { href: '#b-title' }, '→b')]),
          h('section', { className: ['part-title'] }, [h('h1', { id: 'part-2' }, 'Part two')]),
          h('section', { id: 'c', className: ['article'] }, [h('h1', { id: 'c-title' }, 'C'), h('h2', { id: 'c-s1' }, 'c1'), h('p', text(80))]),
          h('section', { className: ['colophon'] }, [h('h1', { id: 'wenji_colophon' }, 'Colophon')]),
        ]),
      ]),
    ],
  });

  test('one chunk for a small book: the whole body and a nav to every heading', () => {
    const [only, ...rest] = chunkDocuments(tree(), ['a-title', 'b-title', 'c-title', 'c-s1', 'wenji_colophon'], Infinity);
    assert.equal(rest.length, 0);
    assert.equal(only!.parts, 5);
    assert.match(only!.html, /<nav hidden><a href="#a-title"><\/a><a href="#b-title"><\/a><a href="#c-title"><\/a><a href="#c-s1"><\/a><a href="#wenji_colophon"><\/a><\/nav>/);
    assert.ok(!only!.html.includes(chunkLinkPrefix));
  });

  test('several chunks: links across them go by id, their targets get a destination in their own chunk', () => {
    const source = tree();
    const before = JSON.stringify(source);
    const chunks = chunkDocuments(source, ['a-title', 'b-title', 'c-title', 'c-s1', 'wenji_colophon'], 100, { css: '@page :left { margin: 2mm }', aliases: new Map([['a', 'a-title']]) });
    assert.equal(JSON.stringify(source), before, 'the book is not changed');
    assert.deepEqual(chunks.map((chunk) => chunk.parts), [1, 1, 3]);
    const [first, second, third] = chunks.map((chunk) => chunk.html);
    // Every chunk has the head, and the extra rule after the page rules.
    for (const html of [first, second, third]) assert.match(html!, /@page \{ margin: 1mm \}<\/style><style>@page :left \{ margin: 2mm \}<\/style><\/head>/);
    assert.match(first!, new RegExp(`href="${chunkLinkPrefix}c-s1"`));
    // A link to an article leads to its title; in its own chunk a link stays a fragment.
    assert.match(second!, new RegExp(`href="${chunkLinkPrefix}a-title"`));
    assert.match(second!, /href="#b-title">→b/);
    assert.match(first!, /<nav hidden><a href="#a-title"><\/a><\/nav>/);
    // The part title page went with the article it opens; the colophon with the last article.
    assert.match(third!, /Part two.*<h1 id="c-title">/s);
    assert.match(third!, /<nav hidden><a href="#c-title"><\/a><a href="#c-s1"><\/a><a href="#wenji_colophon"><\/a><\/nav>/);
  });
});
