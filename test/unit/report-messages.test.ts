import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Root, Text } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { foldMessages, sortMessages } from '../../src/check/arrange-messages.js';
import { formatMessages } from '../../src/cli/report.js';
import { messageCount, reportFixes, tallyFix } from '../../src/hast/fix-tally.js';
import { sourceLocator } from '../../src/hast/source-point.js';
import { parseTextArticles } from '../../src/content/parse-text.js';

function file(path: string): VFile {
  return new VFile({ path });
}

function warn(target: VFile, reason: string, line?: number, column?: number, ruleId = 'rule'): void {
  target.message(reason, { ruleId, source: 'wenji', ...(line ? { place: { line, column: column ?? 1 } } : {}) });
}

describe('arranging messages', () => {
  test('sorted by line and column, whole-file messages first, errors before warnings at one place', () => {
    const target = file('a.md');
    warn(target, 'late', 9, 2);
    warn(target, 'early', 2, 7);
    warn(target, 'same place, warning', 2, 3);
    const error = target.message('same place, error', { place: { line: 2, column: 3 }, ruleId: 'x' });
    error.fatal = true;
    warn(target, 'whole file');
    assert.deepEqual(sortMessages(target.messages).map((message) => message.reason), ['whole file', 'same place, error', 'same place, warning', 'early', 'late']);
  });

  test('identical rule and text fold at the first place with a count; different texts or rules do not', () => {
    const target = file('a.md');
    warn(target, 'broken character', 12, 4, 'replacement-character');
    warn(target, 'broken character', 3, 1, 'replacement-character');
    warn(target, 'broken character', 3, 1, 'other-rule');
    warn(target, 'another text', 5, 1, 'replacement-character');
    const folded = foldMessages(sortMessages(target.messages));
    assert.deepEqual(
      folded.map(({ message, count }) => [message.reason, message.ruleId, message.line, count]),
      [
        ['broken character', 'replacement-character', 3, 2],
        ['broken character', 'other-rule', 3, 1],
        ['another text', 'replacement-character', 5, 1],
      ],
    );
  });
});

describe('formatMessages', () => {
  const files = () => {
    const b = file('content/10-b.md');
    warn(b, 'image not found: b.png', 4, 1, 'image');
    const a = file('content/2-a.md');
    for (const line of [30, 8, 17]) warn(a, 'broken character (U+FFFD)', line, 5, 'replacement-character');
    const fix = a.info('12 half-width punctuation marks in CJK text are made full-width', { place: { line: 3, column: 6 }, ruleId: 'cjk-punctuation', source: 'wenji' });
    Object.assign(fix, { count: 12 });
    a.info('removed page chrome: "0 notes"', { place: { line: 2, column: 1 }, ruleId: 'strip', source: 'wenji' });
    return [a, b];
  };

  test('files in the order given (reading order), messages by place, repeats folded', () => {
    const text = formatMessages(files(), { quiet: false, color: false });
    assert.equal(
      text,
      [
        'content/2-a.md',
        '8:5  warning broken character (U+FFFD) (×3; --verbose lists them)  replacement-character  wenji',
        '',
        'content/10-b.md',
        '4:1  warning image not found: b.png  image  wenji',
      ].join('\n'),
    );
  });

  test('check shows the counted infos (automatic fixes); --verbose every message, unfolded', () => {
    const check = formatMessages(files(), { quiet: false, color: false, infos: 'counted' });
    assert.match(check, /^3:6  info    12 half-width punctuation marks in CJK text are made full-width  cjk-punctuation  wenji$/m);
    assert.ok(!check.includes('page chrome'));
    const verbose = formatMessages(files(), { quiet: false, color: false, infos: 'counted', verbose: true });
    assert.deepEqual(
      verbose.split('\n').slice(1, 6).map((line) => line.split(/\s+/).slice(0, 2).join(' ')),
      ['2:1 info', '3:6 info', '8:5 warning', '17:5 warning', '30:5 warning'],
    );
    assert.ok(!verbose.includes('×3'));
  });

  test('--quiet: errors only; nothing to say is the empty string', () => {
    const [a] = files();
    const error = a!.message('two articles have the title "甲"', { place: { line: 1, column: 3 }, ruleId: 'duplicate-title' });
    error.fatal = true;
    assert.equal(formatMessages([a!], { quiet: true, color: false }), 'content/2-a.md\n1:3  error   two articles have the title "甲"  duplicate-title');
    assert.equal(formatMessages([file('x.md')], { quiet: false, color: false }), '');
  });
});

describe('tallied fixes', () => {
  test('one info per kind and file, at the first change, with the count and what the changes became', () => {
    const target = file('a.txt');
    tallyFix(target, 'cjk-punctuation', ['，', '，', '。'], () => ({ line: 4, column: 9 }));
    tallyFix(target, 'cjk-punctuation', ['？'], () => ({ line: 99, column: 1 }));
    tallyFix(target, 'indent', [], () => ({ line: 1, column: 1 }));
    reportFixes(target);
    assert.equal(target.messages.length, 1, 'nothing counted, nothing said');
    const [message] = target.messages;
    assert.equal(message!.reason, '4 half-width punctuation marks in CJK text are made full-width (，×2, 。×1, ？×1)');
    assert.deepEqual([message!.line, message!.column, message!.fatal, messageCount(message!)], [4, 9, undefined, 4]);
    assert.equal(target.data.fixes, undefined, 'the tally is cleared');
  });
});

describe('source positions', () => {
  const textNode = (tree: Root): Text => {
    const found: Text[] = [];
    const walk = (node: Root | Root['children'][number]) => {
      if (node.type === 'text' && node.value.trim()) found.push(node);
      if ('children' in node) for (const child of node.children) walk(child);
    };
    walk(tree);
    return found[0]!;
  };

  test('a text node that is its source verbatim: exact', () => {
    const source = '<p>第一行\n他说,好</p>';
    const node = textNode(unified().use(rehypeParse, { fragment: true }).parse(source));
    assert.deepEqual(sourceLocator(source).text(node, node.value.indexOf(',')), { line: 2, column: 3, offset: source.indexOf(',') });
  });

  test('a text node whose entities were decoded, or whose marks were converted: found in its span', () => {
    const source = '<p>甲&amp;乙,丙,丁</p>';
    const node = textNode(unified().use(rehypeParse, { fragment: true }).parse(source));
    node.value = node.value.replace(',', '，');
    const second = node.value.lastIndexOf(',');
    assert.equal(sourceLocator(source).text(node, second)?.column, source.lastIndexOf(',') + 1);
  });

  test('plain text: the paragraph’s lines, past their trimmed indent', () => {
    const source = '标题\n\n　　第一行没有问题，\n　　第二行,有问题\n';
    const [article] = parseTextArticles(source, undefined, { paragraphs: 'blank', headings: false });
    // The first line stays in the tree (the title is taken from it later, after chrome is removed).
    const paragraph = article!.tree.children.find((child) => child.type === 'element' && child.children.some((text) => text.type === 'text' && text.value.includes(',')))!;
    assert.equal(paragraph.type, 'element');
    const node = (paragraph as { children: Text[] }).children[0]!;
    assert.deepEqual(sourceLocator(source).text(node, node.value.indexOf(','), paragraph as never), { line: 4, column: 6, offset: source.indexOf(',') });
  });
});
