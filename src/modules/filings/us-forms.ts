/**
 * US filings from statement lines (pure): Form W-2 boxes per worker and Form 941 lines per quarter.
 *
 * Sources (box and line definitions):
 *  - IRS "General Instructions for Forms W-2 and W-3" (2026): box 1 wages, tips, other compensation (wages less
 *    elective deferrals to a 401(k) and less §125 salary reductions, plus the cost of group-term life coverage over
 *    $50,000); box 3 Social Security wages (up to the wage base; 401(k) deferrals included, §125 reductions
 *    excluded, group-term life cost included); box 5 Medicare wages (no limit); boxes 2, 4, 6 the taxes withheld
 *    (box 6 includes the Additional Medicare Tax); box 12 codes C, D, W, AA, DD; box 14 "Other" (state disability
 *    and paid-leave contributions); boxes 15–20 state and local.
 *  - IRS Form 941 (Rev. March 2025) and its instructions: lines 1–15 as named on each field.
 * The wage bases come from the same treatment table the engine applies (engine/benefits/treatment.ts), so a W-2
 * reconciles with the statements it sums.
 */
import { US_EMPLOYEE_TREATMENT, reducesStateIncomeTax, type UsWageBase } from "../payroll/engine/benefits/treatment";
import type { BenefitKind } from "../../shared/benefit-kind";
import { FICA } from "../payroll/engine/us/tables/fica";
import { type LedgerRow, type Split, groupRows, overThreshold, sumCodes, sumRows, taxableOf, underCap } from "./filing-ledger";

/** The benefit kind of a `DED_<KIND>` / `BEN_ER_<KIND>` code. */
function benefitKind(code: string, prefix: "DED_" | "BEN_ER_"): BenefitKind | undefined {
  return code.startsWith(prefix) ? (code.slice(prefix.length) as BenefitKind) : undefined;
}

function reducesFederal(code: string, base: UsWageBase): boolean {
  const kind = benefitKind(code, "DED_");
  return kind !== undefined && (US_EMPLOYEE_TREATMENT[kind]?.federal.includes(base) ?? false);
}

/** Federal wage bases of one worker (before / in the period). */
export interface UsWages {
  /** W-2 box 1 / 941 line 2: earnings + imputed group-term life − deductions that reduce income tax wages. */
  federalIncomeTax: Split;
  /** Social Security wages before the wage base: earnings + imputed group-term life − §125/HSA reductions. */
  socialSecurity: Split;
  /** Medicare wages: same reductions as Social Security, no limit. */
  medicare: Split;
}

export function usWages(rows: readonly LedgerRow[]): UsWages {
  const minus = (b: UsWageBase): Split => {
    const gross = sumRows(rows, (r) => r.kind === "EARNING" || r.code === "EARNING_IMPUTED_GTL");
    const reduced = sumRows(rows, (r) => reducesFederal(r.code, b));
    return { before: gross.before - reduced.before, inPeriod: gross.inPeriod - reduced.inPeriod };
  };
  return { federalIncomeTax: minus("FEDERAL_INCOME_TAX"), socialSecurity: minus("SOCIAL_SECURITY"), medicare: minus("MEDICARE") };
}

/** The Social Security wage base and Additional Medicare threshold of a year (engine tables), cents; undefined when not sourced. */
export function ficaLimits(year: number): { socialSecurityWageBase: number; additionalMedicareThreshold: number } | undefined {
  const edition = FICA[year];
  if (!edition) return undefined;
  return { socialSecurityWageBase: Number(edition.socialSecurityWageBase), additionalMedicareThreshold: Number(edition.additionalMedicareThreshold) };
}

export interface W2Box12 {
  code: "C" | "D" | "W" | "AA" | "DD";
  amount: number;
}

export interface W2Box14 {
  /** The statement line code summed (`US_CA_SDI_EE`). */
  lineCode: string;
  /** Label printed in box 14: the state and the program (`CA SDI`). */
  label: string;
  amount: number;
}

