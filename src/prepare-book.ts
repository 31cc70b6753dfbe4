import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { VFile } from 'vfile';
import { buildBook } from './book/build-book.js';
import { labelsFor } from './book/labels.js';
import type { Book } from './book/model.js';
import { loadConfig, type LoadedConfig } from './config/load.js';
import type { ConfigInput } from './config/schema.js';
import { loadContent, withFatal } from './content/load.js';
import { parseArticle, ParseError } from './content/parse.js';
import { describeError } from './errors.js';
import { articleIdFor, normalizeArticle } from './normalize/index.js';

export interface PrepareOptions {
  /** The book folder (holds book.yaml and content/). */
  dir: string;
  contentDir?: string | undefined;
  configPath?: string | undefined;
  overrides?: Partial<ConfigInput>;
  /** Paths in messages are shown relative to this folder. */
  cwd?: string;
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
  const language = config.config.language;
  const labels = labelsFor(language);
  const taken = new Set<string>();
  const articles = [];
  for (const file of content.files) {
    try {
      const parsed = await parseArticle(file, { language });
      const id = articleIdFor(file.data.contentPath ?? file.path, taken);
      articles.push({ file, article: await normalizeArticle(parsed, file, { id, language, labels }) });
    } catch (error) {
      if (error instanceof ParseError) withFatal(file, error.message, error.ruleId, error.line ? { line: error.line, column: 1 } : undefined);
      else withFatal(file, `could not be read: ${describeError(error)}`, 'internal');
    }
  }
  const empty = articles.filter(({ article }) => article.length === 0);
  for (const { file } of empty) file.message('the article has no text after cleaning; it is kept with its title only', { ruleId: 'empty-article', source: 'wenji' });

  const sourceDateEpoch = process.env.SOURCE_DATE_EPOCH ? Number(process.env.SOURCE_DATE_EPOCH) : undefined;
  const { book, problems } = buildBook(
    config.config,
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
