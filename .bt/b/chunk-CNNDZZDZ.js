import { createRequire as __wenjiCreateRequire } from 'node:module'; const require = __wenjiCreateRequire(import.meta.url);

// src/paths.ts
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
function findPackageRoot() {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (true) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === "wenji") return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("wenji: cannot find the package folder (package.json)");
    dir = parent;
  }
}
var packageRoot = findPackageRoot();
var stylesDir = path.join(packageRoot, "styles");
var version = JSON.parse(readFileSync(path.join(packageRoot, "package.json"), "utf8")).version;

export {
  packageRoot,
  stylesDir,
  version
};
