import type { Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { capDepthReported } from '../../hast/cap-depth.js';
import { sourceLocator } from '../../hast/source-point.js';
import { bylineAuthors, extractArticle, isWholePage } from '../extract-article.js';
import type { ArticleMeta } from '../front-matter.js';
import { readHtmlMeta } from '../html-meta.js';
import { pageTitle } from '../page-title.js';
import { firstH1, isText } from '../title-candidates.js';
import type { ParsedArticle, ReaderInput } from '../types.js';

/** Notes about the page as a whole are shown at its start. */
const pageStart = { line: 1, column: 1 };

/**
 * A saved page or a fragment. The page's `<meta>` fill the metadata and readability narrows the
 * body to the article (unless turned off); a fragment is taken as it is.
 */
export async function readHtml(file: VFile, { frontMatter, fileTitle, options }: ReaderInput): Promise<ParsedArticle[]> {
  return [await readPage(file, String(file.value), frontMatter, fileTitle, options)];
}

async function readPage(file: VFile, text: string, frontMatter: ReaderInput['frontMatter'], fileTitle: string, options: ReaderInput['options']): Promise<ParsedArticle> {
  // Front matter is blanked line for line, so positions still point into the file.
  const html = frontMatter ? `${'\n'.repeat(frontMatter.lineCount)}${text.slice(frontMatter.length)}` : text;
  const document = unified().use(rehypeParse, { fragment: false }).parse(html) as Root;
  // An absurdly deep page (damage, or an attack) is flattened before anything walks it; the
  // article finder, whose cost grows with depth × size, does not look at it.
  const flattened = capDepthReported(document, file);
  const { meta: pageMeta, documentTitle, siteName, titles, extract: pageExtract } = readHtmlMeta(document);
  const stated = frontMatter?.meta ?? {};
  const headings = selectAll('h1, h2', document).map((heading) => toString(heading).replace(/\s+/g, ' ').trim()).filter(Boolean);
  // The page's title without its site's name, decided against the headings the page shows.
  const title = pageTitle({ ...titles, headings });
  if (title) pageMeta.title = title;
  const fallbackTitles = [firstH1(document), documentTitle, fileTitle];
  const body = select('body', document);
  const wholeBody = (): Root => ({ type: 'root', children: (body?.children ?? document.children) as Root['children'] });
  const meta: Partial<ArticleMeta> = { ...pageMeta, ...withoutEmpty(stated) };
  if (!isWholePage(html) || flattened) return { tree: wholeBody(), meta, stated, fallbackTitles: fallbackTitles.filter(isText) };

  const extract = stated.extract ?? pageExtract ?? options.extract ?? true;
  if (!extract) {
    file.info('extraction is off for this page: the whole body is kept', { place: pageStart, ruleId: 'extract', source: 'wenji' });
    return { tree: wholeBody(), meta, stated, fallbackTitles: fallbackTitles.filter(isText) };
  }
  const extraction = await extractArticle(html, document, [meta.title, documentTitle].filter(isText));
  const { facts } = extraction;
  // <meta> tags are what the page states about itself; readability's findings (JSON-LD, byline
  // elements) fill what they leave open.
  if (facts.removedByline) file.info(`removed the page's byline line: "${facts.removedByline}" (the byline is printed above the article)`, { place: sourceLocator(html).find(facts.removedByline.split(/\s+/u)[0]!) ?? pageStart, ruleId: 'extract', source: 'wenji' });
  if (!meta.authors?.length && facts.byline) {
    const authors = bylineAuthors(facts.byline);
    if (authors.length) meta.authors = authors;
  }
  if (!meta.source && (facts.siteName ?? siteName)) meta.source = (facts.siteName ?? siteName)!;
  if (!meta.date && facts.publishedTime && /^\d{4}-\d{2}/.test(facts.publishedTime)) meta.date = facts.publishedTime.slice(0, 10);
  file.info(
    extraction.method === 'readability'
      ? `saved page: kept the main article (${extraction.kept} of ${extraction.total} characters of the page)`
      : `saved page: readability found no article; kept the page's main block (${extraction.kept} of ${extraction.total} characters)`,
    { place: pageStart, ruleId: 'extract', source: 'wenji' },
  );
  // Readability may know the site's name from JSON-LD when no <meta> says it.
  const siteNames = [...titles.siteNames, ...(facts.siteName ? [facts.siteName] : [])];
  if (!stated.title && facts.siteName && !titles.siteNames.includes(facts.siteName)) {
    const better = pageTitle({ ...titles, siteNames, headings });
    if (better) meta.title = better;
  }
  const readabilityTitle = facts.title ? pageTitle({ title: facts.title, siteNames, headings }) : undefined;
  return { tree: extraction.tree, meta, stated, fallbackTitles: [readabilityTitle, firstH1(document), fileTitle].filter(isText) };
}

function withoutEmpty(meta: Partial<ArticleMeta>): Partial<ArticleMeta> {
  return Object.fromEntries(Object.entries(meta).filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0))) as Partial<ArticleMeta>;
}
