import type { ElementContent, Root } from 'hast';
import type { BookText } from './embed-font.js';

/** Elements the EPUB stylesheet sets bold (styles/epub.css): their text goes into the bold subset. */
const boldTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'b', 'th']);
const boldClasses = new Set(['footnotes-title', 'footnote-number']);

/**
 * The characters each weight must draw, read from the documents as they will be written. Text
 * in bold elements also goes into the regular set: a reader that ignores the bold face falls
 * back to the regular one. Numbered lists add their marker digits.
 */
export function collectBookText(documents: (Root | ElementContent[])[]): BookText {
  const regular: string[] = [];
  const bold: string[] = [];
  const walk = (nodes: readonly (ElementContent | Root['children'][number])[], inBold: boolean) => {
    for (const node of nodes) {
      if (node.type === 'text') {
        regular.push(node.value);
        if (inBold) bold.push(node.value);
      } else if (node.type === 'element') {
        const classes = Array.isArray(node.properties.className) ? node.properties.className.map(String) : [];
        if (node.tagName === 'ol') regular.push('0123456789.');
        walk(node.children, inBold || boldTags.has(node.tagName) || classes.some((name) => boldClasses.has(name)));
      }
    }
  };
  for (const document of documents) walk(Array.isArray(document) ? document : document.children, false);
  return { regular: regular.join(''), bold: bold.join('') };
}
