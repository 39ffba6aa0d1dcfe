/**
 * Pay periods of a pay schedule, computed from its frequency and first period start: pure date arithmetic on
 * `YYYY-MM-DD` strings in UTC, so the result is the same on every machine and in every time zone.
 */
export type PayFrequency = "WEEKLY" | "BIWEEKLY" | "SEMIMONTHLY" | "MONTHLY";

export interface GeneratedPayPeriod {
  startDate: string;
  endDate: string;
  payDate: string;
}

const DAY_MS = 86_400_000;

function parseDate(date: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    throw new Error(`not a calendar date: ${date}`);
  }
  return parsed;
}

function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return formatDate(new Date(parseDate(date).getTime() + days * DAY_MS));
}

/** The last day of the month `date` falls in. */
function endOfMonth(date: Date): string {
  return formatDate(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)));
}

/** End of the period that starts on `start`. */
function periodEnd(frequency: PayFrequency, start: string): string {
  const d = parseDate(start);
  switch (frequency) {
    case "WEEKLY":
      return addDays(start, 6);
    case "BIWEEKLY":
      return addDays(start, 13);
    case "SEMIMONTHLY":
      // 1st–15th and 16th–last day of the month.
      return d.getUTCDate() === 1 ? addDays(start, 14) : endOfMonth(d);
    case "MONTHLY":
      // Calendar months: the 1st to the last day.
      return endOfMonth(d);
  }
}

/**
 * The consecutive periods from `firstPeriodStart` up to the one containing `through` (inclusive): every day
 * from the first start to `through` lies in exactly one period. Each pay date is the period end plus
 * `payDateOffsetDays`. A semimonthly schedule starts on the 1st or the 16th, a monthly one on the 1st
 * (the same calendar rules as createPaySchedule's generator in src/modules/pay-schedules/pay-periods.ts).
 */
export function generatePayPeriods(
  frequency: PayFrequency,
  firstPeriodStart: string,
  through: string,
  payDateOffsetDays: number,
): GeneratedPayPeriod[] {
  if (frequency === "SEMIMONTHLY" && ![1, 16].includes(parseDate(firstPeriodStart).getUTCDate())) {
    throw new Error(`a semimonthly schedule starts on the 1st or the 16th, not ${firstPeriodStart}`);
  }
  if (frequency === "MONTHLY" && parseDate(firstPeriodStart).getUTCDate() !== 1) {
    throw new Error(`a monthly schedule starts on the 1st, not ${firstPeriodStart}`);
  }
  if (!Number.isInteger(payDateOffsetDays) || payDateOffsetDays < 0) {
    throw new Error(`payDateOffsetDays must be a non-negative integer, not ${payDateOffsetDays}`);
  }
  parseDate(through);
  const periods: GeneratedPayPeriod[] = [];
  let start = firstPeriodStart;
  // ISO date strings compare correctly as strings.
  while (start <= through) {
    const endDate = periodEnd(frequency, start);
    periods.push({ startDate: start, endDate, payDate: addDays(endDate, payDateOffsetDays) });
    start = addDays(endDate, 1);
  }
  return periods;
}
