/**
 * When each remittance is due: a pure function of the deposit rule, the pay date and, for the IRS, the employer
 * entity's depositor schedule and the liability accumulated that day. Unit-tested in test/unit/due-dates.test.ts.
 *
 * Rules (a remittance is due on the date below, moved to the authority's next business day when that date is a
 * Saturday, Sunday or legal holiday — see src/shared/calendar/business-days.ts):
 *
 * - IRS Form 941 taxes (federal income tax, Social Security and Medicare, both shares) — IRS Publication 15
 *   (2026), section 11 "Depositing Taxes". The liability arises on the pay date.
 *   - SEMIWEEKLY depositor: paydays Wednesday, Thursday or Friday → the following Wednesday; paydays Saturday,
 *     Sunday, Monday or Tuesday → the following Friday. Computed as Pub 15 states the guarantee: the third business
 *     day after the end of the semiweekly period (Wed–Fri or Sat–Tue), so a legal holiday in those three days adds
 *     a day ("you'll have an additional day for each day that is a legal holiday").
 *   - MONTHLY depositor: the 15th of the month after the pay date.
 *   - $100,000 next-day rule: when the employer entity has accumulated $100,000 or more of 941 taxes on a day,
 *     the deposit is due by the next business day, whatever the schedule. "Accumulated on a day" is simplified to
 *     the 941 remittances already scheduled for the same employer entity and pay date plus this run's (runs of
 *     every client count: the EIN is the EOR's). Earlier remittances of that day keep their date (the treasury
 *     deposits the day's total by the earliest due date). The follow-on rule that a monthly depositor becomes
 *     semiweekly for the rest of the year is not modelled (the default schedule is already SEMIWEEKLY).
 * - IRS Form 940 (FUTA) — Pub 15 section 14 / Form 940 instructions: quarterly, by the last day of the month after
 *   the quarter of the pay date (April 30, July 31, October 31, January 31). Simplification: each quarter's FUTA is
 *   deposited by that quarter's deadline even when the year's undeposited FUTA is $500 or less — the $500 rule only
 *   allows carrying the amount forward; depositing earlier is never late.
 * - States that follow the federal schedule (California EDD PIT and SDI, Pennsylvania and Illinois withholding,
 *   the default for other states): the same due date as the IRS 941 deposit of the same pay date, next-day rule
 *   included. California: DE 44 "Deposit schedule" — an employer that is a federal semiweekly (or next-day)
 *   depositor deposits PIT on the same schedule when it has accumulated more than $500 of PIT; SDI is deposited with
 *   PIT on the DE 88 (SDI may legally wait until the quarter's due date; depositing it with PIT is earlier, never
 *   late). Pennsylvania: REV-415 — employers withholding $20,000 or more a quarter file semiweekly, on the federal
 *   semiweekly due dates. Illinois: IL-700 — semiweekly payers (more than $12,000 withheld in the look-back period)
 *   pay on the federal semiweekly schedule.
 * - State programs paid quarterly (Washington ESD Paid Family and Medical Leave premiums, Pennsylvania UC employee
 *   withholding to the Department of Labor & Industry, Alaska UI employee contributions): by the last day of the
 *   month after the quarter.
 * - CRA, regular remitter (T4001 Employers' Guide, "Remitting source deductions"): received by the 15th of the
 *   month after the month the remuneration was paid.
 * - Revenu Québec, regular remitter (TP-1015.G-V, "Remittance frequency: monthly"): the 15th of the following
 *   month, same as the CRA. CNESST periodic payments are paid to Revenu Québec on the same slip and by the same
 *   deadline (CNESST, "Paiement des versements périodiques").
 * - Revenu Québec labour standards contribution (CNT): by the filing deadline of the RL-1 summary, the last day of
 *   February of the year after the pay date (Revenu Québec, "Verser les retenues à la source et vos cotisations
 *   d'employeur"; form LE-39.0.2).
 * - Net pay and contractor payments: on the pay date (not moved: the pay calendar already chose a banking day).
 */
import { addDays, businessDaysAfter, dayOfWeek, lastDayOfMonth, onOrNextBusinessDay, parseIsoDate, ymd, type Calendar } from "../../shared/calendar";

export type DepositorSchedule = "MONTHLY" | "SEMIWEEKLY";

