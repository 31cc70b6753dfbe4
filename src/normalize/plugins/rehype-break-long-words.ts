import type { Element, ElementContent, Root, Text } from 'hast';
import type { Transformer } from 'unified';
import { toString } from 'hast-util-to-string';

export type Options = {
  /** Runs without a break opportunity longer than this are broken up (default 1,000 characters). */
  maxRun?: number;
};

/** Shown of a link whose text is its own over-long address. */
const shownOfAddress = 60;
/** A break opportunity every this many characters of an over-long run. */
const chunk = 80;

/**
 * A run of thousands of characters without a space (a pasted 100 KB URL, base64) makes the
 * browser's line breaking search for a break it cannot find, line after line: minutes in the
 * PDF, then a failed print. Such runs get break opportunities (`<wbr>`) every 80 characters; a
 * link whose text is such an address shows its start and an ellipsis (the address itself is
 * kept). Reported once per article (`long-word`). Ordinary long words (under `maxRun`) are
 * rehype-warn-oversized's, which only reports them.
 */
export default function rehypeBreakLongWords(options: Options = {}): Transformer<Root> {
  const maxRun = options.maxRun ?? 1000;
  const longRun = new RegExp(`[\\x21-\\x7E\\u00A0-\\u02FF]{${maxRun + 1},}`);
  return (tree, file) => {
    let longest = 0;
    const pending: (Root | Element)[] = [tree];
    while (pending.length > 0) {
      const node = pending.pop()!;
      const children: ElementContent[] = [];
      for (const child of node.children as ElementContent[]) {
        if (child.type === 'element') {
          if (child.tagName === 'a' && longRun.test(toString(child))) {
            longest = Math.max(longest, toString(child).length);
            child.children = [{ type: 'text', value: `${toString(child).slice(0, shownOfAddress)}…` }];
          } else if (child.tagName !== 'pre' && child.tagName !== 'code') pending.push(child);
          children.push(child);
          continue;
        }
        if (child.type !== 'text' || !longRun.test(child.value)) {
          children.push(child);
          continue;
        }
        longest = Math.max(longest, longRun.exec(child.value)![0].length);
        children.push(...broken(child));
      }
      node.children = children as typeof node.children;
    }
    if (longest > 0) {
      file.message(`a ${longest}-character string without spaces was given a break opportunity every ${chunk} characters (a link showing such an address shows its start); split it, or make it a link with text`, {
        place: { line: 1, column: 1 },
        ruleId: 'long-word',
        source: 'wenji',
      });
    }
  };
}

function broken(text: Text): ElementContent[] {
  const out: ElementContent[] = [];
  const value = text.value;
  let at = 0;
  for (const match of value.matchAll(/\S{81,}/g)) {
    const start = match.index;
    if (start > at) out.push({ type: 'text', value: value.slice(at, start) });
    for (let i = 0; i < match[0].length; i += chunk) {
      if (i > 0) out.push({ type: 'element', tagName: 'wbr', properties: {}, children: [] });
      out.push({ type: 'text', value: match[0].slice(i, i + chunk) });
    }
    at = start + match[0].length;
  }
  if (at < value.length) out.push({ type: 'text', value: value.slice(at) });
  return out;
}
