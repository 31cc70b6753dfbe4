import path from 'node:path';
import type { Root } from 'hast';
import type { Transformer } from 'unified';
import { containedFile, localReference } from '../../contained-path.js';
import { visit } from '../../hast/visit.js';

export type Options = Record<string, never>;

/**
 * Report-only: links that lead nowhere. `#id` links need an element with that id in the same
 * article (else the book drops the link); relative links need the file; `file:` links never work
 * in a book. Web addresses are not visited.
 */
export default function rehypeLintLinks(_options?: Options): Transformer<Root> {
  return (tree, file) => {
    const ids = new Set<string>();
    visit(tree, 'element', (node) => {
      for (const key of ['id', 'name'] as const) {
        const value = node.properties[key];
        if (typeof value === 'string' && value) ids.add(value);
      }
    });
    const article = file.data.absolutePath;
    visit(tree, 'element', (node) => {
      if (node.tagName !== 'a' || typeof node.properties.href !== 'string') return;
      const href = node.properties.href.trim();
      // The build itself reports links to files that are not articles (rule `link`): not twice.
      const reported = file.messages.some((message) => message.ruleId === 'link' && message.line === node.position?.start.line && message.column === node.position?.start.column);
      const report = (reason: string) => {
        if (!reported) file.message(reason, { place: node.position, ruleId: 'broken-link', source: 'wenji' });
      };
      if (href.startsWith('#')) {
        const id = href.slice(1);
        if (id && !ids.has(id) && !ids.has(safeDecode(id))) report(`link to "${href}", which is no anchor in this article; the link is dropped`);
        return;
      }
      if (/^file:/i.test(href)) return void report(`file: link cannot be followed in a book: ${href.slice(0, 80)}`);
      if (!href || /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(href) || !article) return;
      const target = localReference(href);
      // Looked for inside the content folder only, as the build does: nothing outside is asked about.
      const found = target ? containedFile(file.data.contentRoot ?? path.dirname(article), path.dirname(article), target) : undefined;
      if (found && !found.ok && found.reason === 'missing') report(`link target not found: ${href} (fix the path or link to a web address)`);
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
