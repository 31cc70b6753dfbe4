import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import rehypeTateChuYoko, { type Options } from '../../src/transforms/plugins/rehype-tate-chu-yoko.js';
import { runPlugins } from '../helpers/run-plugin.js';

async function tcy(html: string, options: Options = {}): Promise<string> {
  const { xml } = await runPlugins(html, [[rehypeTateChuYoko, options]]);
  return xml.replace(/ xmlns="[^"]+"/g, '');
}

/** Runs the plugin on `<p>inner</p>` and returns the paragraph's inner XML. */
async function tcyP(inner: string, options: Options = {}): Promise<string> {
  const xml = await tcy(`<p>${inner}</p>`, options);
  return xml.replace(/^<p>|<\/p>$/g, '');
}

const cell = (text: string) => `<span class="tcy">${text}</span>`;
const upright = (text: string) => `<span class="upright-run">${text}</span>`;

/** Asserts that the plugin leaves `<p>inner</p>` exactly as it was. */
async function unchanged(inner: string, options: Options = {}): Promise<void> {
  assert.equal(await tcyP(inner, options), inner, `expected no tate-chu-yoko in ${inner}`);
}

describe('rehype-tate-chu-yoko: short numbers in CJK text', () => {
  test('1- and 2-digit numbers between CJK characters are wrapped', async () => {
    assert.equal(await tcyP('他17岁，买了3台。'), `他${cell('17')}岁，买了${cell('3')}台。`);
    assert.equal(await tcyP('第9章'), `第${cell('9')}章`);
    assert.equal(await tcyP('１月30日'), `１月${cell('30')}日`);
  });

  test('numbers at the start or end of a paragraph, or alone, are wrapped', async () => {
    assert.equal(await tcyP('12点'), `${cell('12')}点`);
    assert.equal(await tcyP('共有5'), `共有${cell('5')}`);
    assert.equal(await tcyP('12'), cell('12'));
  });

  test('a number set off by spaces in CJK text is wrapped, and set solid (the spaces go)', async () => {
    assert.equal(await tcyP('共 12 本'), `共${cell('12')}本`);
    assert.equal(await tcyP('在 2023 年 3 月'), `在${upright('2023')}年${cell('3')}月`);
    // Only the one space next to the number goes.
    assert.equal(await tcyP('共  12本'), `共 ${cell('12')}本`);
  });

  test('the wrapper is a span with only the class tcy, holding the digits', async () => {
    const { tree } = await runPlugins('<p>第3章</p>', [[rehypeTateChuYoko, {}]]);
    const p = tree.children[0];
    assert.ok(p?.type === 'element');
    assert.equal(p.children.length, 3);
    assert.deepEqual(p.children[0], { type: 'text', value: '第' });
    assert.deepEqual(p.children[1], { type: 'element', tagName: 'span', properties: { className: ['tcy'] }, children: [{ type: 'text', value: '3' }] });
    assert.deepEqual(p.children[2], { type: 'text', value: '章' });
  });

  test('every short number in a paragraph is wrapped, across line breaks', async () => {
    assert.equal(await tcyP('中文12<br>34页'), `中文${cell('12')}<br />${cell('34')}页`);
    assert.equal(await tcyP('1月2日3时'), `${cell('1')}月${cell('2')}日${cell('3')}时`);
  });

  test('full-width digits are left alone (they are upright already)', async () => {
    await unchanged('１２岁');
  });
});

describe('rehype-tate-chu-yoko: exclamation and question pairs', () => {
  test('!? !! ?? ?! standing alone are wrapped', async () => {
    assert.equal(await tcyP('真的!?假的'), `真的${cell('!?')}假的`);
    assert.equal(await tcyP('中!!中'), `中${cell('!!')}中`);
    assert.equal(await tcyP('中??中'), `中${cell('??')}中`);
    assert.equal(await tcyP('什么?!'), `什么${cell('?!')}`);
  });

  test('a single ! or ? is not wrapped', async () => {
    await unchanged('什么!中');
    await unchanged('什么?中');
  });

  test('runs of three or more are not cut into a pair and a rest', async () => {
    await unchanged('中!!!中');
    await unchanged('中!?!?中');
  });

  test('a pair ending a Latin word is not wrapped', async () => {
    await unchanged('他说Really!?然后');
  });
});

