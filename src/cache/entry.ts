import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import type { Article, ImageAsset } from '../book/model.js';
import type { Dependency } from './dependencies.js';
import { messageCount, setMessageCount } from '../hast/fix-tally.js';

type VFileMessage = VFile['messages'][number];

/** Bumped whenever the shape below changes; older entries are then ignored. */
export const entrySchema = 2;

/** A VFile message as plain JSON. */
export interface StoredMessage {
  reason: string;
  ruleId?: string;
  source?: string;
  fatal?: boolean | null;
  place?: Point | Position;
  note?: string;
  url?: string;
  /** How many changes an automatic-fix message stands for. */
  count?: number;
}

export type StoredArticle = Omit<Article, 'images'> & { images: Omit<ImageAsset, 'data'>[] };

/**
 * The normalized articles of one source file as stored (a blog dump split by `text.split`
 * gives several): image bytes live beside them, addressed by their href.
 */
export interface CacheEntry {
  schema: typeof entrySchema;
  key: string;
  articles: StoredArticle[];
  messages: StoredMessage[];
  dependencies: Dependency[];
}

export function toEntry(key: string, articles: Article[], messages: VFileMessage[], dependencies: Dependency[]): CacheEntry {
  return {
    schema: entrySchema,
    key,
    // The digest is the entry's key: it is given again on reading, never stored.
    articles: articles.map(({ digest: _digest, ...article }) => ({ ...article, images: article.images.map(({ data: _data, ...rest }) => rest) })),
    messages: messages.map(storeMessage),
    dependencies,
  };
}

/** Messages as plain JSON (for the cache, and from a worker thread to the main one). */
export function storeMessages(messages: VFileMessage[]): StoredMessage[] {
  return messages.map(storeMessage);
}

function storeMessage(message: VFileMessage): StoredMessage {
  const stored: StoredMessage = { reason: message.reason };
  if (message.ruleId) stored.ruleId = message.ruleId;
  if (message.source) stored.source = message.source;
  if (message.fatal !== false) stored.fatal = message.fatal ?? null;
  if (message.place) stored.place = message.place;
  if (message.note) stored.note = message.note;
  if (message.url) stored.url = message.url;
  const count = messageCount(message);
  if (count !== undefined) stored.count = count;
  return stored;
}

/** Replays stored messages on the article's file, so a cached run prints the same warnings. */
export function replayMessages(file: VFile, messages: StoredMessage[]): void {
  for (const stored of messages) {
    const message = file.message(stored.reason, { ruleId: stored.ruleId, source: stored.source, place: stored.place });
    message.fatal = stored.fatal === null ? undefined : (stored.fatal ?? false);
    if (stored.note) message.note = stored.note;
    if (stored.url) message.url = stored.url;
    if (typeof stored.count === 'number') setMessageCount(message, stored.count);
  }
}

/** Cheap shape check: a half-written or foreign file must be a miss, never a crash later. */
export function isEntry(value: unknown, key: string): value is CacheEntry {
  if (!value || typeof value !== 'object') return false;
  const entry = value as Partial<CacheEntry>;
  return (
    entry.schema === entrySchema &&
    entry.key === key &&
    Array.isArray(entry.messages) &&
    Array.isArray(entry.dependencies) &&
    Array.isArray(entry.articles) &&
    entry.articles.every((item) => {
      const article = item as Partial<Article> | undefined;
      return (
        !!article &&
        typeof article.id === 'string' &&
        typeof article.title === 'string' &&
        article.body?.type === 'root' &&
        Array.isArray(article.images) &&
        Array.isArray(article.sections)
      );
    })
  );
}
