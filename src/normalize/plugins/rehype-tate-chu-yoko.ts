import type { ElementContent, Parents, Root } from 'hast';
import type { Transformer } from 'unified';
import { literalElements, phrasing } from '../hast-tools.js';

export type Options = {
  /** Longest digit run set upright in one cell (default 2: `17`岁, `3`台). */
  maxDigits?: number;
};

/** Characters that make a digit run part of a longer Latin token (3.5, 1,000, A4, 10:30, v2). */
const latinNeighbour = /[A-Za-z0-9.,:/_\-+%°]/;

/**
 * Tate-chu-yoko (縦中横): in vertical text a short number such as 17 or 3 is set upright in one
 * cell instead of lying on its side. Short digit runs (and `!?`-style pairs) standing alone in
 * CJK text are wrapped in `<span class="tcy">`; the stylesheets give that class
 * `text-combine-upright: all`. Longer numbers and Latin tokens are left to rotate.
 */
export default function rehypeTateChuYoko(options: Options = {}): Transformer<Root> {
  const max = Math.max(1, Math.min(4, options.maxDigits ?? 2));
  const pattern = new RegExp(`\\d{1,${max}}|[!?]{2}`, 'g');
  return (tree) => {
    wrap(tree, pattern);
  };
}

/**
 * `outside` is the text just before and after `parent` (two characters each way), so that a number
 * at an element boundary (`A<em>4</em>纸`, `<em>20</em>24年`) is judged with its real neighbours.
 */
function wrap(parent: Parents, pattern: RegExp, outside: { before: string; after: string } = { before: '', after: '' }): void {
  const result: ElementContent[] = [];
  const children = parent.children as ElementContent[];
  for (const [index, child] of children.entries()) {
    const previousText = siblingText(children, index, -1);
    const nextText = siblingText(children, index, 1);
    const before = previousText.open ? (outside.before + previousText.text).slice(-2) : previousText.text;
    const after = nextText.open ? (nextText.text + outside.after).slice(0, 2) : nextText.text;
    if (child.type === 'element') {
      const inline = phrasing.has(child.tagName);
      if (!literalElements.has(child.tagName) && !(child.properties.className as string[] | undefined)?.includes('tcy') && !isLatin(child)) wrap(child, pattern, inline ? { before, after } : undefined);
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
      if (/^\d/.test(match[0]) && ((previous !== undefined && /\s/.test(previous) && latinNeighbour.test(context[offset + start - 2] ?? '')) || (next !== undefined && /\s/.test(next) && /[A-Za-z]/.test(context[offset + end + 1] ?? '')))) continue;
      if (start > last) result.push({ type: 'text', value: text.slice(last, start) });
      result.push({ type: 'element', tagName: 'span', properties: { className: ['tcy'] }, children: [{ type: 'text', value: match[0] }] });
      last = end;
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
