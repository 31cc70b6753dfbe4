/**
 * Progress of a build, as structured events. The core stages report them; only the CLI decides
 * how they look (a live task list on a terminal, one line per stage in a log, nothing at all).
 */
/** `load`, `normalize`, `images`, or a writer's name (writers/index.ts). */
export type Stage = string;

export type ProgressEvent =
  /** A stage begins; `total` steps (articles to normalize, images to download, PDF steps), 1 when it has no parts. */
  | { kind: 'start'; stage: Stage; total: number }
  /** `done` of `total` steps are finished; `note` says what runs now or what was found. */
  | { kind: 'advance'; stage: Stage; done: number; total: number; note?: string }
  /** The stage is over; `note` summarises it ("60 articles, 59 from the cache", "1,351 pages"). */
  | { kind: 'end'; stage: Stage; seconds: number; note?: string };

export type ProgressListener = (event: ProgressEvent) => void;

/** Reports the start, the steps and the end of one stage, timing it. */
export function stageReporter(listener: ProgressListener | undefined, stage: Stage, total: number) {
  const started = performance.now();
  listener?.({ kind: 'start', stage, total });
  return {
    advance(done: number, note?: string, newTotal = total) {
      listener?.({ kind: 'advance', stage, done, total: newTotal, ...(note === undefined ? {} : { note }) });
    },
    end(note?: string): number {
      const seconds = (performance.now() - started) / 1000;
      listener?.({ kind: 'end', stage, seconds, ...(note === undefined ? {} : { note }) });
      return seconds;
    },
  };
}
