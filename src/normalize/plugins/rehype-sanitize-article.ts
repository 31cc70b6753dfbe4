import type { Root } from 'hast';
import rehypeSanitize, { defaultSchema, type Options as Schema } from 'rehype-sanitize';
import type { Transformer } from 'unified';
import { visit } from '../../hast/visit.js';
import { captionClass } from './rehype-figure-captions.js';
import rehypeValidMarkup from './rehype-valid-markup.js';

export type Options = {
  /** Extra tag names to keep (merged into the schema). */
  allowTags?: string[];
};

const keep = (defaultSchema.tagNames ?? []).filter((name) => !['input', 'details', 'summary', 'picture', 'source'].includes(name));

/**
 * What an article may contain. Everything that could run, fetch or restyle the page is dropped:
 * scripts and styles with their content, event handlers and `style` attributes (not in the lists),
 * `javascript:`/`data:` links (only http, https and mailto survive). Ids are kept unprefixed:
 * `rehype-scope-ids` makes them unique across the book afterwards.
 */
export function articleSchema(options: Options = {}): Schema {
  const attributes = defaultSchema.attributes ?? {};
  return {
    ...defaultSchema,
    tagNames: [
      ...keep,
      'figure', 'figcaption', 'aside', 'cite', 'abbr', 'small', 'mark', 'time', 'u', 'caption', 'col', 'colgroup', 'dfn', 'bdi', 'bdo', 'wbr',
      'picture', 'source',
      ...(options.allowTags ?? []),
    ],
    strip: ['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'form', 'select', 'textarea', 'button', 'svg', 'math', 'canvas', 'video', 'audio', 'map', 'head', 'title', 'nav'],
    clobber: [],
    clobberPrefix: '',
    attributes: {
      ...attributes,
      '*': ['id', 'lang', 'dir', 'title', 'align', 'abbr', 'dateTime', 'colSpan', 'rowSpan', 'scope', 'headers', 'start', 'reversed', 'value', 'cite'],
      a: [...(attributes.a ?? []), 'title'],
      img: ['src', 'alt', 'title', 'width', 'height', 'dataSrc', 'dataOriginal', 'dataLazySrc', 'dataActualsrc', 'dataLazyload', 'dataOriginalSrc', 'srcSet'],
      source: ['srcSet', 'type'],
      ol: [...(attributes.ol ?? []), 'start', 'reversed', 'type'],
      section: ['dataFootnotes', ['className', 'footnotes']],
      // Only so that rehype-figure-captions can find captions; it removes them.
      p: [['className', captionClass]],
      div: [['className', captionClass]],
      code: [['className', /^language-[\w+-]+$/]],
      h2: [['className', 'sr-only']],
      // wenji's own mark (rehype-skip-emphasis-marks), so that normalizing again changes nothing.
      span: [['className', 'no-emphasis']],
      li: [],
      ul: [],
    },
    protocols: {
      href: ['http', 'https', 'mailto'],
      cite: ['http', 'https'],
      src: ['http', 'https', 'data'],
      dataSrc: ['http', 'https', 'data'],
      dataOriginal: ['http', 'https', 'data'],
      dataLazySrc: ['http', 'https', 'data'],
      dataActualsrc: ['http', 'https', 'data'],
      dataLazyload: ['http', 'https', 'data'],
      dataOriginalSrc: ['http', 'https', 'data'],
      longDesc: [],
    },
    required: {},
  };
}

/** Properties holding a URL, checked against `protocols` by the sanitizer. */
const urlProperties = ['href', 'src', 'cite', 'dataSrc', 'dataOriginal', 'dataLazySrc', 'dataActualsrc', 'dataLazyload', 'dataOriginalSrc'] as const;

/**
 * Characters XML does not allow (C0 controls other than tab and line breaks, U+FFFE/U+FFFF,
 * unpaired surrogates). Text pasted from apps carries such controls now and then; in an
 * XHTML document one of them is a fatal error, so they go.
 */
const invalidInXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const hasInvalid = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;

export function withoutInvalidCharacters(text: string): string {
  return hasInvalid.test(text) ? text.replace(invalidInXml, '') : text;
}

export default function rehypeSanitizeArticle(options: Options = {}): Transformer<Root> {
  const sanitize = rehypeSanitize(articleSchema(options)) as unknown as (tree: Root) => Root;
  const validate = rehypeValidMarkup() as (tree: Root) => void;
  return (tree) => {
    visit(tree, (node) => {
      if (node.type === 'text') node.value = withoutInvalidCharacters(node.value);
      if (node.type !== 'element') return;
      for (const key in node.properties) {
        const value = node.properties[key];
        if (typeof value === 'string') node.properties[key] = withoutInvalidCharacters(value);
      }
      // Browsers trim URLs and read schemes case-insensitively; the sanitizer compares them
      // literally, so `HTTPS://…` or ` https://…` would lose a good link.
      for (const key of urlProperties) {
        const value = node.properties[key];
        if (typeof value === 'string') node.properties[key] = value.trim().replace(/^[a-z][a-z\d+.-]*:/i, (scheme) => scheme.toLowerCase());
      }
      // Legacy anchors (`<a name="x">`) are link targets: keep them as ids, since `name` goes.
      const name = node.properties.name;
      if (node.tagName === 'a' && typeof name === 'string' && name.trim() && node.properties.id === undefined) node.properties.id = name.trim();
      // A paragraph keeps its class only when it marks a caption; without one left the
      // sanitizer would write an empty `class=""`.
      const classes = node.properties.className;
      if ((node.tagName === 'p' || node.tagName === 'div') && Array.isArray(classes) && !classes.some((value) => captionClass.test(String(value)))) delete node.properties.className;
    });
    const clean = sanitize(tree);
    // A class list the schema filtered down to nothing goes, rather than a `class=""`.
    visit(clean, 'element', (node) => {
      const classes = node.properties.className;
      if (Array.isArray(classes) && classes.length === 0) delete node.properties.className;
    });
    // Safe is not yet valid: attribute values and content models (rehype-valid-markup).
    validate(clean);
    return clean;
  };
}
