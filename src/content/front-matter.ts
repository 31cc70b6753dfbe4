import { LineCounter, parseDocument } from 'yaml';
import { isCalendarDate, looksIsoDate } from '../config/calendar-date.js';
import { yamlValue } from '../config/yaml-value.js';
import { z } from 'zod';

/** What an article may say about itself, in front matter or in HTML `<meta>`. */
export interface ArticleMeta {
  title?: string;
  authors: string[];
  translators: string[];
  source?: string;
  url?: string;
  date?: string;
  tags: string[];
  /** `false`: a saved page is kept whole instead of narrowed to its main article. */
  extract?: boolean;
  /** The article's language (front matter `lang`, or `language`), a canonical BCP 47 tag. */
  language?: string;
}

const list = z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]).transform((value) =>
  (Array.isArray(value) ? value : String(value).split(/[,，、;；]\s*/u)).map((item) => String(item).trim()).filter(Boolean),
);
const text = z.union([z.string(), z.number()]).transform((value) => String(value).trim());
const date = z
  .union([z.string(), z.number(), z.date()])
  .transform((value) => (value instanceof Date ? (Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString().slice(0, 10)) : String(value).trim()))
  // Free text is kept as written (`2024年5月`); an ISO date must be one the calendar has.
  .refine((value) => !looksIsoDate(value) || isCalendarDate(value), { error: 'expected a date the calendar has (month 01–12, a day the month has)' })
  .refine((value) => value !== 'invalid', { error: 'expected a date' });

const fields = {
  title: text,
  author: list,
  authors: list,
  translator: list,
  source: text,
  url: text,
  date,
  tags: list,
  extract: z.boolean(),
  lang: text,
  language: text,
} as const;

export const frontMatterKeys = Object.keys(fields);

export interface FrontMatter {
  meta: Partial<ArticleMeta>;
  /** Lines the block occupies, so a reader can blank them and keep positions. */
  lineCount: number;
  /** Length in characters of the whole block including its fences. */
  length: number;
  warnings: { message: string; line: number; rule: string }[];
}

export class FrontMatterError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const fence = /^---[ \t]*\r?\n([\s\S]*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

/** Reads a leading `---` YAML block. Returns undefined when the text has none. */
export function readFrontMatter(text: string): FrontMatter | undefined {
  if (!text.startsWith('---')) return undefined;
  const match = fence.exec(text);
  if (!match || match.index !== 0) return undefined;
  const block = match[0];
  const yamlText = match[1] ?? '';
  const data = frontMatterData(yamlText);
  const warnings: FrontMatter['warnings'] = [];
  const meta: Partial<ArticleMeta> = {};
  if (data !== null && data !== undefined) {
    if (typeof data !== 'object' || Array.isArray(data)) {
      throw new FrontMatterError('front matter must be `key: value` lines (title: …, author: …)', 2);
    }
    for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
      const lineOfKey = lineOf(yamlText, key);
      const schema = fields[key as keyof typeof fields];
      if (!schema) {
        warnings.push({ message: `unknown front-matter key "${key}" ignored (known: ${frontMatterKeys.join(', ')})`, line: lineOfKey, rule: 'front-matter-key' });
        continue;
      }
      if (value === null || value === undefined) continue;
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        const problem = key === 'date' && typeof value === 'string' ? `is not a date the calendar has: ${JSON.stringify(value)} (month 01–12, a day the month has)` : `has the wrong type (expected ${key === 'extract' ? 'true or false' : 'text'}${key === 'tags' || key.startsWith('author') || key === 'translator' ? ' or a list' : ''})`;
        warnings.push({ message: `front-matter key "${key}" ${problem}; ignored`, line: lineOfKey, rule: 'front-matter-type' });
        continue;
      }
      if (key === 'lang' || key === 'language') {
        const tag = languageTag(String(parsed.data));
        if (!tag) {
          warnings.push({ message: `front-matter key "${key}" is not a language tag: ${JSON.stringify(String(parsed.data))} (expected a BCP 47 tag such as zh-Hans, zh-Hant, ja, en, fr); ignored`, line: lineOfKey, rule: 'front-matter-type' });
          continue;
        }
        // `lang` (pandoc's name) wins over `language` (book.yaml's) when a file has both.
        if (key === 'lang' || !('lang' in (data as Record<string, unknown>))) meta.language = tag;
        continue;
      }
      assign(meta, key, parsed.data);
    }
  }
  return { meta, lineCount: block.split('\n').length - (block.endsWith('\n') ? 1 : 0), length: block.length, warnings };
}

