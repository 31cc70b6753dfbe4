import type { Element, ElementContent, Root } from 'hast';
import type { Transformer } from 'unified';
import { visit } from '../../hast/visit.js';
import { isWhitespaceText } from '../../hast/hast-tools.js';

export type Options = Record<string, never>;

/**
 * A paragraph that holds nothing but images (each maybe inside a link or a span, with spaces or
 * line breaks between them) becomes a `figure`. An image is a block of its own, not the first
 * line of a paragraph: as a paragraph it took the paragraph's two-character indent, and at full
 * width it overflowed the column by that much (in e-readers it bled onto the next page).
 * `rehype-figure-captions` then gives the figure its caption.
 */
export default function rehypeImageFigures(_options: Options = {}): Transformer<Root> {
  return (tree) => {
    visit(tree, 'element', (node) => {
      if (node.tagName !== 'p' || !isImageRun(node.children)) return undefined;
      node.tagName = 'figure';
      node.children = imagesOf(node.children);
      return 'skip';
    });
  };
}

/** Content that is images and nothing else that shows (spaces, line breaks); at least one image. */
export function isImageRun(children: ElementContent[]): boolean {
  let images = 0;
  for (const child of children) {
    if (child.type === 'comment' || isWhitespaceText(child) || (child.type === 'element' && child.tagName === 'br')) continue;
    if (child.type !== 'element') return false;
    if (child.tagName === 'img') images++;
    else if ((child.tagName === 'a' || child.tagName === 'span') && isImageRun(child.children)) images++;
    else return false;
  }
  return images > 0;
}

/** The images of an image run (with their links), without the spaces and breaks between them. */
export function imagesOf(children: ElementContent[]): ElementContent[] {
  return children.filter((child): child is Element => child.type === 'element' && child.tagName !== 'br');
}
