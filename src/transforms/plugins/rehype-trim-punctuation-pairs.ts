import type { Element, ElementContent, Parents, Root, Text } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Transformer } from 'unified';
import { compresses, type Compression } from '../../locale/cjk-locale.js';
import { literalElements, phrasing } from '../../hast/hast-tools.js';

export type Options = {
  /** The language of the tree's text (the article's); `lang` attributes inside override it. */
  language: string;
  compression?: Compression;
};

/** Closing brackets: their blank half lies after the glyph. */
const closing = new Set([...'」』）》〉】〕〗〙｝］']);
/** Opening brackets: their blank half lies before the glyph. */
const opening = new Set([...'「『（《〈【〔〖〘｛［']);
/**
 * Marks that keep a full cell in vertical text (clreq: colon, semicolon, question and exclamation
 * marks are not adjustable there). Chromium's text-spacing-trim classifies a mark by its glyph's
 * ink box, and these vertical glyphs are taller than half a cell: it trims neither the bracket
 * before them nor the one after, so `》：` and `：「` keep two full cells.
 */
const unadjustable = new Set([...'：；！？']);

export const trimEndClass = 'trim-end';
export const trimStartClass = 'trim-start';

/**
 * Punctuation compression (标点挤压) where the browser leaves a hole in vertical text: a closing
 * bracket before `：；！？` and an opening bracket after them are wrapped in
 * `<span class="trim-end">` / `<span class="trim-start">`, which the stylesheets set with the
 * font's `vhal` (the half-width vertical metrics). Pairs of brackets and ，。、 are left to
 * `text-spacing-trim`, which handles them. Text in a language that does not compress (Taiwan
 * under `auto`), code and ruby text are left alone.
 */
export default function rehypeTrimPunctuationPairs(options: Options): Transformer<Root> {
  const setting = options.compression ?? 'auto';
  return (tree) => {
    // Most text has no such pair: the whole text (blocks run together, so this may see a pair
    // that is not one) decides whether the tree is walked at all.
    if (!candidate.test(toString(tree))) return;
    const marks = new Map<Text, Map<number, string>>();
    const blocks: Character[][] = [[]];
    collect(tree, options.language, blocks, setting, false);
    for (const block of blocks) {
      for (let index = 0; index + 1 < block.length; index++) {
        const [first, second] = [block[index]!, block[index + 1]!];
        if (!first.compress || !second.compress) continue;
        if (closing.has(first.character) && unadjustable.has(second.character)) mark(marks, first, trimEndClass);
        if (unadjustable.has(first.character) && opening.has(second.character)) mark(marks, second, trimStartClass);
      }
    }
    if (marks.size) split(tree, marks);
  };
}

const candidate = new RegExp(`[${[...closing].join('')}][${[...unadjustable].join('')}]|[${[...unadjustable].join('')}][${[...opening].join('')}]`, 'u');

interface Character {
  character: string;
  node: Text;
  offset: number;
  /** False in text that keeps full-width punctuation, or already wrapped. */
  compress: boolean;
}

/** Any character that is none of the marks: one shared entry, so long text costs no objects. */
const other: Character = { character: '', node: { type: 'text', value: '' }, offset: 0, compress: false };

function mark(marks: Map<Text, Map<number, string>>, at: Character, className: string): void {
  if (!marks.has(at.node)) marks.set(at.node, new Map());
  marks.get(at.node)!.set(at.offset, className);
}

/** The characters of the tree in reading order, one list per block (pairs never span blocks). */
function collect(parent: Parents, language: string, blocks: Character[][], setting: Compression, wrapped: boolean): void {
  for (const child of parent.children) {
    if (child.type === 'text') {
      const compress = !wrapped && compresses(language, setting);
      const block = blocks.at(-1)!;
      let offset = 0;
      for (const character of child.value) {
        if (closing.has(character) || opening.has(character) || unadjustable.has(character)) block.push({ character, node: child, offset, compress });
        else if (block.at(-1) !== other) block.push(other);
        offset += character.length;
      }
    } else if (child.type === 'element') {
      const inline = phrasing.has(child.tagName) && child.tagName !== 'br';
      if (!inline) blocks.push([]);
      if (literalElements.has(child.tagName) || child.tagName === 'rt' || child.tagName === 'rp') {
        blocks.push([]);
        continue;
      }
      const lang = typeof child.properties.lang === 'string' && child.properties.lang ? child.properties.lang : language;
      collect(child, lang, blocks, setting, wrapped || isTrimmed(child));
      if (!inline) blocks.push([]);
    }
  }
}

function isTrimmed(element: Element): boolean {
  const classes = element.properties.className;
  return Array.isArray(classes) && (classes.includes(trimEndClass) || classes.includes(trimStartClass));
}

/** Replaces each marked text node by text and one-character spans. */
function split(parent: Parents, marks: Map<Text, Map<number, string>>): void {
  const children: ElementContent[] = [];
  for (const child of parent.children as ElementContent[]) {
    if (child.type === 'element') split(child, marks);
    const at = child.type === 'text' ? marks.get(child) : undefined;
    if (!at || child.type !== 'text') {
      children.push(child);
      continue;
    }
    let last = 0;
    for (const offset of [...at.keys()].sort((a, b) => a - b)) {
      const end = offset + String.fromCodePoint(child.value.codePointAt(offset)!).length;
      if (offset > last) children.push({ type: 'text', value: child.value.slice(last, offset) });
      children.push({ type: 'element', tagName: 'span', properties: { className: [at.get(offset)!] }, children: [{ type: 'text', value: child.value.slice(offset, end) }] });
      last = end;
    }
    if (last < child.value.length) children.push({ type: 'text', value: child.value.slice(last) });
  }
  parent.children = children as typeof parent.children;
}
