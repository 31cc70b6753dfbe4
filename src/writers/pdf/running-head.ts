/**
 * Running heads are one line. A title too long for the head's width is cut at its first
 * `：`, `:` or `——` when the part before it says enough on its own (at least four
 * characters), else truncated with `…`. Widths are estimated in ems, conservatively: a
 * full-width character is 1 em, a Latin capital or a wide letter 0.8 em, anything else 0.6 em
 * (Noto Serif's lower case averages about 0.5 em). A margin box clips as a last resort.
 */
export function runningHead(title: string, maxEms: number): string {
  const text = title.replace(/\s+/g, ' ').trim();
  if (ems(text) <= maxEms) return text;
  const cut = /：|:|——/.exec(text);
  if (cut) {
    const head = text.slice(0, cut.index).trim();
    if ([...head].length >= 4 && ems(head) <= maxEms) return head;
  }
  return truncate(text, maxEms);
}

/** How many ems of running head fit in a margin box `widthMm` wide at `fontSizePt`, one em kept free. */
export function headCapacity(widthMm: number, fontSizePt: number): number {
  return Math.floor((widthMm * 72) / 25.4 / fontSizePt) - 1;
}

const ellipsis = '…';

function truncate(text: string, maxEms: number): string {
  const budget = maxEms - ems(ellipsis);
  let used = 0;
  let kept = '';
  for (const char of text) {
    used += charEms(char);
    if (used > budget) break;
    kept += char;
  }
  // Never end on an opening bracket or a separator: `长埠街：…` reads worse than `长埠街…`.
  return `${kept.replace(/[\s（(「『《〈“‘：:、，,—-]+$/u, '')}${ellipsis}`;
}

function ems(text: string): number {
  let total = 0;
  for (const char of text) total += charEms(char);
  return total;
}

function charEms(char: string): number {
  const code = char.codePointAt(0)!;
  if (isWide(code)) return 1;
  if (/[A-Z@%&MWmw]/.test(char)) return 0.8;
  return 0.6;
}

/** East Asian Wide and Fullwidth ranges (UAX #11), coarsely: CJK, kana, Hangul, full-width forms. */
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa960 && code <= 0xa97f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd) ||
    code === 0x2014 ||
    code === 0x2026 ||
    code === 0x201c ||
    code === 0x201d ||
    code === 0x2018 ||
    code === 0x2019 ||
    code === 0x00b7
  );
}
