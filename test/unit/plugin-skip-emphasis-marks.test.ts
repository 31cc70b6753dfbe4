import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import rehypeSkipEmphasisMarks from '../../src/normalize/plugins/rehype-skip-emphasis-marks.js';
import { runPlugins } from '../helpers/run-plugin.js';

async function marks(html: string): Promise<string> {
  const { xml } = await runPlugins(html, [[rehypeSkipEmphasisMarks]]);
  return xml.replace(/ xmlns="[^"]+"/g, '');
}

const bare = (text: string) => `<span class="no-emphasis">${text}</span>`;

describe('rehype-skip-emphasis-marks', () => {
  test('Latin letters and punctuation inside em are set apart; ideographs keep the marks', async () => {
    assert.equal(await marks('<p><em>他说Hello，好</em></p>'), `<p><em>他说${bare('Hello，')}好</em></p>`);
  });

  test('a Latin name, digits and CJK punctuation are set apart, spaces go with them', async () => {
    assert.equal(await marks('<p><em>感谢Ruslan Salakhutdinov的2024年报告。</em></p>'), `<p><em>感谢${bare('Ruslan Salakhutdinov')}的${bare('2024')}年报告${bare('。')}</em></p>`);
    assert.equal(await marks('<p><i>“重要”</i></p>'), `<p><i>${bare('“')}重要${bare('”')}</i></p>`);
  });

  test('kana keep the marks (Japanese)', async () => {
    assert.equal(await marks('<p><em>これはPDFです</em></p>'), `<p><em>これは${bare('PDF')}です</em></p>`);
  });

  test('nested inline elements inside em are handled; text outside em is untouched', async () => {
    assert.equal(await marks('<p>前A<em>甲<b>B乙</b></em>后C</p>'), `<p>前A<em>甲<b>${bare('B')}乙</b></em>后C</p>`);
  });

  test('em with only CJK letters, or only spaces between them, is unchanged', async () => {
    assert.equal(await marks('<p><em>重要</em><em>很 重要</em></p>'), '<p><em>重要</em><em>很 重要</em></p>');
  });

  test('code and Latin-language elements inside em are left alone (they keep italics)', async () => {
    assert.equal(await marks('<p><em>用<code>npm</code>装</em></p>'), '<p><em>用<code>npm</code>装</em></p>');
    assert.equal(await marks('<p><em>读<span lang="en">Dune, 1965</span>吧</em></p>'), '<p><em>读<span lang="en">Dune, 1965</span>吧</em></p>');
    assert.equal(await marks('<p lang="en"><em>Hello</em></p>'), '<p lang="en"><em>Hello</em></p>');
  });

  test('running twice gives the same result as once', async () => {
    const once = await marks('<p><em>他说Hello，好</em></p>');
    assert.equal(await marks(once), once);
  });
});
