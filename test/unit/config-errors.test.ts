import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { isCalendarDate } from '../../src/config/calendar-date.js';
import { loadConfig } from '../../src/config/load.js';
import { decodeText } from '../../src/content/decode.js';
import { FrontMatterError, readFrontMatter } from '../../src/content/front-matter.js';
import { WenjiError } from '../../src/errors.js';

const root = mkdtempSync(path.join(tmpdir(), 'wenji-config-errors-'));
after(() => rmSync(root, { recursive: true, force: true }));

let books = 0;
/** loadConfig on a book.yaml of `text`: the config error it raises, as its one line. */
function configError(text: string): string {
  const dir = path.join(root, `book-${++books}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'book.yaml'), text);
  try {
    loadConfig({ dir });
  } catch (error) {
    assert.ok(error instanceof WenjiError, `a WenjiError, not ${String(error)}`);
    assert.equal(error.kind, 'config');
    assert.equal(error.exitCode, 3);
    return error.toString();
  }
  assert.fail('no error');
}


const bomb = ['title: 炸弹', 'a: &a [x, x, x, x, x, x, x, x, x]', ...['b', 'c', 'd', 'e', 'f', 'g'].map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`)].join('\n');

describe('book.yaml: every input problem is a config error (exit 3) naming the line', () => {
  test('an alias bomb', () => {
    assert.match(configError(bomb), /book\.yaml: line 3: invalid YAML: the aliases expand to too much/);
  });

  test('an alias without its anchor', () => {
    assert.match(configError('title: 书\nauthor: *nobody\n'), /book\.yaml: line 2: invalid YAML: the alias \*nobody names no anchor/);
  });

  test('impossible dates', () => {
    for (const date of ['2024-13-01', '2024-02-30', '2023-02-29', '2024-04-31', '2024-00-10', '2024-05-01T25:00']) {
      assert.match(configError(`title: 书\ndate: ${date}\n`), /book\.yaml: line 2: "date": expected a date the calendar has/, date);
    }
  });

  test('a slug with NUL or control characters', () => {
    assert.match(configError('title: 书\nslug: "a\\0b"\n'), /book\.yaml: line 2: "slug": expected a file name without control or invisible characters/);
  });
});

describe('front matter: alias problems and impossible dates are reported on their line', () => {
  test('`<<: *undefined` is a front-matter error on its line, not an internal one', () => {
    assert.throws(() => readFrontMatter('---\ntitle: 文\n<<: *undefined\n---\n\n字。\n'), (error: unknown) => {
      assert.ok(error instanceof FrontMatterError);
      assert.equal(error.line, 3);
      assert.match(error.message, /the alias \*undefined names no anchor/);
      return true;
    });
  });

  test('an alias bomb in front matter', () => {
    assert.throws(() => readFrontMatter(`---\n${bomb}\n---\n`), (error: unknown) => error instanceof FrontMatterError && /expand to too much/.test(error.message) && error.line === 4);
  });

  test('an impossible ISO date is ignored with a warning on its line; free text is kept', () => {
    const impossible = readFrontMatter('---\ntitle: 文\ndate: 2024-02-30\n---\n')!;
    assert.equal(impossible.meta.date, undefined);
    assert.deepEqual(
      impossible.warnings.map((warning) => [warning.line, warning.rule]),
      [[3, 'front-matter-type']],
    );
    assert.match(impossible.warnings[0]!.message, /"2024-02-30"/);
    assert.equal(readFrontMatter('---\ndate: 2024-02-29\n---\n')!.meta.date, '2024-02-29');
    assert.equal(readFrontMatter('---\ndate: 2024年5月\n---\n')!.meta.date, '2024年5月');
  });
});

describe('calendar dates', () => {
  test('leap years, month lengths, times', () => {
    for (const good of ['2024', '2024-02', '2024-02-29', '2000-02-29', '2023-12-31', '2024-05-01T23:59:60']) assert.ok(isCalendarDate(good), good);
    for (const bad of ['1900-02-29', '2023-02-29', '2024-06-31', '2024-13', '2024-01-32', '2024-01-01T24:00']) assert.ok(!isCalendarDate(bad), bad);
  });
});

describe('UTF-32 with a byte-order mark is read as UTF-32, not as UTF-16', () => {
  const text = '# 标题\n\n正文 😀 with Latin.\n';
  const utf32 = (little: boolean) => {
    const points = [...text].map((char) => char.codePointAt(0)!);
    const bytes = Buffer.alloc(4 + points.length * 4);
    if (little) bytes.writeUInt32LE(0xfeff, 0);
    else bytes.writeUInt32BE(0xfeff, 0);
    points.forEach((point, i) => (little ? bytes.writeUInt32LE(point, 4 + i * 4) : bytes.writeUInt32BE(point, 4 + i * 4)));
    return bytes;
  };
  for (const little of [true, false]) {
    test(little ? 'UTF-32LE' : 'UTF-32BE', () => {
      const result = decodeText(utf32(little));
      assert.ok(result.ok, result.ok ? '' : result.reason);
      assert.equal(result.text, text);
      assert.equal(result.encoding, little ? 'utf-32le' : 'utf-32be');
    });
  }

  test('broken UTF-32 after its mark is refused with a clear reason', () => {
    const result = decodeText(Buffer.concat([utf32(true), Buffer.from([0x41])]));
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.reason, /UTF-32LE byte-order mark but is not valid UTF-32LE/);
  });
});
