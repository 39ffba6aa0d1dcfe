/**
 * US gross-to-net for one paycheck. Pure: no clock, no I/O, the input is never mutated, and the same input
 * always gives the same result (amounts are exact integer cents; see money.ts).
 *
 * Lines, in this order:
 *   EARNING_REGULAR (always), EARNING_SUPPLEMENTAL and REIMBURSEMENT (when > 0) — for a 1099 contractor,
 *   CONTRACTOR_FEE (fees and any bonus: not wages) instead of the two earning lines;
 *   employee taxes: US_FIT, US_SS_EE, US_MEDICARE_EE, US_ADDL_MEDICARE_EE, then the state's (US_<ST>_SIT,
 *   US_CA_SDI_EE, US_PA_UC_EE, US_WA_PFML_EE, US_AK_SUI_EE);
 *   employer taxes: US_SS_ER, US_MEDICARE_ER, US_FUTA_ER, US_<ST>_SUI_ER (when `employerRates` is given, see sui.ts).
 * Zero lines are omitted, except the income-tax lines (US_FIT, US_<ST>_SIT and the locals US_<ST>_<LOCAL>_LIT a
 * state module emits for the employee), which are always present when computed so that "withholding is $0" is
 * stated rather than implied.
 *
 * Blockers (the statement cannot be approved; lines that could be computed are still returned):
 *   INVALID_INPUT — an amount is not a non-negative integer of cents, an unknown pay frequency, a bad date;
 *   UNSUPPORTED_CLASSIFICATION — a Canadian classification sent to the US engine;
 *   UNSUPPORTED_TAX_JURISDICTION — not a US-<state> code, or a state this engine does not compute;
 *   UNSUPPORTED_TAX_YEAR — a pay date outside 2025–2026 (no tax line at all);
 *   MISSING_W4 — W-2 employee without a Form W-4 (no US_FIT line; everything else computed);
 *   MISSING_TAX_TABLE — a supported jurisdiction whose table for that year is not sourced (CA 2025, AK 2026);
 *   MISSING_EMPLOYER_RATE — `employerRates` given without the SUI rate of the work state's registration (sui.ts).
 *
 * Benefit deductions (`benefitDeductions`, see ../benefits/apply.ts): the imputed-income line `EARNING_IMPUTED_GTL`
 * follows the earnings; `DED_<KIND>` lines follow the employee taxes; `BEN_ER_<KIND>` lines follow the employer
 * taxes. Each tax is computed on its own wage base (ctx.taxable): federal income tax on wages minus pre-tax
 * reductions (401(k), §125, HSA), Social Security and Medicare on wages minus §125/HSA plus imputed group-term life,
 * FUTA on wages minus §125/HSA, the state's income tax and levies per benefits/treatment.ts.
 *
 * net = gross + supplemental + reimbursement − employee taxes − deductions (employer shares and imputed income do
 * not change it). Deductions larger than the pay left after taxes are an INVALID_INPUT blocker.
 * Contractors (US_1099_CONTRACTOR): no withholding of any kind (backup withholding is out of scope); the earnings
 * and reimbursement lines only, net = gross + supplemental + reimbursement.
 */
import { CONTRACTOR_FEE, type AppliedBenefit, type Blocker, type PaycheckInput, type PaycheckLine, type PaycheckResult } from "../types";
import { applyLimits, toAppliedBenefits, usBenefitEffects, validateBenefitDeductions, validateBenefitYearToDate } from "../benefits/apply";
import type { Computed, UsPayContext, UsTaxableWages, UsYearToDate } from "./context";
import { checkCertificates } from "../certificates";
import { allCertificateForms } from "../certificates-registry";
import { computeFederalIncomeTax } from "./federal-income-tax";
import { computeFica } from "./fica";
import { formatUsd, max0, minBig, toCents, toNumber } from "./money";
import { computeState, SUPPORTED_US_STATES } from "./states";
import { computeSui } from "./sui";
import { NO_WAGE_INCOME_TAX_STATES } from "./tables/no-income-tax-states";
import { isPayFrequency, PAY_FREQUENCIES, PERIODS_PER_YEAR, readIsoDate } from "../../../../shared/calendar";
import { countryOfClassification, isClassification, isEmployee } from "../../../../shared/classification";

/** Years whose federal tables are transcribed (2026 current, 2025 fallback). */
export const SUPPORTED_TAX_YEARS: readonly number[] = [2025, 2026];

const W4_STATUSES = ["SINGLE", "MARRIED_FILING_JOINTLY", "HEAD_OF_HOUSEHOLD"];

const invalid = (message: string): Blocker => ({ code: "INVALID_INPUT", message });
const show = (value: unknown) => JSON.stringify(value);

/** Reads input numbers, collecting every problem instead of stopping at the first. */
class InputReader {
  readonly problems: Blocker[] = [];

