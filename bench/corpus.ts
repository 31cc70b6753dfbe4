import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A synthetic anthology: `count` Chinese Markdown articles of about `bytes` UTF-8 bytes each,
 * built from a fixed word list with a seeded generator, so every run benchmarks the same text.
 */
export function writeCorpus(dir: string, count = 60, bytes = 40_000): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'content'), { recursive: true });
  writeFileSync(path.join(dir, 'book.yaml'), 'title: 基准文集\nsubtitle: 六十篇合成文章\neditor: 基准\ndate: 2026-01-01\nslug: bench\n');
  const random = seeded(20261129);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  for (let n = 1; n <= count; n++) {
    const parts: string[] = [`---\ntitle: 第${n}篇　${pick(nouns)}${pick(nouns)}的${pick(nouns)}\nauthor: ${pick(surnames)}${pick(givenNames)}\ndate: 2025-${String((n % 12) + 1).padStart(2, '0')}-15\n---\n`];
    let size = Buffer.byteLength(parts[0]!);
    let section = 0;
    while (size < bytes) {
      if (size > section * 8000) {
        section++;
        const heading = `\n## ${['一', '二', '三', '四', '五', '六', '七', '八'][section - 1] ?? section}、${pick(nouns)}与${pick(nouns)}\n\n`;
        parts.push(heading);
        size += Buffer.byteLength(heading);
      }
      const paragraph = `${Array.from({ length: 3 + Math.floor(random() * 5) }, () => sentence(pick, random)).join('')}\n\n`;
      parts.push(paragraph);
      size += Buffer.byteLength(paragraph);
    }
    writeFileSync(path.join(dir, 'content', `${String(n).padStart(2, '0')}-article.md`), parts.join(''));
  }
}

function sentence(pick: <T>(items: readonly T[]) => T, random: () => number): string {
  const clauses = 1 + Math.floor(random() * 3);
  const text: string[] = [];
  for (let i = 0; i < clauses; i++) {
    const extra = random() < 0.08 ? `${Math.floor(random() * 99) + 1}${pick(units)}` : random() < 0.04 ? ` ${pick(latin)} ` : '';
    text.push(`${pick(subjects)}${pick(adverbs)}${pick(verbs)}${extra}${pick(nouns)}`);
  }
  const quoted = random() < 0.1 ? `，说“${pick(nouns)}${pick(verbs)}${pick(nouns)}”` : '';
  return `${text.join('，')}${quoted}${pick(['。', '。', '。', '！', '？', '……'])}`;
}

/** mulberry32: tiny, fast, deterministic. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const subjects = ['我们', '他', '她', '老人', '孩子们', '那位师傅', '镇上的人', '邻居', '母亲', '朋友', '编辑', '画家', '船夫', '店主'] as const;
const adverbs = ['慢慢地', '常常', '总是', '后来又', '偶尔', '一直', '悄悄地', '认真地', '每天', '终于', '在黄昏时', ''] as const;
const verbs = ['看着', '想起', '记下', '整理', '修补', '走过', '打开', '收起', '谈到', '寻找', '留下', '讲起', '翻出', '擦亮'] as const;
const nouns = ['河岸', '旧书', '灯火', '木窗', '石桥', '信纸', '茶碗', '雨声', '院子', '铅字', '码头', '山路', '集市', '钟表', '车站', '草帽', '米酒', '炉火', '竹篮', '月光', '布鞋', '戏台', '邮筒', '磨坊'] as const;
const units = ['年', '岁', '里', '斤', '次', '个', '本', '天'] as const;
const latin = ['Kindle', 'PDF', 'EPUB', 'Heidelberg', 'jazz', 'Leica', 'radio'] as const;
const surnames = ['周', '林', '沈', '陈', '何', '许', '顾', '梁'] as const;
const givenNames = ['晓禾', '一帆', '慕青', '照溪', '远舟', '苇', '砚生', '云'] as const;