describe('rehype-tate-chu-yoko: numbers that belong to longer tokens', () => {
  for (const inner of ['3.5小时', '1,000毫升', '12345元', '2024-03-01', 'A4纸', '10:30开会', 'v2版本', '90°C的水', '80%的人', '第3/4章', '零下-5度', 'H2O是水', '5+3等于八']) {
    test(`${inner} is not wrapped`, async () => {
      await unchanged(inner);
    });
  }

  test('a number following a Latin word after a space is part of it (iPhone 12, Windows 10)', async () => {
    await unchanged('买了iPhone 12手机');
    await unchanged('买了iPhone 12 手机');
    await unchanged('装了Windows 10 系统');
  });

  test('a number followed by a space and a Latin word is part of it (12 Pro)', async () => {
    await unchanged('买了12 Pro版');
  });

  test('a Latin word after the CJK that follows a number does not matter', async () => {
    assert.equal(await tcyP('第 3 章 A'), `第${cell('3')}章 A`);
  });
});

describe('rehype-tate-chu-yoko: three- and four-digit numbers stand upright digit by digit', () => {
  test('years and counts of 3–4 digits are wrapped as upright (1974年, 100人)', async () => {
    assert.equal(await tcyP('1974年'), `${upright('1974')}年`);
    assert.equal(await tcyP('来了100人'), `来了${upright('100')}人`);
  });

  test('every number of a date stands upright: the year digit by digit, month and day in one cell', async () => {
    assert.equal(await tcyP('2023年3月1日'), `${upright('2023')}年${cell('3')}月${cell('1')}日`);
    assert.equal(await tcyP('2023年12月25日'), `${upright('2023')}年${cell('12')}月${cell('25')}日`);
  });

  test('five digits and more lie on their side with the line', async () => {
    await unchanged('共12345字');
  });

  test('uprightDigits: 0 leaves 3–4 digits to rotate; it is clamped to 0–4', async () => {
    await unchanged('2024年', { uprightDigits: 0 });
    await unchanged('12345年', { uprightDigits: 9 });
    assert.equal(await tcyP('第100号', { uprightDigits: 3 }), `第${upright('100')}号`);
    await unchanged('2024年', { uprightDigits: 3 });
  });

  test('an existing upright span is not wrapped again', async () => {
    await unchanged(`${upright('2023')}年`);
  });
});

describe('rehype-tate-chu-yoko: acronyms', () => {
  test('capitals are left to rotate by default (the Chinese default)', async () => {
    await unchanged('发展AI产业');
  });

  test('uprightCapitals: 3 (the Japanese default) sets AI, PMF, AGI upright', async () => {
    for (const word of ['AI', 'PMF', 'AGI', 'A']) {
      assert.equal(await tcyP(`发展${word}产业`, { uprightCapitals: 3 }), `发展${upright(word)}产业`);
    }
  });

  test('longer acronyms, words with small letters and Latin phrases are left to rotate', async () => {
    for (const inner of ['用NASA数据', '用GDPs数据', '用iOS系统', '在AI Lab工作', '见Ruslan Salakhutdinov的论文', 'H2O是水', 'A4纸']) {
      await unchanged(inner, { uprightCapitals: 3 });
    }
  });
});

describe('rehype-tate-chu-yoko: maxDigits', () => {
  test('the default is 2 digits in one cell', async () => {
    assert.equal(await tcyP('第99号'), `第${cell('99')}号`);
    assert.equal(await tcyP('第100号'), `第${upright('100')}号`);
  });

  test('3 and 4 widen the limit', async () => {
    assert.equal(await tcyP('第100号', { maxDigits: 3 }), `第${cell('100')}号`);
    await unchanged('2024年', { maxDigits: 3, uprightDigits: 0 });
    assert.equal(await tcyP('2024年', { maxDigits: 4 }), `${cell('2024')}年`);
  });

  test('1 wraps single digits only', async () => {
    assert.equal(await tcyP('第3章第12节', { maxDigits: 1, uprightDigits: 0 }), `第${cell('3')}章第12节`);
  });

  test('the limit is clamped to 1–4', async () => {
    assert.equal(await tcyP('第3章', { maxDigits: 0 }), `第${cell('3')}章`);
    await unchanged('第12章', { maxDigits: 0, uprightDigits: 0 });
    await unchanged('第12345章', { maxDigits: 9 });
    assert.equal(await tcyP('第1234章', { maxDigits: 9 }), `第${cell('1234')}章`);
  });
});

