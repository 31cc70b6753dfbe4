import type { ElementContent } from 'hast';

/** An href as written in document `from` → the href that reaches its target. */
export type HrefResolver = (href: string, from: string) => string;

/**
 * Links after articles were split into several documents. `files` names, for every id of a split
 * article, the part that holds it (ids are unique across the book: rehype-scope-ids). A link
 * `#id` inside one part to an id in another part, and a link `article.xhtml#id` from anywhere,
 * lead to `part.xhtml#id`; every other href is left as it is.
 */
export function partLinkResolver(files: Map<string, string>): HrefResolver {
  return (href, from) => {
    if (!files.size) return href;
    const hash = href.indexOf('#');
    if (hash === -1) return href;
    const file = href.slice(0, hash);
    if (file && !/^[\w.-]+\.xhtml$/.test(file)) return href;
    const fragment = href.slice(hash + 1);
    const home = files.get(fragment);
    if (!home) return href;
    if (!file) return home === from ? href : `${home}#${fragment}`;
    return home === file ? href : `${home}#${fragment}`;
  };
}

/**
 * `nodes` with every `a href` resolved, and what changed (old, new, …). The nodes are the book's:
 * when something changes, a copy is changed and returned.
 */
export function retargetLinks(nodes: ElementContent[], resolve: HrefResolver, from: string): { nodes: ElementContent[]; changes: string[] } {
  const changes: string[] = [];
  const visit = (list: ElementContent[], apply: boolean) => {
    for (const node of list) {
      if (node.type !== 'element') continue;
      const href = node.properties.href;
      if (node.tagName === 'a' && typeof href === 'string') {
        const resolved = resolve(href, from);
        if (resolved !== href) {
          if (apply) node.properties.href = resolved;
          else changes.push(href, resolved);
        }
      }
      visit(node.children, apply);
    }
  };
  visit(nodes, false);
  if (!changes.length) return { nodes, changes };
  const copy = structuredClone(nodes);
  visit(copy, true);
  return { nodes: copy, changes };
}
