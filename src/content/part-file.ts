import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { VFile } from 'vfile';
import { z } from 'zod';

/** What a folder's `_part.yaml` may say: the part's title and a preface (Markdown). */
const partFileSchema = z.strictObject(
  {
    title: z.string({ error: 'expected the part\'s title as text' }).trim().min(1, { error: 'the title must not be empty' }).optional(),
    preface: z.string({ error: 'expected the preface as text (a `preface: |` block keeps its lines)' }).optional(),
  },
  { error: 'expected title: and preface: (both optional)' },
);

export type PartFile = z.output<typeof partFileSchema>;

/**
 * A `_part.yaml` read: its title and preface, or nothing when it cannot be read, the problem
 * then recorded on the file as an error at its line (the part keeps its folder's name).
 */
export function readPartFile(file: VFile): PartFile {
  const text = String(file.value ?? '').replace(/^\uFEFF/, '');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const fail = (reason: string, offset?: number) => {
    const place = offset === undefined ? { line: 1, column: 1 } : { line: lines.linePos(offset).line, column: lines.linePos(offset).col };
    const message = file.message(`${reason}; the part is named after its folder`, { place, ruleId: 'part-file', source: 'wenji' });
    message.fatal = true;
    return {};
  };
  const syntax = doc.errors[0];
  if (syntax) return fail(`invalid YAML: ${syntax.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`, syntax.pos[0]);
  const value: unknown = doc.toJS() ?? {};
  const result = partFileSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path[0] === undefined ? undefined : String(issue.path[0]);
  const pair = key !== undefined && isMap(doc.contents) ? doc.contents.items.find((item) => isScalar(item.key) && String(item.key.value) === key) : undefined;
  const offset = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
  return fail(issue.code === 'unrecognized_keys' ? `unknown key "${key}" in the part's file (it may say title: and preface:)` : `${key ? `"${key}": ` : ''}${issue.message}`, offset);
}
