import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config, SpacingMode } from '../config/schema.js';
import { containedFile, maxReferencedBytes } from '../contained-path.js';
import { stylesDir } from '../paths.js';
import { compressionCss } from './compression-css.js';

/** A writer's stylesheet, and what was wrong with the book's own part of it (one line each, naming the file). */
export interface Stylesheet {
  css: string;
  warnings: string[];
}

export interface StylesheetOptions {
  /** Drop what the book's stylesheet would fetch (`@import`, `url()` other than `data:`): an EPUB holds no remote resource and no file it does not package. */
  packaged?: boolean;
}

/**
 * A writer's stylesheet: wenji's own (`styles/<name>`, or several one after the other), the CJK–Latin gap if the stylesheet is
 * to draw it (`typography.spacing: css`) and the `typography.compression` rules, then the
 * book's `styles/custom.css` (last, so that it can override them). The book's stylesheet is read
 * only when it is a file inside the book folder (a link out of it is not followed).
 */
export function readStylesheet(name: string | readonly string[], bookDir: string, typography?: Pick<Config['typography'], 'spacing' | 'compression'>, options: StylesheetOptions = {}, packageStyles = stylesDir): Stylesheet {
  const own = (typeof name === 'string' ? [name] : name).map((file) => readFileSync(path.join(packageStyles, file), 'utf8')).join('') + spacingCss(typography?.spacing) + (typography ? compressionCss(typography.compression) : '');
  const shown = path.join('styles', 'custom.css');
  if (path.resolve(bookDir, shown) === path.resolve(packageStyles, 'custom.css')) return { css: own, warnings: [] };
  const found = containedFile(bookDir, bookDir, shown);
  if (!found.ok) {
    if (found.reason === 'missing') return { css: own, warnings: [] };
    const why = { outside: 'it is a link out of the book folder', 'not-a-file': 'it is not a file', unreadable: `it cannot be read (${found.code ?? 'unreadable'})` }[found.reason];
    return { css: own, warnings: [`${shown}: not used: ${why}`] };
  }
  if (found.size > maxReferencedBytes) return { css: own, warnings: [`${shown}: not used: larger than ${maxReferencedBytes / 1048576} MB`] };
  let custom: string;
  try {
    custom = readFileSync(found.path, 'utf8');
  } catch (error) {
    return { css: own, warnings: [`${shown}: not used: it cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`] };
  }
  const warnings: string[] = [];
  if (options.packaged) {
    const kept = withoutExternalReferences(custom);
    custom = kept.css;
    for (const dropped of kept.dropped) warnings.push(`${shown}: ${dropped} is not packaged into the EPUB; dropped`);
  }
  return { css: `${own}\n/* styles/custom.css */\n${custom}`, warnings };
}

/**
 * CSS without `@import` rules and without `url()` references other than `data:` URLs and
 * fragments: what an EPUB reader would fetch from the network or look for outside the package
 * (EPUBCheck RSC-006/RSC-007). Each dropped reference is listed, shortened.
 */
export function withoutExternalReferences(css: string): { css: string; dropped: string[] } {
  const dropped: string[] = [];
  const short = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}…` : text).replace(/\s+/g, ' ');
  // Comments first, so that a commented-out reference is neither reported nor left half-cut.
  let out = css.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '');
  out = out.replace(/@import\s+(?:url\(\s*(?:"[^"]*"|'[^']*'|[^)]*)\s*\)|"[^"]*"|'[^']*')[^;]*(?:;|$)/gi, (rule) => {
    dropped.push(short(rule.trim()));
    return '';
  });
  out = out.replace(/url\(\s*("[^"]*"|'[^']*'|[^)"'\s]*)\s*\)/gi, (whole, target: string) => {
    const address = target.replace(/^["']|["']$/g, '').trim();
    if (/^data:/i.test(address) || address.startsWith('#')) return whole;
    dropped.push(short(whole));
    return 'none';
  });
  // An `@import` or `url(` the patterns above could not take apart (unbalanced quotes): the rest goes too.
  const left = /@import\b|url\(/i.exec(out.replace(/url\(\s*(?:"data:[^"]*"|'data:[^']*'|data:[^)]*|["']?#[^)]*)\)/gi, ''));
  if (left) {
    dropped.push(short(out.slice(left.index)));
    out = out.slice(0, left.index);
  }
  return { css: out, dropped };
}

/**
 * `css`: the browser or reader draws the gap between CJK and Latin letters or digits
 * (`text-autospace`, 1/8 em in Chromium). `insert` (the default) puts a space character there
 * during normalization and `none` leaves the text as typed: the stylesheets draw nothing, since
 * `text-autospace` is off unless set (docs/typography.md, "CJK–Latin spacing").
 */
function spacingCss(spacing: SpacingMode | undefined): string {
  return spacing === 'css' ? '\n/* typography.spacing: css */\nhtml { text-autospace: normal; }\n' : '';
}
