import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { VFile, type Data } from 'vfile';
import { createArticleReader, parseCapped, produceArticles, type ArticleReader, type ReadingInit } from './article-reading.js';
import { storeMessages } from './cache/entry.js';
import { ParseError, type ParseOptions } from './content/types.js';
import { articleWorkerRole, type FetchOutcome, type WorkerReply, type WorkerRequest, type WireFile } from './article-work.js';

/**
 * The worker thread of article-work.ts: reads one article file at a time as the main thread
 * asks, with a stack large enough for any parser's recursion, and sends back the articles and
 * the messages raised on the file. The main thread keeps the clock: an article over its budget
 * is stopped by ending this thread.
 */
if (!isMainThread && (workerData as { role?: unknown } | undefined)?.role === articleWorkerRole && parentPort) serve(parentPort);

function serve(port: NonNullable<typeof parentPort>): void {
  let reader: Promise<ArticleReader> | undefined;
  const fetches = new Map<number, (outcome: FetchOutcome) => void>();
  let nextFetch = 0;
  const fetchRemote = (url: string) =>
    new Promise<FetchOutcome>((resolve) => {
      const id = ++nextFetch;
      fetches.set(id, resolve);
      port.postMessage({ type: 'fetch', id, url } satisfies WorkerReply);
    });
  port.on('message', (request: WorkerRequest) => {
    if (request.type === 'init') {
      reader = createArticleReader(request.init, fetchRemote);
      // A failure surfaces with the first article that needs it.
      reader.catch(() => {});
      return;
    }
    if (request.type === 'fetched') {
      fetches.get(request.id)?.(request.outcome);
      fetches.delete(request.id);
      return;
    }
    void answer(port, request, reader);
  });
}

async function answer(port: NonNullable<typeof parentPort>, request: Extract<WorkerRequest, { type: 'produce' | 'parse' }>, reader: Promise<ArticleReader> | undefined): Promise<void> {
  const file = toVFile(request.file);
  try {
    if (request.type === 'parse') {
      const parsed = await parseCapped(file, request.options as ParseOptions, request.first);
      port.postMessage({ type: 'parsed', id: request.id, parsed, messages: storeMessages(file.messages) } satisfies WorkerReply);
      return;
    }
    if (!reader) throw new Error('the article worker was not given the book settings');
    const produced = await produceArticles(file, await reader, request.taken, request.withDependencies);
    port.postMessage({ type: 'produced', id: request.id, produced, messages: storeMessages(file.messages) } satisfies WorkerReply);
  } catch (error) {
    const messages = storeMessages(file.messages);
    if (error instanceof ParseError) port.postMessage({ type: 'failed', id: request.id, messages, error: { parse: true, message: error.message, line: error.line, ruleId: error.ruleId } } satisfies WorkerReply);
    else {
      const failure = error instanceof Error ? error : new Error(String(error));
      port.postMessage({ type: 'failed', id: request.id, messages, error: { parse: false, name: failure.name, message: failure.message, stack: failure.stack } } satisfies WorkerReply);
    }
  }
}

function toVFile(wire: WireFile): VFile {
  return new VFile({ path: wire.path, cwd: wire.cwd, value: wire.value, data: wire.data as Data });
}
