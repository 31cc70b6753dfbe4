import type { Root } from 'hast';
import type { WritingMode } from '../../config/schema.js';

export interface AccessibilityFacts {
  language: string;
  writingMode: WritingMode;
  /** The book holds images besides the cover. */
  hasImages: boolean;
  /** The book holds `<ruby>` annotations. */
  hasRuby: boolean;
}

/**
 * schema.org accessibility metadata (EPUB Accessibility 1.1 discovery metadata), as `meta`
 * properties for the package document. Everything claimed is true of every book wenji writes:
 * text content, a table of contents and headings in reading order, alt text on every image
 * (see image-alt.ts), no fixed font sizes, nothing that flashes, moves or sounds.
 */
export function accessibilityMetadata(facts: AccessibilityFacts): { property: string; value: string }[] {
  const features = [
    'tableOfContents',
    'structuralNavigation',
    'readingOrder',
    'alternativeText',
    'displayTransformability',
    facts.writingMode === 'vertical' ? 'verticalWriting' : 'horizontalWriting',
    ...(facts.hasRuby ? ['rubyAnnotations'] : []),
  ];
  return [
    { property: 'schema:accessMode', value: 'textual' },
    { property: 'schema:accessMode', value: 'visual' },
    { property: 'schema:accessModeSufficient', value: 'textual' },
    ...features.map((value) => ({ property: 'schema:accessibilityFeature', value })),
    { property: 'schema:accessibilityHazard', value: 'none' },
    { property: 'schema:accessibilitySummary', value: summary(facts) },
  ];
}

function summary(facts: AccessibilityFacts): string {
  const tag = facts.language.toLowerCase();
  const vertical = facts.writingMode === 'vertical';
  if (tag.startsWith('ja')) {
    return `リフロー型の電子書籍です。目次、見出し、論理的な読み順を備え${facts.hasImages ? '、図版には代替テキストがあります' : 'ています'}。文字の大きさと書体は読書アプリで変更できます。${vertical ? '本文は縦書き（右から左）です。' : ''}`;
  }
  if (/^zh.*(hant|-tw|-hk|-mo)/.test(tag)) {
    return `可重排的文字書：有目錄、標題結構和合乎邏輯的閱讀順序${facts.hasImages ? '，插圖均有替代文字' : ''}；閱讀器可調整字體和字號。${vertical ? '正文為豎排，從右至左翻頁。' : ''}`;
  }
  if (tag.startsWith('zh')) {
    return `可重排的文字书：有目录、标题结构和合乎逻辑的阅读顺序${facts.hasImages ? '，插图均有替代文字' : ''}；阅读器可调整字体和字号。${vertical ? '正文为竖排，从右至左翻页。' : ''}`;
  }
  return `A reflowable text book with a table of contents, headings and a logical reading order${facts.hasImages ? '; every image has a text alternative' : ''}. Readers can change the font and the text size.${vertical ? ' The text is set vertically, pages turning right to left.' : ''}`;
}

/** Whether any of the trees holds a `<ruby>` element. */
export function containsRuby(trees: Root[]): boolean {
  const search = (nodes: Root['children']): boolean =>
    nodes.some((node) => node.type === 'element' && (node.tagName === 'ruby' || search(node.children)));
  return trees.some((tree) => search(tree.children));
}
