import type { ElementContent, Parents, Root } from 'hast';
import type { Transformer } from 'unified';
import { literalElements, phrasing } from '../../hast/hast-tools.js';

export type Options = {
  /** Longest digit run set upright in one cell, tate-chu-yoko (default 2: `17`岁, `3`台). */
  maxDigits?: number;
  /**
   * Longest digit run whose digits stand upright one below the other (default 4: `1974`年,
   * `100`人), so that every number of a date stands the same way (`2023`年`3`月`1`日). Longer
   * numbers lie on their side with the Latin text. 0 turns it off.
   */
  uprightDigits?: number;
  /**
   * Longest run of capital letters standing alone in CJK text (AI, PMF, GDP) set upright one
   * below the other (default 0: rotated, as Latin words are; Japanese books use 3).
   */
  uprightCapitals?: number;
};

/** Characters that make a run part of a longer Latin token (3.5, 1,000, A4, 10:30, v2, GDPs). */
const latinNeighbour = /[A-Za-z0-9.,:/_\-+%°]/;

/** Classes this plugin gives; text already inside them is not wrapped again. */
const ownClasses = ['tcy', 'upright-run'];

/**
 * Numbers and acronyms in vertical text (docs/typography.md, "Numbers and Latin letters in
 * vertical text"). A short digit run such as 17 or 3 (and a `!?`-style pair) standing alone in
 * CJK text is set upright in one cell — tate-chu-yoko, `<span class="tcy">`, which the
 * stylesheets give `text-combine-upright: all`. A run of three or four digits, and optionally
 * an acronym of a few capitals, is wrapped in `<span class="upright-run">` (`text-orientation:
 * upright`): its characters stand one below the other. Longer numbers and Latin words are left
 * to rotate with the line.
 */
export default function rehypeTateChuYoko(options: Options = {}): Transformer<Root> {
  const limits = {
    tcy: Math.max(1, Math.min(4, options.maxDigits ?? 2)),
    uprightDigits: Math.max(0, Math.min(4, options.uprightDigits ?? 4)),
    uprightCapitals: Math.max(0, Math.min(4, options.uprightCapitals ?? 0)),
  };
  return (tree) => {
    wrap(tree, limits);
  };
}

type Limits = { tcy: number; uprightDigits: number; uprightCapitals: number };

/** The class a standalone run gets, or undefined when it is left to rotate. */
function classFor(run: string, limits: Limits): string | undefined {
  if (/^[!?]/.test(run)) return 'tcy';
  if (/^\d/.test(run)) return run.length <= limits.tcy ? 'tcy' : run.length <= limits.uprightDigits ? 'upright-run' : undefined;
  return run.length <= limits.uprightCapitals ? 'upright-run' : undefined;
}

const pattern = /\d+|[A-Z]+|[!?]{2}/g;

/**
 * `outside` is the text just before and after `parent` (two characters each way), so that a number
 * at an element boundary (`A<em>4</em>纸`, `<em>20</em>24年`) is judged with its real neighbours.
 */
function wrap(parent: Parents, limits: Limits, outside: { before: string; after: string } = { before: '', after: '' }): void {
  const result: ElementContent[] = [];
  const children = parent.children as ElementContent[];
  for (const [index, child] of children.entries()) {
    const previousText = siblingText(children, index, -1);
    const nextText = siblingText(children, index, 1);
    const before = previousText.open ? (outside.before + previousText.text).slice(-2) : previousText.text;
    const after = nextText.open ? (nextText.text + outside.after).slice(0, 2) : nextText.text;
    if (child.type === 'element') {
      const inline = phrasing.has(child.tagName);
      const own = (child.properties.className as string[] | undefined)?.some((name) => ownClasses.includes(name));
      if (!literalElements.has(child.tagName) && !own && !isLatin(child)) wrap(child, limits, inline ? { before, after } : undefined);
      result.push(child);
      continue;
    }
    if (child.type !== 'text') {
      result.push(child);
      continue;
    }
    const text = child.value;
    // The text with its neighbours' characters around it; `offset` maps indices into `text`.
    const context = before + text + after;
    const offset = before.length;
    let last = 0;
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      const previous = context[offset + start - 1];
      const next = context[offset + end];
      if ((previous !== undefined && latinNeighbour.test(previous)) || (next !== undefined && latinNeighbour.test(next))) continue;
      // A `!?` pair is one cell only when it stands alone: `!!!` or `!?!?` is left to rotate.
      if (/^[!?]/.test(match[0]) && /[!?]/.test((previous ?? '') + (next ?? ''))) continue;
      // A number or acronym next to a Latin word across a space belongs to it (iPhone 12, 12 Pro, AI Lab).
      if (/^[\dA-Z]/.test(match[0]) && ((previous !== undefined && /\s/.test(previous) && latinNeighbour.test(context[offset + start - 2] ?? '')) || (next !== undefined && /\s/.test(next) && /[A-Za-z]/.test(context[offset + end + 1] ?? '')))) continue;
      const className = classFor(match[0], limits);
      if (!className) continue;
      // Upright characters are set solid with the ideographs around them (jlreq 3.2.4, 3.2.5):
      // a space typed or inserted between them (`在 2023 年`) would open a gap in the column.
      const from = start > last && text[start - 1] === ' ' ? start - 1 : start;
      if (from > last) result.push({ type: 'text', value: text.slice(last, from) });
      result.push({ type: 'element', tagName: 'span', properties: { className: [className] }, children: [{ type: 'text', value: match[0] }] });
      last = text[end] === ' ' ? end + 1 : end;
    }
    if (last === 0) result.push(child);
    else if (last < text.length) result.push({ type: 'text', value: text.slice(last) });
  }
  parent.children = result as typeof parent.children;
}

function isLatin(element: { properties: Record<string, unknown> }): boolean {
  const lang = element.properties.lang;
  return typeof lang === 'string' && !/^(zh|ja|ko)/i.test(lang);
}

/**
 * Up to two characters of the siblings' text just before (-1) or after (1) `children[index]`,
 * up to a block, a line break or an image (the text does not run on across those). `open` when
 * the siblings ran out first, so the text outside the parent comes next.
 */
function siblingText(children: ElementContent[], index: number, direction: 1 | -1): { text: string; open: boolean } {
  let text = '';
  for (let i = index + direction; i >= 0 && i < children.length && text.length < 2; i += direction) {
    const node = children[i]!;
    if (node.type === 'element' && (!phrasing.has(node.tagName) || node.tagName === 'br' || node.tagName === 'img')) return { text: cut(text, direction), open: false };
    const sibling = plainText(node);
    text = direction === -1 ? sibling + text : text + sibling;
  }
  return { text: cut(text, direction), open: text.length < 2 };
}

const cut = (text: string, direction: 1 | -1) => (direction === -1 ? text.slice(-2) : text.slice(0, 2));

/** Text as read in the line: ruby annotations (`rt`, `rp`) are not part of it. */
function plainText(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' && node.tagName !== 'rt' && node.tagName !== 'rp') return node.children.map(plainText).join('');
  return '';
}
