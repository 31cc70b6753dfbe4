import type { VFile } from 'vfile';
import type { Article } from './book/model.js';
import { imageDependencies, type Dependency } from './cache/dependencies.js';
import { ArticleOverrides } from './config/article-overrides.js';
import type { Config } from './config/schema.js';
import type { ParsedArticle, ParseOptions } from './content/types.js';
import { capDepthReported } from './hast/cap-depth.js';
import { reportFixes } from './hast/fix-tally.js';
import { labelsFor, type Labels } from './locale/labels.js';
import { stripPatterns } from './normalize/boilerplate-patterns.js';
import { createChineseConverter, type ChineseConverter } from './normalize/chinese-conversion.js';
import { articleIdFor, normalizeArticle, type NormalizeSettings } from './normalize/index.js';
import type { Options as ImageOptions } from './normalize/plugins/rehype-resolve-images.js';

/**
 * Reading one article file: parse it with its reader, cap its depth, normalize each of its
 * articles. The same code runs on the worker thread that keeps every article within its budget
 * (article-work.ts) and, where no worker is wanted, in the calling thread.
 */

/** What reading needs from the book: plain data, so that it can be sent to a worker. */
export interface ReadingInit {
  /** book.yaml as loaded (the script conversion is made again from `typography.convert`). */
  config: Config;
  /** The book's language after script conversion. */
  language: string;
  /** `--fetch-images`: remote images are downloaded (through `fetchRemote`) instead of described. */
  fetchImages: boolean;
}

export interface ArticleReader {
  language: string;
  labels: Labels;
  settings: NormalizeSettings;
  parseOptions: ParseOptions;
  overrides: ArticleOverrides;
}

/** One file's articles, as produced; its messages are on the file. */
export interface ProducedArticles {
  articles: Article[];
  /** The local files (images) they read, when asked for (the build cache needs them). */
  dependencies: Dependency[];
}

/** Settings for normalization and the readers from book.yaml (`typography`, `strip`, `extract`, `text`), made once per build. */
export async function createArticleReader(init: ReadingInit, fetchRemote?: ImageOptions['fetchRemote'], converter?: ChineseConverter): Promise<ArticleReader> {
  const { config, language } = init;
  const { typography, text, extract, strip } = config;
  const settings: NormalizeSettings = {
    typography,
    strip: stripPatterns(strip),
    converter: converter ?? (await createChineseConverter(typography.convert)),
    images: { cache: new Map(), ...(init.fetchImages && fetchRemote ? { fetchRemote } : {}) },
  };
  const parseOptions: ParseOptions = { language, extract, text: { ...text, split: typeof text.split === 'string' ? new RegExp(text.split, 'u') : text.split, chrome: settings.strip } };
  return { language, labels: labelsFor(language), settings, parseOptions, overrides: new ArticleOverrides(config.articles ?? {}) };
}

/**
 * Parses with the file's reader and caps each tree's depth (hast/cap-depth.ts), reporting a
 * flattened article on its file. Parsers recurse as deep as the source nests: on the worker,
 * with its large stack, this is where an absurdly deep file is made safe for everything after.
 */
export async function parseCapped(file: VFile, options: ParseOptions, first = false): Promise<ParsedArticle[]> {
  const { parseArticle, parseArticles } = await import('./content/parse.js');
  const parsed = first ? [await parseArticle(file, options)] : await parseArticles(file, options);
  for (const article of parsed) capDepthReported(article.tree, file);
  return parsed;
}

/**
 * A file's articles parsed and normalized. Ids are unique among `taken` (the articles before
 * it); the caller reserves them once the file is read.
 */
export async function produceArticles(file: VFile, reader: ArticleReader, taken: Iterable<string>, withDependencies: boolean): Promise<ProducedArticles> {
  const { overrides, language, labels, settings } = reader;
  const contentPath = file.data.contentPath ?? file.path;
  const ids = new Set(taken);
  const produced: Article[] = [];
  const dependencies: Dependency[] = [];
  const parsedArticles = await parseCapped(file, reader.parseOptions);
  for (const parsed of parsedArticles) {
    if (withDependencies) dependencies.push(...imageDependencies(parsed.tree, file));
    const override = overrides.forArticle(contentPath, parsed.piece ?? 1, parsedArticles.length);
    produced.push(await normalizeArticle(parsed, file, { id: articleIdFor(contentPath, ids), language, labels, settings, override }));
  }
  // One message per kind of automatic fix for the whole file (a blog dump's posts together).
  reportFixes(file);
  return { articles: produced, dependencies };
}
