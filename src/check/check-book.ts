import path from 'node:path';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { LoadedConfig } from '../config/load.js';
import { articleExtensions, displayPath } from '../content/load.js';
import { parseArticle } from '../content/parse.js';
import { prepareBook, type PrepareOptions } from '../prepare-book.js';
import rehypeLintLinks from './plugins/rehype-lint-links.js';
import rehypeLintPunctuation from './plugins/rehype-lint-punctuation.js';
import { pointAt } from './source-position.js';

export type CheckOptions = Omit<PrepareOptions, 'cache'>;

export interface CheckResult {
  /** book.yaml (book-level notes), every article source, every ignored file: those with messages are the report. */
  files: VFile[];
  articles: number;
  config: LoadedConfig;
  contentDir: string;
}

/** Image extensions: a file of these in content/ is an asset, reported only when no article uses it. */
const imageExtensions = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.svg', '.avif', '.bmp', '.tif', '.tiff']);

/**
 * Lints an anthology without building it. The build's own pipeline runs first (it already
 * reports unreadable files, bad front matter, images, empty articles, duplicate titles); then
 * each readable source is parsed again, untouched by normalization, for the checks a build does
 * not make: missing titles, broken links, U+FFFD, half-width punctuation in CJK text, and the
 * files of content/ that no article uses.
 */
export async function checkBook(options: CheckOptions): Promise<CheckResult> {
  const cwd = options.cwd ?? process.cwd();
  const prepared = await prepareBook({ ...options, cache: undefined });
  const { config, contentDir } = prepared;
  const language = config.config.language;
  const lint = unified().use(rehypeLintLinks).use(rehypeLintPunctuation);

  for (const file of prepared.files) {
    if (file.value === undefined || file.messages.some((message) => message.fatal && message.ruleId !== 'duplicate-title')) continue;
    // A copy, so the reader's own warnings (front matter) are not reported twice.
    const copy = new VFile({ path: file.path, value: file.value, data: { ...file.data } });
    const parsed = await parseArticle(copy, { language });
    // A text file's title is its first line (the build reports one it had to derive: derived-title).
    if (!parsed.meta.title && parsed.titleFrom !== 'text' && parsed.fallbackTitles.length <= 1) {
      file.message(`the article has no title (no front-matter title, no # heading, no <title>), so its file name is used: “${parsed.fallbackTitles[0] ?? ''}”`, {
        place: { line: 1, column: 1 },
        ruleId: 'missing-title',
        source: 'wenji',
      });
    }
    await lint.run(parsed.tree, file);
  }

  const bookFile = new VFile({ path: config.file ? displayPath(config.file, cwd) : 'book.yaml', cwd });
  for (const notice of prepared.notices) bookFile.message(notice, { ruleId: 'order', source: 'wenji' });

  const used = new Set(prepared.book.images.map((image) => image.source));
  const ignored = prepared.ignored
    .filter((relative) => !used.has(relative))
    .map((relative) => {
      const file = new VFile({ path: displayPath(path.join(contentDir, relative), cwd), cwd });
      const extension = path.extname(relative).toLowerCase();
      if (imageExtensions.has(extension)) file.message('image not used by any article; it is left out of the book', { ruleId: 'unused-file', source: 'wenji' });
      else file.message(`not an article: ${extension || 'a file without an extension'} is not read (wenji reads ${articleExtensions.join(' ')}); convert it or move it out of the content folder`, { ruleId: 'ignored-file', source: 'wenji' });
      return file;
    });

  return { files: [bookFile, ...prepared.files, ...ignored], articles: prepared.book.articles.length, config, contentDir };
}