  cents(value: unknown, field: string): bigint {
    const cents = toCents(value as number | undefined);
    if (cents !== undefined) return cents;
    this.problems.push(invalid(`${field} must be a non-negative integer number of cents, got ${show(value)}.`));
    return 0n;
  }

  oneOf(value: unknown, allowed: readonly string[], field: string): void {
    if (allowed.includes(value as string)) return;
    this.problems.push(invalid(`${field} must be one of ${allowed.join(", ")}, got ${show(value)}.`));
  }

  payDateYear(payDate: unknown): number | undefined {
    const date = readIsoDate(payDate);
    if (date) return date.y;
    this.problems.push(invalid(`payDate must be a valid YYYY-MM-DD date, got ${show(payDate)}.`));
    return undefined;
  }

  /** The withholding certificates and year-to-date amounts, read only for employees. */
  elections(input: PaycheckInput): UsYearToDate {
    if (input.w4 !== undefined) {
      this.oneOf(input.w4.filingStatus, W4_STATUSES, "w4.filingStatus");
      this.cents(input.w4.dependentsAmount, "w4.dependentsAmount");
      this.cents(input.w4.otherIncome, "w4.otherIncome");
      this.cents(input.w4.deductions, "w4.deductions");
      this.cents(input.w4.extraWithholding, "w4.extraWithholding");
    }
    // State certificates (every form the engine knows, whichever state they are for): certificates.ts rules.
    for (const problem of checkCertificates(input.certificates, allCertificateForms())) this.problems.push(invalid(`Withholding certificate: ${problem.message}`));
    const y = input.yearToDate ?? {};
    const stateWages: Record<string, bigint> = {};
    for (const [code, value] of Object.entries(y.stateWages ?? {})) {
      stateWages[code] = this.cents(value, `yearToDate.stateWages.${code}`);
    }
    return {
      socialSecurityWages: this.cents(y.socialSecurityWages, "yearToDate.socialSecurityWages"),
      medicareWages: this.cents(y.medicareWages, "yearToDate.medicareWages"),
      futaWages: this.cents(y.futaWages, "yearToDate.futaWages"),
      supplementalWages: this.cents(y.supplementalWages, "yearToDate.supplementalWages"),
      stateWages,
    };
  }
}

function earningLines(regular: bigint, supplemental: bigint, reimbursement: bigint, contractor: boolean): PaycheckLine[] {
  const earning = (code: string, kind: PaycheckLine["kind"], description: string, amount: bigint): PaycheckLine => ({
    code,
    kind,
    description,
    amount: toNumber(amount),
  });
  // A contractor is paid fees, not wages: one CONTRACTOR_FEE line (a bonus included), nothing withheld.
  const reimbursed = reimbursement > 0n ? [earning("REIMBURSEMENT", "REIMBURSEMENT", "Reimbursement (not taxable)", reimbursement)] : [];
  if (contractor) return [earning(CONTRACTOR_FEE, "EARNING", "Contractor fees (not wages: nothing withheld; reported on Form 1099-NEC)", regular + supplemental), ...reimbursed];
  const lines = [earning("EARNING_REGULAR", "EARNING", "Regular wages", regular)];
  if (supplemental > 0n) lines.push(earning("EARNING_SUPPLEMENTAL", "EARNING", "Supplemental wages (bonus)", supplemental));
  if (reimbursement > 0n) lines.push(earning("REIMBURSEMENT", "REIMBURSEMENT", "Reimbursement (not taxable)", reimbursement));
  return lines;
}

/** Zero lines are omitted, except income-tax lines, which state "$0 withheld" explicitly. */
const keep = (l: PaycheckLine) => l.amount !== 0 || l.code === "US_FIT" || l.code.endsWith("_SIT") || l.code.endsWith("_LIT");

/** Pre-tax reductions come off the regular wages first, then the supplemental ones; no base goes below 0. */
function taxableWages(regular: bigint, supplemental: bigint, r: Readonly<Record<string, bigint>>, imputedGtl: bigint): UsTaxableWages {
  const split = (reduction: bigint) => {
    const fromRegular = minBig(regular, reduction);
    return { regular: regular - fromRegular, supplemental: max0(supplemental - (reduction - fromRegular)) };
  };
  const wages = regular + supplemental;
  return {
    federalIncome: split(r.FEDERAL_INCOME_TAX),
    socialSecurity: max0(wages - r.SOCIAL_SECURITY) + imputedGtl,
    medicare: max0(wages - r.MEDICARE) + imputedGtl,
    futa: max0(wages - r.FUTA),
    stateIncome: split(r.STATE_INCOME_TAX),
    statePrograms: max0(wages - r.STATE_PROGRAMS),
  };
}

