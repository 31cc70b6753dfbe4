import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Element } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { VFile } from 'vfile';
import rehypeResolveImages, { type Options } from '../../src/normalize/plugins/rehype-resolve-images.js';
import { runPlugins } from '../helpers/run-plugin.js';

// ---------------------------------------------------------------------------------------------
// Tiny, valid image files, written here so the fixtures are reviewable and need no binary blobs.

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGB PNG of one colour (zlib-compressed scanlines, filter 0, real CRCs). */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, truecolour, deflate, no filter set, no interlace
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set(rgb, y * stride + 1 + x * 3);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A grey baseline JPEG: one component, a flat quantization table and one-symbol Huffman tables,
 * so every 8×8 block is "DC difference 0, end of block" (two bits). Decodes to mid-grey.
 */
function jpeg(width: number, height: number): Buffer {
  const segment = (marker: number, data: number[]) => Buffer.from([0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff, ...data]);
  const u16 = (n: number) => [n >> 8, n & 0xff];
  const oneSymbolTable = (tableClass: number) => [tableClass, 1, ...new Array<number>(15).fill(0), 0x00];
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const scan = Buffer.alloc(Math.ceil((blocks * 2) / 8));
  const padBits = scan.length * 8 - blocks * 2;
  if (padBits) scan[scan.length - 1] = (1 << padBits) - 1; // pad the last byte with 1-bits
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, [...Buffer.from('JFIF\0', 'ascii'), 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    segment(0xc0, [8, ...u16(height), ...u16(width), 1, 1, 0x11, 0]),
    segment(0xc4, oneSymbolTable(0x00)),
    segment(0xc4, oneSymbolTable(0x10)),
    segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    scan,
    Buffer.from([0xff, 0xd9]),
  ]);
}

/**
 * A GIF89a with a 4-colour palette. The LZW stream sends a clear code every two pixels, so the
 * code width stays 3 bits and no dictionary entries are ever used (valid, just uncompressed).
 */
function gif(width: number, height: number): Buffer {
  const codes: number[] = [];
  for (let pixel = 0; pixel < width * height; pixel++) {
    if (pixel % 2 === 0) codes.push(4);
    codes.push(pixel % 4);
  }
  codes.push(5);
  const data: number[] = [];
  let accumulator = 0;
  let bits = 0;
  for (const code of codes) {
    accumulator |= code << bits;
    bits += 3;
    while (bits >= 8) {
      data.push(accumulator & 0xff);
      accumulator >>= 8;
      bits -= 8;
    }
  }
  if (bits) data.push(accumulator & 0xff);
  const blocks: number[] = [];
  for (let i = 0; i < data.length; i += 255) blocks.push(Math.min(255, data.length - i), ...data.slice(i, i + 255));
  const u16 = (n: number) => [n & 0xff, n >> 8];
  return Buffer.from([
    ...Buffer.from('GIF89a', 'ascii'),
    ...u16(width), ...u16(height), 0x91, 0, 0,
    0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 0, 255,
    0x2c, ...u16(0), ...u16(0), ...u16(width), ...u16(height), 0,
    2, ...blocks, 0,
    0x3b,
  ]);
}

/** The classic 1×1 transparent GIF that lazy-loading pages put in `src` (43 bytes). */
const spacerGif = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
/** A 1×1 lossless WebP (the one Modernizr uses to detect WebP support). */
const webp = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');

const sha16 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

// ---------------------------------------------------------------------------------------------

const options: Options = { unavailable: (alt) => (alt ? `［图：${alt}］` : '［图］') };

let temp: string;
let root: string;
let article: string;
const redPng = png(3, 2, [255, 0, 0]);
const bluePng = png(7, 5, [0, 0, 255]);
const outsidePng = png(2, 2, [0, 255, 0]);
const greyJpeg = jpeg(17, 9);
const paletteGif = gif(4, 3);

