import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element, ElementContent, Parents, Root } from 'hast';
import { h } from 'hastscript';
import { toString } from 'hast-util-to-string';
import type { Transformer } from 'unified';
import { visit, SKIP } from '../../hast/visit.js';
import type { VFile } from 'vfile';
import type { ImageAsset } from '../../book/model.js';
import { coreImageTypes } from '../../locale/media-types.js';
import { containedFile, localReference, maxReferencedBytes } from '../../contained-path.js';
import { prepareImage, type Preparation } from '../image-conversion.js';

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
  /** Longest side in pixels; larger images are scaled down (default 1600; 0 keeps every size). */
  maxDimension?: number;
  /** Downloads a remote image; only given with `--fetch-images` (otherwise remote images are not fetched). */
  fetchRemote?: (url: string) => Promise<{ bytes: Uint8Array } | { problem: string; summarized?: boolean }>;
  /**
   * Shared by the book's articles (created per build): an image used twice is read once and
   * converted once. Keyed by source (path or URL) and by content hash.
   */
  cache?: Map<string, Promise<Preparation>>;
};

const lazyAttributes = ['dataSrc', 'dataOriginal', 'dataLazySrc', 'dataActualsrc', 'dataLazyload', 'dataOriginalSrc'] as const;

/**
 * Local images are read relative to the article (never outside the content folder), identified
 * by content and packaged; `src` becomes the packaged href. WebP, AVIF, animated GIF and images
 * larger than `maxDimension` are converted for e-readers (image-conversion.ts). Remote images
 * are downloaded only when `fetchRemote` is given; otherwise, and when an image is missing or
 * unreadable, it becomes its alt text (or disappears into its figure caption) with a warning.
 * Asynchronous: conversion and downloads do not block.
 */
export default function rehypeResolveImages(options: Options): Transformer<Root> {
  const maxBytes = options.maxBytes ?? maxReferencedBytes;
  const maxDimension = options.maxDimension ?? 1600;
  return async (tree, file) => {
    const images = new Map<string, ImageAsset>();
    const found: { node: Element; parent: Parents }[] = [];
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName === 'picture' && parent && index !== undefined) {
        // <picture> falls back to its <img>; <source> variants are not packaged.
        const img = node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'img');
        parent.children.splice(index, 1, ...(img ? [img] : []));
        return [SKIP, index];
      }
      if (node.tagName === 'img' && parent) found.push({ node, parent });
      return undefined;
    });
    // The article's downloads start together (the fetcher runs a few at once); they are used in order below.
    if (options.fetchRemote) {
      for (const { node } of found) {
        const src = pickSource(node);
        if (src && /^(https?:)?\/\//i.test(src)) options.fetchRemote(remoteUrl(src)).catch(() => {});
      }
    }
    for (const { node, parent } of found) {
      const alt = String(node.properties.alt ?? '').trim();
      const src = pickSource(node);
      const result = src ? await resolve(src, file, { ...options, maxBytes, maxDimension }) : { problem: 'an image has no src' };
      if ('asset' in result) {
        const asset = images.get(result.asset.href) ?? result.asset;
        images.set(asset.href, asset);
        node.properties = { src: asset.href, alt, ...(node.properties.title ? { title: node.properties.title } : {}) };
        if (asset.width && asset.height) Object.assign(node.properties, { width: asset.width, height: asset.height });
        if (result.note) file.info(result.note, { place: node.position, ruleId: 'image', source: 'wenji' });
        continue;
      }
      const caption = parent.type === 'element' && parent.tagName === 'figure' ? figureCaption(parent) : '';
      // A file name (`IMG_3886.jpg`) says nothing to a reader: with no description the image just goes.
      const described = alt !== '' && !isFileName(alt);
      const problem = described || caption ? result.problem : `${result.problem}; left out (it has no description${alt ? `, only the file name "${alt}"` : ''})`;
      // An image whose host could not be reached is listed by --verbose; the build says it once for all of them.
      if (result.summarized) file.info(problem, { place: node.position, ruleId: 'image', source: 'wenji' });
      else file.message(problem, { place: node.position, ruleId: 'image', source: 'wenji' });
      const replacement: ElementContent[] = !described || (caption && caption.includes(alt)) ? [] : [h('span', { className: ['image-unavailable'] }, options.unavailable(alt))];
      const index = parent.children.indexOf(node);
      if (index !== -1) parent.children.splice(index, 1, ...replacement);
    }
    file.data.images = [...images.values()];
  };
}

function pickSource(node: Element): string | undefined {
  const src = typeof node.properties.src === 'string' ? node.properties.src.trim() : '';
  const lazy = lazyAttributes.map((name) => node.properties[name]).find((value): value is string => typeof value === 'string' && value.trim() !== '');
  // Lazy-loading pages put a placeholder (a 1×1 data: GIF, a spinner) in src and the real image in data-src.
  if (lazy && (!src || src.startsWith('data:') || /placeholder|blank|lazy|loading|spacer/i.test(src))) return lazy.trim();
  if (src) return src;
  // A responsive image with only `srcset`: its last candidate is the largest.
  const srcSet = node.properties.srcSet;
  const candidates = Array.isArray(srcSet) ? srcSet.map(String) : typeof srcSet === 'string' ? srcSet.split(/,\s+/) : [];
  const last = candidates.at(-1)?.trim().split(/\s+/)[0];
  return last || undefined;
}

type Resolution = { asset: ImageAsset; note?: string } | { problem: string; summarized?: boolean };

interface ResolveSettings extends Options {
  maxBytes: number;
  maxDimension: number;
}

