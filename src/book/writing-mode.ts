import { derivedDigest } from './digest.js';
import type { Root } from 'hast';
import { unified, type PluggableList } from 'unified';
import type { WritingMode } from '../config/schema.js';
import rehypeCornerQuotes from '../normalize/plugins/rehype-corner-quotes.js';
import rehypeTateChuYoko from '../normalize/plugins/rehype-tate-chu-yoko.js';
import rehypeTrimPunctuationPairs from '../normalize/plugins/rehype-trim-punctuation-pairs.js';
import type { Compression } from '../locale/cjk-locale.js';
import { collectSections } from '../normalize/index.js';
import { isCjkLanguage } from './labels.js';
import type { Book } from './model.js';

export interface WritingModeOptions {
  mode: WritingMode;
  /** Convert “” ‘’ to corner brackets in vertical text. */
  quotes: 'corner' | 'keep';
  /** Longest digit run set upright (tate-chu-yoko). */
  tcyDigits?: number;
  /** `typography.compression`: which text gets the bracket trims browsers miss (default `auto`). */
  compression?: Compression;
}

/**
 * Book → Book for one writer (mdBook's preprocessor idea): vertical setting wraps short numbers
 * for tate-chu-yoko, marks the bracket trims browsers miss (`》：`, `：「`) and, optionally, turns
 * curly quotes into corner brackets. Horizontal books pass through untouched. Articles in a Latin
 * language are never changed. The input is not mutated.
 */
export function adaptToWritingMode(book: Book, options: WritingModeOptions): Book {
  if (options.mode === 'horizontal') return book;
  const plugins: PluggableList = [[rehypeTateChuYoko, { maxDigits: options.tcyDigits ?? 2 }]];
  if (options.quotes === 'corner') plugins.push([rehypeCornerQuotes]);
  const processor = unified().use(plugins);
  const compression = options.compression ?? 'auto';
  return {
    ...book,
    articles: book.articles.map((article) => {
      const language = article.language ?? book.meta.language;
      if (!isCjkLanguage(language)) return article;
      const body = processor.runSync(structuredClone(article.body)) as Root;
      unified().use(rehypeTrimPunctuationPairs, { language, compression }).runSync(body);
      // Titles and section names are shown as set in the text (corner quotes, upright numbers
      // are only for the body), so they are re-read from the adapted body.
      const title = options.quotes === 'corner' ? convertTitle(article.title) : article.title;
      const digest = derivedDigest(article.digest, 'writing-mode', options.mode, options.quotes, options.tcyDigits ?? 2, compression);
      return { ...article, title, body, sections: collectSections(body), ...(digest ? { digest } : {}) };
    }),
  };
}

/** The writing mode a target uses when neither book.yaml nor the command line says. */
export function defaultWritingMode(target: 'pdf' | 'epub', language: string): WritingMode {
  return target === 'pdf' && /^(zh|ja)/i.test(language) ? 'vertical' : 'horizontal';
}

function convertTitle(title: string): string {
  const tree: Root = { type: 'root', children: [{ type: 'text', value: title }] };
  unified().use(rehypeCornerQuotes).runSync(tree);
  const text = tree.children[0];
  return text?.type === 'text' ? text.value : title;
}