export interface W2Locality {
  lineCode: string;
  /** Box 20: the locality named by the line code (`NYC`, `YONKERS`, `PA EIT`). */
  name: string;
  /** Box 18: the state wages of the engagement's statements (see README: local bases are not stored separately). */
  wages: number;
  /** Box 19. */
  tax: number;
}

export interface W2State {
  /** Two-letter state (box 15). */
  state: string;
  /** Box 16. */
  wages: number;
  /** Box 17. */
  tax: number;
  localities: W2Locality[];
}

export interface W2Values {
  box1: number;
  box2: number;
  box3: number;
  box4: number;
  box5: number;
  box6: number;
  box12: W2Box12[];
  box14: W2Box14[];
  states: W2State[];
}

const LOCAL_CODE = /^US_([A-Z]{2})_([A-Z0-9_]+)_LIT$|^US_(PA)_(EIT)_EE$/;
const STATE_PROGRAM_CODE = /^US_([A-Z]{2})_([A-Z0-9_]+)_EE$/;

/** Box 20 name of a local line code, or undefined when the code is not a local income tax. */
export function localityOf(code: string): { state: string; name: string } | undefined {
  const m = LOCAL_CODE.exec(code);
  if (!m) return undefined;
  return m[1] ? { state: m[1], name: m[2].replaceAll("_", " ") } : { state: m[3], name: `${m[3]} ${m[4]}` };
}

/** Box 14 label of an employee state program line (`US_CA_SDI_EE` → `CA SDI`), or undefined. */
export function stateProgramOf(code: string): { state: string; label: string } | undefined {
  if (localityOf(code)) return undefined;
  const m = STATE_PROGRAM_CODE.exec(code);
  if (!m || m[1] === "SS" || m[2] === "SIT") return undefined;
  return { state: m[1], label: `${m[1]} ${m[2].replaceAll("_", " ")}` };
}

/**
 * W-2 boxes of one worker for a calendar year (rows: that worker's, `before` all zero, `inPeriod` the year).
 * `limits` are the year's FICA limits: box 3 stops at the Social Security wage base.
 */
export function w2Values(rows: readonly LedgerRow[], limits: { socialSecurityWageBase: number }): W2Values {
  const wages = usWages(rows);
  const box12: W2Box12[] = [
    { code: "C" as const, amount: sumCodes(rows, "EARNING_IMPUTED_GTL") },
    { code: "D" as const, amount: sumCodes(rows, "DED_US_401K") },
    { code: "W" as const, amount: sumCodes(rows, "DED_US_HSA", "BEN_ER_US_HSA") },
    { code: "AA" as const, amount: sumCodes(rows, "DED_US_ROTH_401K") },
    { code: "DD" as const, amount: sumCodes(rows, "DED_MEDICAL", "DED_DENTAL", "DED_VISION", "BEN_ER_MEDICAL", "BEN_ER_DENTAL", "BEN_ER_VISION") },
  ].filter((e) => e.amount > 0);

  const box14 = [...groupRows(rows, (r) => r.code)]
    .flatMap(([code, group]) => {
      const program = stateProgramOf(code);
      const amount = sumRows(group, () => true).inPeriod;
      return program && amount > 0 ? [{ lineCode: code, label: program.label, amount }] : [];
    })
    .sort((a, b) => a.lineCode.localeCompare(b.lineCode));

  const states: W2State[] = [];
  for (const [jurisdiction, group] of [...groupRows(rows, (r) => r.jurisdiction)].sort(([a], [b]) => a.localeCompare(b))) {
    const state = jurisdiction.slice(3);
    const incomeTaxCode = `US_${state}_SIT`;
    const localCodes = [...new Set(group.map((r) => r.code).filter((c) => localityOf(c)))].sort();
    if (!group.some((r) => r.code === incomeTaxCode) && localCodes.length === 0) continue; // no state income tax here
    const stateWages = taxableOf(group, incomeTaxCode)?.inPeriod ?? stateIncomeTaxWages(group, state);
    states.push({
      state,
      wages: stateWages,
      tax: sumCodes(group, incomeTaxCode),
      localities: localCodes.map((code) => ({ lineCode: code, name: localityOf(code)!.name, wages: stateWages, tax: sumCodes(group, code) })),
    });
  }

  return {
    box1: wages.federalIncomeTax.inPeriod,
    box2: sumCodes(rows, "US_FIT"),
    box3: taxableOf(rows, "US_SS_EE")?.inPeriod ?? underCap(wages.socialSecurity, limits.socialSecurityWageBase),
    box4: sumCodes(rows, "US_SS_EE"),
    box5: taxableOf(rows, "US_MEDICARE_EE")?.inPeriod ?? wages.medicare.inPeriod,
    box6: sumCodes(rows, "US_MEDICARE_EE", "US_ADDL_MEDICARE_EE"),
    box12,
    box14,
    states,
  };
}

