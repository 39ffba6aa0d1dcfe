/**
 * Who may enroll in a benefit plan (pure: no I/O, no clock — `asOf` is passed in). Each rule is data on the plan
 * (kind, country, jurisdictions, waiting period, minimum scheduled hours, plan year, status) checked against the
 * engagement; every reason a worker may not enroll is returned, each with a code and, for a waiting period, the
 * date it ends. Sources are cited per rule (module README, "Sources").
 */
import { addDays, compareIsoDates } from "../../shared/calendar";
import { isContractor, type Classification } from "../../shared/classification";
import type { BenefitKind } from "../../shared/benefit-kind";

/** Why a worker may not enroll (the `BenefitIneligibilityReason` GraphQL enum). */
export const INELIGIBILITY_REASONS = [
  "CONTRACTOR",
  "OTHER_COUNTRY",
  "OTHER_JURISDICTION",
  "NOT_OFFERED",
  "WAITING_PERIOD",
  "HOURS_BELOW_MINIMUM",
  "PLAN_NOT_ACTIVE",
  "OUTSIDE_PLAN_YEAR",
  "ENGAGEMENT_ENDED",
  "ALREADY_ENROLLED",
] as const;
export type IneligibilityReason = (typeof INELIGIBILITY_REASONS)[number];

/** Scheduled hours per week a SALARY engagement counts when it states none (a full-time week). */
export const SALARY_DEFAULT_HUNDREDTHS_PER_WEEK = 4000;

/**
 * Longest waiting period a plan may set, in days, by kind. Major medical (a group health plan): 90 days (PHS Act
 * §2708, 29 CFR 2590.715-2708(b)); limited-scope dental and vision and most health FSAs are HIPAA-excepted benefits
 * the limit does not reach (module README, "Sources"). Qualified retirement plans (401(k)): one year of service
 * (IRC §410(a)(1)(A)), taken as 365 days. Other kinds: 366 days (a plan year).
 */
export function maxWaitingPeriodDays(kind: BenefitKind): number {
  switch (kind) {
    case "MEDICAL":
      return 90;
    case "US_401K":
    case "US_ROTH_401K":
      return 365;
    default:
      return 366;
  }
}

/** Kinds offered in one country only (US_… in the US, CA_… in Canada); MEDICAL, DENTAL, VISION, GROUP_TERM_LIFE in both. */
export function kindCountry(kind: BenefitKind): "US" | "CA" | null {
  if (kind.startsWith("US_")) return "US";
  if (kind.startsWith("CA_")) return "CA";
  return null;
}

export interface EligibilityPlan {
  kind: BenefitKind;
  country: "US" | "CA";
  /** Empty: every jurisdiction of the country. */
  jurisdictions: readonly string[];
  planYearStart: string;
  planYearEnd: string;
  waitingPeriodDays: number;
  minHundredthsPerWeek: number | null;
  status: "ACTIVE" | "RETIRED";
  /** True for a client's own (PEO) plan. */
  clientPlan: boolean;
}

export interface EligibilityEngagement {
  classification: Classification;
  /** A client's own (PEO) plan is offered to that client's PEO employees only. */
  employmentModel: "EOR" | "PEO";
  workJurisdiction: string;
  startDate: string;
  endDate: string | null;
  /** Null: not stated. */
  scheduledHundredthsPerWeek: number | null;
  /** Basis of the compensation in effect (null: none). SALARY without stated hours counts as 40 h. */
  compensationBasis: "SALARY" | "HOURLY" | "FIXED_FEE" | null;
  /** An ACTIVE enrollment of the engagement in a plan of the same kind covers `asOf` or later. */
  enrolledInKind: boolean;
}

export interface IneligibilityFinding {
  code: IneligibilityReason;
  message: string;
  /** WAITING_PERIOD: the first day the worker may be covered. */
  until: string | null;
}

