import { readFile, stat } from 'node:fs/promises';
import { imageSize, isCoreImageType, sniffImageType } from '../../locale/media-types.js';
import { describeError } from '../../errors.js';

export interface CoverImage {
  data: Uint8Array;
  mediaType: 'image/jpeg' | 'image/png' | 'image/gif';
  width?: number | undefined;
  height?: number | undefined;
}

export type CoverLoad = { image: CoverImage } | { problem: string };

/** Larger files are refused: a cover does not need more than a few MB, and readers choke on more. */
export const maxCoverBytes = 20 * 1024 * 1024;
/** Larger images are refused before decoding (a 1600×2400 cover has 3.8 million pixels). */
export const maxCoverPixels = 50_000_000;

/**
 * The cover image named in book.yaml. JPEG, PNG and GIF are packaged byte for byte; other
 * formats sharp can read (WebP, AVIF, TIFF, SVG…) are converted to JPEG, since not every reader
 * shows them. A missing, oversized or unreadable file is a problem (the caller warns and draws
 * a cover instead), never a failed build.
 */
export async function loadCoverImage(file: string): Promise<CoverLoad> {
  let bytes: Uint8Array;
  try {
    const info = await stat(file);
    if (!info.isFile()) return { problem: 'the cover is not a file' };
    if (info.size > maxCoverBytes) return { problem: `the cover image is too large (${(info.size / 1048576).toFixed(0)} MB, at most ${maxCoverBytes / 1048576} MB); save it at about 1600×2400 pixels` };
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === 'ENOENT' ? 'the cover image does not exist' : `the cover image cannot be read (${describeError(error)})` };
  }
  const type = sniffImageType(bytes);
  if (isCoreImageType(type)) {
    const size = imageSize(bytes);
    if (size && size.width * size.height > maxCoverPixels) return { problem: `the cover image is too large (${size.width}×${size.height} pixels); save it at about 1600×2400 pixels` };
    if (!size) return { problem: `the cover is not a readable ${type.replace('image/', '').toUpperCase()} image` };
    return { image: { data: bytes, mediaType: type, ...size } };
  }
  try {
    // Loaded on first use (libvips is large): JPEG and PNG covers never need it.
    const { default: sharp } = await import('sharp');
    const image = sharp(bytes, { limitInputPixels: maxCoverPixels, density: 72 });
    const { width, height } = await image.metadata();
    const data = await image.flatten({ background: '#ffffff' }).jpeg({ quality: 90, chromaSubsampling: '4:4:4' }).toBuffer();
    return { image: { data: new Uint8Array(data), mediaType: 'image/jpeg', width, height } };
  } catch (error) {
    const message = describeError(error);
    if (/pixel limit/i.test(message)) return { problem: 'the cover image is too large; save it at about 1600×2400 pixels' };
    return { problem: type ? `the cover image (${type}) cannot be converted: ${message}` : 'the cover is not an image (expected JPEG or PNG)' };
  }
}
