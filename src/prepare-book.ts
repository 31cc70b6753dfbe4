import path from 'node:path';
import { VFile } from 'vfile';
import { buildBook } from './book/build-book.js';
import type { ArticleCache } from './cache/article-cache.js';
import { createArticleWork, type ArticleWork } from './article-work.js';
import { createArticleReader, type ReadingInit } from './article-reading.js';
import { linkArticles } from './transforms/links.js';
import type { Article, Book, Part } from './book/model.js';
import { loadConfig, type LoadedConfig } from './config/load.js';
import type { Config, ConfigInput } from './config/schema.js';
import { displayPath, loadContent, withFatal, type LoadedPart } from './content/load.js';
import { readPartFile } from './content/part-file.js';
import { createImageFetcher } from './content/fetch-remote-image.js';
import { ParseError } from './content/types.js';
import { describeError } from './errors.js';
import { convertConfigText, convertedLanguage, createChineseConverter, type ChineseConverter } from './normalize/chinese-conversion.js';
import { articleIdFor } from './normalize/index.js';
import { normalizePartPage } from './normalize/part-page.js';
import { ArticleOverrides } from './config/article-overrides.js';
import { sourceLocator } from './hast/source-point.js';
import { stageReporter, type ProgressListener } from './progress.js';

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
  /**
   * The transport of `--fetch-images` (the command line's guarded client: redirects to http(s)
   * only, never from a public address to a private one); the global fetch otherwise.
   */
  imageFetch?: typeof fetch | undefined;
  cacheDir?: string | undefined;
  /** Reuses articles normalized before (incremental builds, the preview); created once the config is known. */
  cache?: ((config: LoadedConfig) => ArticleCache | undefined) | undefined;
  progress?: ProgressListener | undefined;
  /**
   * Called with the book's settings (after script conversion) before any article is read; the
   * articles are read once the promise it may return settles.
   */
  onConfig?: ((config: Config, configDir: string) => void | Promise<unknown>) | undefined;
  /**
   * Where articles are read (the per-article budget, article-work.ts): given by a caller that
   * keeps one worker for several runs (the preview, `check`); otherwise one is made for the run.
   */
  work?: ArticleWork | undefined;
}

export interface PreparedBook {
  book: Book;
  config: LoadedConfig;
  /** The settings as the book uses them: after script conversion (title, people, language). */
  bookConfig: Config;
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
  const work = options.work ?? createArticleWork();
  // Started first: its start-up runs beside reading the config, the content and the cover.
  work.warm();
  try {
    return await prepareWith(work, options);
  } finally {
    if (!options.work) await work.close();
  }
}

async function prepareWith(work: ArticleWork, options: PrepareOptions): Promise<PreparedBook> {
  const cwd = options.cwd ?? process.cwd();
  const config = loadConfig({ dir: options.dir, configPath: options.configPath, overrides: options.overrides ?? {} });
  const contentDir = options.contentDir ? path.resolve(cwd, options.contentDir) : path.join(config.dir, 'content');
  const loading = stageReporter(options.progress, 'load', 1);
  const content = loadContent({ contentDir, order: config.config.order, cwd });
  loading.end(`${content.all.length} file${content.all.length === 1 ? '' : 's'}`);
  const { bookConfig, language, converter } = await convertedBook(config.config);
  await options.onConfig?.(bookConfig, config.dir);
  const downloads = options.fetchImages ? imageDownloads(options.cacheDir ?? path.join(config.dir, 'out', '.cache'), options.progress, options.imageFetch) : undefined;
  const overrides = new ArticleOverrides(config.config.articles ?? {});
  const reading: ReadingInit = { config: config.config, language, fetchImages: Boolean(options.fetchImages) };
  work.configure(reading, downloads?.fetchRemote);
  const read = await readArticles(content.files, {
    work,
    reading,
    overrides,
    downloads,
    cache: options.cache?.(config),
    progress: options.progress,
    // No article takes a part's id: it names the part's page in every writer.
    reserved: content.parts.map((part) => part.id),
  });
  const parts = await readParts(content.parts, read.articles, { reading, downloads, converter }, config.file ? displayPath(config.file, cwd) : 'book.yaml');
  const unreached = downloads?.finish();
  reportArticleProblems(read.articles, parts.pages);
  const book = assembleBook(bookConfig, read.articles, parts.parts, config.dir);
  return {
    book,
    config,
    bookConfig,
    files: content.all,
    ignored: content.ignored,
    notices: [...content.orderWarnings, ...parts.notices, ...(unreached ? [unreached] : []), ...overrides.problems(config.lineOfKey)],
    contentDir,
    stats: read.stats,
  };
}

