import type { Blocker, PayFrequency, PaycheckInput, PaycheckLine } from "../types";
import { toNumber } from "./money";

/** Everything a US tax computation needs for one paycheck, validated and in exact cents. */
export interface UsPayContext {
  readonly input: PaycheckInput;
  /** Calendar year of the pay date (selects every table). */
  readonly taxYear: number;
  readonly payFrequency: PayFrequency;
  readonly periodsPerYear: bigint;
  /** Regular taxable wages this period, cents. */
  readonly regular: bigint;
  /** Supplemental wages (bonus) this period, cents. */
  readonly supplemental: bigint;
  /** regular + supplemental: the base of FICA, FUTA and the flat state levies, cents. */
  readonly wages: bigint;
  /** Two-letter USPS state code of the work jurisdiction. */
  readonly state: string;
  readonly ytd: UsYearToDate;
  /** The wages each tax applies to after benefit deductions and imputed income (see benefits/treatment.ts). */
  readonly taxable: UsTaxableWages;
}

/**
 * Wages subject to each tax this period, cents. Without benefit deductions every base is the period's wages
 * (regular + supplemental). Pre-tax reductions come off the regular wages first, then the supplemental ones.
 */
export interface UsTaxableWages {
  readonly federalIncome: { readonly regular: bigint; readonly supplemental: bigint };
  readonly socialSecurity: bigint;
  readonly medicare: bigint;
  readonly futa: bigint;
  readonly stateIncome: { readonly regular: bigint; readonly supplemental: bigint };
  /** CA SDI, PA UC, WA PFML, AK UI. */
  readonly statePrograms: bigint;
}

/** Employer year-to-date amounts paid BEFORE this paycheck, cents (absent → 0). */
export interface UsYearToDate {
  readonly socialSecurityWages: bigint;
  readonly medicareWages: bigint;
  readonly futaWages: bigint;
  readonly supplementalWages: bigint;
  /** State wage bases keyed by line code (e.g. `US_WA_PFML_EE`). */
  readonly stateWages: Readonly<Record<string, bigint>>;
}

/** Lines and blockers produced by one part of the computation. */
export interface Computed {
  readonly lines: PaycheckLine[];
  readonly blockers: Blocker[];
}

/** An employee tax line; `taxableWages` (cents) is the period's base the tax was computed on, shown on the statement. */
export const employeeTax = (code: string, description: string, amount: bigint, taxableWages?: bigint): PaycheckLine => ({
  code,
  kind: "EMPLOYEE_TAX",
  description,
  amount: toNumber(amount),
  ...(taxableWages !== undefined ? { taxableWages: toNumber(taxableWages) } : {}),
});

/** An employer tax line; `taxableWages` as for employeeTax. */
export const employerTax = (code: string, description: string, amount: bigint, taxableWages?: bigint): PaycheckLine => ({
  code,
  kind: "EMPLOYER_TAX",
  description,
  amount: toNumber(amount),
  ...(taxableWages !== undefined ? { taxableWages: toNumber(taxableWages) } : {}),
});

/**
 * Year-to-date wages for a state levy keyed by its line code; when the caller did not track that base separately,
 * the employer's Social Security wages are used (for a single-state employee the Paid Leave / UI wage definitions
 * follow the same gross wages).
 */
export function stateYtd(ctx: UsPayContext, lineCode: string): bigint {
  return ctx.ytd.stateWages[lineCode] ?? ctx.ytd.socialSecurityWages;
}
