import type { ElementContent, Parents, Root, Text } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Transformer } from 'unified';
import { isCjk, isFullWidthPunctuation } from '../cjk-characters.js';
import { literalElements } from '../hast-tools.js';

export type Options = Record<string, never>;

/**
 * A soft line break in the source (Markdown hard-wrapped mid-sentence, HTML source lines)
 * renders as a space. Between two CJK characters that space is wrong, so the break and the
 * indentation around it are removed; elsewhere it becomes a single space. Spaces next to
 * full-width punctuation (`**问：** 您`, `好 。`) go too: the punctuation carries its own space.
 */
export default function rehypeJoinCjkLines(_options: Options = {}): Transformer<Root> {
  return (tree) => {
    join(tree);
  };
}

function join(parent: Parents): void {
  const children = parent.children as ElementContent[];
  children.forEach((child, index) => {
    if (child.type === 'element') {
      if (!literalElements.has(child.tagName)) join(child);
      return;
    }
    if (child.type !== 'text' || !/[\s\u00A0]/.test(child.value)) return;
    child.value = joinLines(child, lastChar(children, index - 1), firstChar(children, index + 1));
  });
}

function joinLines(node: Text, before: string | undefined, after: string | undefined): string {
  const text = node.value;
  return text.replace(/[ \t\u00A0\r\n]+/g, (match, offset: number) => {
    const previous = offset > 0 ? [...text.slice(0, offset)].at(-1) : before;
    const next = offset + match.length < text.length ? [...text.slice(offset + match.length)][0] : after;
    const newline = match.includes('\n');
    if (previous === undefined || next === undefined) return newline ? '' : match;
    if (newline) return isCjk(previous) && isCjk(next) ? '' : ' ';
    return isCjk(previous) && isCjk(next) && (isFullWidthPunctuation(previous) || isFullWidthPunctuation(next)) ? '' : match;
  });
}

function lastChar(children: ElementContent[], index: number): string | undefined {
  for (let i = index; i >= 0; i--) {
    const text = toString(children[i]!);
    if (text) return [...text].at(-1);
  }
  return undefined;
}

function firstChar(children: ElementContent[], index: number): string | undefined {
  for (let i = index; i < children.length; i++) {
    const text = toString(children[i]!);
    if (text) return [...text][0];
  }
  return undefined;
}
