import path from 'node:path';
import type { Nodes, Root } from 'mdast';
import type { VFile } from 'vfile';
import { containedFile, localReference } from '../contained-path.js';
import { sourceLocator } from '../hast/source-point.js';

/**
 * CommonMark reads `![秋天](图片 文件夹/秋天.jpg)` as text: a destination may hold a space only
 * when written `<…>`. People write Windows paths too (`图片\秋天.jpg`), where `\` is no
 * separator. Both are common in folders people save, so before parsing, such a destination
 * that names a file of the content folder has its spaces and backslashes replaced by
 * stand-ins of the same length (so every position stays right), which the parser takes as an
 * ordinary destination; after parsing, `remarkImagePaths` puts spaces back and makes the
 * backslashes slashes (in the image) or backslashes again (anywhere else, such as in code).
 */
const space = '\uFDD0';
const backslash = '\uFDD1';

/** `![alt](destination)` or `![alt](destination "title")`, with a space or backslash inside the destination. */
const looseImage = /!\[([^\]\n]*)\]\(([^()\n<>]*[ \\][^()\n<>]*)\)/g;

interface Destination {
  /** Offset of the destination in the source. */
  start: number;
  raw: string;
  /** As a path: backslashes as slashes. */
  path: string;
}

/** The source with the destinations of loose images that name an existing local file protected. */
export function protectImagePaths(source: string, file: VFile): string {
  if (!source.includes('](')) return source;
  let result: string | undefined;
  for (const match of source.matchAll(looseImage)) {
    const destination = destinationOf(match);
    if (!destination || !localFile(destination.path, file)) continue;
    result ??= source;
    const protectedRaw = destination.raw.replaceAll(' ', space).replaceAll('\\', backslash);
    result = result.slice(0, destination.start) + protectedRaw + result.slice(destination.start + destination.raw.length);
  }
  return result ?? source;
}

function destinationOf(match: RegExpMatchArray): Destination | undefined {
  const inner = match[2]!;
  // A title at the end (`"…"` or `'…'`) is no part of the path.
  const parts = /^(\s*)(.*?)(\s+(?:"[^"]*"|'[^']*'))?\s*$/s.exec(inner);
  const raw = parts?.[2] ?? '';
  if (!raw || /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(raw) || !/[ \\]/.test(raw)) return undefined;
  const start = match.index! + 2 + match[1]!.length + 2 + (parts?.[1]?.length ?? 0);
  return { start, raw, path: raw.replaceAll('\\', '/') };
}

/** Whether `relative` (to the article) is a file inside the content folder. */
function localFile(relative: string, file: VFile): boolean {
  const root = file.data.contentRoot;
  const article = file.data.absolutePath;
  if (!root || !article) return false;
  return containedFile(root, path.dirname(article), localReference(relative)).ok;
}

/**
 * After parsing: the stand-ins become spaces and slashes again in image addresses, spaces and
 * backslashes everywhere else. A loose image still left as text (its file does not exist, or it
 * did not parse) is reported with its line, once, and left as written.
 */
export default function remarkImagePaths() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    const restore = (value: string) => value.replaceAll(space, ' ').replaceAll(backslash, '\\');
    const walk = (node: Nodes) => {
      if (node.type === 'image') {
        node.url = node.url.replaceAll(space, ' ').replaceAll(backslash, '/');
        // A backslash the parser kept (`![a](图片\秋天.jpg)`) is a Windows separator too.
        if (!/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(node.url)) node.url = node.url.replaceAll('\\', '/');
        node.alt = node.alt ? restore(node.alt) : node.alt;
        if (node.title) node.title = restore(node.title);
        return;
      }
      if ('url' in node && typeof node.url === 'string') node.url = restore(node.url);
      if ('value' in node && typeof node.value === 'string') {
        node.value = restore(node.value);
        if (node.type === 'text') reportLeftovers(node.value, node.position?.start.offset, source, file);
      }
      if ('children' in node) for (const child of node.children) walk(child);
    };
    walk(tree);
  };
}

function reportLeftovers(value: string, offset: number | undefined, source: string, file: VFile): void {
  if (!value.includes('](')) return;
  for (const match of value.matchAll(looseImage)) {
    const destination = destinationOf(match);
    if (!destination) continue;
    // Exact when the text node is the source verbatim; else where the same text is found.
    const verbatim = offset !== undefined && source.startsWith(value, offset);
    const at = verbatim ? offset + match.index! : source.indexOf(match[0]);
    const kind = destination.raw.includes(' ') ? 'spaces' : 'backslashes';
    const reason = localFile(destination.path, file)
      ? `image path with ${kind} not understood: ${destination.raw} (write it as ![${match[1]}](<${destination.path}>)); the Markdown is kept as text`
      : `image path with ${kind} not found: ${destination.path} (looked for next to the article, inside the content folder); the Markdown is kept as text`;
    file.message(reason, { place: at === -1 ? undefined : sourceLocator(source).at(at), ruleId: 'image', source: 'wenji' });
  }
}
