/**
 * The minimum wage of a work place on a date (pure): the highest of the federal floor (US), the state's or
 * province's rate and the locality's rate, each the step of its table in effect on that date.
 */
import { CA_MINIMUM_WAGES, LOCAL_MINIMUM_WAGES, US_FEDERAL_MINIMUM_WAGE, US_STATE_MINIMUM_WAGES, type MinimumWageTable } from "./minimum-wage.tables";

export interface MinimumWage {
  /** Hourly minimum, minor units. */
  cents: number;
  currency: "USD" | "CAD";
  /** The table that decided it: `US` (federal), `US-CA`, `US-CA-SF`, `CA-ON`… */
  decidedBy: string;
  /** Its name ("San Francisco, CA") and source (statute or publication). */
  name: string;
  source: string;
  /** First day of the step in effect. */
  effectiveFrom: string;
  /**
   * Set when the state's table does not reach back to the date (US only): the federal floor was enforced instead,
   * and this says so (documented fallback, never silent).
   */
  note?: string;
}

export type MinimumWageLookup = { ok: true; wage: MinimumWage } | { ok: false; message: string };

/** The step of a table in effect on `date` (latest `from` on or before it), or null before its first step. */
export function stepOn(table: MinimumWageTable, date: string): { from: string; cents: number } | null {
  let found: { from: string; cents: number } | null = null;
  for (const step of table.steps) if (step.from <= date) found = step;
  return found;
}

function candidate(key: string, table: MinimumWageTable, date: string, currency: "USD" | "CAD"): MinimumWage | null {
  const step = stepOn(table, date);
  return step === null ? null : { cents: step.cents, currency, decidedBy: key, name: table.name, source: table.source, effectiveFrom: step.from };
}

/**
 * The minimum wage for work in `jurisdiction` (ISO 3166-2), optionally in `locality` (a code of localities.ts
 * inside it), on `date`. US: max(federal, state, local); a state table that starts after the date falls back to
 * the federal floor with a `note`. Canada: the province's (or territory's) rate, max with the locality's; no table
 * on the date is `ok: false` (Canada has no general federal floor for provincially regulated work).
 */
export function minimumWageOn(jurisdiction: string, locality: string | null, date: string): MinimumWageLookup {
  const country = jurisdiction.slice(0, 2);
  const local = locality === null ? null : LOCAL_MINIMUM_WAGES[locality];
  if (country === "US") {
    const state = US_STATE_MINIMUM_WAGES[jurisdiction];
    if (!state) return { ok: false, message: `No minimum wage table for ${jurisdiction}` };
    const federal = candidate("US", US_FEDERAL_MINIMUM_WAGE, date, "USD");
    if (federal === null) return { ok: false, message: `No federal minimum wage before ${US_FEDERAL_MINIMUM_WAGE.steps[0].from}` };
    const candidates = [federal];
    const stateWage = candidate(jurisdiction, state, date, "USD");
    if (stateWage) candidates.push(stateWage);
    const localWage = local ? candidate(locality!, local, date, "USD") : null;
    if (localWage) candidates.push(localWage);
    const wage = highest(candidates);
    if (stateWage === null && wage === federal) {
      return { ok: true, wage: { ...wage, note: `the ${state.name} table starts on ${state.steps[0].from}: the federal floor applies before it` } };
    }
    return { ok: true, wage };
  }
  const province = CA_MINIMUM_WAGES[jurisdiction];
  if (!province) return { ok: false, message: `No minimum wage table for ${jurisdiction}` };
  const provincial = candidate(jurisdiction, province, date, "CAD");
  if (provincial === null) return { ok: false, message: `The ${province.name} minimum wage table starts on ${province.steps[0].from}: no minimum wage is known for ${date}` };
  const localWage = local ? candidate(locality!, local, date, "CAD") : null;
  return { ok: true, wage: localWage ? highest([provincial, localWage]) : provincial };
}

/** The highest; on a tie the more local one (later in the list) decides, since it is the one that names the place. */
function highest(candidates: MinimumWage[]): MinimumWage {
  return candidates.reduce((best, c) => (c.cents >= best.cents ? c : best));
}

/** Standard full-time hours per year for a salary's hourly equivalent: 52 weeks × 40 scheduled hours. */
export const SCHEDULED_HOURS_PER_WEEK = 40;
export const WEEKS_PER_YEAR = 52;

/** Whether an annual salary (minor units) is at least `hourly` × 52 × 40: exact integer comparison. */
export function salaryMeetsHourly(annualCents: number, hourlyCents: number): boolean {
  return annualCents >= hourlyCents * WEEKS_PER_YEAR * SCHEDULED_HOURS_PER_WEEK;
}

/** "$16.90" / "CA$17.60" for messages. */
export function formatRate(cents: number, currency: "USD" | "CAD"): string {
  return `${currency === "USD" ? "$" : "CA$"}${(cents / 100).toFixed(2)}`;
}
