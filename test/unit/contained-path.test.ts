import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import type { Root } from 'hast';
import { VFile } from 'vfile';
import { imageDependencies } from '../../src/cache/dependencies.js';
import { containedFile, isInside, localReference } from '../../src/contained-path.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wenji-contained-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const content = path.join(dir, 'book', 'content');
mkdirSync(path.join(content, 'images'), { recursive: true });
writeFileSync(path.join(content, 'images', 'a.png'), 'png');
writeFileSync(path.join(dir, 'secret.txt'), '不该被读到的内容');
symlinkSync(path.join(dir, 'secret.txt'), path.join(content, 'images', 'link-out.png'));
symlinkSync(path.join(content, 'images', 'a.png'), path.join(content, 'link-in.png'));
symlinkSync('/', path.join(content, 'root'));

describe('containedFile: one rule for every path an article names', () => {
  test('a file inside the folder is found, with its path relative to the folder', () => {
    const found = containedFile(content, content, 'images/a.png');
    assert.ok(found.ok);
    assert.equal(found.relative, 'images/a.png');
    assert.equal(found.size, 3);
  });

  test('a path that leaves the folder as written is refused, however it is spelled', () => {
    for (const reference of ['../../../secret.txt', '../../secret.txt/x', '/etc/passwd', 'images/../../../secret.txt', '../../../../../../../etc/passwd', '../..']) {
      const found = containedFile(content, path.join(content, 'images'), reference);
      assert.deepEqual(found, { ok: false, reason: 'outside' }, reference);
    }
  });

  test('a link out of the folder is refused; a link inside it is followed', () => {
    assert.deepEqual(containedFile(content, content, 'images/link-out.png'), { ok: false, reason: 'outside' });
    assert.deepEqual(containedFile(content, content, 'root/etc/passwd'), { ok: false, reason: 'outside' });
    const inside = containedFile(content, content, 'link-in.png');
    assert.ok(inside.ok);
    assert.equal(inside.relative, 'images/a.png');
  });

  test('missing files and folders are told apart from files', () => {
    assert.deepEqual(containedFile(content, content, 'images/none.png'), { ok: false, reason: 'missing' });
    assert.deepEqual(containedFile(content, content, 'images'), { ok: false, reason: 'not-a-file' });
  });

  test('names that merely start with dots stay inside', () => {
    assert.ok(isInside('/a/b', '/a/b/..cache/x'));
    assert.ok(!isInside('/a/b', '/a/bc'));
    assert.ok(!isInside('/a/b', '/a'));
  });

  test('local references lose query and fragment and are decoded', () => {
    assert.equal(localReference(' images/%E7%A7%8B%20a.png?v=2#top '), 'images/秋 a.png');
    assert.equal(localReference('images/%E7.png'), 'images/%E7.png');
  });
});

describe('the cache reads no file outside the content folder (issue 11, finding 1)', () => {
  const file = new VFile({ path: path.join(content, 'a.md') });
  file.data.contentRoot = content;
  file.data.absolutePath = path.join(content, 'a.md');
  const image = (src: string) => ({ type: 'element' as const, tagName: 'img', properties: { src }, children: [] });
  const tree: Root = { type: 'root', children: [image('../secret.txt'), image('images/link-out.png'), image('/etc/passwd'), image('images/a.png'), image('root/etc/passwd')] };

  test('outside paths are recorded by their reason, never by a digest of their bytes', () => {
    const dependencies = imageDependencies(tree, file);
    const byPath = Object.fromEntries(dependencies.map((dependency) => [dependency.path, dependency.digest]));
    assert.equal(byPath['../secret.txt'], 'outside');
    assert.equal(byPath['images/link-out.png'], 'outside');
    assert.equal(byPath['root/etc/passwd'], 'outside');
    assert.equal(byPath[path.relative(content, '/etc/passwd')], 'outside');
    assert.match(byPath['images/a.png'] ?? '', /^[0-9a-f]{64}$/);
  });
});
