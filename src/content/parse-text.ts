import type { Element, ElementContent, Root } from 'hast';
import type { ArticleMeta, FrontMatter } from './front-matter.js';

export type ParagraphMode = 'auto' | 'line' | 'blank' | 'indent';

export interface TextOptions {
  /** How paragraphs are separated; `auto` decides per article (see `paragraphModeOf`). */
  paragraphs: ParagraphMode;
  /** A line matching this separates posts: each piece becomes an article titled by its first line. */
  split?: RegExp | undefined;
  /** Short standalone lines that look like section titles become `h2`. */
  headings: boolean;
}

export interface TextArticle {
  tree: Root;
  meta: Partial<ArticleMeta>;
  /** Notes for the verbose report (which paragraph mode, which lines became headings). */
  notes: { message: string; line?: number }[];
}

interface Line {
  /** 1-based line number in the file. */
  number: number;
  text: string;
}

/**
 * Plain text → one article, or several when `split` separates posts. Without a title in front
 * matter, the first non-empty line is the title. Lines of one paragraph are joined with a line
 * break, which `rehype-join-cjk-lines` removes between CJK characters and turns into a space
 * elsewhere.
 */
export function parseTextArticles(text: string, frontMatter: FrontMatter | undefined, options: TextOptions): TextArticle[] {
  const body = frontMatter ? text.slice(frontMatter.length) : text;
  const offset = frontMatter ? frontMatter.lineCount : 0;
  const lines = body.split(/\r\n|\r|\n/).map((line, index): Line => ({ number: offset + index + 1, text: line }));
  const shared = { ...(frontMatter?.meta ?? {}) };
  if (!options.split) return [textArticle(lines, shared, options)];
  const pieces: Line[][] = [[]];
  for (const line of lines) {
    if (options.split.test(line.text.trimEnd())) pieces.push([]);
    else pieces.at(-1)!.push(line);
  }
  const { title: _title, ...common } = shared;
  const articles = pieces.filter((piece) => piece.some((line) => line.text.trim())).map((piece) => textArticle(piece, { ...common }, options));
  // A file without any separator is one article, and keeps its front-matter title.
  if (pieces.length === 1 && articles[0] && shared.title) return [textArticle(lines, shared, options)];
  return articles;
}

