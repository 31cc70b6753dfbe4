import type { Element, ElementContent, Parents, Root } from 'hast';
import { defaultHandlers, toMdast, type Handle, type State } from 'hast-util-to-mdast';
import { toString } from 'hast-util-to-string';
import type { FootnoteDefinition, Html, ListItem, Nodes as MdastNodes } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { Document, isMap, isSeq } from 'yaml';
import { phrasing } from '../hast/hast-tools.js';
import { SKIP, visit } from '../hast/visit.js';
import { percentDecoded } from './percent-decoded.js';

/** What is written into an article's front matter; empty fields are left out. */
export interface ArticleFields {
  title: string;
  authors?: string[];
  translators?: string[];
  date?: string;
  source?: string;
  url?: string;
  lang?: string;
  tags?: string[];
}

/** A Markdown article file: YAML front matter, then the body. */
export function articleMarkdown(fields: ArticleFields, body: Root): string {
  const markdown = bodyMarkdown(body);
  return `---\n${frontMatterYaml(fields)}---\n${markdown ? `\n${markdown}` : ''}`;
}

/**
 * The front matter, written by the YAML library: it quotes what needs quoting (`: `, ` #`, a
 * leading `-`, `[` or quote, text that would read as a number, boolean or date), never folds
 * lines, and a name list is a list.
 */
export function frontMatterYaml(fields: ArticleFields): string {
  const names = (list: string[] | undefined) => (list?.length ? (list.length === 1 ? list[0] : list) : undefined);
  const data: Record<string, unknown> = {
    title: fields.title,
    author: names(fields.authors),
    translator: names(fields.translators),
    date: fields.date,
    source: fields.source,
    url: fields.url,
    lang: fields.lang,
    tags: fields.tags?.length ? fields.tags : undefined,
  };
  const present = Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined && value !== ''));
  const doc = new Document(present);
  if (isMap(doc.contents)) for (const pair of doc.contents.items) if (isSeq(pair.value)) pair.value.flow = true;
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** Inline elements Markdown has no syntax for: kept as inline HTML around Markdown content. */
const inlineHtml = new Set(['sup', 'sub', 'ruby', 'rt', 'rp', 'rb', 'u', 'mark', 'small', 'q', 'abbr', 'ins', 'cite', 'dfn', 'bdi', 'bdo']);
/** Attributes worth keeping on those (the sanitizer has removed the rest). */
const keptAttributes: Record<string, string> = { lang: 'lang', dir: 'dir', title: 'title', cite: 'cite', dateTime: 'datetime' };

/**
 * The article body as CommonMark + GFM (tables, footnotes, strikethrough), through
 * hast-util-to-mdast and mdast-util-to-markdown, which escape text that would read as syntax
 * (`1.`, `#`, `*`, `[`, `<` at the wrong place). What Markdown cannot say stays HTML, which
 * wenji's Markdown reader takes: ruby, `<sup>`, `<u>`… inline (their content still Markdown);
 * figures with captions, definition lists, tables GFM cannot hold (spans, blocks in cells,
 * captions, no header row), lists mixing loose and tight items and code starting with a blank
 * line as HTML blocks; anchors that links in the article point to as `<a id>`.
 */
