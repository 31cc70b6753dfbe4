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
  /**
   * A place that cannot be watched (an unreadable folder, a link loop): told once per place and
   * kind of problem; the watch goes on without it.
   */
  onError?: (problem: string) => void;
}

/**
 * Watches the book with chokidar and reports bursts of changes, debounced. Links are not
 * followed: a link out of content/ (to `/`, a home folder) is not the book's, and the content
 * loader itself refuses what lies outside (contained-path.ts).
 */
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
    followSymlinks: false,
  });
  const told = new Set<string>();
  // An FSWatcher error without a listener would end the preview with a stack trace.
  watcher.on('error', (error: unknown) => {
    const { code, path: place } = error as NodeJS.ErrnoException;
    const problem = `cannot watch ${place ?? 'a part of the book'}: ${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ELOOP' ? 'a link loop' : (code ?? String(error))}; changes there are not seen`;
    if (told.has(problem)) return;
    told.add(problem);
    options.onError?.(problem);
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
