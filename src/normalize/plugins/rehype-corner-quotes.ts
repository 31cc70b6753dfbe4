import type { Element, Root, Text } from 'hast';
import type { Transformer } from 'unified';
import { isCjk } from '../cjk-characters.js';
import { literalElements, phrasing } from '../hast-tools.js';

export type Options = Record<string, never>;

const corner: Record<string, string> = { '“': '「', '”': '」', '‘': '『', '’': '』' };

/**
 * Vertical Chinese is quoted with corner brackets: “ ” → 「 」 and ‘ ’ → 『 』 (the curly quotes
 * lie on their side in vertical text and look wrong). Latin-language elements are left alone,
 * and a ’ between two Latin letters stays an apostrophe (don’t, O’Neill).
 */
export default function rehypeCornerQuotes(_options: Options = {}): Transformer<Root> {
  return (tree) => {
    const runs: Text[][] = [[]];
    collect(tree, runs);
    for (const run of runs) convertRun(run);
  };
}

/**
 * One run of prose (a paragraph-level block): context is read across its inline elements, never
 * across blocks. A quote converts when CJK stands near it; an opening and its closing quote
 * convert together, so a pair is never half curly, half corner (他说：“I love you”).
 */
function convertRun(texts: Text[]): void {
  const joined = texts.map((node) => node.value).join('');
  const convert = new Map<number, boolean>();
  const open: Record<string, number[]> = { '“': [], '‘': [] };
  for (let index = 0; index < joined.length; index++) {
    const quote = joined[index]!;
    if (!/[“”‘’]/.test(quote)) continue;
    const before = joined[index - 1];
    const after = joined[index + 1];
    if ((quote === '’' || quote === '‘') && /[A-Za-z]/.test(before ?? '') && /[A-Za-z]/.test(after ?? '')) continue;
    convert.set(index, cjkAround(joined, index));
    if (quote === '“' || quote === '‘') open[quote]!.push(index);
    else {
      const opening = open[quote === '”' ? '“' : '‘']!.pop();
      if (opening !== undefined && (convert.get(opening) || convert.get(index))) {
        convert.set(opening, true);
        convert.set(index, true);
      }
    }
  }
  let offset = 0;
  for (const node of texts) {
    const start = offset;
    offset += node.value.length;
    node.value = node.value.replace(/[“”‘’]/g, (quote, at: number) => (convert.get(start + at) ? (corner[quote] ?? quote) : quote));
  }
}

function collect(node: Root | Element, runs: Text[][]): void {
  for (const child of node.children) {
    if (child.type === 'text') runs.at(-1)!.push(child);
    else if (child.type === 'element' && !literalElements.has(child.tagName) && !isLatinElement(child)) {
      if (phrasing.has(child.tagName)) collect(child, runs);
      else {
        // A block starts a run of its own, and the text after it another.
        runs.push([]);
        collect(child, runs);
        runs.push([]);
      }
    }
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
