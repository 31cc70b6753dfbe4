import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { VFile } from 'vfile';
import { buildBook } from './book/build-book.js';
import { labelsFor } from './book/labels.js';
import { linkArticles } from './book/links.js';
import type { Article, Book } from './book/model.js';
import { loadConfig, type LoadedConfig } from './config/load.js';
import type { ConfigInput } from './config/schema.js';
import { loadContent, withFatal } from './content/load.js';
import { createImageFetcher } from './content/fetch-remote-image.js';
import { parseArticles, ParseError } from './content/parse.js';
import { describeError } from './errors.js';
import { stripPatterns } from './normalize/boilerplate-patterns.js';
import { convertConfigText, convertedLanguage, createChineseConverter } from './normalize/chinese-conversion.js';
import { articleIdFor, normalizeArticle, type NormalizeSettings } from './normalize/index.js';

export interface PrepareOptions {
  /** The book folder (holds book.yaml and content/). */
  dir: string;
  contentDir?: string | undefined;
  configPath?: string | undefined;
  overrides?: Partial<ConfigInput>;
  /** Paths in messages are shown relative to this folder. */
  cwd?: string;
  /** Download remote images (`--fetch-images`), cached in `cacheDir` (default: out/.cache in the book folder). */
  fetchImages?: boolean | undefined;
  cacheDir?: string | undefined;
}

export interface PreparedBook {
  book: Book;
  config: LoadedConfig;
  /** One VFile per article source, carrying its warnings and errors. */
  files: VFile[];
  /** Files in the content folder that are not articles (by extension). */
  ignored: string[];
  /** Book-level warnings (article order). */
  notices: string[];
  /** Absolute path of the content folder that was read. */
  contentDir: string;
}

/** config → content → parse → normalize → Book. A broken article is reported on its file and left out. */
export async function prepareBook(options: PrepareOptions): Promise<PreparedBook> {
  const cwd = options.cwd ?? process.cwd();
  const config = loadConfig({ dir: options.dir, configPath: options.configPath, overrides: options.overrides ?? {} });
  const contentDir = options.contentDir ? path.resolve(cwd, options.contentDir) : path.join(config.dir, 'content');
  const content = loadContent({ contentDir, order: config.config.order, cwd });
  const { typography, text, extract, strip } = config.config;
  // Converting the script changes the book's language tag and its metadata text with it.
  const converter = await createChineseConverter(typography.convert);
  const language = convertedLanguage(config.config.language, typography.convert);
  const bookConfig = converter ? { ...convertConfigText(config.config, converter), language } : config.config;
  const labels = labelsFor(language);
  const settings: NormalizeSettings = {
    typography,
    strip: stripPatterns(strip),
    converter,
    images: {
      cache: new Map(),
      ...(options.fetchImages ? { fetchRemote: createImageFetcher({ cacheDir: options.cacheDir ?? path.join(config.dir, 'out', '.cache') }) } : {}),
    },
  };
  const parseOptions = { language, extract, text: { ...text, split: text.split ? new RegExp(text.split, 'u') : undefined } };
  const taken = new Set<string>();
  const articles: { file: VFile; article: Article }[] = [];
  for (const file of content.files) {
    try {
      for (const parsed of await parseArticles(file, parseOptions)) {
        const id = articleIdFor(file.data.contentPath ?? file.path, taken);
        articles.push({ file, article: await normalizeArticle(parsed, file, { id, language, labels, settings }) });
      }
    } catch (error) {
      if (error instanceof ParseError) withFatal(file, error.message, error.ruleId, error.line ? { line: error.line, column: 1 } : undefined);
      else withFatal(file, `could not be read: ${describeError(error)}`, 'internal');
    }
  }
  const empty = articles.filter(({ article }) => article.length === 0);
  for (const { file } of empty) file.message('the article has no text after cleaning; it is kept with its title only', { ruleId: 'empty-article', source: 'wenji' });
  for (const problem of linkArticles(articles.map(({ article }) => article))) {
    const file = articles.find(({ article }) => article === problem.article)?.file;
    if (!file) continue;
    const options = { place: problem.place, ruleId: 'link', source: 'wenji' };
    if (problem.info) file.info(problem.message, options);
    else file.message(problem.message, options);
  }

  const sourceDateEpoch = process.env.SOURCE_DATE_EPOCH ? Number(process.env.SOURCE_DATE_EPOCH) : undefined;
  const { book, problems } = buildBook(
    bookConfig,
    articles.map(({ article }) => article),
    { configDir: config.dir, sourceDateEpoch: Number.isFinite(sourceDateEpoch) ? sourceDateEpoch : undefined },
  );
  for (const problem of problems) {
    const file = articles.find(({ article }) => article === problem.article)?.file;
    if (file) withFatal(file, problem.message, problem.ruleId);
  }
  return {
    book,
    config,
    files: content.all,
    ignored: content.ignored,
    notices: content.orderWarnings,
    contentDir,
  };
}

/** The book's stylesheet: wenji's own for the given target, then the book's `styles/custom.css`. */
export function readStylesheet(packageStyles: string, name: string, bookDir: string): string {
  const own = readFileSync(path.join(packageStyles, name), 'utf8');
  const custom = path.join(bookDir, 'styles', 'custom.css');
  return existsSync(custom) && path.resolve(custom) !== path.resolve(packageStyles, 'custom.css') ? `${own}\n/* styles/custom.css */\n${readFileSync(custom, 'utf8')}` : own;
}
