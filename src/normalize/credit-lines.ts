/**
 * Credit lines, as Chinese and Japanese articles open (or close) with them: `作者 | 某某`,
 * `文｜某某`, `文／某某　图／某某`, `撰文：某某`, `记者 某某`, `出品 | 某媒体`, `来源：某报`,
 * `原标题：…`, `取材・文：某某`. A line is a credit line only when all of it is label–name
 * pairs (and a date): `作者说，他…` is a sentence, never a credit.
 */

export type CreditRole = 'author' | 'translator' | 'source' | 'staff' | 'original-title';

export interface CreditLine {
  /** Each label with what it credits, in the order written. */
  entries: { label: string; role: CreditRole; names: string[] }[];
  /** A date on the line (`2024-05-01`, `2024年5月1日`), as YYYY-MM-DD. */
  date?: string;
}

const roles: [CreditRole, string[]][] = [
  [
    'author',
    [
      '作者', '作　者', '文字', '撰文', '撰稿', '执笔', '執筆', '采写', '採寫', '采访', '採訪', '整理', '口述', '主笔', '主筆',
      '本报记者', '本報記者', '特约记者', '特約記者', '实习记者', '實習記者', '实习生', '實習生', '记者', '記者', '通讯员', '通訊員',
      '图文', '圖文', '文', '筆者', '著者', '著', '取材', '聞き手', '写真・文', '文と写真',
    ],
  ],
  ['translator', ['翻译', '翻譯', '译者', '譯者', '编译', '編譯', '翻訳', '訳者', '译', '譯', '訳']],
  ['source', ['本文来源', '本文來源', '文章来源', '文章來源', '来源', '來源', '出处', '出處', '出品', '转载自', '轉載自', '原载', '原載', '首发', '首發', '出典', '転載元']],
  ['original-title', ['原标题', '原標題', '原文标题', '原文標題', '原题', '原題']],
  [
    'staff',
    [
      '责任编辑', '責任編輯', '值班编辑', '值班編輯', '编辑', '編輯', '责编', '責編', '主编', '主編', '校对', '校對', '审校', '審校', '审核', '審核',
      '排版', '美编', '美編', '监制', '監製', '策划', '策劃', '统筹', '統籌', '视觉', '視覺', '设计', '設計', '运营', '運營', '制图', '製圖',
      '插图', '插圖', '插画', '插畫', '题图', '題圖', '头图', '頭圖', '封面', '配图', '配圖', '图片', '圖片', '摄影', '攝影', '摄像', '攝像',
      '剪辑', '剪輯', '图', '圖', '写真', '撮影', '編集', '構成', 'デザイン', 'イラスト',
    ],
  ],
];

const roleOf = new Map<string, CreditRole>(roles.flatMap(([role, labels]) => labels.map((label) => [label, role] as const)));
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const labelAlternation = [...roleOf.keys()].sort((a, b) => b.length - a.length).map(escape).join('|');
/** One label or several joined (`文/图`, `采访、整理`, `取材・文・写真`). */
const labelGroup = `(?:${labelAlternation})(?:\\s*[、/／・&＆与和]\\s*(?:${labelAlternation}))*`;
const separator = '\\s*[|｜丨:：/／]\\s*|\\s+';
const leadingLabel = new RegExp(`^(${labelGroup})(?:${separator})`, 'u');
/** The next label: after a space, or right after a name when a separator mark follows (`某某编辑：某某`). */
const nextLabel = new RegExp(`\\s+(${labelGroup})(?:${separator})|(?<=\\S)(${labelGroup})\\s*[|｜丨:：/／]\\s*`, 'u');

const datePattern = /(?:发布于|發布於|发表于|發表於|更新于|更新於|于|於)?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?/u;

/** Longest line read as credits. */
export const longestCreditLine = 80;

