/**
 * Record of Employment (ROE) data of a Canadian employee whose engagement ended (pure). Service Canada's ROE
 * blocks: 6 pay period type, 10 first day worked, 11 last day for which paid, 12 final pay period ending date,
 * 15A total insurable hours, 15B total insurable earnings, 15C insurable earnings by pay period, 16 reason for
 * issuing, 17A vacation pay. Due: within 5 calendar days after the end of the pay period in which the
 * interruption of earnings occurs (Employment Insurance Regulations, SOR/96-332, s. 19(3); Service Canada, "How
 * to complete the Record of Employment form", electronic ROE). The worker is referenced by ID only: no SIN, no name.
 */
import { addDays, dayOfWeek, dayNumber, dateOfDayNumber } from "../../shared/calendar";
import type { TerminationReason } from "./termination-reason";

/** Service Canada ROE reason codes (Block 16) used for the termination reasons. */
export const ROE_REASON_CODES: Record<TerminationReason, { code: string; text: string }> = {
  VOLUNTARY: { code: "E", text: "Quit" },
  INVOLUNTARY: { code: "M", text: "Dismissal or suspension" },
  END_OF_CONTRACT: { code: "A", text: "Shortage of work / end of contract or season" },
};

/** Days after the final pay period's end by which the ROE is due (EI Regulations s. 19(3)). */
export const ROE_DUE_DAYS = 5;

/** Standard hours of a salaried employee's working day (Mon–Fri), used for insurable hours without time entries. */
export const SALARIED_HOURS_PER_WEEKDAY = 8;

/** Block 15C covers the last 53 weeks of pay periods (Service Canada ROE guide). */
export const ROE_WEEKS = 53;

export function roeDueDate(finalPayPeriodEnd: string): string {
  return addDays(finalPayPeriodEnd, ROE_DUE_DAYS);
}

/** Hundredths of an hour of a salaried employee between two dates (inclusive): 8 h per weekday. */
export function salariedInsurableHundredths(from: string, to: string): number {
  let total = 0;
  for (let d = dayNumber(from); d <= dayNumber(to); d++) {
    const dow = dayOfWeek(dateOfDayNumber(d));
    if (dow !== 0 && dow !== 6) total += SALARIED_HOURS_PER_WEEKDAY * 100;
  }
  return total;
}

export interface RoePeriodInput {
  /** The pay period's end date (the final pay period's for a final-pay off-cycle run). */
  periodEnd: string;
  periodStart: string;
  /** EI insurable earnings paid for the period, cents (EARNING lines of statements with an EI premium, vacation payout excluded). */
  insurableEarnings: number;
  /** Hundredths of insurable hours, or null for a salaried engagement (computed from weekdays). */
  hundredthsOfHours: number | null;
}

export interface RoeData {
  reasonCode: string;
  reasonText: string;
  firstDayWorked: string;
  lastDayForWhichPaid: string;
  finalPayPeriodEnd: string;
  dueOn: string;
  periods: { periodEnd: string; insurableEarnings: number; insurableHundredths: number }[];
  totalInsurableEarnings: number;
  totalInsurableHundredths: number;
  vacationPay: number;
}

/** The ROE of an ended engagement from its paid periods (each once, any order). */
export function buildRoe(input: {
  reason: TerminationReason;
  startDate: string;
  endDate: string;
  finalPayPeriodEnd: string;
  periods: RoePeriodInput[];
  vacationPay: number;
}): RoeData {
  const windowStart = addDays(input.finalPayPeriodEnd, -ROE_WEEKS * 7 + 1);
  const byEnd = new Map<string, { periodEnd: string; insurableEarnings: number; insurableHundredths: number }>();
  for (const p of input.periods) {
    if (p.periodEnd < windowStart) continue;
    const from = p.periodStart > input.startDate ? p.periodStart : input.startDate;
    const to = p.periodEnd < input.endDate ? p.periodEnd : input.endDate;
    const hours = p.hundredthsOfHours ?? (from <= to ? salariedInsurableHundredths(from, to) : 0);
    const existing = byEnd.get(p.periodEnd);
    if (existing) {
      existing.insurableEarnings += p.insurableEarnings;
      // Hours of a period are counted once (a final-pay run pays days of the same period as its regular run).
      if (p.hundredthsOfHours !== null) existing.insurableHundredths += p.hundredthsOfHours;
    } else byEnd.set(p.periodEnd, { periodEnd: p.periodEnd, insurableEarnings: p.insurableEarnings, insurableHundredths: hours });
  }
  const periods = [...byEnd.values()].sort((a, b) => (a.periodEnd < b.periodEnd ? 1 : -1));
  const reason = ROE_REASON_CODES[input.reason];
  return {
    reasonCode: reason.code,
    reasonText: reason.text,
    firstDayWorked: input.startDate,
    lastDayForWhichPaid: input.endDate,
    finalPayPeriodEnd: input.finalPayPeriodEnd,
    dueOn: roeDueDate(input.finalPayPeriodEnd),
    periods,
    totalInsurableEarnings: periods.reduce((s, p) => s + p.insurableEarnings, 0),
    totalInsurableHundredths: periods.reduce((s, p) => s + p.insurableHundredths, 0),
    vacationPay: input.vacationPay,
  };
}
