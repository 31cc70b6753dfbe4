import type { ElementContent, Root } from 'hast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Processor } from 'unified';
import type { VFile } from 'vfile';
import remarkCjkAutolinks from '../remark-cjk-autolinks.js';
import remarkImagePaths, { protectImagePaths } from '../remark-image-paths.js';
import { firstH1, isText } from '../title-candidates.js';
import type { ParsedArticle, ReaderInput } from '../types.js';

/**
 * CommonMark + GFM → mdast → hast. GFM footnotes come out as remark-rehype makes them; their
 * labels, ids and back links are settled by normalization (rehype-footnotes), in the article's
 * language.
 */
export async function readMarkdown(file: VFile, { frontMatter, fileTitle }: ReaderInput): Promise<ParsedArticle[]> {
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(remarkSkipAutolinkScan, String(file.value))
    .use(remarkCjkAutolinks)
    .use(remarkImagePaths)
    .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: '' });
  // Loose image paths (spaces, backslashes) are protected for the parser, position for position.
  const source = String(file.value);
  let tree = (await processor.run(processor.parse(protectImagePaths(source, file)), file)) as Root;
  // Raw HTML inside Markdown (ruby, <br>, <sup>…) is parsed into the tree; skipping the
  // parse5 pass when there is none saves a third of the Markdown time.
  if (hasRaw(tree)) {
    const { default: rehypeRaw } = await import('rehype-raw');
    tree = (await unified().use(rehypeRaw).run(tree, file)) as Root;
  }
  restoreBracketedHosts(tree);
  return [{ tree, meta: frontMatter?.meta ?? {}, stated: frontMatter?.meta ?? {}, fallbackTitles: [firstH1(tree), fileTitle].filter(isText) }];
}

/**
 * GFM looks for bare URLs and e-mail addresses in every text node after parsing, a tenth of the
 * Markdown time. Each needs `http(s):`, `www` or `@` in the text; a file that has none of them
 * (nor an entity or escape that could make one) skips that pass, with the same result.
 */
function remarkSkipAutolinkScan(this: Processor, source: string): void {
  if (/https?:|www|@|&|\\/i.test(source)) return;
  const data = this.data();
  const withoutScan = (extension: unknown): unknown => {
    if (Array.isArray(extension)) return extension.map(withoutScan);
    if (extension && typeof extension === 'object' && 'transforms' in extension) return { ...extension, transforms: [] };
    return extension;
  };
  if (data.fromMarkdownExtensions) data.fromMarkdownExtensions = data.fromMarkdownExtensions.map(withoutScan) as typeof data.fromMarkdownExtensions;
}

/**
 * Markdown-to-HTML percent-encodes `[` and `]` in every address, which breaks an IPv6 host
 * (`http://[::1]/a.png` became `http://%5B::1%5D/a.png`): the brackets of the host are put back.
 * Iterative, like every walk over a tree not yet depth-capped.
 */
function restoreBracketedHosts(tree: Root): void {
  const pending: (Root | ElementContent)[] = [tree];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'element') {
      for (const key of ['href', 'src'] as const) {
        const value = node.properties[key];
        if (typeof value === 'string' && value.includes('%5')) node.properties[key] = value.replace(/^([a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?)%5B([0-9a-f:.]+(?:%25[\w.~-]+)?)%5D/i, '$1[$2]');
      }
    }
    if ('children' in node) for (const child of node.children) pending.push(child as ElementContent);
  }
}

function hasRaw(node: Root | ElementContent): boolean {
  if (node.type === 'raw') return true;
  return 'children' in node && node.children.some((child) => hasRaw(child as ElementContent));
}
