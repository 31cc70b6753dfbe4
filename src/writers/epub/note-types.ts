import type { Element, Root } from 'hast';
import { derivedDigest } from '../../book/digest.js';
import type { Article } from '../../book/model.js';
import { mapArticles } from '../../book/parts.js';
import type { BookTransform } from '../../transforms/index.js';

/**
 * The EPUB's structural semantics for the notes rehype-footnotes makes: `a epub:type="noteref"`
 * → `aside epub:type="footnote"` in a `section epub:type="footnotes"`, which reading systems show
 * as pop-ups (and hide from the text, the notes heading with them). The pass only adds the type
 * to the elements carrying rehype-footnotes' roles, so the PDF and the preview need none of it.
 */
export const noteTypesTransform: BookTransform = {
  key: 'epub-note-types',
  perArticle: true,
  apply: (book) => mapArticles(book, withNoteTypes),
};

/** An article with the types added; one without notes is returned as it is. */
function withNoteTypes(article: Article): Article {
  if (!hasNotes(article.body)) return article;
  const body = structuredClone(article.body);
  addTypes(body);
  const digest = derivedDigest(article.digest, 'epub-note-types');
  const { digest: _old, ...rest } = article;
  return { ...rest, body, ...(digest ? { digest } : {}) };
}

function addTypes(parent: Root | Element): void {
  for (const child of parent.children) {
    if (child.type !== 'element') continue;
    const type = noteType(child);
    if (type) child.properties = typed(child.properties, type);
    addTypes(child);
  }
}

function noteType(element: Element): string | undefined {
  const { role } = element.properties;
  if (element.tagName === 'a' && role === 'doc-noteref') return 'noteref';
  if (element.tagName === 'aside' && role === 'doc-footnote') return 'footnote';
  const isNotesSection = element.tagName === 'section' && element.children.some((child) => child.type === 'element' && child.tagName === 'aside' && child.properties.role === 'doc-footnote');
  return isNotesSection ? 'footnotes' : undefined;
}

/** `epub:type` goes before the role (or after the class when there is none), where readers and validators are used to it. */
function typed(properties: Element['properties'], type: string): Element['properties'] {
  const result: Element['properties'] = {};
  const before = 'role' in properties ? 'role' : undefined;
  for (const [key, value] of Object.entries(properties)) {
    if (key === before) result['epub:type'] = type;
    result[key] = value;
    if (!before && key === 'className') result['epub:type'] = type;
  }
  if (!('epub:type' in result)) result['epub:type'] = type;
  return result;
}

function hasNotes(parent: Root | Element): boolean {
  return parent.children.some((child) => child.type === 'element' && (child.properties.role === 'doc-noteref' || child.properties.role === 'doc-footnote' || hasNotes(child)));
}
