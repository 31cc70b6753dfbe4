import type { z } from 'zod';
import { configSchema } from '../config/schema.js';
import { version } from '../paths.js';

/** What a key means and a value to show when it has no default. Keys missing here still appear. */
interface KeyDoc {
  text: string;
  example?: string;
}

/** Reader-facing notes for book.yaml; the keys, types and defaults themselves come from the schema. */
const docs: Record<string, KeyDoc> = {
  title: { text: 'The book title (required, or pass --title).' },
  subtitle: { text: 'Shown on the title page under the title.', example: '副标题' },
  author: { text: 'The book’s author: a name, or a list such as [周岚, 陈默].', example: '作者' },
  editor: { text: 'The editor(s) of the anthology: a name or a list.', example: '编者' },
  language: { text: 'BCP 47 tag: zh-Hans, zh-Hant, ja, en… It sets the labels (目录…) and the default writing mode.' },
  identifier: { text: 'dc:identifier (an ISBN or URN). Default: a UUID derived from title, people and language, stable across builds.', example: 'urn:isbn:9780000000000' },
  date: { text: 'Publication date, YYYY, YYYY-MM or YYYY-MM-DD. Default: SOURCE_DATE_EPOCH, else the time of the build.', example: '2026-01-01' },
  publisher: { text: 'The publisher.', example: '出版者' },
  description: { text: 'A sentence about the book. Default: a list of the articles.', example: '一句话介绍这本书。' },
  cover: { text: 'Cover image, relative to this file.', example: 'images/cover.jpg' },
  slug: { text: 'Output file name without extension (out/<slug>.epub). Default: made from the title.', example: 'my-book' },
  order: { text: 'Articles in reading order, relative to content/ (the extension may be left out). Default: by file name, numbers compared as numbers.', example: '[01-first, 02-second]' },
  pdf: { text: 'The printed book (wenji pdf).' },
  'pdf.writingMode': { text: 'vertical (縦排, right to left) or horizontal. Default: vertical for Chinese and Japanese books, else horizontal.', example: 'vertical' },
  'pdf.pageSize': { text: 'a5, b6, a4, or the e-reader screens 6in and 7in.' },
  'pdf.quotes': { text: 'corner turns “” ‘’ into corner brackets in vertical text (mainland Chinese 『』 outside 「」; Taiwan, Hong Kong, Japanese 「」 outside 『』, Taiwan and Hong Kong in horizontal text too); keep leaves them.' },
  'pdf.tocDepth': { text: 'Contents: 1 lists the articles, 2 also their sections.' },
  'pdf.colophon': { text: 'A closing page listing each article’s author, source, date and URL.' },
  'pdf.articleStart': { text: 'recto starts every article on a recto (the right-hand page of a horizontal book, the left-hand page of a vertical one), after a blank page when needed; any on the next page. Default: recto for vertical books, any for horizontal ones and the 6in/7in screens.', example: 'recto' },
  epub: { text: 'The e-book (wenji epub).' },
  'epub.writingMode': { text: 'vertical or horizontal; many readers cannot show vertical text.' },
  'epub.embedFont': { text: 'Embed subsets of the CJK serifs (Noto Serif SC, TC or JP, by each text’s language).' },
  'epub.quotes': { text: 'As pdf.quotes, for the EPUB.' },
  'typography.uprightCapitals': { text: 'Acronyms of up to three capitals (AI, GDP) stand upright in vertical text. Default: yes for Japanese, no for Chinese.', example: 'true' },
  'text.split': {
    text: 'A regular expression a line separating the posts of one .txt file matches, or false (each file is one article). Default: none (blog dumps are split where the lines framing each post stand).',
    example: "'^={3,}$'",
  },
  articles: {
    text: 'Per-article title, author, translator, source, url, date or tags, keyed by file (03-page.html) or by post of a file holding several (dump.txt#2, counted from 1). Wins over front matter.',
    example: '{ "dump.txt#2": { title: 标题, author: 作者 } }',
  },
  'typography.compression': { text: 'Punctuation compression (标点挤压): auto follows each text’s language (off for Taiwan: zh-TW, zh-Hant), on, or off.' },
};

type AnySchema = z.core.$ZodType;

interface KeyInfo {
  hasDefault: boolean;
  defaultValue: unknown;
  /** The schema under optional/default wrappers. */
  inner: AnySchema;
}

