/**
 * A saved page's title without the site's name. Pages title themselves "article – channel –
 * site" (`……后果很严重 _探索者 _光明网`, `题名 | 河岸周刊`, `題名＜サイト名＞`,
 * `……@ 某人的家_藍天：：痞客邦PIXNET ::`) and head the article with the article part alone.
 */

export interface PageTitleInput {
  /** The document's `<title>`. */
  title?: string | undefined;
  /** `og:title` (or `twitter:title`), which may carry the site's name too. */
  ogTitle?: string | undefined;
  /** What the page says its site is called: `og:site_name`, `application-name`, JSON-LD publisher. */
  siteNames: string[];
  /** The page's `<h1>` and `<h2>` texts, in document order (a logo `<h1>` names the site). */
  headings: string[];
}

/**
 * `_ - | – — ｜ :: ＜ @ ·` between the article's part and the site's. A hyphen between Latin
 * letters or digits is a word's (`COVID-19`), not a separator.
 */
const separators = /\s*(?:::|：：|[_|｜@＜<«»–—·•])\s*|\s+-\s*|\s*-\s+|(?<=[^\x00-\x7F])-|-(?=[^\x00-\x7F])/gu;

/**
 * The article's part of the page title: a heading (or `og:title`) that is a part of `<title>`
 * (at its start or end, next to a separator); else the `<title>` cut at the first separator
 * after which the rest names the site (`og:site_name`, or a heading that is not the title: a
 * logo) through short parts (channels) only; else without a site name it starts with; else the
 * title as it is (less a `＜サイト名＞` ending).
 */
export function pageTitle(input: PageTitleInput): string | undefined {
  const title = clean(input.title ?? '') || clean(input.ogTitle ?? '');
  if (!title) return undefined;
  const og = input.ogTitle ? withoutSite(clean(input.ogTitle), input.siteNames) : undefined;
  const sites = new Set(input.siteNames.map(squash));
  // A heading naming the site is the logo, never the title.
  const heads = [...new Set([...input.headings.map(clean), ...(og ? [og] : [])])].filter((head) => [...head].length >= 2 && !sites.has(squash(head))).sort((a, b) => b.length - a.length);
  const head = heads.find((candidate) => isPart(title, candidate));
  if (head) return head;
  const siteLike = [...input.siteNames, ...input.headings.map(clean)].filter(Boolean);
  const cut = withoutSite(title, siteLike);
  if (cut !== title) return cut;
  // `河岸周刊 | 补船的人`: the site first.
  for (const site of input.siteNames.map(clean).filter(Boolean)) {
    if (title.startsWith(site) && isPart(title, site)) return title.slice(site.length).replace(separators, (match, at: number) => (at === 0 ? '' : match)).trim() || title;
  }
  // `題名＜サイト名＞` says its site by the brackets alone.
  return title.replace(/\s*[＜〈<][^＜＞〈〉<>]{1,30}[＞〉>]\s*$/u, '') || title;
}

/** `title` with the site's part cut off, when it names one of `sites`; else `title`. */
export function withoutSite(title: string, sites: string[]): string {
  const wanted = sites.map(squash).filter((site) => site.length >= 2);
  if (wanted.length === 0) return title;
  for (const match of title.matchAll(separators)) {
    const at = match.index;
    const headPart = title.slice(0, at).trim();
    if (!/[\p{L}\p{N}]/u.test(headPart)) continue;
    const parts = title.slice(at).split(separators).map((part) => part.trim()).filter(Boolean);
    const site = parts.findIndex((part) => wanted.some((name) => squash(part).includes(name) || (name.includes(squash(part)) && squash(part).length >= 2)));
    // Channels between the article and the site are short (`_科技`, `_教育频道`, `@ 某人的家`).
    if (site !== -1 && parts.slice(0, site).every((part) => [...part].length <= 12)) return headPart;
  }
  return title;
}

/** `title` is `part`, or starts with `part` and a separator, or ends with a separator and `part`. */
function isPart(title: string, part: string): boolean {
  if (title === part) return true;
  const bounded = (rest: string, atStart: boolean) => [...rest.matchAll(separators)].some((match) => (atStart ? match.index === 0 : match.index + match[0].length === rest.length));
  if (title.startsWith(part) && bounded(title.slice(part.length), true)) return true;
  return title.endsWith(part) && bounded(title.slice(0, title.length - part.length), false);
}

function clean(text: string): string {
  return text.replace(/[\s\u00A0\u3000\u200B]+/g, ' ').trim();
}

/** For comparing names: no spaces, no case. */
function squash(text: string): string {
  return text.replace(/[\s\u00A0\u3000]+/g, '').toLowerCase();
}
