import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Element } from 'xast';
import { runCli } from '../helpers/cli.js';
import { assertJavaEpubcheckClean, epubcheckTs, findAll, openEpub, readPackage, textOf, type OpenedEpub, type PackageView } from '../helpers/epub.js';
import { fixture } from '../helpers/paths.js';

/**
 * `wenji kepub` end to end, on test/fixtures/kepub (Chinese and English sentences, a note, code,
 * ruby and a preformatted block): the spans per paragraph and their ids, what is left without
 * spans, the wrappers and Kobo's style, the note still linked; without its spans, wrappers and
 * style every document is the EPUB's, and every other file is the EPUB's byte for byte; the
 * documents cache kept apart from the EPUB's; EPUBCheck (both validators) in both writing modes.
 */

const book = fixture('kepub');
let root: string;

before(() => {
  root = mkdtempSync(path.join(tmpdir(), 'wenji-kepub-'));
});
after(() => rmSync(root, { recursive: true, force: true }));

const attribute = (element: Element, name: string) => String(element.attributes[name] ?? '');
const isKoboSpan = (element: Element) => element.name === 'span' && attribute(element, 'class') === 'koboSpan';
/** The text of each kobo span directly or deeper in `element`. */
const spansIn = (element: Element) => findAll(element, 'span').filter(isKoboSpan);

/** A kepub document without what the edition adds: its spans, the two wrappers and Kobo's style. */
function withoutKobo(xhtml: string): string {
  return xhtml
    .replace(/<span class="koboSpan" id="kobo\.\d+\.\d+">([^<]*|<img [^>]*\/>)<\/span>/g, '$1')
    .replace('<div id="book-columns"><div id="book-inner">', '')
    .replace('</div></div></body>', '</body>')
    .replace(/<style type="text\/css" id="kobostylehacks">[^<]*<\/style>/, '');
}

async function build(command: 'epub' | 'kepub', out: string, extra: string[] = []) {
  const result = await runCli([command, book, '--out', out, ...extra]);
  assert.equal(result.code, 0, result.stderr);
  assert.doesNotMatch(result.stderr, /warning|error/i, 'the fixture builds cleanly');
  const file = path.join(out, command === 'kepub' ? 'kobo-book.kepub.epub' : 'kobo-book.epub');
  assert.ok(existsSync(file), `${file} is written`);
  const epub = await openEpub(file);
  return { file, epub, pkg: await readPackage(epub) };
}

