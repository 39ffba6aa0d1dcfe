/**
 * The engagement commands' entry points into the labor-law checks (pure): which compensation is checked with which
 * engagement facts and at which input field, for a hire, a compensation change and an engagement update.
 */
import { UserErrors } from "../../shared/user-error";
import type { Classification } from "../../shared/classification";
import { checkCompensationLaborLaw, checkWorkLocality, type CheckedCompensation, type LaborLawSubject } from "./labor-law.rules";

/** A hire's labor-law checks: the locality, then the first compensation at `compensation.*`. */
export function hireLaborLawErrors(
  input: { workJurisdiction: string; classification: Classification; exempt?: boolean | null; workLocality?: string | null; compensation: { basis: CheckedCompensation["basis"] } },
  amount: number,
  effectiveFrom: string,
): UserErrors {
  const errors = new UserErrors();
  checkWorkLocality(errors, ["workLocality"], input.workLocality, input.workJurisdiction);
  if (errors.any) return errors;
  const subject: LaborLawSubject = {
    workJurisdiction: input.workJurisdiction,
    workLocality: input.workLocality ?? null,
    classification: input.classification,
    exempt: input.exempt ?? false,
  };
  checkCompensationLaborLaw(errors, { amount: ["compensation", "amount"], basis: ["compensation", "basis"], exempt: ["exempt"] }, subject, {
    basis: input.compensation.basis,
    amount,
    effectiveFrom,
  });
  return errors;
}

/** The engagement facts of a stored engagement row. */
export function laborLawSubjectOf(row: { workJurisdiction: string; workLocality: string | null; classification: Classification; exempt: boolean }): LaborLawSubject {
  return { workJurisdiction: row.workJurisdiction, workLocality: row.workLocality, classification: row.classification, exempt: row.exempt };
}

/** A compensation change (`changeCompensation`'s top-level `basis`/`amount`), checked with the engagement's facts. */
export function compensationChangeLaborLaw(errors: UserErrors, subject: LaborLawSubject, comp: CheckedCompensation): void {
  checkCompensationLaborLaw(errors, { amount: ["amount"], basis: ["basis"], exempt: ["basis"] }, subject, comp);
}

/**
 * An update of `exempt` or `workLocality`: every compensation in effect from `today` on (the current one and the
 * scheduled ones) must pass with the new facts, each on the later of its effective date and today. The errors
 * are reported at the changed field (`exempt`, or `workLocality`).
 */
export function engagementUpdateLaborLaw(
  subject: LaborLawSubject,
  changed: "exempt" | "workLocality",
  compensations: readonly { basis: CheckedCompensation["basis"]; amount: number; effectiveFrom: string }[],
  today: string,
): UserErrors {
  const errors = new UserErrors();
  if (changed === "workLocality") {
    checkWorkLocality(errors, ["workLocality"], subject.workLocality, subject.workJurisdiction);
    if (errors.any) return errors;
  }
  const sorted = [...compensations].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  let first = 0;
  for (let i = 0; i < sorted.length; i++) if (sorted[i].effectiveFrom <= today) first = i;
  const field = [changed];
  for (const comp of sorted.slice(first)) {
    const before = errors.list.length;
    checkCompensationLaborLaw(errors, { amount: field, basis: field, exempt: field }, subject, { ...comp, effectiveFrom: comp.effectiveFrom > today ? comp.effectiveFrom : today });
    if (errors.list.length > before) break; // one compensation's errors say what to fix
  }
  return errors;
}
