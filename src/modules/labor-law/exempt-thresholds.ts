/**
 * The salary an employee classified exempt from overtime (the white-collar executive, administrative and
 * professional exemptions) must be paid at least: federal and state thresholds as data and formulas (pure).
 * Salary is only one part of the exemption (the salary-basis and duties tests still apply, and they are the
 * client's to answer); this module refuses `exempt` when the salary test fails. Sources: README.md.
 */
import { US_STATE_MINIMUM_WAGES } from "./minimum-wage.tables";
import { stepOn } from "./minimum-wage";

export interface ExemptThreshold {
  /** Annual salary at least, minor units (a weekly figure × 52). */
  annualCents: number;
  /** "federal (29 CFR 541.600)", "California"… */
  name: string;
  source: string;
}

const FEDERAL_SOURCE =
  "29 CFR 541.600(a) ($684/week, 2019 rule, 84 FR 51230); the 2024 rule (89 FR 32842) was vacated in State of Texas v. U.S. Department of Labor, No. 4:24-cv-00499 (E.D. Tex. Nov. 15, 2024)";

/** Federal weekly thresholds by effective date (cents per week). */
const FEDERAL_WEEKLY = [
  { from: "2004-08-23", cents: 455_00 },
  { from: "2020-01-01", cents: 684_00 },
] as const;

/** New York executive/administrative weekly thresholds (12 NYCRR 142-2.14(c)(4)(ii)), cents per week. */
const NY_WEEKLY = {
  downstate: [
    { from: "2025-01-01", cents: 1_237_50 },
    { from: "2026-01-01", cents: 1_275_00 },
  ],
  restOfState: [
    { from: "2025-01-01", cents: 1_161_65 },
    { from: "2026-01-01", cents: 1_199_10 },
  ],
} as const;

/** Colorado (COMPS Order #39 Rule 2.5.1 and the 2025 PAY CALC Order), cents per week. */
const CO_WEEKLY = [{ from: "2025-01-01", cents: 1_086_25 }] as const;

function weeklyOn(steps: readonly { from: string; cents: number }[], date: string): number | null {
  let found: number | null = null;
  for (const s of steps) if (s.from <= date) found = s.cents;
  return found;
}

function stateMinimum(jurisdiction: string, date: string): number | null {
  const table = US_STATE_MINIMUM_WAGES[jurisdiction];
  return table ? (stepOn(table, date)?.cents ?? null) : null;
}

/**
 * The state's own threshold on `date`, or null where the state has none beyond the federal one (or the date is
 * before its table). Formulas follow each statute: CA 2 × state minimum × 2080 h; WA 2.25 × state minimum × 40 h
 * a week; AK 2 × state minimum × 40 h a week; ME 3,000 × state minimum a year; NY and CO fixed figures.
 */
export function stateExemptThreshold(jurisdiction: string, locality: string | null, date: string): ExemptThreshold | null {
  const min = stateMinimum(jurisdiction, date);
  switch (jurisdiction) {
    case "US-CA":
      return min === null
        ? null
        : { annualCents: 2 * min * 2080, name: "California", source: "Cal. Lab. Code §515(a): 2 × the state minimum wage for full-time (2,080 h a year) employment" };
    case "US-WA":
      // 2.25 × minimum wage × 40 from 2025-01-01 (all employers), WAC 296-128-545.
      return min === null || date < "2025-01-01"
        ? null
        : { annualCents: (min * 225 * 40 * 52) / 100, name: "Washington", source: "WAC 296-128-545: 2.25 × the state minimum wage × 40 hours a week (from 2025)" };
    case "US-AK":
      return min === null ? null : { annualCents: 2 * min * 40 * 52, name: "Alaska", source: "AS 23.10.055(a)(9)(A): 2 × the state minimum wage for the first 40 hours a week" };
    case "US-ME":
      return min === null ? null : { annualCents: 3000 * min, name: "Maine", source: "26 M.R.S. §663(3)(K): 3,000 × the state minimum wage a year (1/52 of it a week)" };
    case "US-NY": {
      const downstate = locality === "US-NY-NYC";
      const weekly = weeklyOn(downstate ? NY_WEEKLY.downstate : NY_WEEKLY.restOfState, date);
      return weekly === null
        ? null
        : {
            annualCents: weekly * 52,
            name: downstate ? "New York (New York City, Long Island and Westchester)" : "New York (remainder of state)",
            source: "12 NYCRR 142-2.14(c)(4)(ii) (executive and administrative exemptions)",
          };
    }
    case "US-CO": {
      const weekly = weeklyOn(CO_WEEKLY, date);
      return weekly === null ? null : { annualCents: weekly * 52, name: "Colorado", source: "COMPS Order #39 Rule 2.5.1; 2025 PAY CALC Order ($56,485 a year)" };
    }
    default:
      return null;
  }
}

export function federalExemptThreshold(date: string): ExemptThreshold {
  return { annualCents: (weeklyOn(FEDERAL_WEEKLY, date) ?? FEDERAL_WEEKLY[0].cents) * 52, name: "federal (FLSA)", source: FEDERAL_SOURCE };
}

/** The threshold that binds: the higher of the federal and the state's. */
export function exemptThresholdOn(jurisdiction: string, locality: string | null, date: string): ExemptThreshold {
  const federal = federalExemptThreshold(date);
  const state = stateExemptThreshold(jurisdiction, locality, date);
  return state !== null && state.annualCents > federal.annualCents ? state : federal;
}
