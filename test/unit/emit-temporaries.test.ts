import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { abandonedTemporary, emitFile } from '../../src/emit.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wenji-emit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A pid no process has: one that just exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('temporary output files of killed runs (issue 11, finding 8)', () => {
  test('a temporary file of a dead process is removed by the next write; one of a live process is left', () => {
    const dead = deadPid();
    const abandoned = `.book.epub.${dead}.tmp`;
    const live = `.book.epub.${process.ppid}.tmp`;
    writeFileSync(path.join(dir, abandoned), 'half');
    writeFileSync(path.join(dir, live), 'being written');
    writeFileSync(path.join(dir, 'notes.2024.tmp'), 'not ours');
    emitFile(dir, 'book.epub', 'whole');
    const left = readdirSync(dir).sort();
    assert.deepEqual(left, [live, 'book.epub', 'notes.2024.tmp'].sort());
    assert.ok(!existsSync(path.join(dir, abandoned)));
  });

  test('the same rule for the cache: by the pid in the name, not by age', () => {
    assert.equal(abandonedTemporary(`articles/.0123abcd.json.${deadPid()}.4.tmp`), true);
    assert.equal(abandonedTemporary(`articles/.0123abcd.json.${process.pid}.4.tmp`), false);
    assert.equal(abandonedTemporary('articles/0123abcd.json'), false);
  });
});
