import type { ElementContent, Properties, Root } from 'hast';

/**
 * The number of UTF-8 bytes `fragmentToXml` writes for these nodes (hast-util-to-xast, then
 * xast-util-to-xml with empty elements closed), counted without writing them: the EPUB writer
 * weighs every article on every build, kept ones too, and a walk is much cheaper than a
 * serialization. `&`, `<` (and `"` in attributes, `-` in comments) become six-byte `&#x26;` references.
 */
export function xmlByteLength(nodes: Root | ElementContent[]): number {
  let total = 0;
  for (const node of Array.isArray(nodes) ? nodes : nodes.children) total += nodeSize(node as ElementContent);
  return total;
}

function nodeSize(node: ElementContent): number {
  if (node.type === 'text') return escapedLength(node.value, textEscapes);
  if (node.type === 'comment') return 7 + escapedLength(node.value, commentEscapes);
  if (node.type !== 'element') return 0;
  let content = 0;
  for (const child of node.children) content += nodeSize(child);
  const name = node.tagName.length;
  const attributes = attributesSize(node.properties);
  // `<name attrs />` when the content writes nothing, else `<name attrs>content</name>`.
  return content === 0 ? 1 + name + attributes + 3 : 1 + name + attributes + 1 + content + 2 + name + 1;
}

/** ` name="value"` for every property hast-util-to-xast writes. */
function attributesSize(properties: Properties): number {
  let size = 0;
  for (const key in properties) {
    const value = properties[key];
    if (value === undefined || value === null || value === false || (typeof value === 'number' && Number.isNaN(value))) continue;
    const boolean = booleanProperties.has(key);
    if (boolean && !value) continue;
    const text = value === true || boolean ? '' : Array.isArray(value) ? value.join(key === 'accept' || key === 'coords' ? ', ' : ' ') : String(value);
    size += 1 + attributeName(key) + 2 + escapedLength(text, attributeEscapes) + 1;
  }
  return size;
}

/** HTML booleans (property-information): left out when falsy, written `name=""` otherwise. */
const booleanProperties = new Set([
  'allowFullScreen', 'allowPaymentRequest', 'allowUserMedia', 'async', 'autoFocus', 'autoPlay', 'checked', 'controls', 'default', 'defer', 'disabled',
  'formNoValidate', 'hidden', 'inert', 'isMap', 'itemScope', 'loop', 'multiple', 'muted', 'noModule', 'noValidate', 'open', 'playsInline', 'readOnly',
  'required', 'reversed', 'scoped', 'seamless', 'selected', 'typeMustMatch', 'compact', 'noResize', 'noHref', 'noShade', 'noWrap',
]);

/** Length of the attribute name property-information gives a hast property name. */
function attributeName(key: string): number {
  if (key === 'className') return 5;
  if (key === 'htmlFor') return 3;
  if (key === 'acceptCharset' || key === 'httpEquiv') return key.length + 1;
  // ariaLabelledBy → aria-labelledby; dataFootnoteRef → data-footnote-ref, a dash per capital.
  if (/^aria[A-Z]/.test(key)) return key.length + 1;
  if (/^data[A-Z]/.test(key)) return key.length + (key.slice(4).match(/[A-Z]/g)?.length ?? 0);
  return key.length;
}

const textEscapes = [38, 60];
const attributeEscapes = [38, 60, 34];
const commentEscapes = [45];

/** Bytes of `text` with the characters in `escapes` written as six-byte references and the C0 controls XML forbids dropped. */
function escapedLength(text: string, escapes: number[]): number {
  let extra = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (escapes.includes(code)) extra += 5;
    else if (code < 32 && code !== 9 && code !== 10 && code !== 13) extra -= 1;
  }
  return utf8Length(text) + extra;
}

function utf8Length(text: string): number {
  // ASCII is one byte a character; only other text needs encoding to be counted.
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 127) return Buffer.byteLength(text, 'utf8');
  return text.length;
}
