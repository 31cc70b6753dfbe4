import { reporter } from 'vfile-reporter';
import type { VFile } from 'vfile';

export interface Counts {
  errors: number;
  warnings: number;
}

export function countMessages(files: VFile[]): Counts {
  let errors = 0;
  let warnings = 0;
  for (const file of files) for (const message of file.messages) message.fatal ? errors++ : warnings++;
  return { errors, warnings };
}

/** Per-article warnings and errors, in the vfile-reporter format (`file  line:col  warning  message  rule`). */
export function formatMessages(files: VFile[], options: { quiet: boolean; color: boolean }): string {
  const withMessages = files.filter((file) => file.messages.length > 0);
  if (withMessages.length === 0) return '';
  const text = reporter(withMessages, { quiet: true, silent: options.quiet, color: options.color, verbose: false });
  return text;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
