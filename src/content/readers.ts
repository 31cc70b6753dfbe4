import path from 'node:path';
import type { VFile } from 'vfile';
import type { FrontMatter } from './front-matter.js';
import type { ParsedArticle, ParseOptions } from './types.js';

/** What a reader is given besides the file: front matter already read, the file-name title, the book's settings. */
export interface ReaderInput {
  frontMatter: FrontMatter | undefined;
  /** The last title candidate: the file name without its numeric prefix. */
  fileTitle: string;
  options: ParseOptions;
}

/**
 * One source format (pandoc's readers table): the files it reads, how their bytes are taken,
 * and its parser, loaded on first use (a book of Markdown never loads the HTML parser). Adding a
 * format is one entry here and its parser module in readers/; a file no entry claims is not read.
 */
export interface Reader {
  /** The format's name, kept on each file (`file.data.format`) and in cache keys. */
  format: string;
  /** File extensions, lower case with their dot; the first names a file saved in this format. */
  extensions: readonly string[];
  /** Media types a web server sends the format as (`wenji add`). */
  mediaTypes: readonly string[];
  /**
   * `text`: decoded into `file.value` (byte-order mark, declared charset, detection; a file no
   * encoding reads cleanly is reported); `binary`: `file.value` holds the bytes.
   */
  encoding: 'text' | 'binary';
  /** The format declares its charset inside (`<meta charset>`), which decoding reads. */
  declaresCharset?: boolean;
  /** YAML front matter: read at the top of every file (`always`) or only when the file starts with `---` (`marked`). */
  frontMatter: 'always' | 'marked' | 'never';
  /** Source → hast trees, one per article the file holds (a text dump may hold several). */
  read(file: VFile, input: ReaderInput): Promise<ParsedArticle[]>;
}

export const readers: readonly Reader[] = [
  {
    format: 'markdown',
    extensions: ['.md', '.markdown'],
    mediaTypes: ['text/markdown', 'text/x-markdown'],
    encoding: 'text',
    frontMatter: 'always',
    read: async (file, input) => (await import('./readers/markdown.js')).readMarkdown(file, input),
  },
  {
    format: 'html',
    extensions: ['.html', '.htm', '.xhtml'],
    mediaTypes: ['text/html', 'application/xhtml+xml'],
    encoding: 'text',
    declaresCharset: true,
    // Saved pages never start with `---`; an HTML file that does carries front matter (as in Jekyll).
    frontMatter: 'marked',
    // The HTML parser (parse5), readability and CSS selectors are large.
    read: async (file, input) => (await import('./readers/html.js')).readHtml(file, input),
  },
  {
    format: 'text',
    extensions: ['.txt', '.text'],
    mediaTypes: ['text/plain'],
    encoding: 'text',
    frontMatter: 'always',
    read: async (file, input) => (await import('./readers/text.js')).readText(file, input),
  },
];

/** Every extension some reader reads, in registry order. */
export const articleExtensions: readonly string[] = readers.flatMap((reader) => reader.extensions);

/** The reader of a file, by its extension (case-insensitive); undefined when none reads it. */
export function readerForPath(file: string, among: readonly Reader[] = readers): Reader | undefined {
  const extension = path.extname(file).toLowerCase();
  return among.find((reader) => reader.extensions.includes(extension));
}

export function readerForFormat(format: string | undefined): Reader | undefined {
  return readers.find((reader) => reader.format === format);
}

/** The reader of a media type (without parameters, lower case). */
export function readerForMediaType(type: string): Reader | undefined {
  return readers.find((reader) => reader.mediaTypes.includes(type));
}

/** A file path without its extension when some reader reads that extension (`02-essay.md` → `02-essay`). */
export function withoutArticleExtension(file: string): string {
  return readerForPath(file) ? file.slice(0, file.length - path.extname(file).length) : file;
}
