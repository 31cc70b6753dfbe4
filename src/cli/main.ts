#!/usr/bin/env node
import { isMainThread } from 'node:worker_threads';
import { main } from './program.js';

if (isMainThread) {
  // `wenji --help | head`: a reader that stops reading ends the output, not with a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  // The bundled CLI is minified; with --verbose, stack traces are mapped back to the sources.
  if (process.argv.includes('--verbose')) process.setSourceMapsEnabled(true);
  void main(process.argv).then((code) => {
    process.exitCode = code;
  });
} else {
  // The bundle run again on a worker thread (article-work.ts): the article reader's part.
  void import('../article-worker.js');
}
