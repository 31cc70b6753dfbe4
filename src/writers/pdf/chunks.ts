import type { Element, ElementContent, Root, RootContent } from 'hast';
import { select } from 'hast-util-select';
import { h } from 'hastscript';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { contentBox, type PageGeometry } from './geometry.js';

/**
 * Big books are printed in chunks (see print-chunks.ts): the body document is cut between its
 * top-level parts (articles, the colophon) into runs of bounded size, each printed as a document
 * of its own with the same head (stylesheet, fonts, page rules). Every part starts on a new page
 * (`break-before: page`), so a part is laid out the same whether the pages before it are in its
 * document or not, and the chunks' pages put end to end are the pages of a one-piece print.
 */

/** A chunk's body document, ready to print. */
export interface ChunkDocument {
  html: string;
  /** Top-level parts of the body in this chunk (articles, the colophon, …). */
  parts: number;
}

/** URIs of links to an element printed in another chunk; merge-chunks.ts makes them named-destination links. */
export const chunkLinkPrefix = 'https://wenji.invalid/dest/';

/**
 * Characters a page holds, roughly: the content box in square ems, less the room paragraph
 * ends, headings and spacing take (measured: the bench corpus sets about 515 characters on a
 * vertical A5 page of 1,260 cells; 0.45 gives 567).
 */
export function charactersPerPage(geometry: PageGeometry): number {
  const box = contentBox(geometry);
  const em = (geometry.fontSize * 25.4) / 72;
  return Math.max(1, Math.round((0.45 * box.width * box.height) / (em * em)));
}

/**
 * Cuts the parts (by their sizes in characters) into runs of about `budget` characters: a part
 * never splits, and a run ends before the part that would take it over the budget — or, where
 * `cutAfter` forbids a cut there (between a part title page and what it opens), at the last
 * place before it that allows one. Returns the number of parts in each run.
 */
export function planChunks(sizes: number[], budget: number, cutAfter: (index: number) => boolean = () => true): number[] {
  const runs: number[] = [];
  let start = 0;
  let size = 0;
  sizes.forEach((part, index) => {
    if (index > start && size + part > budget) {
      let cut = index;
      while (cut > start && !cutAfter(cut - 1)) cut--;
      if (cut > start) {
        runs.push(cut - start);
        size = sizes.slice(cut, index).reduce((sum, value) => sum + value, 0);
        start = cut;
      }
    }
    size += part;
  });
  if (sizes.length > start) runs.push(sizes.length - start);
  return runs;
}

/**
 * The body document (the tree of `assembleBodyTree`) as chunk documents of about `budget`
 * characters each. The top-level elements of its `<body>` are its parts; a chunk ends after an
 * article or the colophon only, so that anything else (a part title page, say) goes with what
 * follows it. `anchors` are the ids the hidden nav of a one-piece print links to (every heading
 * wenji needs the page of): each chunk links to those it holds. A link to an element in another
 * chunk is pointed at `chunkLinkPrefix` + its id, and that element is linked from its own chunk's
 * nav too, so that Chromium writes a named destination for it as a one-piece print does.
 * `css` is added at the end of the head. A link to an id of `aliases` leads to the id it maps to
 * instead (a link to an article leads to its title: Chromium puts an element's destination
 * where its box begins, which for a vertical article is on its last page). The book's trees
 * are not changed: rewritten links are copies.
 */
export function chunkDocuments(tree: Root, anchors: string[], budget: number, options: { css?: string; aliases?: Map<string, string> } = {}): ChunkDocument[] {
  const { css = '', aliases = new Map<string, string>() } = options;
  const body = select('body', tree);
  if (!body) throw new Error('the body document has no <body>');
  const parts = body.children;
  const sizes = parts.map((part) => textLength(part));
  const runs = planChunks(sizes, budget, (index) => isContent(parts[index]!));
  const chunks: ElementContent[][] = [];
  let index = 0;
  for (const count of runs) {
    chunks.push(parts.slice(index, index + count));
    index += count;
  }
  const owner = new Map<string, number>();
  chunks.forEach((children, chunk) => children.forEach((child) => collectIds(child, (id) => owner.set(id, chunk))));
  const linked = chunks.map(() => new Set<string>());
  const relinked = chunks.map((children, chunk) =>
    children.map((child) =>
      relink(child, (written) => {
        const id = aliases.get(written) ?? written;
        const other = owner.get(id);
        if (other === undefined || other === chunk) return id === written ? undefined : `#${id}`;
        linked[other]!.add(id);
        return `${chunkLinkPrefix}${encodeURIComponent(id)}`;
      }),
    ),
  );
  const wanted = new Set(anchors);
  return relinked.map((children, chunk) => {
    const ids: string[] = [];
    children.forEach((child) => collectIds(child, (id) => {
      if (wanted.has(id) || linked[chunk]!.has(id)) ids.push(id);
    }));
    const nav = h('nav', { hidden: true }, ids.map((id) => h('a', { href: `#${id}` })));
    const document = withBody(tree, body, [...children, nav], css);
    return { html: unified().use(rehypeStringify).stringify(document), parts: children.length };
  });
}

const isContent = (part: ElementContent) => {
  const classes = part.type === 'element' ? part.properties.className : undefined;
  return Array.isArray(classes) && (classes.includes('article') || classes.includes('colophon'));
};

/** A copy of the tree's path down to `body`, with other children in the body and `css` at the end of the head. */
function withBody(tree: Root, body: Element, children: ElementContent[], css: string): Root {
  const copy = <T extends Root | Element>(node: T): T => {
    const mapped = node.children.map((child) => {
      if (child === body) return { ...body, children };
      if (css && child.type === 'element' && child.tagName === 'head') return { ...child, children: [...child.children, h('style', css)] };
      if (child.type === 'element' && contains(child, body)) return copy(child);
      return child;
    });
    return { ...node, children: mapped } as T;
  };
  return copy(tree);
}

function contains(node: Element, target: Element): boolean {
  return node.children.some((child) => child === target || (child.type === 'element' && contains(child, target)));
}

function textLength(node: RootContent | ElementContent): number {
  if (node.type === 'text') return node.value.length;
  if (node.type !== 'element') return 0;
  let length = 0;
  for (const child of node.children) length += textLength(child);
  return length;
}

function collectIds(node: ElementContent, found: (id: string) => void): void {
  if (node.type !== 'element') return;
  const id = node.properties.id;
  if (typeof id === 'string' && id) found(id);
  for (const child of node.children) collectIds(child, found);
}

/** The node with `#id` links that `target` maps rewritten; nodes with no such link are returned as they are. */
function relink(node: ElementContent, target: (id: string) => string | undefined): ElementContent {
  if (node.type !== 'element') return node;
  let children: ElementContent[] | undefined;
  node.children.forEach((child, index) => {
    const mapped = relink(child, target);
    if (mapped === child) return;
    children ??= [...node.children];
    children[index] = mapped;
  });
  const href = node.tagName === 'a' ? node.properties.href : undefined;
  const rewritten = typeof href === 'string' && href.startsWith('#') ? target(safeDecode(href.slice(1))) : undefined;
  if (!children && rewritten === undefined) return node;
  return { ...node, properties: rewritten === undefined ? node.properties : { ...node.properties, href: rewritten }, children: children ?? node.children };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
