import type { Element, ElementContent, Parents, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Transformer } from 'unified';
import type { VFile } from 'vfile';
import { longestChrome, normalizeChromeText, type StripPattern } from '../boilerplate-patterns.js';
import { isWhitespaceText, literalElements, phrasing } from '../hast-tools.js';

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
  const kept: ElementContent[] = [];
  let removedAny = false;
  for (const child of parent.children as ElementContent[]) {
    if (child.type === 'element' && removable.has(child.tagName)) {
      if (isChromeBlock(child, patterns, file)) {
        removedAny = true;
        continue;
      }
      const changed = strip(child, patterns, file) || stripLines(child, patterns, file);
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
  return removedAny;
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

/** `正文<br>阅读原文<br>更多正文`: a chrome line between `<br>`s goes with one of its breaks. */
function stripLines(element: Element, patterns: StripPattern[], file: VFile): boolean {
  if (!element.children.some((child) => child.type === 'element' && child.tagName === 'br')) return false;
  if (hasBlockChild(element)) return false;
  const lines: ElementContent[][] = [[]];
  for (const child of element.children) {
    if (child.type === 'element' && child.tagName === 'br') lines.push([]);
    else lines.at(-1)!.push(child);
  }
  let changed = false;
  const keptLines = lines.filter((line) => {
    if (line.some((node) => node.type === 'element' && (substantial.has(node.tagName) || hasSubstance(node)))) return true;
    const text = normalizeChromeText(line.map((node) => toString(node)).join(''));
    if (!text || text.length > longestChrome) return true;
    const pattern = patterns.find((candidate) => candidate.test(text));
    if (!pattern) return true;
    report(file, text, pattern, element);
    changed = true;
    return false;
  });
  if (!changed) return false;
  element.children = keptLines.flatMap((line, index) => (index === 0 ? line : [{ type: 'element', tagName: 'br', properties: {}, children: [] } as Element, ...line]));
  return true;
}

function report(file: VFile, text: string, pattern: StripPattern, element: Element): void {
  file.info(`removed page chrome: "${text}" (${pattern.source})`, { place: element.position, ruleId: 'strip', source: 'wenji' });
}

function hasSubstance(element: Element): boolean {
  return element.children.some((child) => child.type === 'element' && (substantial.has(child.tagName) || hasSubstance(child)));
}

/** A block inside (an empty one, which whitespace cleaning drops later, does not count). */
function hasBlockChild(element: Element): boolean {
  return element.children.some((child) => child.type === 'element' && !phrasing.has(child.tagName) && (hasSubstance(child) || toString(child).trim() !== ''));
}