function textArticle(lines: Line[], meta: Partial<ArticleMeta>, options: TextOptions): TextArticle {
  const notes: TextArticle['notes'] = [];
  let rest = lines;
  if (!meta.title) {
    const first = lines.findIndex((line) => line.text.trim() !== '');
    if (first !== -1) {
      meta.title = lines[first]!.text.trim().replace(/^#+\s*/, '');
      rest = lines.slice(first + 1);
    }
  }
  const mode = options.paragraphs === 'auto' ? paragraphModeOf(rest) : options.paragraphs;
  if (options.paragraphs === 'auto' && mode !== 'line') notes.push({ message: `paragraphs are ${mode === 'blank' ? 'separated by blank lines (hard-wrapped lines joined)' : 'marked by indented first lines (wrapped lines joined)'}` });
  const paragraphs = splitParagraphs(rest, mode);
  const headings = options.headings ? headingIndexes(paragraphs) : new Set<number>();
  const children: ElementContent[] = paragraphs.map((paragraph, index) => {
    const first = paragraph[0]!;
    const last = paragraph.at(-1)!;
    const isHeading = headings.has(index);
    const value = paragraph.map((line) => clean(line.text)).join('\n');
    if (isHeading) notes.push({ message: `short standalone line taken as a section title: "${value}"`, line: first.number });
    const element: Element = {
      type: 'element',
      tagName: isHeading ? 'h2' : 'p',
      properties: {},
      children: [{ type: 'text', value: isHeading ? value.replace(/^#+\s*/, '') : value }],
      position: { start: { line: first.number, column: 1 }, end: { line: last.number, column: last.text.length + 1 } },
    };
    return element;
  });
  return { tree: { type: 'root', children }, meta, notes };
}

/** Indentation (spaces, tabs, full-width spaces) and trailing spaces go: the stylesheet indents. */
function clean(line: string): string {
  return line.replace(/^[\s\u3000\u00A0]+|[\s\u3000\u00A0]+$/gu, '');
}

const sentenceEnd = /[。！？!?…”」』）)."'：:]$/u;
const indented = /^(?:\u3000+|[ \t]{2,}|\u00A0{2,})\S/u;

/**
 * How a text separates paragraphs:
 * - `blank`: blank lines, and lines inside a block are hard-wrapped;
 * - `indent`: no blank lines, but paragraphs start with an indented line and the lines between
 *   are wrapped continuations;
 * - `line`: one paragraph per line (text copied from web pages and apps).
 * A line counts as wrapped when it does not end a sentence and is about as long as the longest
 * lines (hard wrapping fills lines to a width): short lines such as `0 notes` or a signature
 * are lines of their own, never continuations.
 */
export function paragraphModeOf(lines: Line[]): Exclude<ParagraphMode, 'auto'> {
  const texts = lines.map((line) => line.text.trim());
  const lengths = texts.filter(Boolean).map(columns).sort((a, b) => a - b);
  if (lengths.length < 2) return 'line';
  const width = lengths[Math.floor((lengths.length - 1) * 0.9)]!;
  const wrapped = (text: string) => !sentenceEnd.test(text) && columns(text) >= width * 0.75;

  const blocks: string[][] = [[]];
  for (const text of texts) {
    if (text === '') {
      if (blocks.at(-1)!.length) blocks.push([]);
    } else blocks.at(-1)!.push(text);
  }
  const filled = blocks.filter((block) => block.length > 0);
  const inner = filled.filter((block) => block.length > 1).flatMap((block) => block.slice(0, -1));
  if (filled.length >= 2 && inner.length >= 2 && share(inner, wrapped) >= 0.6) return 'blank';

  const raw = lines.map((line) => line.text.trimEnd());
  const nonEmpty = raw.filter((line) => line.trim() !== '');
  const starts = share(nonEmpty, (line) => indented.test(line));
  // Each line followed by an unindented one would be continued by it: it must look wrapped.
  const continued = raw.filter((line, index) => line.trim() !== '' && (raw[index + 1] ?? '').trim() !== '' && !indented.test(raw[index + 1]!));
  if (continued.length >= 2 && starts >= 0.1 && starts <= 0.9 && share(continued.map((line) => line.trim()), wrapped) >= 0.7) return 'indent';
  return 'line';
}

/** Width as a terminal or editor wraps it: CJK and full-width characters take two columns. */
function columns(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}]/u.test(char) ? 2 : 1;
  return width;
}

function share(lines: string[], test: (line: string) => boolean): number {
  return lines.length === 0 ? 0 : lines.filter(test).length / lines.length;
}

function splitParagraphs(lines: Line[], mode: Exclude<ParagraphMode, 'auto'>): Line[][] {
  const paragraphs: Line[][] = [];
  let current: Line[] = [];
  const flush = () => {
    if (current.length) paragraphs.push(current);
    current = [];
  };
  for (const line of lines) {
    if (line.text.trim() === '') {
      flush();
      continue;
    }
    if (mode === 'line' || (mode === 'indent' && indented.test(line.text))) flush();
    current.push(line);
  }
  flush();
  return paragraphs;
}

const numbered = /^(?:第[一二三四五六七八九十百零〇\d]+[章节節回部篇卷]|[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十]+[）)]|(?:chapter|part)\s+\w+|#{1,6}\s)/iu;

/**
 * Paragraphs that read as section titles: one short line, not ending like a sentence, between
 * longer paragraphs (never two in a row: that is a list). Numbered forms (`第三章`, `二、`,
 * `## `) may be a little longer.
 */
function headingIndexes(paragraphs: Line[][]): Set<number> {
  const candidates = new Set<number>();
  paragraphs.forEach((paragraph, index) => {
    if (paragraph.length !== 1 || index === paragraphs.length - 1) return;
    const text = clean(paragraph[0]!.text);
    const length = [...text].length;
    const latin = /^[\x20-\x7E]+$/.test(text);
    const limit = numbered.test(text) ? 40 : latin ? 50 : 18;
    if (length > limit || /[，。、；：,.;:]$/u.test(text)) return;
    const lengthOf = (other: Line[] | undefined) => (other ? [...clean(other.map((line) => line.text).join(''))].length : Infinity);
    if (!numbered.test(text) && (lengthOf(paragraphs[index + 1]) < length * 2 || lengthOf(paragraphs[index - 1]) < length * 2)) return;
    candidates.add(index);
  });
  return new Set([...candidates].filter((index) => !candidates.has(index - 1) && !candidates.has(index + 1)));
}
