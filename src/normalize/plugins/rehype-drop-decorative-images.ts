import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Transformer } from 'unified';
import { SKIP, visit } from '../../hast/visit.js';

export type Options = Record<string, never>;

/** Names of page furniture: a logo, an icon, a spacer, a tracking pixel, an avatar, a QR code. */
const furniture = /(?:^|[^a-z])(?:logos?|icons?|spacer|pixel|tracking|tracker|beacon|avatars?|gravatar|qr-?codes?|qr_codes?|sprites?|blank|transparent|1x1|badges?)(?:[^a-z]|$)|二维码|二維碼|头像|頭像/iu;
/** What small images are named when they are buttons and marks rather than pictures. */
const smallFurniture = /(?:^|[^a-z])(?:ico|emoji|btn|button|arrow|bullet|share|rss|weibo|wechat|weixin|qq|facebook|twitter|close|search|loading|spinner)(?:[^a-z]|$)/iu;

/**
 * Images that decorate the page rather than illustrate the article are dropped before anything
 * else sees them: tracking and spacer pixels (2 px or less), elements named or classed like a
 * logo, icon, spacer, avatar or QR code, small (≤ 32 px) buttons and marks, and images inside a
 * link to the site's home page (the site logo). Runs before sanitizing, which drops the classes
 * and ids it reads. Each is an info message.
 */
export default function rehypeDropDecorativeImages(_options: Options = {}): Transformer<Root> {
  return (tree, file) => {
    const walk = (parent: Root | Element, home: boolean) => {
      visit(parent, 'element', (node, index, owner) => {
        if (node === parent) return undefined;
        if (node.tagName === 'a' && !home && linksHome(node)) {
          const before = node.children.length;
          walk(node, true);
          // The logo's link goes with it: a link to `/` would only be removed later, with a warning.
          if (node.children.length < before && owner && index !== undefined && toString(node).trim() === '' && !node.children.some((child) => child.type === 'element' && child.tagName === 'img')) {
            owner.children.splice(index, 1);
            return index;
          }
          return SKIP;
        }
        if (node.tagName !== 'img' || !owner || index === undefined) return undefined;
        const reason = home ? 'inside a link to the home page' : decorative(node);
        if (!reason) return undefined;
        owner.children.splice(index, 1);
        file.info(`decorative image dropped: ${describe(node)} (${reason})`, { place: node.position, ruleId: 'image', source: 'wenji' });
        return index;
      });
    };
    walk(tree, false);
  };
}

function decorative(img: Element): string | undefined {
  const width = size(img.properties.width);
  const height = size(img.properties.height);
  if ((width !== undefined && width <= 2) || (height !== undefined && height <= 2)) return 'a tracking or spacer pixel';
  const classes = [img.properties.className, img.properties.id].flat().filter((value) => typeof value === 'string').join(' ');
  const file = imagePath(img);
  const alt = String(img.properties.alt ?? '').trim();
  if (furniture.test(classes)) return 'named like page furniture';
  if (furniture.test(file) && (!alt || furniture.test(alt))) return 'named like page furniture';
  if (/^(?:logo|icon|二维码|二維碼|头像|頭像)$/iu.test(alt)) return 'described as page furniture';
  const small = (width ?? height) !== undefined && (width ?? 0) <= 32 && (height ?? 0) <= 32;
  if (small && (smallFurniture.test(classes) || smallFurniture.test(file) || furniture.test(alt))) return 'a small button or mark';
  return undefined;
}

/** `href="/"`, `./`, `index.html`, `https://site/`: the home page. */
function linksHome(link: Element): boolean {
  const href = typeof link.properties.href === 'string' ? link.properties.href.trim() : '';
  return /^(?:\/|\.\/?|(?:\.\/)?index\.[a-z]+|(?:https?:)?\/\/[^/?#]+\/?(?:index\.[a-z]+)?)(?:[?#].*)?$/i.test(href);
}

function size(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number.parseFloat(value) : Number.NaN;
  return Number.isFinite(number) ? number : undefined;
}

/** The image's path without the host (`/avatar/123.jpg`): folders name furniture too. */
function imagePath(img: Element): string {
  const src = [img.properties.src, img.properties.dataSrc, img.properties.dataOriginal].find((value): value is string => typeof value === 'string' && value !== '' && !value.startsWith('data:'));
  return src ? src.replace(/[?#].*$/, '').replace(/^(?:[a-z]+:)?\/\/[^/]+/i, '') : '';
}

function fileName(img: Element): string {
  return imagePath(img).split('/').at(-1) ?? '';
}

function describe(img: Element): string {
  const file = fileName(img);
  return file ? file.slice(0, 80) : typeof img.properties.src === 'string' ? `${img.properties.src.slice(0, 40)}…` : 'an image';
}