/** Scheduled hours per week the rules use: the stated figure, else 40 h for SALARY, else null (unknown). */
export function scheduledHundredths(engagement: Pick<EligibilityEngagement, "scheduledHundredthsPerWeek" | "compensationBasis">): number | null {
  if (engagement.scheduledHundredthsPerWeek !== null) return engagement.scheduledHundredthsPerWeek;
  return engagement.compensationBasis === "SALARY" ? SALARY_DEFAULT_HUNDREDTHS_PER_WEEK : null;
}

/** First day coverage may start: the day after `waitingPeriodDays` full days of employment (0: the start date). */
export function firstEligibleDate(startDate: string, waitingPeriodDays: number): string {
  return addDays(startDate, waitingPeriodDays);
}

const hours = (hundredths: number) => (hundredths / 100).toFixed(2).replace(/\.00$/, "");

/**
 * Every reason the engagement may not be covered by the plan on `asOf` (empty: eligible). Contractors are never
 * eligible: benefits are for employees (IRC §401(a), §125(d)(1); ITA s.147.3 / CRA RC4157 for group plans).
 */
export function ineligibilityReasons(plan: EligibilityPlan, engagement: EligibilityEngagement, asOf: string): IneligibilityFinding[] {
  const found: IneligibilityFinding[] = [];
  const add = (code: IneligibilityReason, message: string, until: string | null = null) => found.push({ code, message, until });
  if (isContractor(engagement.classification)) add("CONTRACTOR", "Contractors are never eligible for benefit plans: benefits are for employees");
  const country = engagement.workJurisdiction.slice(0, 2);
  if (country !== plan.country) add("OTHER_COUNTRY", `The plan covers ${plan.country}; the engagement works in ${engagement.workJurisdiction}`);
  else if (plan.jurisdictions.length > 0 && !plan.jurisdictions.includes(engagement.workJurisdiction)) {
    add("OTHER_JURISDICTION", `The plan covers ${plan.jurisdictions.join(", ")}; the engagement works in ${engagement.workJurisdiction}`);
  }
  if (plan.clientPlan && engagement.employmentModel !== "PEO")
    add("NOT_OFFERED", "The client's own plan is for its PEO employees; this engagement is employed under the EOR model");
  if (plan.status !== "ACTIVE") add("PLAN_NOT_ACTIVE", "The plan is retired: it takes no new enrollments");
  if (compareIsoDates(asOf, plan.planYearStart) < 0 || compareIsoDates(asOf, plan.planYearEnd) > 0) {
    add("OUTSIDE_PLAN_YEAR", `${asOf} is outside the plan year (${plan.planYearStart} to ${plan.planYearEnd})`);
  }
  if (engagement.endDate !== null && compareIsoDates(asOf, engagement.endDate) > 0) add("ENGAGEMENT_ENDED", `The engagement ended on ${engagement.endDate}`);
  const eligibleFrom = firstEligibleDate(engagement.startDate, plan.waitingPeriodDays);
  if (compareIsoDates(asOf, eligibleFrom) < 0)
    add("WAITING_PERIOD", `The plan's ${plan.waitingPeriodDays}-day waiting period ends: coverage may start on ${eligibleFrom}`, eligibleFrom);
  if (plan.minHundredthsPerWeek !== null) {
    const scheduled = scheduledHundredths(engagement);
    if (scheduled === null || scheduled < plan.minHundredthsPerWeek) {
      add(
        "HOURS_BELOW_MINIMUM",
        scheduled === null
          ? `The plan needs at least ${hours(plan.minHundredthsPerWeek)} scheduled hours per week; the engagement states none (set scheduledHoursPerWeek)`
          : `The plan needs at least ${hours(plan.minHundredthsPerWeek)} scheduled hours per week; the engagement is scheduled for ${hours(scheduled)}`,
      );
    }
  }
  if (engagement.enrolledInKind) add("ALREADY_ENROLLED", `The engagement already has an enrollment of kind ${plan.kind}`);
  return found;
}
