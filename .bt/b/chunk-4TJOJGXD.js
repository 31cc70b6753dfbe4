import { createRequire as __wenjiCreateRequire } from 'node:module'; const require = __wenjiCreateRequire(import.meta.url);
import {
  external_exports
} from "./chunk-D6USBTPF.js";
import {
  WenjiError
} from "./chunk-JAXYST3H.js";
import {
  VFile
} from "./chunk-K7P6NYI4.js";

// src/content/load.ts
import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";

// src/content/decode.ts
import { createRequire as createRequire2 } from "node:module";

// src/content/detect-encoding.ts
import { createRequire } from "node:module";
var gbk = {
  encoding: "gbk",
  scan(bytes) {
    let common = 0;
    let total = 0;
    for (let i = 0; i < bytes.length; ) {
      const lead = bytes[i];
      if (lead < 128) {
        i++;
        continue;
      }
      if (lead === 128 || lead === 255) return void 0;
      const trail = bytes[i + 1];
      if (trail === void 0) return void 0;
      if (trail >= 48 && trail <= 57) {
        total++;
        i += 4;
        continue;
      }
      if (trail < 64 || trail === 127 || trail === 255) return void 0;
      total++;
      if (trail >= 161 && (lead >= 176 && lead <= 247 || lead >= 161 && lead <= 163)) common++;
      i += 2;
    }
    return [common, total];
  }
};
var big5 = {
  encoding: "big5",
  scan(bytes) {
    let common = 0;
    let total = 0;
    for (let i = 0; i < bytes.length; ) {
      const lead = bytes[i];
      if (lead < 128) {
        i++;
        continue;
      }
      const trail = bytes[i + 1];
      if (lead === 128 || lead === 255 || trail === void 0) return void 0;
      if (!(trail >= 64 && trail <= 126 || trail >= 161 && trail <= 254)) return void 0;
      total++;
      if (lead >= 161 && lead <= 198) common++;
      i += 2;
    }
    return [common, total];
  }
};
var shiftJis = {
  encoding: "shift_jis",
  scan(bytes) {
    let common = 0;
    let total = 0;
    for (let i = 0; i < bytes.length; ) {
      const lead = bytes[i];
      if (lead < 128) {
        i++;
        continue;
      }
      if (lead >= 161 && lead <= 223) {
        total++;
        i++;
        continue;
      }
      const trail = bytes[i + 1];
      if (!(lead >= 129 && lead <= 159 || lead >= 224 && lead <= 252) || trail === void 0) return void 0;
      if (!(trail >= 64 && trail <= 126 || trail >= 128 && trail <= 252)) return void 0;
      total++;
      if (lead >= 129 && lead <= 131 || lead >= 136 && lead <= 152) common++;
      i += 2;
    }
    return [common, total];
  }
};
var eucJp = {
  encoding: "euc-jp",
  scan(bytes) {
    let common = 0;
    let total = 0;
    for (let i = 0; i < bytes.length; ) {
      const lead = bytes[i];
      if (lead < 128) {
        i++;
        continue;
      }
      const trail = bytes[i + 1];
      if (trail === void 0) return void 0;
      if (lead === 142) {
        if (trail < 161 || trail > 223) return void 0;
        total++;
        i += 2;
        continue;
      }
      if (lead === 143) {
        total++;
        i += 3;
        continue;
      }
      if (lead < 161 || lead === 255 || trail < 161 || trail === 255) return void 0;
      total++;
      if (lead >= 161 && lead <= 165 || lead >= 176 && lead <= 207) common++;
      i += 2;
    }
    return [common, total];
  }
};
var candidates = [gbk, big5, shiftJis, eucJp];
var minimumScore = 0.6;
function detectEncoding(bytes) {
  let best;
  for (const candidate of candidates) {
    const counts = candidate.scan(bytes);
    if (!counts || counts[1] === 0) continue;
    const score = counts[0] / counts[1];
    if (!best || score > best.score) best = { encoding: candidate.encoding, score };
  }
  if (best && best.score >= minimumScore) return best;
  return latin(bytes);
}
function latin(bytes) {
  let high = 0;
  const text = iconvLite().decode(Buffer.from(bytes), "windows-1252");
  for (const char of text) {
    if (char.charCodeAt(0) < 128) continue;
    high++;
    if (!/[\p{L}‘’“”–—…«»°§©®™€£¥¢·•¡¿´¨ªº×÷±]/u.test(char)) return void 0;
  }
  if (high === 0 || high > text.length * 0.3) return void 0;
  return { encoding: "windows-1252", score: 1 };
}
function encodingLabel(encoding) {
  const names2 = {
    "utf-8": "UTF-8",
    "utf-16le": "UTF-16LE",
    "utf-16be": "UTF-16BE",
    gbk: "GBK",
    gb18030: "GB18030",
    big5: "Big5",
    shift_jis: "Shift_JIS",
    "euc-jp": "EUC-JP",
    "euc-kr": "EUC-KR",
    "windows-1252": "Windows-1252"
  };
  return names2[encoding] ?? encoding;
}
function iconvLite() {
  return createRequire(import.meta.url)("iconv-lite");
}

