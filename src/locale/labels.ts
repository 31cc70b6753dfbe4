/** Words the book itself prints (contents, notes, bylines), in the book's language or an article's. */
export interface Labels {
  contents: string;
  notes: string;
  backToText: (n: string) => string;
  noteRef: (n: string) => string;
  image: string;
  imageUnavailable: (alt: string) => string;
  author: (names: string) => string;
  translator: (names: string) => string;
  editor: (names: string) => string;
  source: string;
  colophon: string;
  cover: string;
  titlePage: string;
  listSeparator: string;
  page: (n: number) => string;
}

const zhHans: Labels = {
  contents: '目录',
  notes: '注释',
  backToText: (n) => `返回正文 ${n}`,
  noteRef: (n) => `注释 ${n}`,
  image: '插图',
  imageUnavailable: (alt) => (alt ? `［图：${alt}］` : '［图］'),
  author: (names) => `${names}　文`,
  translator: (names) => `${names}　译`,
  editor: (names) => `${names}　编`,
  source: '来源',
  colophon: '版权与来源',
  cover: '封面',
  titlePage: '书名页',
  listSeparator: '、',
  page: (n) => `第 ${n} 页`,
};

// Traditional Chinese: the Simplified labels where the characters are the same (返回正文, 文, 封面).
const zhHant: Labels = {
  ...zhHans,
  contents: '目錄',
  notes: '註釋',
  noteRef: (n) => `註釋 ${n}`,
  image: '插圖',
  imageUnavailable: (alt) => (alt ? `［圖：${alt}］` : '［圖］'),
  translator: (names) => `${names}　譯`,
  editor: (names) => `${names}　編`,
  source: '來源',
  colophon: '版權與來源',
  titlePage: '書名頁',
  page: (n) => `第 ${n} 頁`,
};

const ja: Labels = {
  ...zhHant,
  contents: '目次',
  notes: '注',
  backToText: (n) => `本文に戻る ${n}`,
  noteRef: (n) => `注 ${n}`,
  image: '図',
  imageUnavailable: (alt) => (alt ? `［図：${alt}］` : '［図］'),
  author: (names) => `${names}　著`,
  translator: (names) => `${names}　訳`,
  editor: (names) => `${names}　編`,
  source: '出典',
  colophon: '奥付',
  cover: '表紙',
  titlePage: '扉',
  page: (n) => `${n} ページ`,
};

const en: Labels = {
  contents: 'Contents',
  notes: 'Notes',
  backToText: (n) => `Back to reference ${n}`,
  noteRef: (n) => `Note ${n}`,
  image: 'Illustration',
  imageUnavailable: (alt) => (alt ? `[Image: ${alt}]` : '[Image]'),
  author: (names) => `by ${names}`,
  translator: (names) => `translated by ${names}`,
  editor: (names) => `edited by ${names}`,
  source: 'Source',
  colophon: 'Sources',
  cover: 'Cover',
  titlePage: 'Title page',
  listSeparator: ', ',
  page: (n) => `page ${n}`,
};

const fr: Labels = {
  contents: 'Table des matières',
  notes: 'Notes',
  backToText: (n) => `Retour à l’appel de note ${n}`,
  noteRef: (n) => `Note ${n}`,
  image: 'Illustration',
  imageUnavailable: (alt) => (alt ? `[Image\u00A0: ${alt}]` : '[Image]'),
  author: (names) => `par ${names}`,
  translator: (names) => `traduit par ${names}`,
  editor: (names) => `sous la direction de ${names}`,
  source: 'Source',
  colophon: 'Sources',
  cover: 'Couverture',
  titlePage: 'Page de titre',
  listSeparator: ', ',
  page: (n) => `page ${n}`,
};

const de: Labels = {
  contents: 'Inhalt',
  notes: 'Anmerkungen',
  backToText: (n) => `Zurück zum Verweis ${n}`,
  noteRef: (n) => `Anmerkung ${n}`,
  image: 'Abbildung',
  imageUnavailable: (alt) => (alt ? `[Abbildung: ${alt}]` : '[Abbildung]'),
  author: (names) => `von ${names}`,
  translator: (names) => `übersetzt von ${names}`,
  editor: (names) => `herausgegeben von ${names}`,
  source: 'Quelle',
  colophon: 'Quellen',
  cover: 'Umschlag',
  titlePage: 'Titelseite',
  listSeparator: ', ',
  page: (n) => `Seite ${n}`,
};

/** The words for a language tag; a language without its own falls back to English. */
export function labelsFor(language: string): Labels {
  const tag = language.toLowerCase();
  if (tag.startsWith('ja')) return ja;
  if (tag.startsWith('zh')) return /hant|-tw|-hk|-mo/.test(tag) ? zhHant : zhHans;
  if (/^fr\b/.test(tag)) return fr;
  if (/^de\b/.test(tag)) return de;
  return en;
}

/** Chinese and Japanese books are set vertically by default in print. */
export function isCjkLanguage(language: string): boolean {
  return /^(zh|ja|ko)\b/i.test(language);
}
