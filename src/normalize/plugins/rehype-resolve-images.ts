import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { toString } from 'hast-util-to-string';
import type { Transformer } from 'unified';
import { visit, SKIP } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { coreImageTypes, imageSize, isCoreImageType, sniffImageType } from '../../book/media-types.js';

/** An image packaged with the book. */
export interface ImageAsset {
  /** Path inside the book, derived from the bytes: `images/<sha256-prefix>.<ext>`. */
  href: string;
  mediaType: string;
  data: Uint8Array;
  width?: number;
  height?: number;
  /** Where it came from (a path relative to the content folder, or `data:`). */
  source: string;
}

declare module 'vfile' {
  interface DataMap {
    /** Images this article uses, one entry per distinct file. */
    images: ImageAsset[];
  }
}

export type Options = {
  /** What a reader sees instead of an image that cannot be shown: alt → text. */
  unavailable: (alt: string) => string;
  /** Largest image accepted, in bytes. */
  maxBytes?: number;
};

const lazyAttributes = ['dataSrc', 'dataOriginal', 'dataLazySrc', 'dataActualsrc'] as const;

/**
 * Local images are read relative to the article (never outside the content folder), identified
 * by content and packaged; `src` becomes the packaged href. Remote images are not fetched and
 * missing or unreadable ones do not stop the build: each becomes its alt text (or disappears
 * into its figure caption) with a warning naming the file.
 */
export default function rehypeResolveImages(options: Options): Transformer<Root> {
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  return (tree, file) => {
    const images = new Map<string, ImageAsset>();
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName === 'picture' && parent && index !== undefined) {
        // <picture> falls back to its <img>; <source> variants are not packaged.
        const img = node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'img');
        parent.children.splice(index, 1, ...(img ? [img] : []));
        return [SKIP, index];
      }
      if (node.tagName !== 'img' || !parent || index === undefined) return undefined;
      const alt = String(node.properties.alt ?? '').trim();
      const src = pickSource(node);
      const result = src ? resolve(src, file, maxBytes) : { problem: 'an image has no src' };
      if ('asset' in result) {
        const asset = images.get(result.asset.href) ?? result.asset;
        images.set(asset.href, asset);
        node.properties = { src: asset.href, alt, ...(node.properties.title ? { title: node.properties.title } : {}) };
        if (asset.width && asset.height) Object.assign(node.properties, { width: asset.width, height: asset.height });
        return undefined;
      }
      file.message(result.problem, { place: node.position, ruleId: 'image', source: 'wenji' });
      const caption = parent.type === 'element' && parent.tagName === 'figure' ? figureCaption(parent) : '';
      const replacement: ElementContent[] = caption && (!alt || caption.includes(alt)) ? [] : [h('span', { className: ['image-unavailable'] }, options.unavailable(alt))];
      parent.children.splice(index, 1, ...replacement);
      return [SKIP, index + replacement.length];
    });
    file.data.images = [...images.values()];
  };
}

function pickSource(node: Element): string | undefined {
  const src = typeof node.properties.src === 'string' ? node.properties.src.trim() : '';
  const lazy = lazyAttributes.map((name) => node.properties[name]).find((value): value is string => typeof value === 'string' && value.trim() !== '');
  // Lazy-loading pages put a placeholder (a 1×1 data: GIF, a spinner) in src and the real image in data-src.
  if (lazy && (!src || src.startsWith('data:') || /placeholder|blank|lazy|loading|spacer/i.test(src))) return lazy.trim();
  return src || undefined;
}

type Resolution = { asset: ImageAsset } | { problem: string };

function resolve(src: string, file: VFile, maxBytes: number): Resolution {
  if (/^data:/i.test(src)) return fromDataUrl(src, maxBytes);
  if (/^(https?:)?\/\//i.test(src)) return { problem: `remote image not fetched: ${src} (save a local copy next to the article and link to it)` };
  if (/^[a-z][a-z0-9+.-]*:/i.test(src)) return { problem: `image with an unsupported address skipped: ${src.slice(0, 80)}` };
  const root = file.data.contentRoot;
  const article = file.data.absolutePath;
  if (!root || !article) return { problem: `image not packaged: ${src} (the article has no folder on disk)` };
  let relative = src.replace(/[?#].*$/, '');
  try {
    relative = decodeURIComponent(relative);
  } catch {
    // keep the raw path
  }
  const target = path.resolve(path.dirname(article), relative);
  let real: string;
  try {
    real = realpathSync(target);
  } catch {
    return { problem: `image not found: ${src}` };
  }
  const rootReal = realpathSync(root);
  const inside = path.relative(rootReal, real);
  // `..` or `../x` leaves the folder; a name that merely starts with dots (`..cache/a.png`) does not.
  if (inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) return { problem: `image outside the content folder not included: ${src}` };
  let bytes: Buffer;
  try {
    const stat = statSync(real);
    if (!stat.isFile()) return { problem: `image path is not a file: ${src}` };
    if (stat.size > maxBytes) return { problem: `image larger than ${Math.round(maxBytes / 1048576)} MB skipped: ${src}` };
    bytes = readFileSync(real);
  } catch (error) {
    return { problem: `image not readable: ${src} (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  return packaged(bytes, inside.split(path.sep).join('/'), src);
}

function fromDataUrl(src: string, maxBytes: number): Resolution {
  const match = /^data:([^;,]*)((?:;[^;,]*)*?)(;base64)?,(.*)$/is.exec(src);
  if (!match) return { problem: 'malformed data: image skipped' };
  const payload = match[4] ?? '';
  const bytes = match[3] ? Buffer.from(payload, 'base64') : percentDecode(payload);
  if (bytes.length > maxBytes) return { problem: 'data: image too large, skipped' };
  if (bytes.length < 100 && /gif/i.test(match[1] ?? '')) return { problem: 'placeholder data: image (a tracking or spacer pixel) dropped' };
  return packaged(bytes, 'data:', 'a data: image');
}

/** `%89PNG…` → bytes. Escapes are bytes, not UTF-8 (`decodeURIComponent` throws on them). */
function percentDecode(text: string): Buffer {
  return Buffer.concat(text.split(/(%[\da-f]{2})/i).map((part) => (/^%[\da-f]{2}$/i.test(part) ? Buffer.from([Number.parseInt(part.slice(1), 16)]) : Buffer.from(part, 'utf8'))));
}

function packaged(bytes: Uint8Array, source: string, shown: string): Resolution {
  const mediaType = sniffImageType(bytes);
  if (!isCoreImageType(mediaType)) {
    return { problem: `image format ${mediaType ?? 'unknown'} is not supported by e-readers; convert it to PNG or JPEG: ${shown}` };
  }
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const size = imageSize(bytes);
  return { asset: { href: `images/${hash}.${coreImageTypes[mediaType]}`, mediaType, data: bytes, source, ...(size ?? {}) } };
}

function figureCaption(figure: Element): string {
  const caption = figure.children.find((child): child is Element => child.type === 'element' && child.tagName === 'figcaption');
  return caption ? toString(caption).trim() : '';
}
