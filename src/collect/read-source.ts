import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { decodeText, findReplacementCharacters } from '../content/decode.js';
import { readerForFormat, readerForPath, readers } from '../content/readers.js';
import type { Reader } from '../content/types.js';
import { isPublicAddress, resolveHost, type Lookup } from './address-guard.js';
import { fetchPage, type FetchFailureKind } from './fetch-page.js';
import { percentDecoded } from './percent-decoded.js';

/** A source read and decoded, ready for the build's readers. */
export interface ReadSource {
  ok: true;
  file: VFile;
  /** For a web page: the address it came from (after redirects). */
  url?: string;
  /** Whether downloads for this source (its images) may go to private addresses. */
  allowPrivate: boolean;
}

export interface SourceFailure {
  ok: false;
  kind: FetchFailureKind | 'not-found' | 'unreadable';
  reason: string;
}

export interface ReadOptions {
  cwd: string;
  timeoutMs: number;
  maxBytes: number;
  isPublic?: (address: string) => boolean;
  lookup?: Lookup;
}

/** `https://…` → a web page; a Windows drive (`C:\…`) or no scheme → a local file; anything else is refused. */
export function isWebAddress(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

export function hasOtherScheme(source: string): boolean {
  return /^[a-z][a-z\d+.-]+:/i.test(source) && !isWebAddress(source) && !/^[a-z]:[\\/]/i.test(source);
}

/**
 * A web page through the guarded client, decoded with the server's charset as the strongest hint
 * after a byte-order mark. Downloads may reach private addresses only when the address given is
 * itself one (a page served on this machine or the local network).
 */
export async function readWebSource(address: string, options: ReadOptions): Promise<ReadSource | SourceFailure> {
  const isPublic = options.isPublic ?? isPublicAddress;
  let allowPrivate = false;
  try {
    const addresses = await resolveHost(new URL(address).hostname, options.lookup);
    allowPrivate = addresses.some((entry) => !isPublic(entry));
  } catch {
    // Unresolvable: the download reports it.
  }
  const page = await fetchPage(address, { timeoutMs: options.timeoutMs, maxBytes: options.maxBytes, allowPrivate, ...(options.isPublic ? { isPublic: options.isPublic } : {}), ...(options.lookup ? { lookup: options.lookup } : {}) });
  if (!page.ok) return page;
  const decoded = decodeText(page.bytes, { html: readerForFormat(page.format)?.declaresCharset === true, charset: page.charset });
  if (!decoded.ok) return { ok: false, kind: 'unreadable', reason: decoded.reason.replace(/^the file/, 'the page') };
  const file = new VFile({ path: page.url, value: decoded.text, cwd: options.cwd });
  file.data.format = page.format;
  file.data.contentPath = nameInUrl(page.url, page.format);
  file.data.encoding = decoded.encoding;
  noteDecoding(file, decoded.notes);
  return { ok: true, file, url: page.url, allowPrivate };
}

/** How the text was decoded (for --verbose), and damage already in it (U+FFFD), as the build reports it. */
function noteDecoding(file: VFile, notes: string[]): void {
  for (const note of notes) file.info(note, { ruleId: 'encoding', source: 'wenji' });
  const damaged = findReplacementCharacters(String(file.value), 1000);
  if (damaged.length) {
    const first = damaged[0]!;
    file.message(`${damaged.length >= 1000 ? 'at least 1,000' : damaged.length} broken character${damaged.length === 1 ? '' : 's'} (U+FFFD �) in the source, the first at line ${first.line}, column ${first.column}: the text was damaged before it was saved`, { ruleId: 'replacement-character', source: 'wenji' });
  }
}

/** The name a file saved from this address would have (the last fallback for a title). */
function nameInUrl(url: string, format: string): string {
  const { pathname, hostname } = new URL(url);
  const segment = percentDecoded(pathname.split('/').filter(Boolean).at(-1) ?? hostname);
  return path.extname(segment) ? segment : `${segment}${readerForFormat(format)?.extensions[0] ?? '.html'}`;
}

/**
 * A local file: a saved page, a text dump, Markdown. Its images are read from its own folder and
 * below it, never outside (the folder is the article's content root).
 */
export function readLocalSource(source: string, options: ReadOptions & { maxFileBytes?: number }): ReadSource | SourceFailure {
  const absolute = path.resolve(options.cwd, source);
  let size: number;
  try {
    const stat = statSync(absolute);
    if (!stat.isFile()) return { ok: false, kind: 'unreadable', reason: 'not a file' };
    size = stat.size;
  } catch {
    return { ok: false, kind: 'not-found', reason: 'file not found' };
  }
  const reader: Reader | undefined = readerForPath(absolute);
  if (reader?.encoding !== 'text') return { ok: false, kind: 'unreadable', reason: `not an article file (add ${textExtensions()} files)` };
  const limit = options.maxFileBytes ?? 50 * 1024 * 1024;
  if (size > limit) return { ok: false, kind: 'too-large', reason: `larger than ${Math.round(limit / 1048576)} MB` };
  const decoded = decodeText(readFileSync(absolute), { html: reader.declaresCharset === true });
  if (!decoded.ok) return { ok: false, kind: 'unreadable', reason: decoded.reason };
  if (decoded.text.trim() === '') return { ok: false, kind: 'unreadable', reason: 'the file has no text' };
  const file = new VFile({ path: absolute, value: decoded.text, cwd: options.cwd });
  file.data.format = reader.format;
  file.data.contentPath = path.basename(absolute);
  file.data.absolutePath = absolute;
  file.data.contentRoot = path.dirname(absolute);
  file.data.encoding = decoded.encoding;
  noteDecoding(file, decoded.notes);
  return { ok: true, file, allowPrivate: false };
}

/** `.md, .markdown, … or .text`: the extensions of the text formats, which `wenji add` reads. */
function textExtensions(): string {
  const extensions = readers.filter((reader) => reader.encoding === 'text').flatMap((reader) => reader.extensions);
  return `${extensions.slice(0, -1).join(', ')} or ${extensions.at(-1)}`;
}
