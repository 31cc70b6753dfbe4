import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config, SpacingMode } from '../config/schema.js';
import { stylesDir } from '../paths.js';
import { compressionCss } from './compression-css.js';

/**
 * A writer's stylesheet: wenji's own (`styles/<name>`, or several one after the other), the CJK–Latin gap if the stylesheet is
 * to draw it (`typography.spacing: css`) and the `typography.compression` rules, then the
 * book's `styles/custom.css` (last, so that it can override them).
 */
export function readStylesheet(name: string | readonly string[], bookDir: string, typography?: Pick<Config['typography'], 'spacing' | 'compression'>, packageStyles = stylesDir): string {
  const own = (typeof name === 'string' ? [name] : name).map((file) => readFileSync(path.join(packageStyles, file), 'utf8')).join('') + spacingCss(typography?.spacing) + (typography ? compressionCss(typography.compression) : '');
  const custom = path.join(bookDir, 'styles', 'custom.css');
  return existsSync(custom) && path.resolve(custom) !== path.resolve(packageStyles, 'custom.css') ? `${own}\n/* styles/custom.css */\n${readFileSync(custom, 'utf8')}` : own;
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
