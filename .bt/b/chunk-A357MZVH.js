import { createRequire as __wenjiCreateRequire } from 'node:module'; const require = __wenjiCreateRequire(import.meta.url);
import {
  configKeys,
  configSchema
} from "./chunk-4TJOJGXD.js";
import {
  require_dist
} from "./chunk-QRN3S7II.js";
import {
  WenjiError,
  describeError
} from "./chunk-JAXYST3H.js";
import {
  __toESM
} from "./chunk-LE77IW2N.js";

// src/emit.ts
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
function emitFile(outDir, fileName, data) {
  const target = path.join(outDir, fileName);
  try {
    writeAtomically(target, data);
  } catch (error) {
    throw new WenjiError("output", `cannot write the output: ${describeError(error)}; check that the folder is writable`, { file: target, cause: error });
  }
  return target;
}
function emitCacheFile(cacheDir, relative, data) {
  writeAtomically(path.join(cacheDir, relative), data);
}
function removeCacheFiles(cacheDir, relatives) {
  for (const relative of relatives) rmSync(path.join(cacheDir, relative), { force: true });
}
function writeAtomically(target, data) {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(temporary, data);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

// src/config/load.ts
var import_yaml = __toESM(require_dist(), 1);
import { existsSync, readFileSync } from "node:fs";
import path2 from "node:path";
var defaultConfigNames = ["book.yaml", "book.yml"];
function findConfig(dir) {
  return defaultConfigNames.map((name) => path2.join(dir, name)).find((file) => existsSync(file));
}
function loadConfig(options) {
  const dir = path2.resolve(options.dir);
  const file = options.configPath ? path2.resolve(options.configPath) : findConfig(dir);
  if (options.configPath && (!file || !existsSync(file))) {
    throw new WenjiError("config", "config file not found; check the --config path", { file: options.configPath });
  }
  const overrides = dropUndefined(options.overrides ?? {});
  let raw = {};
  let doc;
  const lines = new import_yaml.LineCounter();
  const shown = file ? path2.relative(process.cwd(), file) || file : "book.yaml";
  if (file) {
    const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
    doc = (0, import_yaml.parseDocument)(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
    const syntax = doc.errors[0];
    if (syntax) {
      const pos = syntax.linePos?.[0];
      throw new WenjiError("config", `${pos ? `line ${pos.line}: ` : ""}invalid YAML: ${firstLine(syntax.message).replace(/ at line \d+, column \d+:?$/, "")}`, { file: shown });
    }
    const value = doc.toJS();
    if (value !== null && value !== void 0 && (typeof value !== "object" || Array.isArray(value))) {
      throw new WenjiError("config", "expected key: value pairs (title: \u2026, author: \u2026)", { file: shown });
    }
    raw = value ?? {};
  }
  if (raw.title === void 0 && overrides.title === void 0) {
    const hint = file ? "add `title: \u2026` to it" : "create book.yaml with `title: \u2026`, or pass --title";
    throw new WenjiError("config", `the book has no title: ${hint}`, { file: shown });
  }
  const result = configSchema.safeParse({ ...raw, ...overrides });
  if (!result.success) {
    const issue = result.error.issues[0];
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem${result.error.issues.length > 2 ? "s" : ""})` : "";
    throw new WenjiError("config", `${describeIssue(issue, { ...raw, ...overrides }, doc, lines)}${more}`, { file: shown });
  }
  return { config: result.data, file, dir: file ? path2.dirname(file) : dir };
}
function describeIssue(issue, raw, doc, lines) {
  const keyPath = issue.path.map(String);
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "";
    const where2 = lineOf(doc, lines, [...keyPath, key], true);
    const parent = keyPath.length ? `"${keyPath.join(".")}"` : "the book";
    const known = keyPath.length ? "" : `; known keys: ${configKeys.join(", ")}`;
    const suggestion = keyPath.length ? "" : closest(key, configKeys);
    return `${where2}unknown key "${key}" in ${parent}${suggestion ? ` (did you mean "${suggestion}"?)` : ""}${known}`;
  }
  const where = lineOf(doc, lines, keyPath, false);
  const name = issue.path.map((key, i) => typeof key === "number" ? `[${key}]` : `${i ? "." : ""}${String(key)}`).join("") || "config";
  const received = describeReceived(valueAt(raw, issue.path));
  const generic = /^Invalid (input|option)/.test(issue.message);
  let message = generic ? issue.message.replace(/^Invalid input: /, "") : `${issue.message}${received}`;
  if (generic && issue.code === "invalid_type") message = `expected ${issue.expected === "array" ? "a list" : issue.expected}${received}`;
  if (issue.code === "invalid_value") message = `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}${received}`;
  return `${where}"${name}": ${message}`;
}
function valueAt(raw, keyPath) {
  let value = raw;
  for (const key of keyPath) value = value && typeof value === "object" ? value[key] : void 0;
  return value;
}
function describeReceived(input) {
  if (input === void 0) return ", but it is missing";
  if (input === null) return ", got an empty value";
  if (Array.isArray(input)) return ", got a list";
  if (typeof input === "object") return ", got a mapping";
  const shown = String(input).length > 40 ? `${String(input).slice(0, 40)}\u2026` : String(input);
  return `, got ${typeof input === "string" ? `"${shown}"` : `${typeof input} ${shown}`}`;
}
function lineOf(doc, lines, keyPath, keyItself) {
  if (!doc || keyPath.length === 0) return "";
  let offset;
  if (keyItself) {
    const parent = keyPath.length > 1 ? doc.getIn(keyPath.slice(0, -1), true) : doc.contents;
    if ((0, import_yaml.isMap)(parent)) {
      const pair = parent.items.find((item) => (0, import_yaml.isScalar)(item.key) && String(item.key.value) === keyPath.at(-1));
      if (pair && (0, import_yaml.isScalar)(pair.key)) offset = pair.key.range?.[0];
    }
  } else {
    const node = doc.getIn(keyPath, true);
    offset = node?.range?.[0];
  }
  return offset === void 0 ? "" : `line ${lines.linePos(offset).line}: `;
}
function closest(word, candidates) {
  let best;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}
function editDistance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
function firstLine(text) {
  return text.split("\n")[0] ?? text;
}
function dropUndefined(value) {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== void 0));
}

export {
  emitFile,
  emitCacheFile,
  removeCacheFiles,
  findConfig,
  loadConfig
};
