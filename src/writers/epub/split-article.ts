import type { Element, ElementContent, Properties } from 'hast';
import { xmlByteLength } from '../xhtml/xml-size.js';

/** One content document of an article: its file and what its `section.article` holds. */
export interface ArticlePart {
  filename: string;
  children: ElementContent[];
}

export interface ArticleLayout {
  parts: ArticlePart[];
  /** The document that holds each id of the article, when it is split (else every id is in the one part). */
  files?: Map<string, string>;
}

export interface SplitOptions {
  /** Largest document wanted, in bytes of XHTML. */
  budget: number;
  /** Bytes of a part's document besides the content of its article section (head, body, the section's own tags). */
  overhead: number;
  /** File name of part `n` (1, 2, …). */
  filename: (n: number) => string;
}

/** A block of an article and the containers it was taken out of (outermost first). */
interface Block {
  node: ElementContent;
  wrappers: Element[];
  /** Its size with the notes it refers to first. */
  cost: number;
  /** Notes first referred to in it, in order. */
  notes: Element[];
}

/** Containers whose children may go to different documents, each part keeping a copy of the container. */
const divisible = new Set(['div', 'section', 'article', 'main', 'blockquote', 'aside']);

/**
 * Splits an article whose document would be larger than `budget` (Adobe-engine readers fail on
 * XHTML documents over about 260–300 KB) into parts: before an `h2` or `h3` when one falls in the
 * second half of a part, else between paragraphs, never right after a heading. `children` is the
 * article section's content: the header, the body, the notes section last. Each note goes to the
 * part that refers to it first (notes nothing refers to, to the last part), under its own copy of
 * the notes heading. A block larger than the budget is split into its children when it is a
 * container, and otherwise kept whole (its part is larger than the budget). An article that fits
 * is one part holding `children` as they are.
 */
export function splitArticle(children: ElementContent[], options: SplitOptions): ArticleLayout {
  const first = options.filename(1);
  const whole = (): ArticleLayout => ({ parts: [{ filename: first, children }] });
  if (options.overhead + xmlByteLength(children) <= options.budget) return whole();

  const notesIndex = children.findLastIndex((child) => child.type === 'element' && isNotesSection(child));
  const notesSection = notesIndex === -1 ? undefined : (children[notesIndex] as Element);
  const notes = new Map<string, Element>();
  let heading: Element | undefined;
  for (const child of notesSection?.children ?? []) {
    if (child.type !== 'element') continue;
    if (typeof child.properties.id === 'string') notes.set(child.properties.id, child);
    else heading ??= child;
  }
  const notesShell = notesSection ? xmlByteLength([{ ...notesSection, children: heading ? [heading] : [] }]) : 0;
  const budget = options.budget - options.overhead - notesShell;

  const placed = new Set<string>();
  const blocks: Block[] = [];
  const add = (node: ElementContent, wrappers: Element[]) => {
    const own = xmlByteLength([node]);
    if (own > budget && node.type === 'element' && divisible.has(node.tagName) && !isNotesSection(node)) {
      // The container's own tags are counted once per part it ends up in: a few bytes.
      for (const child of node.children) add(child, [...wrappers, node]);
      return;
    }
    const referred: Element[] = [];
    for (const id of noteRefs(node)) {
      const note = notes.get(id);
      if (note && !placed.has(id)) {
        placed.add(id);
        referred.push(note);
      }
    }
    blocks.push({ node, wrappers, notes: referred, cost: own + xmlByteLength(referred) });
  };
  children.forEach((child, index) => {
    if (index !== notesIndex) add(child, []);
  });
  const unreferred = [...notes.entries()].filter(([id]) => !placed.has(id)).map(([, note]) => note);
  const last = blocks.at(-1);
  if (last && unreferred.length) {
    last.notes.push(...unreferred);
    last.cost += xmlByteLength(unreferred);
  }

  const groups = groupBlocks(blocks, budget);
  if (groups.length < 2) return whole();
  const seen = new Set<Element>();
  const parts = groups.map((group, index): ArticlePart => {
    const content = rebuild(group, seen);
    const partNotes = group.flatMap((block) => block.notes);
    if (notesSection && partNotes.length) content.push({ ...notesSection, children: [...(heading ? [heading] : []), ...partNotes] });
    return { filename: options.filename(index + 1), children: content };
  });
  const files = new Map<string, string>();
  for (const part of parts) for (const id of idsOf(part.children)) if (!files.has(id)) files.set(id, part.filename);
  return { parts, files };
}

