/**
 * The labor-law checks of a compensation (pure): minimum wage for employees, the salary test of an overtime
 * exemption, and the work locality. Each failure is a userError at the field to fix, naming the rate or threshold
 * and its source. Called by the engagement commands at hire, on every compensation change and when `exempt` or
 * `workLocality` changes (src/modules/engagements/engagement-command.service.ts).
 */
import { isContractor, type Classification } from "../../shared/classification";
import { UserErrorCode, type UserErrors } from "../../shared/user-error";
import { exemptThresholdOn } from "./exempt-thresholds";
import { formatRate, minimumWageOn, salaryMeetsHourly, SCHEDULED_HOURS_PER_WEEK, WEEKS_PER_YEAR } from "./minimum-wage";
import { workLocality, WORK_LOCALITY_LIST } from "./localities";

/** The engagement facts the checks read. */
export interface LaborLawSubject {
  workJurisdiction: string;
  workLocality: string | null;
  classification: Classification;
  exempt: boolean;
}

/** A compensation: basis, amount in minor units, first day it applies. */
export interface CheckedCompensation {
  basis: "SALARY" | "HOURLY" | "FIXED_FEE";
  amount: number;
  effectiveFrom: string;
}

/** Field paths of the input being checked. */
export interface LaborLawFields {
  amount: string[];
  basis: string[];
  exempt: string[];
}

function money(cents: number, currency: "USD" | "CAD"): string {
  const whole = (cents / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${currency === "USD" ? "$" : "CA$"}${whole}`;
}

/** A work locality must be a known one inside the work jurisdiction. */
export function checkWorkLocality(errors: UserErrors, field: string[], locality: string | null | undefined, jurisdiction: string): void {
  if (locality == null) return;
  const known = workLocality(locality);
  if (known === null) {
    errors.add(field, UserErrorCode.INVALID_WORK_LOCALITY, `"${locality.slice(0, 20)}" is not a supported work locality (${WORK_LOCALITY_LIST})`);
  } else if (known.jurisdiction !== jurisdiction) {
    errors.add(field, UserErrorCode.INVALID_WORK_LOCALITY, `${known.code} (${known.name}) lies in ${known.jurisdiction}, not in the work jurisdiction ${jurisdiction}`);
  }
}

/**
 * Minimum wage and exemption checks of one compensation of `subject`, on its effective date. Contractors are out
 * of scope of minimum wage and overtime law (they are not employees): nothing is checked for them, except that
 * they cannot be `exempt`.
 */
export function checkCompensationLaborLaw(errors: UserErrors, fields: LaborLawFields, subject: LaborLawSubject, comp: CheckedCompensation): void {
  const country = subject.workJurisdiction.slice(0, 2);
  if (subject.exempt) {
    if (isContractor(subject.classification) || country !== "US") {
      errors.add(
        fields.exempt,
        UserErrorCode.EXEMPT_NOT_ALLOWED,
        isContractor(subject.classification)
          ? "Contractors are not employees: overtime law does not apply to them, so they cannot be exempt"
          : "exempt applies to US employees only: Canadian overtime exclusions are by occupation and are not supported",
      );
      return;
    }
    if (comp.basis !== "SALARY") {
      errors.add(fields.basis, UserErrorCode.EXEMPT_NOT_ALLOWED, `An exempt employee must be paid a SALARY (29 CFR 541.600, salary basis), not ${comp.basis}`);
    }
  }
  if (isContractor(subject.classification) || comp.basis === "FIXED_FEE") return;

  const currency = country === "US" ? "USD" : "CAD";
  const lookup = minimumWageOn(subject.workJurisdiction, subject.workLocality, comp.effectiveFrom);
  if (!lookup.ok) {
    errors.add(fields.amount, UserErrorCode.MINIMUM_WAGE_UNKNOWN, lookup.message);
  } else {
    const { wage } = lookup;
    const rate = `${formatRate(wage.cents, currency)} an hour, the minimum wage of ${wage.name} on ${comp.effectiveFrom} (${wage.source}${wage.note ? `; ${wage.note}` : ""})`;
    if (comp.basis === "HOURLY" && comp.amount < wage.cents) {
      errors.add(fields.amount, UserErrorCode.BELOW_MINIMUM_WAGE, `${formatRate(comp.amount, currency)} an hour is below ${rate}`);
    } else if (comp.basis === "SALARY" && !salaryMeetsHourly(comp.amount, wage.cents)) {
      errors.add(
        fields.amount,
        UserErrorCode.BELOW_MINIMUM_WAGE,
        `A salary of ${money(comp.amount, currency)} a year is ${money(Math.floor(comp.amount / (WEEKS_PER_YEAR * SCHEDULED_HOURS_PER_WEEK)), currency)} an hour over ${WEEKS_PER_YEAR} × ${SCHEDULED_HOURS_PER_WEEK} h: below ${rate}; at least ${money(wage.cents * WEEKS_PER_YEAR * SCHEDULED_HOURS_PER_WEEK, currency)} a year`,
      );
    }
  }

  if (subject.exempt && comp.basis === "SALARY") {
    const threshold = exemptThresholdOn(subject.workJurisdiction, subject.workLocality, comp.effectiveFrom);
    if (comp.amount < threshold.annualCents) {
      errors.add(
        fields.amount,
        UserErrorCode.EXEMPT_SALARY_BELOW_THRESHOLD,
        `An exempt employee's salary of ${money(comp.amount, "USD")} a year is below the ${threshold.name} exemption threshold of ${money(threshold.annualCents, "USD")} a year on ${comp.effectiveFrom} (${threshold.source})`,
      );
    }
  }
}
