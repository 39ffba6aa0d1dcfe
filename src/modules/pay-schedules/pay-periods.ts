/**
 * Pay period generation: a pure function of the schedule, so the calendar rules are unit-tested without a
 * database. All arithmetic is on calendar dates in UTC (no time zones, no DST).
 */
export type Frequency = "WEEKLY" | "BIWEEKLY" | "SEMIMONTHLY" | "MONTHLY";

export interface GeneratedPeriod {
  startDate: string;
  endDate: string;
  payDate: string;
}

/** Most periods one `createPaySchedule` generates. */
export const MAX_PERIODS_AHEAD = 120;

/** Default number of periods: one year of them. */
export const PERIODS_PER_YEAR: Record<Frequency, number> = { WEEKLY: 52, BIWEEKLY: 26, SEMIMONTHLY: 24, MONTHLY: 12 };

interface Ymd {
  y: number;
  m: number; // 1-12
  d: number;
}

function parse(date: string): Ymd {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

function format({ y, m, d }: Ymd): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function fromUtc(date: Date): Ymd {
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

export function addDays(date: string, days: number): string {
  const { y, m, d } = parse(date);
  return format(fromUtc(new Date(Date.UTC(y, m - 1, d + days))));
}

export function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Why `firstPeriodStart` cannot start a period of this frequency, or null when it can. */
export function firstPeriodStartProblem(frequency: Frequency, firstPeriodStart: string): string | null {
  const { d } = parse(firstPeriodStart);
  if (frequency === "SEMIMONTHLY" && d !== 1 && d !== 16) return "A semimonthly schedule's first period starts on the 1st or the 16th of a month";
  if (frequency === "MONTHLY" && d !== 1) return "A monthly schedule's first period starts on the 1st of a month";
  return null;
}

/** Start and end of the period that starts on `start`. */
function periodAt(frequency: Frequency, start: string): { startDate: string; endDate: string } {
  switch (frequency) {
    case "WEEKLY":
      return { startDate: start, endDate: addDays(start, 6) };
    case "BIWEEKLY":
      return { startDate: start, endDate: addDays(start, 13) };
    case "SEMIMONTHLY": {
      const s = parse(start);
      const endDay = s.d === 1 ? 15 : lastDayOfMonth(s.y, s.m);
      return { startDate: start, endDate: format({ ...s, d: endDay }) };
    }
    case "MONTHLY": {
      const s = parse(start);
      return { startDate: start, endDate: format({ ...s, d: lastDayOfMonth(s.y, s.m) }) };
    }
    default: {
      const exhaustive: never = frequency;
      return exhaustive;
    }
  }
}

/**
 * `count` consecutive periods from `firstPeriodStart`: each starts the day after the previous one ends; the pay
 * date is the end date plus `payDateOffsetDays`. Throws on a start date the frequency does not allow (validate
 * with `firstPeriodStartProblem` first).
 */
export function generatePayPeriods(schedule: {
  frequency: Frequency;
  firstPeriodStart: string;
  payDateOffsetDays: number;
  count: number;
}): GeneratedPeriod[] {
  const problem = firstPeriodStartProblem(schedule.frequency, schedule.firstPeriodStart);
  if (problem) throw new Error(problem);
  const periods: GeneratedPeriod[] = [];
  let start = schedule.firstPeriodStart;
  for (let i = 0; i < schedule.count; i++) {
    const { startDate, endDate } = periodAt(schedule.frequency, start);
    periods.push({ startDate, endDate, payDate: addDays(endDate, schedule.payDateOffsetDays) });
    start = addDays(endDate, 1);
  }
  return periods;
}

/** The consecutive periods from `firstPeriodStart` up to the one containing `through` (the demo calendar). */
export function generatePayPeriodsThrough(
  schedule: { frequency: Frequency; firstPeriodStart: string; payDateOffsetDays: number },
  through: string,
): GeneratedPeriod[] {
  const periods: GeneratedPeriod[] = [];
  let start = schedule.firstPeriodStart;
  // ISO dates compare correctly as strings.
  while (start <= through) {
    const [period] = generatePayPeriods({ ...schedule, firstPeriodStart: start, count: 1 });
    periods.push(period);
    start = addDays(period.endDate, 1);
  }
  return periods;
}
