import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { VFile } from 'vfile';
import { loadContent } from '../../src/content/load.js';
import { parseArticles } from '../../src/content/parse.js';
import { articleExtensions, readerForMediaType, readerForPath, readers, withoutArticleExtension } from '../../src/content/readers.js';
import { ParseError, type Reader } from '../../src/content/types.js';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A content folder holding `files` (name → text or bytes). */
function contentFolder(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wenji-readers-'));
  dirs.push(dir);
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), data);
  }
  return dir;
}

describe('the reader registry', () => {
  test('each extension and media type belongs to one reader, each format has one entry', () => {
    assert.equal(new Set(articleExtensions).size, articleExtensions.length);
    const types = readers.flatMap((reader) => reader.mediaTypes);
    assert.equal(new Set(types).size, types.length);
    assert.equal(new Set(readers.map((reader) => reader.format)).size, readers.length);
    for (const extension of articleExtensions) assert.match(extension, /^\.[a-z0-9]+$/, 'lower case with the dot');
  });

  test('files are claimed by extension, whatever its case; other files by nobody', () => {
    assert.equal(readerForPath('a/01-interview.MD')?.format, 'markdown');
    assert.equal(readerForPath('page.XHTML')?.format, 'html');
    assert.equal(readerForPath('notes.text')?.format, 'text');
    assert.equal(readerForPath('report.docx'), undefined);
    assert.equal(readerForPath('README'), undefined);
    assert.equal(readerForMediaType('application/xhtml+xml')?.format, 'html');
    assert.equal(readerForMediaType('application/pdf'), undefined);
    assert.equal(withoutArticleExtension('02-essay.markdown'), '02-essay');
    assert.equal(withoutArticleExtension('photo.jpg'), 'photo.jpg', 'only extensions a reader reads are dropped');
  });

  test('a format no reader has is an error on the file, never parsed as HTML', async () => {
    const file = new VFile({ path: 'content/report.docx', value: '<h1>不是网页</h1>' });
    file.data.format = 'docx';
    file.data.contentPath = 'report.docx';
    await assert.rejects(parseArticles(file, { language: 'zh-Hans' }), (error: unknown) => error instanceof ParseError && error.ruleId === 'unreadable' && /no reader for the format "docx"/.test(error.message));
  });

  test('loading reads only the files some reader claims, each with its format', () => {
    const dir = contentFolder({
      '01-a.md': '# 一\n\n正文。',
      '02-b.text': '二\n\n正文。',
      '03-c.HTM': '<p>三</p>',
      '04-d.docx': 'PK\u0003\u0004',
      'images/e.png': new Uint8Array([0x89, 0x50]),
    });
    const loaded = loadContent({ contentDir: dir, cwd: dir });
    assert.deepEqual(loaded.files.map((file) => [file.data.contentPath, file.data.format]), [['01-a.md', 'markdown'], ['02-b.text', 'text'], ['03-c.HTM', 'html']]);
    assert.deepEqual(loaded.ignored, ['04-d.docx', 'images/e.png']);
  });

  test('a binary format gets the bytes undecoded; an empty one is reported', () => {
    const calls: string[] = [];
    const binary: Reader = {
      format: 'sample-binary',
      extensions: ['.bin'],
      mediaTypes: [],
      encoding: 'binary',
      frontMatter: 'never',
      read: async (file) => {
        calls.push(file.path);
        return [];
      },
    };
    // Bytes that are no text in any encoding: a text reader would report the file unreadable.
    const bytes = new Uint8Array([0x00, 0xff, 0xfe, 0x80, 0x81, 0x00, 0xc3]);
    const dir = contentFolder({ '01-a.bin': bytes, '02-empty.bin': new Uint8Array(), '03-b.md': '# 三' });
    const loaded = loadContent({ contentDir: dir, cwd: dir, readers: [binary] });
    assert.deepEqual(loaded.ignored, ['03-b.md'], 'only the given readers are asked');
    assert.equal(loaded.files.length, 1);
    assert.deepEqual(new Uint8Array(loaded.files[0]!.value as Uint8Array), bytes);
    assert.equal(loaded.files[0]!.data.format, 'sample-binary');
    assert.equal(loaded.failed.length, 1);
    assert.match(String(loaded.failed[0]!.messages[0]!.reason), /empty/);
    assert.equal(loaded.failed[0]!.messages[0]!.ruleId, 'empty-file');
    assert.deepEqual(calls, [], 'loading does not parse');
  });
});
