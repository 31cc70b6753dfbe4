import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'hast';
import { visit } from '../hast/visit.js';
import type { VFile } from 'vfile';
import { sha256 } from './fingerprint.js';

/** A file an article reads besides its source (an image), and what it held: a digest, or null when absent. */
export interface Dependency {
  /** Relative to the content folder, forward slashes. */
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
      if (typeof value !== 'string') continue;
      const src = value.trim();
      if (!src || /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(src)) continue;
      let relative = src.replace(/[?#].*$/, '');
      try {
        relative = decodeURIComponent(relative);
      } catch {
        // the raw path is what the image resolver tries too
      }
      seen.add(path.relative(root, path.resolve(path.dirname(article), relative)).split(path.sep).join('/'));
    }
  });
  return [...seen].sort().map((relative) => ({ path: relative, digest: digestOf(path.join(root, relative)) }));
}

/** Whether every dependency still holds what it held when the article was cached. */
export function dependenciesUnchanged(dependencies: Dependency[], contentRoot: string): boolean {
  return dependencies.every((dependency) => digestOf(path.join(contentRoot, dependency.path)) === dependency.digest);
}

function digestOf(file: string): string | null {
  try {
    if (!statSync(file).isFile()) return 'not-a-file';
    return sha256(readFileSync(file));
  } catch {
    return null;
  }
}
