import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { containedFile, hasScheme, localReference, maxReferencedBytes } from '../contained-path.js';
import { visit } from '../hast/visit.js';
import { sha256 } from './fingerprint.js';

/**
 * A file an article reads besides its source (an image), and what it held: a digest, or null
 * when absent. A path the image resolver refuses without reading it (outside the content
 * folder, not a file, too large) is recorded by that reason alone: its bytes are never read.
 */
export interface Dependency {
  /** Relative to the content folder, forward slashes (it may lead out of it: then it is never read). */
  path: string;
  digest: string | null;
}

const imageAttributes = ['src', 'dataSrc', 'dataOriginal', 'dataLazySrc', 'dataActualsrc'] as const;

/**
 * Local files the article's images may come from, read off the parsed tree before normalization
 * changes it. Missing files count too: adding the image later must re-normalize the article.
 */
export function imageDependencies(tree: Root, file: VFile): Dependency[] {
  const root = file.data.contentRoot;
  const article = file.data.absolutePath;
  if (!root || !article) return [];
  const seen = new Set<string>();
  visit(tree, 'element', (node) => {
    if (node.tagName !== 'img') return;
    for (const name of imageAttributes) {
      const value = node.properties[name];
      if (typeof value !== 'string' || !value.trim() || hasScheme(value)) continue;
      seen.add(path.relative(root, path.resolve(path.dirname(article), localReference(value))).split(path.sep).join('/'));
    }
  });
  return [...seen].sort().map((reference) => ({ path: reference, digest: digestOf(root, reference) }));
}

/** Whether every dependency still holds what it held when the article was cached. */
export function dependenciesUnchanged(dependencies: Dependency[], contentRoot: string): boolean {
  return dependencies.every((dependency) => digestOf(contentRoot, dependency.path) === dependency.digest);
}

/** What the image resolver would find at `reference` (relative to the content folder), by the same containment rule. */
function digestOf(root: string, reference: string): string | null {
  const found = containedFile(root, root, reference);
  if (!found.ok) return found.reason === 'missing' ? null : found.reason;
  // Refused unread by the resolver, so only its size can change what the article says.
  if (found.size > maxReferencedBytes) return `too-large:${found.size}`;
  try {
    return sha256(readFileSync(found.path));
  } catch {
    return 'unreadable';
  }
}