export function calculateUsPaycheck(input: PaycheckInput): PaycheckResult {
  const reader = new InputReader();
  const regular = reader.cents(input.gross, "gross");
  const supplemental = reader.cents(input.supplemental, "supplemental");
  const reimbursement = reader.cents(input.reimbursement, "reimbursement");
  const taxYear = reader.payDateYear(input.payDate);
  const periodsPerYear = isPayFrequency(input.payFrequency) ? BigInt(PERIODS_PER_YEAR[input.payFrequency]) : undefined;
  if (periodsPerYear === undefined) reader.oneOf(input.payFrequency, PAY_FREQUENCIES, "payFrequency");
  const usClassification = isClassification(input.classification) && countryOfClassification(input.classification) === "US";
  const employee = usClassification && isEmployee(input.classification);
  const ytd = employee ? reader.elections(input) : undefined;
  if (usClassification) {
    reader.problems.push(...validateBenefitDeductions(input.benefitDeductions, "US", employee), ...validateBenefitYearToDate(input.yearToDate));
  }

  const blockers: Blocker[] = [];
  const jurisdiction = /^US-([A-Z]{2})$/.exec(typeof input.jurisdiction === "string" ? input.jurisdiction : "");
  if (!jurisdiction) {
    blockers.push({
      code: "UNSUPPORTED_TAX_JURISDICTION",
      message: `The US engine computes US work jurisdictions only ("US-<state>"), got ${show(input.jurisdiction)}.`,
    });
  }
  if (!usClassification) {
    blockers.push({
      code: "UNSUPPORTED_CLASSIFICATION",
      message: `The US engine handles US_W2_EMPLOYEE and US_1099_CONTRACTOR, got ${show(input.classification)}.`,
    });
  }
  if (reader.problems.length > 0) {
    // Nothing is computed from input we cannot read: the statement carries only the problems.
    return { currency: "USD", gross: 0, net: 0, lines: [], blockers: [...blockers, ...reader.problems] };
  }

  const lines = earningLines(regular, supplemental, reimbursement, usClassification && !employee);
  const benefitItems = input.benefitDeductions ?? [];
  let appliedBenefits: AppliedBenefit[] = benefitItems.map((d) => ({
    kind: d.kind,
    ...(d.planRef !== undefined ? { planRef: d.planRef } : {}),
    employeeAmount: 0,
    employerAmount: 0,
  }));
  if (employee && blockers.length === 0) {
    if (!SUPPORTED_TAX_YEARS.includes(taxYear as number)) {
      blockers.push({
        code: "UNSUPPORTED_TAX_YEAR",
        message:
          `No US withholding tables are loaded for tax year ${taxYear} (pay date ${input.payDate}); supported: ` +
          `${SUPPORTED_TAX_YEARS.join(", ")}. No tax is computed rather than applying another year's tables.`,
      });
    } else {
      const state = (jurisdiction as RegExpExecArray)[1];
      const applied = applyLimits(benefitItems, input.yearToDate, taxYear as number, "US");
      appliedBenefits = toAppliedBenefits(applied);
      const benefits = usBenefitEffects(applied, state, !NO_WAGE_INCOME_TAX_STATES.has(state), periodsPerYear as bigint);
      const r = benefits.reductions;
      const ctx: UsPayContext = {
        input,
        taxYear: taxYear as number,
        payFrequency: input.payFrequency,
        periodsPerYear: periodsPerYear as bigint,
        regular,
        supplemental,
        wages: regular + supplemental,
        state,
        ytd: ytd as UsYearToDate,
        taxable: taxableWages(regular, supplemental, r, benefits.imputedGtl),
      };
      if (benefits.imputedLine) lines.push(benefits.imputedLine);
      const fica = computeFica(ctx);
      const parts: Computed[] = [
        computeFederalIncomeTax(ctx),
        fica.employee,
        computeState(ctx),
        { lines: benefits.deductionLines, blockers: [] },
        fica.employer,
        // SUI of a state the engine does not support is not computed (the state is already a blocker).
        SUPPORTED_US_STATES.includes(state) ? computeSui(ctx) : { lines: [], blockers: [] },
        { lines: benefits.employerLines, blockers: [] },
      ];
      for (const part of parts) {
        lines.push(...part.lines.filter((l) => l.kind === "DEDUCTION" || l.kind === "EMPLOYER_CONTRIBUTION" || keep(l)));
        blockers.push(...part.blockers);
      }
    }
  }
  // Contractors (US_1099_CONTRACTOR): nothing is withheld, whatever the year or state.

  const withheld = lines.filter((l) => l.kind === "EMPLOYEE_TAX" || l.kind === "DEDUCTION").reduce((sum, l) => sum + BigInt(l.amount), 0n);
  const net = regular + supplemental + reimbursement - withheld;
  if (net < 0n) {
    blockers.push({
      code: "INVALID_INPUT",
      message: `Benefit deductions exceed the pay left after taxes by ${formatUsd(-net)}: reduce the elections or pay them outside payroll.`,
    });
  }
  return {
    currency: "USD",
    gross: toNumber(regular + supplemental),
    net: toNumber(net),
    lines,
    blockers,
    ...(input.benefitDeductions !== undefined ? { appliedBenefits } : {}),
  };
}
