import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { launchArgs } from '../../src/writers/pdf/browser.js';
import { cliEntry } from '../helpers/paths.js';

const root = mkdtempSync(path.join(tmpdir(), 'wenji-offline-'));
after(() => rmSync(root, { recursive: true, force: true }));

function hasStrace(): boolean {
  try {
    execFileSync('strace', ['-o', '/dev/null', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('Chromium is launched with no name resolution at all', () => {
  const args = launchArgs({ executablePath: '/usr/bin/chromium', source: 'system', args: [] });
  assert.ok(args.includes('--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'), args.join(' '));
  assert.ok(args.includes('--disable-background-networking'));
});

test('a PDF build sends nothing to the network: no DNS query, no connection, no datagram (strace)', (t) => {
  if (!hasStrace()) return t.skip('strace is not installed, or ptrace is not permitted here');
  const book = path.join(root, 'book');
  mkdirSync(path.join(book, 'content'), { recursive: true });
  writeFileSync(path.join(book, 'book.yaml'), 'title: 离线\n');
  writeFileSync(path.join(book, 'content', 'a.md'), '# 一篇\n\n正文，只有一段。\n');
  const trace = path.join(root, 'trace.txt');
  const run = spawnSync('strace', ['-f', '-qq', '-e', 'trace=connect,sendto,sendmsg,sendmmsg', '-o', trace, process.execPath, cliEntry, 'pdf', book, '--no-cache', '--quiet'], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.status, 0, run.stderr);
  const lines = readFileSync(trace, 'utf8').split('\n');
  // A datagram socket's connect() sends nothing (Chromium asks the routing table which source
  // address would reach a public IPv6 address); a stream connect or any send to an IP address would.
  const inet = lines.filter((line) => /AF_INET6?\b/.test(line));
  const dns = inet.filter((line) => /htons\(53\)/.test(line));
  const sends = inet.filter((line) => /^\d+ send(to|msg|mmsg)\(/.test(line));
  assert.deepEqual(dns, [], 'no DNS query');
  assert.deepEqual(sends, [], 'no datagram or packet sent to an IP address');
  const connects = inet.filter((line) => /connect\(/.test(line) && !/2001:4860:4860::8888/.test(line));
  assert.deepEqual(connects, [], 'no connection');
});
