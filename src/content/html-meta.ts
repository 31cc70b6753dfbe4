import type { Element, Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import type { ArticleMeta } from './front-matter.js';
import { pageTitle, withoutSite } from './page-title.js';

export interface HtmlMeta {
  /** Fields the page states about itself (og:title without the site's name, author, dates, canonical URL…). */
  meta: Partial<ArticleMeta>;
  /** The document `<title>` without the site's name (see page-title.ts; the page's headings are not looked at here). */
  documentTitle?: string;
  siteName?: string;
  /** `<title>` and `og:title` as written, and every name the page gives its site, for `pageTitle`. */
  titles: { title?: string; ogTitle?: string; siteNames: string[] };
  /** `<meta name="wenji:extract" content="false">`: keep the whole page. */
  extract?: boolean;
}

/** Reads `<title>`, `<meta>` and `<link rel=canonical>` from a parsed HTML document. */
export function readHtmlMeta(tree: Root): HtmlMeta {
  const head = select('head', tree);
  if (!head) return { meta: {}, titles: { siteNames: [] } };
  const content = (...names: string[]): string | undefined => {
    for (const name of names) {
      const element = selectAll('meta', head).find((meta) => {
        const key = String(meta.properties.name ?? meta.properties.property ?? meta.properties.itemProp ?? '').toLowerCase();
        return key === name;
      });
      const value = element ? String(element.properties.content ?? '').trim() : '';
      if (value) return value;
    }
    return undefined;
  };
  const meta: Partial<ArticleMeta> = {};
  const ogTitle = content('og:title', 'twitter:title', 'dc.title', 'title');
  const author = content('author', 'article:author', 'dc.creator', 'byl', 'byline');
  if (author && !/^https?:/.test(author)) meta.authors = author.split(/\s*[,，、;；]\s*/u).filter(Boolean);
  const date = content('article:published_time', 'datepublished', 'date', 'dc.date', 'pubdate', 'publishdate');
  if (date) meta.date = date.slice(0, 10);
  const canonical = select('link[rel~="canonical"]', head) as Element | undefined;
  const url = (canonical && String(canonical.properties.href ?? '')) || content('og:url');
  if (url && /^https?:\/\//.test(url)) meta.url = url;
  const siteName = content('og:site_name', 'application-name');
  if (siteName) meta.source = siteName;
  const siteNames = [...new Set([siteName, content('application-name'), content('twitter:site')?.replace(/^@/, ''), content('publisher')].filter((name): name is string => Boolean(name)))];
  if (ogTitle) meta.title = withoutSite(ogTitle, siteNames);
  const keywords = content('keywords', 'article:tag');
  if (keywords) meta.tags = keywords.split(/\s*[,，、;；]\s*/u).filter(Boolean);

  const titleElement = select('title', head);
  const rawTitle = titleElement ? toString(titleElement).replace(/\s+/g, ' ').trim() : undefined;
  const documentTitle = pageTitle({ title: rawTitle, siteNames, headings: [] });
  const result: HtmlMeta = { meta, titles: { siteNames } };
  if (rawTitle) result.titles.title = rawTitle;
  if (ogTitle) result.titles.ogTitle = ogTitle;
  if (documentTitle) result.documentTitle = documentTitle;
  if (siteName) result.siteName = siteName;
  const extract = content('wenji:extract')?.toLowerCase();
  if (extract === 'false' || extract === 'no' || extract === '0') result.extract = false;
  else if (extract === 'true' || extract === 'yes' || extract === '1') result.extract = true;
  return result;
}
