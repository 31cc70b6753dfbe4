import type { Element, ElementContent, Parents, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Transformer } from 'unified';
import type { VFile } from 'vfile';
import { longestChrome, normalizeChromeText, type StripPattern } from '../boilerplate-patterns.js';
import { isWhitespaceText, literalElements, phrasing } from '../../hast/hast-tools.js';

export type Options = {
  /** From `stripPatterns(config.strip)`; empty turns the plugin into a no-op. */
  patterns: StripPattern[];
};

/** Blocks that are removed whole when their text is chrome. */
const removable = new Set(['p', 'div', 'li', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'figcaption', 'center', 'section', 'aside', 'header', 'footer']);
/** Content that is never chrome, whatever text stands next to it. */
const substantial = new Set(['img', 'picture', 'table', 'pre', 'code', 'math', 'svg', 'video', 'audio', 'figure']);

/**
 * Page chrome (`阅读原文`, `点击上方蓝字关注我们`, `0 notes`, share bars, like counters…) is
 * removed — but only a whole paragraph, or a whole `<br>`-separated line, that matches a pattern
 * entirely: nothing inside a sentence is touched. Each removal is recorded on the file as an
 * info message with the removed text, which `--verbose` shows.
 */
export default function rehypeStripBoilerplate(options: Options): Transformer<Root> {
  return (tree, file) => {
    if (options.patterns.length === 0) return;
    strip(tree, options.patterns, file);
  };
}

function strip(parent: Parents, patterns: StripPattern[], file: VFile): boolean {
  const linesChanged = stripLines(parent, patterns, file);
  const kept: ElementContent[] = [];
  let removedAny = false;
  for (const child of parent.children as ElementContent[]) {
    if (child.type === 'element' && removable.has(child.tagName)) {
      if (isChromeBlock(child, patterns, file)) {
        removedAny = true;
        continue;
      }
      const changed = strip(child, patterns, file);
      // A container whose every child was chrome goes too (`<div><p>阅读原文</p></div>`).
      if (changed && child.children.every((node) => isWhitespaceText(node) || node.type === 'comment')) {
        removedAny = true;
        continue;
      }
    } else if (child.type === 'element' && !literalElements.has(child.tagName) && !phrasing.has(child.tagName)) {
      strip(child, patterns, file);
    }
    kept.push(child);
  }
  if (removedAny) parent.children = kept as typeof parent.children;
  return removedAny || linesChanged;
}

function isChromeBlock(element: Element, patterns: StripPattern[], file: VFile): boolean {
  if (hasSubstance(element) || hasBlockChild(element)) return false;
  const text = normalizeChromeText(toString(element));
  if (!text || text.length > longestChrome) return false;
  const pattern = patterns.find((candidate) => candidate.test(text));
  if (!pattern) return false;
  report(file, text, pattern, element);
  return true;
}

/**
 * `正文<br>阅读原文<br>更多正文`: a chrome line goes with the `<br>` that ends it (or the one
 * before it). Lines are the phrasing between `<br>`s and blocks, so loose text beside blocks
 * (a fragment's top level) is covered too.
 */
function stripLines(parent: Parents, patterns: StripPattern[], file: VFile): boolean {
  const children = parent.children as ElementContent[];
  if (!children.some((child) => isBr(child))) return false;
  const drop = new Set<ElementContent>();
  let line: ElementContent[] = [];
  const finish = (terminator: ElementContent | undefined) => {
    const current = line;
    line = [];
    if (current.length === 0) return;
    if (current.some((node) => node.type === 'element' && (substantial.has(node.tagName) || hasSubstance(node)))) return;
    const text = normalizeChromeText(current.map((node) => toString(node)).join(''));
    if (!text || text.length > longestChrome) return;
    const pattern = patterns.find((candidate) => candidate.test(text));
    if (!pattern) return;
    report(file, text, pattern, parent.type === 'element' ? parent : undefined, current);
    for (const node of current) drop.add(node);
    const before = children[children.indexOf(current[0]!) - 1];
    if (terminator && isBr(terminator)) drop.add(terminator);
    else if (before && isBr(before)) drop.add(before);
  };
  for (const child of children) {
    if (isBr(child)) finish(child);
    else if (child.type === 'element' && !phrasing.has(child.tagName)) finish(child);
    else line.push(child);
  }
  finish(undefined);
  if (drop.size === 0) return false;
  parent.children = children.filter((child) => !drop.has(child)) as typeof parent.children;
  return true;
}

/** A line break: `<br>`, or an inline wrapper holding nothing else (`<em><br></em>`). */
function isBr(node: ElementContent | undefined): boolean {
  if (node?.type !== 'element') return false;
  if (node.tagName === 'br') return true;
  return phrasing.has(node.tagName) && node.children.some((child) => isBr(child)) && node.children.every((child) => isBr(child) || isWhitespaceText(child));
}

function report(file: VFile, text: string, pattern: StripPattern, element: Element | undefined, nodes: ElementContent[] = []): void {
  const place = element?.position ?? nodes.find((node) => node.position)?.position;
  file.info(`removed page chrome: "${text}" (${pattern.source})`, { place, ruleId: 'strip', source: 'wenji' });
}

function hasSubstance(element: Element): boolean {
  return element.children.some((child) => child.type === 'element' && (substantial.has(child.tagName) || hasSubstance(child)));
}

/** A block inside (an empty one, which whitespace cleaning drops later, does not count). */
function hasBlockChild(element: Element): boolean {
  return element.children.some((child) => child.type === 'element' && !phrasing.has(child.tagName) && (hasSubstance(child) || toString(child).trim() !== ''));
}
