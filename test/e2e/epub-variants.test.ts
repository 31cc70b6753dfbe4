import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import type { Element } from 'xast';
import { layoutFeatureTags } from '../../src/writers/fonts/sfnt-tables.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import {
  epubcheckTs,
  findAll,
  idsIn,
  javaEpubcheck,
  javaEpubcheckAvailable,
  javaEpubcheckRequired,
  openEpub,
  readPackage,
  textOf,
  type OpenedEpub,
  type PackageView,
  type ValidationResult,
} from '../helpers/epub.js';
import { repoRoot } from '../helpers/paths.js';

/** The sample book, built four ways: each is validated and checked once. */
const variants = {
  horizontal: { yaml: '', args: [] as string[] },
  vertical: { yaml: '', args: ['--writing-mode', 'vertical'] },
  'vertical-font': { yaml: 'epub:\n  writingMode: vertical\n  embedFont: true\n', args: [] },
  'horizontal-font': { yaml: 'epub:\n  embedFont: true\n', args: [] },
  'own-cover': { yaml: `cover: ${JSON.stringify(path.join(repoRoot, 'content', 'images', 'lamp.png'))}\n`, args: [] },
} as const;
type Variant = keyof typeof variants;
const names = Object.keys(variants) as Variant[];
const sampleYaml = readFileSync(path.join(repoRoot, 'book.yaml'), 'utf8');

interface Built {
  file: string;
  cli: CliResult;
  epub: OpenedEpub;
  pkg: PackageView;
}

/** Builds the sample book with an extra book.yaml tail, the way a user with that book.yaml would. */
async function buildSample(root: string, name: string, yaml: string, args: string[], env: NodeJS.ProcessEnv = {}, base = sampleYaml): Promise<{ file: string; cli: CliResult }> {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'book.yaml'), `${base}\n${yaml}`);
  const cli = await runCli(['epub', dir, '--content', path.join(repoRoot, 'content'), '--out', path.join(dir, 'out'), ...args], { env });
  assert.equal(cli.code, 0, `${name}: wenji epub failed:\n${cli.stderr}`);
  return { file: path.join(dir, 'out', 'dengxia-ji.epub'), cli };
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');


function nestingDepth(list: Element): number {
  const inner = list.children.flatMap((li) => (li.type === 'element' ? li.children : [])).filter((child): child is Element => child.type === 'element' && child.name === 'ol');
  return 1 + Math.max(0, ...inner.map(nestingDepth));
}

