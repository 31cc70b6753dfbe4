import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from './paths.js';

/** Titles of the sample articles, read straight from the sources (an oracle independent of wenji's loader). */
export function expectedArticles(): { file: string; title: string }[] {
  const dir = path.join(repoRoot, 'content');
  return readdirSync(dir)
    .filter((name) => /\.(md|html|txt)$/.test(name))
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
    .map((file) => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      let title: string | undefined;
      if (file.endsWith('.md')) {
        const front = /^---\n([\s\S]*?)\n---/.exec(text);
        title = front ? (parseYaml(front[1]!) as { title?: string }).title : undefined;
        title ??= /^#\s+(.+)$/m.exec(text)?.[1];
      } else if (file.endsWith('.html')) {
        title = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(text)?.[1]?.replace(/<[^>]+>/g, '');
      } else {
        title = text.split('\n')[0];
      }
      return { file, title: title!.trim() };
    });
}

