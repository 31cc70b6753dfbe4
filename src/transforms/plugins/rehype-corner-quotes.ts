import type { Element, Root, Text } from 'hast';
import type { Transformer } from 'unified';
import { isCjk } from '../../locale/cjk-characters.js';
import { chineseConvention } from '../../locale/chinese-locale.js';
import { literalElements, phrasing } from '../../hast/hast-tools.js';

/**
 * Which corner bracket a curly quote becomes (docs/typography.md, "Quotation marks"):
 * - `white-outer`, mainland China (GB/T 15834—2011): double quotes come first, and in vertical
 *   text “ ” → 『 』 and ‘ ’ → 「 」;
 * - `white-inner`, Taiwan and Hong Kong (重訂標點符號手冊) and Japan (JIS X 4051, jlreq):
 *   「 」 come first, 『 』 inside them, so “ ” → 「 」 and ‘ ’ → 『 』.
 */
export type CornerQuoteStyle = 'white-outer' | 'white-inner';

export type Options = {
  /** Default `white-inner`. */
  style?: CornerQuoteStyle;
};

const corners: Record<CornerQuoteStyle, Record<string, string>> = {
  'white-outer': { '“': '『', '”': '』', '‘': '「', '’': '」' },
  'white-inner': { '“': '「', '”': '」', '‘': '『', '’': '』' },
};

/** The style of a language tag: mainland Chinese (zh, zh-Hans, zh-CN, zh-SG) is `white-outer`. */
export function cornerQuoteStyle(language: string): CornerQuoteStyle {
  return chineseConvention(language) === 'mainland' ? 'white-outer' : 'white-inner';
}

/**
 * Chinese and Japanese are quoted with corner brackets in vertical text (the curly quotes lie
 * on their side there and look wrong), Taiwan and Hong Kong in horizontal text too. Latin-language
 * elements are left alone, and a ’ between two Latin letters stays an apostrophe (don’t, O’Neill).
 */
export default function rehypeCornerQuotes(options: Options = {}): Transformer<Root> {
  const corner = corners[options.style ?? 'white-inner'];
  return (tree) => {
    const runs: Text[][] = [[]];
    collect(tree, runs);
    for (const run of runs) convertRun(run, corner);
  };
}

/**
 * One run of prose (a paragraph-level block): context is read across its inline elements, never
 * across blocks. A quote converts when CJK stands near it; an opening and its closing quote
 * convert together, so a pair is never half curly, half corner (他说：“I love you”).
 */
function convertRun(texts: Text[], corner: Record<string, string>): void {
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
