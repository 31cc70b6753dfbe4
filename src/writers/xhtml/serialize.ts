import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { toXast } from 'hast-util-to-xast';
import { toXml } from 'xast-util-to-xml';

export interface XhtmlDocument {
  title: string;
  language: string;
  /** Stylesheet hrefs, relative to the document. */
  stylesheets: string[];
  body: ElementContent[];
  bodyProperties?: Element['properties'];
  /** Extra `<meta name content>` pairs for the head. */
  meta?: Record<string, string>;
  /** Attributes for the root `html` element (e.g. a writing-mode class). */
  htmlProperties?: Element['properties'];
  /** `<style>` elements for the head, after the stylesheets. */
  styles?: { id: string; css: string }[];
}

/**
 * A complete EPUB 3 content document as well-formed XML. hast → xast → XML keeps CJK text as
 * UTF-8 (no `&#x…;`), closes empty elements and writes boolean attributes with values.
 */
export function toXhtml(doc: XhtmlDocument): string {
  const head = h('head', [
    h('meta', { charSet: 'utf-8' }),
    h('title', doc.title),
    ...Object.entries(doc.meta ?? {}).map(([name, content]) => h('meta', { name, content })),
    ...doc.stylesheets.map((href) => h('link', { rel: 'stylesheet', type: 'text/css', href })),
    ...(doc.styles ?? []).map((style) => h('style', { type: 'text/css', id: style.id }, style.css)),
  ]);
  const html = h(
    'html',
    { 'xmlns:epub': 'http://www.idpf.org/2007/ops', lang: doc.language, 'xml:lang': doc.language, ...doc.htmlProperties },
    [head, h('body', doc.bodyProperties ?? {}, doc.body)],
  );
  const root: Root = { type: 'root', children: [{ type: 'doctype' }, html] };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${toXml(toXast(root), { closeEmptyElements: true })}\n`;
}

/** Serializes hast content as an XML fragment (for tests and for embedding). */
export function fragmentToXml(nodes: Root | ElementContent[]): string {
  const root: Root = Array.isArray(nodes) ? { type: 'root', children: nodes } : nodes;
  return toXml(toXast(root), { closeEmptyElements: true });
}