before(() => {
  temp = mkdtempSync(path.join(tmpdir(), 'wenji-images-'));
  root = path.join(temp, 'content');
  const articles = path.join(root, 'articles');
  mkdirSync(path.join(articles, 'img'), { recursive: true });
  mkdirSync(path.join(articles, 'dir.png'));
  mkdirSync(path.join(root, 'shared'));
  mkdirSync(path.join(root, '..cache'));
  mkdirSync(path.join(temp, 'outside'));
  article = path.join(articles, 'story.md');
  writeFileSync(article, '# story\n');
  writeFileSync(path.join(articles, 'img', 'red.png'), redPng);
  writeFileSync(path.join(articles, 'img', 'red-copy.png'), redPng);
  writeFileSync(path.join(articles, 'blue.png'), bluePng);
  writeFileSync(path.join(articles, 'photo.jpg'), greyJpeg);
  writeFileSync(path.join(articles, '插图 一.png'), bluePng);
  writeFileSync(path.join(root, 'shared', 'anim.gif'), paletteGif);
  writeFileSync(path.join(root, '..cache', 'dots.png'), bluePng);
  writeFileSync(path.join(articles, 'really-webp.png'), webp);
  writeFileSync(path.join(articles, 'notes.txt'), 'not an image');
  writeFileSync(path.join(temp, 'outside', 'secret.png'), outsidePng);
  symlinkSync(path.join(temp, 'outside', 'secret.png'), path.join(articles, 'link-out.png'));
  symlinkSync(path.join(articles, 'img', 'red.png'), path.join(articles, 'link-in.png'));
});

after(() => {
  rmSync(temp, { recursive: true, force: true });
});

function articleFile(): VFile {
  const file = new VFile({ path: article });
  file.data.absolutePath = article;
  file.data.contentRoot = root;
  return file;
}

async function resolveImages(html: string, extra: Partial<Options> = {}, file = articleFile()) {
  return runPlugins(html, [[rehypeResolveImages, { ...options, ...extra }]], file);
}

function images(tree: Parameters<typeof selectAll>[1]): Element[] {
  return selectAll('img', tree);
}

function only<T>(items: readonly T[]): T {
  assert.equal(items.length, 1, `expected exactly one item, got ${items.length}`);
  return items[0]!;
}

