/**
 * Pay period generation: a pure function of the schedule, so the calendar rules are unit-tested without a
 * database. All arithmetic is on calendar dates in UTC (no time zones, no DST).
 */
import { addDays, lastDayOfMonth, parseIsoDate, ymd } from "./iso-date";
import type { PayFrequency } from "./pay-frequency";
import { businessPayDate, type PayDateAdjustment } from "./business-days";

export interface GeneratedPeriod {
  startDate: string;
  endDate: string;
  payDate: string;
}

/** Most periods one `createPaySchedule` generates. */
export const MAX_PERIODS_AHEAD = 120;

/** Why `firstPeriodStart` cannot start a period of this frequency, or null when it can. */
export function firstPeriodStartProblem(frequency: PayFrequency, firstPeriodStart: string): string | null {
  const { d } = parseIsoDate(firstPeriodStart);
  if (frequency === "SEMIMONTHLY" && d !== 1 && d !== 16) return "A semimonthly schedule's first period starts on the 1st or the 16th of a month";
  if (frequency === "MONTHLY" && d !== 1) return "A monthly schedule's first period starts on the 1st of a month";
  return null;
}

/** Start and end of the period that starts on `start`. */
function periodAt(frequency: PayFrequency, start: string): { startDate: string; endDate: string } {
  switch (frequency) {
    case "WEEKLY":
      return { startDate: start, endDate: addDays(start, 6) };
    case "BIWEEKLY":
      return { startDate: start, endDate: addDays(start, 13) };
    case "SEMIMONTHLY": {
      const s = parseIsoDate(start);
      const endDay = s.d === 1 ? 15 : lastDayOfMonth(s.y, s.m);
      return { startDate: start, endDate: ymd(s.y, s.m, endDay) };
    }
    case "MONTHLY": {
      const s = parseIsoDate(start);
      return { startDate: start, endDate: ymd(s.y, s.m, lastDayOfMonth(s.y, s.m)) };
    }
    default: {
      const exhaustive: never = frequency;
      return exhaustive;
    }
  }
}

/**
 * `count` consecutive periods from `firstPeriodStart`: each starts the day after the previous one ends; the pay
 * date is the end date plus `payDateOffsetDays`, moved to a business day when `businessDays` is given. Throws on a start date the frequency does not allow (validate
 * with `firstPeriodStartProblem` first).
 */
export function generatePayPeriods(schedule: {
  frequency: PayFrequency;
  firstPeriodStart: string;
  payDateOffsetDays: number;
  count: number;
  /** With it, a pay date on a weekend or bank holiday of the country moves to a business day (business-days.ts). */
  businessDays?: { country: "US" | "CA"; adjustment: PayDateAdjustment };
}): GeneratedPeriod[] {
  const problem = firstPeriodStartProblem(schedule.frequency, schedule.firstPeriodStart);
  if (problem) throw new Error(problem);
  const periods: GeneratedPeriod[] = [];
  let start = schedule.firstPeriodStart;
  for (let i = 0; i < schedule.count; i++) {
    const { startDate, endDate } = periodAt(schedule.frequency, start);
    const payDate = addDays(endDate, schedule.payDateOffsetDays);
    periods.push({ startDate, endDate, payDate: schedule.businessDays ? businessPayDate(payDate, schedule.businessDays.country, schedule.businessDays.adjustment) : payDate });
    start = addDays(endDate, 1);
  }
  return periods;
}

/** The consecutive periods from `firstPeriodStart` up to the one containing `through` (the demo calendar). */
export function generatePayPeriodsThrough(
  schedule: { frequency: PayFrequency; firstPeriodStart: string; payDateOffsetDays: number; businessDays?: { country: "US" | "CA"; adjustment: PayDateAdjustment } },
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
