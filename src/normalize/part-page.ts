import type { VFile } from 'vfile';
import type { Article } from '../book/model.js';
import { parseArticle } from '../content/parse.js';
import { firstH1 } from '../content/title-candidates.js';
import type { ParseOptions } from '../content/types.js';
import { defaultSettings, normalizeArticle, normalizeText, type NormalizeContext } from './index.js';

/** Where a part's title page comes from: what `order`, `_part.yaml` and the folder say. */
export interface PartPageSource {
  /** The part's id: its page's id, the prefix of every id in its preface. */
  id: string;
  /** The title `order` or `_part.yaml` states. */
  title?: string | undefined;
  /** The part's folder (relative to content/), whose name is the title when nothing states one. */
  folder?: string | undefined;
  /** The folder's `index.md`: a title (front matter or `#` heading) and its text as the preface. */
  index?: VFile | undefined;
  /** A preface given as text (`order`'s or `_part.yaml`'s `preface:`), as a Markdown file; it wins over index.md's text. */
  preface?: VFile | undefined;
  /** Shown in messages when the part has no file of its own (book.yaml). */
  file: string;
}

/** `01-第一辑` → `第一辑`: the folder's name without its numeric prefix. */
export const folderTitle = (folder: string) => folder.replace(/^\d+[-_. ]*/, '').trim() || folder;

/**
 * A part's title page as an article (Part.page): the title and the preface normalized like any
 * article (typography, script conversion, images, notes, ids prefixed with the part's id), so
 * that they read like the book around them. Title: stated (order, _part.yaml), else index.md's,
 * else the folder's name. Without a preface the body is empty.
 */
export async function normalizePartPage(source: PartPageSource, context: Omit<NormalizeContext, 'id' | 'override'> & { parseOptions: ParseOptions }): Promise<Article> {
  const fallback = source.folder ? folderTitle(source.folder) : source.id;
  // index.md's own title (front matter, `#` heading), never its file name `index`.
  const indexTitle = (parsed: Awaited<ReturnType<typeof parseArticle>>) => parsed.meta.title ?? firstH1(parsed.tree);
  const index = source.index ? await parseArticle(source.index, context.parseOptions) : undefined;
  const stated = source.title ?? (index && indexTitle(index));
  const file = source.preface ?? source.index;
  if (file) {
    const parsed = file === source.index ? index! : await parseArticle(file, context.parseOptions);
    // A title index.md states is the article's own: it is settled (and dropped from the text) as for any article.
    const title = file === source.index && !source.title && stated ? undefined : (stated ?? fallback);
    const page = await normalizeArticle(parsed, file, { ...context, id: source.id, ...(title ? { override: { title } } : {}) });
    return { ...page, authors: [], translators: [], tags: [] };
  }
  const settings = context.settings ?? defaultSettings();
  return {
    id: source.id,
    file: source.file,
    contentPath: source.folder ?? '',
    title: normalizeText(stated ?? fallback, settings, context.language),
    authors: [],
    translators: [],
    tags: [],
    body: { type: 'root', children: [] },
    sections: [],
    images: [],
    length: 0,
  };
}
