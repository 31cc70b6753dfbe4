import type { Book, BookMeta } from '../book/model.js';
import type { Config, PageSize, WritingMode } from '../config/schema.js';
import type { BookTransform } from '../transforms/index.js';

/** Command-line flags that override a writer's settings in book.yaml (`build`, `epub`, `pdf`, `preview`). */
export interface WriterFlags {
  writingMode?: WritingMode | undefined;
  pageSize?: PageSize | undefined;
}

/** What a writer is given besides the book: where the book and its cache are, and how to report. */
export interface WriterContext {
  /** The build cache (`out/.cache`), where a writer may keep its own work; undefined with `--no-cache`. */
  cacheDir: string | undefined;
  /** How a file path is shown in messages. */
  display: (file: string) => string;
  /** A line of the build log. */
  log: (line: string) => void;
  /** A warning that belongs to no article (an unwritable cache). */
  warn: (line: string) => void;
  /** `done` of the writer's `steps` are finished; `note` says what runs now. */
  progress: (done: number, note?: string) => void;
}

export interface WriterOutput {
  bytes: Uint8Array;
  /** Pages, for a paged format. */
  pages?: number;
  /** One line each, naming the file: a cover or a font that could not be used. The book is still whole. */
  warnings: string[];
  /** Lines for the build log (the cover drawn, the font embedded, articles split). */
  details: string[];
}

/**
 * One output format (mdBook's renderers, pandoc's writers table). The build is a loop over the
 * requested writers: each resolves its settings once (flag → book.yaml → default), may start
 * work that needs only the settings while the articles are read, runs the Book → Book passes it
 * asks for, and writes. The command line makes one command per writer from this table, and the
 * preview shows the PDF through its own `resolve` and `transforms`. Adding a format is one entry
 * here and its folder.
 */
export interface Writer<Settings = unknown, Work = unknown> {
  /** The command (`wenji epub`) and the progress stage. */
  name: string;
  /** Of the file written: `out/<slug><extension>`. */
  extension: string;
  /** The command's summary in `--help`. */
  summary: string;
  /** What it writes, as `build`'s summary names it ("the EPUB"). */
  noun: string;
  /** Its row in the progress view ("write EPUB"). */
  label: string;
  /** How many steps its progress counts. */
  steps: number;
  /** Whether `wenji build` writes it. */
  inBuild: boolean;
  /** The writer's settings from the book's config (after script conversion) and the flags, once. */
  resolve(config: Config, flags: WriterFlags, bookDir: string): Settings;
  /** The Book → Book passes the writer needs, in order. */
  transforms(settings: Settings): BookTransform[];
  /**
   * Work that needs only the book's metadata and the settings, started before the articles are
   * read (the EPUB's cover); the articles are read once `ready` settles, and `write` gets `work`.
   */
  prepare?(meta: BookMeta, settings: Settings, context: WriterContext): { work: Work; ready?: Promise<unknown> };
  /** The transformed book → the file's bytes. */
  write(book: Book, settings: Settings, context: WriterContext, work: Work | undefined): Promise<WriterOutput>;
}
