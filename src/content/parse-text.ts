import type { Element, ElementContent, Root } from 'hast';
import { FrontMatterError, readFrontMatter, type ArticleMeta, type FrontMatter } from './front-matter.js';
import { findPostFrames, type ChromeLine, type Line, type PostFrames } from './post-frames.js';

export type ParagraphMode = 'auto' | 'line' | 'blank' | 'indent';

export interface TextOptions {
  /** How paragraphs are separated; `auto` decides per article (see `paragraphModeOf`). */
  paragraphs: ParagraphMode;
  /**
   * A line matching this separates posts (book.yaml `text.split`); `false`: the file is one
   * article; undefined: posts are recognised by the lines that frame them (see post-frames.ts).
   */
  split?: RegExp | false | undefined;
  /** Short standalone lines that look like section titles become `h2`. */
  headings: boolean;
  /** Known chrome lines (book.yaml `strip` with wenji's defaults): they help recognise post frames. */
  chrome?: ChromeLine[] | undefined;
}

export interface TextNote {
  message: string;
  line?: number;
  /** `info` for the verbose report (default); `warning` and `error` for check and the build. */
  severity?: 'info' | 'warning' | 'error';
  ruleId?: string;
}

export interface TextArticle {
  tree: Root;
  /** What front matter states: the file's (its title only when the file is one article) and the post's own. */
  meta: Partial<ArticleMeta>;
  /** Notes for the report (which paragraph mode, which lines became headings, the posts recognised). */
  notes: TextNote[];
  /** 1-based number of the post, when the file holds several (`dump.txt#2` in book.yaml `articles`). */
  piece?: number;
}

/**
 * Plain text → one article, or one per post when the file holds several: separated by
 * `split`, or framed by recurring chrome lines (a blog dump), which are removed. Posts left
 * without text are dropped. A post may start with its own `---` front matter. The title is not
 * taken here: normalization takes it from the first line once chrome and credit lines are gone.
 * Lines of one paragraph are joined with a line break, which `rehype-join-cjk-lines` removes
 * between CJK characters and turns into a space elsewhere.
 */
export function parseTextArticles(text: string, frontMatter: FrontMatter | undefined, options: TextOptions): TextArticle[] {
  const body = frontMatter ? text.slice(frontMatter.length) : text;
  const offset = frontMatter ? frontMatter.lineCount : 0;
  const lines = body.split(/\r\n|\r|\n/).map((line, index): Line => ({ number: offset + index + 1, text: line }));
  const shared = { ...(frontMatter?.meta ?? {}) };
  const frames = options.split === false ? undefined : findPostFrames(lines, options.chrome ?? []);
  let pieces: Line[][];
  if (options.split instanceof RegExp) {
    const separator = options.split;
    pieces = [[]];
    for (const line of lines) {
      if (separator.test(line.text.trimEnd())) pieces.push([]);
      else pieces.at(-1)!.push(line);
    }
  } else if (frames) pieces = splitAtFrames(lines, frames);
  else pieces = [lines];
  if (frames) {
    // What stands before the first frame or after the last one is a post only when it has text.
    pieces = pieces.filter((piece) => piece.some((line) => line.text.trim())).map((piece) => piece.filter((line) => !frames.frameLines.has(line.number)));
  }

  const kept = pieces.filter((piece) => piece.some((line) => line.text.trim()));
  const fileNotes: TextNote[] = [];
  if (frames) fileNotes.push({ message: framesNote(frames, kept.length, options.split instanceof RegExp) });
  // One article (no separator, or one post with text) keeps the file's front-matter title.
  if (kept.length <= 1) {
    const article = textArticle(kept[0] ?? lines.filter((line) => !frames?.frameLines.has(line.number)), shared, options);
    article.notes.unshift(...fileNotes);
    return [article];
  }
  const { title: _title, ...common } = shared;
  const articles = kept.map((piece, index) => textArticle(piece, { ...common }, options, index + 1));
  articles[0]!.notes.unshift(...fileNotes);
  return articles;
}

