import { registerEnumType } from "type-graphql";
import { ENGINE_BLOCKER_CODES } from "./engine/types";
import { RUN_BLOCKER_CODES, type PayrollBlockerCode } from "./payroll-statements.compute";

/**
 * The closed set of blocker codes (the engine's and the run calculation's), as the GraphQL enum
 * `PayrollBlockerCode`. The record is exhaustive: a new code in the engine does not compile until it is described.
 */
const DESCRIPTIONS: Record<PayrollBlockerCode, string> = {
  UNSUPPORTED_TAX_JURISDICTION: "A state, province or tax the engine does not compute (e.g. a US state without an implementation); the message names it. Engine.",
  UNSUPPORTED_TAX_YEAR: "No tax tables for the pay date's year. Engine.",
  UNSUPPORTED_CLASSIFICATION: "A classification of another country (e.g. a Canadian classification for a US work jurisdiction). Engine.",
  MISSING_W4: "A US employee without a Form W-4: no federal income tax computed. Engine.",
  MISSING_TAX_TABLE: "A supported jurisdiction whose table for that year is not sourced yet. Engine.",
  INVALID_INPUT:
    "An input the engine cannot compute with (an amount that is not a non-negative number of cents, an unknown pay frequency, a bad date); the message says which. Engine.",
  MISSING_EMPLOYER_RATE:
    "The EOR's registration in the work state has no state unemployment insurance (SUI) rate for the pay date's year, or the entity has no registration there: set it with `setEmployerSuiRate`. Every US employee statement computes SUI. Engine.",
  NO_HOURS: "An hourly engagement without time entries in the period. Run.",
  MISSING_COMPENSATION: "No compensation in effect on any day of the period. Run.",
  NO_PAY_FREQUENCY: "An off-cycle run without a pay period, for an engagement without a pay schedule: the periods per year are unknown. Run.",
  NO_PAY_SCHEDULE:
    "An employee engagement of the run's country, active in the period, with no pay schedule: it is on no regular run until one is assigned (`updateEngagement` payScheduleId), so it is listed on each REGULAR run of the client and country instead of being left out. No statement. Run.",
  CURRENCY_MISMATCH: "The compensation's currency is not the run's. Run.",
  NEGATIVE_NET_PAY: "Withholding above the period's earnings. Run.",
  MISSING_PAYMENT_METHOD:
    "An employee or contractor without an active payment method (`setPaymentMethod`): net pay or the contractor payment would have no destination. The statement is kept. Run.",
  ONBOARDING_INCOMPLETE:
    "The engagement has started (on or before the period's end) and required onboarding items are not COMPLETE (see `Engagement.onboarding`); the message names them. Raised in its first run and every later one until complete. The statement is kept. Run.",
};

export const PAYROLL_BLOCKER_CODES: readonly PayrollBlockerCode[] = [...ENGINE_BLOCKER_CODES, ...Object.values(RUN_BLOCKER_CODES)];

/** type-graphql enum object: `{ MISSING_W4: "MISSING_W4", … }`. */
export const PayrollBlockerCodeEnum = Object.freeze(Object.fromEntries(PAYROLL_BLOCKER_CODES.map((c) => [c, c]))) as Readonly<Record<PayrollBlockerCode, PayrollBlockerCode>>;

registerEnumType(PayrollBlockerCodeEnum, {
  name: "PayrollBlockerCode",
  description: "Why a payroll run (or a paycheck estimate) cannot be completed for an engagement. Engine: from the tax calculation; Run: from the run's inputs.",
  valuesConfig: Object.fromEntries(PAYROLL_BLOCKER_CODES.map((c) => [c, { description: DESCRIPTIONS[c] }])),
});
