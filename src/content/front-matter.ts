import { LineCounter, parseDocument } from 'yaml';
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
}

const list = z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]).transform((value) =>
  (Array.isArray(value) ? value : String(value).split(/[,，、;；]\s*/u)).map((item) => String(item).trim()).filter(Boolean),
);
const text = z.union([z.string(), z.number()]).transform((value) => String(value).trim());
const date = z.union([z.string(), z.number(), z.date()]).transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).trim()));

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
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = (syntax.linePos?.[0]?.line ?? 0) + 1;
    throw new FrontMatterError(`invalid YAML front matter: ${(syntax.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}; fix the block between the --- lines`, line);
  }
  const data: unknown = doc.toJS();
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
        warnings.push({ message: `front-matter key "${key}" has the wrong type (expected ${key === 'extract' ? 'true or false' : 'text'}${key === 'tags' || key.startsWith('author') || key === 'translator' ? ' or a list' : ''}); ignored`, line: lineOfKey, rule: 'front-matter-type' });
        continue;
      }
      assign(meta, key, parsed.data);
    }
  }
  return { meta, lineCount: block.split('\n').length - (block.endsWith('\n') ? 1 : 0), length: block.length, warnings };
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

/** Line (1-based, counting the opening fence) on which a top-level key is written. */
function lineOf(yamlText: string, key: string): number {
  const index = yamlText.split(/\r?\n/).findIndex((line) => line.startsWith(`${key}:`) || line.startsWith(`"${key}":`));
  return index === -1 ? 1 : index + 2;
}
