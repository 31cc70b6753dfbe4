import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { toString } from 'hast-util-to-string';
import type { Transformer } from 'unified';
import { isWhitespaceText, literalElements } from '../../hast/hast-tools.js';
import { imagesOf, isImageRun } from './rehype-image-figures.js';

export type Options = {
  /**
   * Longest caption, in characters (spaces not counted), that is recognized by its look alone
   * (an italic line, `▲…`, `图：…`); longer text after an image is a pull quote or the article
   * going on. Default 80. Captions marked as such (a `figure`'s own paragraph, a `caption`
   * class) have no limit.
   */
  maxLength?: number;
};

/** Class names that say "this is a caption" (WordPress, CMS themes, Markdown extensions). */
export const captionClass = /^(?:wp-caption-text|caption|figcaption|[\w-]*[-_]caption|caption[-_][\w-]*)$/i;

/** The marks and labels that begin a caption in Chinese web writing: `▲ …`, `图：…`, `图片来源：…`, `摄影：…`. */
const captionPrefix = /^(?:[▲△▼▽↑]|(?:图|圖)\s*\d*\s*[：:丨|｜]|(?:图片|圖片|图源|圖源|摄影|攝影|供图|供圖|配图|配圖)(?:来源|來源)?\s*[：:丨|｜]|(?:photo|image|credit|source)\s*:)/i;

/**
 * Captions become `figcaption`s of their figures (after `rehype-image-figures` has made a figure
 * of every image that stands alone):
 *
 * - a `figure` without a caption takes the paragraph inside it, or the paragraph right after it
 *   when that paragraph is a caption by its class (`wp-caption-text`, `caption`…), is entirely
 *   italic or emphasized (`<p><em>…</em></p>`), or begins like one (`▲`, `图：`), and is short;
 *   failing both, the `title` of its image (Markdown `![alt](src "title")`);
 * - a paragraph of images, a line break and an italic line becomes a figure with that caption.
 *
 * The emphasis around a caption goes (a caption is set smaller and lighter, not with emphasis
 * marks), as does the class that marked it; links and other inline markup stay.
 */
export default function rehypeFigureCaptions(options: Options = {}): Transformer<Root> {
  const maxLength = options.maxLength ?? 80;
  return (tree) => {
    walk(tree, maxLength);
  };
}

function walk(parent: Root | Element, maxLength: number): void {
  const children = parent.children as ElementContent[];
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!;
    if (node.type !== 'element' || literalElements.has(node.tagName)) continue;
    if (node.tagName === 'p') {
      const split = splitImageLine(node, maxLength);
      if (split) {
        children[index] = split;
        continue;
      }
    } else if (node.tagName === 'figure') {
      const next = nextElement(children, index);
      if (!captionOf(node) && takeCaption(node, children[next], maxLength)) children.splice(next, 1);
      plainCaption(node);
      continue;
    }
    walk(node, maxLength);
    dropCaptionClass(node);
  }
}

/** Gives `figure` a caption: its own paragraph, else `following` (true when that was taken), else an image title. */
function takeCaption(figure: Element, following: ElementContent | undefined, maxLength: number): boolean {
  const inner = figure.children.findIndex((child) => child.type === 'element' && (child.tagName === 'p' || child.tagName === 'div') && !isImageRun(child.children));
  if (inner !== -1) {
    const [paragraph] = figure.children.splice(inner, 1) as Element[];
    // A figcaption is the first or the last child of its figure.
    figure.children.push(h('figcaption', captionContent(paragraph!)));
    return false;
  }
  // A figure of a quotation or a table takes no caption from the text after it.
  if (!hasImage(figure)) return false;
  if (following?.type === 'element' && isCaptionParagraph(following, maxLength)) {
    figure.children.push(h('figcaption', captionContent(following)));
    return true;
  }
  const images = figure.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'img');
  const titled = images.length === 1 ? images[0]! : undefined;
  const title = typeof titled?.properties.title === 'string' ? titled.properties.title.trim() : '';
  if (titled && title) {
    delete titled.properties.title;
    figure.children.push(h('figcaption', title));
  }
  return false;
}

