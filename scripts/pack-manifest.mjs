// `npm pack` / `npm publish` helper (the pinst pattern): the packed package.json must not carry
// the clone's `prepare` script. In a clone, `npm ci` runs `prepare` to compile the CLI; an
// installed package ships the compiled bundle and no sources, so the same script there could
// only fail, and npm 11 lists it among the install scripts it blocks. `strip` (prepack) takes it
// out and keeps the original beside it; `restore` (postpack) puts the original back.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const manifest = path.join(root, 'package.json');
const kept = path.join(root, '.package.json.prepack');

const step = process.argv[2];
if (step === 'strip') {
  if (existsSync(kept)) renameSync(kept, manifest); // an earlier pack that was interrupted
  const text = readFileSync(manifest, 'utf8');
  const data = JSON.parse(text);
  delete data.scripts?.prepare;
  writeFileSync(kept, text);
  writeFileSync(manifest, `${JSON.stringify(data, null, 2)}\n`);
} else if (step === 'restore') {
  if (existsSync(kept)) renameSync(kept, manifest);
} else {
  console.error('usage: node scripts/pack-manifest.mjs strip|restore');
  process.exit(2);
}
