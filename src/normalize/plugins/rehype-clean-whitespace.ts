import type { Element, ElementContent, Parents, Root, Text } from 'hast';
import type { Transformer } from 'unified';
import type { VFile } from 'vfile';
import { sourceLocator } from '../../hast/source-point.js';
import { tallyFix } from '../../hast/fix-tally.js';
import { isElement, isPhrasing, isWhitespaceText, literalElements, phrasing } from '../../hast/hast-tools.js';

export type Options = Record<string, never>;

/** Blocks whose direct phrasing content is running text that may be split at `<br><br>`. */
const splittable = new Set(['p', 'div', 'blockquote', 'section', 'article', 'main', 'aside', 'li', 'dd', 'td', 'th', 'figcaption']);
/** Elements that are content even when they hold no text. */
const meaningfulEmpty = new Set(['img', 'br', 'hr', 'td', 'th', 'tr', 'col', 'colgroup', 'wbr', 'picture', 'source']);
/** Block containers removed when nothing but whitespace is left inside. */
const droppableWhenEmpty = new Set(['p', 'div', 'span', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'section', 'article', 'aside', 'figure', 'figcaption', 'strong', 'b', 'em', 'i', 'u', 'small', 'ul', 'ol', 'dl', 'sup', 'sub', 'font', 'center', 'del', 's', 'ins', 'mark', 'q', 'cite', 'abbr', 'bdi']);

/**
 * Whitespace the typesetting must own: empty paragraphs and `&nbsp;` padding go, runs of
 * `<br><br>` become paragraph breaks, and the full-width-space indents that Chinese web text
 * carries (`　　`) are stripped because the stylesheet indents paragraphs.
 */
export default function rehypeCleanWhitespace(_options: Options = {}): Transformer<Root> {
  return (tree, file) => {
    clean(tree, new WeakSet(), file);
  };
}

/** `done` holds the nodes already cleaned, so that paragraphs made by a split are cleaned once. */
function clean(parent: Parents, done: WeakSet<Parents>, file: VFile): void {
  if (parent.type === 'element' && literalElements.has(parent.tagName)) return;
  // Dropping an empty wrapper can bring two `<br>` together (`<br><em></em><br>`), which is
  // then a paragraph break: repeat until nothing changes, so a second run changes nothing.
  for (let round = 0; round < 4; round++) {
    splitAtDoubleBreaks(parent, parent.type === 'root' || splittable.has(parent.tagName));
    for (const child of parent.children) {
      if (child.type === 'element' && !done.has(child)) clean(child, done, file);
    }
    let changed = false;
    const children: ElementContent[] = [];
    for (const child of parent.children as ElementContent[]) {
      if (child.type === 'comment') {
        changed = true;
        continue;
      }
      if (child.type === 'element') {
        if (isTextBlock(child)) trimBlock(child, file);
        if (isEmpty(child)) {
          // An empty inline wrapper goes, but not the space or line break it holds (`a<span> </span>b`).
          if (phrasing.has(child.tagName)) children.push(...child.children.filter((node) => node.type !== 'comment'));
          changed = true;
          continue;
        }
      }
      children.push(child);
    }
    parent.children = children as typeof parent.children;
    if (!changed) break;
  }
  done.add(parent);
}

function isTextBlock(element: Element): boolean {
  return element.tagName === 'p' || /^h[1-6]$/.test(element.tagName) || ['li', 'dt', 'dd', 'td', 'th', 'figcaption', 'caption', 'blockquote', 'div'].includes(element.tagName);
}

function isEmpty(element: Element): boolean {
  if (!droppableWhenEmpty.has(element.tagName)) return false;
  if (element.properties.id !== undefined && element.tagName === 'span') return false;
  return element.children.every((child) => isWhitespaceText(child) || (child.type === 'element' && child.tagName === 'br') || child.type === 'comment');
}

/**
 * `text<br><br>more` → `<p>text</p><p>more</p>`. A `p` is replaced by its pieces, wherever it
 * is; in blocks that hold running text (`wrapLoose`), loose phrasing runs are wrapped too.
 */