/** The posts between the frames (the frame lines themselves are dropped by the caller). */
function splitAtFrames(lines: Line[], frames: PostFrames): Line[][] {
  const pieces: Line[][] = [[]];
  let next = 0;
  lines.forEach((line, index) => {
    const boundary = frames.boundaries[next];
    if (boundary && index > boundary[1]) next++;
    const current = frames.boundaries[next];
    if (current && index === current[0]) pieces.push([]);
    if (!current || index < current[0] || index > current[1]) pieces.at(-1)!.push(line);
  });
  return pieces;
}

function framesNote(frames: PostFrames, kept: number, manual: boolean): string {
  const shown = frames.shapes.slice(0, 5).map((shape) => `“${shape.shown}” ×${shape.count}`).join(', ');
  const lines = frames.shapes.reduce((sum, shape) => sum + shape.count, 0);
  const empty = manual ? 0 : Math.max(0, frames.posts - kept);
  const posts = manual ? '' : `recognised ${kept} post${kept === 1 ? '' : 's'} by their frames; `;
  const dropped = empty ? `; ${empty} empty post${empty === 1 ? '' : 's'} dropped` : '';
  return `blog dump: ${posts}removed ${lines} frame line${lines === 1 ? '' : 's'} (${shown}${frames.shapes.length > 5 ? ', …' : ''})${dropped}`;
}

function textArticle(lines: Line[], meta: Partial<ArticleMeta>, options: TextOptions, piece?: number): TextArticle {
  const notes: TextNote[] = [];
  let rest = pieceFrontMatter(lines, meta, notes);
  // The first line with text (after any chrome lines) is a paragraph of its own: the title,
  // unless normalization finds it is not one.
  const head: Line[][] = [];
  const chrome = options.chrome ?? [];
  while (rest.length) {
    const [line] = rest;
    const text = line!.text.trim();
    rest = rest.slice(1);
    if (!text) continue;
    head.push([line!]);
    if (!chrome.some((pattern) => pattern.test(text.replace(/[\s\u3000]+/g, ' ')))) break;
  }
  const mode = options.paragraphs === 'auto' ? paragraphModeOf(rest) : options.paragraphs;
  if (options.paragraphs === 'auto' && mode !== 'line') notes.push({ message: `paragraphs are ${mode === 'blank' ? 'separated by blank lines (hard-wrapped lines joined)' : 'marked by indented first lines (wrapped lines joined)'}` });
  const paragraphs = [...head, ...splitParagraphs(rest, mode)];
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
  const article: TextArticle = { tree: { type: 'root', children }, meta, notes };
  if (piece !== undefined) article.piece = piece;
  return article;
}

/**
 * A post's own front matter (`---` block at its start): its keys win over the file's. A broken
 * block is an error naming its line, and is left out of the text.
 */
function pieceFrontMatter(lines: Line[], meta: Partial<ArticleMeta>, notes: TextNote[]): Line[] {
  const start = lines.findIndex((line) => line.text.trim() !== '');
  if (start === -1 || !/^---[ \t]*$/.test(lines[start]!.text)) return lines;
  const from = lines.slice(start);
  const base = from[0]!.number - 1;
  let block: FrontMatter | undefined;
  try {
    block = readFrontMatter(from.map((line) => line.text).join('\n'));
  } catch (error) {
    if (!(error instanceof FrontMatterError)) throw error;
    notes.push({ message: error.message, line: base + error.line, severity: 'error', ruleId: 'front-matter' });
    const end = from.findIndex((line, index) => index > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(line.text));
    return end === -1 ? lines : from.slice(end + 1);
  }
  if (!block) return lines;
  for (const warning of block.warnings) notes.push({ message: warning.message, line: base + warning.line, severity: 'warning', ruleId: warning.rule });
  Object.assign(meta, block.meta);
  return from.slice(block.lineCount);
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
