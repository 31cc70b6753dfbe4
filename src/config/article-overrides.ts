import type { Config } from './schema.js';

/** What book.yaml `articles` sets for one article: it wins over everything the source says. */
export interface ArticleOverride {
  title?: string;
  authors?: string[];
  translators?: string[];
  source?: string;
  url?: string;
  date?: string;
  tags?: string[];
}

type Entry = NonNullable<Config['articles']>[string];

interface Key {
  /** As written in book.yaml. */
  written: string;
  /** The file part, `./` and backslashes normalized. */
  file: string;
  /** The post number, when the key names one (`dump.txt#2`). */
  piece?: number;
  entry: Entry;
}

/**
 * book.yaml `articles`: `"03-page.html"` for every article of a file, `"dump.txt#2"` for the
 * second post of a file holding several. A file is named as in `order` (relative to the content
 * folder, the extension may be left out). Keys that match no article are reported.
 */
export class ArticleOverrides {
  private readonly keys: Key[];
  /** How many articles each file gave, once built. */
  private readonly counts = new Map<string, number>();

  constructor(articles: NonNullable<Config['articles']>) {
    this.keys = Object.entries(articles).map(([written, entry]) => {
      const match = /^(.*?)(?:#(\d+))?$/.exec(written)!;
      const key: Key = { written, file: match[1]!.replace(/\\/g, '/').replace(/^\.\//, ''), entry };
      if (match[2]) key.piece = Number(match[2]);
      return key;
    });
  }

  /** The entries that concern a file (for the build cache: a changed entry rebuilds the file). */
  entriesFor(contentPath: string): Record<string, Entry> {
    return Object.fromEntries(this.keys.filter((key) => matches(key.file, contentPath)).map((key) => [key.written, key.entry]));
  }

  /**
   * The override for post `piece` (1-based) of a file giving `count` articles: the file's entry,
   * then the post's own on top. A file's `title` applies only when the file is one article.
   */
  forArticle(contentPath: string, piece: number, count: number): ArticleOverride | undefined {
    const mine = this.keys.filter((key) => matches(key.file, contentPath));
    const whole = mine.filter((key) => key.piece === undefined).map((key) => key.entry);
    const own = mine.filter((key) => key.piece === piece).map((key) => key.entry);
    const entries = [...whole.map((entry) => (count > 1 ? { ...entry, title: undefined } : entry)), ...own];
    if (entries.length === 0) return undefined;
    const override: ArticleOverride = {};
    for (const entry of entries) {
      if (entry.title) override.title = entry.title;
      if (entry.author) override.authors = asList(entry.author);
      if (entry.translator) override.translators = asList(entry.translator);
      if (entry.tags) override.tags = asList(entry.tags);
      if (entry.source) override.source = entry.source;
      if (entry.url) override.url = entry.url;
      if (entry.date) override.date = entry.date;
    }
    return override;
  }

  /** Records how many articles a file gave (from the cache or freshly built). */
  produced(contentPath: string, count: number): void {
    this.counts.set(contentPath, count);
  }

  /** Warnings for keys that match no article, and for a file's title on a file of several. */
  problems(lineOfKey?: (keyPath: string[]) => number | undefined): string[] {
    const problems: string[] = [];
    for (const key of this.keys) {
      const line = lineOfKey?.(['articles', key.written]);
      const where = `book.yaml${line ? ` line ${line}` : ''}: articles: "${key.written}"`;
      const files = [...this.counts].filter(([file]) => matches(key.file, file));
      const [file, count] = files[0] ?? [];
      if (!file || count === undefined) problems.push(`${where} matches no article in the content folder`);
      else if (key.piece !== undefined && key.piece > count) problems.push(`${where} matches no article: ${file} gives ${count} article${count === 1 ? '' : 's'}`);
      else if (key.piece === undefined && key.entry.title && count > 1) problems.push(`${where} sets a title, but ${file} gives ${count} articles; the title is not used (name one: "${key.written}#1")`);
    }
    return problems;
  }
}

function matches(file: string, contentPath: string): boolean {
  return file === contentPath || file === contentPath.slice(0, contentPath.length - (/\.[^./]+$/.exec(contentPath)?.[0].length ?? 0));
}

function asList(value: string | string[]): string[] {
  return Array.isArray(value) ? value : [value];
}
