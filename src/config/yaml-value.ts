import { visit, type Document, type LineCounter } from 'yaml';

/** At most this many alias expansions in one YAML document (book.yaml, a front-matter block). */
export const maxAliasCount = 100;

export type YamlValue = { ok: true; value: unknown } | { ok: false; message: string; line: number | undefined };

/**
 * A parsed YAML document's value, within a limit on aliases: an alias bomb (aliases of aliases
 * that expand to millions of nodes) and an alias that names no anchor (`<<: *undefined`) are
 * problems with the line of the alias, not exceptions.
 */
export function yamlValue(doc: Document, lines: LineCounter): YamlValue {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount }) };
  } catch (error) {
    let unresolved: { source: string; offset: number } | undefined;
    let first: number | undefined;
    visit(doc, {
      Alias(_key, node) {
        const offset = node.range?.[0];
        first ??= offset;
        if (!unresolved && node.resolve(doc) === undefined) {
          unresolved = { source: node.source, offset: offset ?? 0 };
          return visit.BREAK;
        }
        return undefined;
      },
    });
    const line = (offset: number | undefined) => (offset === undefined ? undefined : lines.linePos(offset).line);
    if (unresolved) return { ok: false, message: `the alias *${unresolved.source} names no anchor (&${unresolved.source}) set before it`, line: line(unresolved.offset) };
    if (first !== undefined) return { ok: false, message: `the aliases expand to too much (more than ${maxAliasCount} copies); write the values out`, line: line(first) };
    return { ok: false, message: error instanceof Error ? error.message : String(error), line: undefined };
  }
}
