import { readFile } from 'node:fs/promises';
import { cjkFaces, faceOrder, type CjkFace } from '../../locale/cjk-locale.js';
import type { FaceTexts } from './book-text.js';
import type { FontFamily } from './bundled-fonts.js';
import { cmapRanges, inRanges } from './sfnt-tables.js';

export type Weight = 'regular' | 'bold';

/** One font file to subset: a face, a weight, and the characters it must draw. */
export interface PlannedSubset {
  face: CjkFace;
  weight: Weight;
  /** Each character once, in code point order. */
  characters: string;
}

/**
 * Which characters go into which face. A character goes to the face of the text it is in, or —
 * when that font lacks it (Noto Serif TC and JP have almost no simplified characters) — to the
 * first face of `faceOrder` that has it, which is where the stylesheets' font lists find it too.
 * A character no face has stays with its own face (the PDF writer then reports the system font
 * that drew it). A face no text needs gets no subset: a Simplified book carries only SC.
 */
export async function planSubsets(texts: FaceTexts, families: Record<CjkFace, FontFamily>): Promise<PlannedSubset[]> {
  const coverage = new Map<string, Promise<[number, number][] | undefined>>();
  // A font that cannot be read keeps its own characters (subsetting it then reports the reason)
  // and takes no others.
  const covers = async (face: CjkFace, weight: Weight, codePoint: number, own: boolean) => {
    const file = families[face][weight].path;
    if (!coverage.has(file)) coverage.set(file, readFile(file).then((data) => cmapRanges(data)).catch(() => undefined));
    const ranges = await coverage.get(file)!;
    return ranges ? inRanges(ranges, codePoint) : own;
  };
  const plan = new Map<string, Set<string>>();
  const add = (face: CjkFace, weight: Weight, character: string) => {
    const key = `${face}/${weight}`;
    if (!plan.has(key)) plan.set(key, new Set());
    plan.get(key)!.add(character);
  };
  for (const weight of ['regular', 'bold'] as const) {
    for (const face of cjkFaces) {
      for (const character of uniqueCharacters(texts[face][weight])) {
        const codePoint = character.codePointAt(0)!;
        let home = face;
        for (const candidate of faceOrder(face)) {
          if (await covers(candidate, weight, codePoint, candidate === face)) {
            home = candidate;
            break;
          }
        }
        add(home, weight, character);
      }
    }
  }
  return [...plan].map(([key, characters]) => {
    const [face, weight] = key.split('/') as [CjkFace, Weight];
    return { face, weight, characters: sortCharacters(characters) };
  });
}

/** Each character once, in code point order (so a subset depends on the set, not the order). */
export function uniqueCharacters(text: string): string {
  const characters = new Set<string>();
  for (const character of text) if (!/[\p{Cc}\p{Cs}]/u.test(character)) characters.add(character);
  return sortCharacters(characters);
}

function sortCharacters(characters: Iterable<string>): string {
  return [...characters].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!).join('');
}
