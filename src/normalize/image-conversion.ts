import { imageSize, isCoreImageType, sniffImageType, type CoreImageType } from '../locale/media-types.js';

export interface PreparedImage {
  data: Uint8Array;
  mediaType: CoreImageType;
  width?: number;
  height?: number;
  /** What was done to it, for the verbose report (`WebP converted to JPEG`). */
  note?: string;
}

export type Preparation = PreparedImage | { problem: string };

/** Formats sharp (libvips) reads that e-readers do not all show. */
const convertible = new Set(['image/webp', 'image/avif', 'image/heic', 'image/tiff']);
const names: Record<string, string> = { 'image/webp': 'WebP', 'image/avif': 'AVIF', 'image/heic': 'HEIC', 'image/tiff': 'TIFF', 'image/gif': 'GIF', 'image/png': 'PNG', 'image/jpeg': 'JPEG' };

/**
 * Image bytes → bytes every e-reader shows, at a size they need. PNG, JPEG and static GIF
 * within `maxDimension` pass untouched (no decoding at all). Otherwise sharp converts:
 * WebP/AVIF/HEIC/TIFF → JPEG, or PNG when the image has transparency; an animated GIF → its
 * first frame as PNG (e-ink readers and print show one frame anyway); anything whose longer
 * side exceeds `maxDimension` is scaled down. Output is deterministic for the same input.
 */
export async function prepareImage(bytes: Uint8Array, maxDimension: number): Promise<Preparation> {
  const type = sniffImageType(bytes);
  if (isCoreImageType(type)) {
    const size = imageSize(bytes);
    const fits = !size || maxDimension <= 0 || Math.max(size.width, size.height) <= maxDimension;
    const passes = fits && (type !== 'image/gif' || !isAnimatedGif(bytes));
    if (passes) {
      // Kept byte for byte, but only once it is known to decode: a damaged file would show as a
      // broken-image icon in the reader and in the PDF.
      const damage = await decodeProblem(bytes);
      if (damage) return { problem: `damaged ${names[type] ?? type} image (${damage}); the image is left out — save it again from the original` };
      return { data: bytes, mediaType: type, ...(size ?? {}) };
    }
  } else if (!type || !convertible.has(type)) {
    return { problem: `image format ${type ?? 'unknown'} is not supported by e-readers; convert it to PNG or JPEG` };
  }
  try {
    return await convert(bytes, type!, maxDimension);
  } catch (error) {
    return { problem: `${names[type!] ?? type} image could not be converted (${(error as Error).message.split('\n')[0]}); convert it to PNG or JPEG` };
  }
}

/** Why the image does not decode, or undefined when it does. */
async function decodeProblem(bytes: Uint8Array): Promise<string | undefined> {
  const { default: sharp } = await import('sharp');
  try {
    await sharp(bytes, { failOn: 'truncated', limitInputPixels: 100_000_000 }).stats();
    return undefined;
  } catch (error) {
    return (error as Error).message.split('\n')[0];
  }
}

async function convert(bytes: Uint8Array, type: string, maxDimension: number): Promise<PreparedImage> {
  // Loaded on first use: books without such images never pay for the native module.
  const { default: sharp } = await import('sharp');
  const input = sharp(bytes, { animated: false, limitInputPixels: 100_000_000 });
  const meta = await input.metadata();
  let pipeline = input.rotate();
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  const scaled = maxDimension > 0 && Math.max(width, height) > maxDimension;
  if (scaled) pipeline = pipeline.resize({ width: maxDimension, height: maxDimension, fit: 'inside', withoutEnlargement: true });
  const keepJpeg = type === 'image/jpeg';
  const toPng = !keepJpeg && (type === 'image/png' || type === 'image/gif' || meta.hasAlpha === true);
  const { data, info } = toPng
    ? await pipeline.png({ compressionLevel: 9 }).toBuffer({ resolveWithObject: true })
    : await pipeline.jpeg({ quality: 85, mozjpeg: true }).toBuffer({ resolveWithObject: true });
  const mediaType: CoreImageType = toPng ? 'image/png' : 'image/jpeg';
  const animated = type === 'image/gif' && (meta.pages ?? 1) > 1;
  const what = animated ? 'animated GIF: first frame kept as PNG' : type === mediaType ? names[type] : `${names[type]} converted to ${names[mediaType]}`;
  const note = `${what}${scaled ? `, scaled from ${width}×${height} to ${info.width}×${info.height}` : ''}`;
  return { data: new Uint8Array(data), mediaType, width: info.width, height: info.height, note };
}

/** More than one image descriptor (0x2C after a block boundary) means an animation. */
export function isAnimatedGif(bytes: Uint8Array): boolean {
  let offset = 13;
  const flags = bytes[10] ?? 0;
  if (flags & 0x80) offset += 3 * (1 << ((flags & 0x07) + 1));
  let frames = 0;
  while (offset < bytes.length) {
    const block = bytes[offset];
    if (block === 0x3b) break;
    if (block === 0x21) {
      offset += 2;
      offset = skipSubBlocks(bytes, offset);
    } else if (block === 0x2c) {
      frames++;
      if (frames > 1) return true;
      const local = bytes[offset + 9] ?? 0;
      offset += 10;
      if (local & 0x80) offset += 3 * (1 << ((local & 0x07) + 1));
      offset += 1; // LZW minimum code size
      offset = skipSubBlocks(bytes, offset);
    } else return false;
  }
  return false;
}

function skipSubBlocks(bytes: Uint8Array, offset: number): number {
  let at = offset;
  while (at < bytes.length) {
    const size = bytes[at]!;
    at += 1;
    if (size === 0) break;
    at += size;
  }
  return at;
}
