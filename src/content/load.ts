import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { WenjiError } from '../errors.js';
import type { OrderEntry } from '../config/schema.js';
import { arrangeContent, type ContentPart } from './arrange.js';
import { decodeText, findReplacementCharacters } from './decode.js';
import { readerForFormat, readerForPath, readers as allReaders } from './readers.js';
import type { Reader } from './types.js';

declare module 'vfile' {
  interface DataMap {
    /** Which reader parses the file (its `format` in readers.ts). */
    format: string;
    /** Path relative to the content folder, with forward slashes. */
    contentPath: string;
    /** Absolute path on disk. */
    absolutePath: string;
    /** Absolute content folder; nothing outside it is read for this article. */
    contentRoot: string;
    /** The encoding the text was decoded from. */
    encoding: string;
    /** The part whose title and preface the file gives (a folder's `index.md` or `_part.yaml`): not an article. */
    partOf: string;
  }
}

/** A part with the files that give its title and preface, read. */
export interface LoadedPart extends ContentPart {
  /** The folder's `index.md`, decoded (a fatal message when it cannot be). */
  index?: VFile;
  /** The folder's `_part.yaml`, as text. */
  yaml?: VFile;
}

export interface LoadedContent {
  /** Decoded articles in reading order. */
  files: VFile[];
  /** Articles that could not be read; each carries a fatal message. */
  failed: VFile[];
  /** Both, and the parts' own files, in reading order (for reports). */
  all: VFile[];
  /** The parts (辑), in reading order; none when the content folder and `order` give none. */
  parts: LoadedPart[];
  /** Files skipped because of their extension (relative to the content folder). */
  ignored: string[];
  /** Order problems (entries in `order` that match no file, files missing from it). */
  orderWarnings: string[];
}

export interface LoadContentOptions {
  contentDir: string;
  order?: OrderEntry[] | undefined;
  /** Working directory that paths in messages are relative to. */
  cwd?: string;
  /** The formats read (default: every reader of readers.ts). */
  readers?: readonly Reader[];
}

export function loadContent(options: LoadContentOptions): LoadedContent {
  const root = path.resolve(options.contentDir);
  const cwd = options.cwd ?? process.cwd();
  let stat;
  try {
    stat = statSync(root);
  } catch {
    throw new WenjiError('content', 'content folder not found; create it and put .md, .html or .txt articles in it, or pass --content DIR', {
      file: displayPath(root, cwd),
    });
  }
  if (!stat.isDirectory()) {
    throw new WenjiError('content', 'expected a folder of articles, found a file; pass the folder with --content', { file: displayPath(root, cwd) });
  }

  const found: string[] = [];
  const ignored: string[] = [];
  const readers = options.readers ?? allReaders;
  walk(root, root, found, ignored, readers);
  const { ordered, parts: arranged, warnings } = arrangeContent(root, found, options.order);

  const files: VFile[] = [];
  const failed: VFile[] = [];
  const all: VFile[] = [];
  const sourceFile = (relative: string) => {
    const absolutePath = path.join(root, relative);
    const file = new VFile({ path: displayPath(absolutePath, cwd), cwd });
    file.data.contentPath = relative;
    file.data.absolutePath = absolutePath;
    file.data.contentRoot = root;
    all.push(file);
    return file;
  };
  const read = (relative: string) => {
    const file = sourceFile(relative);
    const reader = readerForPath(relative, readers)!;
    file.data.format = reader.format;
    const problem = reader.encoding === 'binary' ? takeBytes(file, readFileSync(absolutePathOf(file))) : decodeInto(file, readFileSync(absolutePathOf(file)), reader.declaresCharset === true);
    if (problem) withFatal(file, problem.reason, problem.ruleId, fileStart);
    return { file, ok: !problem };
  };
  const firstArticle = new Map(arranged.map((part) => [part.articles[0] ?? '', part]));
  const parts: LoadedPart[] = [];
  const readPart = (part: ContentPart) => {
    const loaded: LoadedPart = { ...part };
    if (part.partFile) {
      loaded.yaml = sourceFile(part.partFile);
      loaded.yaml.data.partOf = part.id;
      const decoded = decodeText(readFileSync(absolutePathOf(loaded.yaml)), { html: false });
      if (decoded.ok) loaded.yaml.value = decoded.text;
      else withFatal(loaded.yaml, decoded.reason, 'unreadable', fileStart);
    }
    if (part.indexFile) {
      loaded.index = read(part.indexFile).file;
      loaded.index.data.partOf = part.id;
    }
    parts.push(loaded);
  };
  for (const relative of ordered) {
    const part = firstArticle.get(relative);
    if (part) readPart(part);
    const { file, ok } = read(relative);
    (ok ? files : failed).push(file);
  }
  // A part of no article is still read: its files are reported, and the part with them.
  for (const part of arranged) if (!part.articles.length) readPart(part);

  if (files.length === 0 && failed.length === 0) {
    throw new WenjiError('content', `no articles found (looked for ${readers.flatMap((reader) => reader.extensions).join(', ')} files)`, { file: displayPath(root, cwd) });
  }
  return { files, failed, all, ignored, orderWarnings: warnings, parts };
}

