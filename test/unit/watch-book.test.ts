import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { repoRoot } from '../helpers/paths.js';
import { letNobodyReachRepository, nobody } from '../helpers/unprivileged.js';

/**
 * The preview's watcher over a content/ folder holding a link to `/` and a folder it may not
 * read. Run as an unprivileged user (root reads everything): as `nobody` when the test runs as
 * root, as the user otherwise.
 */
const root = mkdtempSync(path.join(tmpdir(), 'wenji-watch-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('an unreadable folder and a link to / in content/: one warning each at most, the watch goes on and sees changes', (t) => {
  const content = path.join(root, 'content');
  mkdirSync(path.join(content, 'locked'), { recursive: true });
  writeFileSync(path.join(content, 'a.md'), '# 一\n\n字。\n');
  symlinkSync('/', path.join(content, 'root'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    letNobodyReachRepository();
    chmodSync(root, 0o755);
    chownSync(content, 65534, 65534);
    chownSync(path.join(content, 'a.md'), 65534, 65534);
  }
  chmodSync(path.join(content, 'locked'), 0o000);
  const module = pathToFileURL(path.join(repoRoot, 'dist', 'src', 'preview', 'watch-book.js')).href;
  const script = `
    const { watchBook } = await import(${JSON.stringify(module)});
    const { writeFileSync } = await import('node:fs');
    const problems = [];
    const changes = [];
    const watcher = watchBook({ paths: [${JSON.stringify(content)}], ignore: [], debounce: 20, onChange: (files) => changes.push(...files), onError: (problem) => problems.push(problem) });
    await watcher.ready;
    writeFileSync(${JSON.stringify(path.join(content, 'a.md'))}, '# 一\\n\\n改了。\\n');
    await new Promise((resolve) => setTimeout(resolve, 800));
    await watcher.close();
    console.log(JSON.stringify({ problems, changes }));
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000, ...(asRoot ? nobody : {}) });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'EPERM') return t.skip('cannot run as an unprivileged user here');
  assert.equal(run.status, 0, run.stderr);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  const { problems, changes } = JSON.parse(run.stdout) as { problems: string[]; changes: string[] };
  assert.ok(problems.length <= 2, problems.join('\n'));
  for (const problem of problems) assert.match(problem, /^cannot watch .*locked: permission denied; changes there are not seen$/);
  assert.ok(changes.some((file) => file.endsWith('a.md')), 'the watch still sees a saved article');
});