export function bodyMarkdown(body: Root): string {
  const tree = structuredClone(body);
  // Marked on the node's data: hast-util-to-mdast works on a copy of the tree.
  visit(tree, 'element', (node) => {
    if (keepsAsHtml(node)) node.data = { ...node.data, wenjiHtml: true } as Element['data'];
    // Inline code of nothing but whitespace shows as a space; collapsing whitespace would empty it.
    if (node.tagName === 'code' && /^\s+$/.test(toString(node))) node.data = { ...node.data, wenjiSpace: true } as Element['data'];
    // Spaces at the edges of a ruby annotation annotate nothing; left there, collapsing whitespace
    // would take the space that follows the ruby into the annotation, out of the text.
    if (node.tagName === 'rt') trimEdges(node);
  });
  const anchors = placeAnchors(tree);
  const footnotes = footnoteLabels(tree);
  const handlers: Record<string, Handle> = {
    a: (state, node) => link(state, node, anchors, footnotes),
    sup: (state, node) => {
      const only = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
      const ref = only.length === 1 && only[0]!.type === 'element' ? only[0] : undefined;
      if (ref && ref.tagName === 'a' && ref.properties.dataFootnoteRef !== undefined) return link(state, ref, anchors, footnotes);
      return wrapInline(state, node);
    },
    section: (state, node) => (node.properties.dataFootnotes !== undefined ? footnoteDefinitions(state, node, footnotes) : state.toFlow(state.all(node))),
    figure: (state, node) => (isHtmlBlock(node) ? htmlBlock(node) : state.toFlow(state.all(node))),
    pre: (state, node) => (isHtmlBlock(node) ? htmlBlock(node) : defaultHandlers.pre(state, node)),
    table: (state, node) => (isHtmlBlock(node) ? htmlBlock(node) : defaultHandlers.table(state, node)),
    dl: (_state, node) => htmlBlock(node),
    code: (state, node) => ((node.data as { wenjiSpace?: boolean } | undefined)?.wenjiSpace ? ({ type: 'inlineCode', value: ' ' } as MdastNodes) : defaultHandlers.code(state, node)),
    ul: (state, node) => (isHtmlBlock(node) ? htmlBlock(node) : defaultHandlers.ul(state, node)),
    ol: (state, node) => (isHtmlBlock(node) ? htmlBlock(node) : defaultHandlers.ol(state, node)),
    // Loose only when the item holds paragraphs (hast-util-to-mdast calls an item holding a
    // list of two items loose, which would add paragraphs to the book).
    li: (state, node) => {
      const item = defaultHandlers.li(state, node) as ListItem;
      item.spread = node.children.some((child) => child.type === 'element' && child.tagName === 'p');
      return item;
    },
  };
  for (const name of inlineHtml) handlers[name] ??= wrapInline;
  const mdast = toMdast(tree, { handlers });
  expandInlineHtml(mdast);
  keepApart(mdast);
  const markdown = toMarkdown(mdast as Parameters<typeof toMarkdown>[0], {
    extensions: [gfmToMarkdown()],
    bullet: '-',
    emphasis: '*',
    strong: '*',
    rule: '*',
    fences: true,
    listItemIndent: 'one',
    resourceLink: true,
  });
  return markdown.trim() === '' ? '' : markdown;
}

function mdastText(node: MdastNodes): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html') return node.value;
  return 'children' in node ? (node.children as MdastNodes[]).map(mdastText).join('') : '';
}

/** Inline nodes whose markers would run together when two stand side by side. */
const sideBySide = new Set(['inlineCode', 'delete', 'emphasis', 'strong']);

/**
 * Things Markdown would read otherwise than they were written. Kept apart with an empty comment,
 * which the reader drops: code spans, strikethrough or emphasis side by side (`` `a``b` `` is one
 * span, `~~a~~~~b~~` one strikethrough, and the `_` of `*a*_b_` cannot open next to CJK), and the
 * paragraph of a loose list's only item (one paragraph cannot make an item loose). An empty code
 * span (two backticks) and markup around nothing but spaces go; a heading's line break is `<br>`;
 * a paragraph's last line break (a stray backslash) goes.
 */