describe('the sample book in every variant', () => {
  let root: string;
  const built = {} as Record<Variant, Built>;
  const java = {} as Record<Variant, ValidationResult | undefined>;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'wenji-variants-'));
    await Promise.all(
      names.map(async (name) => {
        const { file, cli } = await buildSample(root, name, variants[name].yaml, [...variants[name].args], { TZ: 'Asia/Shanghai' });
        const epub = await openEpub(file);
        built[name] = { file, cli, epub, pkg: await readPackage(epub) };
      }),
    );
    if (javaEpubcheckAvailable()) {
      // About 7 s a book, two at a time on a two-core machine. The plain horizontal book is the
      // one epub-sample.test.ts validates already (same bytes): it is not checked twice.
      const checked = names.filter((name) => name !== 'horizontal');
      for (let index = 0; index < checked.length; index += 2) {
        await Promise.all(checked.slice(index, index + 2).map(async (name) => (java[name] = await javaEpubcheck(built[name].file))));
      }
    }
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  for (const name of names) {
    describe(name, () => {
      test('passes @likecoin/epubcheck-ts with no messages', async () => {
        const result = await epubcheckTs(readFileSync(built[name].file));
        assert.deepEqual(result.messages, []);
      });

      // The plain horizontal book is validated by epub-sample.test.ts.
      if (name !== 'horizontal') test('passes the real EPUBCheck: 0 fatals, 0 errors, 0 warnings', (t) => {
        const result = java[name];
        if (!result) {
          if (javaEpubcheckRequired()) assert.fail('WENJI_REQUIRE_EPUBCHECK=1 but /usr/share/java/epubcheck.jar is missing (apt-get install epubcheck)');
          t.skip('EPUBCheck (Java) is not installed');
          return;
        }
        assert.deepEqual(result.messages, []);
        assert.deepEqual([result.fatals, result.errors, result.warnings], [0, 0, 0]);
      });

      test('spine: cover first, title page, contents, the articles, colophon last', () => {
        const { spine } = built[name].pkg;
        assert.deepEqual(spine.slice(0, 3), ['cover.xhtml', 'titlepage.xhtml', 'contents.xhtml']);
        assert.equal(spine.at(-1), 'colophon.xhtml');
        assert.equal(spine.length, 3 + 6 + 1);
      });

      test('nav, landmarks and NCX point only into the spine, in spine order, two levels at most', async () => {
        const { epub, pkg } = built[name];
        const navItem = [...pkg.items.values()].find((item) => item.properties.includes('nav'))!;
        const nav = await epub.xml(pkg.entry(navItem.href));
        const navs = findAll(nav, 'nav');
        const tocNav = navs.find((element) => element.attributes['epub:type'] === 'toc')!;
        const tocLinks = findAll(tocNav, 'a').map((link) => String(link.attributes.href));
        assert.ok(tocLinks.length >= 6);
        assert.ok(nestingDepth(findAll(tocNav, 'ol')[0]!) <= 2);
        const position = (href: string) => pkg.spine.indexOf(href.replace(/#.*$/, ''));
        for (const [index, href] of tocLinks.entries()) {
          assert.ok(position(href) >= 0, `${href} is not in the spine`);
          if (index > 0) assert.ok(position(href) >= position(tocLinks[index - 1]!), `${href} is out of spine order`);
          const fragment = href.split('#')[1];
          if (fragment) assert.ok(idsIn(await epub.xml(pkg.entry(href))).has(fragment), `${href}: no such id`);
        }
        const landmarks = findAll(navs.find((element) => element.attributes['epub:type'] === 'landmarks')!, 'a');
        const types = landmarks.map((link) => String(link.attributes['epub:type']));
        for (const type of ['cover', 'toc', 'bodymatter']) assert.ok(types.includes(type), `landmark ${type}`);
        for (const link of landmarks) assert.ok(position(String(link.attributes.href)) >= 0, `landmark ${link.attributes.href}`);
        assert.deepEqual(landmarks.map((link) => position(String(link.attributes.href))), landmarks.map((link) => position(String(link.attributes.href))).sort((a, b) => a - b));

        const ncxItem = pkg.items.get('ncx')!;
        const ncx = await epub.xml(pkg.entry(ncxItem.href));
        const points = findAll(ncx, 'navPoint');
        assert.deepEqual(points.map((point) => String(findAll(point, 'content')[0]!.attributes.src)), tocLinks, 'the NCX lists what the nav lists');
        assert.deepEqual(points.map((point) => Number(point.attributes.playOrder)), points.map((_, index) => index + 1));
        assert.deepEqual(points.map((point) => textOf(findAll(point, 'text')[0]!)), findAll(tocNav, 'a').map(textOf));
      });

      test('the cover: manifest cover-image, <meta name="cover">, a first cover page showing it with the title as alt', async () => {
        const { epub, pkg } = built[name];
        const covers = [...pkg.items.values()].filter((item) => item.properties.includes('cover-image'));
        assert.equal(covers.length, 1);
        const cover = covers[0]!;
        assert.equal(pkg.names.get('cover'), cover.id);
        const page = await epub.xml(pkg.entry(pkg.spine[0]!));
        assert.ok(findAll(page, 'section').some((section) => section.attributes['epub:type'] === 'cover'));
        const image = findAll(page, 'img')[0]!;
        assert.deepEqual([image.attributes.src, image.attributes.alt], [cover.href, '灯下集']);
        const data = await epub.zip.file(pkg.entry(cover.href))!.async('uint8array');
        const meta = await sharp(data).metadata();
        if (name === 'own-cover') {
          assert.deepEqual(Buffer.from(data), readFileSync(path.join(repoRoot, 'content', 'images', 'lamp.png')));
          assert.equal(cover.mediaType, 'image/png');
        } else {
          assert.deepEqual([cover.mediaType, meta.format, meta.width, meta.height], ['image/jpeg', 'jpeg', 1600, 2400]);
        }
      });
    });
  }

  test('vertical books: every document vertical-rl except the English article, pages right to left', async () => {
    for (const name of ['vertical', 'vertical-font'] as const) {
      const { epub, pkg } = built[name];
      assert.equal(pkg.spineAttributes['page-progression-direction'], 'rtl');
      assert.equal(pkg.names.get('primary-writing-mode'), 'vertical-rl');
      for (const href of [...pkg.spine, 'toc.xhtml']) {
        const html = findAll(await epub.xml(pkg.entry(href)), 'html')[0]!;
        assert.equal(html.attributes.class, href === 'night-train.xhtml' ? 'horizontal-tb' : 'vertical-rl', `${name} ${href}`);
      }
      assert.match(await epub.text(pkg.entry('interview.xhtml')), /<span class="tcy">17<\/span>岁/);
    }
  });

  test('the embedded font: declared, linked, keeps vertical forms, covers every character, and stays small', async () => {
    for (const name of ['vertical-font', 'horizontal-font'] as const) {
      const { epub, pkg, cli, file } = built[name];
      const fonts = [...pkg.items.values()].filter((item) => item.mediaType === 'font/ttf');
      // A Simplified book carries the SC face only.
      assert.deepEqual(fonts.map((item) => item.href), ['fonts/serif-sc-regular.ttf', 'fonts/serif-sc-bold.ttf']);
      assert.ok(pkg.items.has('fonts-css'));
      assert.deepEqual(pkg.properties.get('ibooks:specified-fonts'), ['true']);
      const regular = await epub.zip.file(pkg.entry(fonts[0]!.href))!.async('uint8array');
      assert.ok(layoutFeatureTags(regular, 'GSUB').includes('vert'));
      for (const tag of ['vhal', 'vchw', 'halt', 'chws']) assert.ok(layoutFeatureTags(regular, 'GPOS').includes(tag), `${tag} kept`);
      const hb = await import('harfbuzzjs');
      const face = new hb.Face(new hb.Blob(regular));
      const covered = new Set(face.collectUnicodes());
      for (const href of pkg.spine) {
        const text = textOf(findAll(await epub.xml(pkg.entry(href)), 'body')[0]!);
        for (const character of text) if (!/\s/.test(character)) assert.ok(covered.has(character.codePointAt(0)!), `${href}: ${character} is not in the subset`);
      }
      const font = new hb.Font(face);
      const shape = (direction: (typeof hb.Direction)[keyof typeof hb.Direction]) => {
        const buffer = new hb.Buffer();
        buffer.addText('，。');
        buffer.guessSegmentProperties();
        buffer.setDirection(direction);
        hb.shape(font, buffer);
        return buffer.getGlyphInfos().map((glyph) => glyph.codepoint);
      };
      assert.notDeepEqual(shape(hb.Direction.TTB), shape(hb.Direction.LTR), '，。 have vertical forms');
      for (const href of pkg.spine) assert.match(await epub.text(pkg.entry(href)), /<link rel="stylesheet" type="text\/css" href="fonts\.css" \/>/);
      assert.match(cli.stderr, /wenji: embedded Noto Serif SC, \d+ characters \(SC regular \d+ KB, SC bold \d+ KB; \d+ KB\) in [\d.]+ s/);
      const added = statSync(file).size - statSync(built[name === 'vertical-font' ? 'vertical' : 'horizontal'].file).size;
      assert.ok(added > 100 * 1024 && added < 2 * 1024 * 1024, `the font adds ${added} bytes`);
    }
  });

  test('Apple Books is told to show the embedded font (META-INF display options), only when a font is embedded', async () => {
    const optionsFile = 'META-INF/com.apple.ibooks.display-options.xml';
    for (const name of names) {
      const { epub } = built[name];
      if (!name.endsWith('-font')) {
        assert.ok(!epub.names.includes(optionsFile), `${name} has no display options`);
        continue;
      }
      const options = await epub.xml(optionsFile);
      const root = options.children.find((child): child is Element => child.type === 'element')!;
      assert.equal(root.name, 'display_options');
      const platforms = findAll(options, 'platform');
      assert.deepEqual(platforms.map((platform) => platform.attributes.name), ['*']);
      const option = findAll(platforms[0]!, 'option');
      assert.deepEqual(option.map((element) => [element.attributes.name, textOf(element)]), [['specified-fonts', 'true']]);
      assert.equal(epub.names[0], 'mimetype', 'mimetype still comes first');
    }
  });

  test('the size of each EPUB is reported', () => {
    for (const name of names) assert.match(built[name].cli.stdout, /dengxia-ji\.epub {2}\d+ KB/);
  });

  test('byte-identical when built again in another time zone (generated cover and embedded font included)', async () => {
    for (const name of ['vertical-font', 'own-cover'] as const) {
      const again = await buildSample(root, `${name}-again`, variants[name].yaml, [...variants[name].args], { TZ: 'America/Los_Angeles' });
      assert.equal(sha256(again.file), sha256(built[name].file), name);
    }
  });

  test('without a date in book.yaml, SOURCE_DATE_EPOCH fixes dcterms:modified and the bytes', async () => {
    const undated = sampleYaml.replace(/^date:.*\n/m, '');
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    const first = await buildSample(root, 'epoch-1', variants['vertical-font'].yaml, [], { ...env, TZ: 'Pacific/Auckland' }, undated);
    const second = await buildSample(root, 'epoch-2', variants['vertical-font'].yaml, [], { ...env, TZ: 'UTC' }, undated);
    assert.equal(sha256(first.file), sha256(second.file));
    const pkg = await readPackage(await openEpub(first.file));
    assert.deepEqual(pkg.properties.get('dcterms:modified'), ['2023-11-14T22:13:20Z']);
  });
});