/** Consecutive blocks into parts of at most `budget` bytes each (a single larger block alone). */
function groupBlocks(blocks: Block[], budget: number): Block[][] {
  const groups: Block[][] = [];
  let current: Block[] = [];
  let size = 0;
  for (const block of blocks) {
    while (current.length && size + block.cost > budget) {
      const cut = cutPoint(current, budget);
      groups.push(current.slice(0, cut));
      current = current.slice(cut);
      size = current.reduce((total, item) => total + item.cost, 0);
    }
    current.push(block);
    size += block.cost;
  }
  if (current.length) groups.push(current);
  return groups;
}

/**
 * Where a full part ends: before its last `h2`/`h3` when the part is at least half full by
 * then; else at its end, less any headings it ends with (a heading goes with its text).
 */
function cutPoint(blocks: Block[], budget: number): number {
  let size = 0;
  let best = -1;
  for (let index = 0; index < blocks.length; index++) {
    if (index > 0 && size >= budget / 2 && isHeading(blocks[index]!.node, /^h[23]$/)) best = index;
    size += blocks[index]!.cost;
  }
  if (best > 0) return best;
  let cut = blocks.length;
  while (cut > 1 && (isHeading(blocks[cut - 1]!.node, /^h[1-6]$/) || blocks[cut - 1]!.node.type === 'text')) cut--;
  // Only headings (and spaces): the part keeps them all rather than being empty.
  return cut > 1 || !isHeading(blocks[0]!.node, /^h[1-6]$/) ? cut : blocks.length;
}

/** The blocks of a part inside copies of their containers; a container's id stays with its first copy. */
function rebuild(blocks: Block[], seen: Set<Element>): ElementContent[] {
  const out: ElementContent[] = [];
  const open: { wrapper: Element; copy: Element }[] = [];
  for (const block of blocks) {
    let depth = 0;
    while (depth < open.length && open[depth]!.wrapper === block.wrappers[depth]) depth++;
    open.length = depth;
    for (const wrapper of block.wrappers.slice(depth)) {
      const copy: Element = { ...wrapper, properties: seen.has(wrapper) ? withoutId(wrapper.properties) : wrapper.properties, children: [] };
      seen.add(wrapper);
      (open.at(-1)?.copy.children ?? out).push(copy);
      open.push({ wrapper, copy });
    }
    (open.at(-1)?.copy.children ?? out).push(block.node);
  }
  return out;
}

function withoutId(properties: Properties): Properties {
  const { id: _id, ...rest } = properties;
  return rest;
}

function isNotesSection(node: Element): boolean {
  return node.tagName === 'section' && node.properties['epub:type'] === 'footnotes';
}

function isHeading(node: ElementContent, pattern: RegExp): boolean {
  return node.type === 'element' && pattern.test(node.tagName);
}

/** The notes a block refers to (`a epub:type="noteref"` to `#id`), in order. */
function noteRefs(node: ElementContent): string[] {
  const found: string[] = [];
  const walk = (current: ElementContent) => {
    if (current.type !== 'element') return;
    const href = current.properties.href;
    if (current.tagName === 'a' && current.properties['epub:type'] === 'noteref' && typeof href === 'string' && href.startsWith('#')) found.push(href.slice(1));
    for (const child of current.children) walk(child);
  };
  walk(node);
  return found;
}

function idsOf(nodes: ElementContent[]): string[] {
  const ids: string[] = [];
  const walk = (node: ElementContent) => {
    if (node.type !== 'element') return;
    if (typeof node.properties.id === 'string' && node.properties.id) ids.push(node.properties.id);
    for (const child of node.children) walk(child);
  };
  for (const node of nodes) walk(node);
  return ids;
}