function splitAtDoubleBreaks(parent: Parents, wrapLoose: boolean): void {
  const children = parent.children as ElementContent[];
  const hasDouble = hasDoubleBreak(children);
  const expanded: ElementContent[] = [];
  for (const child of children) {
    if (isElement(child, 'p') && hasDoubleBreak(child.children)) {
      // Pieces after the first are new paragraphs: same attributes, but not the same id.
      const pieces = splitRuns(child.children).map((run, index): Element => {
        const { id, ...rest } = child.properties;
        return { ...child, properties: index === 0 && id !== undefined ? { ...rest, id } : rest, children: run };
      });
      expanded.push(...pieces);
    } else expanded.push(child);
  }
  if (!wrapLoose || (parent.type === 'element' && parent.tagName === 'p') || !hasDouble) {
    parent.children = expanded as typeof parent.children;
    return;
  }
  // Loose phrasing between blocks, split at double breaks, becomes paragraphs.
  const result: ElementContent[] = [];
  let run: ElementContent[] = [];
  const flush = () => {
    for (const piece of splitRuns(run)) result.push({ type: 'element', tagName: 'p', properties: {}, children: piece });
    run = [];
  };
  for (const child of expanded) {
    if (isPhrasing(child)) run.push(child);
    else {
      flush();
      result.push(child);
    }
  }
  flush();
  parent.children = result as typeof parent.children;
}

function hasDoubleBreak(children: ElementContent[]): boolean {
  return children.some((child, index) => isBr(child) && isBr(nextNonSpace(children, index + 1)?.node));
}

/** Splits phrasing content at runs of two or more `<br>`; drops pieces with no text. */
function splitRuns(children: ElementContent[]): ElementContent[][] {
  const pieces: ElementContent[][] = [[]];
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    const next = nextNonSpace(children, index + 1);
    if (isBr(child) && next && isBr(next.node)) {
      let end = next.index;
      while (true) {
        const further = nextNonSpace(children, end + 1);
        if (further && isBr(further.node)) end = further.index;
        else break;
      }
      index = end;
      pieces.push([]);
      continue;
    }
    pieces.at(-1)!.push(child);
  }
  return pieces.filter((piece) => piece.some((node) => !isWhitespaceText(node) && !isBr(node)));
}

function nextNonSpace(children: ElementContent[], from: number): { node: ElementContent; index: number } | undefined {
  for (let index = from; index < children.length; index++) {
    const node = children[index]!;
    if (!isWhitespaceText(node)) return { node, index };
  }
  return undefined;
}

function isBr(node: ElementContent | undefined): boolean {
  return node?.type === 'element' && node.tagName === 'br';
}

/**
 * Leading and trailing whitespace, `&nbsp;`, full-width spaces and `<br>` inside a text block
 * go; inner runs of `&nbsp;` collapse to one space.
 */
function trimBlock(block: Element, file: VFile): void {
  const children = block.children;
  while (children.length && (isBr(children[0]) || isWhitespaceText(children[0]!))) children.shift();
  while (children.length && (isBr(children.at(-1)) || isWhitespaceText(children.at(-1)!))) children.pop();
  const first = firstText(block);
  if (first) {
    const indent = /^[\s\u00A0\u3000]+/u.exec(first.value)?.[0];
    // A full-width-space indent (`　　正文`) is counted: the build removes it by itself.
    if (indent?.includes('\u3000') && first.value.length > indent.length) {
      const at = indent.indexOf('\u3000');
      tallyFix(file, 'indent', [''], () => (file.value === undefined ? undefined : sourceLocator(String(file.value)).text(first, at, block)));
    }
    first.value = first.value.slice(indent?.length ?? 0);
  }
  const last = lastText(block);
  if (last) last.value = last.value.replace(/[\s\u00A0\u3000]+$/u, '');
  for (const child of children) {
    // A run of spaces holding `&nbsp;` is padding: one space. A lone `&nbsp;` is kept.
    if (child.type === 'text') child.value = child.value.replace(/[ \t\u00A0]{2,}/g, (run) => (run.includes('\u00A0') ? ' ' : run));
  }
}

function firstText(element: Element): Text | undefined {
  const first = element.children[0];
  if (!first) return undefined;
  if (first.type === 'text') return first;
  if (first.type === 'element' && !literalElements.has(first.tagName) && first.tagName !== 'ruby' && first.tagName !== 'img') return firstText(first);
  return undefined;
}

function lastText(element: Element): { value: string } | undefined {
  const last = element.children.at(-1);
  if (!last) return undefined;
  if (last.type === 'text') return last;
  if (last.type === 'element' && !literalElements.has(last.tagName) && last.tagName !== 'ruby' && last.tagName !== 'img') return lastText(last);
  return undefined;
}
