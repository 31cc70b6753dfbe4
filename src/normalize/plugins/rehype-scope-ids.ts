import type { Root } from 'hast';
import type { Transformer } from 'unified';
import { asciiId } from '../../hast/ascii-id.js';
import { visit } from '../../hast/visit.js';

export type Options = {
  /** The article's id; every id in the article is prefixed with it. */
  prefix: string;
};

/** Attributes that name ids of the same document (space-separated lists): they follow, or go. */
export const idReferences = ['headers', 'ariaDescribedBy', 'ariaLabelledBy', 'ariaControls', 'ariaOwns', 'htmlFor'] as const;

/**
 * Ids from the source (`<a id>`, footnote ids) become unique across the whole book and valid
 * XML ids: `prefix-` + the id reduced to ASCII letters, digits, `-` and `_`. Links to `#id`
 * inside the article (and id references such as `headers`, `aria-describedby`) follow;
 * links to fragments the article does not have are dropped. A link whose element a later pass
 * removes is dropped at the end of normalization (`rehype-drop-dangling-refs`).
 */
export default function rehypeScopeIds(options: Options): Transformer<Root> {
  return (tree) => {
    const mapping = new Map<string, string>();
    const used = new Set<string>();
    const unique = (id: string): string => {
      const base = `${options.prefix}-${asciiId(id) || 'id'}`;
      let candidate = base;
      for (let n = 2; used.has(candidate); n++) candidate = `${base}-${n}`;
      used.add(candidate);
      return candidate;
    };
    visit(tree, 'element', (node) => {
      const id = node.properties.id;
      if (typeof id !== 'string' || id === '') {
        delete node.properties.id;
        return;
      }
      // A repeated source id still gets its own id (XML ids must be unique); links follow the first.
      const scoped = unique(id);
      if (!mapping.has(id)) mapping.set(id, scoped);
      node.properties.id = scoped;
    });
    const lookup = (reference: string): string | undefined => mapping.get(reference) ?? mapping.get(safeDecode(reference));
    visit(tree, 'element', (node) => {
      for (const key of idReferences) {
        const value = node.properties[key];
        if (value === undefined || value === null) continue;
        const references = (Array.isArray(value) ? value.map(String) : String(value).split(/\s+/)).filter(Boolean);
        const scoped = references.map((reference) => mapping.get(reference)).filter((id): id is string => id !== undefined);
        if (scoped.length) node.properties[key] = scoped;
        else delete node.properties[key];
      }
      const href = node.properties.href;
      if (node.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#') || href.length === 1) return;
      const id = lookup(href.slice(1));
      if (id) node.properties.href = `#${id}`;
      else delete node.properties.href;
    });
  };
}


function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