describe('rehype-resolve-images: local files', () => {
  test('a PNG next to the article is packaged under a content hash, with its pixel size', async () => {
    const { tree, file } = await resolveImages('<p><img src="img/red.png" alt="红"></p>');
    const img = only(images(tree));
    assert.equal(img.properties.src, `images/${sha16(redPng)}.png`);
    assert.match(String(img.properties.src), /^images\/[0-9a-f]{16}\.png$/);
    assert.equal(img.properties.alt, '红');
    assert.equal(img.properties.width, 3);
    assert.equal(img.properties.height, 2);
    const asset = only(file.data.images ?? []);
    assert.equal(asset.href, img.properties.src);
    assert.equal(asset.mediaType, 'image/png');
    assert.equal(asset.source, 'articles/img/red.png');
    assert.deepEqual(Buffer.from(asset.data), redPng);
    assert.deepEqual(file.messages, []);
  });

  test('JPEG and GIF sizes are read from their headers; paths may climb inside the content folder', async () => {
    const { tree, file } = await resolveImages('<p><img src="photo.jpg" alt="j"><img src="../shared/anim.gif" alt="g"></p>');
    const [jpg, gifImage] = images(tree);
    assert.equal(jpg?.properties.src, `images/${sha16(greyJpeg)}.jpg`);
    assert.deepEqual([jpg?.properties.width, jpg?.properties.height], [17, 9]);
    assert.equal(gifImage?.properties.src, `images/${sha16(paletteGif)}.gif`);
    assert.deepEqual([gifImage?.properties.width, gifImage?.properties.height], [4, 3]);
    assert.deepEqual(
      (file.data.images ?? []).map((asset) => [asset.mediaType, asset.source]),
      [
        ['image/jpeg', 'articles/photo.jpg'],
        ['image/gif', 'shared/anim.gif'],
      ],
    );
    assert.deepEqual(file.messages, []);
  });

  test('the same bytes are packaged once, whatever the path that led to them', async () => {
    const { tree, file } = await resolveImages('<img src="img/red.png" alt="a"><img src="./img/red.png" alt="b"><img src="link-in.png" alt="c"><img src="img/red-copy.png" alt="d"><img src="blue.png" alt="e">');
    const sources = images(tree).map((img) => img.properties.src);
    assert.equal(new Set(sources.slice(0, 4)).size, 1);
    assert.notEqual(sources[4], sources[0]);
    assert.deepEqual(
      (file.data.images ?? []).map((asset) => asset.source),
      ['articles/img/red.png', 'articles/blue.png'],
      'the first path that led to the bytes is recorded',
    );
  });

  test('hrefs are derived from content only: two runs give the same result', async () => {
    const html = '<img src="blue.png" alt=""><img src="photo.jpg" alt="">';
    const first = await resolveImages(html);
    const second = await resolveImages(html);
    assert.equal(first.xml, second.xml);
    assert.deepEqual(
      first.file.data.images?.map((asset) => asset.href),
      second.file.data.images?.map((asset) => asset.href),
    );
  });

  test('a resolved image keeps only src, alt, title and its real size', async () => {
    const { tree } = await resolveImages('<img src="img/red.png" alt=" 红 " title="标题" width="100%" height="auto" data-src="img/red.png" srcset="x.png 2x" class="wide">');
    const img = only(images(tree));
    assert.deepEqual(Object.keys(img.properties).sort(), ['alt', 'height', 'src', 'title', 'width']);
    assert.equal(img.properties.alt, '红');
    assert.equal(img.properties.title, '标题');
    assert.equal(img.properties.width, 3);
  });

  test('percent-encoded names, query strings and fragments resolve to the file', async () => {
    const { tree, file } = await resolveImages(
      '<img src="%E6%8F%92%E5%9B%BE%20%E4%B8%80.png" alt="a"><img src="插图 一.png?v=2" alt="b"><img src="blue.png#zoom" alt="c">',
    );
    assert.deepEqual(file.messages.map(String), []);
    const expected = `images/${sha16(bluePng)}.png`;
    assert.deepEqual(images(tree).map((img) => img.properties.src), [expected, expected, expected]);
  });

  test('a folder whose name starts with two dots is still inside the content folder', async () => {
    const { tree, file } = await resolveImages('<img src="../..cache/dots.png" alt="">');
    assert.deepEqual(file.messages.map(String), []);
    assert.equal(only(images(tree)).properties.src, `images/${sha16(bluePng)}.png`);
  });
});