describe('the Kobo edition (wenji kepub)', () => {
  let kepub: { file: string; epub: OpenedEpub; pkg: PackageView };
  let epub: { file: string; epub: OpenedEpub; pkg: PackageView };

  before(async () => {
    [kepub, epub] = await Promise.all([build('kepub', path.join(root, 'kepub'), ['--no-cache']), build('epub', path.join(root, 'epub'), ['--no-cache'])]);
  });

  const article = async (name: string) => {
    const document = await kepub.epub.xml(kepub.pkg.entry(name));
    return findAll(document, 'body')[0]!;
  };

  test('each sentence of a paragraph is a span, Chinese and English alike, numbered kobo.P.S', async () => {
    const body = await article('article.xhtml');
    const paragraphs = findAll(body, 'p').filter((p) => !attribute(p, 'class'));
    const spans = paragraphs.map((p) => spansIn(p).map((span) => ({ id: attribute(span, 'id'), text: textOf(span) })));
    assert.deepEqual(spans[0], [
      { id: 'kobo.1.1', text: '夜里停了电。' },
      { id: 'kobo.1.2', text: '母亲点起一盏旧油灯！' },
      { id: 'kobo.1.3', text: '屋里忽然安静了？' },
    ]);
    // The closing quote stays with its sentence; an ellipsis ends one.
    assert.deepEqual(spans[1]!.map((span) => span.text), ['他说：“好。”', '然后走了。']);
    assert.deepEqual(spans[2]!.map((span) => span.text).slice(0, 2), ['窗外下着小雨……', '我们都没有说话 ']);
    // Latin sentences end before a space only: 3.14 is one sentence.
    assert.deepEqual(spans[3]!.map((span) => span.text), ['It costs 3.14 yuan. ', 'Really? ', 'Yes! ', 'The price was "fair."']);
    assert.deepEqual(spans[4]!.map((span) => span.text), ['短句没有句号']);
    // The title, before any paragraph, is paragraph 0, as Kobo and kepubify number it.
    assert.equal(attribute(spansIn(findAll(body, 'h1')[0]!)[0]!, 'id'), 'kobo.0.1');
  });

  test('ids are unique in every document and in order; the spans put together are the text', async () => {
    for (const href of kepub.pkg.spine) {
      const body = findAll(await kepub.epub.xml(kepub.pkg.entry(href)), 'body')[0]!;
      const ids = findAll(body, 'span').filter(isKoboSpan).map((span) => attribute(span, 'id'));
      assert.equal(new Set(ids).size, ids.length, `${href}: kobo ids unique`);
      const all: string[] = [];
      const walk = (element: Element) => {
        const id = attribute(element, 'id');
        if (id) all.push(id);
        for (const child of element.children) if (child.type === 'element') walk(child);
      };
      walk(body);
      assert.equal(new Set(all).size, all.length, `${href}: no kobo id takes an id of the document`);
      const numbers = ids.map((id) => id.split('.').slice(1).map(Number) as [number, number]);
      for (const [index, [paragraph, sentence]] of numbers.entries()) {
        const before = numbers[index - 1];
        if (!before) assert.equal(sentence, 1, `${href}: the first span is a paragraph's first sentence`);
        else if (paragraph === before[0]) assert.equal(sentence, before[1] + 1, `${href}: ${ids[index]} follows ${ids[index - 1]}`);
        else assert.ok(paragraph > before[0] && sentence === 1, `${href}: ${ids[index]} opens a later paragraph`);
      }
    }
  });

  test('no spans in code, preformatted text or ruby annotations; ruby bases and notes keep theirs', async () => {
    for (const name of ['article.xhtml', 'ruby.xhtml']) {
      const body = await article(name);
      for (const kept of ['pre', 'code', 'rt', 'rp']) for (const element of findAll(body, kept)) assert.equal(spansIn(element).length, 0, `${name}: no span in ${kept}`);
    }
    const ruby = await article('ruby.xhtml');
    assert.equal(textOf(findAll(ruby, 'pre')[0]!), '第一行。第二行！');
    assert.deepEqual(spansIn(findAll(ruby, 'ruby')[0]!).map(textOf), ['䶮']);
    assert.deepEqual(spansIn(findAll(ruby, 'p')[0]!).map((span) => textOf(span)), ['这个字读作', '䶮', '。', '很少见。']);

    const body = await article('article.xhtml');
    const noteref = findAll(body, 'a').find((a) => attribute(a, 'epub:type') === 'noteref')!;
    const note = findAll(body, 'aside').find((aside) => attribute(aside, 'id') === attribute(noteref, 'href').slice(1));
    assert.ok(note, 'the note reference still leads to its note');
    assert.equal(attribute(note, 'epub:type'), 'footnote');
    assert.deepEqual(spansIn(note).map(textOf).filter((text) => text.trim().length > 1), ['那年冬天常常停电。', '灯芯要时时修剪。']);
  });

  test("every content document is wrapped in div#book-columns > div#book-inner, with Kobo's style", async () => {
    for (const href of kepub.pkg.spine) {
      const document = await kepub.epub.xml(kepub.pkg.entry(href));
      const body = findAll(document, 'body')[0]!;
      const children = body.children.filter((child): child is Element => child.type === 'element');
      assert.deepEqual(children.map((child) => attribute(child, 'id')), ['book-columns'], href);
      const inner = children[0]!.children.filter((child): child is Element => child.type === 'element');
      assert.deepEqual(inner.map((child) => attribute(child, 'id')), ['book-inner'], href);
      const style = findAll(document, 'style').find((element) => attribute(element, 'id') === 'kobostylehacks');
      assert.match(style ? textOf(style) : '', /div#book-inner \{ margin-top: 0; margin-bottom: 0;/, href);
    }
  });

  test("without its spans, wrappers and style, it is the EPUB: every document, and every other file byte for byte", async () => {
    assert.deepEqual(kepub.epub.names, epub.epub.names);
    const spine = new Set(kepub.pkg.spine.map((href) => kepub.pkg.entry(href)));
    for (const name of kepub.epub.names) {
      if (name.endsWith('/')) continue;
      if (spine.has(name)) {
        const text = await kepub.epub.text(name);
        assert.match(text, /koboSpan|book-inner/, `${name} is the edition's`);
        assert.equal(withoutKobo(text), await epub.epub.text(name), name);
      } else {
        assert.deepEqual(await kepub.epub.zip.file(name)!.async('uint8array'), await epub.epub.zip.file(name)!.async('uint8array'), name);
      }
    }
  });

  test('passes @likecoin/epubcheck-ts with no messages', async () => {
    const result = await epubcheckTs(kepub.epub.raw);
    assert.deepEqual(result.messages, []);
  });

  test('passes EPUBCheck (Java) with no messages', async (t) => {
    await assertJavaEpubcheckClean(t, kepub.file);
  });

  test('vertical: passes both validators too', async (t) => {
    const vertical = await build('kepub', path.join(root, 'vertical'), ['--no-cache', '--writing-mode', 'vertical']);
    assert.match(await vertical.epub.text(vertical.pkg.entry('article.xhtml')), /<html [^>]*class="vertical-rl"[^>]*>.*koboSpan/s);
    assert.deepEqual((await epubcheckTs(vertical.epub.raw)).messages, []);
    await assertJavaEpubcheckClean(t, vertical.file);
  });
});

describe('the Kobo edition and the build', () => {
  test("its documents are cached apart: the EPUB built after it with the same cache is the EPUB's, and it is the same when built again", async () => {
    const out = path.join(root, 'cached');
    const first = await build('kepub', out);
    const epub = await build('epub', out);
    const again = await build('kepub', out);
    const fresh = await build('epub', path.join(root, 'fresh'), ['--no-cache']);
    assert.deepEqual(epub.epub.raw, fresh.epub.raw, 'the EPUB takes none of the Kobo documents');
    assert.deepEqual(again.epub.raw, first.epub.raw, 'the Kobo edition from its cache is the same');
    const cache = path.join(out, '.cache');
    assert.ok(readdirSync(path.join(cache, 'kobo-documents')).some((name) => name.endsWith('.deflate')));
    assert.ok(readdirSync(path.join(cache, 'documents')).some((name) => name.endsWith('.deflate')));
  });

  test('wenji build writes the EPUB and the PDF, not the Kobo edition; --help lists kepub', async () => {
    const help = await runCli(['--help']);
    assert.match(help.stdout, /^\s+kepub \[options\] \[dir\]\s+Build the Kobo edition/m);
    const out = path.join(root, 'build');
    const result = await runCli(['build', book, '--out', out, '--no-cache']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(readdirSync(out).filter((name) => !name.startsWith('.')).sort(), ['kobo-book.epub', 'kobo-book.pdf']);
    assert.equal(readFileSync(path.join(out, 'kobo-book.epub')).subarray(0, 2).toString(), 'PK');
  });
});
