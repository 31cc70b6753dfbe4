import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPreviewBuilder } from '../../src/preview/preview-builder.js';
import { repoRoot } from '../helpers/paths.js';

const withoutRevision = (html: string) => html.replace(/data-revision="\d+"/, '');

describe('the preview builder', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wenji-preview-builder-'));
    cpSync(path.join(repoRoot, 'content'), path.join(dir, 'content'), { recursive: true });
    cpSync(path.join(repoRoot, 'book.yaml'), path.join(dir, 'book.yaml'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('re-normalizes only the changed article and shows what a fresh build shows', async () => {
    const builder = createPreviewBuilder({ dir, cwd: dir });
    const first = await builder.rebuild();
    assert.equal(first.ok, true);
    assert.deepEqual([first.normalized, first.reused], [6, 0]);
    assert.match(builder.state.html, /<html[^>]*class="vertical body"/);

    const essay = path.join(dir, 'content', '02-essay.md');
    writeFileSync(essay, readFileSync(essay, 'utf8').replace('外婆', '祖母'));
    const second = await builder.rebuild();
    assert.deepEqual([second.normalized, second.reused], [1, 5]);
    assert.equal(builder.state.revision, 2);

    const fresh = createPreviewBuilder({ dir, cwd: dir });
    await fresh.rebuild();
    assert.equal(withoutRevision(builder.state.html), withoutRevision(fresh.state.html), 'the remembered adaptation equals a fresh one');
    assert.deepEqual([...builder.state.images.keys()], [...fresh.state.images.keys()]);
  });

  test('a broken book.yaml shows its error, and the next good save the book again', async () => {
    const builder = createPreviewBuilder({ dir, cwd: dir });
    await builder.rebuild();
    const config = readFileSync(path.join(dir, 'book.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'book.yaml'), `${config}\nautor: 某人\n`);
    const broken = await builder.rebuild();
    assert.equal(broken.ok, false);
    assert.match(builder.state.html, /unknown key &#x22;autor&#x22;|unknown key "autor"/);
    writeFileSync(path.join(dir, 'book.yaml'), config);
    const fixed = await builder.rebuild();
    assert.equal(fixed.ok, true);
    assert.deepEqual([fixed.normalized, fixed.reused], [0, 6]);
    assert.equal(builder.state.revision, 3);
  });
});
