/**
 * What `wenji init` writes besides book.yaml: two short sample articles (original texts, one
 * Markdown with front matter, one plain text) and an empty custom stylesheet with examples.
 */
export const sampleArticles: { name: string; text: string }[] = [
  {
    name: '01-autumn-night.md',
    text: `---
title: 秋夜读书记
author: 示例作者
date: 2026-10-08
source: 文集示例
---

入秋以后，夜里忽然长了起来。晚饭收拾干净，窗外的虫声还没有停，我便把台灯拧亮，从书架最下一层抽出一本旧书来读。

这本书是多年前在一家旧书摊上买的，书页已经泛黄，扉页上留着前一位主人的名字和一行小字：“某年某月，购于车站。”我常常想，那是一座什么样的车站，他在等哪一班车，又为什么会把这本书卖掉。

## 灯下

读书的好处，大概就在于**慢**。白天的事情一件追着一件，只有到了夜里，人才肯停下来，听一个陌生人把话说完。书里的人说得很慢，我也读得很慢，有时候一页要读上好几遍。

读到倦了，就去厨房烧一壶水。水开的声音和窗外的虫声混在一起，像是两个人在低声商量什么事情。[^1]

[^1]: 这篇短文是 wenji init 生成的示例，可以直接删掉，换成你自己的文章。
`,
  },
  {
    name: '02-letter-home.txt',
    text: `寄家书
妈妈：
见字如面。这里已经下过两场雨，早晚都凉了，您寄来的毛衣正好穿上。
单位食堂的菜偏咸，我学着自己做饭，昨天第一次煮粥没有糊锅，特意写信告诉您。
楼下有一棵很老的桂花树，这几天开得正好，每天上班路过，都想起家门口那一棵。
不多写了，天冷记得添衣。
儿子　十月八日夜
`,
  },
];

export const customCss = `/*
 * styles/custom.css — read after wenji's own stylesheet, for the EPUB and the PDF (and the
 * preview). Anything here wins over wenji's rules. Examples (remove the comment markers):
 *
 *   p { text-indent: 2em; line-height: 1.9; }          body text
 *   h2 { font-size: 1.2em; }                            section headings
 *   html.vertical .article-title { font-size: 1.5em; }  article titles in vertical books
 *   html.horizontal .article-title { text-align: center; }
 */
`;

export const gitignore = 'out/\n';

/** npm scripts added to package.json; existing scripts of other names are left alone. */
export const packageScripts: Record<string, string> = {
  check: 'wenji check',
  preview: 'wenji preview',
  epub: 'wenji epub',
  pdf: 'wenji pdf',
  build: 'wenji build',
};