/** State income tax wages (box 16): earnings + imputed group-term life − deductions that reduce the state's income tax wages. */
export function stateIncomeTaxWages(rows: readonly LedgerRow[], state: string): number {
  const gross = sumRows(rows, (r) => r.kind === "EARNING" || r.code === "EARNING_IMPUTED_GTL").inPeriod;
  const reduced = sumRows(rows, (r) => {
    const kind = benefitKind(r.code, "DED_");
    return kind !== undefined && reducesStateIncomeTax(kind, state).reduces;
  }).inPeriod;
  return gross - reduced;
}

/** Form 941 multipliers printed on the form (Rev. March 2025, lines 5a–5d column 2): employee + employer shares. */
export const FORM_941_RATES = {
  socialSecurity: { numerator: 124, denominator: 1000 },
  medicare: { numerator: 29, denominator: 1000 },
  additionalMedicare: { numerator: 9, denominator: 1000 },
} as const;

/** cents × n/d rounded half-up to the cent (non-negative). */
function times(cents: number, rate: { numerator: number; denominator: number }): number {
  const n = BigInt(cents) * BigInt(rate.numerator);
  const d = BigInt(rate.denominator);
  return Number((n * 2n + d) / (d * 2n));
}

export interface Form941Values {
  line1: number;
  line2: number;
  line3: number;
  line5aWages: number;
  line5aTax: number;
  line5cWages: number;
  line5cTax: number;
  line5dWages: number;
  line5dTax: number;
  line5e: number;
  line6: number;
  /** Signed: the withheld and employer amounts minus the line 5e computation. */
  line7: number;
  line10: number;
  line12: number;
  line13: number;
  line14: number;
  line15: number;
}

/**
 * Form 941 lines of one quarter. `rows` are every worker's rows (before = the year before the quarter, inPeriod =
 * the quarter); `employeesOnThe12th` is line 1; `deposits` line 13 (confirmed IRS deposits of the quarter's runs).
 */
