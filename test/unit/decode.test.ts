import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { declaredCharset, decodeText, findReplacementCharacters } from '../../src/content/decode.js';
import { detectEncoding } from '../../src/content/detect-encoding.js';

// Text written for these tests.
const simplified = '我在城里住了二十年，每天听见那么多声音，却一个也分不清楚。码头只剩下一条渡船。';
const traditional = '我在城裡住了二十年，每天聽見那麼多聲音，卻一個也分不清楚。碼頭只剩下一條渡船。';
const japanese = '私は港町で二十年暮らしましたが、毎朝の汽笛の音だけは今でも聞き分けられます。';

function ok(result: ReturnType<typeof decodeText>): { text: string; encoding: string; notes: string[] } {
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result;
}

describe('decodeText: byte-order marks and UTF-8', () => {
  test('UTF-8 with and without BOM, UTF-16 with BOM', () => {
    assert.equal(ok(decodeText(Buffer.from(simplified))).text, simplified);
    assert.equal(ok(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(simplified)]))).text, simplified);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(simplified, 'utf16le')]);
    assert.deepEqual([ok(decodeText(le)).text, ok(decodeText(le)).encoding], [simplified, 'utf-16le']);
  });

  test('UTF-16 without a BOM is recognised by its zero bytes', () => {
    const text = 'A plain English letter, saved by an old editor.\n';
    const result = ok(decodeText(Buffer.from(text, 'utf16le')));
    assert.deepEqual([result.text, result.encoding], [text, 'utf-16le']);
  });

  test('a BOM wins over a declaration', () => {
    const html = `<meta charset="gbk"><p>${simplified}</p>`;
    assert.equal(ok(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html)]), { html: true })).encoding, 'utf-8');
  });
});

describe('decodeText: legacy CJK encodings', () => {
  test('an HTML page declaring gb2312 / gbk / big5 / shift_jis is decoded as declared', () => {
    for (const [label, text, encoding] of [
      ['gb2312', simplified, 'gbk'],
      ['GBK', simplified, 'gbk'],
      ['gb18030', simplified, 'gb18030'],
      ['big5', traditional, 'big5'],
      ['shift_jis', japanese, 'shift_jis'],
      ['euc-jp', japanese, 'euc-jp'],
    ] as const) {
      const html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=${label}"></head><body><p>${text}</p></body></html>`;
      const result = ok(decodeText(iconv.encode(html, label === 'GBK' ? 'gbk' : label), { html: true }));
      assert.equal(result.encoding, encoding, label);
      assert.ok(result.text.includes(text), label);
    }
  });

  test('text files without a declaration are detected', () => {
    for (const [encoding, text] of [
      ['gbk', simplified],
      ['big5', traditional],
      ['shift_jis', japanese],
      ['euc-jp', japanese],
    ] as const) {
      const result = ok(decodeText(iconv.encode(`标题\n${text}\n`.replace('标题', encoding === 'gbk' ? '标题' : 'Title'), encoding)));
      assert.equal(result.encoding, encoding);
      assert.ok(result.text.includes(text));
      assert.match(result.notes.join(), /not UTF-8; decoded as/);
    }
  });

  test('traditional text saved as GBK stays GBK (GBK holds traditional characters too)', () => {
    assert.equal(ok(decodeText(iconv.encode(traditional, 'gbk'))).encoding, 'gbk');
  });

  test('a page that declares UTF-8 but is GBK is detected, and one that declares GBK but is UTF-8 is read as UTF-8', () => {
    const wrongUtf8 = iconv.encode(`<html><head><meta charset="utf-8"></head><body>${simplified}</body></html>`, 'gbk');
    assert.equal(ok(decodeText(wrongUtf8, { html: true })).encoding, 'gbk');
    const wrongGbk = Buffer.from(`<html><head><meta charset="gbk"></head><body>${simplified}</body></html>`);
    const result = ok(decodeText(wrongGbk, { html: true }));
    assert.equal(result.encoding, 'utf-8');
    assert.match(result.notes.join(), /declares charset "gbk" but is not valid GBK/);
  });

  test('Latin-1 / Windows-1252 English text is read when every non-ASCII byte is a letter or a typographic mark', () => {
    const text = 'Café crème — “quoted” naïveté';
    assert.equal(ok(decodeText(iconv.encode(text, 'windows-1252'))).text, text);
  });

  test('bytes no encoding reads are an error that says what to do, never mojibake', () => {
    const result = decodeText(Buffer.from([0x54, 0x0a, 0x81, 0x20, 0xff, 0xfe, 0x80, 0x0a]));
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.reason, /neither UTF-8 nor a CJK encoding.*save it as UTF-8/);
  });

  test('empty and binary files are refused', () => {
    assert.equal(decodeText(new Uint8Array()).ok, false);
    const binary = decodeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    assert.match(binary.ok ? '' : binary.reason, /not a text file/);
  });
});

