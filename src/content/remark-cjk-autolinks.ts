import type { Link, Root, RootContent, Text } from 'mdast';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import type { VFile } from 'vfile';
import { cjk } from '../normalize/cjk-characters.js';

const cjkCharacter = new RegExp(`[${cjk}]`, 'u');
/** What GFM trims off the end of a literal URL. */
const trailingPunctuation = /[?!.,:*_~]+$/;

/**
 * GFM ends a bare URL or e-mail address at whitespace, and Chinese and Japanese put none after
 * one: `见https://example.org/a，来信` links `https://example.org/a，来信`. A literal autolink
 * (written as bare text, not `[…](…)` or `<…>`) ends at its first CJK character or CJK
 * punctuation mark instead; the rest is text again.
 */
export default function remarkCjkAutolinks() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    let split = false;
    const walk = (parent: { children: RootContent[] }) => {
      for (let index = 0; index < parent.children.length; index++) {
        const node = parent.children[index]!;
        if (node.type === 'link') {
          const rest = splitLiteral(node, source);
          if (rest) {
            parent.children.splice(index + 1, 0, rest);
            split = true;
          }
          continue;
        }
        if ('children' in node) walk(node as { children: RootContent[] });
      }
    };
    walk(tree);
    // What a link gave back may hold the next address (`…/a，来信：editor@example.com`).
    if (split) for (const transform of gfmAutolinkLiteralFromMarkdown().transforms ?? []) transform(tree);
  };
}

function splitLiteral(link: Link, source: string): Text | undefined {
  const [only] = link.children;
  if (link.children.length !== 1 || only?.type !== 'text') return undefined;
  const start = link.position?.start.offset;
  if (start === undefined || source[start] === '[' || source[start] === '<') return undefined;
  const prefix = link.url === only.value ? '' : link.url === `http://${only.value}` ? 'http://' : link.url === `mailto:${only.value}` ? 'mailto:' : undefined;
  if (prefix === undefined) return undefined;
  const cut = only.value.search(cjkCharacter);
  if (cut <= 0) return undefined;
  let kept = only.value.slice(0, cut);
  const trimmed = trailingPunctuation.exec(kept)?.[0] ?? '';
  kept = kept.slice(0, kept.length - trimmed.length);
  if (!kept) return undefined;
  const rest = only.value.slice(kept.length);
  only.value = kept;
  link.url = `${prefix}${kept}`;
  return { type: 'text', value: rest };
}