/** The credits a line states, or undefined when the line is anything else. */
export function parseCreditLine(line: string, options: { japanese?: boolean } = {}): CreditLine | undefined {
  let text = line.replace(/[\s\u00A0\u3000\u200B]+/g, ' ').trim();
  if (!text || [...text].length > longestCreditLine) return undefined;
  // `（编辑：某某）`, `【来源：某报】`
  const bracketed = /^[（(【[〔]\s*(.*?)\s*[）)】\]〕]$/u.exec(text);
  if (bracketed) text = bracketed[1]!;
  const result: CreditLine = { entries: [] };
  const date = datePattern.exec(text);
  if (date) {
    result.date = `${date[1]}-${date[2]!.padStart(2, '0')}-${date[3]!.padStart(2, '0')}`;
    text = `${text.slice(0, date.index)} ${text.slice(date.index + date[0].length)}`.trim();
  }
  const wechat = /^原创\s*[:：]?\s+(\S+)(?:\s+(\S+))?$/u.exec(text);
  if (wechat) {
    // WeChat's header: `原创 作者 公众号 2024年5月1日` (or just the account).
    const [, first, second] = wechat;
    if (!isName(first!, 'source') || (second && !isName(second, 'source'))) return undefined;
    if (second) result.entries.push({ label: '原创', role: 'author', names: [first!] }, { label: '原创', role: 'source', names: [second] });
    else result.entries.push({ label: '原创', role: 'source', names: [first!] });
    return result;
  }
  while (text) {
    const label = leadingLabel.exec(text);
    if (!label) return undefined;
    text = text.slice(label[0].length);
    // The original title may hold anything, labels too: it runs to the end of the line.
    const labels = label[1]!.split(/\s*[、/／・&＆与和]\s*/u);
    const role = labels.map((part) => roleOf.get(part)!).reduce((best, candidate) => (rank[candidate] < rank[best] ? candidate : best));
    const next = role === 'original-title' ? null : nextLabel.exec(text);
    const value = (next ? text.slice(0, next.index) : text).trim();
    text = next ? text.slice(next.index).trim() : '';
    const names = role === 'original-title' ? [value] : splitNames(value, options.japanese === true);
    if (!names.length || !names.every((name) => isName(name, role))) return undefined;
    result.entries.push({ label: label[1]!, role, names });
  }
  return result.entries.length ? result : undefined;
}

/** `文/图`: the stronger role wins (an author who also took the photos is the author). */
const rank: Record<CreditRole, number> = { author: 0, translator: 1, source: 2, 'original-title': 3, staff: 4 };

/**
 * `某甲、某乙`, `某甲，某乙`, `某甲 某乙`, `某甲/某乙`; a trailing `报道` or `摄` goes. Japanese
 * credits write one name with a space between family and given name (`佐藤 美咲`): there only
 * the marks separate names.
 */
function splitNames(value: string, japanese: boolean): string[] {
  const trimmed = value.replace(/\s*(?:报道|報導|报导|摄|攝)$/u, '');
  const pieces = japanese ? trimmed.split(/\s*[、，,/／;；]\s*/u) : trimmed.split(/\s*[、，,/／;；]\s*|\s+(?=[^\sA-Za-z])|(?<=[^\sA-Za-z.])\s+/u);
  return pieces.map((name) => name.trim().replace(/\s+/gu, ' ')).filter(Boolean);
}

/**
 * A name as credits give it: a person (a few CJK characters, or a Latin name), or for a source
 * an organisation (`某某日报`, `River Press`). Anything with sentence punctuation is not one.
 */
function isName(name: string, role: CreditRole): boolean {
  if (role === 'original-title') return [...name].length <= 60;
  if (/[。！？!?；;：:，,“”「」"]/u.test(name) || /^\d+$/.test(name)) return false;
  const length = [...name].length;
  if (/^[A-Za-z][A-Za-z.'’\- ]*$/.test(name)) return length <= 40;
  if (role === 'source') return length <= 24;
  if (/[的了吗嗎呢吧啊么麼们們我你您这這那什谁誰哪怎说說问問答是不]/u.test(name)) return false;
  if (/^\p{Script=Han}+$/u.test(name)) return length >= 2 && length <= 5;
  // A Japanese name may hold one space between its two parts (`佐藤 美咲`).
  return length <= 12 && /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー·・•A-Za-z]+(?: [\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー·・•]+)?$/u.test(name);
}
