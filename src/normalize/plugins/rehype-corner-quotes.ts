import type { Element, Root } from 'hast';
import type { Transformer } from 'unified';
import { isCjk } from '../cjk-characters.js';
import { literalElements } from '../hast-tools.js';

export type Options = Record<string, never>;

const corner: Record<string, string> = { '“': '「', '”': '」', '‘': '『', '’': '』' };

/**
 * Vertical Chinese is quoted with corner brackets: “ ” → 「 」 and ‘ ’ → 『 』 (the curly quotes
 * lie on their side in vertical text and look wrong). Latin-language elements are left alone,
 * and a ’ between two Latin letters stays an apostrophe (don’t, O’Neill).
 */
export default function rehypeCornerQuotes(_options: Options = {}): Transformer<Root> {
  return (tree) => {
    const texts: { node: { value: string } }[] = [];
    collect(tree, texts);
    // Context across node boundaries: join the run of prose, decide per quote, write back.
    const joined = texts.map(({ node }) => node.value).join('');
    let offset = 0;
    for (const { node } of texts) {
      const start = offset;
      node.value = node.value.replace(/[“”‘’]/g, (quote, at: number) => {
        const index = start + at;
        const before = joined[index - 1];
        const after = joined[index + 1];
        if ((quote === '’' || quote === '‘') && /[A-Za-z]/.test(before ?? '') && /[A-Za-z]/.test(after ?? '')) return quote;
        if (!cjkAround(joined, index)) return quote;
        return corner[quote] ?? quote;
      });
      offset += node.value.length;
    }
  };
}

function collect(node: Root | Element, texts: { node: { value: string } }[]): void {
  for (const child of node.children) {
    if (child.type === 'text') texts.push({ node: child });
    else if (child.type === 'element' && !literalElements.has(child.tagName) && !isLatinElement(child)) collect(child, texts);
  }
}

function isLatinElement(element: Element): boolean {
  const lang = element.properties.lang;
  return typeof lang === 'string' && !/^(zh|ja|ko)/i.test(lang);
}

/** A quote is Chinese when a CJK character stands within a few characters on either side. */
function cjkAround(text: string, index: number): boolean {
  for (let distance = 1; distance <= 3; distance++) {
    if (isCjk(text[index - distance]) && !/[“”‘’]/.test(text[index - distance]!)) return true;
    if (isCjk(text[index + distance]) && !/[“”‘’]/.test(text[index + distance]!)) return true;
  }
  return false;
}
