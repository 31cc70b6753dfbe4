import path from 'node:path';
import type { Reader } from './types.js';

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
