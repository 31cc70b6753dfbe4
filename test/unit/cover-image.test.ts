import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { loadCoverImage } from '../../src/writers/cover/load-cover-image.js';

describe('a cover image from book.yaml', () => {
  let dir: string;
  const file = (name: string) => path.join(dir, name);
  let png: Buffer;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'wenji-cover-'));
    png = await sharp({ create: { width: 160, height: 240, channels: 3, background: '#884422' } }).png().toBuffer();
    writeFileSync(file('cover.png'), png);
    writeFileSync(file('cover.webp'), await sharp({ create: { width: 160, height: 240, channels: 3, background: '#224488' } }).webp().toBuffer());
    writeFileSync(file('notes.jpg'), 'these are notes, not a picture');
    // A PNG header claiming 20000×20000 pixels: refused before anything is decoded.
    const huge = Buffer.from(png);
    huge.writeUInt32BE(20000, 16);
    huge.writeUInt32BE(20000, 20);
    writeFileSync(file('huge.png'), huge);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a PNG is packaged byte for byte', async () => {
    const loaded = await loadCoverImage(file('cover.png'));
    assert.ok('image' in loaded);
    assert.equal(loaded.image.mediaType, 'image/png');
    assert.deepEqual(Buffer.from(loaded.image.data), png);
    assert.deepEqual([loaded.image.width, loaded.image.height], [160, 240]);
  });

  test('WebP is converted to JPEG', async () => {
    const loaded = await loadCoverImage(file('cover.webp'));
    assert.ok('image' in loaded);
    assert.equal(loaded.image.mediaType, 'image/jpeg');
    assert.equal((await sharp(loaded.image.data).metadata()).format, 'jpeg');
  });

  test('a missing file is a problem, not an exception', async () => {
    assert.deepEqual(await loadCoverImage(file('nope.jpg')), { problem: 'the cover image does not exist' });
  });

  test('a file that is not an image is named as such', async () => {
    const loaded = await loadCoverImage(file('notes.jpg'));
    assert.ok('problem' in loaded);
    assert.match(loaded.problem, /not an image/);
  });

  test('a huge image is refused with the size to use instead', async () => {
    const loaded = await loadCoverImage(file('huge.png'));
    assert.ok('problem' in loaded);
    assert.match(loaded.problem, /too large \(20000×20000 pixels\).*1600×2400/);
  });

  test('a folder is not a cover', async () => {
    const loaded = await loadCoverImage(dir);
    assert.ok('problem' in loaded);
  });
});