function keepApart(node: MdastNodes): void {
  if (!('children' in node)) return;
  const children: MdastNodes[] = [];
  for (const child of node.children as MdastNodes[]) {
    keepApart(child);
    if (child.type === 'inlineCode' && child.value === '') continue;
    // A heading is one line: its line breaks are written as `<br>`.
    if (child.type === 'break' && node.type === 'heading') {
      children.push({ type: 'html', value: '<br>' });
      continue;
    }
    // Markup around nothing but spaces cannot be written (`~~ ~~` is text): the spaces stay.
    if (sideBySide.has(child.type) && child.type !== 'inlineCode' && mdastText(child).trim() === '') {
      children.push(...(child as { children: MdastNodes[] }).children);
      continue;
    }
    if (sideBySide.has(child.type) && children.at(-1)?.type === child.type) children.push({ type: 'html', value: '<!---->' });
    children.push(child);
  }
  // A line break ending a paragraph would be a backslash (it shows nothing there anyway).
  if (node.type === 'paragraph' || node.type === 'heading') {
    while (children.length && (children.at(-1)!.type === 'break' || (children.at(-1)!.type === 'text' && mdastText(children.at(-1)!).trim() === ''))) children.pop();
  }
  (node as { children: MdastNodes[] }).children = children;
  if (node.type === 'list' && node.children.length === 1) {
    const [item] = node.children;
    if (item?.spread && item.children.length === 1) item.children.push({ type: 'html', value: '<!---->' });
  }
}

function isHtmlBlock(node: Element): boolean {
  return (node.data as { wenjiHtml?: boolean } | undefined)?.wenjiHtml === true;
}

/** Blocks Markdown (with GFM) would lose part of, written as HTML. */
function keepsAsHtml(node: Element): boolean {
  if (node.tagName === 'dl') return true;
  if (node.tagName === 'figure') return node.children.some((child) => child.type === 'element' && child.tagName === 'figcaption' && toString(child).trim() !== '');
  if (node.tagName === 'table') return !isSimpleTable(node);
  // Markdown's reader, once a file holds HTML, drops a code block's leading line break.
  if (node.tagName === 'pre') return toString(node).startsWith('\n');
  // A Markdown list is loose or tight as a whole: one whose items differ stays HTML.
  if (node.tagName === 'ul' || node.tagName === 'ol') {
    const items = node.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'li');
    const loose = items.map((item) => item.children.some((child) => child.type === 'element' && child.tagName === 'p'));
    return loose.includes(true) && loose.includes(false);
  }
  return false;
}

/** A table GFM holds as it is: a header row of `th`, phrasing-only cells, no spans, no caption. */
function isSimpleTable(table: Element): boolean {
  const rows: Element[] = [];
  let simple = true;
  visit(table, 'element', (node) => {
    if (node === table) return undefined;
    if (node.tagName === 'caption' || node.tagName === 'table') simple = false;
    if (node.tagName === 'tr') rows.push(node);
    if (node.tagName === 'td' || node.tagName === 'th') {
      if (Number(node.properties.colSpan ?? 1) > 1 || Number(node.properties.rowSpan ?? 1) > 1) simple = false;
      const blocks = node.children.some((child) => child.type === 'element' && (!phrasing.has(child.tagName) || child.tagName === 'br' || child.tagName === 'img'));
      // GFM reads `\|` in a cell as `|`, even in code, and cannot write a backslash before a pipe.
      if (blocks || toString(node).includes('\\|')) simple = false;
    }
    return undefined;
  });
  const cells = (row: Element) => row.children.filter((child): child is Element => child.type === 'element' && (child.tagName === 'td' || child.tagName === 'th'));
  const header = rows[0];
  if (!header || !cells(header).length || !cells(header).every((cell) => cell.tagName === 'th')) return false;
  const width = cells(header).length;
  return simple && rows.every((row) => cells(row).length === width);
}

function htmlBlock(node: Element): Html {
  let html = unified().use(rehypeStringify).stringify({ type: 'root', children: [node] });
  // An HTML parser drops a line break right after `<pre>`: one more keeps the one in the text.
  const first = node.children[0];
  if (node.tagName === 'pre' && first?.type === 'text' && first.value.startsWith('\n')) html = html.replace(/^<pre[^>]*>/, (tag) => `${tag}\n`);
  // A blank line would end the HTML block: line breaks inside one (only in `pre`) become `&#10;`.
  return { type: 'html', value: html.trim().replace(/\n\n/g, '\n&#10;') };
}