describe('rehype-resolve-images: images that cannot be shown', () => {
  test('a remote https image is not fetched: alt text placeholder and a warning naming the URL', async () => {
    const url = 'https://example.com/photos/cat.png';
    const { tree, file } = await resolveImages(`<p>前<img src="${url}" alt="猫">后</p>`);
    assert.equal(images(tree).length, 0);
    const placeholder = select('span.image-unavailable', tree);
    assert.ok(placeholder, 'placeholder span');
    assert.equal(toString(placeholder), '［图：猫］');
    assert.equal(toString(tree), '前［图：猫］后');
    const message = only(file.messages);
    assert.ok(message.reason.includes(url), message.reason);
    assert.match(message.reason, /not fetched/);
    assert.equal(message.ruleId, 'image');
    assert.equal(message.source, 'wenji');
    assert.equal(message.fatal, false);
    assert.equal(message.line, 1, 'the warning points at the img');
    assert.deepEqual(file.data.images, []);
  });

  test('http and protocol-relative images are remote too', async () => {
    const { tree, file } = await resolveImages('<img src="http://example.com/a.png" alt=""><img src="//cdn.example.com/b.png" alt="b">');
    assert.equal(images(tree).length, 0);
    assert.deepEqual(selectAll('span.image-unavailable', tree).map((span) => toString(span)), ['［图：b］'], 'an image without a description leaves nothing');
    assert.deepEqual(
      file.messages.map((message) => [message.ruleId, /http:\/\/example\.com\/a\.png/.test(message.reason) || /\/\/cdn\.example\.com\/b\.png/.test(message.reason)]),
      [
        ['image', true],
        ['image', true],
      ],
    );
  });

  test('an alt text that is only a file name is no description: the image is left out, with a warning saying so', async () => {
    for (const alt of ['12-IMG_3886.jpg', 'image.png', 'DSC0001', 'IMG_20240501_1203', '微信图片_20240501', '3f9c0e1a2b4d5e6f7a8b']) {
      const { tree, file } = await resolveImages(`<p>前<img src="img/${alt}.jpg" alt="${alt}">后</p>`);
      assert.equal(toString(tree), '前后', alt);
      const message = only(file.messages);
      assert.equal(message.ruleId, 'image');
      assert.match(message.reason, new RegExp(`left out \\(it has no description, only the file name "${alt.replace(/[.]/g, '\\.')}"\\)$`));
      assert.equal(message.line, 1, 'it names the line');
    }
  });

  test('real descriptions stay placeholders', async () => {
    for (const alt of ['河面上的雾', 'The ferry at dawn', '图一：码头']) {
      const { tree } = await resolveImages(`<img src="img/gone.jpg" alt="${alt}">`);
      assert.equal(toString(tree), `［图：${alt}］`);
    }
  });

  test('a missing file gives a warning naming the path', async () => {
    const { tree, file } = await resolveImages('<img src="img/missing.png" alt="缺">');
    assert.equal(toString(tree), '［图：缺］');
    const message = only(file.messages);
    assert.match(message.reason, /not found/);
    assert.ok(message.reason.includes('img/missing.png'), message.reason);
  });

  test('a path escaping the content folder is refused, even when it names a real image', async () => {
    const { tree, file } = await resolveImages('<img src="../../outside/secret.png" alt="s"><img src="../../../../../../../../etc/passwd" alt="p"><img src="/etc/passwd" alt="q">');
    assert.equal(images(tree).length, 0);
    assert.deepEqual(file.data.images, []);
    assert.equal(file.messages.length, 3);
    const [secret, passwd, absolute] = file.messages;
    assert.match(secret!.reason, /outside the content folder/);
    assert.ok(secret!.reason.includes('../../outside/secret.png'));
    assert.match(passwd!.reason, /outside the content folder/);
    assert.ok(passwd!.reason.includes('etc/passwd'));
    assert.match(absolute!.reason, /outside the content folder/);
  });

  test('percent-encoded dots cannot escape either', async () => {
    const { file } = await resolveImages('<img src="%2e%2e/%2e%2e/outside/secret.png" alt="">');
    assert.deepEqual(file.data.images, []);
    assert.match(only(file.messages).reason, /outside the content folder/);
  });

  test('a symlink pointing outside the content folder is not read', async () => {
    const { tree, file } = await resolveImages('<img src="link-out.png" alt="链">');
    assert.equal(images(tree).length, 0);
    assert.deepEqual(file.data.images, []);
    const message = only(file.messages);
    assert.match(message.reason, /outside the content folder/);
    assert.ok(message.reason.includes('link-out.png'));
  });

  test('WebP bytes (whatever the file name says) are converted for e-readers, with an info note', async () => {
    const { tree, file } = await resolveImages('<img src="really-webp.png" alt="w">');
    const img = only(images(tree));
    assert.match(String(img.properties.src), /^images\/[0-9a-f]{16}\.png$/, 'a lossless WebP with alpha becomes PNG');
    const asset = only(file.data.images ?? []);
    assert.equal(asset.mediaType, 'image/png');
    assert.equal(Buffer.from(asset.data).subarray(1, 4).toString('latin1'), 'PNG');
    const message = only(file.messages);
    assert.equal(message.fatal, undefined, 'an info message, not a warning');
    assert.match(message.reason, /WebP converted to PNG: really-webp\.png/);
  });

  test('a file that is not an image, and a folder, are reported', async () => {
    const { file } = await resolveImages('<img src="notes.txt" alt=""><img src="dir.png" alt="">');
    assert.equal(file.messages.length, 2);
    assert.match(file.messages[0]!.reason, /format unknown/);
    assert.match(file.messages[1]!.reason, /not a file/);
    assert.ok(file.messages[1]!.reason.includes('dir.png'));
  });

  test('images larger than maxBytes are skipped', async () => {
    const { file } = await resolveImages('<img src="blue.png" alt="">', { maxBytes: 10 });
    assert.deepEqual(file.data.images, []);
    assert.match(only(file.messages).reason, /larger than .* skipped: blue\.png/);
  });

  test('other schemes are not read', async () => {
    const { file, tree } = await resolveImages('<img src="file:///etc/hosts" alt=""><img src="javascript:alert(1)" alt="">');
    assert.equal(images(tree).length, 0);
    assert.deepEqual(
      file.messages.map((message) => /unsupported address/.test(message.reason)),
      [true, true],
    );
  });

  test('an img without any source is reported', async () => {
    const { tree, file } = await resolveImages('<p><img alt="空"></p>');
    assert.equal(toString(tree), '［图：空］');
    assert.match(only(file.messages).reason, /no src/);
  });

  test('an article that is not on disk cannot package local images', async () => {
    const { file } = await resolveImages('<img src="img/red.png" alt="">', {}, new VFile());
    assert.match(only(file.messages).reason, /no folder on disk/);
    assert.deepEqual(file.data.images, []);
  });
});

