import { createRequire as __wenjiCreateRequire } from 'node:module'; const require = __wenjiCreateRequire(import.meta.url);
import {
  version
} from "./chunk-CNNDZZDZ.js";
import "./chunk-LE77IW2N.js";

// src/check/check-json.ts
function checkJson(result, options) {
  const messages = result.files.flatMap(
    (file) => file.messages.map((message) => jsonMessage(file, message)).sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
  );
  const errors = messages.filter((message) => message.severity === "error").length;
  const warnings = messages.filter((message) => message.severity === "warning").length;
  return {
    schema: 1,
    wenji: version,
    ok: errors === 0 && (!options.strict || warnings === 0),
    book: { config: options.config, contentDir: options.contentDir, articles: result.articles },
    summary: { files: result.files.filter((file) => file.messages.length > 0).length, errors, warnings },
    messages
  };
}
function jsonMessage(file, message) {
  const place = message.place;
  const start = place && "start" in place ? place.start : place;
  const end = place && "end" in place ? place.end : void 0;
  return {
    file: file.path,
    line: start?.line ?? null,
    column: start?.column ?? null,
    endLine: end?.line ?? null,
    endColumn: end?.column ?? null,
    severity: message.fatal ? "error" : message.fatal === false ? "warning" : "info",
    rule: message.ruleId ?? null,
    message: message.reason
  };
}
export {
  checkJson
};
