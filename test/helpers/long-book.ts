import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A book for testing the printed page: long articles with long titles and sections, two
 * one-page articles in a row (so that a recto start needs a blank page whatever the layout), and
 * many paragraphs of varied length (so that some would end with one character alone in their
 * last line without widow control). Every sentence is made here from phrase lists written for
 * this test, with a fixed generator, so that every run prints the same book.
 */
export interface LongArticle {
  file: string;
  title: string;
  sections: readonly string[];
}

export const longBookTitle = '渡口、钟表与旧书：一座小城的五种声音';

export function writeLongBook(dir: string, extraYaml = ''): LongArticle[] {
  mkdirSync(path.join(dir, 'content'), { recursive: true });
  writeFileSync(
    path.join(dir, 'book.yaml'),
    `title: ${longBookTitle}\neditor: 测试编者\nlanguage: zh-Hans\ndate: 2026-01-01\nslug: long-book\npdf:\n  tocDepth: 2\n${extraYaml}`,
  );
  const random = generator(20260101);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const sentence = () => {
    const clauses = 1 + Math.floor(random() * 3);
    const parts: string[] = [];
    for (let i = 0; i < clauses; i++) parts.push(`${i === 0 && random() < 0.5 ? pick(openings) : ''}${pick(people)}${pick(verbs)}${pick(things)}`);
    return `${parts.join('，')}${pick(['。', '。', '。', '！', '？', '……'])}`;
  };
  const paragraph = () => Array.from({ length: 1 + Math.floor(random() * 7) }, sentence).join('');
  const articles: LongArticle[] = [];
  articleSpecs.forEach((spec, index) => {
    const file = `${String(index + 1).padStart(2, '0')}-${spec.slug}.md`;
    const lines = [`---\ntitle: ${spec.title}\nauthor: ${spec.author}\ndate: 2025-0${index + 1}-10\n---\n`];
    if (spec.sections.length === 0) {
      for (let i = 0; i < spec.paragraphs; i++) lines.push(`${paragraph()}\n`);
    }
    for (const section of spec.sections) {
      lines.push(`## ${section}\n`);
      for (let i = 0; i < spec.paragraphs; i++) lines.push(`${paragraph()}\n`);
    }
    writeFileSync(path.join(dir, 'content', file), lines.join('\n'));
    articles.push({ file, title: spec.title, sections: spec.sections });
  });
  return articles;
}

const articleSpecs = [
  {
    slug: 'ferry',
    title: '渡口的船票记得每一个早晨：一位老船工讲述他五十年来撑船往返两岸、送走和迎来无数行人的故事',
    author: '江望舒',
    sections: ['一、天还没亮的时候，河面上只有一盏灯', '二、船票、算盘和那本被雨水泡过的账簿', '三、桥修好以后，渡口还剩下些什么'],
    paragraphs: 9,
  },
  { slug: 'letter', title: '写给远方朋友的一封短信', author: '林知秋', sections: [], paragraphs: 1 },
  { slug: 'reply', title: '夜班邮差替别人寄出的回信', author: '许长河', sections: [], paragraphs: 1 },
  {
    slug: 'library',
    title: '一座小城图书馆的最后一位管理员和她那些从来没有人借走过的旧书以及窗外那棵梧桐树',
    author: '周静岚',
    sections: ['一、借书卡上的名字一个比一个陌生', '二、梧桐叶落下来的那个下午，她读完了最后一本', '三、闭馆那天来了很多从来没有来过的人'],
    paragraphs: 8,
  },
  {
    slug: 'clock',
    title: '修钟的师傅——关于时间、齿轮、耐心和一间开了六十年的小铺子',
    author: '顾晨',
    sections: ['一、每一只停下来的钟都有它自己的理由', '二、学徒的第一年只许看，不许动手', '三、铺子关门以后，街上的钟还在走'],
    paragraphs: 8,
  },
] as const;

const openings = ['后来', '那年冬天，', '每逢集日，', '天还没亮，', '说起来，', '直到今天，', '雨停以后，', '很多年以前，'] as const;
const people = ['渡口的老船工', '抄书的少年', '修钟的师傅', '卖茶的阿婆', '夜班的邮差', '画地图的人', '图书馆的管理员', '她', '我们', '镇上的孩子', '对岸的木匠', '他'] as const;
const verbs = ['一直记得', '小心地擦拭着', '慢慢描摹出', '悄悄收藏了', '反复谈论起', '低头翻检着', '一笔一画地誊写', '耐心拼合起', '总会想起', '顺手捎来'] as const;
const things = [
  '一张泛黄的船票',
  '半截没点完的蜡烛',
  '旧报纸的边角',
  '一把黄铜钥匙',
  '祖父留下的算盘',
  '褪了色的门联',
  '雨后的青石板',
  '码头上的缆绳',
  '一本没有封面的诗集',
  '那只不会走的座钟',
  '河对岸的灯光',
  '装满信件的木箱',
  '一段 Morse 电码',
  '第 3 号借书卡',
] as const;

/** A small linear congruential generator: enough for varied, repeatable text. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
