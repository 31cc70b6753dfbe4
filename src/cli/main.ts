#!/usr/bin/env node
import { main } from './program.js';

// The bundled CLI is minified; with --verbose, stack traces are mapped back to the sources.
if (process.argv.includes('--verbose')) process.setSourceMapsEnabled(true);
void main(process.argv).then((code) => {
  process.exitCode = code;
});