/** How an authority's deposits are timed (see the module comment for each rule and its source). */
export type DepositRule = "IRS_941" | "IRS_940" | "FOLLOWS_FEDERAL" | "STATE_QUARTERLY" | "CRA_REGULAR" | "RQ_REGULAR" | "RQ_ANNUAL_SUMMARY" | "PAY_DATE";

/** $100,000 in cents: the IRS next-day deposit threshold. */
export const NEXT_DAY_DEPOSIT_THRESHOLD = 10_000_000;

/**
 * The federal deposit schedule of every employer entity. The IRS assigns it each year from the lookback period
 * (more than $50,000 of Form 941 taxes → semiweekly), and an EOR of this size is a semiweekly depositor. An entity
 * with another schedule would need it stored with the entity; none has one today.
 */
export const DEFAULT_DEPOSITOR_SCHEDULE: DepositorSchedule = "SEMIWEEKLY";

export interface DueDateContext {
  /** The employer entity's federal depositor schedule (IRS_941 and FOLLOWS_FEDERAL). */
  depositorSchedule: DepositorSchedule;
  /** Form 941 liability accumulated on the pay date by the employer entity, this run included, in cents. */
  federalLiabilityOnPayDate: number;
}

const CALENDAR: Record<Exclude<DepositRule, "PAY_DATE">, Calendar> = {
  IRS_941: "US_FEDERAL",
  IRS_940: "US_FEDERAL",
  FOLLOWS_FEDERAL: "US_FEDERAL",
  STATE_QUARTERLY: "US_FEDERAL",
  CRA_REGULAR: "CA_FEDERAL",
  RQ_REGULAR: "CA_QC",
  RQ_ANNUAL_SUMMARY: "CA_QC",
};

/** The 15th of the month after `date`. */
function fifteenthOfNextMonth(date: string): string {
  const { y, m } = parseIsoDate(date);
  return m === 12 ? ymd(y + 1, 1, 15) : ymd(y, m + 1, 15);
}

/** The last day of the month after the calendar quarter of `date`. */
function endOfMonthAfterQuarter(date: string): string {
  const { y, m } = parseIsoDate(date);
  const quarterEndMonth = Math.ceil(m / 3) * 3;
  const [dueYear, dueMonth] = quarterEndMonth === 12 ? [y + 1, 1] : [y, quarterEndMonth + 1];
  return ymd(dueYear, dueMonth, lastDayOfMonth(dueYear, dueMonth));
}

/** Last day of the semiweekly deposit period containing `payDate`: Friday for Wed–Fri, Tuesday for Sat–Tue. */
function semiweeklyPeriodEnd(payDate: string): string {
  const dow = dayOfWeek(payDate);
  if (dow >= 3 && dow <= 5) return addDays(payDate, 5 - dow);
  return addDays(payDate, (2 - dow + 7) % 7);
}

function federalDueDate(payDate: string, context: DueDateContext): string {
  if (context.federalLiabilityOnPayDate >= NEXT_DAY_DEPOSIT_THRESHOLD) return businessDaysAfter(payDate, 1, "US_FEDERAL");
  if (context.depositorSchedule === "MONTHLY") return onOrNextBusinessDay(fifteenthOfNextMonth(payDate), "US_FEDERAL");
  return businessDaysAfter(semiweeklyPeriodEnd(payDate), 3, "US_FEDERAL");
}

/** Due date of a remittance created for a run paid on `payDate`. */
export function remittanceDueDate(rule: DepositRule, payDate: string, context: DueDateContext): string {
  switch (rule) {
    case "PAY_DATE":
      return payDate;
    case "IRS_941":
    case "FOLLOWS_FEDERAL":
      return federalDueDate(payDate, context);
    case "IRS_940":
    case "STATE_QUARTERLY":
      return onOrNextBusinessDay(endOfMonthAfterQuarter(payDate), CALENDAR[rule]);
    case "CRA_REGULAR":
    case "RQ_REGULAR":
      return onOrNextBusinessDay(fifteenthOfNextMonth(payDate), CALENDAR[rule]);
    case "RQ_ANNUAL_SUMMARY": {
      const next = parseIsoDate(payDate).y + 1;
      return onOrNextBusinessDay(ymd(next, 2, lastDayOfMonth(next, 2)), CALENDAR[rule]);
    }
    default: {
      const exhaustive: never = rule;
      return exhaustive;
    }
  }
}
