import { z } from 'zod';
import { compressionModes } from '../locale/cjk-locale.js';

/** A name or a list of names: `author: 周岚` or `author: [周岚, 陈默]`. */
const names = z.union([z.string().min(1), z.array(z.string().min(1))], {
  error: 'expected a name or a list of names',
});

const isoDate = z
  .union([z.string(), z.date()], { error: 'expected a date like 2024-05-01' })
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value.trim()))
  .refine((value) => /^\d{4}(-\d{2}(-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?)?)?$/.test(value), {
    error: 'expected a date like 2024-05-01 (YYYY, YYYY-MM or YYYY-MM-DD)',
  });

export const writingModes = ['vertical', 'horizontal'] as const;
export type WritingMode = (typeof writingModes)[number];

/** Page sizes of the PDF: ISO A5 (default), JIS B6, A4, and two e-reader screens. */
export const pageSizes = ['a5', 'b6', 'a4', '6in', '7in'] as const;
export type PageSize = (typeof pageSizes)[number];

/** Where a PDF article begins: on a recto (`recto`, a blank page before it if needed) or on the next page (`any`). */
export const articleStarts = ['recto', 'any'] as const;
export type ArticleStart = (typeof articleStarts)[number];

/** A part of the book (辑) in `order`: its title, its files (a folder stands for its articles), an optional preface. */
const orderPart = z.strictObject(
  {
    part: z.string({ error: 'expected the part\'s title as text' }).trim().min(1, { error: 'the part\'s title must not be empty' }),
    articles: z.array(z.string().min(1), { error: 'expected a list of files (or folders) relative to the content folder' }),
    preface: z.string({ error: 'expected the preface as text' }).optional(),
  },
  { error: 'expected { part: title, articles: [files…] } (and optionally preface)' },
);
const orderFile = z.string({ error: 'expected a file or folder relative to the content folder, or { part: title, articles: [files…] }' }).min(1);

/**
 * An entry of `order`: a file or folder of content/, or a part. Checked against the one schema
 * its shape asks for, so that a mistake inside a part (`articels:`) is reported as itself rather
 * than as "matches neither".
 */
const orderEntry = z.unknown().transform((value, context) => {
  const result = (typeof value === 'object' && value !== null && !Array.isArray(value) ? orderPart : orderFile).safeParse(value);
  if (result.success) return result.data;
  // An unknown key first: it usually explains the missing one.
  const issues = [...result.error.issues].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'));
  for (const issue of issues) context.issues.push({ ...issue, input: value } as (typeof context.issues)[number]);
  return z.NEVER;
});
export type OrderEntry = z.output<typeof orderEntry>;

// ─── Real-world articles (issue 4): value types used by the block at the end of the schema ───
export const spacingModes = ['css', 'insert', 'none'] as const;
export type SpacingMode = (typeof spacingModes)[number];
export const conversions = ['none', 's2t', 's2tw', 's2twp', 's2hk', 't2s', 'tw2s', 'hk2s'] as const;
export type Conversion = (typeof conversions)[number];

/** A regular expression given as text; it must compile. */
const regexSource = z.string().min(1, { error: 'expected a regular expression (an empty one matches every line)' }).refine((value) => compiles(value, 'u'), { error: 'expected a valid regular expression' });

/** A `strip` entry: plain text, or `/regex/flags`. */
const stripPattern = z
  .string()
  .min(1)
  .refine((value) => !/^\/.*\/[a-z]*$/s.test(value) || compiles(value.slice(1, value.lastIndexOf('/')), `${value.slice(value.lastIndexOf('/') + 1)}u`), {
    error: 'expected plain text or a valid /regex/ (flags i, m, s)',
  });

/**
 * `articles:` keys: a file relative to the content folder (`03-page.html`, the extension may be
 * left out), or one post of a file holding several (`dump.txt#2`, counted from 1).
 */
