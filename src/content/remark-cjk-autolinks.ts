import type { Link, Root, RootContent, Text } from 'mdast';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import type { VFile } from 'vfile';

/**
 * CJK punctuation, full-width forms, curly double quotes, the ellipsis and the dash: what follows
 * an address in Chinese or Japanese text and never belongs to one. CJK letters do not end a link
 * (`https://zh.wikipedia.org/wiki/北京`, `https://例子.中国/` are addresses as written).
 */
const cjkMark = /[\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65\u201C\u201D\u2026\u2014]/u;
/** What GFM trims off the end of a literal URL. */
const trailingPunctuation = /[?!.,:*_~]+$/;

/**
 * GFM ends a bare URL or e-mail address at whitespace, and Chinese and Japanese put none after
 * one: `见https://example.org/a，来信` links `https://example.org/a，来信`. A literal autolink
 * (written as bare text, not `[…](…)` or `<…>`) ends at its first CJK punctuation mark instead;
 * the rest is text again.
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
    // What a link gave back may hold the next address (`…/a，来信：editor@example.com`), which
    // may need cutting in turn: scan and cut until nothing changes.
    const transforms = gfmAutolinkLiteralFromMarkdown().transforms ?? [];
    for (let round = 0; round < 100; round++) {
      split = false;
      walk(tree);
      if (!split) break;
      for (const transform of transforms) transform(tree);
    }
  };
}

function splitLiteral(link: Link, source: string): Text | undefined {
  const [only] = link.children;
  if (link.children.length !== 1 || only?.type !== 'text') return undefined;
  const start = link.position?.start.offset;
  // Written links (`[…](…)`, `<…>`) are the author's; a link without a position was made by the
  // scan below, from text.
  if (start !== undefined && (source[start] === '[' || source[start] === '<')) return undefined;
  const prefix = link.url === only.value ? '' : link.url === `http://${only.value}` ? 'http://' : link.url === `mailto:${only.value}` ? 'mailto:' : undefined;
  if (prefix === undefined) return undefined;
  const cut = only.value.search(cjkMark);
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
