/**
 * The one place that makes untrusted text safe for a terminal. File names, front-matter keys,
 * `order` entries, titles and the text messages quote come from articles and folders wenji did
 * not write: printed raw, an escape sequence among them could write to the clipboard (OSC 52),
 * rename the window, move the cursor over earlier lines or hide text, and a line break could
 * forge a line of wenji's own. Every character that is not plain text — C0 and C1 controls, DEL,
 * and the bidirectional overrides that reorder what is shown — is printed as a visible escape
 * (`\x1B`, `\n`, `\u202E`), so the text stays readable and nothing in it acts on the terminal.
 */

/** C0 controls, DEL, C1 controls, bidi embeddings/overrides/isolates, line and paragraph separators. */
const unsafe = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu;
const hasUnsafe = new RegExp(unsafe.source, 'u');
const unsafeButNewline = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu;

const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(char: string): string {
  const short = named[char];
  if (short) return short;
  const code = char.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** One line of untrusted text: every control character (line breaks too) shown as an escape. */
export function terminalText(text: string): string {
  return text.replace(unsafe, visible);
}

/** Text of several lines that wenji composed: its line breaks stay, every other control is shown as an escape. */
export function terminalLines(text: string): string {
  return text.replace(unsafeButNewline, visible);
}

/**
 * A path or word as it can be pasted into a POSIX shell: as it is when it holds only characters
 * no shell reads specially, else in single quotes (`'` written `'\''`), and, when it holds
 * control characters, as `$'…'` with escapes, so that what is shown is what the shell receives.
 */
export function shellWord(text: string): string {
  if (text !== '' && /^[\p{L}\p{N}_./:@%+=,-]+$/u.test(text) && !text.startsWith('-')) return text;
  if (hasUnsafe.test(text)) {
    return `$'${text.replace(/[\\']/g, (char) => `\\${char}`).replace(unsafe, visible)}'`;
  }
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