function describeKey(schema: AnySchema): KeyInfo {
  let current = schema;
  let hasDefault = false;
  let defaultValue: unknown;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: AnySchema; defaultValue?: unknown };
    if (def.type === 'default' && def.innerType) {
      hasDefault = true;
      defaultValue = def.defaultValue;
      current = def.innerType;
    } else if ((def.type === 'optional' || def.type === 'nullable') && def.innerType) current = def.innerType;
    else return { hasDefault, defaultValue, inner: current };
  }
}

/** The keys of an object schema, or undefined when the schema is not an object. */
function shapeOf(schema: AnySchema): Record<string, AnySchema> | undefined {
  const def = schema._zod.def as { type: string; shape?: Record<string, AnySchema> };
  return def.type === 'object' && def.shape ? def.shape : undefined;
}

/** Choices of an enum or a union of literals, for the comment. */
function choicesOf(schema: AnySchema): unknown[] | undefined {
  const def = schema._zod.def as { type: string; entries?: Record<string, unknown>; options?: AnySchema[]; values?: unknown[] };
  if (def.type === 'enum' && def.entries) return Object.values(def.entries);
  if (def.type === 'union' && def.options?.every((option) => (option._zod.def as { type: string }).type === 'literal')) {
    return def.options.flatMap((option) => (option._zod.def as unknown as { values: unknown[] }).values);
  }
  return undefined;
}

function yamlValue(value: unknown): string {
  if (typeof value === 'string') return /^[\w\u3000-\u9fff\uff00-\uffef-][^:#]*$/u.test(value) && !/^(true|false|null|yes|no|~|\d)/i.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value);
}

/** Schema-provided text wins (a `.describe()` added later), then wenji's notes, then nothing. */
function textFor(key: string, schema: AnySchema): string | undefined {
  const described = (schema as { description?: string }).description;
  return described ?? docs[key]?.text;
}

export interface TemplateOptions {
  title: string;
  /** Written uncommented when given. */
  language?: string | undefined;
}

/**
 * A commented book.yaml listing every key of the config schema, read from the schema itself so
 * that it cannot fall behind it: the title set, every other key commented out with its default
 * (or an example when it has none). Removing the "# " before a key sets it.
 */
export function bookYamlTemplate(options: TemplateOptions): string {
  const lines = [
    `# book.yaml — the settings of this anthology (written by wenji ${version} init).`,
    '# Every key wenji knows is listed. A line "# key: value" is left at its default: remove',
    '# the "# " to change it. Unknown keys are refused, so a typo never passes silently.',
  ];
  const shape = shapeOf(configSchema)!;
  for (const [key, schema] of Object.entries(shape)) {
    lines.push('');
    lines.push(...keyLines(key, key, schema, 0, options));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * One key as lines. A key left at its default is commented out as a whole block ("# " before
 * each line), so removing that "# " gives valid YAML; notes inside a block stay comments.
 */
function keyLines(path: string, key: string, schema: AnySchema, depth: number, options: TemplateOptions): string[] {
  const info = describeKey(schema);
  const choices = choicesOf(info.inner);
  const children = shapeOf(info.inner);
  const notes = [textFor(path, schema) ?? textFor(path, info.inner) ?? ''];
  if (choices && !choices.every((choice) => notes[0]!.includes(String(choice)))) notes.push(`One of: ${choices.join(', ')}.`);
  if (!children && path !== 'title') notes.push(info.hasDefault ? `Default: ${yamlValue(info.defaultValue)}.` : /Default:/.test(notes[0]!) ? '' : 'Default: none.');
  const note = notes.filter(Boolean).join(' ');
  const indent = '  '.repeat(depth);
  const prose = wrap(note, 92 - indent.length).map((line) => (depth === 0 ? `# ${line}` : `# ${indent}# ${line}`));
  if (depth === 0 && key === 'title') return [...prose, `title: ${yamlValue(options.title)}`];
  if (depth === 0 && key === 'language' && options.language) return [...prose, `language: ${yamlValue(options.language)}`];
  if (children) {
    const nested = Object.entries(children).flatMap(([child, childSchema]) => keyLines(`${path}.${child}`, child, childSchema, depth + 1, options));
    return [...prose, `# ${indent}${key}:`, ...nested];
  }
  const value = info.hasDefault ? yamlValue(info.defaultValue) : (docs[path]?.example ?? (choices ? yamlValue(choices[0]) : '""'));
  return [...prose, `# ${indent}${key}: ${value}`];
}

/** Breaks prose at spaces so that comment lines stay readable in an 100-column editor. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Keys whose notes wenji has (for the test that keeps this table in step with the schema). */
export const documentedKeys = Object.keys(docs);