/** Converting the script (`typography.convert`) changes the book's language tag and its metadata text with it. */
async function convertedBook(config: Config) {
  const converter = await createChineseConverter(config.typography.convert);
  const language = convertedLanguage(config.language, config.typography.convert);
  const bookConfig = converter ? { ...convertConfigText(config, converter), language } : config;
  return { bookConfig, language, converter };
}

/** What reading a file needs from the book: where it is read, the settings it is read with, the overrides, the downloads. */
interface ArticleReader {
  work: ArticleWork;
  reading: ReadingInit;
  overrides: ArticleOverrides;
  downloads: ImageDownloads | undefined;
}

interface ReadArticle {
  file: VFile;
  article: Article;
}

/** Every file read and normalized in order (or taken from the cache), a failure reported on its file. */
async function readArticles(files: VFile[], options: ArticleReader & { cache: ArticleCache | undefined; progress: ProgressListener | undefined; reserved: string[] }) {
  const { cache } = options;
  const normalizing = stageReporter(options.progress, 'normalize', files.length);
  const taken = new Set<string>(options.reserved);
  const articles: ReadArticle[] = [];
  for (const [index, file] of files.entries()) {
    try {
      for (const article of await readFile(file, options, cache, taken)) {
        taken.add(article.id);
        articles.push({ file, article });
      }
    } catch (error) {
      if (error instanceof ParseError) withFatal(file, error.message, error.ruleId, { line: error.line ?? 1, column: 1 });
      else withFatal(file, `could not be read: ${describeError(error)}`, 'internal', { line: 1, column: 1 });
    }
    normalizing.advance(index + 1, file.data.contentPath);
    // Between articles, work started earlier (the cover, drawn on the thread pool) moves on.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await cache?.finish();
  const stats = cache ? { ...cache.stats } : { normalized: articles.length, reused: 0 };
  normalizing.end(stats.reused ? `${stats.normalized} normalized, ${stats.reused} from the cache` : `${stats.normalized} normalized`);
  return { articles, stats };
}

/** One file's articles: parsed and normalized (within the budget), or as the cache kept them. Ids are reserved (in `taken`) by the caller once the file is read. */
async function readFile(file: VFile, reader: ArticleReader, cache: ArticleCache | undefined, taken: Set<string>): Promise<Article[]> {
  const { overrides, downloads, reading, work } = reader;
  const contentPath = file.data.contentPath ?? file.path;
  const produce = async () => {
    downloads?.startArticle();
    const produced = await work.produce(file, taken, cache !== undefined);
    // An image that could not be downloaded this time (no network) may come next time: not cached.
    return { ...produced, cacheable: !downloads?.failedTransiently() };
  };
  const inputs = { id: articleIdFor(contentPath, new Set(taken)), language: reading.language, fetchImages: reading.fetchImages, overrides: overrides.entriesFor(contentPath) };
  const produced = cache ? await cache.articles(file, inputs, produce) : (await produce()).articles;
  overrides.produced(contentPath, produced.length);
  return produced;
}

/**
 * Articles left empty by cleaning, and links between articles (parts' prefaces among them) that
 * could not be kept, reported on their files.
 */
function reportArticleProblems(articles: ReadArticle[], pages: ReadArticle[]): void {
  for (const { file, article } of articles) {
    if (article.length === 0) file.message('the article has no text after cleaning; it is kept with its title only', { place: titlePlace(file, article.title), ruleId: 'empty-article', source: 'wenji' });
  }
  const all = [...articles, ...pages];
  for (const problem of linkArticles(all.map(({ article }) => article))) {
    const file = all.find(({ article }) => article === problem.article)?.file;
    if (!file) continue;
    const options = { place: problem.place, ruleId: 'link', source: 'wenji' };
    if (problem.info) file.info(problem.message, options);
    else file.message(problem.message, options);
  }
}

/**
 * The parts (辑) with their articles and title pages. A part whose articles could not be read, or
 * that has none, is left out (said on its file, or in book.yaml for a part of `order`); two parts
 * of one title are reported too. Each page is normalized like an article (normalizePartPage).
 */
async function readParts(loaded: LoadedPart[], articles: ReadArticle[], settings: { reading: ReadingInit; downloads: ImageDownloads | undefined; converter: ChineseConverter | undefined }, bookFile: string) {
  // Part pages are a title and a few lines: read in this thread, with the articles' settings
  // (and the book's script converter, made once).
  const reader = loaded.length ? await createArticleReader(settings.reading, settings.downloads?.fetchRemote, settings.converter) : undefined;
  const idsOf = new Map<string, string[]>();
  for (const { file, article } of articles) idsOf.set(file.data.contentPath!, [...(idsOf.get(file.data.contentPath!) ?? []), article.id]);
  const parts: Part[] = [];
  const pages: ReadArticle[] = [];
  const notices: string[] = [];
  const seen = new Map<string, Article>();
  /** A problem about the part: on its own file (index.md, _part.yaml), else in book.yaml. */
  const report = (part: LoadedPart, message: string, quoted: string) => {
    const own = part.yaml ?? part.index;
    if (own) own.message(message, { place: { line: 1, column: 1 }, ruleId: 'part', source: 'wenji' });
    else notices.push(`"${quoted}" ${message}`);
  };
  for (const part of loaded) {
    const stated = part.yaml?.value !== undefined && !part.yaml.messages.some((message) => message.fatal) ? readPartFile(part.yaml) : {};
    const title = part.title ?? stated.title;
    const articleIds = part.articles.flatMap((file) => idsOf.get(file) ?? []);
    const where = part.folder ? `${part.folder}/` : (title ?? part.id);
    if (!articleIds.length) {
      if (part.articles.length) report(part, `the part ${where} has no article that could be read, so it is left out`, where);
      // A part of `order` that names nothing is reported with `order`'s other problems.
      else if (part.folder) report(part, `the part ${where} holds no article, so it is left out; put articles in the folder, or remove it`, where);
      continue;
    }
    const prefaceText = part.preface ?? stated.preface;
    const preface = prefaceText?.trim() ? prefaceFile(prefaceText, part, bookFile) : undefined;
    const index = part.index && !part.index.messages.some((message) => message.fatal) ? part.index : undefined;
    if (index && preface) index.message(`the text of this file is not used: ${part.yaml ? 'the folder\'s _part.yaml' : 'book.yaml\'s order'} gives the part's preface`, { place: { line: 1, column: 1 }, ruleId: 'part', source: 'wenji' });
    const pageContext = { language: reader!.language, labels: reader!.labels, settings: reader!.settings, parseOptions: reader!.parseOptions };
    const pageSource = { id: part.id, title, folder: part.folder, file: (part.yaml ?? part.index)?.path ?? bookFile };
    let page: Article;
    try {
      page = await normalizePartPage({ ...pageSource, index, preface }, pageContext);
    } catch (error) {
      // A preface or index.md that cannot be read is reported on its file; the part keeps its title.
      if (!(error instanceof ParseError)) throw error;
      const own = preface ?? index;
      if (own) withFatal(own, error.message, error.ruleId, { line: error.line ?? 1, column: 1 });
      page = await normalizePartPage({ ...pageSource, index: undefined, preface: undefined }, pageContext);
    }
    const key = page.title.replace(/\s+/g, '').toLowerCase();
    const same = seen.get(key);
    if (same) report(part, `two parts have the title "${page.title}" (also ${same.contentPath || same.file}); give one another title`, page.title);
    else seen.set(key, page);
    parts.push({ id: part.id, page, articleIds });
    pages.push({ file: preface ?? index ?? part.yaml ?? new VFile({ path: bookFile }), article: page });
  }
  return { parts, pages, notices };
}

/** A preface given as text (`preface:` of order or _part.yaml) as the Markdown file it is read as, beside the part's folder. */
function prefaceFile(text: string, part: LoadedPart, bookFile: string): VFile {
  const file = new VFile({ path: part.yaml?.path ?? bookFile, value: text });
  file.data.format = 'markdown';
  file.data.partOf = part.id;
  const root = part.yaml?.data.contentRoot;
  if (part.yaml && root) {
    file.data.contentRoot = root;
    file.data.contentPath = part.yaml.data.contentPath!;
    file.data.absolutePath = part.yaml.data.absolutePath!;
  }
  return file;
}

/** The Book (pure: book/build-book.ts); its problems (duplicate titles) are errors on their files. */
function assembleBook(bookConfig: Config, articles: ReadArticle[], parts: Part[], configDir: string): Book {
  const sourceDateEpoch = process.env.SOURCE_DATE_EPOCH ? Number(process.env.SOURCE_DATE_EPOCH) : undefined;
  const { book, problems } = buildBook(
    bookConfig,
    articles.map(({ article }) => article),
    { configDir, sourceDateEpoch: Number.isFinite(sourceDateEpoch) ? sourceDateEpoch : undefined },
    parts,
  );
  for (const problem of problems) {
    const file = articles.find(({ article }) => article === problem.article)?.file;
    if (file) withFatal(file, problem.message, problem.ruleId, titlePlace(file, problem.article.title));
  }
  return book;
}

/**
 * `--fetch-images` for one build: the downloader, whether the current article met a failure that
 * may pass (so it is not cached), a progress row once something is downloaded, and the one line
 * about images whose hosts could not be reached.
 */
function imageDownloads(cacheDir: string, progress: ProgressListener | undefined, transport: typeof fetch | undefined) {
  let stage: ReturnType<typeof stageReporter> | undefined;
  let transient = false;
  const fetcher = createImageFetcher({
    cacheDir,
    ...(transport ? { fetch: transport } : {}),
    onProgress: ({ done, total, failed }) => {
      stage ??= stageReporter(progress, 'images', total);
      stage.advance(done, failed ? `${failed} failed` : undefined, total);
    },
  });
  return {
    fetchRemote: async (url: string) => {
      const result = await fetcher(url);
      if ('problem' in result && result.transient) transient = true;
      return result;
    },
    startArticle: () => {
      transient = false;
    },
    failedTransiently: () => transient,
    finish: (): string | undefined => {
      const { downloaded, cached, failed } = fetcher.stats;
      stage?.end([`${downloaded} downloaded`, cached ? `${cached} from the cache` : '', failed ? `${failed} failed` : ''].filter(Boolean).join(', '));
      return fetcher.summary();
    },
  };
}

type ImageDownloads = ReturnType<typeof imageDownloads>;

/**
 * Where an article's title is written, for messages about the article as a whole: its
 * front-matter `title:` line, else the title's text, else the file's start.
 */
function titlePlace(file: VFile, title: string): { line: number; column: number } {
  const source = String(file.value ?? '');
  const locate = sourceLocator(source);
  const frontMatter = /^---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)/.exec(source)?.[0] ?? '';
  const key = /^title[ \t]*:/m.exec(frontMatter);
  return (key ? locate.at(key.index) : locate.find(title)) ?? { line: 1, column: 1 };
}