const articleKey = z.string().regex(/^[^#]+(?:#[1-9]\d*)?$/, { error: 'expected a file in the content folder, or FILE#N for its Nth post (counted from 1)' });

/** What book.yaml may say about one article; it wins over the article's own front matter. */
const articleOverride = z.strictObject(
  {
    title: z.string({ error: 'expected the title as text' }).trim().min(1, { error: 'the title must not be empty' }).optional(),
    author: names.optional(),
    translator: names.optional(),
    source: z.string().trim().min(1).optional(),
    url: z.string().trim().regex(/^https?:\/\//, { error: 'expected a web address (http:// or https://)' }).optional(),
    date: isoDate.optional(),
    tags: names.optional(),
  },
  { error: 'expected title, author, translator, source, url, date or tags for the article' },
);

function compiles(source: string, flags: string): boolean {
  try {
    new RegExp(source, [...new Set(flags)].join(''));
    return true;
  } catch {
    return false;
  }
}
// ─── end ───

/**
 * book.yaml. Every key is optional except `title` (which `--title` can supply);
 * unknown keys are rejected so a typo never passes silently.
 */
export const configSchema = z.strictObject({
  title: z.string({ error: 'expected the book title as text' }).trim().min(1, { error: 'the title must not be empty' }),
  subtitle: z.string().optional(),
  author: names.optional(),
  editor: names.optional(),
  language: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'expected a BCP 47 language tag such as zh-Hans, zh-Hant, ja or en' })
    .default('zh-Hans'),
  identifier: z.string().min(1).optional(),
  date: isoDate.optional(),
  publisher: z.string().optional(),
  description: z.string().optional(),
  cover: z.string().min(1).optional(),
  /** Output file name without extension; defaults to a slug of the title. */
  slug: z
    .string()
    .regex(/^[^/\\:*?"<>|\s.][^/\\:*?"<>|]*$/u, { error: 'expected a file name without slashes or reserved characters' })
    .optional(),
  /**
   * Reading order: files relative to the content folder, folders (a part each), and parts as
   * `{ part: title, articles: [files…] }`.
   */
  order: z.array(orderEntry, { error: 'expected a list of file names relative to the content folder (or folders, and { part, articles } entries)' }).optional(),

  /** The printed book. */
  pdf: z
    .strictObject({
      /** Default: vertical for Chinese and Japanese books, horizontal otherwise. */
      writingMode: z.enum(writingModes).optional(),
      pageSize: z.enum(pageSizes).default('a5'),
      /** “” ‘’ → 「」『』 in vertical text (`corner`) or as written (`keep`). */
      quotes: z.enum(['corner', 'keep']).default('corner'),
      /** Contents: 1 = articles, 2 = articles and their sections. */
      tocDepth: z.union([z.literal(1), z.literal(2)]).default(1),
      /** A closing page listing each article's source. */
      colophon: z.boolean().default(true),
      /** Default: recto for vertical books, any for horizontal ones and e-reader screens (6in, 7in). */
      articleStart: z.enum(articleStarts).optional(),
    })
    .default({ pageSize: 'a5', quotes: 'corner', tocDepth: 1, colophon: true }),

  /** The e-book. */
  epub: z
    .strictObject({
      /** Default: horizontal (many readers cannot show vertical text). */
      writingMode: z.enum(writingModes).default('horizontal'),
      /** Embed a subset of the bundled CJK serif font. */
      embedFont: z.boolean().default(false),
      quotes: z.enum(['corner', 'keep']).default('corner'),
    })
    .default({ writingMode: 'horizontal', embedFont: false, quotes: 'corner' }),
  // ─── Real-world articles (issue 4): extraction, chrome removal, plain text, CJK typography ───

  /** Saved web pages: keep only the main article (readability). `false` keeps the whole body. */
  extract: z.boolean({ error: 'expected true or false' }).default(true),

  /**
   * Page chrome removed when a whole paragraph (or `<br>` line) is exactly it. A list extends
   * wenji's defaults; `{ defaults: false, patterns: [...] }` replaces them; `false` turns removal
   * off. An entry is plain text (the whole paragraph) or `/regex/flags` (anchored to the whole
   * paragraph).
   */
  strip: z
    .union([
      z.literal(false),
      z.array(stripPattern),
      z.strictObject({ defaults: z.boolean().default(true), patterns: z.array(stripPattern).default([]) }),
    ], { error: 'expected a list of lines or /regex/ patterns, { defaults, patterns }, or false' })
    .default([]),

  /** Plain-text articles (`.txt`). */
  text: z
    .strictObject({
      /** `auto`: blank-line paragraphs when lines are hard-wrapped, indented first lines, else one paragraph per line. */
      paragraphs: z.enum(['auto', 'line', 'blank', 'indent']).default('auto'),
      /**
       * A line matching this regex separates posts in one file (`^={3,}$`); `false`: a file is
       * always one article. Unset: blog dumps are split where the lines framing each post stand.
       */
      split: z.union([regexSource, z.literal(false)], { error: 'expected a regular expression, or false' }).optional(),
      /** Short standalone lines that look like section titles become `h2` (opt-in). */
      headings: z.boolean().default(false),
    })
    .default({ paragraphs: 'auto', headings: false }),

  /** CJK text normalization (Chinese articles; spacing also Japanese). */
  typography: z
    .strictObject({
      /** `,:;!?()` next to CJK → `，：；！？（）`, `.` ending a CJK sentence → `。`. */
      punctuation: z.boolean().default(true),
      /** `...`/`。。。` → `……`, `--`/`－－` → `——`. */
      dashes: z.boolean().default(true),
      /** Straight quotes in CJK context → “” ‘’. */
      quotes: z.boolean().default(true),
      /** Space between CJK and Latin/digits: inserted as a space character (`insert`, a quarter em), drawn by CSS (`css`, 1/8 em in Chromium), or none. */
      spacing: z.enum(spacingModes).default('insert'),
      /** Simplified ↔ traditional conversion (opencc). */
      convert: z.enum(conversions).default('none'),
      /** Acronyms of up to three capitals (AI, GDP) upright in vertical text. Default: Japanese yes, Chinese no. */
      uprightCapitals: z.boolean({ error: 'expected true or false' }).optional(),
      /** Punctuation compression (标点挤压): by the text's locale (`auto`: off for Taiwan), always, or never. */
      compression: z.enum(compressionModes).default('auto'),
    })
    .default({ punctuation: true, dashes: true, quotes: true, spacing: 'insert', convert: 'none', compression: 'auto' }),
  // ─── end of real-world articles ───

  /**
   * Per-article metadata, keyed by file (`03-page.html`) or post (`dump.txt#2`): it wins over
   * front matter and over what wenji finds in the text.
   */
  articles: z.record(articleKey, articleOverride, { error: 'expected a mapping of files (or FILE#N) to { title, author, … }' }).optional(),
});

export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;

export const configKeys = Object.keys(configSchema.shape);