describe('rehype-tate-chu-yoko: elements', () => {
  test('code, pre, kbd and other literal elements are untouched', async () => {
    assert.equal(await tcy('<pre>17岁</pre>'), '<pre>17岁</pre>');
    await unchanged('<code>17</code>岁');
    await unchanged('按<kbd>12</kbd>键');
    assert.equal(await tcy('<pre><code>第3章</code></pre>'), '<pre><code>第3章</code></pre>');
  });

  test('elements in a non-CJK language are untouched, with what they contain', async () => {
    assert.equal(await tcy('<p lang="en">page 17 of 3</p>'), '<p lang="en">page 17 of 3</p>');
    await unchanged('中文<span lang="en">17</span>中文');
    await unchanged('中文<span lang="fr">il a <em>3</em> ans</span>中文');
  });

  test('elements in a CJK language are processed', async () => {
    assert.equal(await tcy('<p lang="ja">第3章</p>'), `<p lang="ja">第${cell('3')}章</p>`);
    assert.equal(await tcy('<p lang="zh-Hant">第3章</p>'), `<p lang="zh-Hant">第${cell('3')}章</p>`);
  });

  test('text in nested blocks is processed', async () => {
    assert.equal(await tcy('<blockquote><p>第3章</p></blockquote>'), `<blockquote><p>第${cell('3')}章</p></blockquote>`);
    assert.equal(await tcy('<ul><li>第3章</li><li>17岁</li></ul>'), `<ul><li>第${cell('3')}章</li><li>${cell('17')}岁</li></ul>`);
  });
});

describe('rehype-tate-chu-yoko: numbers at element boundaries', () => {
  test('a number alone in an inline element between CJK is wrapped inside it', async () => {
    assert.equal(await tcyP('第<em>3</em>章'), `第<em>${cell('3')}</em>章`);
    assert.equal(await tcyP('<strong>17</strong>岁'), `<strong>${cell('17')}</strong>岁`);
    assert.equal(await tcyP('第<em><b>3</b></em>章'), `第<em><b>${cell('3')}</b></em>章`);
  });

  test('a number continuing in the next element is not wrapped', async () => {
    await unchanged('3<em>.5</em>小时');
    await unchanged('<em>3</em>.5小时');
    await unchanged('第<em>3</em>.5小时');
    await unchanged('<em>20</em>24年');
    await unchanged('20<em>24</em>年');
  });

  test('a number next to a Latin letter in another element is not wrapped', async () => {
    await unchanged('<em>v</em>2版');
    await unchanged('买了A<em>4</em>纸');
    await unchanged('第<em>A</em>3章');
    await unchanged('<em>第A</em><b>3</b>章');
  });

  test('Latin words split from their number by an element boundary still count', async () => {
    await unchanged('买了<em>iPhone</em> 12手机');
    await unchanged('买了iPhone <em>12</em>手机');
    await unchanged('用了<em>12</em> Pro版');
  });

  test('a pair continuing in the next element is not wrapped', async () => {
    await unchanged('中<em>!?</em>!中');
  });

  test('a line break separates: digits on either side are separate numbers', async () => {
    assert.equal(await tcyP('<em>12</em><br><em>34</em>'), `<em>${cell('12')}</em><br /><em>${cell('34')}</em>`);
  });

  test('ruby annotations are not read as neighbouring text', async () => {
    assert.equal(await tcyP('<ruby>漢<rt>kan</rt></ruby>3本'), `<ruby>漢<rt>kan</rt></ruby>${cell('3')}本`);
  });

  test('paragraphs are separate: the end of one is not next to the start of the next', async () => {
    assert.equal(await tcy('<p>买了A</p><p>4张</p>'), `<p>买了A</p><p>${cell('4')}张</p>`);
    assert.equal(await tcy('<p>第<em>3</em></p><p>v</p>'), `<p>第<em>${cell('3')}</em></p><p>v</p>`);
    assert.equal(await tcy('<div>买了A<p>4张</p></div>'), `<div>买了A<p>${cell('4')}张</p></div>`);
    assert.equal(await tcy('<div><p>买了A</p>4张</div>'), `<div><p>买了A</p>${cell('4')}张</div>`);
  });
});

describe('rehype-tate-chu-yoko: idempotence', () => {
  for (const inner of ['他17岁，买了3台。', '第<em>3</em>章', '<strong>17</strong>岁', '真的!?假的', '共 12 本', '第3章<span class="tcy">12</span>']) {
    test(`running twice gives the same result as once: ${inner}`, async () => {
      const once = await tcyP(inner);
      const { xml } = await runPlugins(`<p>${inner}</p>`, [
        [rehypeTateChuYoko, {}],
        [rehypeTateChuYoko, {}],
      ]);
      assert.equal(xml.replace(/ xmlns="[^"]+"/g, ''), `<p>${once}</p>`);
      assert.doesNotMatch(once, /<span class="tcy"><span/);
    });
  }

  test('an existing tcy span is not wrapped again', async () => {
    await unchanged(`第${cell('3')}章`);
  });
});

describe('rehype-tate-chu-yoko: messages', () => {
  test('the plugin reports nothing', async () => {
    const { file } = await runPlugins('<p>他17岁，2024年，A4纸</p>', [[rehypeTateChuYoko, {}]]);
    assert.deepEqual(file.messages, []);
  });
});