/** `<p><img><br><em>caption</em></p>` → a figure of the images with that caption. */
function splitImageLine(paragraph: Element, maxLength: number): Element | undefined {
  const breakAt = paragraph.children.findLastIndex((child) => child.type === 'element' && child.tagName === 'br');
  if (breakAt <= 0) return undefined;
  const head = paragraph.children.slice(0, breakAt);
  const tail = paragraph.children.slice(breakAt + 1);
  if (!isImageRun(head) || isImageRun(tail)) return undefined;
  const line: Element = { type: 'element', tagName: 'p', properties: {}, children: tail };
  if (!isCaptionParagraph(line, maxLength)) return undefined;
  const { className: _className, ...properties } = paragraph.properties;
  return { type: 'element', tagName: 'figure', properties, children: [...imagesOf(head), h('figcaption', captionContent(line))] };
}

function isCaptionParagraph(node: Element, maxLength: number): boolean {
  if (node.tagName !== 'p' && node.tagName !== 'div') return false;
  if (hasCaptionClass(node)) return !isImageRun(node.children) && toString(node).trim() !== '';
  if (node.tagName !== 'p') return false;
  const text = toString(node).replace(/\s+/g, '');
  if (!text || [...text].length > maxLength) return false;
  return isAllEmphasis(node.children) || captionPrefix.test(toString(node).trim());
}

/** Every piece of content that shows is inside `em` or `i`. */
function isAllEmphasis(children: ElementContent[]): boolean {
  let emphasis = 0;
  for (const child of children) {
    if (child.type === 'comment' || isWhitespaceText(child)) continue;
    if (child.type !== 'element' || (child.tagName !== 'em' && child.tagName !== 'i')) return false;
    emphasis++;
  }
  return emphasis > 0;
}

/** The caption's content: emphasis that wraps all of it unwrapped, a leading `▲` dropped, ends trimmed. */
function captionContent(paragraph: Element): ElementContent[] {
  let content: ElementContent[] = paragraph.children.filter((child) => child.type !== 'comment');
  if (isAllEmphasis(content)) content = content.flatMap((child) => (child.type === 'element' ? child.children : []));
  const result = trimmed(content);
  const first = result[0];
  if (first?.type === 'text') first.value = first.value.replace(/^[▲△▼▽↑]\s*/, '');
  return result;
}

function trimmed(content: ElementContent[]): ElementContent[] {
  const blank = (node: ElementContent) => isWhitespaceText(node) || (node.type === 'element' && node.tagName === 'br');
  let start = 0;
  let end = content.length;
  while (start < end && blank(content[start]!)) start++;
  while (end > start && blank(content[end - 1]!)) end--;
  const result = content.slice(start, end);
  const first = result[0];
  if (first?.type === 'text') first.value = first.value.trimStart();
  const last = result.at(-1);
  if (last?.type === 'text') last.value = last.value.trimEnd();
  return result;
}

/** A figcaption the source wrote in italics or with emphasis loses that emphasis too. */
function plainCaption(figure: Element): void {
  const caption = captionOf(figure);
  if (caption && isAllEmphasis(caption.children)) caption.children = captionContent(caption);
  for (const child of figure.children) if (child.type === 'element') dropCaptionClass(child);
}

function hasImage(node: Element): boolean {
  return node.children.some((child) => child.type === 'element' && (child.tagName === 'img' || hasImage(child)));
}

function captionOf(figure: Element): Element | undefined {
  return figure.children.find((child): child is Element => child.type === 'element' && child.tagName === 'figcaption');
}

function nextElement(children: ElementContent[], index: number): number {
  let next = index + 1;
  while (next < children.length && (isWhitespaceText(children[next]!) || children[next]!.type === 'comment')) next++;
  return next;
}

function hasCaptionClass(node: Element): boolean {
  const classes = node.properties.className;
  return Array.isArray(classes) && classes.some((name) => captionClass.test(String(name)));
}

/** The sanitizer keeps caption classes only so that captions can be found; they do not reach the book. */
function dropCaptionClass(node: Element): void {
  const classes = node.properties.className;
  if (!Array.isArray(classes) || !classes.some((name) => captionClass.test(String(name)))) return;
  const kept = classes.filter((name) => !captionClass.test(String(name)));
  if (kept.length) node.properties.className = kept;
  else delete node.properties.className;
}
