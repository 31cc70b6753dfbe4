import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config/load.js';
import { runCli } from '../helpers/cli.js';
import { epubcheckTs, javaEpubcheck, javaEpubcheckAvailable, openEpub } from '../helpers/epub.js';
import { openPdf } from '../helpers/pdf.js';

describe('wenji init', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'wenji-init-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('scaffolds a book that builds as EPUB and PDF', async () => {
    const init = await runCli(['init', 'my-book', '--title', '秋夜集'], { cwd: root });
    assert.equal(init.code, 0, init.stderr);
    const dir = path.join(root, 'my-book');
    for (const file of ['book.yaml', 'content/01-autumn-night.md', 'content/02-letter-home.txt', 'styles/custom.css', '.gitignore']) {
      assert.ok(existsSync(path.join(dir, file)), `${file} exists`);
    }
    assert.ok(!existsSync(path.join(dir, 'package.json')), 'no package.json without --package');
    assert.match(init.stdout, /--package/);
    assert.equal(readFileSync(path.join(dir, '.gitignore'), 'utf8'), 'out/\n');
    assert.equal(loadConfig({ dir }).config.title, '秋夜集');

    const check = await runCli(['check', dir]);
    assert.equal(check.code, 0, check.stdout);
    assert.match(check.stdout, /no problems found/);

    const build = await runCli(['build', dir]);
    assert.equal(build.code, 0, build.stderr);
    const out = readdirSync(path.join(dir, 'out')).filter((name) => name !== '.cache').sort();
    assert.deepEqual(out, ['秋夜集.epub', '秋夜集.pdf']);
    const epub = await openEpub(path.join(dir, 'out', '秋夜集.epub'));
    assert.ok(epub.names.some((name) => /autumn-night/.test(name)));
    const validation = await epubcheckTs(epub.raw);
    assert.deepEqual([validation.fatals, validation.errors, validation.warnings], [0, 0, 0], validation.messages.join('\n'));
    if (javaEpubcheckAvailable()) {
      const java = await javaEpubcheck(path.join(dir, 'out', '秋夜集.epub'));
      assert.deepEqual([java.fatals, java.errors, java.warnings], [0, 0, 0], java.messages.join('\n'));
    }
    const pdf = await openPdf(path.join(dir, 'out', '秋夜集.pdf'));
    assert.ok(pdf.outline.some((entry) => entry.title === '秋夜读书记'));
    assert.ok(pdf.pages.some((page) => page.squashed.includes('寄家书')));
  });

  test('refuses to overwrite, naming the file, unless --force', async () => {
    const dir = path.join(root, 'twice');
    assert.equal((await runCli(['init', dir])).code, 0);
    writeFileSync(path.join(dir, 'content', '01-autumn-night.md'), '# 我改过的文章\n\n内容。\n');
    const again = await runCli(['init', dir], { cwd: root });
    assert.equal(again.code, 9);
    assert.equal(again.stderr.trim(), 'wenji: error: twice/book.yaml: already exists; wenji init does not overwrite files: pass --force to replace it');
    assert.match(readFileSync(path.join(dir, 'content', '01-autumn-night.md'), 'utf8'), /我改过的文章/, 'nothing was written');

    rmSync(path.join(dir, 'book.yaml'));
    const styles = await runCli(['init', dir], { cwd: root });
    assert.equal(styles.code, 9);
    assert.match(styles.stderr, /twice\/styles\/custom\.css: already exists/, 'the samples are skipped (content has articles) but custom.css clashes');

    const forced = await runCli(['init', dir, '--force'], { cwd: root });
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /already holds articles: no samples added/);
    assert.match(readFileSync(path.join(dir, 'content', '01-autumn-night.md'), 'utf8'), /我改过的文章/, 'articles of an existing anthology are never replaced');
  });

  test('adds npm scripts to an existing package.json without touching the others, and out/ to .gitignore', async () => {
    const dir = path.join(root, 'with-package');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'mine', version: '1.0.0', scripts: { test: 'echo ok', build: 'make book' } }, null, 4) + '\n');
    writeFileSync(path.join(dir, '.gitignore'), 'node_modules/');
    const result = await runCli(['init', dir]);
    assert.equal(result.code, 0, result.stderr);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string; version: string; scripts: Record<string, string> };
    assert.equal(manifest.name, 'mine');
    assert.deepEqual(manifest.scripts, { test: 'echo ok', build: 'make book', check: 'wenji check', preview: 'wenji preview', epub: 'wenji epub', pdf: 'wenji pdf' });
    assert.match(readFileSync(path.join(dir, 'package.json'), 'utf8'), /^ {4}"name"/m, 'the indentation is kept');
    assert.match(result.stdout, /already has a "build" script; left as it is/);
    assert.equal(readFileSync(path.join(dir, '.gitignore'), 'utf8'), 'node_modules/\nout/\n');

    const created = path.join(root, 'new-package');
    assert.equal((await runCli(['init', created, '--package'])).code, 0);
    const fresh = JSON.parse(readFileSync(path.join(created, 'package.json'), 'utf8')) as { name: string; private: boolean; scripts: Record<string, string> };
    assert.equal(fresh.name, 'new-package');
    assert.equal(fresh.private, true);
    assert.equal(fresh.scripts.preview, 'wenji preview');
  });
});
