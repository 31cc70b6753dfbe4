import { derivedDigest } from '../book/digest.js';
import type { Root } from 'hast';
import { unified, type PluggableList } from 'unified';
import type { WritingMode } from '../config/schema.js';
import rehypeCornerQuotes, { cornerQuoteStyle, type CornerQuoteStyle } from './plugins/rehype-corner-quotes.js';
import rehypeTateChuYoko from './plugins/rehype-tate-chu-yoko.js';
import { chineseConvention } from '../locale/chinese-locale.js';
import rehypeTrimPunctuationPairs from './plugins/rehype-trim-punctuation-pairs.js';
import type { Compression } from '../locale/cjk-locale.js';
import { collectSections } from '../normalize/sections.js';
import { isCjkLanguage } from '../locale/labels.js';
import type { Book } from '../book/model.js';
import { mapArticles, pagesAndArticles } from '../book/parts.js';

export interface WritingModeOptions {
  mode: WritingMode;
  /** Convert “” ‘’ to corner brackets in vertical text. */
  quotes: 'corner' | 'keep';
  /** Longest digit run set upright (tate-chu-yoko). */
  tcyDigits?: number;
  /**
   * Acronyms of up to three capitals (AI, GDP) stand upright in vertical text:
   * `typography.uprightCapitals`; undefined means Japanese yes, Chinese no.
   */
  uprightCapitals?: boolean | undefined;
  /** `typography.compression`: which text gets the bracket trims browsers miss (default `auto`). */
  compression?: Compression;
}

/** Taiwan and Hong Kong quote with corner brackets in horizontal text too. */
const quotesInHorizontal = (language: string) => chineseConvention(language) === 'traditional';

/**
 * Book → Book for one writer (mdBook's preprocessor idea), by the conventions of
 * docs/typography.md. Vertical setting wraps numbers and acronyms for upright setting
 * (tate-chu-yoko), marks the bracket trims browsers miss (`》：`, `：「`) and, with `quotes: corner`, turns curly quotes into corner brackets in the
 * article's locale's nesting (mainland: “”→『』 ‘’→「」; Taiwan, Hong Kong, Japan: “”→「」
 * ‘’→『』). Horizontal books change only Traditional Chinese articles' quotes (Taiwan and Hong
 * Kong quote with corner brackets in horizontal text too). Articles in a Latin language are never
 * changed. The input is not mutated; an article with nothing to do is returned as it is.
 */
export function adaptToWritingMode(book: Book, options: WritingModeOptions): Book {
  const vertical = options.mode === 'vertical';
  if (!vertical && (options.quotes !== 'corner' || !pagesAndArticles(book).some((article) => quotesInHorizontal(article.language ?? book.meta.language)))) return book;
  const processors = new Map<string, ReturnType<typeof unified>>();
  const processorFor = (language: string) => {
    const quotes = options.quotes === 'corner' && (vertical || quotesInHorizontal(language)) ? cornerQuoteStyle(language) : undefined;
    const capitals = (options.uprightCapitals ?? /^ja\b/i.test(language)) ? 3 : 0;
    const key = `${quotes}/${capitals}`;
    let processor = processors.get(key);
    if (!processor) {
      const plugins: PluggableList = vertical ? [[rehypeTateChuYoko, { maxDigits: options.tcyDigits ?? 2, uprightCapitals: capitals }]] : [];
      if (quotes) plugins.push([rehypeCornerQuotes, { style: quotes }]);
      processor = unified().use(plugins);
      processors.set(key, processor);
    }
    return { processor, quotes, key };
  };
  const compression = options.compression ?? 'auto';
  // A part's page (title, preface) is set like an article.
  return mapArticles(book, (article) => {
    const language = article.language ?? book.meta.language;
    if (!isCjkLanguage(language) || (!vertical && !quotesInHorizontal(language))) return article;
    const { processor, quotes, key } = processorFor(language);
    const body = processor.runSync(structuredClone(article.body)) as Root;
    if (vertical) unified().use(rehypeTrimPunctuationPairs, { language, compression }).runSync(body);
    // Titles and section names are shown as set in the text (corner quotes, upright numbers
    // are only for the body), so they are re-read from the adapted body.
    const title = quotes ? convertTitle(article.title, quotes) : article.title;
    const digest = derivedDigest(article.digest, 'writing-mode', options.mode, options.quotes, options.tcyDigits ?? 2, key, compression);
    return { ...article, title, body, sections: collectSections(body), ...(digest ? { digest } : {}) };
  });
}

/** The writing mode a target uses when neither book.yaml nor the command line says. */
export function defaultWritingMode(target: 'pdf' | 'epub', language: string): WritingMode {
  return target === 'pdf' && /^(zh|ja)/i.test(language) ? 'vertical' : 'horizontal';
}

function convertTitle(title: string, style: CornerQuoteStyle): string {
  const tree: Root = { type: 'root', children: [{ type: 'text', value: title }] };
  unified().use(rehypeCornerQuotes, { style }).runSync(tree);
  const text = tree.children[0];
  return text?.type === 'text' ? text.value : title;
}
