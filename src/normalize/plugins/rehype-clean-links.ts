import type { ElementContent, Parents, Root } from 'hast';
import type { Transformer } from 'unified';
import { withoutTracking } from '../tracking-parameters.js';

export type Options = Record<string, never>;

/**
 * Links as a book needs them: tracking parameters (`utm_*`, `spm`, `fbclid`, `from=timeline`…)
 * are dropped from addresses, and a link left with nothing to go to (`javascript:`, an empty
 * `href`) becomes its text. Links between the book's articles are resolved later, for the whole
 * book (src/transforms/links.ts).
 */
export default function rehypeCleanLinks(_options: Options = {}): Transformer<Root> {
  return (tree) => {
    clean(tree);
  };
}

/** A plain walk (links are few; a generic visitor costs more than the work). */
function clean(parent: Parents): void {
  let unwrapped = false;
  const children: ElementContent[] = [];
  for (const child of parent.children as ElementContent[]) {
    if (child.type !== 'element') {
      children.push(child);
      continue;
    }
    clean(child);
    const href = child.properties.href;
    if (child.tagName === 'a' && typeof href === 'string') {
      const trimmed = href.trim();
      if (trimmed === '' || trimmed === '#' || /^(?:javascript|vbscript|data):/i.test(trimmed)) {
        delete child.properties.href;
        if (child.properties.id === undefined) {
          children.push(...child.children);
          unwrapped = true;
          continue;
        }
      } else child.properties.href = withoutTracking(trimmed);
    }
    children.push(child);
  }
  if (unwrapped) parent.children = children as typeof parent.children;
}
