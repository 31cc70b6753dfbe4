import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { decodeText } from '../content/decode.js';
import { readFrontMatter } from '../content/front-matter.js';
import { articleExtensions } from '../content/readers.js';
import { withoutTracking } from '../normalize/tracking-parameters.js';

export interface KnownArticles {
  /** Names of the files and folders directly in content/ (for numbering). */
  names: string[];
  /** Comparable address (`comparableUrl`) → the article that has it as front-matter `url`. */
  urls: Map<string, string>;
}

/**
 * What content/ already holds: the names at its top (numbering continues after them) and the
 * `url` of every article's front matter (an address added before is not added twice). An
 * article that cannot be read is skipped: the build reports it.
 */
export function readKnownArticles(contentDir: string): KnownArticles {
  const known: KnownArticles = { names: [], urls: new Map() };
  let entries;
  try {
    entries = readdirSync(contentDir, { withFileTypes: true });
  } catch {
    return known;
  }
  known.names = entries.filter((entry) => entry.isFile() && !entry.name.startsWith('.') && articleExtensions.includes(path.extname(entry.name).toLowerCase())).map((entry) => entry.name);
  const walk = (dir: string, depth: number) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name.startsWith('_') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && depth < 4 && !/(?:_files|\.files|-files)$/i.test(entry.name)) walk(full, depth + 1);
      else if (entry.isFile() && articleExtensions.includes(path.extname(entry.name).toLowerCase())) {
        const url = frontMatterUrl(full);
        const comparable = url ? comparableUrl(url) : undefined;
        if (comparable && !known.urls.has(comparable)) known.urls.set(comparable, path.relative(contentDir, full).split(path.sep).join('/'));
      }
    }
  };
  walk(contentDir, 0);
  return known;
}

function frontMatterUrl(file: string): string | undefined {
  try {
    if (statSync(file).size > 20 * 1024 * 1024) return undefined;
    const decoded = decodeText(readFileSync(file));
    if (!decoded.ok || !decoded.text.replace(/^\uFEFF/, '').startsWith('---')) return undefined;
    return readFrontMatter(decoded.text.replace(/^\uFEFF/, ''))?.meta.url;
  } catch {
    return undefined;
  }
}

/**
 * An address as two links to the same article compare: host in lower case; no scheme (the
 * http: address of a page and the https: one it redirects to are one article), credentials,
 * default port, fragment, tracking parameters (`utm_*`, `spm`…) or trailing slash. Undefined
 * for anything but http(s).
 */
export function comparableUrl(address: string): string | undefined {
  let url: URL;
  try {
    url = new URL(withoutTracking(address.trim()));
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  url.username = '';
  url.password = '';
  const pathname = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  const query = url.search === '?' ? '' : url.search;
  return `//${url.host}${pathname}${query}`;
}

/** The address as it is written into an article's front matter: no credentials, fragment or tracking parameters. */
export function cleanUrl(address: string): string {
  try {
    const url = new URL(withoutTracking(address));
    url.hash = '';
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return address;
  }
}
