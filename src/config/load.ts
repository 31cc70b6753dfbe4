import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { yamlValue } from './yaml-value.js';
import type { z } from 'zod';
import { WenjiError } from '../errors.js';
import { configKeys, configSchema, type Config, type ConfigInput } from './schema.js';

export interface LoadConfigOptions {
  /** The book folder; `book.yaml` is looked for here. */
  dir: string;
  /** An explicit config file (`--config`); it must exist. */
  configPath?: string | undefined;
  /** Values from the command line; they win over the file. */
  overrides?: Partial<ConfigInput>;
}

export interface LoadedConfig {
  config: Config;
  /** The line of book.yaml on which a key is written (`['articles', 'dump.txt#2']`), when known. */
  lineOfKey?: (keyPath: string[]) => number | undefined;
  /** Absolute path of the config file, or undefined when none was used. */
  file: string | undefined;
  /** Folder that relative paths in the config (cover, order) are resolved against. */
  dir: string;
}

export const defaultConfigNames = ['book.yaml', 'book.yml'];

export function findConfig(dir: string): string | undefined {
  return defaultConfigNames.map((name) => path.join(dir, name)).find((file) => existsSync(file));
}

export function loadConfig(options: LoadConfigOptions): LoadedConfig {
  const dir = path.resolve(options.dir);
  const file = options.configPath ? path.resolve(options.configPath) : findConfig(dir);
  if (options.configPath && (!file || !existsSync(file))) {
    throw new WenjiError('config', 'config file not found; check the --config path', { file: options.configPath });
  }
  const overrides = dropUndefined(options.overrides ?? {});
  let raw: Record<string, unknown> = {};
  let doc: Document | undefined;
  const lines = new LineCounter();
  const shown = file ? path.relative(process.cwd(), file) || file : 'book.yaml';

  if (file) {
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
    const syntax = doc.errors[0];
    if (syntax) {
      const pos = syntax.linePos?.[0];
      throw new WenjiError('config', `${pos ? `line ${pos.line}: ` : ''}invalid YAML: ${firstLine(syntax.message).replace(/ at line \d+, column \d+:?$/, '')}`, { file: shown });
    }
    const read = yamlValue(doc, lines);
    if (!read.ok) throw new WenjiError('config', `${read.line ? `line ${read.line}: ` : ''}invalid YAML: ${read.message}`, { file: shown });
    const value = read.value;
    if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
      throw new WenjiError('config', 'expected key: value pairs (title: …, author: …)', { file: shown });
    }
    raw = (value as Record<string, unknown> | null) ?? {};
  }

  if (raw.title === undefined && overrides.title === undefined) {
    const hint = file ? 'add `title: …` to it' : 'create book.yaml with `title: …`, or pass --title';
    throw new WenjiError('config', `the book has no title: ${hint}`, { file: shown });
  }

  const result = configSchema.safeParse({ ...raw, ...overrides });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem${result.error.issues.length > 2 ? 's' : ''})` : '';
    throw new WenjiError('config', `${describeIssue(issue, { ...raw, ...overrides }, doc, lines)}${more}`, { file: shown });
  }
  const loaded: LoadedConfig = { config: result.data, file, dir: file ? path.dirname(file) : dir };
  if (doc) {
    const parsed = doc;
    loaded.lineOfKey = (keyPath) => Number(/^line (\d+)/.exec(lineOf(parsed, lines, keyPath, true))?.[1]) || undefined;
  }
  return loaded;
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown, doc: Document | undefined, lines: LineCounter): string {
  const keyPath = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const where = lineOf(doc, lines, [...keyPath, key], true);
    const parent = keyPath.length ? `"${keyPath.join('.')}"` : 'the book';
    const known = keyPath.length ? '' : `; known keys: ${configKeys.join(', ')}`;
    const suggestion = keyPath.length ? '' : closest(key, configKeys);
    return `${where}unknown key "${key}" in ${parent}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}${known}`;
  }
  // A bad mapping key is on the key's own line.
  const where = lineOf(doc, lines, keyPath, issue.code === 'invalid_key');
  const name = issue.path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i ? '.' : ''}${String(key)}`)).join('') || 'config';
  const received = describeReceived(valueAt(raw, issue.path));
  const generic = /^Invalid (input|option)/.test(issue.message);
  let message = generic ? issue.message.replace(/^Invalid input: /, '') : `${issue.message}${received}`;
  if (generic && issue.code === 'invalid_type') message = `expected ${issue.expected === 'array' ? 'a list' : issue.expected}${received}`;
  if (issue.code === 'invalid_value') message = `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}${received}`;
  // A mapping's key (`articles: { "a.txt#0": … }`): what is wrong is the key itself.
  if (issue.code === 'invalid_key') message = `${issue.issues[0]?.message ?? issue.message}, got the key "${String(issue.path.at(-1))}"`;
  return `${where}"${name}": ${message}`;
}

function valueAt(raw: unknown, keyPath: PropertyKey[]): unknown {
  let value = raw;
  for (const key of keyPath) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

function describeReceived(input: unknown): string {
  if (input === undefined) return ', but it is missing';
  if (input === null) return ', got an empty value';
  if (Array.isArray(input)) return ', got a list';
  if (typeof input === 'object') return ', got a mapping';
  const shown = String(input).length > 40 ? `${String(input).slice(0, 40)}…` : String(input);
  return `, got ${typeof input === 'string' ? `"${shown}"` : `${typeof input} ${shown}`}`;
}

function lineOf(doc: Document | undefined, lines: LineCounter, keyPath: string[], keyItself: boolean): string {
  if (!doc || keyPath.length === 0) return '';
  let offset: number | undefined;
  if (keyItself) {
    const parent = keyPath.length > 1 ? doc.getIn(keyPath.slice(0, -1), true) : doc.contents;
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === keyPath.at(-1));
      if (pair && isScalar(pair.key)) offset = pair.key.range?.[0];
    }
  } else {
    const node = doc.getIn(keyPath, true) as { range?: [number, number, number] } | undefined;
    offset = node?.range?.[0];
  }
  return offset === undefined ? '' : `line ${lines.linePos(offset).line}: `;
}

/** The known key nearest to a typo, when it is close enough to be a likely intent. */
function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
