/**
 * Pay periods per year — IRS Pub 15-T (2026), Worksheet 1A line 1b table ("Semiannually 2, Quarterly 4, Monthly
 * 12, Semimonthly 24, Biweekly 26, Weekly 52, Daily 260"). The same divisors are printed by California (26methb,
 * Tables 2–4 per payroll period) and implied by Illinois' IL-700-T table headers.
 */
import type { PayFrequency } from "../../types";

export const PERIODS_PER_YEAR: Readonly<Record<PayFrequency, bigint>> = {
  WEEKLY: 52n,
  BIWEEKLY: 26n,
  SEMIMONTHLY: 24n,
  MONTHLY: 12n,
};
