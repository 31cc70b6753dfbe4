import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { OrderEntry } from '../config/schema.js';
import { readerForFormat } from './readers.js';

/** A part (辑) of the book as the content folder and book.yaml's `order` give it, before anything is read. */
export interface ContentPart {
  /** `part-1`, `part-2`… in reading order. */
  id: string;
  /** The folder of content/ the part is (relative, no slash), when it is one. */
  folder?: string;
  /** The title an `order` entry gives (`part: …`); otherwise the folder's files or name decide. */
  title?: string;
  /** The preface an `order` entry gives (`preface: …`). */
  preface?: string;
  /** The folder's `index.md` (relative to content/): the part's title and preface, not an article. */
  indexFile?: string;
  /** The folder's `_part.yaml` (relative to content/). */
  partFile?: string;
  /** Its articles (relative to content/), in reading order; may be empty (reported, then left out). */
  articles: string[];
}

export interface Arrangement {
  /** Every article file in reading order (a part's consecutive). */
  ordered: string[];
  parts: ContentPart[];
  /** Order problems, each quoting the `order` entry it is about first (`"x.md" in order …`). */
  warnings: string[];
}

/** A top-level folder of content/ that may be a part: what it holds. */
interface Folder {
  name: string;
  indexFile?: string;
  partFile?: string;
  articles: string[];
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const byName = (a: string, b: string) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
export const partFileNames = ['_part.yaml', '_part.yml'];

/**
 * Reading order and parts. Without `order`: each folder of content/ holding articles is a part
 * (its articles in deeper folders too), placed with the top-level articles by name, numbers
 * compared as numbers (`2-b` before `10-a`); inside a part likewise. A folder whose only article
 * is its `index.md` is no part (the file is an article, as a page saved in its own folder is).
 * With `order`, it alone decides: a file is an article, a folder its part, `{ part, articles }`
 * a part of those files (a folder among them stands for every article in it); what it does not
 * list follows, as articles, with a warning.
 */
export function arrangeContent(root: string, found: string[], order: OrderEntry[] | undefined): Arrangement {
  const folders = candidateFolders(root, found);
  const { items: draft, warnings } = order ? fromOrder(order, found, folders) : { items: fromFolders(found, folders), warnings: [] };
  const ordered: string[] = [];
  const parts: ContentPart[] = [];
  for (const item of draft) {
    if (typeof item === 'string') ordered.push(item);
    else {
      parts.push({ id: `part-${parts.length + 1}`, ...item });
      ordered.push(...item.articles);
    }
  }
  return { ordered, parts, warnings };
}

/** Every top-level folder holding articles or a `_part.yaml`, with its index file and articles (sorted). */
function candidateFolders(root: string, found: string[]): Map<string, Folder> {
  const folders = new Map<string, Folder>();
  const folderOf = (name: string) => {
    let folder = folders.get(name);
    if (!folder) folders.set(name, (folder = { name, articles: [] }));
    return folder;
  };
  const indexExtensions = readerForFormat('markdown')?.extensions ?? ['.md'];
  for (const file of found) {
    const slash = file.indexOf('/');
    if (slash === -1) continue;
    const folder = folderOf(file.slice(0, slash));
    const rest = file.slice(slash + 1);
    const extension = path.extname(rest).toLowerCase();
    if (!rest.includes('/') && rest.slice(0, rest.length - extension.length).toLowerCase() === 'index' && indexExtensions.includes(extension) && !folder.indexFile) folder.indexFile = file;
    else folder.articles.push(file);
  }
  let entries: string[] = [];
  try {
    entries = readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !/^[._]/.test(entry.name)).map((entry) => entry.name);
  } catch {
    // the content folder was read a moment ago; a race leaves the parts from the files found
  }
  for (const name of entries) {
    const partFile = partFileNames.find((file) => existsSync(path.join(root, name, file)));
    if (partFile) folderOf(name).partFile = `${name}/${partFile}`;
  }
  for (const [name, folder] of folders) {
    folder.articles.sort(byName);
    // A page saved in a folder of its own (`page/index.md`) is an article, not a part.
    if (folder.articles.length === 0 && !folder.partFile) folders.delete(name);
  }
  return folders;
}

function folderPart(folder: Folder): Omit<ContentPart, 'id'> {
  return { folder: folder.name, ...(folder.indexFile ? { indexFile: folder.indexFile } : {}), ...(folder.partFile ? { partFile: folder.partFile } : {}), articles: folder.articles };
}

