import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Labels } from '../../locale/labels.js';
import type { Article, ArticleTocEntry, Book, Part, TocEntry } from '../../book/model.js';
import { tocHref } from './file-names.js';

/** `lang` and `xml:lang` of an entry whose article has its own language (read aloud in it). */
const entryLanguage = (entry: TocEntry) => (entry.language ? { lang: entry.language, 'xml:lang': entry.language } : {});

const join = (names: string[], labels: Labels) => names.join(labels.listSeparator);

/** The title page: title, subtitle, authors or editors, publisher and date. */
export function titlePageBody(book: Book, labels: Labels): ElementContent[] {
  const { meta } = book;
  return [
    h('section', { className: ['titlepage'], 'epub:type': 'titlepage' }, [
      h('h1', { className: ['book-title'] }, meta.title),
      meta.subtitle ? h('p', { className: ['book-subtitle'] }, meta.subtitle) : undefined,
      meta.authors.length ? h('p', { className: ['book-author'] }, join(meta.authors, labels)) : undefined,
      meta.editors.length ? h('p', { className: ['book-editor'] }, labels.editor(join(meta.editors, labels))) : undefined,
      meta.publisher || meta.date ? h('p', { className: ['book-imprint'] }, [meta.publisher, meta.date].filter(Boolean).join(' · ')) : undefined,
    ].filter((node) => node !== undefined)),
  ];
}

/**
 * The printed contents page: every article with its author, each a link (`hrefOf` names where an
 * entry is); a part's articles listed below its title.
 */
export function contentsPageBody(book: Book, toc: TocEntry[], labels: Labels, hrefOf: (entry: TocEntry) => string = tocHref): ElementContent[] {
  // An article in another language is listed in it too (its face, its punctuation).
  const languages = new Map(book.articles.flatMap((article) => (article.language ? [[article.id, article.language] as const] : [])));
  const lang = (entry: ArticleTocEntry) => {
    const language = languages.get(entry.articleId);
    return language ? { lang: language, 'xml:lang': language } : {};
  };
  const item = (entry: ArticleTocEntry) =>
    h('li', lang(entry), [
      h('a', { href: hrefOf(entry) }, entry.title),
      entry.authors.length ? h('span', { className: ['contents-author'] }, join(entry.authors, labels)) : undefined,
    ].filter((node) => node !== undefined));
  return [
    h('section', { className: ['contents'] }, [
      h('h1', { className: ['contents-title'] }, labels.contents),
      h(
        'ol',
        { className: ['contents-list'] },
        toc.map((entry) =>
          entry.kind === 'article'
            ? item(entry)
            : h('li', { className: ['contents-part'], ...entryLanguage(entry) }, [h('a', { href: hrefOf(entry), className: ['contents-part-title'] }, entry.title), h('ol', entry.children.map(item))]),
        ),
      ),
    ]),
  ];
}

/** The navigation document's `nav epub:type="toc"`: articles and (optionally) their sections. */
export function navBody(toc: TocEntry[], labels: Labels, landmarks: { href: string; type: string; title: string }[], hrefOf: (entry: TocEntry) => string = tocHref): ElementContent[] {
  const list = (entries: readonly TocEntry[]): ElementContent =>
    h('ol', entries.map((entry) => h('li', [h('a', { href: hrefOf(entry), ...entryLanguage(entry) }, entry.title), ...(entry.children.length ? [list(entry.children)] : [])])));
  return [
    h('nav', { 'epub:type': 'toc', id: 'toc', role: 'doc-toc' }, [h('h1', labels.contents), list(toc)]),
    h('nav', { 'epub:type': 'landmarks', id: 'landmarks', hidden: true }, [
      h('h2', 'Landmarks'),
      h('ol', landmarks.map((landmark) => h('li', [h('a', { href: landmark.href, 'epub:type': landmark.type }, landmark.title)]))),
    ]),
  ];
}

/**
 * A part's title page: its title, and its preface below (the part's page body, in its own
 * language), as the part section of the book (`epub:type="part"`, role `doc-part`).
 */
export function partPageBody(part: Part): ElementContent[] {
  const { page } = part;
  return [
    h(
      'section',
      { id: part.id, className: ['part'], 'epub:type': 'part', role: 'doc-part', ariaLabelledBy: `${part.id}-title`, ...(page.language ? { lang: page.language, 'xml:lang': page.language } : {}) },
      [h('h1', { id: `${part.id}-title`, className: ['part-title'] }, page.title), ...(page.body.children.length ? [h('div', { className: ['part-preface'] }, page.body.children as ElementContent[])] : [])],
    ),
  ];
}

