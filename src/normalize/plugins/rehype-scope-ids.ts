import type { Root } from 'hast';
import type { Transformer } from 'unified';
import { visit } from 'unist-util-visit';

export type Options = {
  /** The article's id; every id in the article is prefixed with it. */
  prefix: string;
};

/**
 * Ids from the source (`<a id>`, footnote ids) become unique across the whole book and valid
 * XML ids: `prefix-` + the id reduced to ASCII letters, digits, `-` and `_`. Links to `#id`
 * inside the article follow.
 */
export default function rehypeScopeIds(options: Options): Transformer<Root> {
  return (tree) => {
    const mapping = new Map<string, string>();
    const used = new Set<string>();
    const scoped = (id: string): string => {
      const existing = mapping.get(id);
      if (existing) return existing;
      const base = `${options.prefix}-${asciiId(id) || 'id'}`;
      let candidate = base;
      for (let n = 2; used.has(candidate); n++) candidate = `${base}-${n}`;
      used.add(candidate);
      mapping.set(id, candidate);
      return candidate;
    };
    visit(tree, 'element', (node) => {
      const id = node.properties.id;
      if (typeof id === 'string' && id !== '') node.properties.id = scoped(id);
      else delete node.properties.id;
    });
    visit(tree, 'element', (node) => {
      const href = node.properties.href;
      if (node.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#') || href.length === 1) return;
      const target = safeDecode(href.slice(1));
      const id = mapping.get(target);
      if (id) node.properties.href = `#${id}`;
      else delete node.properties.href;
    });
  };
}

export function asciiId(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .toLowerCase();
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
