import path from 'node:path';
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';

/** The text of the first `h1`, a title candidate every reader offers. */
export function firstH1(tree: Root): string | undefined {
  const heading = findElement(tree, 'h1');
  return heading ? toString(heading).replace(/\s+/g, ' ').trim() : undefined;
}

/** The first element named `tagName`, in document order. */
function findElement(parent: Root | Element, tagName: string): Element | undefined {
  for (const child of parent.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === tagName) return child;
    const found = findElement(child, tagName);
    if (found) return found;
  }
  return undefined;
}

/** `03-old-street.html` → `old street`: numeric prefix and extension dropped, separators to spaces. */
export function titleFromFileName(file: string): string {
  const base = path.basename(file, path.extname(file));
  return base.replace(/^\d+[-_. ]*/, '').replace(/[-_]+/g, ' ').trim() || base;
}

export function isText(value: string | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
