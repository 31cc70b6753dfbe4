import type { Config, Conversion } from '../config/schema.js';
import { supplementaryPhrases } from './chinese-phrases.js';

/** A simplified ↔ traditional converter for text (phrases, then characters). */
export type ChineseConverter = (text: string) => string;

type Locale = 'cn' | 't' | 'tw' | 'twp' | 'hk';

const locales: Record<Exclude<Conversion, 'none'>, { from: Locale; to: Locale }> = {
  s2t: { from: 'cn', to: 't' },
  s2tw: { from: 'cn', to: 'tw' },
  s2twp: { from: 'cn', to: 'twp' },
  s2hk: { from: 'cn', to: 'hk' },
  t2s: { from: 't', to: 'cn' },
  tw2s: { from: 'tw', to: 'cn' },
  hk2s: { from: 'hk', to: 'cn' },
};

/**
 * One converter per build (building opencc's dictionaries takes a quarter of a second): the
 * caller creates it and passes it to every article. Simplified → traditional runs opencc's own
 * chain (its preset for s2t, s2tw, s2twp, s2hk) with wenji's supplementary phrases
 * (`chinese-phrases.ts`) put first in the phrase dictionaries — in the segmentation dictionary
 * and in the first conversion group — as a user dictionary is in OpenCC, so they win the
 * longest match wherever they apply and change nothing elsewhere.
 */
export async function createChineseConverter(conversion: Conversion): Promise<ChineseConverter | undefined> {
  if (conversion === 'none') return undefined;
  const [{ ConverterBuilder }, preset] = await Promise.all([import('opencc-js/core'), import('opencc-js/preset')]);
  // wenji's conversion names are opencc's configuration names.
  const config = preset.configs[conversion];
  if (!config) throw new Error(`opencc has no ${conversion} configuration`);
  const configs = { [conversion]: toTraditional(conversion) ? withSupplement(config) : config };
  return ConverterBuilder({ from: preset.from, to: preset.to, configs })(locales[conversion]);
}

type OpenccConfig = (typeof import('opencc-js/preset'))['configs'][string];

/** The supplementary phrases in opencc's serialized dictionary form (`源 目|源 目`). */
const supplement = supplementaryPhrases.map(([from, to]) => `${from} ${to}`).join('|');

function withSupplement(config: OpenccConfig): OpenccConfig {
  const [first = [], ...rest] = config.conversionChain;
  // The preset's segmentation is a list of serialized dictionaries (its .d.ts says one DictLike).
  const segmentation = config.segmentation as unknown as readonly string[] | undefined;
  return {
    ...config,
    // s2t has no segmentation step of its own: its one conversion group segments as it converts.
    ...(segmentation ? { segmentation: [supplement, ...segmentation] as unknown as OpenccConfig['segmentation'] } : {}),
    conversionChain: [[supplement, ...first], ...rest],
  };
}

export function toTraditional(conversion: Conversion): boolean {
  return conversion.startsWith('s2');
}

const traditionalTag = /^zh(?:-(?:hant|tw|hk|mo)\b|-[a-z]+-(?:hant|tw|hk|mo)\b)/i;

/**
 * The book's language tag after conversion. It follows the script: a simplified (or bare `zh`)
 * tag becomes `zh-Hant` (`zh-Hant-TW` for s2tw/s2twp, `zh-Hant-HK` for s2hk) when converting to
 * traditional, and a traditional tag becomes `zh-Hans` when converting to simplified. A tag
 * that already names the target script or region (`zh-Hant-HK` for s2t) and non-Chinese tags
 * are kept as written.
 */
export function convertedLanguage(language: string, conversion: Conversion): string {
  if (conversion === 'none' || !/^zh\b/i.test(language)) return language;
  const traditional = traditionalTag.test(language);
  if (toTraditional(conversion)) {
    if (traditional) return language;
    return conversion === 's2tw' || conversion === 's2twp' ? 'zh-Hant-TW' : conversion === 's2hk' ? 'zh-Hant-HK' : 'zh-Hant';
  }
  return traditional ? 'zh-Hans' : language;
}

/** The book's own words in book.yaml (title, people, publisher, description) in the converted script. */
export function convertConfigText(config: Config, convert: ChineseConverter): Config {
  const names = (value: string | string[] | undefined) => (value === undefined ? undefined : Array.isArray(value) ? value.map(convert) : convert(value));
  const converted: Config = { ...config, title: convert(config.title) };
  for (const key of ['subtitle', 'publisher', 'description'] as const) {
    const value = config[key];
    if (value !== undefined) converted[key] = convert(value);
  }
  if (config.author !== undefined) converted.author = names(config.author)!;
  if (config.editor !== undefined) converted.editor = names(config.editor)!;
  return converted;
}
