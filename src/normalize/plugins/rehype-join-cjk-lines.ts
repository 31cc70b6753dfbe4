import type { ElementContent, Parents, Root, Text } from 'hast';
import type { Transformer } from 'unified';
import { isCjk, isFullWidthPunctuation } from '../../locale/cjk-characters.js';
import { literalElements, phrasing } from '../../hast/hast-tools.js';

export type Options = Record<string, never>;

/**
 * A soft line break in the source (Markdown hard-wrapped mid-sentence, HTML source lines)
 * renders as a space. Between two CJK characters that space is wrong, so the break and the
 * indentation around it are removed; elsewhere it becomes a single space. Spaces next to
 * full-width punctuation (`**问：** 您`, `好 。`) go too: the punctuation carries its own space.
 */
export default function rehypeJoinCjkLines(_options: Options = {}): Transformer<Root> {
  return (tree) => {
    join(tree, undefined, undefined);
  };
}

/**
 * `before`/`after`: the characters just outside `parent` in the same run of text (the parent is
 * inline), so that `中文<em>\n强调</em>` and `English<a>\n链接</a>` see both sides of the break.
 */
function join(parent: Parents, before: string | undefined, after: string | undefined): void {
  const children = parent.children as ElementContent[];
  children.forEach((child, index) => {
    if (child.type === 'element') {
      if (literalElements.has(child.tagName)) return;
      // A ruby annotation is text of its own, not part of the line around it.
      if (child.tagName === 'rt' || child.tagName === 'rp') join(child, undefined, undefined);
      else if (phrasing.has(child.tagName)) join(child, lastChar(children, index - 1, before), firstChar(children, index + 1, after));
      else join(child, undefined, undefined);
      return;
    }
    if (child.type !== 'text' || !/[\s\u00A0]/.test(child.value)) return;
    child.value = joinLines(child, lastChar(children, index - 1, before), firstChar(children, index + 1, after));
  });
}

function joinLines(node: Text, before: string | undefined, after: string | undefined): string {
  const text = node.value;
  return text.replace(/[ \t\u00A0\r\n]+/g, (match, offset: number) => {
    const previous = offset > 0 ? [...text.slice(0, offset)].at(-1) : before;
    const next = offset + match.length < text.length ? [...text.slice(offset + match.length)][0] : after;
    const newline = match.includes('\n');
    // Whitespace that continues into the next node is decided there, once, with both neighbours
    // seen (otherwise `中文\n</rt>\n”` keeps a space a second run would remove).
    if (offset + match.length === text.length && next !== undefined && /[\s\u00A0]/.test(next)) return '';
    if (previous === undefined || next === undefined) return newline ? '' : match;
    if (newline) return isCjk(previous) && isCjk(next) ? '' : ' ';
    return isCjk(previous) && isCjk(next) && (isFullWidthPunctuation(previous) || isFullWidthPunctuation(next)) ? '' : match;
  });
}

/** The last visible character before `index` in this run of text; a block element ends the run. */
function lastChar(children: ElementContent[], index: number, outside: string | undefined): string | undefined {
  for (let i = index; i >= 0; i--) {
    const child = children[i]!;
    if (isBlock(child)) return undefined;
    const text = visibleText(child);
    if (text) return [...text].at(-1);
  }
  return outside;
}

function firstChar(children: ElementContent[], index: number, outside: string | undefined): string | undefined {
  for (let i = index; i < children.length; i++) {
    const child = children[i]!;
    if (isBlock(child)) return undefined;
    const text = visibleText(child);
    if (text) return [...text][0];
  }
  return outside;
}

function isBlock(node: ElementContent): boolean {
  return node.type === 'element' && !phrasing.has(node.tagName);
}

/** The text a reader sees in the line: ruby annotations (`rt`, `rp`) are not part of it. */
function visibleText(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element' || node.tagName === 'rt' || node.tagName === 'rp') return '';
  return node.children.map(visibleText).join('');
}
