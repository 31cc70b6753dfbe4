/** `%E6%B8%A1` → `渡`; text that is not valid percent-encoding is returned as it is. */
export function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
