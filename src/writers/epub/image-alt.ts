import type { Element, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';

/**
 * Every image gets alt text: its own, else the caption of its figure, else a generic word
 * (插图, Illustration). An empty alt would tell a screen reader the image is decoration, and
 * images in articles carry content. Returns a copy; the book is not mutated.
 */
export function withAltText(body: Root, fallback: string): Root {
  if (!hasImage(body)) return body;
  const copy = structuredClone(body);
  const walk = (nodes: RootContent[], caption: string | undefined) => {
    for (const node of nodes) {
      if (node.type !== 'element') continue;
      if (node.tagName === 'img' && !String(node.properties.alt ?? '').trim()) node.properties.alt = caption || fallback;
      walk(node.children, node.tagName === 'figure' ? figureCaption(node) : caption);
    }
  };
  walk(copy.children, undefined);
  return copy;
}

function figureCaption(figure: Element): string | undefined {
  const caption = figure.children.find((child): child is Element => child.type === 'element' && child.tagName === 'figcaption');
  return caption ? toString(caption).replace(/\s+/g, ' ').trim() : undefined;
}

function hasImage(parent: Root | Element): boolean {
  return parent.children.some((node) => node.type === 'element' && (node.tagName === 'img' || hasImage(node)));
}