/** The title, byline and source above an article (its body follows, in `articleSection`). */
export function articleHeader(article: Article, labels: Labels): ElementContent {
  const byline: string[] = [];
  if (article.authors.length) byline.push(labels.author(join(article.authors, labels)));
  if (article.translators.length) byline.push(labels.translator(join(article.translators, labels)));
  const source = [article.source, article.date].filter(Boolean).join(' · ');
  return h('header', { className: ['article-header'] }, [
    h('h1', { id: `${article.id}-title`, className: ['article-title'] }, article.title),
    byline.length ? h('p', { className: ['byline'] }, byline.join('　')) : undefined,
    source ? h('p', { className: ['source'] }, source) : undefined,
  ].filter((node) => node !== undefined));
}

/**
 * The chapter section of part `part` of an article. The first part carries the article's id (what
 * links to the article lead to) and is named by its title; later parts are named by the title too.
 */
export function articleSection(article: Article, children: ElementContent[], part: number): ElementContent[] {
  return [
    h(
      'section',
      {
        ...(part === 1 ? { id: article.id } : {}),
        className: ['article'],
        'epub:type': 'chapter',
        role: 'doc-chapter',
        ...(part === 1 ? { ariaLabelledBy: `${article.id}-title` } : { ariaLabel: article.title }),
        ...(article.language ? { lang: article.language, 'xml:lang': article.language } : {}),
      },
      children,
    ),
  ];
}

/** The cover page: the cover image alone, named by the title for screen readers. */
export function coverPageBody(book: Book, image: { href: string; width?: number | undefined; height?: number | undefined }): ElementContent[] {
  return [
    h('section', { className: ['cover'], 'epub:type': 'cover' }, [
      h('img', {
        src: image.href,
        alt: book.meta.title,
        role: 'doc-cover',
        className: ['cover-image'],
        ...(image.width && image.height ? { width: image.width, height: image.height } : {}),
      }),
    ]),
  ];
}

export interface ColophonOptions {
  /** A line crediting the embedded font, when there is one. */
  fontCredit?: string | undefined;
  /** Article id → its content document, to link each entry to its article. */
  hrefOf: (article: Article) => string;
}

/**
 * The colophon: where every article came from (source, author, translator, date, address), then
 * the book's own imprint. Addresses are links only when they are web addresses.
 */
export function colophonBody(book: Book, labels: Labels, options: ColophonOptions): ElementContent[] {
  const { meta } = book;
  const entries = book.articles.map((article) => {
    const people = [
      article.authors.length ? labels.author(join(article.authors, labels)) : undefined,
      article.translators.length ? labels.translator(join(article.translators, labels)) : undefined,
    ].filter((value) => value !== undefined);
    const origin = [article.source ? `${labels.source}：${article.source}` : undefined, article.date].filter(Boolean).join(' · ');
    const url = article.url?.trim();
    const lang = article.language ? { lang: article.language, 'xml:lang': article.language } : {};
    return h('li', { className: ['colophon-entry'] }, [
      h('p', { className: ['colophon-article'], ...lang }, [h('a', { href: options.hrefOf(article) }, article.title)]),
      people.length ? h('p', { className: ['colophon-people'] }, people.join('　')) : undefined,
      origin ? h('p', { className: ['colophon-origin'] }, origin) : undefined,
      url ? h('p', { className: ['colophon-url'] }, /^https?:\/\//i.test(url) ? h('a', { href: url }, url) : url) : undefined,
    ].filter((node) => node !== undefined));
  });
  const imprint = [
    [meta.title, meta.subtitle].filter(Boolean).join(' — '),
    meta.editors.length ? labels.editor(join(meta.editors, labels)) : meta.authors.length ? join(meta.authors, labels) : undefined,
    [meta.publisher, meta.date].filter(Boolean).join(' · ') || undefined,
    options.fontCredit,
  ].filter((line): line is string => Boolean(line));
  return [
    h('section', { className: ['colophon'], 'epub:type': 'colophon', role: 'doc-colophon', ariaLabelledBy: 'colophon-title' }, [
      h('h1', { id: 'colophon-title', className: ['colophon-title'] }, labels.colophon),
      h('ol', { className: ['colophon-list'] }, entries),
      h('div', { className: ['colophon-imprint'] }, imprint.map((line) => h('p', line))),
    ]),
  ];
}