/** No `order`: top-level articles and part folders together by name, each part's articles by path. */
function fromFolders(found: string[], folders: Map<string, Folder>): (string | Omit<ContentPart, 'id'>)[] {
  const inPart = (file: string) => folders.has(file.slice(0, Math.max(0, file.indexOf('/'))));
  const items: { key: string; item: string | Omit<ContentPart, 'id'> }[] = [
    ...found.filter((file) => !inPart(file)).map((file) => ({ key: file, item: file })),
    ...[...folders.values()].map((folder) => ({ key: folder.name, item: folderPart(folder) })),
  ];
  return items.sort((a, b) => byName(a.key, b.key)).map(({ item }) => item);
}

/** What an `order` entry's text names: an article file (its path, the extension may be left out), else a part folder. */
function resolveEntry(entry: string, found: string[], folders: Map<string, Folder>): { file: string } | { folder: Folder } | undefined {
  const wanted = entry.replace(/^\.\//, '').replace(/\\/g, '/');
  const file = found.find((candidate) => candidate === wanted) ?? found.find((candidate) => stripExtension(candidate) === wanted);
  if (file) return { file };
  const folder = folders.get(wanted.replace(/\/+$/, ''));
  return folder ? { folder } : undefined;
}

/**
 * `order` given: its entries in turn, then what it leaves out (as articles), and what is wrong
 * with it, each message quoting the entry first: an entry naming nothing, a file listed twice, a
 * part of nothing, files left out, folders that would be parts but are not named.
 */
function fromOrder(order: OrderEntry[], found: string[], folders: Map<string, Folder>): { items: (string | Omit<ContentPart, 'id'>)[]; warnings: string[] } {
  const taken = new Set<string>();
  const warnings: string[] = [];
  /** The files `written` names that are not placed yet (a file placed already is reported). */
  const take = (written: string, files: string[]) =>
    files.filter((file) => {
      if (!taken.has(file)) return taken.add(file);
      warnings.push(`"${written}" is listed twice in order${files.length > 1 ? ` (${file} is placed already)` : ''}`);
      return false;
    });
  const named = (written: string) => {
    const resolved = resolveEntry(written, found, folders);
    if (!resolved) warnings.push(`"${written}" in order matches no article in the content folder`);
    return resolved;
  };
  const items: (string | Omit<ContentPart, 'id'>)[] = [];
  const listedFolders = new Set<string>();
  let grouped = false;
  for (const entry of order) {
    if (typeof entry === 'string') {
      const resolved = named(entry);
      if (!resolved) continue;
      if ('file' in resolved) items.push(...take(entry, [resolved.file]));
      else {
        grouped = true;
        listedFolders.add(resolved.folder.name);
        if (resolved.folder.indexFile) taken.add(resolved.folder.indexFile);
        items.push({ ...folderPart(resolved.folder), articles: take(entry, resolved.folder.articles) });
      }
      continue;
    }
    grouped = true;
    const articles: string[] = [];
    for (const written of entry.articles) {
      const resolved = named(written);
      if (!resolved) continue;
      if ('folder' in resolved) listedFolders.add(resolved.folder.name);
      articles.push(...take(written, 'file' in resolved ? [resolved.file] : [...(resolved.folder.indexFile ? [resolved.folder.indexFile] : []), ...resolved.folder.articles]));
    }
    if (!articles.length) warnings.push(`"${entry.part}" in order names no article, so the part is left out; list its files: { part: ${entry.part}, articles: [01-a.md, …] }`);
    items.push({ title: entry.part, ...(entry.preface?.trim() ? { preface: entry.preface } : {}), articles });
  }
  const rest = [...found].sort(byName).filter((file) => !taken.has(file));
  for (const file of rest) warnings.push(`${file} is not listed in order; it is placed after the listed articles`);
  const unnamed = [...folders.keys()].filter((name) => !listedFolders.has(name));
  if (!grouped && unnamed.length) {
    warnings.push(`${unnamed.map((name) => `${name}/`).join(', ')} in the content folder ${unnamed.length === 1 ? 'is not a part' : 'are not parts'}, since book.yaml's order lists articles only: name a folder in order (- ${unnamed[0]}) or give { part: …, articles: […] } entries to make parts`);
  }
  return { items: [...items, ...rest], warnings };
}

function stripExtension(file: string): string {
  return file.slice(0, file.length - path.extname(file).length);
}
