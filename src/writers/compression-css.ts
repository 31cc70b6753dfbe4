import { languageSelector, recompressedLanguageRanges, uncompressedLanguageRanges, type Compression } from '../locale/cjk-locale.js';

/**
 * The `text-spacing-trim` rules of `typography.compression`, appended to a writer's stylesheet.
 * The stylesheets compress by default (`space-first`: adjacent marks half-width, an opening
 * bracket flush at the start of a wrapped line, a closing mark trimmed at the end of a full
 * column); `space-all` keeps every mark full-width. Under `auto` that is Taiwan's text
 * (zh-Hant, zh-TW), with Hong Kong and Macau compressing again, as in `compresses`.
 */
export function compressionCss(setting: Compression): string {
  const header = `\n/* typography.compression: ${setting} */\n`;
  if (setting === 'on') return `${header}html, [lang] { text-spacing-trim: space-first; }\n`;
  if (setting === 'off') return `${header}html, [lang] { text-spacing-trim: space-all; }\n`;
  const selectors = (ranges: readonly string[]) => ranges.map(languageSelector).join(', ');
  // Every element with a language decides again: a Japanese paragraph in a Taiwan book compresses.
  return `${header}[lang] { text-spacing-trim: space-first; }\n${selectors(uncompressedLanguageRanges)} { text-spacing-trim: space-all; }\n${selectors(recompressedLanguageRanges)} { text-spacing-trim: space-first; }\n`;
}