/**
 * The block's data. Front matter is nearly always `key: text` lines, which YAML reads as strings:
 * those are read here (the YAML library takes about a millisecond a block); anything else — a
 * list, a quote, a number, a comment, a repeated key — goes to YAML, with the same result.
 * `fast: false` always uses YAML (tests compare the two).
 */
export function frontMatterData(yamlText: string, fast = true): unknown {
  const simple = fast ? simpleMapping(yamlText) : undefined;
  if (simple) return simple;
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = (syntax.linePos?.[0]?.line ?? 0) + 1;
    throw new FrontMatterError(`invalid YAML front matter: ${(syntax.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}; fix the block between the --- lines`, line);
  }
  const read = yamlValue(doc, lines);
  // Lines of the file: the block starts after its `---` line.
  if (!read.ok) throw new FrontMatterError(`invalid YAML front matter: ${read.message}; fix the block between the --- lines`, (read.line ?? 0) + 1);
  return read.value;
}

function simpleMapping(yamlText: string): Record<string, string> | undefined {
  const data: Record<string, string> = {};
  let any = false;
  for (const line of yamlText.split('\n')) {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (/^[ \t]*$/.test(text)) continue;
    const match = /^([A-Za-z][A-Za-z0-9_]*): +(.*?)[ \t]*$/.exec(text);
    if (!match) return undefined;
    const [, key, value] = match as unknown as [string, string, string];
    // Keys YAML reads as booleans or null, repeated keys and typed values go to YAML.
    if (Object.hasOwn(data, key) || /^(?:true|false|null)$/i.test(key) || !plainText(value)) return undefined;
    data[key] = value;
    any = true;
  }
  return any ? data : undefined;
}

/** A plain scalar that YAML's core schema reads as this very string. */
function plainText(value: string): boolean {
  if (value === '' || /[\t\r]/.test(value)) return false;
  // Indicators at the start; a comment, a mapping or a trailing colon inside.
  if (/^[-?:,[\]{}#&*!|>'"%@`~]/.test(value) || / #|: |:$/.test(value)) return false;
  // Numbers, booleans and null in any spelling YAML knows (a date stays text).
  if (/^[+.]/.test(value) || (/^\d/.test(value) && !/^\d{4}-\d{2}-\d{2}(?:[Tt ][\d:.]+(?:Z|[-+]\d{2}:?\d{2})?)?$/.test(value))) return false;
  if (/^(?:true|false|null|~|\.inf|\.nan)$/i.test(value)) return false;
  return true;
}

function assign(meta: Partial<ArticleMeta>, key: string, value: string | string[] | boolean): void {
  if (typeof value === 'boolean') {
    if (key === 'extract') meta.extract = value;
    return;
  }
  const one = (v: string | string[]) => (Array.isArray(v) ? v.join('、') : v);
  const many = (v: string | string[]) => (Array.isArray(v) ? v : [v]);
  switch (key) {
    case 'title':
    case 'source':
    case 'url':
    case 'date':
      if (one(value)) meta[key] = one(value);
      break;
    case 'author':
    case 'authors':
      meta.authors = [...(meta.authors ?? []), ...many(value)];
      break;
    case 'translator':
      meta.translators = many(value);
      break;
    case 'tags':
      meta.tags = many(value);
      break;
  }
}

/**
 * A well-formed BCP 47 tag in its canonical case (`zh-hant` → `zh-Hant`), or undefined. An
 * underscore (`zh_TW`, as locales are written on Unix) is read as a hyphen.
 */
export function languageTag(value: string): string | undefined {
  const candidate = value.trim().replace(/_/g, '-');
  if (!/^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/.test(candidate)) return undefined;
  try {
    return Intl.getCanonicalLocales(candidate)[0];
  } catch {
    return undefined;
  }
}

/** Line (1-based, counting the opening fence) on which a top-level key is written. */
function lineOf(yamlText: string, key: string): number {
  const index = yamlText.split(/\r?\n/).findIndex((line) => line.startsWith(`${key}:`) || line.startsWith(`"${key}":`));
  return index === -1 ? 1 : index + 2;
}
