import type { Element, ElementContent } from 'hast';
import type { XhtmlDocument } from '../xhtml/serialize.js';
import { splitSentences } from './sentences.js';

/**
 * Elements whose text stays as it is: kepubify's (scripts, styles, preformatted text, media) and
 * code, ruby annotations, SVG and MathML, whose text a span would change or make invalid.
 */
const keptAsIs = new Set(['script', 'style', 'pre', 'code', 'kbd', 'samp', 'audio', 'video', 'svg', 'math', 'rt', 'rp']);
/** Elements that start a new paragraph number for the spans in them, as kepubify and Kobo count. */
const paragraphs = new Set(['p', 'ol', 'ul', 'table']);

/**
 * Kobo's small style fix, as kepubify writes it: Kobo's own (`kobostylehacks`) also overrode font
 * sizes, link colours and every margin; kepubify keeps only the wrapper's margins, which would
 * otherwise add to the page's.
 */
export const koboStyle = { id: 'kobostylehacks', css: 'div#book-inner { margin-top: 0; margin-bottom: 0; }' };

const span = (paragraph: number, sentence: number, children: ElementContent[]): Element => ({
  type: 'element',
  tagName: 'span',
  properties: { className: ['koboSpan'], id: `kobo.${paragraph}.${sentence}` },
  children,
});

/**
 * A content document as Kobo's readers want it (kepubify's transform): every sentence of the
 * body's text in a `span.koboSpan` with the id `kobo.P.S` (P counts paragraphs — `p`, `ol`, `ul`,
 * `table` and images — in the document, S the sentences in the paragraph), each image in a span
 * of its own, the body's content inside `div#book-columns > div#book-inner`, and Kobo's style.
 * Kobo's reader counts its reading statistics, keeps highlights and turns pages by these spans.
 * Whitespace between elements stays bare text unless it is directly in a `p`. The document is not
 * changed in place.
 */
export function koboDocument(document: XhtmlDocument): XhtmlDocument {
  let paragraph = 0;
  let sentence = 0;
  // A paragraph number is taken when its first span is made, so that empty paragraphs take none.
  let nextParagraph = false;
  const next = () => {
    if (nextParagraph) {
      paragraph++;
      sentence = 0;
      nextParagraph = false;
    }
    return span(paragraph, ++sentence, []);
  };

  const walk = (nodes: ElementContent[], parent: string): ElementContent[] =>
    nodes.flatMap((node): ElementContent[] => {
      if (node.type === 'text') {
        return splitSentences(node.value).map((piece) => {
          if (parent !== 'p' && piece.trim() === '') return { type: 'text', value: piece };
          const wrapper = next();
          wrapper.children = [{ type: 'text', value: piece }];
          return wrapper;
        });
      }
      if (node.type !== 'element') return [node];
      if (node.tagName === 'img') {
        paragraph++;
        sentence = 0;
        nextParagraph = false;
        const wrapper = next();
        wrapper.children = [node];
        return [wrapper];
      }
      if (keptAsIs.has(node.tagName)) return [node];
      if (paragraphs.has(node.tagName)) nextParagraph = true;
      return [{ ...node, children: walk(node.children, node.tagName) }];
    });

  const inner: Element = { type: 'element', tagName: 'div', properties: { id: 'book-inner' }, children: walk(document.body, 'body') };
  const columns: Element = { type: 'element', tagName: 'div', properties: { id: 'book-columns' }, children: [inner] };
  return { ...document, body: [columns], styles: [...(document.styles ?? []), koboStyle] };
}
