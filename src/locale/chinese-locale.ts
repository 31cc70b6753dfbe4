/**
 * Which convention a Chinese language tag follows (docs/typography.md): clreq advises telling
 * conventions apart by region rather than by script, so a region subtag decides first
 * (CN, SG, MY: mainland; TW, HK, MO: Taiwan and Hong Kong), then the script (Hans, Hant);
 * a bare `zh` is mainland. Undefined for tags that are not Chinese.
 */
export function chineseConvention(language: string): 'mainland' | 'traditional' | undefined {
  const [primary, ...subtags] = language.toLowerCase().split('-');
  if (!primary || !['zh', 'cmn', 'yue', 'lzh'].includes(primary)) return undefined;
  if (subtags.some((tag) => ['tw', 'hk', 'mo'].includes(tag))) return 'traditional';
  if (subtags.some((tag) => ['cn', 'sg', 'my'].includes(tag))) return 'mainland';
  if (subtags.includes('hant')) return 'traditional';
  return primary === 'yue' ? 'traditional' : 'mainland';
}