describe('detectEncoding', () => {
  test('scores the right encoding highest', () => {
    assert.equal(detectEncoding(iconv.encode(simplified, 'gbk'))?.encoding, 'gbk');
    assert.equal(detectEncoding(iconv.encode(traditional, 'big5'))?.encoding, 'big5');
    assert.equal(detectEncoding(iconv.encode(japanese, 'shift_jis'))?.encoding, 'shift_jis');
    assert.equal(detectEncoding(iconv.encode(japanese, 'euc-jp'))?.encoding, 'euc-jp');
  });
});

describe('declaredCharset and replacement characters', () => {
  test('meta charset, http-equiv and the XML declaration', () => {
    assert.equal(declaredCharset(Buffer.from('<meta charset="big5">')), 'big5');
    assert.equal(declaredCharset(Buffer.from("<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=GB2312'>")), 'GB2312');
    assert.equal(declaredCharset(Buffer.from('<?xml version="1.0" encoding="Shift_JIS"?><html/>')), 'Shift_JIS');
    assert.equal(declaredCharset(Buffer.from('<p>charset=gbk</p>')), undefined);
  });

  test('U+FFFD positions are reported as line and column', () => {
    assert.deepEqual(findReplacementCharacters('第一行\n第二\uFFFD行\n\uFFFD'), [
      { line: 2, column: 3 },
      { line: 3, column: 1 },
    ]);
    assert.deepEqual(findReplacementCharacters('干净的文字'), []);
  });
});

describe('decodeText: a charset from outside the bytes (HTTP Content-Type)', () => {
  test('it wins over the page\'s own declaration and over detection, but not over a byte-order mark', () => {
    const gbk = iconv.encode(`<meta charset="big5"><p>${simplified}</p>`, 'gbk');
    const result = ok(decodeText(gbk, { html: true, charset: 'gbk' }));
    assert.deepEqual([result.encoding, result.text.includes(simplified)], ['gbk', true]);
    assert.match(result.notes.join(), /read as GBK, as the server says \(charset "gbk"\)/);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(simplified)]);
    assert.equal(ok(decodeText(bom, { charset: 'gbk' })).encoding, 'utf-8');
    // A UTF-8 header on UTF-8 bytes says nothing worth a note.
    assert.deepEqual(ok(decodeText(Buffer.from(simplified), { charset: 'UTF-8' })).notes, []);
  });

  test('a charset the bytes do not fit is noted, and the page\'s declaration and detection take over', () => {
    const page = iconv.encode(`<meta charset="gbk"><p>${simplified}</p>`, 'gbk');
    const declared = ok(decodeText(page, { html: true, charset: 'utf-8' }));
    assert.equal(declared.encoding, 'gbk');
    assert.match(declared.notes.join(), /the server says charset "utf-8" but is not valid UTF-8/);
    const detected = ok(decodeText(iconv.encode(traditional, 'big5'), { charset: 'utf-8' }));
    assert.equal(detected.encoding, 'big5');
    assert.equal(detected.text, traditional);
    assert.match(ok(decodeText(Buffer.from(simplified), { charset: 'no-such-charset' })).notes.join(), /the server says an unknown charset "no-such-charset"/);
  });
});
