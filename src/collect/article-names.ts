import path from 'node:path';

/** Words a web address uses for "an article", which say nothing about this one. */
const genericSegments = new Set([
  'index', 'default', 'home', 'main', 'article', 'articles', 'post', 'posts', 'page', 'pages', 'detail', 'details', 'view', 'show', 'read', 'content',
  'story', 'news', 'item', 'entry', 'blog', 'p', 'a', 's', 'amp', 'print', 'html', 'htm', 'share', 'm', 'www',
]);

const pageExtensions = /\.(?:s?html?|xhtml|php\d?|aspx?|jsp|cgi|md|markdown|txt)$/i;

/**
 * A readable ASCII name from an address's last path segment (`/2024/05/river-interview.html` →
 * `river-interview`), or undefined when it has none: numbers (`/p/123456`), hashes, generic words
 * (`index.html`, `/article/`), non-ASCII or percent-encoded text.
 */
export function slugFromUrl(url: string): string | undefined {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const segment = pathname.split('/').filter(Boolean).at(-1);
  return segment === undefined ? undefined : readableAsciiSlug(segment);
}

/** The same for a local file name (`~/Downloads/river-interview.html` → `river-interview`). */
export function slugFromFileName(file: string): string | undefined {
  return readableAsciiSlug(path.basename(file));
}

function readableAsciiSlug(segment: string): string | undefined {
  const base = segment.replace(pageExtensions, '').replace(/^\d+[-_. ]+(?=\D)/, '');
  if (!/^[A-Za-z0-9][A-Za-z0-9._~-]*$/.test(base)) return undefined;
  const words = base.toLowerCase().split(/[._~-]+/).filter(Boolean);
  const letters = base.replace(/[^A-Za-z]/g, '');
  // A word needs letters; a long run of hex or mixed letters and digits is an id, not a name.
  if (letters.length < 3 || words.every((word) => genericSegments.has(word) || /^\d+$/.test(word))) return undefined;
  if (words.some((word) => word.length >= 12 && /\d/.test(word) && /[a-z]/.test(word))) return undefined;
  // Dates and ids in front (`2024-05-01-old-bookshop`) go; numbers inside a name (`top-10-books`) stay.
  while (words.length > 1 && /^\d+$/.test(words[0]!)) words.shift();
  const slug = words.filter((word) => !/^\d{6,}$/.test(word)).join('-');
  return bounded(slug) || undefined;
}

/**
 * A file-name-safe slug from a title: CJK and other letters and digits are kept (NFC, as macOS
 * stores names), Latin is lowercased, everything else — spaces, punctuation, and the characters
 * Windows, macOS or Linux refuse in names (`<>:"/\|?*`, control characters) — becomes `-`.
 */
export function slugFromTitle(title: string): string {
  const slug = title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .normalize('NFC');
  return bounded(slug);
}

/** At most 40 characters (120 bytes of UTF-8: far below every file system's limit), cut at a `-` when one is near. */
function bounded(slug: string): string {
  const characters = [...slug];
  if (characters.length <= 40) return slug;
  const cut = characters.slice(0, 40).join('');
  const dash = cut.lastIndexOf('-');
  return (dash >= 20 ? cut.slice(0, dash) : cut).replace(/-+$/, '');
}

/** Numeric prefixes of the article files in content/: the next number and its zero-padded width. */
export function nextNumber(names: string[]): { next: number; width: number } {
  let highest = 0;
  let width = 2;
  for (const name of names) {
    const match = /^(\d+)(?=[-_. ]|$)/.exec(name);
    if (!match) continue;
    const value = Number(match[1]);
    if (value > highest) highest = value;
    width = Math.max(width, match[1]!.length);
  }
  return { next: highest + 1, width };
}

export function numberedName(number: number, width: number, slug: string): string {
  return `${String(number).padStart(width, '0')}-${slug || 'article'}.md`;
}
