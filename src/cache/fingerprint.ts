import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config/schema.js';
import { packageRoot, version } from '../paths.js';

/**
 * Config keys that cannot change a normalized article: book metadata and the writers' own
 * sections. Every other key (today `language`; tomorrow whatever is added) is part of the
 * config hash, so a new setting invalidates the cache until it is listed here.
 */
const bookLevelKeys = new Set(['title', 'subtitle', 'author', 'editor', 'identifier', 'date', 'publisher', 'description', 'cover', 'slug', 'order', 'pdf', 'epub',
  // Per-article entries are part of each article's own key (ArticleInputs.overrides).
  'articles']);

/** A hash of the settings that normalization reads. Editing the title keeps every cached article. */
export function configHash(config: Config): string {
  const relevant = Object.fromEntries(Object.entries(config).filter(([key]) => !bookLevelKeys.has(key)).sort(([a], [b]) => (a < b ? -1 : 1)));
  return sha256(JSON.stringify(relevant)).slice(0, 16);
}

/** Set by the bundler; undefined when running the modules compiled by tsc. */
declare const WENJI_CODE_FINGERPRINT: string | undefined;

/**
 * Identifies the code that turns a source file into an Article: wenji's version, its pinned
 * dependencies and the compiled modules of the reading, normalizing and writing stages. A
 * development build with a changed plugin therefore never reuses articles normalized (or
 * documents rendered) by the old one.
 */
export function codeFingerprint(): string {
  // The bundled CLI carries the fingerprint of the modules it was built from (scripts/bundle.mjs).
  if (typeof WENJI_CODE_FINGERPRINT === 'string') return WENJI_CODE_FINGERPRINT;
  const hash = createHash('sha256').update(`wenji ${version}\n`);
  try {
    const manifest = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    hash.update(JSON.stringify(manifest.dependencies ?? {}));
  } catch {
    // without a manifest the version alone identifies the code
  }
  const compiled = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  for (const part of ['hast', 'locale', 'config', 'content', 'normalize', 'book', 'transforms', 'cache', 'writers', 'prepare-book.js']) {
    for (const file of listFiles(path.join(compiled, part))) hash.update(path.relative(compiled, file)).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

function listFiles(target: string): string[] {
  let stat;
  try {
    stat = statSync(target);
  } catch {
    return [];
  }
  if (stat.isFile()) return /\.[cm]?[jt]s$/.test(target) && !target.endsWith('.map') ? [target] : [];
  return readdirSync(target)
    .sort()
    .flatMap((name) => listFiles(path.join(target, name)));
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
