import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findConfig } from '../config/load.js';
import { displayPath } from '../content/load.js';
import { articleExtensions } from '../content/readers.js';
import { emitFile } from '../emit.js';
import { WenjiError, describeError } from '../errors.js';
import { bookYamlTemplate } from './config-template.js';
import { customCss, gitignore, packageScripts, sampleArticles } from './samples.js';

export interface InitOptions {
  /** The book folder to create or fill. */
  dir: string;
  title?: string | undefined;
  language?: string | undefined;
  /** Overwrite wenji's own files (book.yaml, the samples, styles/custom.css, its npm scripts). */
  force?: boolean | undefined;
  /** Create a package.json when there is none (an existing one always gets the scripts). */
  createPackage?: boolean | undefined;
  /** Paths in the report are relative to this folder. */
  cwd?: string;
}

export interface InitResult {
  dir: string;
  /** Files written, as shown to the user. */
  written: string[];
  /** What was left alone and why. */
  notes: string[];
}

/**
 * A new anthology: book.yaml (every key, commented), two sample articles, the custom stylesheet
 * hook, .gitignore for out/, and npm scripts. Nothing is written when one of wenji's files is
 * already there (unless `force`), so a half-initialised folder never happens.
 */
export function initBook(options: InitOptions): InitResult {
  const cwd = options.cwd ?? process.cwd();
  const dir = path.resolve(cwd, options.dir);
  const shown = (relative: string) => displayPath(path.join(dir, relative), cwd);
  const notes: string[] = [];
  const planned: { relative: string; text: string }[] = [
    { relative: 'book.yaml', text: bookYamlTemplate({ title: options.title ?? '我的文集', language: options.language }) },
  ];
  const contentDir = path.join(dir, 'content');
  if (hasArticles(contentDir)) notes.push(`${shown('content')} already holds articles: no samples added`);
  else planned.push(...sampleArticles.map((sample) => ({ relative: `content/${sample.name}`, text: sample.text })));
  planned.push({ relative: 'styles/custom.css', text: customCss });

  if (!options.force) {
    const existingConfig = findConfig(dir);
    const clash = existingConfig ? path.relative(dir, existingConfig) : planned.find((file) => existsSync(path.join(dir, file.relative)))?.relative;
    if (clash) throw new WenjiError('exists', 'already exists; wenji init does not overwrite files: pass --force to replace it', { file: shown(clash) });
  }

  const written: string[] = [];
  for (const file of planned) written.push(shown(path.relative(dir, emitFile(dir, file.relative, file.text))));

  const ignore = path.join(dir, '.gitignore');
  const ignoreText = existsSync(ignore) ? readFileSync(ignore, 'utf8') : undefined;
  if (ignoreText === undefined) written.push(shown(path.relative(dir, emitFile(dir, '.gitignore', gitignore))));
  else if (!/^\/?out\/?\s*$/m.test(ignoreText)) {
    // Appending keeps the user's own rules; only the out/ line is new.
    emitFile(dir, '.gitignore', `${ignoreText}${ignoreText.endsWith('\n') || ignoreText === '' ? '' : '\n'}${gitignore}`);
    written.push(`${shown('.gitignore')} (added out/)`);
  }

  const manifest = path.join(dir, 'package.json');
  if (existsSync(manifest)) {
    const result = addScripts(manifest, Boolean(options.force));
    if (result.added.length) written.push(`${shown('package.json')} (scripts: ${result.added.join(', ')})`);
    for (const name of result.kept) notes.push(`${shown('package.json')} already has a "${name}" script; left as it is (--force replaces it)`);
  } else if (options.createPackage) {
    const name = path.basename(dir).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-._]+|[-._]+$/g, '') || 'my-book';
    const text = `${JSON.stringify({ name, private: true, description: options.title ?? '我的文集', scripts: packageScripts }, null, 2)}\n`;
    written.push(shown(path.relative(dir, emitFile(dir, 'package.json', text))));
  } else notes.push('no package.json: pass --package to create one with npm scripts (check, preview, epub, pdf, build)');
  return { dir, written, notes };
}

function hasArticles(contentDir: string): boolean {
  try {
    return readdirSync(contentDir, { recursive: true }).some((name) => articleExtensions.includes(path.extname(String(name)).toLowerCase()));
  } catch {
    return false;
  }
}

/** Adds wenji's scripts to an existing package.json, keeping its formatting and its other scripts. */
function addScripts(manifest: string, force: boolean): { added: string[]; kept: string[] } {
  const text = readFileSync(manifest, 'utf8');
  let data: { scripts?: Record<string, string> } & Record<string, unknown>;
  try {
    data = JSON.parse(text) as typeof data;
  } catch (error) {
    throw new WenjiError('config', `is not valid JSON (${describeError(error)}); fix it, then run wenji init again`, { file: manifest });
  }
  const scripts = { ...(data.scripts ?? {}) };
  const added: string[] = [];
  const kept: string[] = [];
  for (const [name, command] of Object.entries(packageScripts)) {
    if (scripts[name] === command) continue;
    if (scripts[name] !== undefined && !force) kept.push(name);
    else {
      scripts[name] = command;
      added.push(name);
    }
  }
  if (added.length) {
    const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
    emitFile(path.dirname(manifest), 'package.json', `${JSON.stringify({ ...data, scripts }, null, indent)}${text.endsWith('\n') ? '\n' : ''}`);
  }
  return { added, kept };
}
