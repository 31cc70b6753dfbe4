import type { Element, ElementContent, Properties, Root } from 'hast';
import type { Transformer } from 'unified';
import { visit, type ParentNode } from '../../hast/visit.js';

/**
 * What the sanitizer lets through is safe; this makes it valid (EPUB 3 XHTML, what EPUBCheck
 * checks), right after sanitizing. Attribute values are checked against their element's rules
 * and an invalid one is dropped (`lang="zh&quot;"`, `dir="up"`, `colspan="0"`, `scope="x"`,
 * `align` other than left/center/right/justify or on an element it never aligned the text of, a
 * `datetime` that is no date, `<ol type="9">`, `<li value="x">`, a bare `mailto:`; an `href`
 * with spaces is percent-encoded); attributes the sanitizer allows everywhere stay only on the
 * elements that have them. Content models are repaired without losing text: a lone `rt`/`rp`,
 * `dd`/`dt`/`li` outside their lists, `bdo` without `dir`, a `dfn` inside a `dfn` become spans or
 * divs; a second `figcaption` or `caption` becomes a paragraph; a `p` (any non-`li`) directly in
 * a list is wrapped in an `li`; a `dl` whose `dd` has no `dt` becomes divs; a `source` outside a
 * `picture` goes (with its remote `srcset`); a ruby inside a ruby joins it, one without `rt` is a span.
 */
export default function rehypeValidMarkup(): Transformer<Root> {
  return (tree) => {
    validateAttributes(tree);
    repairContent(tree);
  };
}

/** Attributes the sanitizer allows on every element, and the elements that really have them. */
const attributesOn: Record<string, Set<string>> = {
  start: new Set(['ol']),
  reversed: new Set(['ol']),
  type: new Set(['ol', 'source']),
  value: new Set(['li', 'data']),
  colSpan: new Set(['td', 'th']),
  rowSpan: new Set(['td', 'th']),
  headers: new Set(['td', 'th']),
  scope: new Set(['th']),
  abbr: new Set(['th']),
  dateTime: new Set(['time', 'del', 'ins']),
  cite: new Set(['blockquote', 'q', 'del', 'ins']),
  // HTML 4's text alignment (obsolete in HTML, invalid in EPUB 3: rehype-table-align makes it a
  // class). On img, table, hr, caption it floated or placed the element: not kept.
  align: new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'td', 'th', 'tr', 'thead', 'tbody', 'tfoot', 'col', 'colgroup']),
};

const languageTag = /^[a-z]{2,3}(-[a-z]{3}){0,3}(-[a-z]{4})?(-([a-z]{2}|\d{3}))?(-([a-z\d]{5,8}|\d[a-z\d]{3}))*(-[a-wyz\d](-[a-z\d]{2,8})+)*(-x(-[a-z\d]{1,8})+)?$|^x(-[a-z\d]{1,8})+$/i;
const integer = /^[+-]?\d+$/;

/** The HTML forms of `datetime`: a date, month, year-less date, time, local or global date and time, week, duration. */
const dateTime = new RegExp(
  [
    String.raw`\d{4,}(-\d{2}(-\d{2})?)?`,
    String.raw`-?-\d{2}-\d{2}`,
    String.raw`\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?`,
    String.raw`\d{4,}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?`,
    String.raw`(Z|[+-]\d{2}:?\d{2})`,
    String.raw`\d{4,}-W\d{2}`,
    String.raw`P(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d{1,3})?S)?)?`,
    String.raw`(\s*\d+(\.\d{1,3})?[WDHMS])+`,
  ]
    .map((form) => `(${form})`)
    .join('|')
    .replace(/^/, '^(')
    .concat(')$'),
  'i',
);

const validValue: Record<string, (value: string, element: Element) => boolean> = {
  lang: (value) => value === '' || languageTag.test(value),
  dir: (value) => ['ltr', 'rtl', 'auto'].includes(value.toLowerCase()),
  type: (value, element) => element.tagName !== 'ol' || ['1', 'a', 'A', 'i', 'I'].includes(value),
  start: (value) => integer.test(value.trim()),
  value: (value, element) => element.tagName !== 'li' || integer.test(value.trim()),
  colSpan: (value) => /^\d+$/.test(value.trim()) && Number(value) >= 1 && Number(value) <= 1000,
  rowSpan: (value) => /^\d+$/.test(value.trim()) && Number(value) <= 65534,
  scope: (value) => ['row', 'col', 'rowgroup', 'colgroup'].includes(value.toLowerCase()),
  dateTime: (value) => dateTime.test(value.trim()),
  align: (value) => ['left', 'center', 'right', 'justify'].includes(value.trim().toLowerCase()),
};

