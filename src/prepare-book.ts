import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { VFile } from 'vfile';
import { buildBook } from './book/build-book.js';
import type { ArticleCache } from './cache/article-cache.js';
import { imageDependencies } from './cache/dependencies.js';
import { labelsFor } from './book/labels.js';
import type { Book } from './book/model.js';
import { loadConfig, type LoadedConfig } from './config/load.js';
import type { ConfigInput } from './config/schema.js';
import { loadContent, withFatal } from './content/load.js';
import { describeError } from './errors.js';
import { articleIdFor, normalizeArticle } from './normalize/index.js';
import { stageReporter, type ProgressListener } from './progress.js';

export interface PrepareOptions {
  /** The book folder (holds book.yaml and content/). */
  dir: string;
  contentDir?: string | undefined;
  configPath?: string | undefined;
  overrides?: Partial<ConfigInput>;
  /** Paths in messages are shown relative to this folder. */
  cwd?: string;
  /** Reuses articles normalized before (incremental builds, the preview); created once the config is known. */
  cache?: ((config: LoadedConfig) => ArticleCache | undefined) | undefined;
  progress?: ProgressListener | undefined;
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
  /** How many articles were normalized in this run and how many came from the cache. */
  stats: { normalized: number; reused: number };
}

/** config → content → parse → normalize → Book. A broken article is reported on its file and left out. */
export async function prepareBook(options: PrepareOptions): Promise<PreparedBook> {
  const cwd = options.cwd ?? process.cwd();
  const loading = stageReporter(options.progress, 'load', 1);
  const config = loadConfig({ dir: options.dir, configPath: options.configPath, overrides: options.overrides ?? {} });
  const contentDir = options.contentDir ? path.resolve(cwd, options.contentDir) : path.join(config.dir, 'content');
  const content = loadContent({ contentDir, order: config.config.order, cwd });
  loading.end(`${content.all.length} file${content.all.length === 1 ? '' : 's'}`);
  const language = config.config.language;
  const labels = labelsFor(language);
  const cache = options.cache?.(config);
  const normalizing = stageReporter(options.progress, 'normalize', content.files.length);
  const taken = new Set<string>();
  const articles = [];
  for (const [index, file] of content.files.entries()) {
    try {
      // The id is reserved only once the article is read, as before the cache existed.
      const id = articleIdFor(file.data.contentPath ?? file.path, new Set(taken));
      const produce = async () => {
        // Loaded on first use: a build whose articles all come from the cache never needs the readers.
        const { parseArticle } = await import('./content/parse.js');
        const parsed = await parseArticle(file, { language });
        const dependencies = cache ? imageDependencies(parsed.tree, file) : [];
        return { article: await normalizeArticle(parsed, file, { id, language, labels }), dependencies };
      };
      const article = cache ? await cache.article(file, { id, language }, produce) : (await produce()).article;
      taken.add(id);
      articles.push({ file, article });
    } catch (error) {
      const { ParseError } = await import('./content/parse.js');
      if (error instanceof ParseError) withFatal(file, error.message, error.ruleId, error.line ? { line: error.line, column: 1 } : undefined);
      else withFatal(file, `could not be read: ${describeError(error)}`, 'internal');
    }
    normalizing.advance(index + 1, file.data.contentPath);
  }
  cache?.finish();
  const stats = cache ? { ...cache.stats } : { normalized: content.files.length, reused: 0 };
  normalizing.end(stats.reused ? `${stats.normalized} normalized, ${stats.reused} from the cache` : `${stats.normalized} normalized`);
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
    stats,
  };
}

/** The book's stylesheet: wenji's own for the given target, then the book's `styles/custom.css`. */
export function readStylesheet(packageStyles: string, name: string, bookDir: string): string {
  const own = readFileSync(path.join(packageStyles, name), 'utf8');
  const custom = path.join(bookDir, 'styles', 'custom.css');
  return existsSync(custom) && path.resolve(custom) !== path.resolve(packageStyles, 'custom.css') ? `${own}\n/* styles/custom.css */\n${readFileSync(custom, 'utf8')}` : own;
}
