import type { Element, Root } from 'hast';
import { visit, SKIP } from '../hast/visit.js';

/** Attributes holding one address, by element. */
const single: Record<string, string[]> = {
  a: ['href'],
  img: ['src', 'dataSrc', 'dataOriginal', 'dataLazySrc', 'dataActualsrc', 'dataLazyload', 'dataOriginalSrc'],
  blockquote: ['cite'],
  q: ['cite'],
  del: ['cite'],
  ins: ['cite'],
};

/**
 * The page's own base for relative addresses: its `<base href>` when that is an http(s)
 * address, else the address it was fetched from.
 */
export function pageBase(html: string, fetchedFrom: string): string {
  const base = /<base\s[^>]*?href\s*=\s*["']?([^"'\s>]+)/i.exec(html.slice(0, 20000))?.[1];
  if (!base) return fetchedFrom;
  try {
    const resolved = new URL(base, fetchedFrom);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : fetchedFrom;
  } catch {
    return fetchedFrom;
  }
}

/**
 * Relative addresses in an article taken from the web → absolute, against the page's base: its
 * links keep working and its images can be downloaded once the text is a file in content/.
 * Links to a place in the page itself (`#note-1`) stay as they are.
 */
export function absolutizeUrls(tree: Root, base: string): void {
  const resolve = (value: string): string => {
    const trimmed = value.trim();
    if (trimmed === '' || trimmed.startsWith('#') || /^[a-z][a-z\d+.-]*:/i.test(trimmed)) return value;
    try {
      return new URL(trimmed, base).href;
    } catch {
      return value;
    }
  };
  visit(tree, 'element', (node) => {
    for (const key of single[node.tagName] ?? []) {
      const value = node.properties[key];
      if (typeof value === 'string') node.properties[key] = resolve(value);
    }
    if ((node.tagName === 'img' || node.tagName === 'source') && node.properties.srcSet !== undefined) {
      const value = node.properties.srcSet;
      const candidates = Array.isArray(value) ? value.map(String) : String(value).split(/,\s+/);
      node.properties.srcSet = candidates.map((candidate) => {
        const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
        return [resolve(url), ...descriptor].join(' ');
      }).join(', ');
    }
  });
}

/**
 * Tracking pixels — images declared 1 or 2 pixels wide and high, or hidden — are removed before
 * anything is downloaded: they would tell the tracker the page was read, and show nothing.
 * Returns the addresses removed.
 */
export function dropTrackingPixels(tree: Root): string[] {
  const removed: string[] = [];
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'img' || !parent || index === undefined || !isPixel(node)) return undefined;
    removed.push(String(node.properties.src ?? node.properties.dataSrc ?? ''));
    parent.children.splice(index, 1);
    return [SKIP, index];
  });
  return removed;
}

function isPixel(img: Element): boolean {
  const size = (value: unknown) => (typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+(?:px)?\s*$/.test(value) ? Number.parseInt(value, 10) : undefined);
  const width = size(img.properties.width);
  const height = size(img.properties.height);
  if (width !== undefined && height !== undefined && width <= 2 && height <= 2) return true;
  const style = String(img.properties.style ?? '').replace(/\s+/g, '').toLowerCase();
  return /display:none|visibility:hidden|(?:^|;)width:[0-2]px.*height:[0-2]px|(?:^|;)height:[0-2]px.*width:[0-2]px/.test(style) || img.properties.hidden !== undefined;
}
