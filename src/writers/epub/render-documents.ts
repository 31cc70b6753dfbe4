import { createHash } from 'node:crypto';
import type { ElementContent } from 'hast';
import type { WritingMode } from '../../config/schema.js';
import { toXhtml, type XhtmlDocument } from '../xhtml/serialize.js';
import type { DocumentSpec } from './document-specs.js';
import type { DocumentStore, StoredDocument } from './document-store.js';
import { documentWritingMode } from './document-writing-mode.js';
import { compressEntry, type CompressedEntry } from './zip.js';

/** What a document is rendered with besides its spec: the book's writing mode and the stylesheets linked. */
export interface RenderSettings {
  writingMode: WritingMode;
  stylesheets: string[];
  /** An edition's change to every content document of the spine (see DocumentPass). */
  pass?: DocumentPass | undefined;
}

/**
 * What an edition built on the EPUB changes in each content document of the spine, as the
 * document is rendered (the Kobo edition's sentence spans and wrappers). Its key is part of the
 * document cache's, so an edition's documents are never taken for the EPUB's.
 */
export interface DocumentPass {
  key: string;
  apply(document: XhtmlDocument): XhtmlDocument;
}

/** A spec's content document as XHTML: the root set vertical when the book and the document's language are. */
export function renderDocument(spec: Pick<DocumentSpec, 'title' | 'bodyClass' | 'matter' | 'language'> & { body: ElementContent[] }, settings: RenderSettings): string {
  const mode = documentWritingMode(settings.writingMode, spec.language);
  const document: XhtmlDocument = {
    title: spec.title,
    language: spec.language,
    stylesheets: settings.stylesheets,
    body: spec.body,
    bodyProperties: { className: [spec.bodyClass], ...(spec.matter ? { 'epub:type': spec.matter } : {}) },
    ...(mode ? { htmlProperties: { className: [mode] } } : {}),
  };
  return toXhtml(settings.pass ? settings.pass.apply(document) : document);
}

/**
 * Article documents kept from earlier builds (the document store), each read once: the layout
 * looks at a document's size before the documents are rendered.
 */
export function keptDocuments(store: DocumentStore | undefined, settings: { writingMode: WritingMode; language: string; pass?: DocumentPass | undefined }) {
  const read = new Map<string, StoredDocument | undefined>();
  const keyOf = (digest: string, stylesheets: string[]) => documentKey(digest, { writingMode: settings.writingMode, language: settings.language, stylesheets, pass: settings.pass?.key });
  return {
    store,
    keyOf,
    /** The document kept for this digest and these stylesheets, if any. */
    find(digest: string | undefined, stylesheets: string[]): StoredDocument | undefined {
      if (!store || !digest) return undefined;
      const key = keyOf(digest, stylesheets);
      if (!read.has(key)) read.set(key, store.read(key));
      return read.get(key);
    },
  };
}

export type KeptDocuments = ReturnType<typeof keptDocuments>;

/**
 * Every spec rendered and deflated, in order: each document is deflated on the thread pool while
 * the next one is rendered, and an article rendered by an earlier build with the same settings is
 * taken as it was kept. The new article documents are kept for the next build.
 */
export async function renderWithCache(specs: DocumentSpec[], settings: RenderSettings, kept: KeptDocuments): Promise<{ entries: CompressedEntry[]; rendered: number; reused: number }> {
  const encoder = new TextEncoder();
  const fresh: { key: string; index: number }[] = [];
  const compressed = specs.map((spec, index): Promise<CompressedEntry> => {
    const name = `OEBPS/${spec.filename}`;
    const stored = kept.find(spec.digest, settings.stylesheets);
    if (stored) return Promise.resolve({ name, ...stored });
    if (kept.store && spec.digest) fresh.push({ key: kept.keyOf(spec.digest, settings.stylesheets), index });
    return compressEntry(name, encoder.encode(renderDocument({ ...spec, body: spec.body() }, settings)));
  });
  const entries = await Promise.all(compressed);
  for (const { key, index } of fresh) kept.store!.write(key, entries[index]!);
  await kept.store?.finish?.();
  // Counted in documents: a split article is several.
  return { entries, rendered: fresh.length, reused: specs.filter((spec) => spec.digest).length - fresh.length };
}

/** Everything an article's document depends on besides the article (named by its digest). */
function documentKey(digest: string, settings: { writingMode: WritingMode; stylesheets: string[]; language: string; pass: string | undefined }): string {
  const parts = ['epub-document', digest, settings.writingMode, settings.stylesheets, settings.language, ...(settings.pass === undefined ? [] : [settings.pass])];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 40);
}
