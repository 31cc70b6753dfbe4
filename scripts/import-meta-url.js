// Injected into the CommonJS bundle (scripts/bundle.mjs): `import.meta.url` of the bundled modules.
export const importMetaUrl = require('node:url').pathToFileURL(__filename).href;