function openTag(node: Element): string {
  const attributes = Object.entries(keptAttributes)
    .map(([property, attribute]) => {
      const value = node.properties[property];
      return value === undefined || value === null || value === false ? '' : ` ${attribute}="${escapeAttribute(String(Array.isArray(value) ? value.join(' ') : value))}"`;
    })
    .join('');
  return `<${node.tagName}${attributes}>`;
}

/**
 * `<sup>…</sup>`: the tags as inline HTML, the content as Markdown (escaped as usual). Carried
 * through hast-util-to-mdast as a `strong` marked in its data — an `html` node is not phrasing
 * there, and would split the paragraph — and unwrapped by `expandInlineHtml`.
 */
function wrapInline(state: State, node: Element): MdastNodes {
  return { type: 'strong', data: { wenjiHtml: [openTag(node), `</${node.tagName}>`] } as never, children: state.all(node) as never };
}

function inlineHtmlNode(value: string): MdastNodes {
  return { type: 'strong', data: { wenjiHtml: [value, ''] } as never, children: [] };
}

/** The marked `strong`s → their tags as `html` around their children. */
function expandInlineHtml(node: MdastNodes): void {
  if (!('children' in node)) return;
  const children: MdastNodes[] = [];
  for (const child of node.children as MdastNodes[]) {
    expandInlineHtml(child);
    const tags = (child.data as { wenjiHtml?: [string, string] } | undefined)?.wenjiHtml;
    if (child.type === 'strong' && tags) {
      children.push({ type: 'html', value: tags[0] }, ...(child.children as MdastNodes[]));
      if (tags[1]) children.push({ type: 'html', value: tags[1] });
    } else children.push(child);
  }
  (node as { children: MdastNodes[] }).children = children;
}

