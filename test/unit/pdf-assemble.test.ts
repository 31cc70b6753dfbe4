import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Element, Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { labelsFor } from '../../src/locale/labels.js';
import type { Article, Book, Section, TocEntry } from '../../src/book/model.js';
import { buildToc } from '../../src/book/toc.js';
import { pageSizes, type PageSize, type WritingMode } from '../../src/config/schema.js';
import { assembleBody, assembleBodyTree, assembleFront, assembleFurniture, cssString, gotoPrefix, type AssembleOptions } from '../../src/writers/pdf/assemble.js';
import { contentBox, pageGeometries, pageSides, type PageGeometry } from '../../src/writers/pdf/geometry.js';
import { planBodyPages } from '../../src/writers/pdf/page-plan.js';

// ---------------------------------------------------------------------------------------------
// A reader for CSS string tokens (CSS Syntax Level 3, §4.3.5 "consume a string token"), so that
// what cssString writes is checked by reading it back, not by comparing it with another escaper.

const isHex = (char: string | undefined) => char !== undefined && /^[0-9a-fA-F]$/.test(char);
const isNewline = (char: string | undefined) => char === '\n' || char === '\r' || char === '\f';

/** Reads the string token starting at `css[start]` (a quote). Throws on a bad or unterminated string. */
function readCssString(css: string, start: number): { value: string; end: number } {
  const quote = css[start];
  assert.ok(quote === '"' || quote === "'", `a string starts at ${start}: ${css.slice(start, start + 20)}`);
  let value = '';
  let i = start + 1;
  for (;;) {
    const char = css[i];
    if (char === undefined) throw new Error('unterminated CSS string');
    if (char === quote) return { value, end: i + 1 };
    if (isNewline(char)) throw new Error('bad CSS string: raw line break');
    if (char === '\\') {
      const next = css[i + 1];
      if (next === undefined) {
        i++;
        continue;
      }
      if (isNewline(next)) {
        i += 2;
        continue;
      }
      if (isHex(next)) {
        let hex = '';
        i++;
        while (hex.length < 6 && isHex(css[i])) hex += css[i++];
        if (css[i] === ' ' || css[i] === '\t' || isNewline(css[i])) i += css[i] === '\r' && css[i + 1] === '\n' ? 2 : 1;
        const code = Number.parseInt(hex, 16);
        value += code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(code);
        continue;
      }
      value += next;
      i += 2;
      continue;
    }
    value += char;
    i++;
  }
}

/** Parses `cssString(text)` back: it must be exactly one complete string token. */
function parseCssString(literal: string): string {
  const { value, end } = readCssString(literal, 0);
  assert.equal(end, literal.length, `nothing may follow the string: ${literal}`);
  return value;
}

/** The body of `@page <name> { … }` (braces balanced), or undefined. */
function pageRule(css: string, name: string): string | undefined {
  const match = new RegExp(`@page ${name.replace(/[:]/g, '\\$&')} \\{`).exec(css);
  if (!match) return undefined;
  let depth = 1;
  let i = match.index + match[0].length;
  const start = i;
  while (i < css.length && depth > 0) {
    const char = css[i]!;
    if (char === '"' || char === "'") {
      i = readCssString(css, i).end;
      continue;
    }
    if (char === '{') depth++;
    if (char === '}') depth--;
    i++;
  }
  assert.equal(depth, 0, `@page ${name} is closed`);
  return css.slice(start, i - 1);
}