function validateAttributes(tree: Root): void {
  visit(tree, 'element', (node) => {
    const properties: Properties = node.properties;
    for (const key of Object.keys(properties)) {
      const on = attributesOn[key];
      if (on && !on.has(node.tagName)) {
        delete properties[key];
        continue;
      }
      const check = validValue[key];
      const value = properties[key];
      if (check && value !== undefined && value !== null && typeof value !== 'boolean' && !check(Array.isArray(value) ? value.join(' ') : String(value), node)) delete properties[key];
    }
    if (typeof properties.dir === 'string') properties.dir = properties.dir.toLowerCase();
    if (typeof properties.scope === 'string') properties.scope = properties.scope.toLowerCase();
    if (typeof properties.align === 'string') properties.align = properties.align.trim().toLowerCase();
    for (const key of ['href', 'cite'] as const) {
      const value = properties[key];
      if (typeof value !== 'string') continue;
      const fixed = validUrl(value);
      if (fixed === undefined) delete properties[key];
      else properties[key] = fixed;
    }
  });
}

/** A URL as an attribute may hold it: spaces and other illegal characters encoded; undefined when it is none (`mailto:` alone). */
function validUrl(value: string): string | undefined {
  if (value.startsWith('#')) return value.replace(/\s/g, (char) => encodeURIComponent(char));
  const encoded = value.trim().replace(/[\s"<>\\^`{|}]/g, (char) => encodeURIComponent(char));
  if (/^mailto:/i.test(encoded)) return /^mailto:[^@?\s]+@[^@?\s]+/i.test(encoded) ? encoded : undefined;
  if (!/^[a-z][a-z\d+.-]*:/i.test(encoded)) return encoded;
  try {
    return new URL(encoded).protocol ? encoded : undefined;
  } catch {
    return undefined;
  }
}

const rename = (node: Element, tagName: string) => {
  node.tagName = tagName;
  for (const key of Object.keys(node.properties)) if (!['id', 'lang', 'dir', 'title'].includes(key)) delete node.properties[key];
};

const isElement = (node: ElementContent | undefined, ...names: string[]): node is Element => node?.type === 'element' && names.includes(node.tagName);
const blank = (node: ElementContent) => (node.type === 'text' && !node.value.trim()) || node.type === 'comment';

function repairContent(tree: Root): void {
  // Iterative, with what matters of the ancestors: each parent's children are repaired before
  // any is entered, so removing one never disturbs the walk.
  const stack: { parent: ParentNode; grandparent: ParentNode | undefined; inDfn: boolean; inRuby: boolean; phrasing: boolean }[] = [{ parent: tree, grandparent: undefined, inDfn: false, inRuby: false, phrasing: false }];
  while (stack.length > 0) {
    const { parent, grandparent, inDfn, inRuby, phrasing } = stack.pop()!;
    const inside = (name: string) => parent.type === 'element' && parent.tagName === name;
    for (let index = 0; index < parent.children.length; index++) {
      const node = parent.children[index]!;
      if (node.type !== 'element') continue;
      // A block where only phrasing may stand (`<pre><h2>`, `<h2><div>`, `<b><p>`): its content stays, in place.
      if (phrasing && !phrasingElements.has(node.tagName)) {
        parent.children.splice(index--, 1, ...(node.children.length ? [{ type: 'text', value: ' ' } as const, ...node.children] : []));
        continue;
      }
      switch (node.tagName) {
        case 'ruby':
          // A ruby inside a ruby (an unclosed one swallows the next): its bases and annotations join the outer one.
          if (inRuby) {
            parent.children.splice(index--, 1, ...node.children);
            continue;
          }
          joinNestedRubies(node);
          if (!node.children.some((child) => isElement(child, 'rt'))) rename(node, 'span');
          else {
            pairedParentheses(node);
            // Base text after the last annotation has none: it follows the ruby instead.
            const last = node.children.findLastIndex((child) => isElement(child, 'rt', 'rp', 'rtc'));
            const trailing = node.children.splice(last + 1);
            parent.children.splice(index + 1, 0, ...trailing);
          }
          break;
        case 'rt':
          if (!inside('ruby')) rename(node, 'span');
          break;
        case 'rp':
        case 'source':
          // Parentheses for readers without ruby; a `source` (and its remote srcset) outside a picture.
          if (!inside(node.tagName === 'rp' ? 'ruby' : 'picture')) {
            parent.children.splice(index--, 1);
            continue;
          }
          break;
        case 'dt':
        case 'dd':
          if (!inside('dl') && !(inside('div') && grandparent?.type === 'element' && grandparent.tagName === 'dl')) rename(node, 'div');
          break;
        case 'li':
          if (!inside('ul') && !inside('ol') && !inside('menu')) rename(node, 'div');
          break;
        case 'bdo':
          if (node.properties.dir !== 'ltr' && node.properties.dir !== 'rtl') rename(node, 'span');
          break;
        case 'dfn':
          if (inDfn) rename(node, 'span');
          break;
        case 'figcaption':
          if (!inside('figure')) rename(node, 'p');
          break;
        case 'time':
          // Without a (valid) datetime, its text must be one: only a span can hold anything else.
          if (node.properties.dateTime === undefined) rename(node, 'span');
          break;
        case 'ul':
        case 'ol':
        case 'menu':
          wrapStrays(node);
          break;
        case 'dl':
          if (!validList(node)) flattenList(node);
          break;
        case 'figure':
          oneCaption(node, 'figcaption', 'either');
          break;
        case 'table':
          oneCaption(node, 'caption', 'first');
          break;
      }
      stack.push({ parent: node, grandparent: parent, inDfn: inDfn || node.tagName === 'dfn', inRuby: inRuby || node.tagName === 'ruby', phrasing: phrasing || phrasingOnly.has(node.tagName) });
    }
  }
}

/** Elements whose content must be phrasing content. */
const phrasingOnly = new Set(['p', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'span', 'b', 'i', 'em', 'strong', 'small', 'sub', 'sup', 'code', 'cite', 'q', 'abbr', 'time', 'mark', 'u', 's', 'dfn', 'bdo', 'bdi', 'ruby', 'rt', 'rp', 'kbd', 'samp', 'var', 'data', 'label']);
/** Phrasing content the sanitizer keeps (`a`, `del`, `ins` are transparent: phrasing where they stand). */
const phrasingElements = new Set([...phrasingOnly, 'a', 'br', 'wbr', 'img', 'picture', 'source', 'del', 'ins', 'tt', 'big', 'strike', 'font', 'nobr'].filter((name) => !['p', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(name)));

/** Rubies directly inside `ruby` (an unclosed one swallows the next, and so on): their children join it. */
function joinNestedRubies(ruby: Element): void {
  for (let i = 0; i < ruby.children.length; i++) {
    const child = ruby.children[i]!;
    if (isElement(child, 'ruby')) ruby.children.splice(i--, 1, ...child.children);
  }
}

/** A ruby's `rp` only as parentheses around an `rt` (`rp rt rp`); a lone one (an opening without its closing…) goes. */
function pairedParentheses(ruby: Element): void {
  const items = ruby.children.filter((child) => !blank(child));
  const kept = new Set<ElementContent>();
  items.forEach((item, i) => {
    if (isElement(item, 'rt') && isElement(items[i - 1], 'rp') && isElement(items[i + 1], 'rp')) kept.add(items[i - 1]!).add(items[i + 1]!);
  });
  ruby.children = ruby.children.filter((child) => !isElement(child, 'rp') || kept.has(child));
}

/** Children of a list that are not `li` (nor blank): each run of them wrapped in one `li`. */
function wrapStrays(list: Element): void {
  const children: ElementContent[] = [];
  let stray: Element | undefined;
  for (const child of list.children) {
    if (isElement(child, 'li', 'script', 'template')) {
      stray = undefined;
      children.push(child);
    } else if (blank(child) && !stray) children.push(child);
    else {
      if (!stray) {
        stray = { type: 'element', tagName: 'li', properties: {}, children: [] };
        children.push(stray);
      }
      stray.children.push(child);
    }
  }
  list.children = children;
}

/** A `dl` of groups of one or more `dt` then one or more `dd` (directly or each group in a `div`). */
function validList(list: Element): boolean {
  const items = list.children.filter((child): child is Element => child.type === 'element' && !isElement(child, 'script', 'template'));
  if (items.length === 0) return true;
  if (items.every((item) => item.tagName === 'div')) return items.every((item) => validList(item));
  let state: 'start' | 'dt' | 'dd' = 'start';
  for (const item of items) {
    if (item.tagName === 'dt') state = 'dt';
    else if (item.tagName === 'dd' && state !== 'start') state = 'dd';
    else return false;
  }
  return state === 'dd';
}

/** A `dl` that is not one: divs, its terms kept as paragraphs of their own. */
function flattenList(list: Element): void {
  rename(list, 'div');
  for (const child of list.children) if (isElement(child, 'dt', 'dd', 'div')) rename(child, isElement(child, 'dt') ? 'p' : 'div');
}

/**
 * One caption where the element allows it (a figure's first or last child, a table's first); the
 * others become paragraphs (a table's before the table, as its content model allows no `p`).
 */
function oneCaption(node: Element, name: string, where: 'first' | 'either'): void {
  const elements = node.children.filter((child): child is Element => child.type === 'element');
  const captions = elements.filter((child) => child.tagName === name);
  if (captions.length === 0) return;
  const kept = captions.find((caption) => caption === elements[0] || (where === 'either' && caption === elements.at(-1))) ?? (where === 'first' ? captions[0] : undefined);
  for (const caption of captions) {
    if (caption === kept) continue;
    if (where === 'first') {
      // A table holds no paragraph: the caption's text goes into the kept caption, after a space.
      node.children.splice(node.children.indexOf(caption), 1);
      if (kept) kept.children.push({ type: 'text', value: ' ' }, ...caption.children);
    } else rename(caption, 'p');
  }
  if (kept && where === 'first' && node.children.find((child) => child.type === 'element') !== kept) {
    node.children.splice(node.children.indexOf(kept), 1);
    node.children.unshift(kept);
  }
}
