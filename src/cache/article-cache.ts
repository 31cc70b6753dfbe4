import path from 'node:path';
import type { VFile } from 'vfile';
import type { Article, ImageAsset } from '../book/model.js';
import type { Config } from '../config/schema.js';
import { dependenciesUnchanged, type Dependency } from './dependencies.js';
import { replayMessages, toEntry, type CacheEntry } from './entry.js';
import { codeFingerprint, configHash, sha256 } from './fingerprint.js';

/** Where entries live: a folder in out/ for builds, a Map for the preview. */
export interface ArticleStore {
  /** The entry, or undefined when it is missing or unreadable (a corrupt entry is a miss). */
  read(key: string): { entry: CacheEntry; images: Map<string, Uint8Array> } | undefined;
  write(entry: CacheEntry, images: ImageAsset[]): void;
  /** The run is over and used these keys: a store may drop the others (after its writes are done). */
  finish?(used: Set<string>): void | Promise<void>;
}

/**
 * Everything besides the source text that `parseArticle` and `normalizeArticle` receive. When
 * prepare-book passes them something new, it belongs here too, or stale articles are reused.
 */
export interface ArticleInputs {
  id: string;
  language: string;
  /** `--fetch-images`: remote images are downloaded instead of replaced by their alt text. */
  fetchImages: boolean;
  /** book.yaml `articles` entries for this file. */
  overrides?: Record<string, unknown>;
}

export interface CacheStats {
  /** Articles parsed and normalized in this run. */
  normalized: number;
  /** Articles taken from the cache. */
  reused: number;
}

/**
 * Normalized articles keyed by a hash of their source, the settings normalization reads and
 * wenji's own code; an entry is used only while the images the article refers to are unchanged.
 * One per run (or per preview session): it holds that run's statistics.
 */
export class ArticleCache {
  readonly stats: CacheStats = { normalized: 0, reused: 0 };
  private readonly used = new Set<string>();
  private readonly prefix: string;

  constructor(
    private readonly store: ArticleStore,
    config: Config,
    fingerprint: string = codeFingerprint(),
  ) {
    this.prefix = `${fingerprint}\n${configHash(config)}\n`;
  }

  /** The file's articles from the cache when its inputs are unchanged, else from `produce` (and stored). */
  async articles(file: VFile, inputs: ArticleInputs, produce: () => Promise<{ articles: Article[]; dependencies: Dependency[]; cacheable?: boolean }>): Promise<Article[]> {
    const key = this.keyOf(file, inputs);
    this.used.add(key);
    const cached = this.restore(key, file);
    if (cached) {
      this.stats.reused += cached.articles.length;
      return withDigests(key, cached.articles, cached.dependencies);
    }
    const before = file.messages.length;
    const { articles, dependencies, cacheable = true } = await produce();
    this.stats.normalized += articles.length;
    if (cacheable) this.store.write(toEntry(key, articles, file.messages.slice(before), dependencies), articles.flatMap((article) => article.images));
    return withDigests(key, articles, dependencies);
  }

  /** Lets the store forget entries this run did not use (removed or changed articles). */
  async finish(): Promise<void> {
    await this.store.finish?.(this.used);
  }

  private keyOf(file: VFile, inputs: ArticleInputs): string {
    const source = [file.data.contentPath ?? file.path, file.data.format ?? '', file.data.encoding ?? '', JSON.stringify(inputs)].join('\n');
    return sha256(`${this.prefix}${source}\n${String(file.value)}`);
  }

  private restore(key: string, file: VFile): { articles: Article[]; dependencies: Dependency[] } | undefined {
    const found = this.store.read(key);
    if (!found) return undefined;
    const { entry, images } = found;
    if (file.data.contentRoot && !dependenciesUnchanged(entry.dependencies, file.data.contentRoot)) return undefined;
    const articles: Article[] = [];
    for (const stored of entry.articles) {
      const assets: ImageAsset[] = [];
      for (const image of stored.images) {
        const data = images.get(image.href);
        if (!data) return undefined;
        assets.push({ ...image, data });
      }
      // The same source seen from another working directory is shown with today's path.
      articles.push({ ...stored, file: file.path, images: assets });
    }
    replayMessages(file, entry.messages);
    return { articles, dependencies: entry.dependencies };
  }
}

/**
 * An article's digest: its entry's key (source, settings, code), its place in the file (a blog
 * dump gives several), and what it took from other files — the local images it read (their
 * digests) and the images it holds (named by content). A changed image keeps the key (the source
 * did not change) but changes the digest, so no writer reuses a document made with the old one.
 */
function withDigests(key: string, articles: Article[], dependencies: Dependency[]): Article[] {
  return articles.map((article, index) => ({
    ...article,
    digest: sha256(JSON.stringify([key, index, dependencies, article.images.map((image) => image.href)])),
  }));
}

/** The href's hash prefix, checked against the bytes so a damaged image file is a miss. */
export function imageMatchesHref(href: string, data: Uint8Array): boolean {
  const expected = path.basename(href).replace(/\.[^.]+$/, '');
  return sha256(data).startsWith(expected);
}
