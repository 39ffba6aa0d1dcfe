/**
 * ISO 8601 calendar dates `YYYY-MM-DD` (pay periods, engagement dates, pay and due dates) as strings: UTC calendar
 * arithmetic, no time of day, no time zones, no DST. Two ISO dates compare correctly as strings.
 */

const DAY_MS = 86_400_000;

/** A calendar date split in its parts; `m` is 1-12. */
export interface YearMonthDay {
  y: number;
  m: number;
  d: number;
}

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` of a year, a month (1-12) and a day. */
export function ymd(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** The parts of a `YYYY-MM-DD` string; throws when it does not have that shape. */
export function parseIsoDate(date: string): YearMonthDay {
  const m = SHAPE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

/** The parts of a real calendar date `YYYY-MM-DD` (no February 30th), or null for anything else. */
export function readIsoDate(value: unknown): YearMonthDay | null {
  const m = typeof value === "string" ? SHAPE.exec(value) : null;
  if (!m) return null;
  const [y, month, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, month - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === month - 1 && date.getUTCDate() === d ? { y, m: month, d } : null;
}

/** Compares two ISO dates (for `sort`): negative, zero or positive. */
export function compareIsoDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `date` moved by `days` calendar days (negative: earlier). */
export function addDays(date: string, days: number): string {
  const { y, m, d } = parseIsoDate(date);
  const moved = new Date(Date.UTC(y, m - 1, d + days));
  return ymd(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}

/** Number of days of month `m` (1-12) of year `y`. */
export function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date: day arithmetic on integers (hot in the payroll calculation). */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** The `YYYY-MM-DD` date of a day number (the inverse of `dayNumber`). */
export function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Today's calendar date in UTC, `YYYY-MM-DD`: the one "today" used for statuses and current compensation. */
export function todayUtc(now?: Date): string {
  if (now) return now.toISOString().slice(0, 10);
  // Every engagement of a page derives its status from today: the date is formatted once per UTC day.
  const ms = Date.now();
  if (ms < today.from || ms >= today.to) {
    const from = Math.floor(ms / DAY_MS) * DAY_MS;
    today = { from, to: from + DAY_MS, date: new Date(from).toISOString().slice(0, 10) };
  }
  return today.date;
}
let today = { from: 0, to: 0, date: "" };
