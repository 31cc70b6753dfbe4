import { reporter } from 'vfile-reporter';
import { VFile } from 'vfile';

export interface Counts {
  errors: number;
  warnings: number;
}

export function countMessages(files: VFile[]): Counts {
  let errors = 0;
  let warnings = 0;
  // Info messages (fatal: undefined — what was cleaned up) are not problems: only --verbose shows them.
  for (const file of files) for (const message of file.messages) if (message.fatal === true) errors++; else if (message.fatal === false) warnings++;
  return { errors, warnings };
}

/**
 * Per-article warnings and errors, in the vfile-reporter format (`file  line:col  warning  message
 * rule`); with `verbose`, also the info messages that record each cleanup (removed chrome,
 * decoded encodings, converted images).
 */
export function formatMessages(files: VFile[], options: { quiet: boolean; color: boolean; verbose?: boolean }): string {
  const shown = options.verbose ? files : files.map(withoutInfo);
  const withMessages = shown.filter((file) => file.messages.length > 0);
  if (withMessages.length === 0) return '';
  const text = reporter(withMessages, { quiet: true, silent: options.quiet, color: options.color, verbose: false });
  return text;
}

function withoutInfo(file: VFile): VFile {
  if (file.messages.every((message) => message.fatal === true || message.fatal === false)) return file;
  const copy = new VFile({ path: file.path, cwd: file.cwd });
  copy.messages = file.messages.filter((message) => message.fatal === true || message.fatal === false);
  return copy;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
