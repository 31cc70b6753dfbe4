import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { koboDocument } from '../../src/writers/kepub/kobo-spans.js';
import { splitSentences } from '../../src/writers/kepub/sentences.js';
import { toXhtml } from '../../src/writers/xhtml/serialize.js';

describe('splitSentences', () => {
  const cases: [string, string[]][] = [
    ['一。二！三？', ['一。', '二！', '三？']],
    ['她问：“走吗？”我说：“走。”', ['她问：“走吗？”', '我说：“走。”']],
    ['「はい。」と言った。', ['「はい。」', 'と言った。']],
    ['等一等……好吧。', ['等一等……', '好吧。']],
    ['One. Two?! Three', ['One. ', 'Two?! ', 'Three']],
    ['Pi is 3.14 and e is 2.72.', ['Pi is 3.14 and e is 2.72.']],
    ['He said "stop." Then left.', ['He said "stop." ', 'Then left.']],
    ['没有句号', ['没有句号']],
    ['结尾。  ', ['结尾。  ']],
    ['   ', ['   ']],
  ];
  for (const [text, pieces] of cases) {
    test(JSON.stringify(text), () => {
      assert.deepEqual(splitSentences(text), pieces);
      assert.equal(splitSentences(text).join(''), text);
    });
  }
  test('no piece is empty', () => assert.deepEqual(splitSentences(''), []));
});

describe('koboDocument', () => {
  const document = (body: ElementContent[]) => ({ title: 't', language: 'zh-Hans', stylesheets: ['style.css'], body });
  const spans = (nodes: ElementContent[]): [string, string][] =>
    nodes.flatMap((node): [string, string][] => {
      if (node.type !== 'element') return [];
      if (node.properties.className && (node.properties.className as string[]).includes('koboSpan')) {
        const child = node.children[0]!;
        return [[String(node.properties.id), child.type === 'text' ? child.value : `<${(child as Element).tagName}>`]];
      }
      return spans(node.children);
    });

  test('paragraphs are counted as kepubify counts them: p, lists, tables and images; empty ones take no number', () => {
    const body = [h('h1', '题'), h('p', '甲。乙。'), h('p'), h('ul', [h('li', '一'), h('li', '二')]), h('p', [h('img', { src: 'a.png', alt: '' })]), h('p', '丙')];
    const out = koboDocument(document(body));
    assert.deepEqual(spans(out.body), [
      ['kobo.0.1', '题'],
      ['kobo.1.1', '甲。'],
      ['kobo.1.2', '乙。'],
      ['kobo.2.1', '一'],
      ['kobo.2.2', '二'],
      ['kobo.3.1', '<img>'],
      ['kobo.4.1', '丙'],
    ]);
  });

  test('whitespace between elements stays bare, except directly in a p', () => {
    const out = koboDocument(document([h('div', ['\n', h('p', [h('em', '强'), ' ', h('em', '调')]), '\n'])]));
    assert.deepEqual(spans(out.body).map(([, text]) => text), ['强', ' ', '调']);
    const inner = ((out.body[0] as Element).children[0] as Element).children[0] as Element;
    assert.deepEqual(inner.children.filter((child) => child.type === 'text').map((child) => (child as { value: string }).value), ['\n', '\n']);
  });

  test('code, pre, svg, math and ruby annotations keep their text as it is', () => {
    const body = [h('p', [h('code', 'a. b.'), h('ruby', ['字', h('rt', 'zì。')])]), h('pre', '一。二。'), h('div', [h('svg', [h('text', '图。')])])];
    const out = koboDocument(document(body));
    assert.deepEqual(spans(out.body).map(([, text]) => text), ['字']);
  });

  test('the body inside div#book-columns > div#book-inner, the style added, the document given unchanged', () => {
    const body = [h('p', '句。')];
    const given = document(body);
    const before = JSON.stringify(given);
    const xhtml = toXhtml(koboDocument(given));
    assert.equal(JSON.stringify(given), before);
    assert.match(xhtml, /<style type="text\/css" id="kobostylehacks">div#book-inner \{ margin-top: 0; margin-bottom: 0; \}<\/style><\/head><body><div id="book-columns"><div id="book-inner"><p><span class="koboSpan" id="kobo\.1\.1">句。<\/span><\/p><\/div><\/div><\/body>/);
  });
});
