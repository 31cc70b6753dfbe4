import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { unified, type PluggableList } from 'unified';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import type { Labels } from '../book/labels.js';
import type { Article, Section } from '../book/model.js';
import type { ParsedArticle } from '../content/parse.js';
import { cjkShare, isCjkLetter } from './cjk-characters.js';
import rehypeCleanWhitespace from './plugins/rehype-clean-whitespace.js';
import rehypeDemoteHeadings from './plugins/rehype-demote-headings.js';
import rehypeEpubFootnotes from './plugins/rehype-epub-footnotes.js';
import rehypeHeadingIds from './plugins/rehype-heading-ids.js';
import rehypeJoinCjkLines from './plugins/rehype-join-cjk-lines.js';
import rehypeResolveImages from './plugins/rehype-resolve-images.js';
import rehypeSanitizeArticle from './plugins/rehype-sanitize-article.js';
import rehypeScopeIds from './plugins/rehype-scope-ids.js';
import rehypeTableAlign from './plugins/rehype-table-align.js';
import rehypeWarnOversized from './plugins/rehype-warn-oversized.js';

export interface NormalizeContext {
  /** Unique article id (see `articleIdFor`). */
  id: string;
  /** The book's language. */
  language: string;
  labels: Labels;
}

/** The normalization plugins, in the order they run. */
export function normalizePlugins(context: NormalizeContext, title: string): PluggableList {
  const { labels } = context;
  return [
    [rehypeSanitizeArticle],
    [rehypeScopeIds, { prefix: context.id }],
    [rehypeEpubFootnotes, { notesLabel: labels.notes, noteRefLabel: labels.noteRef, backLabel: labels.backToText }],
    [rehypeTableAlign],
    [rehypeResolveImages, { unavailable: labels.imageUnavailable }],
    [rehypeCleanWhitespace],
    [rehypeJoinCjkLines],
    [rehypeDemoteHeadings, { title }],
    [rehypeHeadingIds, { prefix: context.id }],
    [rehypeWarnOversized],
  ];
}

/** Parsed source → normalized Article. Messages (warnings) are recorded on `file`. */
export async function normalizeArticle(parsed: ParsedArticle, file: VFile, context: NormalizeContext): Promise<Article> {
  const title = (parsed.meta.title ?? parsed.fallbackTitles[0] ?? context.id).replace(/\s+/g, ' ').trim();
  const body = (await unified().use(normalizePlugins(context, title)).run(parsed.tree, file)) as Root;
  const text = toString(body);
  const article: Article = {
    id: context.id,
    file: file.path,
    contentPath: file.data.contentPath ?? file.path,
    title,
    authors: parsed.meta.authors ?? [],
    translators: parsed.meta.translators ?? [],
    tags: parsed.meta.tags ?? [],
    body,
    sections: collectSections(body),
    images: file.data.images ?? [],
    length: [...text.replace(/\s+/g, '')].length,
  };
  for (const key of ['source', 'url', 'date'] as const) {
    const value = parsed.meta[key];
    if (value) article[key] = value;
  }
  const language = detectLanguage(title + text, context.language);
  if (language) article.language = language;
  return article;
}

export function collectSections(body: Root): Section[] {
  const sections: Section[] = [];
  visit(body, 'element', (node) => {
    const match = /^h([2-6])$/.exec(node.tagName);
    if (match && typeof node.properties.id === 'string') {
      sections.push({ id: node.properties.id, depth: Number(match[1]), title: toString(node).replace(/\s+/g, ' ').trim() });
    }
  });
  return sections;
}

/**
 * An article in a CJK book with (almost) no CJK text is marked as English, so that it gets
 * Latin hyphenation and, in vertical books, horizontal setting.
 */
function detectLanguage(text: string, bookLanguage: string): string | undefined {
  const cjkBook = /^(zh|ja)/i.test(bookLanguage);
  const share = cjkShare(text.slice(0, 20000));
  if (cjkBook && share < 0.05 && /[A-Za-z]{3}/.test(text)) return 'en';
  if (!cjkBook && share > 0.5) return [...text].some((c) => /\p{Script=Hiragana}|\p{Script=Katakana}/u.test(c)) ? 'ja' : 'zh';
  return undefined;
}

/** `01-interview.md` → `interview`; ids start with a letter and are unique among `taken`. */
export function articleIdFor(contentPath: string, taken: Set<string>): string {
  const base = contentPath.replace(/\.[^./]+$/, '').split('/').at(-1) ?? '';
  const slug = base
    .replace(/^\d+[-_. ]*/, '')
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 40);
  let id = /^[a-z]/.test(slug) ? slug : slug ? `a-${slug}` : 'article';
  if ([...base].some(isCjkLetter) && !/[a-z]/.test(slug)) id = 'article';
  let candidate = id;
  for (let n = 2; taken.has(candidate); n++) candidate = `${id}-${n}`;
  taken.add(candidate);
  return candidate;
}