/** The string in `@top-center { content: "…"; }` of `@page <name>`, read back. */
function runningHead(css: string, name: string): string {
  const rule = pageRule(css, name);
  assert.ok(rule !== undefined, `@page ${name} exists`);
  const at = /@top-center\s*\{\s*content:\s*/.exec(rule);
  assert.ok(at, `@page ${name} has a @top-center content`);
  const { value, end } = readCssString(rule, at.index + at[0].length);
  assert.match(rule.slice(end), /^\s*;\s*\}\s*$/, `the string ends the declaration in @page ${name}`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Books built by hand.

const parseDocument = (html: string) => unified().use(rehypeParse).parse(html) as Root;
const parseFragment = (html: string) => unified().use(rehypeParse, { fragment: true }).parse(html) as Root;

function article(id: string, title: string, extra: Partial<Article> = {}): Article {
  return {
    id,
    file: `content/${id}.md`,
    contentPath: `${id}.md`,
    title,
    authors: [],
    translators: [],
    tags: [],
    body: parseFragment(`<p>${id} 的正文。</p>`),
    sections: [],
    images: [],
    length: 10,
    ...extra,
  };
}

function sampleBook(title = '样书', language = 'zh-Hans'): Book {
  const sections: Section[] = [
    { id: 'first-one', depth: 2, title: '第一节' },
    { id: 'first-deep', depth: 3, title: '小节' },
    { id: 'first-two', depth: 2, title: '第二节 <b> & co' },
  ];
  return {
    meta: {
      title,
      subtitle: '副标题',
      authors: ['甲', '乙'],
      editors: ['丙'],
      language,
      identifier: 'urn:x',
      date: '2024-05-01',
      modified: '2024-05-01T00:00:00Z',
      publisher: '出版社',
      description: '',
      slug: 'sample',
    },
    articles: [
      article('first', '第一篇', {
        authors: ['作者一'],
        translators: ['译者'],
        source: '某杂志',
        date: '2020-01-02',
        sections,
        body: parseFragment('<p>正文一。</p><h2 id="first-one">第一节</h2><p>更多。</p>'),
      }),
      article('second', 'A <title> & "quotes"', { authors: ['Author'], language: 'en', url: 'https://example.com/a' }),
      article('third', '第三篇'),
    ],
    parts: [],
    images: [],
  };
}

function options(mode: WritingMode, extra: Partial<AssembleOptions> = {}): AssembleOptions {
  return {
    mode,
    geometry: pageGeometries.a5,
    labels: labelsFor('zh-Hans'),
    css: '/* wenji print css */ body { color: black; }',
    fontCss: '/* font faces */',
    colophon: false,
    ...extra,
  };
}

const classes = (element: Element | undefined) => (element?.properties.className as string[] | undefined) ?? [];
const styleText = (tree: Root) => {
  const style = select('head > style', tree);
  assert.ok(style, 'a style element in the head');
  return toString(style);
};

// ---------------------------------------------------------------------------------------------

describe('geometry: pageSides', () => {
  test('rectos are Chromium :right pages and versos :left pages, in both modes and every size', () => {
    for (const size of pageSizes) {
      for (const mode of ['horizontal', 'vertical'] as const) {
        const sides = pageSides(pageGeometries[size], mode);
        assert.equal(sides.recto.pseudo, ':right', `${size} ${mode}`);
        assert.equal(sides.verso.pseudo, ':left', `${size} ${mode}`);
      }
    }
  });

  test('horizontal book: the recto has its gutter on the left and its folio bottom-right', () => {
    for (const size of ['a5', 'b6', 'a4'] as const) {
      const g = pageGeometries[size];
      assert.ok(g.inner !== g.outer, `${size} has a distinct gutter`);
      const { recto, verso } = pageSides(g, 'horizontal');
      assert.equal(recto.left, g.inner, size);
      assert.equal(recto.right, g.outer, size);
      assert.equal(recto.folio, 'bottom-right', size);
      assert.equal(verso.left, g.outer, size);
      assert.equal(verso.right, g.inner, size);
      assert.equal(verso.folio, 'bottom-left', size);
    }
  });

  test('vertical book: the recto has its gutter on the right and its folio bottom-left', () => {
    for (const size of ['a5', 'b6', 'a4'] as const) {
      const g = pageGeometries[size];
      const { recto, verso } = pageSides(g, 'vertical');
      assert.equal(recto.right, g.inner, size);
      assert.equal(recto.left, g.outer, size);
      assert.equal(recto.folio, 'bottom-left', size);
      assert.equal(verso.right, g.outer, size);
      assert.equal(verso.left, g.inner, size);
      assert.equal(verso.folio, 'bottom-right', size);
    }
  });

  test('screen sizes (6in, 7in) centre the folio and have symmetric margins', () => {
    for (const size of ['6in', '7in'] as const) {
      const g = pageGeometries[size];
      assert.equal(g.screen, true);
      for (const mode of ['horizontal', 'vertical'] as const) {
        const { recto, verso } = pageSides(g, mode);
        assert.equal(recto.folio, 'bottom-center', `${size} ${mode}`);
        assert.equal(verso.folio, 'bottom-center', `${size} ${mode}`);
        assert.equal(recto.left, recto.right);
        assert.equal(verso.left, verso.right);
      }
    }
    for (const size of ['a5', 'b6', 'a4'] as const) assert.equal(pageGeometries[size].screen, false);
  });

  test('a made-up screen geometry with unequal margins still centres the folio', () => {
    const g = { ...pageGeometries.a5, screen: true };
    assert.equal(pageSides(g, 'horizontal').recto.folio, 'bottom-center');
    assert.equal(pageSides(g, 'vertical').verso.folio, 'bottom-center');
  });
});

describe('geometry: contentBox and pageGeometries', () => {
  const em = (g: PageGeometry) => (g.fontSize * 25.4) / 72;

  test('the content box is the page minus its margins', () => {
    assert.deepEqual(contentBox({ width: 100, height: 200, top: 10, bottom: 20, inner: 5, outer: 15, fontSize: 9, screen: false }), { width: 80, height: 170 });
    const g = pageGeometries.a5;
    const box = contentBox(g);
    assert.ok(Math.abs(box.width - (148 - g.inner - g.outer)) < 1e-9 && Math.abs(box.height - (210 - g.top - g.bottom)) < 1e-9);
  });

  test('every page size is defined, portrait, with a positive content box and sane margins', () => {
    const expected: Record<PageSize, [number, number]> = { a5: [148, 210], b6: [128, 182], a4: [210, 297], '6in': [90, 122], '7in': [107, 143] };
    for (const size of pageSizes) {
      const g = pageGeometries[size];
      assert.deepEqual([g.width, g.height], expected[size], size);
      const box = contentBox(g);
      assert.ok(box.width > 0 && box.height > 0 && box.width < box.height, size);
      assert.ok(g.fontSize >= 8 && g.fontSize <= 12, size);
      // Room for the running head above and the folio below (8 pt type and 3 mm of padding).
      for (const margin of [g.top, g.bottom, g.inner, g.outer]) assert.ok(margin >= 6, `${size}: margin ${margin} mm`);
      assert.ok(g.top >= 10 && g.bottom >= 10, `${size}: head and foot margins`);
    }
  });

  test('columns and lines are whole numbers of characters (clreq), with a hair of slack only', () => {
    for (const size of pageSizes) {
      const g = pageGeometries[size];
      const box = contentBox(g);
      for (const [name, length] of [['column', box.height], ['line', box.width]] as const) {
        const chars = length / em(g);
        const whole = Math.floor(chars + 1e-6);
        assert.ok(chars - whole < 0.05, `${size}: a ${name} holds ${chars.toFixed(3)} characters`);
        assert.ok(chars - whole > 0, `${size}: a ${name} is not shorter than ${whole} characters`);
      }
    }
  });

  test('the measure stays within what printed books use (docs/page-layout.md)', () => {
    const chars = (size: PageSize) => {
      const g = pageGeometries[size];
      const box = contentBox(g);
      return { column: Math.floor(box.height / em(g)), line: Math.floor(box.width / em(g)) };
    };
    // Book sizes: 40–45 characters a vertical column, as commercial A5 and B6 books.
    for (const size of ['a5', 'b6'] as const) assert.ok(chars(size).column >= 40 && chars(size).column <= 45, `${size}: ${chars(size).column}`);
    for (const size of pageSizes) {
      // jlreq: at most about 52 characters a vertical line; clreq: at most 48 a horizontal one, at least 10.
      assert.ok(chars(size).column <= 52, `${size} column ${chars(size).column}`);
      assert.ok(chars(size).line <= 48 && chars(size).line >= 10, `${size} line ${chars(size).line}`);
    }
  });
});

describe('cssString', () => {
  test('plain text is quoted as is', () => {
    assert.equal(cssString('样书　·　第一篇'), '"样书　·　第一篇"');
    assert.equal(parseCssString(cssString('Plain title')), 'Plain title');
  });

  test('quotes, backslashes and angle brackets read back exactly', () => {
    for (const text of ['say "hi"', 'back\\slash', 'end\\', '\\"', "it's", '</style><script>x</script>', 'a\\3c b', '"\\"\\\\"', '']) {
      assert.equal(parseCssString(cssString(text)), text, JSON.stringify(text));
    }
  });

  test('line breaks become spaces (a raw line break would end the string)', () => {
    assert.equal(parseCssString(cssString('one\ntwo')), 'one two');
    assert.equal(parseCssString(cssString('one\rtwo\fthree')), 'one two three');
    assert.doesNotMatch(cssString('a\r\nb\nc'), /[\n\r\f]/);
  });

  test('the literal never contains `<`, so it cannot end a <style> element', () => {
    assert.doesNotMatch(cssString('</style>'), /</);
    assert.doesNotMatch(cssString('<!-- x -->'), /</);
  });
});

describe('assembleBody', () => {
  for (const mode of ['horizontal', 'vertical'] as const) {
    test(`${mode}: the html element has the mode and part classes and the book language`, () => {
      const tree = parseDocument(assembleBody(sampleBook(), options(mode)));
      const html = select('html', tree);
      assert.deepEqual(classes(html), [mode, 'body']);
      assert.equal(html?.properties.lang, 'zh-Hans');
      assert.equal(toString(select('head > title', tree)!), '样书');
      assert.ok(select('head > meta[charset="utf-8"]', tree));
    });
  }

  test('one section.article per article, in order, with its title', () => {
    const book = sampleBook();
    const tree = parseDocument(assembleBody(book, options('vertical')));
    const sections = selectAll('body > section.article', tree);
    assert.equal(sections.length, 3);
    assert.deepEqual(
      sections.map((s) => s.properties.id),
      ['first', 'second', 'third'],
    );
    assert.deepEqual(
      sections.map((s) => toString(select('h1.article-title', s)!)),
      book.articles.map((a) => a.title),
    );
    assert.deepEqual(
      sections.map((s) => select('h1.article-title', s)?.properties.id),
      ['first-title', 'second-title', 'third-title'],
    );
    assert.equal(selectAll('body h1', tree).length, 3, 'one h1 per article, nothing else (no colophon)');
  });

  test('a hidden list links to every title and section, so Chromium writes a destination for each', () => {
    const book = sampleBook();
    const tree = parseDocument(assembleBody(book, options('vertical', { colophon: true })));
    const nav = select('body > nav', tree);
    assert.ok(nav && nav.properties.hidden !== undefined, 'a hidden nav');
    const targets = selectAll('a', nav).map((a) => String(a.properties.href).slice(1));
    assert.deepEqual(targets, ['first-title', 'first-one', 'first-deep', 'first-two', 'second-title', 'third-title', 'wenji_colophon']);
    assert.equal(select('h1.colophon-heading', tree)?.properties.id, 'wenji_colophon');
    // Every target exists in the document (else Chromium writes no destination for it)...
    // (the sample's sections 小节 and 第二节 are in its list of sections, not in its body)...
    for (const id of ['first-title', 'first-one', 'second-title', 'third-title', 'wenji_colophon']) assert.ok(select(`[id="${id}"]`, tree), id);
    // ...and the list is not in the preview's tree (it is for the print only).
    assert.equal(select('body > nav', assembleBodyTree(book, options('vertical'))), undefined);
  });

  test('an article in another language carries its lang; the others inherit the book’s', () => {
    const tree = parseDocument(assembleBody(sampleBook(), options('vertical')));
    assert.equal(select('#second', tree)?.properties.lang, 'en');
    assert.equal(select('#first', tree)?.properties.lang, undefined);
  });

  test('byline and source line', () => {
    const tree = parseDocument(assembleBody(sampleBook(), options('vertical')));
    assert.equal(toString(select('#first .byline', tree)!), '作者一　文　译者　译');
    assert.equal(toString(select('#first .source', tree)!), '某杂志　2020-01-02');
    assert.equal(select('#third .byline', tree), undefined);
    assert.equal(select('#third .source', tree), undefined);
  });

  test('an article in another language has its byline in that language', () => {
    const tree = parseDocument(assembleBody(sampleBook(), options('vertical')));
    assert.equal(toString(select('#second .byline', tree)!), 'by Author');
  });

  test('the article body follows its header', () => {
    const tree = parseDocument(assembleBody(sampleBook(), options('vertical')));
    const first = select('#first', tree)!;
    const elements = first.children.filter((child): child is Element => child.type === 'element');
    assert.deepEqual(
      elements.map((child) => child.tagName),
      ['header', 'p', 'h2', 'p'],
    );
    assert.equal(select('#first > h2', tree)?.properties.id, 'first-one');
    assert.equal(toString(select('#third > p', tree)!), 'third 的正文。');
  });

  test('the body has no folios or running heads (the furniture is laid over it), and no named pages', () => {
    const tree = parseDocument(assembleBody(sampleBook(), options('vertical', { colophon: true })));
    const css = styleText(tree);
    assert.doesNotMatch(css.slice(css.indexOf('/* wenji print css */')), /@(top|bottom)-/);
    assert.equal(selectAll('[style*="page:"]', tree).length, 0);
  });

  test('vertical: recto margins put the gutter on the right', () => {
    const g = pageGeometries.a5;
    const css = styleText(parseDocument(assembleBody(sampleBook(), options('vertical'))));
    // margin: top right bottom left
    assert.match(pageRule(css, ':right')!, new RegExp(`margin: ${g.top}mm ${g.inner}mm ${g.bottom}mm ${g.outer}mm;`));
    assert.match(pageRule(css, ':left')!, new RegExp(`margin: ${g.top}mm ${g.outer}mm ${g.bottom}mm ${g.inner}mm;`));
  });

  test('horizontal: recto margins put the gutter on the left', () => {
    const g = pageGeometries.a5;
    const css = styleText(parseDocument(assembleBody(sampleBook(), options('horizontal'))));
    assert.match(pageRule(css, ':right')!, new RegExp(`margin: ${g.top}mm ${g.outer}mm ${g.bottom}mm ${g.inner}mm;`));
    assert.match(pageRule(css, ':left')!, new RegExp(`margin: ${g.top}mm ${g.inner}mm ${g.bottom}mm ${g.outer}mm;`));
  });

  test('page size, content box, font size, the stylesheet and the font faces are in the style', () => {
    const css = styleText(parseDocument(assembleBody(sampleBook(), options('vertical', { geometry: pageGeometries.b6 }))));
    assert.match(css, /@page \{ size: 128mm 182mm;/);
    const box = contentBox(pageGeometries.b6);
    assert.ok(css.includes(`--content-width: ${box.width}mm; --content-height: ${box.height}mm; font-size: 9.5pt;`));
    assert.ok(css.includes('/* wenji print css */ body { color: black; }'));
    assert.ok(css.includes('/* font faces */'));
    assert.ok(css.indexOf('/* font faces */') < css.indexOf('/* wenji print css */'), 'font faces first');
  });

  test('the colophon, when enabled: its own page, a heading, one entry per article', () => {
    const book = sampleBook();
    const tree = parseDocument(assembleBody(book, options('vertical', { colophon: true })));
    const colophon = select('body > section.colophon', tree);
    assert.ok(colophon);
    assert.equal(toString(select('h1', colophon)!), '版权与来源');
    const rows = selectAll('ol > li', colophon);
    assert.deepEqual(
      rows.map((row) => toString(select('.colophon-title', row)!)),
      book.articles.map((a) => a.title),
    );
    assert.equal(toString(select('.colophon-url', rows[1]!)!), 'https://example.com/a');
    assert.equal(select('.colophon-url', rows[1]!)?.properties.lang, 'en');
    assert.equal(toString(select('.colophon-source', rows[0]!)!), '某杂志');
    const sections = selectAll('body > section', tree);
    assert.equal(sections.at(-1), colophon, 'the colophon comes last');
  });

  test('no colophon section when disabled', () => {
    const tree = parseDocument(assembleBody(sampleBook(), options('vertical')));
    assert.equal(select('section.colophon', tree), undefined);
  });
});

describe('assembleFurniture', () => {
  // Printed body: 甲 on pages 0–2, 乙 on 3–4, 丙 on 5, the colophon on 6.
  const plan = (articleStart: 'recto' | 'any') => planBodyPages(7, [0, 3, 5], 6, articleStart).pages;
  const furniture = (book: Book, mode: WritingMode, articleStart: 'recto' | 'any' = 'recto', extra: Partial<AssembleOptions> = {}) =>
    parseDocument(assembleFurniture(book, plan(articleStart), options(mode, { colophon: true, ...extra })));

  test('one empty page per page of the finished body, named for what it shows', () => {
    const tree = furniture(sampleBook(), 'vertical');
    const names = selectAll('body > div.furniture-page', tree).map((div) => String(div.properties.style));
    // recto starts: 乙 would start on a verso (index 3), so a blank page comes first; 丙 then
    // starts on index 6, a recto; the colophon may start anywhere.
    assert.deepEqual(names.map((style) => style.replace('page: ', '')), ['opening', 'article-1', 'article-1', 'blank', 'opening', 'article-2', 'opening', 'opening']);
    assert.equal(names.length, plan('recto').length);
    const any = selectAll('body > div.furniture-page', furniture(sampleBook(), 'vertical', 'any')).map((div) => String(div.properties.style).replace('page: ', ''));
    assert.deepEqual(any, ['opening', 'article-1', 'article-1', 'opening', 'article-2', 'opening', 'opening']);
    assert.equal(select('html', tree)?.properties.className?.toString(), 'horizontal,furniture');
  });

  test('a recto shows the article title, a verso the book title, the colophon its label', () => {
    const book = sampleBook();
    const css = styleText(furniture(book, 'vertical'));
    book.articles.forEach((article, index) => {
      assert.equal(runningHead(css, `article-${index + 1}:right`), article.title);
      assert.equal(runningHead(css, `article-${index + 1}:left`), book.meta.title);
    });
    assert.equal(runningHead(css, 'colophon:right'), '版权与来源');
    assert.equal(runningHead(css, 'colophon:left'), book.meta.title);
    assert.equal(pageRule(css, 'opening'), undefined, 'an opening page has no running head');
  });

  test('folios on the outer corners, none on blank pages; heads on one line', () => {
    for (const mode of ['vertical', 'horizontal'] as const) {
      const css = styleText(furniture(sampleBook(), mode));
      const sides = pageSides(pageGeometries.a5, mode);
      assert.match(pageRule(css, ':right')!, new RegExp(`@${sides.recto.folio} \\{ content: counter\\(page\\); \\}`), mode);
      assert.match(pageRule(css, ':left')!, new RegExp(`@${sides.verso.folio} \\{ content: counter\\(page\\); \\}`), mode);
      for (const side of [':right', ':left']) {
        const blank = pageRule(css, `blank${side}`)!;
        for (const box of ['top-center', 'bottom-left', 'bottom-center', 'bottom-right']) assert.match(blank, new RegExp(`@${box} \\{ content: none; \\}`), `${mode} blank${side} ${box}`);
      }
      assert.match(css, /@top-center \{ white-space: nowrap; overflow: hidden; \}/);
    }
    assert.equal(sides('vertical'), 'bottom-left');
    assert.equal(sides('horizontal'), 'bottom-right');
    function sides(mode: WritingMode) {
      return pageSides(pageGeometries.a5, mode).recto.folio;
    }
  });

  test('the margins are the body’s, side by side, so the furniture lands where the body expects it', () => {
    const book = sampleBook();
    for (const mode of ['vertical', 'horizontal'] as const) {
      const body = styleText(parseDocument(assembleBody(book, options(mode))));
      const css = styleText(furniture(book, mode));
      for (const side of [':right', ':left']) assert.ok(pageRule(css, side)!.startsWith(pageRule(body, side)!.trimEnd()), `${mode} ${side}`);
    }
  });

  test('long titles are shortened to one line of the margin box; the screen sizes have less room', () => {
    const book = sampleBook('一本书名很长很长的文集：副标题也很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长');
    book.articles[0]!.title = '长埠街的早晨与黄昏：一条老街上的茶馆、码头、邮筒和那些慢慢走远的人们以及他们留下的故事';
    book.articles[2]!.title = '这是一个非常非常长的标题没有任何冒号或者破折号可以用来截断它所以只能加上省略号才能放进页眉';
    const a5 = styleText(furniture(book, 'vertical'));
    assert.equal(runningHead(a5, 'article-1:right'), '长埠街的早晨与黄昏');
    assert.equal(runningHead(a5, 'article-1:left'), '一本书名很长很长的文集');
    const cut = runningHead(a5, 'article-3:right');
    assert.ok(cut.endsWith('…') && book.articles[2]!.title.startsWith(cut.slice(0, -1)), cut);
    const small = runningHead(styleText(furniture(book, 'vertical', 'recto', { geometry: pageGeometries['6in'] })), 'article-3:right');
    assert.ok([...small].length < [...cut].length, `${small} is shorter than ${cut}`);
  });

  test('the head texts are set invisibly once, so that Chromium loads the font for the margin boxes', () => {
    const book = sampleBook();
    const tree = furniture(book, 'horizontal');
    const preload = select('body > p', tree)!;
    assert.match(String(preload.properties.style), /visibility: hidden/);
    for (const text of [book.meta.title, ...book.articles.map((a) => a.title), '0123456789']) assert.ok(toString(preload).includes(text), text);
  });

  test('titles with quotes, backslashes, line breaks and </style> do not break the CSS or the page', () => {
    const book = sampleBook('Book "one" \\ two</style><script>alert(1)</script>');
    book.articles[0]!.title = 'Say "hi" \\n</style>\nnext';
    const tree = furniture(book, 'horizontal');
    assert.equal(selectAll('script', tree).length, 0, 'no element escaped from the style');
    assert.equal(selectAll('style', tree).length, 1);
    const css = styleText(tree);
    assert.equal(runningHead(css, 'article-1:right'), 'Say "hi" \\n</style> next');
    assert.equal(runningHead(css, 'article-1:left'), book.meta.title);
    assert.equal(selectAll('body > div.furniture-page', tree).length, plan('recto').length);
  });
});

describe('an article in another CJK locale', () => {
  const book = sampleBook();
  book.articles[2] = { ...book.articles[2]!, language: 'zh-Hant', title: '第三篇・繁體' };

  test('its running head is set in its face (a margin box has no lang), the others in the book’s', () => {
    const css = styleText(parseDocument(assembleFurniture(book, planBodyPages(7, [0, 3, 5], 6, 'recto').pages, options('vertical', { colophon: true }))));
    assert.match(pageRule(css, 'article-3:right')!, /font-family: "Wenji Serif TC", "Wenji Serif SC", "Wenji Serif JP", serif;/);
    for (const name of ['article-1:right', 'article-2:right', 'colophon:right', 'article-3:left']) assert.doesNotMatch(pageRule(css, name) ?? '', /font-family/, name);
  });

  test('its contents title and colophon row carry its lang; the contents numbers stay in the book’s', () => {
    const front = parseDocument(assembleFront(book, buildToc(book, { depth: 1 }), new Map([['first', 1], ['second', 5], ['third', 9]]), options('vertical')));
    assert.deepEqual(selectAll('.toc > li .toc-title', front).map((span) => span.properties.lang), [undefined, 'en', 'zh-Hant']);
    assert.deepEqual(selectAll('.toc > li .toc-author', front).map((span) => span.properties.lang), [undefined, 'en']);
    // Nothing between a number and the book's html element names another language.
    assert.deepEqual(selectAll('.toc > li', front).map((li) => li.properties.lang), [undefined, undefined, undefined]);
    assert.deepEqual(selectAll('.toc > li .toc-page', front).map((span) => span.properties.lang), [undefined, undefined, undefined]);
    const body = parseDocument(assembleBody(book, options('vertical', { colophon: true })));
    assert.deepEqual(selectAll('.colophon li', body).map((li) => li.properties.lang), [undefined, 'en', 'zh-Hant']);
  });
});

describe('assembleFront', () => {
  const pages = new Map<string, number>([
    ['first', 1],
    ['first#first-one', 7],
    ['first#first-two', 123],
    ['second', 1234],
    // 'third' has no page
  ]);

  test('contents entries in order, articles then their sections, each linking to its goto URL', () => {
    const book = sampleBook();
    const toc = buildToc(book, { depth: 2 });
    const tree = parseDocument(assembleFront(book, toc, pages, options('vertical')));
    const items = selectAll('section.contents ol.toc > li', tree);
    assert.deepEqual(
      items.map((li) => classes(li)[0]),
      ['toc-level-1', 'toc-level-2', 'toc-level-2', 'toc-level-1', 'toc-level-1'],
    );
    assert.deepEqual(
      items.map((li) => toString(select('.toc-title', li)!)),
      ['第一篇', '第一节', '第二节 <b> & co', 'A <title> & "quotes"', '第三篇'],
    );
    const hrefs = items.map((li) => select('a', li)?.properties.href as string);
    assert.deepEqual(hrefs, [
      'https://wenji.invalid/goto/first',
      'https://wenji.invalid/goto/first%23first-one',
      'https://wenji.invalid/goto/first%23first-two',
      'https://wenji.invalid/goto/second',
      'https://wenji.invalid/goto/third',
    ]);
    assert.deepEqual(
      hrefs.map((href) => decodeURIComponent(href.slice(gotoPrefix.length))),
      ['first', 'first#first-one', 'first#first-two', 'second', 'third'],
    );
    assert.equal(toString(select('.contents-title', tree)!), '目录');
    // A title in another language is marked with it (read aloud, set, hyphenated in it).
    assert.deepEqual(items.map((li) => select('.toc-title', li)?.properties.lang ?? null), [null, null, null, 'en', null]);
  });

  test('page numbers come from the map; up to 3 digits are tate-chu-yoko, longer upright', () => {
    const book = sampleBook();
    const tree = parseDocument(assembleFront(book, buildToc(book, { depth: 2 }), pages, options('vertical')));
    const numbers = selectAll('ol.toc > li .toc-page', tree);
    assert.deepEqual(
      numbers.map((n) => toString(n)),
      ['1', '7', '123', '1234', ''],
    );
    assert.deepEqual(
      numbers.map((n) => classes(n)),
      [
        ['toc-page', 'tcy'],
        ['toc-page', 'tcy'],
        ['toc-page', 'tcy'],
        ['toc-page', 'upright'],
        ['toc-page', 'upright'],
      ],
    );
  });

  test('every entry is a link holding title, leader and page; authors where there are any', () => {
    const book = sampleBook();
    const tree = parseDocument(assembleFront(book, buildToc(book, { depth: 1 }), pages, options('horizontal')));
    const links = selectAll('ol.toc > li > a', tree);
    assert.equal(links.length, 3);
    for (const link of links) {
      assert.ok(select('.toc-title', link) && select('.toc-leader', link) && select('.toc-page', link));
    }
    assert.equal(toString(select('.toc-author', links[0]!)!), '作者一');
    assert.equal(select('.toc-author', links[2]!), undefined);
  });

  test('a hand-made contents list: a key with characters that need encoding', () => {
    const book = sampleBook();
    const toc: TocEntry[] = [{ kind: 'article', title: '一', articleId: 'a b', fragment: 'x/y?z', authors: [], children: [] }];
    const tree = parseDocument(assembleFront(book, toc, new Map([['a b#x/y?z', 42]]), options('vertical')));
    const link = select('ol.toc a', tree)!;
    assert.equal(link.properties.href, `${gotoPrefix}a%20b%23x%2Fy%3Fz`);
    assert.equal(toString(select('.toc-page', link)!), '42');
  });

  test('titles with < and & are escaped, not parsed as markup', () => {
    const book = sampleBook('Tom & Jerry <i>not italic</i>');
    const html = assembleFront(book, buildToc(book, { depth: 2 }), pages, options('vertical'));
    const tree = parseDocument(html);
    assert.equal(selectAll('i, b', tree).length, 0, 'no element made from a title');
    assert.equal(selectAll('title', tree).length, 1, 'only the head title');
    assert.equal(toString(select('.cover-title', tree)!), 'Tom & Jerry <i>not italic</i>');
    assert.equal(toString(select('head > title', tree)!), 'Tom & Jerry <i>not italic</i>');
    assert.equal(toString(selectAll('.toc-title', tree)[3]!), 'A <title> & "quotes"');
    assert.equal(toString(selectAll('.toc-title', tree)[2]!), '第二节 <b> & co');
  });

  test('the cover: title, subtitle, authors, editors, imprint with a CJK date', () => {
    const book = sampleBook();
    const tree = parseDocument(assembleFront(book, [], new Map(), options('vertical')));
    const cover = select('body > section.cover', tree);
    assert.ok(cover);
    assert.equal(toString(select('.cover-title', cover)!), '样书');
    assert.equal(toString(select('.cover-subtitle', cover)!), '副标题');
    assert.equal(toString(select('.cover-author', cover)!), '甲、乙');
    assert.equal(toString(select('.cover-editor', cover)!), '丙　编');
    assert.equal(toString(select('.cover-imprint', cover)!), '出版社　2024年5月1日');
    assert.equal(selectAll('body > section', tree)[1], select('section.contents', tree), 'contents after the cover');
    assert.equal(selectAll('ol.toc > li', tree).length, 0);
  });

  test('the front html has the mode and part classes, the page size and a marginless cover page', () => {
    for (const mode of ['horizontal', 'vertical'] as const) {
      const book = sampleBook();
      const tree = parseDocument(assembleFront(book, [], new Map(), options(mode)));
      assert.deepEqual(classes(select('html', tree)), [mode, 'front']);
      const css = styleText(tree);
      assert.match(css, /@page \{ size: 148mm 210mm;/);
      assert.equal(pageRule(css, 'cover')?.trim(), 'margin: 0;');
      const g = pageGeometries.a5;
      const verso = pageRule(css, ':left')!;
      const expected = mode === 'vertical' ? `${g.top}mm ${g.outer}mm ${g.bottom}mm ${g.inner}mm` : `${g.top}mm ${g.inner}mm ${g.bottom}mm ${g.outer}mm`;
      assert.match(verso, new RegExp(`margin: ${expected};`), mode);
    }
  });
});
