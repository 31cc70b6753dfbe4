/**
 * Whether an ISO-style date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, with an optional time) names a day
 * the calendar has: month 01–12, a day the month has (29 February in leap years only), a time
 * within the day. `2024-13-01` and `2024-02-30` do not; text of another form is not judged here.
 */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?)?)?/.exec(text);
  if (!match) return false;
  const [, year, month, day, hours, minutes, seconds] = match.map((part) => (part === undefined ? undefined : Number(part)));
  if (month !== undefined && (month < 1 || month > 12)) return false;
  if (day !== undefined && (day < 1 || day > daysIn(year!, month!))) return false;
  if (hours !== undefined && (hours > 23 || minutes! > 59 || (seconds ?? 0) > 60)) return false;
  return true;
}

/** An ISO-style date at the start of `text` (what `isCalendarDate` judges). */
export const looksIsoDate = (text: string) => /^\d{4}-\d{2}(-\d{2})?([T ]|$)/.test(text);

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
