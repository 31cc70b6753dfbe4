import type { ElementContent, Parents, Root } from 'hast';
import type { Transformer } from 'unified';
import { literalElements } from '../hast-tools.js';

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

function wrap(parent: Parents, pattern: RegExp): void {
  const result: ElementContent[] = [];
  const children = parent.children as ElementContent[];
  for (const [index, child] of children.entries()) {
    if (child.type === 'element') {
      if (!literalElements.has(child.tagName) && !(child.properties.className as string[] | undefined)?.includes('tcy') && !isLatin(child)) wrap(child, pattern);
      result.push(child);
      continue;
    }
    if (child.type !== 'text') {
      result.push(child);
      continue;
    }
    const text = child.value;
    const before = neighbourText(children, index, -1);
    const after = neighbourText(children, index, 1);
    let last = 0;
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      const previous = start > 0 ? text[start - 1] : before;
      const next = end < text.length ? text[end] : after;
      if ((previous !== undefined && latinNeighbour.test(previous)) || (next !== undefined && latinNeighbour.test(next))) continue;
      if (/^\d/.test(match[0]) && ((previous !== undefined && /\s/.test(previous) && latinNeighbour.test(text[start - 2] ?? '')) || (next !== undefined && /\s/.test(next) && /[A-Za-z]/.test(text[end + 1] ?? '')))) continue;
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

/** The character just outside a text node, looking through sibling elements' text. */
function neighbourText(children: ElementContent[], index: number, direction: 1 | -1): string | undefined {
  const sibling = children[index + direction];
  if (!sibling) return undefined;
  const text = plainText(sibling);
  return direction === -1 ? text.at(-1) : text[0];
}

function plainText(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(plainText).join('');
  return '';
}
