import type { ElementContent, Root } from 'hast';
import { cjkFaces, faceFor, type CjkFace } from '../../locale/cjk-locale.js';

/** The text set in one face, per weight. */
export interface BookText {
  regular: string;
  bold: string;
}

/** The text a book sets in each CJK face (by the language of every element). */
export type FaceTexts = Record<CjkFace, BookText>;

/** A document or fragment to read, in the language its root carries. */
export interface TextSource {
  language: string;
  nodes: Root | ElementContent[];
}

/** Elements the stylesheets set bold: their text goes into the bold subset. */
const boldTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'b', 'th']);
const boldClasses = new Set(['footnotes-title', 'footnote-number']);

/**
 * The characters each face and weight must draw, read from the documents as they will be
 * written. An element's `lang` picks its face (as the stylesheets' `:lang()` rules do); text in a
 * language that is not Chinese or Japanese stays in the face around it, the document's, and
 * `fallback` at the top. Text in bold elements also goes into the regular set: a reader that
 * ignores the bold face falls back to the regular one. Numbered lists add their marker digits.
 */
export function collectBookText(sources: TextSource[], fallback: CjkFace): FaceTexts {
  const parts = Object.fromEntries(cjkFaces.map((face) => [face, { regular: [] as string[], bold: [] as string[] }])) as Record<CjkFace, { regular: string[]; bold: string[] }>;
  const walk = (nodes: readonly (ElementContent | Root['children'][number])[], face: CjkFace, inBold: boolean) => {
    for (const node of nodes) {
      if (node.type === 'text') {
        parts[face].regular.push(node.value);
        if (inBold) parts[face].bold.push(node.value);
      } else if (node.type === 'element') {
        const classes = Array.isArray(node.properties.className) ? node.properties.className.map(String) : [];
        const lang = node.properties.lang;
        const own = typeof lang === 'string' && lang ? (faceFor(lang) ?? face) : face;
        if (node.tagName === 'ol') parts[own].regular.push('0123456789.');
        walk(node.children, own, inBold || boldTags.has(node.tagName) || classes.some((name) => boldClasses.has(name)));
      }
    }
  };
  for (const source of sources) walk(Array.isArray(source.nodes) ? source.nodes : source.nodes.children, faceFor(source.language) ?? fallback, false);
  return Object.fromEntries(cjkFaces.map((face) => [face, { regular: parts[face].regular.join(''), bold: parts[face].bold.join('') }])) as FaceTexts;
}