describe('the embedded font on a 3-article book with 120 KB of text', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'wenji-font-size-'));
    mkdirSync(path.join(root, 'content'));
    // About 2,900 distinct ideographs, as many as three long essays use; a fixed generator, so the size is stable.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pool = Array.from({ length: 3000 }, (_, index) => String.fromCodePoint(0x4e00 + index * 5));
    for (const number of [1, 2, 3]) {
      let text = `# 第${number}篇\n\n`;
      while (Buffer.byteLength(text) < 40 * 1024) {
        let paragraph = '';
        for (let index = 0; index < 120; index++) paragraph += pool[Math.floor(random() * pool.length)]! + (random() < 0.1 ? '，' : '');
        text += `${paragraph}。\n\n`;
      }
      writeFileSync(path.join(root, 'content', `0${number}.md`), text);
    }
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('adds well under 2 MB', async () => {
    const sizes: number[] = [];
    for (const embed of [false, true]) {
      writeFileSync(path.join(root, 'book.yaml'), `title: 长文三篇\nslug: long\ndate: 2024-01-01\nepub:\n  writingMode: vertical\n  embedFont: ${embed}\n`);
      const result = await runCli(['epub', root, '--out', path.join(root, `out-${embed}`)]);
      assert.equal(result.code, 0, result.stderr);
      sizes.push(statSync(path.join(root, `out-${embed}`, 'long.epub')).size);
    }
    const added = sizes[1]! - sizes[0]!;
    assert.ok(added < 1.5 * 1024 * 1024, `the font adds ${(added / 1048576).toFixed(2)} MB`);
  });
});
