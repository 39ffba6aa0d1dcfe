/** Validation of a plan's inputs (contribution rules, jurisdictions, hours), adding userErrors at input paths. */
import { readMoneyInput } from "../../shared/money-input";
import { isSubdivision, currencyOf, type Country } from "../../shared/jurisdiction";
import { UserErrorCode, type UserErrors } from "../../shared/user-error";
import { parseWeeklyHundredths } from "../engagements/scheduled-hours";
import type { BenefitKind } from "../../shared/benefit-kind";
import { kindCountry, maxWaitingPeriodDays } from "./benefit-eligibility";
import { MAX_MATCH_TIERS, type BenefitContributionMethod } from "./benefit-plan.type";
import type { BenefitContributionRuleInput } from "./benefit.input";
import type { MatchTier } from "./benefit.table";

export interface ContributionColumns {
  method: BenefitContributionMethod;
  amount: number | null;
  percentBasisPoints: number | null;
  match: MatchTier[] | null;
}

const NONE: ContributionColumns = { method: "NONE", amount: null, percentBasisPoints: null, match: null };

function isBasisPoints(value: number, min = 0): boolean {
  return Number.isInteger(value) && value >= min && value <= 10_000;
}

/**
 * A contribution rule input as columns (null when invalid; userErrors added at `field`). The employee side may
 * leave its amount or percent open (each enrollment elects it) and may not MATCH; the employer side must give it.
 */
export function readContributionRule(
  errors: UserErrors,
  field: string,
  input: BenefitContributionRuleInput | null | undefined,
  side: "employee" | "employer",
  country: Country,
): ContributionColumns | null {
  if (input == null) return NONE;
  const before = errors.list.length;
  const bad = (path: string[], message: string) => errors.add([field, ...path], UserErrorCode.INVALID_CONTRIBUTION_RULE, message);
  const out: ContributionColumns = { method: input.method, amount: null, percentBasisPoints: null, match: null };
  if (input.method !== "FIXED_PER_PERIOD" && input.amount != null) bad(["amount"], "amount is for FIXED_PER_PERIOD only");
  if (input.method !== "PERCENT_OF_GROSS" && input.percentBasisPoints != null) bad(["percentBasisPoints"], "percentBasisPoints is for PERCENT_OF_GROSS only");
  if (input.method !== "MATCH" && input.matchTiers != null && input.matchTiers.length > 0) bad(["matchTiers"], "matchTiers is for MATCH only");
  switch (input.method) {
    case "FIXED_PER_PERIOD":
      if (input.amount != null) out.amount = readMoneyInput(errors, [field, "amount"], input.amount, currencyOf(country));
      else if (side === "employer") bad(["amount"], "The employer's FIXED_PER_PERIOD contribution needs an amount");
      break;
    case "PERCENT_OF_GROSS":
      if (input.percentBasisPoints != null) {
        if (isBasisPoints(input.percentBasisPoints)) out.percentBasisPoints = input.percentBasisPoints;
        else bad(["percentBasisPoints"], "percentBasisPoints must be an integer between 0 and 10000");
      } else if (side === "employer") bad(["percentBasisPoints"], "The employer's PERCENT_OF_GROSS contribution needs percentBasisPoints");
      break;
    case "MATCH": {
      if (side === "employee") {
        bad(["method"], "MATCH is an employer contribution: the employee contributes a FIXED_PER_PERIOD amount or a PERCENT_OF_GROSS");
        break;
      }
      const tiers = input.matchTiers ?? [];
      if (tiers.length < 1 || tiers.length > MAX_MATCH_TIERS) bad(["matchTiers"], `A match has 1 to ${MAX_MATCH_TIERS} tiers`);
      let width = 0;
      tiers.forEach((t, i) => {
        if (!isBasisPoints(t.rateBasisPoints, 1)) bad(["matchTiers", String(i), "rateBasisPoints"], "rateBasisPoints must be an integer between 1 and 10000");
        if (!isBasisPoints(t.upToBasisPoints, 1)) bad(["matchTiers", String(i), "upToBasisPoints"], "upToBasisPoints must be an integer between 1 and 10000");
        width += t.upToBasisPoints;
      });
      if (width > 10_000) bad(["matchTiers"], "The tiers' widths add up to more than 100 % of gross");
      out.match = tiers.map((t) => ({ rateBasisPoints: t.rateBasisPoints, upToBasisPoints: t.upToBasisPoints }));
      break;
    }
    case "NONE":
      break;
  }
  return errors.list.length > before ? null : out;
}

/** Jurisdictions of a plan: subdivisions of its country, without duplicates (null when invalid). */
export function readPlanJurisdictions(errors: UserErrors, jurisdictions: readonly string[] | null | undefined, country: Country): string[] | null {
  const list = jurisdictions ?? [];
  const before = errors.list.length;
  list.forEach((j, i) => {
    if (!isSubdivision(j) || !j.startsWith(`${country}-`))
      errors.add(["jurisdictions", String(i)], UserErrorCode.INVALID_JURISDICTION, `${j} is not a subdivision of ${country} (e.g. ${country}-${country === "US" ? "CA" : "ON"})`);
  });
  if (new Set(list).size !== list.length) errors.add(["jurisdictions"], UserErrorCode.INVALID_INPUT, "A jurisdiction is listed twice");
  return errors.list.length > before ? null : [...list].sort();
}

/** The kind exists in the country (US_… in the US, CA_… in Canada). */
export function checkKindCountry(errors: UserErrors, kind: BenefitKind, country: Country): void {
  const only = kindCountry(kind);
  if (only !== null && only !== country) errors.add(["kind"], UserErrorCode.BENEFIT_KIND_NOT_IN_COUNTRY, `${kind} plans exist in ${only} only`);
}

/** The waiting period fits the kind's legal maximum. */
export function checkWaitingPeriod(errors: UserErrors, kind: BenefitKind, days: number): void {
  const max = maxWaitingPeriodDays(kind);
  if (!Number.isInteger(days) || days < 0) errors.add(["waitingPeriodDays"], UserErrorCode.INVALID_INPUT, "waitingPeriodDays must be a non-negative integer");
  else if (days > max) errors.add(["waitingPeriodDays"], UserErrorCode.WAITING_PERIOD_TOO_LONG, `A ${kind} plan's waiting period is at most ${max} days`);
}

/** Minimum hours per week as hundredths; undefined when invalid. */
export function readMinimumHours(errors: UserErrors, hours: string | null | undefined): number | null | undefined {
  if (hours == null) return null;
  const parsed = parseWeeklyHundredths(hours);
  if (parsed === null) {
    errors.add(["minimumHoursPerWeek"], UserErrorCode.INVALID_INPUT, "minimumHoursPerWeek must be between 0 and 168 with at most two decimals");
    return undefined;
  }
  return parsed;
}