async function resolve(src: string, file: VFile, settings: ResolveSettings): Promise<Resolution> {
  if (/^data:/i.test(src)) {
    const decoded = fromDataUrl(src, settings.maxBytes);
    return 'problem' in decoded ? decoded : packaged(decoded.bytes, 'data:', 'a data: image', settings);
  }
  if (/^(https?:)?\/\//i.test(src)) {
    if (!settings.fetchRemote) return { problem: `remote image not fetched: ${src} (save a local copy next to the article and link to it, or build with --fetch-images)` };
    const url = remoteUrl(src);
    const fetched = await settings.fetchRemote(url);
    if ('problem' in fetched) return { problem: `remote image not included: ${src} (${fetched.problem})`, ...(fetched.summarized ? { summarized: true } : {}) };
    const result = await packaged(fetched.bytes, url, src, settings);
    return 'asset' in result ? { asset: result.asset, note: result.note ? `downloaded; ${result.note}` : `downloaded: ${src}` } : result;
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(src)) return { problem: `image with an unsupported address skipped: ${src.slice(0, 80)}` };
  const local = readLocal(src, file, settings.maxBytes);
  return 'problem' in local ? local : packaged(local.bytes, local.source, src, settings);
}

/** A protocol-relative address (`//host/a.jpg`) is fetched over https. */
function remoteUrl(src: string): string {
  return src.startsWith('//') ? `https:${src}` : src;
}

function readLocal(src: string, file: VFile, maxBytes: number): { bytes: Uint8Array; source: string } | { problem: string } {
  const root = file.data.contentRoot;
  const article = file.data.absolutePath;
  if (!root || !article) return { problem: `image not packaged: ${src} (the article has no folder on disk)` };
  const found = containedFile(root, path.dirname(article), localReference(src));
  if (!found.ok) {
    if (found.reason === 'outside') return { problem: `image outside the content folder not included: ${src}` };
    if (found.reason === 'not-a-file') return { problem: `image path is not a file: ${src}` };
    if (found.reason === 'unreadable') return { problem: `image not readable: ${src} (${found.code ?? 'unreadable'})` };
    return { problem: `image not found: ${src}` };
  }
  if (found.size > maxBytes) return { problem: `image larger than ${Math.round(maxBytes / 1048576)} MB skipped: ${src}` };
  try {
    return { bytes: readFileSync(found.path), source: found.relative };
  } catch (error) {
    return { problem: `image not readable: ${src} (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
}

function fromDataUrl(src: string, maxBytes: number): { bytes: Uint8Array } | { problem: string } {
  const match = /^data:([^;,]*)((?:;[^;,]*)*?)(;base64)?,(.*)$/is.exec(src);
  if (!match) return { problem: 'malformed data: image skipped' };
  const payload = match[4] ?? '';
  const bytes = match[3] ? Buffer.from(payload, 'base64') : percentDecode(payload);
  if (bytes.length > maxBytes) return { problem: 'data: image too large, skipped' };
  if (bytes.length < 100 && /gif/i.test(match[1] ?? '')) return { problem: 'placeholder data: image (a tracking or spacer pixel) dropped' };
  return { bytes };
}

/** `%89PNG…` → bytes. Escapes are bytes, not UTF-8 (`decodeURIComponent` throws on them). */
function percentDecode(text: string): Buffer {
  return Buffer.concat(text.split(/(%[\da-f]{2})/i).map((part) => (/^%[\da-f]{2}$/i.test(part) ? Buffer.from([Number.parseInt(part.slice(1), 16)]) : Buffer.from(part, 'utf8'))));
}

/** Bytes → a packaged asset named by the hash of what is packaged (converted once per build). */
async function packaged(bytes: Uint8Array, source: string, shown: string, settings: ResolveSettings): Promise<Resolution> {
  const key = createHash('sha256').update(bytes).digest('hex');
  let preparation = settings.cache?.get(key);
  if (!preparation) {
    preparation = prepareImage(bytes, settings.maxDimension);
    settings.cache?.set(key, preparation);
  }
  const prepared = await preparation;
  if ('problem' in prepared) return { problem: `${prepared.problem}: ${shown}` };
  const hash = createHash('sha256').update(prepared.data).digest('hex').slice(0, 16);
  const asset: ImageAsset = { href: `images/${hash}.${coreImageTypes[prepared.mediaType]}`, mediaType: prepared.mediaType, data: prepared.data, source };
  if (prepared.width && prepared.height) Object.assign(asset, { width: prepared.width, height: prepared.height });
  return prepared.note ? { asset, note: `${prepared.note}: ${shown}` } : { asset };
}

/** An alt text that is only a file name or a camera's numbering (`12-IMG_3886.jpg`, `image.png`, `DSC0001`). */
export function isFileName(alt: string): boolean {
  const text = alt.trim();
  return (
    /^[^\s/\\]{1,80}\.(?:jpe?g|png|gif|webp|bmp|tiff?|heic|heif|avif|svg|jfif)$/iu.test(text) ||
    /^(?:\d+[-_ ])?(?:IMG|DSC|DSCN|DSCF|DSC_|PXL|MVIMG|P|image|img|photo|pic|screenshot|Screen Shot|截图|截圖|屏幕截图|微信图片|微信圖片)[-_ ]?\d[\w-]*$/iu.test(text) ||
    /^[0-9a-f]{16,}$/i.test(text) ||
    /^(?:image|img|photo|picture|图片|圖片|画像|写真)$/iu.test(text)
  );
}

function figureCaption(figure: Element): string {
  const caption = figure.children.find((child): child is Element => child.type === 'element' && child.tagName === 'figcaption');
  return caption ? toString(caption).trim() : '';
}
