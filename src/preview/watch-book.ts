import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

export interface WatchOptions {
  /** Files and folders whose changes rebuild the preview. */
  paths: string[];
  /** Folders never to look into (out/, node_modules). */
  ignore: string[];
  /** Called once per burst of changes, with the files that changed. */
  onChange: (changed: string[]) => void;
  /** Quiet time after the last change before a rebuild, in ms (editors save in several steps). */
  debounce?: number;
}

/** Watches the book with chokidar and reports bursts of changes, debounced. */
export function watchBook(options: WatchOptions): { close(): Promise<void>; ready: Promise<void> } {
  const ignored = options.ignore.map((dir) => path.resolve(dir));
  const watcher: FSWatcher = watch(options.paths, {
    ignoreInitial: true,
    ignored: (file: string) => {
      const resolved = path.resolve(file);
      return path.basename(resolved).startsWith('.') || ignored.some((dir) => resolved === dir || resolved.startsWith(`${dir}${path.sep}`));
    },
    // Editors that write a temporary file and rename it produce one event, not three.
    awaitWriteFinish: { stabilityThreshold: 40, pollInterval: 20 },
  });
  let timer: NodeJS.Timeout | undefined;
  const changed = new Set<string>();
  watcher.on('all', (_event, file) => {
    changed.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...changed];
      changed.clear();
      options.onChange(files);
    }, options.debounce ?? 60);
  });
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    async close() {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
