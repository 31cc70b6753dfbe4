import type { VFile } from 'vfile';
import { FrontMatterError, readFrontMatter, type FrontMatter } from './front-matter.js';
import type { TextOptions } from './parse-text.js';
import { readerForFormat } from './readers.js';
import { titleFromFileName } from './title-candidates.js';
import { ParseError, type ParsedArticle, type ParseOptions } from './types.js';

const defaultText: TextOptions = { paragraphs: 'auto', headings: false };

/** md → mdast → hast, html → hast, txt → hast: the readers meet only at hast. The first article of the file. */
export async function parseArticle(file: VFile, options: ParseOptions): Promise<ParsedArticle> {
  const [first] = await parseArticles(file, { ...options, text: { ...(options.text ?? defaultText), split: false } });
  return first!;
}

/**
 * The file's articles, read by the reader of its format (`file.data.format`, see readers.ts)
 * after its front matter: a plain-text file holding several posts (separated by book.yaml
 * `text.split`, or framed like a blog dump) gives one article per post.
 */
export async function parseArticles(file: VFile, options: ParseOptions): Promise<ParsedArticle[]> {
  const reader = readerForFormat(file.data.format);
  if (!reader) throw new ParseError(`no reader for the format "${file.data.format ?? 'unknown'}"`, 1, 'unreadable');
  const text = reader.encoding === 'text' ? String(file.value) : '';
  let frontMatter: FrontMatter | undefined;
  if (reader.frontMatter === 'always' || (reader.frontMatter === 'marked' && text.startsWith('---'))) {
    try {
      frontMatter = readFrontMatter(text);
    } catch (error) {
      if (error instanceof FrontMatterError) throw new ParseError(error.message, error.line, 'front-matter');
      throw error;
    }
    for (const warning of frontMatter?.warnings ?? []) {
      file.message(warning.message, { place: { line: warning.line, column: 1 }, ruleId: warning.rule, source: 'wenji' });
    }
  }
  return reader.read(file, { frontMatter, fileTitle: titleFromFileName(file.data.contentPath ?? file.path), options: { ...options, text: options.text ?? defaultText } });
}
