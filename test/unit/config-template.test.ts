import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config/load.js';
import { configSchema } from '../../src/config/schema.js';
import { bookYamlTemplate, documentedKeys } from '../../src/init/config-template.js';

/** Every key of the schema, nested ones as `pdf.pageSize`. */
function schemaKeys(): string[] {
  const keys: string[] = [];
  for (const [key, schema] of Object.entries(configSchema.shape)) {
    keys.push(key);
    let inner = schema as { _zod: { def: { type: string; innerType?: unknown; shape?: Record<string, unknown> } } };
    while (inner._zod.def.innerType) inner = inner._zod.def.innerType as typeof inner;
    if (inner._zod.def.type === 'object') for (const child of Object.keys(inner._zod.def.shape ?? {})) keys.push(`${key}.${child}`);
  }
  return keys;
}

describe('the book.yaml written by wenji init', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wenji-template-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const load = (text: string) => {
    writeFileSync(path.join(dir, 'book.yaml'), text);
    return loadConfig({ dir }).config;
  };

  test('loads, with the title set and every other value at its default', () => {
    const config = load(bookYamlTemplate({ title: '我的文集' }));
    assert.equal(config.title, '我的文集');
    assert.deepEqual(config, configSchema.parse({ title: '我的文集' }));
  });

  test('shows every key of the schema', () => {
    const text = bookYamlTemplate({ title: 'x' });
    for (const key of schemaKeys()) {
      const name = key.split('.').at(-1)!;
      assert.match(text, new RegExp(`^#? *${name}:`, 'm'), `${key} is listed`);
    }
    for (const key of documentedKeys) assert.ok(schemaKeys().includes(key), `the note for "${key}" belongs to a key the schema has`);
  });

  test('still loads with every key uncommented, and the defaults it shows are the real ones', () => {
    const names = new Set(schemaKeys().map((key) => key.split('.').at(-1)!));
    const uncommented = bookYamlTemplate({ title: '书' })
      .split('\n')
      .map((line) => {
        const match = /^# ( *)([A-Za-z]\w*):/.exec(line);
        return match && names.has(match[2]!) ? line.slice(2) : line;
      })
      .join('\n');
    const config = load(uncommented);
    const defaults = configSchema.parse({ title: '书' });
    assert.deepEqual(config.pdf, { ...defaults.pdf, writingMode: 'vertical', articleStart: 'recto' });
    assert.deepEqual(config.epub, defaults.epub);
    assert.equal(config.language, defaults.language);
    assert.equal(config.subtitle, '副标题');
  });

  test('writes the language uncommented when one is given', () => {
    assert.equal(load(bookYamlTemplate({ title: 'Book', language: 'en' })).language, 'en');
  });
});