export function form941Values(
  rows: readonly LedgerRow[],
  limits: { socialSecurityWageBase: number; additionalMedicareThreshold: number },
  employeesOnThe12th: number,
  deposits: number,
): Form941Values {
  let line2 = 0;
  let line5aWages = 0;
  let line5cWages = 0;
  let line5dWages = 0;
  for (const workerRows of groupRows(rows, (r) => r.workerId).values()) {
    const wages = usWages(workerRows);
    line2 += wages.federalIncomeTax.inPeriod;
    line5aWages += taxableOf(workerRows, "US_SS_EE")?.inPeriod ?? underCap(wages.socialSecurity, limits.socialSecurityWageBase);
    line5cWages += taxableOf(workerRows, "US_MEDICARE_EE")?.inPeriod ?? wages.medicare.inPeriod;
    line5dWages += taxableOf(workerRows, "US_ADDL_MEDICARE_EE")?.inPeriod ?? overThreshold(wages.medicare, limits.additionalMedicareThreshold);
  }
  const line3 = sumCodes(rows, "US_FIT");
  const line5aTax = times(line5aWages, FORM_941_RATES.socialSecurity);
  const line5cTax = times(line5cWages, FORM_941_RATES.medicare);
  const line5dTax = times(line5dWages, FORM_941_RATES.additionalMedicare);
  const line5e = line5aTax + line5cTax + line5dTax; // 5b (tips) and 5f (§3121(q)) are 0: no tips are paid
  const line6 = line3 + line5e;
  const actual = sumCodes(rows, "US_SS_EE", "US_SS_ER", "US_MEDICARE_EE", "US_MEDICARE_ER", "US_ADDL_MEDICARE_EE");
  const line7 = actual - line5e;
  const line10 = line6 + line7; // lines 8 (sick pay) and 9 (tips and group-term life) are 0
  const line12 = line10; // line 11 (nonrefundable credits) is 0
  return {
    line1: employeesOnThe12th,
    line2,
    line3,
    line5aWages,
    line5aTax,
    line5cWages,
    line5cTax,
    line5dWages,
    line5dTax,
    line5e,
    line6,
    line7,
    line10,
    line12,
    line13: deposits,
    line14: Math.max(0, line12 - deposits),
    line15: Math.max(0, deposits - line12),
  };
}

export interface StateWageTotals {
  state: string;
  employees: number;
  totalWages: number;
  incomeTaxWithheld: number;
  localIncomeTaxWithheld: number;
  /** Σ in the period of `US_<ST>_SUI_ER` lines (employer SUI), when the state has such lines. */
  suiEmployerTax: number;
  hasSuiLines: boolean;
  /** Σ of the `US_<ST>_SUI_ER` lines' taxable wage base; null when the lines carry none (or there are none). */
  suiTaxableWages: number | null;
}

/**
 * Each state's quarterly wage report totals from the quarter's rows: employees paid there (distinct workers with
 * earnings), total wages (earnings: gross pay), state and local income tax withheld, employer SUI. `registered`:
 * states (`US-CA`) whose account is open: each gets a report, zero when nobody was paid there (state agencies
 * expect a report every quarter while the account is open).
 */
export function stateWageTotals(rows: readonly LedgerRow[], registered: readonly string[] = []): StateWageTotals[] {
  const paid = stateTotalsOfRows(rows);
  const zero = (jurisdiction: string): StateWageTotals => ({
    state: jurisdiction.slice(3),
    employees: 0,
    totalWages: 0,
    incomeTaxWithheld: 0,
    localIncomeTaxWithheld: 0,
    suiEmployerTax: 0,
    hasSuiLines: false,
    suiTaxableWages: null,
  });
  const missing = registered.filter((j) => j.startsWith("US-") && !paid.some((s) => `US-${s.state}` === j)).map(zero);
  return [...paid, ...missing].sort((a, b) => a.state.localeCompare(b.state));
}

function stateTotalsOfRows(rows: readonly LedgerRow[]): StateWageTotals[] {
  return [...groupRows(rows, (r) => r.jurisdiction)]
    .filter(([jurisdiction]) => jurisdiction.startsWith("US-"))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([jurisdiction, group]) => {
      const state = jurisdiction.slice(3);
      const earnings = group.filter((r) => r.kind === "EARNING" && r.inPeriod > 0);
      return {
        state,
        employees: new Set(earnings.map((r) => r.workerId)).size,
        totalWages: sumRows(group, (r) => r.kind === "EARNING").inPeriod,
        incomeTaxWithheld: sumCodes(group, `US_${state}_SIT`),
        localIncomeTaxWithheld: sumRows(group, (r) => localityOf(r.code) !== undefined).inPeriod,
        suiEmployerTax: sumCodes(group, `US_${state}_SUI_ER`),
        hasSuiLines: group.some((r) => r.code === `US_${state}_SUI_ER`),
        suiTaxableWages: taxableOf(group, `US_${state}_SUI_ER`)?.inPeriod ?? null,
      };
    })
    .filter((s) => s.totalWages > 0 || s.incomeTaxWithheld > 0);
}