function link(state: State, node: Element, anchors: Set<string>, footnotes: Map<string, string>): MdastNodes | MdastNodes[] {
  const href = typeof node.properties.href === 'string' ? node.properties.href : '';
  if (node.properties.dataFootnoteRef !== undefined && href.startsWith('#')) {
    const label = footnotes.get(href.slice(1));
    if (label) return { type: 'footnoteReference', identifier: label, label };
  }
  const id = typeof node.properties.id === 'string' ? node.properties.id : '';
  const anchor: MdastNodes[] = id && anchors.has(id) ? [inlineHtmlNode(`<a id="${escapeAttribute(id)}"></a>`)] : [];
  if (!href) return [...anchor, ...(state.all(node) as MdastNodes[])];
  const result = defaultHandlers.a(state, { ...node, properties: { ...node.properties, id: undefined } }) as MdastNodes;
  return anchor.length ? [...anchor, result] : result;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * Ids that links inside the article point to (`#part-2`), outside HTML blocks (which keep their
 * ids) and footnotes: Markdown has no ids, so each gets an `<a id>` at the start of the text of
 * its element. Returns the ids kept that way.
 */
function placeAnchors(tree: Root): Set<string> {
  const targets = new Set<string>();
  visit(tree, 'element', (node) => {
    const href = node.properties.href;
    if (node.tagName === 'a' && typeof href === 'string' && href.length > 1 && href.startsWith('#') && node.properties.dataFootnoteRef === undefined && node.properties.dataFootnoteBackref === undefined) {
      targets.add(percentDecoded(href.slice(1)));
    }
  });
  const placed = new Set<string>();
  if (targets.size === 0) return placed;
  const walk = (parent: Parents, insideHtml: boolean) => {
    for (const child of [...parent.children]) {
      if (child.type !== 'element') continue;
      const keepsHtml = insideHtml || isHtmlBlock(child);
      const id = typeof child.properties.id === 'string' ? child.properties.id : '';
      if (id && targets.has(id) && !keepsHtml && !placed.has(id) && !(child.tagName === 'section' && child.properties.dataFootnotes !== undefined)) {
        if (child.tagName === 'a') placed.add(id);
        else if (insertAnchor(child, id)) {
          placed.add(id);
          delete child.properties.id;
        }
      }
      if (child.tagName === 'section' && child.properties.dataFootnotes !== undefined) continue;
      walk(child, keepsHtml);
    }
  };
  walk(tree, false);
  return placed;
}

/** Puts `<a id>` first in the element's first run of text (the element itself when it holds text). */
function insertAnchor(element: Element, id: string): boolean {
  const anchor: Element = { type: 'element', tagName: 'a', properties: { id }, children: [] };
  const holdsText = (node: Element) => node.children.some((child) => child.type === 'text' ? child.value.trim() !== '' : child.type === 'element' && phrasing.has(child.tagName));
  if (phrasing.has(element.tagName)) return false;
  if (['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'dt', 'dd', 'td', 'th', 'blockquote', 'div', 'figcaption'].includes(element.tagName) && holdsText(element)) {
    element.children.unshift(anchor);
    return true;
  }
  for (const child of element.children) {
    if (child.type === 'element' && !phrasing.has(child.tagName) && insertAnchor(child, id)) return true;
  }
  return false;
}

/**
 * GFM footnote sections (`section[data-footnotes]`, as wenji's Markdown reader and GitHub make
 * them) → their labels: the note's id without `user-content-` and `fn-` (`fn-1` → `1`), or its
 * number when that is not a usable label.
 */
function footnoteLabels(tree: Root): Map<string, string> {
  const labels = new Map<string, string>();
  const used = new Set<string>();
  visit(tree, 'element', (node) => {
    if (node.tagName !== 'section' || node.properties.dataFootnotes === undefined) return;
    visit(node, 'element', (item) => {
      if (item.tagName !== 'li' || typeof item.properties.id !== 'string' || labels.has(item.properties.id)) return;
      let label = item.properties.id.replace(/^user-content-/, '').replace(/^fn-?/, '');
      if (!/^[\p{L}\p{N}_-]{1,40}$/u.test(label) || used.has(label)) label = String(labels.size + 1);
      while (used.has(label)) label = `${label}-${labels.size + 1}`;
      used.add(label);
      labels.set(item.properties.id, label);
    });
  });
  return labels;
}

function footnoteDefinitions(state: State, section: Element, labels: Map<string, string>): FootnoteDefinition[] {
  const definitions: FootnoteDefinition[] = [];
  visit(section, 'element', (item) => {
    if (item.tagName !== 'li' || typeof item.properties.id !== 'string') return undefined;
    const label = labels.get(item.properties.id);
    if (!label) return undefined;
    const content: Element = { ...item, tagName: 'div', properties: {}, children: withoutBackrefs(item.children) };
    const flow = state.toFlow(state.all(content)) as FootnoteDefinition['children'];
    definitions.push({ type: 'footnoteDefinition', identifier: label, label, children: flow });
    return SKIP;
  });
  return definitions;
}

/** The ↩ links from a note back to the text (and the space before each): the reader makes its own. */
function withoutBackrefs(children: ElementContent[]): ElementContent[] {
  const result: ElementContent[] = [];
  for (const child of children) {
    if (child.type === 'element' && child.tagName === 'a' && child.properties.dataFootnoteBackref !== undefined) {
      const previous = result.at(-1);
      if (previous?.type === 'text') previous.value = previous.value.replace(/\s+$/, '');
      continue;
    }
    result.push(child.type === 'element' ? { ...child, children: withoutBackrefs(child.children) } : child);
  }
  return result;
}

/** Leading and trailing whitespace of an element's text goes (its inner spaces stay). */
function trimEdges(node: Element): void {
  const first = node.children[0];
  if (first?.type === 'text') first.value = first.value.replace(/^\s+/, '');
  const last = node.children.at(-1);
  if (last?.type === 'text') last.value = last.value.replace(/\s+$/, '');
}