describe('rehype-resolve-images: data: URLs and lazy loading', () => {
  test('a base64 data: PNG is decoded and packaged', async () => {
    const { tree, file } = await resolveImages(`<img src="data:image/png;base64,${redPng.toString('base64')}" alt="d">`);
    const img = only(images(tree));
    assert.equal(img.properties.src, `images/${sha16(redPng)}.png`);
    assert.deepEqual([img.properties.width, img.properties.height], [3, 2]);
    const asset = only(file.data.images ?? []);
    assert.equal(asset.source, 'data:');
    assert.deepEqual(Buffer.from(asset.data), redPng);
  });

  test('a percent-encoded (not base64) data: PNG is decoded byte for byte', async () => {
    const encoded = [...redPng].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
    const { tree, file } = await resolveImages(`<img src="data:image/png,${encoded}" alt="">`);
    assert.deepEqual(file.messages.map(String), []);
    assert.equal(only(images(tree)).properties.src, `images/${sha16(redPng)}.png`);
  });

  test('a malformed percent escape in a data: URL is a warning, not a crash', async () => {
    const { file } = await resolveImages('<img src="data:image/svg+xml,%E0%A4%A" alt="">');
    assert.match(only(file.messages).reason, /not supported/);
  });

  test('a data: URL without a comma is reported as malformed', async () => {
    const { file } = await resolveImages('<img src="data:image/png;base64" alt="">');
    assert.match(only(file.messages).reason, /malformed data: image/);
  });

  test('a 1×1 GIF placeholder in src gives way to the real data-src', async () => {
    const { tree, file } = await resolveImages(`<img src="${spacerGif}" data-src="img/red.png" alt="懒">`);
    const img = only(images(tree));
    assert.equal(img.properties.src, `images/${sha16(redPng)}.png`);
    assert.equal(img.properties.dataSrc, undefined);
    assert.equal(only(file.data.images ?? []).source, 'articles/img/red.png');
    assert.deepEqual(file.messages, []);
  });

  test('other lazy attributes and placeholder-looking file names count too', async () => {
    const { tree } = await resolveImages('<img src="/static/placeholder.gif" data-original="blue.png" alt="1"><img data-lazy-src="photo.jpg" alt="2"><img src="loading.svg" data-actualsrc="img/red.png" alt="3">');
    assert.deepEqual(
      images(tree).map((img) => img.properties.src),
      [`images/${sha16(bluePng)}.png`, `images/${sha16(greyJpeg)}.jpg`, `images/${sha16(redPng)}.png`],
    );
  });

  test('a real src wins over data-src', async () => {
    const { tree } = await resolveImages('<img src="blue.png" data-src="img/red.png" alt="">');
    assert.equal(only(images(tree)).properties.src, `images/${sha16(bluePng)}.png`);
  });

  test('a lone 1×1 GIF data: placeholder is dropped with a warning', async () => {
    const { tree, file } = await resolveImages(`<p>文<img src="${spacerGif}" alt=""></p>`);
    assert.equal(images(tree).length, 0);
    assert.deepEqual(file.data.images, []);
    assert.match(only(file.messages).reason, /placeholder/);
  });

  test('a WebP data: URL is converted too', async () => {
    const { tree, file } = await resolveImages(`<img src="data:image/webp;base64,${webp.toString('base64')}" alt="">`);
    assert.match(String(only(images(tree)).properties.src), /^images\/[0-9a-f]{16}\.png$/);
    assert.match(only(file.messages).reason, /WebP converted to PNG: a data: image$/);
  });
});