const absolutePathOf = (file: VFile) => file.data.absolutePath!;

/** Messages about a whole file (unreadable, empty) are shown at its start. */
const fileStart = { line: 1, column: 1 };

type ReadProblem = { reason: string; ruleId: 'unreadable' | 'empty-file' } | undefined;

/** A text format: decoded (the encoding noted, damage already in the text reported); an empty file is a problem. */
function decodeInto(file: VFile, bytes: Uint8Array, declaresCharset: boolean): ReadProblem {
  const decoded = decodeText(bytes, { html: declaresCharset });
  if (!decoded.ok) return { reason: decoded.reason, ruleId: 'unreadable' };
  file.value = decoded.text;
  file.data.encoding = decoded.encoding;
  for (const note of decoded.notes) file.info(note, { place: fileStart, ruleId: 'encoding', source: 'wenji' });
  reportReplacementCharacters(file, decoded.text);
  if (decoded.text.trim() === '') return { reason: 'the file has no text (only whitespace); add text or remove the file', ruleId: 'empty-file' };
  return undefined;
}

/** A binary format: the bytes as they are. */
function takeBytes(file: VFile, bytes: Uint8Array): ReadProblem {
  file.value = bytes;
  file.data.encoding = 'binary';
  return bytes.length === 0 ? { reason: 'the file is empty; add content or remove the file', ruleId: 'empty-file' } : undefined;
}

/** Records a fatal message without throwing, so a caller can keep building the other articles. */
export function withFatal(file: VFile, reason: string, ruleId: string, place?: { line: number; column: number }): VFile {
  const message = file.message(reason, { ruleId, source: 'wenji', place });
  message.fatal = true;
  return file;
}

/**
 * U+FFFD in the decoded text was in the source already (decoding never produces it): the text
 * was damaged before wenji saw it, so each place is reported for the author to repair.
 */
function reportReplacementCharacters(file: VFile, text: string): void {
  const limit = 20;
  // A run of U+FFFD (one damaged multi-byte character often leaves two or three) is one report.
  const runs: { line: number; column: number; count: number }[] = [];
  for (const place of findReplacementCharacters(text, 10 * limit)) {
    const last = runs.at(-1);
    if (last && last.line === place.line && last.column + last.count === place.column) last.count++;
    else runs.push({ line: place.line, column: place.column, count: 1 });
  }
  for (const run of runs.slice(0, limit)) {
    const what = run.count === 1 ? 'broken character (U+FFFD �)' : `${run.count} broken characters (U+FFFD �)`;
    file.message(`${what} in the source: the text was damaged before it was saved; repair it from the original`, {
      place: { line: run.line, column: run.column },
      ruleId: 'replacement-character',
      source: 'wenji',
    });
  }
  const more = runs[limit];
  if (more) file.message(`more broken characters (U+FFFD) after the first ${limit}; the source is badly damaged`, { place: { line: more.line, column: more.column }, ruleId: 'replacement-character', source: 'wenji' });
}

function walk(root: string, dir: string, found: string[], ignored: string[], readers: readonly Reader[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = new Set(entries.map((entry) => entry.name.toLowerCase()));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name.startsWith('_') || entry.name === 'node_modules') continue;
    // A browser's "Web page, complete" saves `page.html` with its parts in `page_files/` (frames
    // as .html among them): those are the page's resources, not articles. Images there still load.
    if (entry.isDirectory() && isSavedPageFolder(entry.name, names)) continue;
    const full = path.join(dir, entry.name);
    const relative = path.relative(root, full).split(path.sep).join('/');
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      // A link is followed only when its target stays inside the content folder.
      try {
        const target = realpathSync(full);
        if (!isInside(realpathSync(root), target)) continue;
        const stat = statSync(target);
        [isDir, isFile] = [stat.isDirectory(), stat.isFile()];
      } catch {
        continue;
      }
    }
    if (isDir) walk(root, full, found, ignored, readers);
    else if (isFile) (readerForPath(entry.name, readers) ? found : ignored).push(relative);
  }
}

function isSavedPageFolder(name: string, siblings: Set<string>): boolean {
  const match = /^(.+?)(?:_files|\.files|-files|_archivos|-Dateien)$/i.exec(name);
  if (!match) return false;
  const base = match[1]!.toLowerCase();
  return (readerForFormat('html')?.extensions ?? []).some((extension) => siblings.has(`${base}${extension}`));
}

export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  return relative && !relative.startsWith('..') ? relative : absolute;
}
