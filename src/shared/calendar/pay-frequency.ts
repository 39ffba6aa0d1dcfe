/** How often workers are paid: the `pay_frequency` database enum and the `PayFrequency` GraphQL enum. */
export const PAY_FREQUENCIES = ["WEEKLY", "BIWEEKLY", "SEMIMONTHLY", "MONTHLY"] as const;

export type PayFrequency = (typeof PAY_FREQUENCIES)[number];

export function isPayFrequency(value: unknown): value is PayFrequency {
  return typeof value === "string" && (PAY_FREQUENCIES as readonly string[]).includes(value);
}

/**
 * Pay periods per year — IRS Pub 15-T (2026), Worksheet 1A line 1b table ("Semiannually 2, Quarterly 4, Monthly
 * 12, Semimonthly 24, Biweekly 26, Weekly 52, Daily 260"). The same divisors are printed by California (26methb,
 * Tables 2–4 per payroll period), implied by Illinois' IL-700-T table headers, and are CRA T4127's P. Also the
 * default number of periods a pay schedule generates (one year of them) and the salary divisor of a run.
 */
export const PERIODS_PER_YEAR: Readonly<Record<PayFrequency, number>> = { WEEKLY: 52, BIWEEKLY: 26, SEMIMONTHLY: 24, MONTHLY: 12 };
