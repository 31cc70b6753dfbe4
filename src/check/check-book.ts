import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'hast';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { LoadedConfig } from '../config/load.js';
import { displayPath } from '../content/load.js';
import { articleExtensions } from '../content/readers.js';
import { parseArticle } from '../content/parse.js';
import { articleLanguage, defaultSettings, textPlugins } from '../normalize/index.js';
import { sourceLocator } from '../hast/source-point.js';
import { prepareBook, type PrepareOptions } from '../prepare-book.js';
import rehypeLintLinks from './plugins/rehype-lint-links.js';
import rehypeLintPunctuation from './plugins/rehype-lint-punctuation.js';

export type CheckOptions = Omit<PrepareOptions, 'cache'>;

export interface CheckResult {
  /** book.yaml (book-level notes), every article source, every ignored file: those with messages are the report. */
  files: VFile[];
  articles: number;
  config: LoadedConfig;
  contentDir: string;
}

/** Messages about a whole file are shown at its start. */
const start = { line: 1, column: 1 };

/** Image extensions: a file of these in content/ is an asset, reported only when no article uses it. */
const imageExtensions = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.svg', '.avif', '.bmp', '.tif', '.tiff']);

/**
 * Lints an anthology without building it. The build's own pipeline runs first (it already
 * reports unreadable files, bad front matter, images, empty articles, duplicate titles, U+FFFD,
 * and counts what it fixes by itself); then each readable source is parsed again for the checks
 * a build does not make: missing titles, broken links (on the tree as parsed), half-width
 * punctuation the build leaves (on the text after the build's typography), and the files of
 * content/ that no article uses. Every message gets a place: whole-file ones the file's start.
 */
export async function checkBook(options: CheckOptions): Promise<CheckResult> {
  const cwd = options.cwd ?? process.cwd();
  const prepared = await prepareBook({ ...options, cache: undefined });
  const { config, contentDir } = prepared;
  const language = prepared.book.meta.language;
  const settings = { ...defaultSettings(), typography: config.config.typography };

  for (const file of prepared.files) {
    if (file.value === undefined || file.messages.some((message) => message.fatal && message.ruleId !== 'duplicate-title')) continue;
    // A part's `_part.yaml` is no article (its index.md is linted as one, but for its title).
    if (file.data.partOf && !file.data.format) continue;
    // A copy, so the reader's own warnings (front matter) are not reported twice.
    const copy = new VFile({ path: file.path, value: file.value, data: { ...file.data } });
    const parsed = await parseArticle(copy, { language });
    // A text file's title is its first line (the build reports one it had to derive: derived-title).
    if (!file.data.partOf && !parsed.meta.title && parsed.titleFrom !== 'text' && parsed.fallbackTitles.length <= 1) {
      file.message(`the article has no title (no front-matter title, no # heading, no <title>), so its file name is used: “${parsed.fallbackTitles[0] ?? ''}”`, {
        place: { line: 1, column: 1 },
        ruleId: 'missing-title',
        source: 'wenji',
      });
    }
    await unified().use(rehypeLintLinks).run(parsed.tree, file);
    // The text as the build's typography leaves it (the parse positions stay on its nodes).
    const own = articleLanguage(parsed, language) ?? language;
    const typeset = (await unified().use(textPlugins(settings, own)).run(parsed.tree, copy)) as Root;
    await unified().use(rehypeLintPunctuation, { language: own }).run(typeset, file);
  }

  const bookFile = new VFile({ path: config.file ? displayPath(config.file, cwd) : 'book.yaml', cwd });
  const yaml = config.file ? sourceLocator(readText(config.file)) : undefined;
  for (const notice of prepared.notices) {
    // The entry the notice quotes, else the `order:` key, in book.yaml.
    const entry = /^"(.+?)" /.exec(notice)?.[1];
    const place = (entry ? yaml?.find(entry) : undefined) ?? yaml?.find('order:') ?? start;
    bookFile.message(notice, { place, ruleId: 'order', source: 'wenji' });
  }

  const used = new Set(prepared.book.images.map((image) => image.source));
  const ignored = prepared.ignored
    .filter((relative) => !used.has(relative))
    .map((relative) => {
      const file = new VFile({ path: displayPath(path.join(contentDir, relative), cwd), cwd });
      const extension = path.extname(relative).toLowerCase();
      if (imageExtensions.has(extension)) file.message('image not used by any article; it is left out of the book', { place: start, ruleId: 'unused-file', source: 'wenji' });
      else file.message(`not an article: ${extension || 'a file without an extension'} is not read (wenji reads ${articleExtensions.join(' ')}); convert it or move it out of the content folder`, { place: start, ruleId: 'ignored-file', source: 'wenji' });
      return file;
    });

  return { files: [bookFile, ...prepared.files, ...ignored], articles: prepared.book.articles.length, config, contentDir };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
