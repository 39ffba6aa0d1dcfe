/** The payroll run statuses and their state machine (which status may follow which). */
import { payrollRunStatusEnum } from "../../db/enums";
import { enumObject } from "../../shared/enum-object";

/**
 * The statuses of a payroll run: the values of the `payroll_run_status` database enum, as one object and one type
 * (payroll.type.ts registers this object as the `PayrollRunStatus` GraphQL enum, so all three are the same list).
 */
export const PayrollRunStatus = enumObject(payrollRunStatusEnum.enumValues);
export type PayrollRunStatus = (typeof payrollRunStatusEnum.enumValues)[number];

/**
 * The payroll run state machine, the one place that says which status may follow which. Services check a
 * transition here and then update with `WHERE status = <from>`, so of two concurrent transitions exactly one wins.
 *
 *   DRAFT → CALCULATING → CALCULATED → APPROVED → FUNDED → PAYING → PAID | PARTIALLY_PAID
 *   CALCULATING → FAILED          (the calculation could not complete)
 *   CALCULATED → DRAFT            (addOneOffEarning or removeOneOffEarning changed the run: recalculate; other input
 *                                  changes are caught at approval by the inputs digest)
 *   CALCULATED → CALCULATING      (recalculate directly)
 *   DRAFT | CALCULATED → CANCELLED
 *   PAID → REVERSED
 */
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
