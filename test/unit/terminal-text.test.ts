import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { shellWord, terminalLines, terminalText } from '../../src/cli/terminal-text.js';
import { formatMessages } from '../../src/cli/report.js';
import { reportFailure } from '../../src/cli/failure.js';
import { WenjiError } from '../../src/errors.js';
import { VFile } from 'vfile';
import { slugify } from '../../src/book/build-book.js';

const osc52 = '\u001B]52;c;ZWNobyBwd25lZA==\u0007';

describe('untrusted text is made safe for a terminal in one place (issue 11, finding 3)', () => {
  test('escape sequences, controls and bidi overrides become visible escapes', () => {
    assert.equal(terminalText(`key${osc52}`), 'key\\x1B]52;c;ZWNobyBwd25lZA==\\x07');
    assert.equal(terminalText('a\nwenji: error: forged\r'), 'a\\nwenji: error: forged\\r');
    assert.equal(terminalText('\u009B31m\u007F'), '\\x9B31m\\x7F');
    assert.equal(terminalText('abc\u202Etxt.exe'), 'abc\\u202Etxt.exe');
    assert.equal(terminalText('正常的标题 «ok» ✔'), '正常的标题 «ok» ✔');
    assert.equal(terminalLines('one\ntwo\u001B[2J'), 'one\ntwo\\x1B[2J');
  });

  test('a report shows the file name and the message with their escapes, coloured only by wenji', () => {
    const file = new VFile({ path: `content/evil\u001B[2J.md` });
    file.message(`unknown front-matter key "x${osc52}"`, { place: { line: 2, column: 1 }, ruleId: 'front-matter-key', source: 'wenji' });
    const plain = formatMessages([file], { quiet: false, color: false });
    assert.ok(!/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/.test(plain), plain);
    assert.match(plain, /evil\\x1B\[2J\.md/);
    assert.match(plain, /x\\x1B\]52;c;/);
    const coloured = formatMessages([file], { quiet: false, color: true });
    // Every ESC left is the start of one of wenji's own colour codes.
    assert.deepEqual(coloured.match(/\u001B[^[]|\u001B\[[^m]*[^\dm;]/g), null);
    assert.ok(!coloured.includes('\u0007'));
  });

  test('an error naming a hostile file is one line with visible escapes', () => {
    const lines: string[] = [];
    reportFailure(new WenjiError('content', 'cannot read it\nwenji: ok', { file: `a${osc52}` }), false, (line) => lines.push(line));
    assert.equal(lines.length, 1);
    assert.ok(!/[\u0000-\u001F]/.test(lines[0]!), lines[0]);
  });

  test("file names made from titles carry no control or invisible characters", () => {
    assert.equal(slugify('标题\u001B[31m红\u0007'), '标题-31m红');
    assert.equal(slugify('a\u202Eb\u200Bc'), 'a-b-c');
    assert.ok(Buffer.byteLength(slugify('长'.repeat(200))) <= 180);
  });

  test('a path is quoted so that pasting the printed command runs nothing else', () => {
    assert.equal(shellWord('my-book'), 'my-book');
    assert.equal(shellWord('我的文集'), '我的文集');
    assert.equal(shellWord('my book'), "'my book'");
    assert.equal(shellWord("it's $(id)"), `'it'\\''s $(id)'`);
    assert.equal(shellWord('we\nird $(id)'), "$'we\\nird $(id)'");
    assert.equal(shellWord('-rf'), "'-rf'");
  });
});