describe('rehype-resolve-images: figures and pictures', () => {
  test('in a figure whose caption says the alt text, a lost image leaves just the caption', async () => {
    const { tree, file } = await resolveImages('<figure><img src="https://example.com/x.png" alt="西湖"><figcaption>西湖</figcaption></figure>');
    const figure = select('figure', tree);
    assert.ok(figure);
    assert.equal(select('img', figure), undefined);
    assert.equal(select('span.image-unavailable', figure), undefined);
    assert.equal(toString(select('figcaption', figure)!), '西湖');
    assert.equal(file.messages.length, 1);
  });

  test('an image without alt in a captioned figure also leaves just the caption', async () => {
    const { tree } = await resolveImages('<figure><img src="gone.png"><figcaption>说明</figcaption></figure>');
    assert.equal(select('span.image-unavailable', tree), undefined);
    assert.equal(toString(tree), '说明');
  });

  test('when the caption says something else the alt text is kept as a placeholder', async () => {
    const { tree } = await resolveImages('<figure><img src="gone.png" alt="断桥"><figcaption>图一</figcaption></figure>');
    const figure = select('figure', tree)!;
    assert.equal(toString(select('span.image-unavailable', figure)!), '［图：断桥］');
    assert.equal(toString(select('figcaption', figure)!), '图一');
  });

  test('a resolved image in a figure stays in place before its caption', async () => {
    const { tree } = await resolveImages('<figure><img src="blue.png" alt="蓝"><figcaption>蓝</figcaption></figure>');
    const figure = select('figure', tree)!;
    const children = figure.children.filter((child): child is Element => child.type === 'element');
    assert.deepEqual(children.map((child) => child.tagName), ['img', 'figcaption']);
  });

  test('<picture> is reduced to its img, which is then resolved', async () => {
    const { tree, file } = await resolveImages('<p><picture><source srcset="big.webp" type="image/webp"><source srcset="big.avif"><img src="blue.png" alt="p"></picture>尾</p>');
    assert.equal(select('picture', tree), undefined);
    assert.equal(select('source', tree), undefined);
    const paragraph = select('p', tree)!;
    assert.equal((paragraph.children[0] as Element).tagName, 'img');
    assert.equal(only(images(tree)).properties.src, `images/${sha16(bluePng)}.png`);
    assert.deepEqual(file.messages, []);
  });

  test('a <picture> without img disappears', async () => {
    const { tree } = await resolveImages('<p>a<picture><source srcset="x.webp"></picture>b</p>');
    assert.equal(select('picture', tree), undefined);
    assert.equal(toString(tree), 'ab');
  });

  test('several images in a row: each is handled and none is skipped', async () => {
    const { tree, file } = await resolveImages('<p><img src="gone-1.png" alt="1"><img src="gone-2.png" alt="2"><img src="blue.png" alt="3"><img src="https://x.test/4.png" alt="4"></p>');
    assert.deepEqual(
      select('p', tree)!.children.map((child) => (child.type === 'element' ? `${child.tagName}:${toString(child) || String(child.properties.alt)}` : child.type)),
      ['span:［图：1］', 'span:［图：2］', 'img:3', 'span:［图：4］'],
    );
    assert.equal(file.messages.length, 3);
  });

  test('an empty document is left alone and records no images', async () => {
    const { xml, file } = await resolveImages('');
    assert.equal(xml, '');
    assert.deepEqual(file.data.images, []);
  });
});