// src/content/decode.ts
function decodeText(bytes, options = {}) {
  if (bytes.length === 0) return { ok: false, reason: "the file is empty" };
  if (bytes[0] === 239 && bytes[1] === 187 && bytes[2] === 191) return strict(bytes.subarray(3), "utf-8", "byte-order mark");
  if (bytes[0] === 255 && bytes[1] === 254) return strict(bytes.subarray(2), "utf-16le", "byte-order mark");
  if (bytes[0] === 254 && bytes[1] === 255) return strict(bytes.subarray(2), "utf-16be", "byte-order mark");
  const utf16 = bomlessUtf16(bytes);
  if (utf16) {
    const result = strict(bytes, utf16, "byte pattern");
    if (result.ok) return { ...result, notes: [`no byte-order mark; read as ${encodingLabel(utf16)} from its byte pattern`] };
  }
  if (looksBinary(bytes)) return { ok: false, reason: "this is not a text file (it contains binary data); only .md, .html and .txt articles can be read" };
  const notes = [];
  if (options.html) {
    const declared = declaredCharset(bytes);
    if (declared && !/^utf-?8$/i.test(declared)) {
      const result = decodeDeclared(bytes, declared);
      if (result.ok) return result;
      notes.push(result.reason);
    }
  }
  const utf8 = tryDecode(bytes, "utf-8");
  if (utf8 !== void 0) return { ok: true, text: utf8, encoding: "utf-8", notes };
  const detected = detectEncoding(bytes);
  if (detected) {
    const text = tryDecode(bytes, detected.encoding);
    if (text !== void 0) {
      notes.push(`not UTF-8; decoded as ${encodingLabel(detected.encoding)} (detected from the bytes${options.html ? ", the page declares no other usable encoding" : ""})`);
      return { ok: true, text, encoding: detected.encoding, notes };
    }
  }
  return {
    ok: false,
    reason: `the file is neither UTF-8 nor a CJK encoding that could be recognized (GBK/GB18030, Big5, Shift_JIS, EUC-JP)${notes.length ? `; ${notes.join("; ")}` : ""}; save it as UTF-8, e.g. \`iconv -f GB18030 -t UTF-8\``
  };
}
function strict(bytes, encoding, why) {
  const text = tryDecode(bytes, encoding);
  if (text === void 0) return { ok: false, reason: `the file starts with a ${encodingLabel(encoding)} ${why} but is not valid ${encodingLabel(encoding)}` };
  return { ok: true, text, encoding, notes: [] };
}
function tryDecode(bytes, encoding) {
  if (encoding === "windows-1252") return iconvLite2().decode(Buffer.from(bytes), "windows-1252");
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return void 0;
  }
}
function decodeDeclared(bytes, declared) {
  let canonical;
  try {
    canonical = new TextDecoder(declared).encoding;
  } catch {
    canonical = void 0;
  }
  if (canonical === "utf-16le" || canonical === "utf-16be") return { ok: false, reason: `the page declares ${declared} without a byte-order mark` };
  if (canonical) {
    const text = tryDecode(bytes, canonical);
    if (text !== void 0) return { ok: true, text, encoding: canonical, notes: [`read as ${encodingLabel(canonical)}, as the page declares (charset "${declared}")`] };
    return { ok: false, reason: `the page declares charset "${declared}" but is not valid ${encodingLabel(canonical)}` };
  }
  if (iconvLite2().encodingExists(declared)) {
    const text = iconvLite2().decode(Buffer.from(bytes), declared);
    if (!text.includes("\uFFFD")) return { ok: true, text, encoding: declared.toLowerCase(), notes: [] };
    return { ok: false, reason: `the page declares charset "${declared}" but is not valid ${declared}` };
  }
  return { ok: false, reason: `the page declares an unknown charset "${declared}"` };
}
function declaredCharset(bytes) {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString("latin1");
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1];
  for (const meta of head.matchAll(/<meta\b[^>]*>/gi)) {
    const charset = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(meta[0]);
    if (charset) return charset[1];
  }
  return void 0;
}
function bomlessUtf16(bytes) {
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1);
  if (sample.length < 4) return void 0;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = sample.length / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return "utf-16le";
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return "utf-16be";
  return void 0;
}
function looksBinary(bytes) {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 9 || byte > 13 && byte < 32) control++;
  }
  return control > sample.length * 0.1;
}
function findReplacementCharacters(text, limit = 20) {
  const found = [];
  let index = text.indexOf("\uFFFD");
  if (index === -1) return found;
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  while (index !== -1 && found.length < limit) {
    for (let i = scanned; i < index; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    scanned = index;
    found.push({ line, column: index - lineStart + 1 });
    index = text.indexOf("\uFFFD", index + 1);
  }
  return found;
}
function iconvLite2() {
  return createRequire2(import.meta.url)("iconv-lite");
}

// src/content/load.ts
var formats = {
  ".md": "markdown",
  ".markdown": "markdown",
  ".html": "html",
  ".htm": "html",
  ".xhtml": "html",
  ".txt": "text"
};
var articleExtensions = Object.keys(formats);
function loadContent(options) {
  const root = path.resolve(options.contentDir);
  const cwd = options.cwd ?? process.cwd();
  let stat;
  try {
    stat = statSync(root);
  } catch {
    throw new WenjiError("content", "content folder not found; create it and put .md, .html or .txt articles in it, or pass --content DIR", {
      file: displayPath(root, cwd)
    });
  }
  if (!stat.isDirectory()) {
    throw new WenjiError("content", "expected a folder of articles, found a file; pass the folder with --content", { file: displayPath(root, cwd) });
  }
  const found = [];
  const ignored = [];
  walk(root, root, found, ignored);
  const { ordered, warnings } = orderArticles(found, options.order);
  const files = [];
  const failed = [];
  const all = [];
  for (const relative of ordered) {
    const absolutePath = path.join(root, relative);
    const file = new VFile({ path: displayPath(absolutePath, cwd), cwd });
    file.data.format = formats[path.extname(relative).toLowerCase()];
    file.data.contentPath = relative;
    file.data.absolutePath = absolutePath;
    file.data.contentRoot = root;
    all.push(file);
    const decoded = decodeText(readFileSync(absolutePath), { html: file.data.format === "html" });
    if (!decoded.ok) {
      failed.push(withFatal(file, decoded.reason, "unreadable"));
      continue;
    }
    file.value = decoded.text;
    file.data.encoding = decoded.encoding;
    for (const note of decoded.notes) file.info(note, { ruleId: "encoding", source: "wenji" });
    reportReplacementCharacters(file, decoded.text);
    if (decoded.text.trim() === "") {
      failed.push(withFatal(file, "the file has no text (only whitespace); add text or remove the file", "empty-file"));
      continue;
    }
    files.push(file);
  }
  if (files.length === 0 && failed.length === 0) {
    throw new WenjiError("content", `no articles found (looked for ${articleExtensions.join(", ")} files)`, { file: displayPath(root, cwd) });
  }
  return { files, failed, all, ignored, orderWarnings: warnings };
}
function withFatal(file, reason, ruleId, place) {
  const message = file.message(reason, { ruleId, source: "wenji", place });
  message.fatal = true;
  return file;
}
function reportReplacementCharacters(file, text) {
  const limit = 20;
  const runs = [];
  for (const place of findReplacementCharacters(text, 10 * limit)) {
    const last = runs.at(-1);
    if (last && last.line === place.line && last.column + last.count === place.column) last.count++;
    else runs.push({ line: place.line, column: place.column, count: 1 });
  }
  for (const run of runs.slice(0, limit)) {
    const what = run.count === 1 ? "broken character (U+FFFD \uFFFD)" : `${run.count} broken characters (U+FFFD \uFFFD)`;
    file.message(`${what} in the source: the text was damaged before it was saved; repair it from the original`, {
      place: { line: run.line, column: run.column },
      ruleId: "replacement-character",
      source: "wenji"
    });
  }
  if (runs.length > limit) file.message(`more broken characters (U+FFFD) after the first ${limit}; the source is badly damaged`, { ruleId: "replacement-character", source: "wenji" });
}
function walk(root, dir, found, ignored) {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const names2 = new Set(entries.map((entry) => entry.name.toLowerCase()));
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.name.startsWith("_") || entry.name === "node_modules") continue;
    if (entry.isDirectory() && isSavedPageFolder(entry.name, names2)) continue;
    const full = path.join(dir, entry.name);
    const relative = path.relative(root, full).split(path.sep).join("/");
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = realpathSync(full);
        if (!isInside(realpathSync(root), target)) continue;
        const stat = statSync(target);
        [isDir, isFile] = [stat.isDirectory(), stat.isFile()];
      } catch {
        continue;
      }
    }
    if (isDir) walk(root, full, found, ignored);
    else if (isFile) (formats[path.extname(entry.name).toLowerCase()] ? found : ignored).push(relative);
  }
}
function isSavedPageFolder(name, siblings) {
  const match = /^(.+?)(?:_files|\.files|-files|_archivos|-Dateien)$/i.exec(name);
  if (!match) return false;
  const base = match[1].toLowerCase();
  return [".html", ".htm", ".xhtml"].some((extension) => siblings.has(`${base}${extension}`));
}
function isInside(root, target) {
  const relative = path.relative(root, target);
  return relative === "" || !relative.startsWith("..") && !path.isAbsolute(relative);
}
var collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
function orderArticles(found, order) {
  const byPath = [...found].sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
  if (!order) return { ordered: byPath, warnings: [] };
  const warnings = [];
  const chosen = [];
  for (const entry of order) {
    const wanted = entry.replace(/^\.\//, "").replace(/\\/g, "/");
    const match = found.find((file) => file === wanted) ?? found.find((file) => stripExtension(file) === wanted);
    if (!match) warnings.push(`"${entry}" in order matches no article in the content folder`);
    else if (chosen.includes(match)) warnings.push(`"${entry}" is listed twice in order`);
    else chosen.push(match);
  }
  const rest = byPath.filter((file) => !chosen.includes(file));
  for (const file of rest) warnings.push(`${file} is not listed in order; it is placed after the listed articles`);
  return { ordered: [...chosen, ...rest], warnings };
}
function stripExtension(file) {
  return file.slice(0, file.length - path.extname(file).length);
}
function displayPath(absolute, cwd) {
  const relative = path.relative(cwd, absolute);
  return relative && !relative.startsWith("..") ? relative : absolute;
}

// src/config/schema.ts
var names = external_exports.union([external_exports.string().min(1), external_exports.array(external_exports.string().min(1))], {
  error: "expected a name or a list of names"
});
var isoDate = external_exports.union([external_exports.string(), external_exports.date()], { error: "expected a date like 2024-05-01" }).transform((value) => value instanceof Date ? value.toISOString().slice(0, 10) : value.trim()).refine((value) => /^\d{4}(-\d{2}(-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?)?)?$/.test(value), {
  error: "expected a date like 2024-05-01 (YYYY, YYYY-MM or YYYY-MM-DD)"
});
var writingModes = ["vertical", "horizontal"];
var pageSizes = ["a5", "b6", "a4", "6in", "7in"];
var spacingModes = ["css", "insert", "none"];
var conversions = ["none", "s2t", "s2tw", "s2twp", "s2hk", "t2s", "tw2s", "hk2s"];
var regexSource = external_exports.string().refine((value) => compiles(value, "u"), { error: "expected a valid regular expression" });
var stripPattern = external_exports.string().min(1).refine((value) => !/^\/.*\/[a-z]*$/s.test(value) || compiles(value.slice(1, value.lastIndexOf("/")), `${value.slice(value.lastIndexOf("/") + 1)}u`), {
  error: "expected plain text or a valid /regex/ (flags i, m, s)"
});
function compiles(source, flags) {
  try {
    new RegExp(source, [...new Set(flags)].join(""));
    return true;
  } catch {
    return false;
  }
}
var configSchema = external_exports.strictObject({
  title: external_exports.string({ error: "expected the book title as text" }).trim().min(1, { error: "the title must not be empty" }),
  subtitle: external_exports.string().optional(),
  author: names.optional(),
  editor: names.optional(),
  language: external_exports.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: "expected a BCP 47 language tag such as zh-Hans, zh-Hant, ja or en" }).default("zh-Hans"),
  identifier: external_exports.string().min(1).optional(),
  date: isoDate.optional(),
  publisher: external_exports.string().optional(),
  description: external_exports.string().optional(),
  cover: external_exports.string().min(1).optional(),
  /** Output file name without extension; defaults to a slug of the title. */
  slug: external_exports.string().regex(/^[^/\\:*?"<>|\s.][^/\\:*?"<>|]*$/u, { error: "expected a file name without slashes or reserved characters" }).optional(),
  /** Article files relative to the content folder, in reading order. */
  order: external_exports.array(external_exports.string().min(1), { error: "expected a list of file names relative to the content folder" }).optional(),
  /** The printed book. */
  pdf: external_exports.strictObject({
    /** Default: vertical for Chinese and Japanese books, horizontal otherwise. */
    writingMode: external_exports.enum(writingModes).optional(),
    pageSize: external_exports.enum(pageSizes).default("a5"),
    /** “” ‘’ → 「」『』 in vertical text (`corner`) or as written (`keep`). */
    quotes: external_exports.enum(["corner", "keep"]).default("corner"),
    /** Contents: 1 = articles, 2 = articles and their sections. */
    tocDepth: external_exports.union([external_exports.literal(1), external_exports.literal(2)]).default(1),
    /** A closing page listing each article's source. */
    colophon: external_exports.boolean().default(true)
  }).default({ pageSize: "a5", quotes: "corner", tocDepth: 1, colophon: true }),
  /** The e-book. */
  epub: external_exports.strictObject({
    /** Default: horizontal (many readers cannot show vertical text). */
    writingMode: external_exports.enum(writingModes).default("horizontal"),
    /** Embed a subset of the bundled CJK serif font. */
    embedFont: external_exports.boolean().default(false),
    quotes: external_exports.enum(["corner", "keep"]).default("corner")
  }).default({ writingMode: "horizontal", embedFont: false, quotes: "corner" }),
  // ─── Real-world articles (issue 4): extraction, chrome removal, plain text, CJK typography ───
  /** Saved web pages: keep only the main article (readability). `false` keeps the whole body. */
  extract: external_exports.boolean({ error: "expected true or false" }).default(true),
  /**
   * Page chrome removed when a whole paragraph (or `<br>` line) is exactly it. A list extends
   * wenji's defaults; `{ defaults: false, patterns: [...] }` replaces them; `false` turns removal
   * off. An entry is plain text (the whole paragraph) or `/regex/flags` (anchored to the whole
   * paragraph).
   */
  strip: external_exports.union([
    external_exports.literal(false),
    external_exports.array(stripPattern),
    external_exports.strictObject({ defaults: external_exports.boolean().default(true), patterns: external_exports.array(stripPattern).default([]) })
  ], { error: "expected a list of lines or /regex/ patterns, { defaults, patterns }, or false" }).default([]),
  /** Plain-text articles (`.txt`). */
  text: external_exports.strictObject({
    /** `auto`: blank-line paragraphs when lines are hard-wrapped, else one paragraph per line. */
    paragraphs: external_exports.enum(["auto", "line", "blank"]).default("auto"),
    /** A line matching this regex separates posts in one file (`^={3,}$`); each post's first line is its title. */
    split: regexSource.optional(),
    /** Short standalone lines that look like section titles become `h2` (opt-in). */
    headings: external_exports.boolean().default(false)
  }).default({ paragraphs: "auto", headings: false }),
  /** CJK text normalization (Chinese articles; spacing also Japanese). */
  typography: external_exports.strictObject({
    /** `,:;!?()` next to CJK → `，：；！？（）`, `.` ending a CJK sentence → `。`. */
    punctuation: external_exports.boolean().default(true),
    /** `...`/`。。。` → `……`, `--`/`－－` → `——`. */
    dashes: external_exports.boolean().default(true),
    /** Straight quotes in CJK context → “” ‘’. */
    quotes: external_exports.boolean().default(true),
    /** Space between CJK and Latin/digits: drawn by CSS (`css`), inserted as a character (`insert`), or none. */
    spacing: external_exports.enum(spacingModes).default("css"),
    /** Simplified ↔ traditional conversion (opencc). */
    convert: external_exports.enum(conversions).default("none")
  }).default({ punctuation: true, dashes: true, quotes: true, spacing: "css", convert: "none" })
  // ─── end of real-world articles ───
});
var configKeys = Object.keys(configSchema.shape);

export {
  writingModes,
  pageSizes,
  configSchema,
  configKeys,
  articleExtensions,
  loadContent,
  withFatal,
  displayPath
};
