import { createRequire as __wenjiCreateRequire } from 'node:module'; const require = __wenjiCreateRequire(import.meta.url);
import {
  bundledSerif,
  subsetForText
} from "./chunk-I5OIYBFF.js";
import {
  packageRoot
} from "./chunk-CNNDZZDZ.js";

// src/writers/pdf/fonts.ts
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
var modules = path.join(packageRoot, "node_modules");
var latinRange = "U+0000-024F, U+0259, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+1E00-1EFF, U+2000-206F, U+20A0-20CF, U+2113, U+2122, U+2190-2199, U+FB00-FB06";
function bundledFaces() {
  const sc = bundledSerif();
  const serif = path.join(modules, "@fontsource", "noto-serif", "files");
  const mono = path.join(modules, "@fontsource", "noto-sans-mono", "files");
  return [
    { family: "Wenji Serif SC", weight: 400, style: "normal", file: sc.regular.path, format: "truetype" },
    { family: "Wenji Serif SC", weight: 700, style: "normal", file: sc.bold.path, format: "truetype" },
    ...["400", "700"].flatMap(
      (weight) => ["normal", "italic"].map((style) => ({
        family: "Wenji Serif Latin",
        weight: Number(weight),
        style,
        file: path.join(serif, `noto-serif-latin-${weight}-${style}.woff2`),
        format: "woff2",
        unicodeRange: latinRange
      }))
    ),
    { family: "Wenji Mono", weight: 400, style: "normal", file: path.join(mono, "noto-sans-mono-latin-400-normal.woff2"), format: "woff2", unicodeRange: latinRange }
  ];
}
function fontDirs() {
  return [path.dirname(path.dirname(bundledSerif().regular.path)), path.join(modules, "@fontsource")];
}
function missingFonts() {
  return bundledFaces().map((face) => face.file).filter((file) => !existsSync(file));
}
var alwaysIncluded = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\xB7\u2013\u2014\u2018\u2019\u201C\u201D\u2026\u3001\u3002\u3008\u3009\u300A\u300B\u300C\u300D\u300E\u300F\u3010\u3011\u3014\u3015\uFF01\uFF08\uFF09\uFF0C\uFF0E\uFF1A\uFF1B\uFF1F\u30FB\u3000\u5E74\u6708\u65E5\u2022\u25E6\u25AA\u25AB\u25A0\u25A1\u2010\u25CF\uFE45";
async function subsetFaces(workDir, text) {
  const faces = bundledFaces();
  return Promise.all(
    faces.map(async (face, index) => {
      if (face.format !== "truetype") return face;
      const characters = [...new Set(`${alwaysIncluded}${face.weight === 700 ? text.bold : text.regular}`)].join("");
      const data = await subsetForText(face.file, characters);
      const file = path.join(workDir, `font-${index}-${face.weight}.ttf`);
      writeFileSync(file, data);
      return { ...face, file };
    })
  );
}
function fontFaceCss(faces = bundledFaces(), urlOf = (face) => pathToFileURL(face.file).href) {
  return faces.map(
    (face, index) => `@font-face { font-family: "${face.family}"; font-weight: ${face.weight}; font-style: ${face.style}; font-display: block; src: url("${urlOf(face, index)}") format("${face.format}");${face.unicodeRange ? ` unicode-range: ${face.unicodeRange};` : ""} }`
  ).join("\n");
}

export {
  bundledFaces,
  fontDirs,
  missingFonts,
  subsetFaces,
  fontFaceCss
};
