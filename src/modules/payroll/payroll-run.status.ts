/**
 * The payroll run state machine, the one place that says which status may follow which. Services check a
 * transition here and then update with `WHERE status = <from>`, so of two concurrent transitions exactly one wins.
 *
 *   DRAFT → CALCULATING → CALCULATED → APPROVED → FUNDED → PAYING → PAID | PARTIALLY_PAID
 *   CALCULATING → FAILED          (the calculation could not complete)
 *   CALCULATED → DRAFT            (addOneOffEarning changed the run: recalculate; other input changes are caught
 *                                  at approval by the inputs digest)
 *   CALCULATED → CALCULATING      (recalculate directly)
 *   DRAFT | CALCULATED → CANCELLED
 *   PAID → REVERSED
 */
export type PayrollRunStatus =
  | "DRAFT"
  | "CALCULATING"
  | "CALCULATED"
  | "APPROVED"
  | "FUNDED"
  | "PAYING"
  | "PAID"
  | "PARTIALLY_PAID"
  | "FAILED"
  | "CANCELLED"
  | "REVERSED";

export const PAYROLL_RUN_TRANSITIONS: Record<PayrollRunStatus, readonly PayrollRunStatus[]> = {
  DRAFT: ["CALCULATING", "CANCELLED"],
  CALCULATING: ["CALCULATED", "FAILED"],
  CALCULATED: ["APPROVED", "DRAFT", "CALCULATING", "CANCELLED"],
  APPROVED: ["FUNDED"],
  FUNDED: ["PAYING"],
  PAYING: ["PAID", "PARTIALLY_PAID"],
  PAID: ["REVERSED"],
  PARTIALLY_PAID: [],
  FAILED: [],
  CANCELLED: [],
  REVERSED: [],
};

export function canTransition(from: PayrollRunStatus, to: PayrollRunStatus): boolean {
  return PAYROLL_RUN_TRANSITIONS[from].includes(to);
}
