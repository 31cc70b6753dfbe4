import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pageTitle, withoutSite } from '../../src/content/page-title.js';

describe('saved page titles', () => {
  const shapes: [string, Parameters<typeof pageTitle>[0], string][] = [
    ['the <h1> is the head of <title> (channel and site after it)', { title: '老码头拆了以后，后果很严重 _探索者 _星河网', siteNames: [], headings: ['星河网', '老码头拆了以后，后果很严重'] }, '老码头拆了以后，后果很严重'],
    ['channel and site, matched against og:site_name', { title: '旧电台的最后一夜_科技_河岸网', siteNames: ['河岸网'], headings: [] }, '旧电台的最后一夜'],
    ['a channel named 频道', { title: '乡村教师的一天_教育频道_青禾网', siteNames: ['青禾网'], headings: [] }, '乡村教师的一天'],
    ['a blog title with @ and ::', { title: '山里的第一场雪@ 阿禾的家_藍天：：痞客邦PIXNET ::', siteNames: ['痞客邦 PIXNET'], headings: [] }, '山里的第一场雪'],
    ['a Japanese title with ＜サイト名＞', { title: '港町の朝＜ひだまり新聞＞', siteNames: ['ひだまり新聞'], headings: [] }, '港町の朝'],
    ['＜サイト名＞ without any site name given', { title: '港町の朝＜ひだまり新聞＞', siteNames: [], headings: [] }, '港町の朝'],
    ['og:title carrying the site too, with an <h1> that is not the title', { title: '补船的人 | 河岸周刊', ogTitle: '补船的人 | 河岸周刊', siteNames: ['河岸周刊'], headings: ['河岸周刊'] }, '补船的人'],
    ['the site first', { title: '河岸周刊 | 补船的人', siteNames: ['河岸周刊'], headings: [] }, '补船的人'],
    ['the site first, said by the <h1>', { title: '河岸周刊 - 补船的人', siteNames: [], headings: ['补船的人'] }, '补船的人'],
    ['a hyphen without spaces before the site', { title: '城墙根下的早点摊-老城论坛', siteNames: ['老城论坛'], headings: [] }, '城墙根下的早点摊'],
    ['a title with a dash of its own and no site', { title: '河——一条河的一生', siteNames: ['河岸周刊'], headings: [] }, '河——一条河的一生'],
    ['a hyphenated word is not a separator', { title: 'COVID-19 之后的小店', siteNames: ['19'], headings: [] }, 'COVID-19 之后的小店'],
    ['nothing known: the title as it is', { title: '一个人的河 - 随笔', siteNames: [], headings: [] }, '一个人的河 - 随笔'],
  ];
  for (const [what, input, expected] of shapes) test(what, () => assert.equal(pageTitle(input), expected));

  test('a long part before the site is the title, not a channel', () => {
    assert.equal(withoutSite('第一部分 _ 这一段其实是标题的后半句并不短 _ 河岸网', ['河岸网']), '第一部分 _ 这一段其实是标题的后半句并不短');
  });
});
