/**
 * Benefit deductions in gross-to-net (pure): validation, annual limits, and each kind's effect on the wage bases,
 * read from treatment.ts. The US and Canadian engines call these and apply the reductions to their own bases.
 *
 * Lines (one per code: several deductions of one kind are summed, `appliedBenefits` keeps them apart):
 *   `DED_<KIND>` (DEDUCTION, employee share, present when an employee share was requested — 0 when the annual
 *   limit is reached, saying so), `BEN_ER_<KIND>` (EMPLOYER_CONTRIBUTION, employer share, when requested),
 *   `EARNING_IMPUTED_GTL` (US, IMPUTED_INCOME: group-term life cost over $50,000), `EARNING_TAXABLE_BENEFITS` (Canada,
 *   IMPUTED_INCOME: employer-paid premiums and contributions that are taxable benefits). Imputed income is not paid:
 *   it raises the wage bases named on its line, not gross or net.
 */
import { BENEFIT_KINDS, type BenefitKind } from "../../../../shared/benefit-kind";
import type { AppliedBenefit, BenefitDeduction, Blocker, PaycheckLine, YearToDate } from "../types";
import { formatUsd, max0, minBig } from "../us/money";
import { gtlPeriodCost, TABLE_I_CITATION, tableIRate } from "./group-term-life";
import { electiveDeferralLimit, hsaLimit, US_BENEFIT_LIMITS, type UsBenefitLimits } from "./limits";
import {
  BENEFIT_KINDS_BY_COUNTRY,
  type BenefitCountry,
  CA_TREATMENT,
  type CaWageBase,
  reducesStateIncomeTax,
  US_EMPLOYEE_TREATMENT,
  type UsWageBase,
  WAGE_BASE_LABELS,
  type WageBase,
} from "./treatment";

export const HSA_COVERAGES = ["SELF", "FAMILY"] as const;

/** A benefit deduction after limits, in exact cents. */
export interface AppliedItem {
  readonly item: BenefitDeduction;
  readonly requestedEmployee: bigint;
  readonly requestedEmployer: bigint;
  readonly employee: bigint;
  readonly employer: bigint;
  /** How the limit was read (for the line description), when one applies. */
  readonly limitNote?: string;
}

const show = (value: unknown) => JSON.stringify(value);
const invalid = (message: string): Blocker => ({ code: "INVALID_INPUT", message });
const isCents = (v: unknown) => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;

/** Every problem of `benefitDeductions` for a country, as INVALID_INPUT blockers (never a silent zero). */
export function validateBenefitDeductions(deductions: readonly BenefitDeduction[] | undefined, country: BenefitCountry, employee: boolean): Blocker[] {
  if (deductions === undefined) return [];
  if (!Array.isArray(deductions)) return [invalid(`benefitDeductions must be a list, got ${show(deductions)}.`)];
  const problems: Blocker[] = [];
  if (!employee && deductions.length > 0) {
    problems.push(invalid("benefitDeductions: contractors are not eligible for benefits; no deduction can be taken from a contractor payment."));
  }
  const list: readonly BenefitDeduction[] = deductions;
  list.forEach((d: BenefitDeduction | undefined, i) => {
    const at = `benefitDeductions[${i}]`;
    if (d === undefined || d === null || !(BENEFIT_KINDS as readonly string[]).includes(d.kind)) {
      problems.push(invalid(`${at}.kind must be one of ${BENEFIT_KINDS.join(", ")}, got ${show(d?.kind)}.`));
      return;
    }
    if (!BENEFIT_KINDS_BY_COUNTRY[country].includes(d.kind)) {
      problems.push(invalid(`${at}.kind ${d.kind} is not a benefit in ${country === "US" ? "the United States" : "Canada"} (${BENEFIT_KINDS_BY_COUNTRY[country].join(", ")}).`));
    }
    if (!isCents(d.employeeAmount)) problems.push(invalid(`${at}.employeeAmount must be a non-negative integer number of cents, got ${show(d.employeeAmount)}.`));
    for (const field of ["employerAmount", "coverageAmount"] as const) {
      if (d[field] !== undefined && !isCents(d[field])) problems.push(invalid(`${at}.${field} must be a non-negative integer number of cents, got ${show(d[field])}.`));
    }
    if (d.employeeAge !== undefined && !(Number.isSafeInteger(d.employeeAge) && d.employeeAge >= 0 && d.employeeAge <= 130)) {
      problems.push(invalid(`${at}.employeeAge must be a whole number of years between 0 and 130, got ${show(d.employeeAge)}.`));
    }
    if (d.hsaCoverage !== undefined && !(HSA_COVERAGES as readonly string[]).includes(d.hsaCoverage)) {
      problems.push(invalid(`${at}.hsaCoverage must be SELF or FAMILY, got ${show(d.hsaCoverage)}.`));
    }
    if (country === "US" && d.kind === "GROUP_TERM_LIFE" && d.coverageAmount === undefined) {
      problems.push(invalid(`${at}.coverageAmount is required for GROUP_TERM_LIFE in the US: the imputed cost of coverage over $50,000 (Pub 15-B Table 2-2) depends on it.`));
    }
  });
  return problems;
}

/** Year-to-date benefit amounts must be cents too. */
export function validateBenefitYearToDate(ytd: YearToDate | undefined): Blocker[] {
  const problems: Blocker[] = [];
  for (const field of ["benefitContributions", "benefitEmployerContributions"] as const) {
    for (const [kind, value] of Object.entries(ytd?.[field] ?? {})) {
      if (!(BENEFIT_KINDS as readonly string[]).includes(kind)) problems.push(invalid(`yearToDate.${field} has an unknown benefit kind ${show(kind)}.`));
      else if (!isCents(value)) problems.push(invalid(`yearToDate.${field}.${kind} must be a non-negative integer number of cents, got ${show(value)}.`));
    }
  }
  return problems;
}

const ytdOf = (ytd: YearToDate | undefined, kind: BenefitKind) => BigInt(ytd?.benefitContributions?.[kind] ?? 0);
const ytdErOf = (ytd: YearToDate | undefined, kind: BenefitKind) => BigInt(ytd?.benefitEmployerContributions?.[kind] ?? 0);

/**
 * Stops each share at what is left of its annual limit, in input order (earlier items of the same paycheck count).
 * 401(k) + Roth 401(k): one elective deferral limit (employee shares; the employer match is not an elective
 * deferral). HSA and dependent care: employee + employer together, the employer share taken first (it is a fixed
 * plan contribution; the employee's election fills what is left). Health FSA: employee salary reductions only.
 * Canada and the other kinds: no limit.
 */
export function applyLimits(items: readonly BenefitDeduction[], ytd: YearToDate | undefined, taxYear: number, country: BenefitCountry): AppliedItem[] {
  const limits: UsBenefitLimits | undefined = country === "US" ? US_BENEFIT_LIMITS[taxYear] : undefined;
  let deferred = ytdOf(ytd, "US_401K") + ytdOf(ytd, "US_ROTH_401K");
  let hsa = ytdOf(ytd, "US_HSA") + ytdErOf(ytd, "US_HSA");
  let fsa = ytdOf(ytd, "US_HEALTH_FSA");
  let dcap = ytdOf(ytd, "US_DEPENDENT_CARE_FSA") + ytdErOf(ytd, "US_DEPENDENT_CARE_FSA");
  return items.map((item) => {
    const requestedEmployee = BigInt(item.employeeAmount);
    const requestedEmployer = BigInt(item.employerAmount ?? 0);
    const unlimited: AppliedItem = { item, requestedEmployee, requestedEmployer, employee: requestedEmployee, employer: requestedEmployer };
    if (!limits) return unlimited;
    const left = (limit: bigint, used: bigint) => max0(limit - used);
    switch (item.kind) {
      case "US_401K":
      case "US_ROTH_401K": {
        const { limit, note } = electiveDeferralLimit(limits, item.employeeAge);
        const employee = minBig(requestedEmployee, left(limit, deferred));
        deferred += employee;
        return { ...unlimited, employee, limitNote: `${formatUsd(limit)} elective deferral limit, 401(k) and Roth together (${note}; ${limits.citations.electiveDeferral})` };
      }
      case "US_HSA": {
        const { limit, note } = hsaLimit(limits, item.hsaCoverage, item.employeeAge);
        const employer = minBig(requestedEmployer, left(limit, hsa));
        const employee = minBig(requestedEmployee, left(limit, hsa + employer));
        hsa += employer + employee;
        return { ...unlimited, employee, employer, limitNote: `${formatUsd(limit)} HSA limit, employee + employer (${note}; ${limits.citations.hsa})` };
      }
      case "US_HEALTH_FSA": {
        const employee = minBig(requestedEmployee, left(limits.healthFsa, fsa));
        fsa += employee;
        return { ...unlimited, employee, limitNote: `${formatUsd(limits.healthFsa)} health FSA limit (${limits.citations.healthFsa})` };
      }
      case "US_DEPENDENT_CARE_FSA": {
        const employer = minBig(requestedEmployer, left(limits.dependentCare, dcap));
        const employee = minBig(requestedEmployee, left(limits.dependentCare, dcap + employer));
        dcap += employer + employee;
        return {
          ...unlimited,
          employee,
          employer,
          limitNote: `${formatUsd(limits.dependentCare)} dependent care limit, employee + employer (${limits.citations.dependentCare})`,
        };
      }
      default:
        return unlimited;
    }
  });
}

export function toAppliedBenefits(applied: readonly AppliedItem[]): AppliedBenefit[] {
  return applied.map((a) => ({
    kind: a.item.kind,
    ...(a.item.planRef !== undefined ? { planRef: a.item.planRef } : {}),
    employeeAmount: Number(a.employee),
    employerAmount: Number(a.employer),
  }));
}

const KIND_LABELS: Readonly<Record<BenefitKind, string>> = {
  MEDICAL: "Medical premium",
  DENTAL: "Dental premium",
  VISION: "Vision premium",
  US_401K: "401(k) pre-tax deferral",
  US_ROTH_401K: "Roth 401(k) deferral (after tax)",
  US_HSA: "HSA contribution",
  US_HEALTH_FSA: "Health FSA contribution",
  US_DEPENDENT_CARE_FSA: "Dependent care FSA contribution",
  GROUP_TERM_LIFE: "Group-term life premium (after tax)",
  CA_GROUP_RRSP: "Group RRSP contribution",
  CA_HEALTH_DENTAL: "Health and dental premium",
};

const EMPLOYER_LABELS: Readonly<Record<BenefitKind, string>> = {
  MEDICAL: "Employer medical premium",
  DENTAL: "Employer dental premium",
  VISION: "Employer vision premium",
  US_401K: "Employer 401(k) contribution (match or non-elective)",
  US_ROTH_401K: "Employer contribution for the Roth 401(k) (made pre-tax)",
  US_HSA: "Employer HSA contribution",
  US_HEALTH_FSA: "Employer health FSA contribution",
  US_DEPENDENT_CARE_FSA: "Employer dependent care contribution",
  GROUP_TERM_LIFE: "Employer group life premium",
  CA_GROUP_RRSP: "Employer group RRSP contribution",
  CA_HEALTH_DENTAL: "Employer health and dental premium",
};

/** Groups applied items by kind, in first-appearance order. */
function byKind(applied: readonly AppliedItem[]): Map<BenefitKind, AppliedItem[]> {
  const groups = new Map<BenefitKind, AppliedItem[]>();
  for (const a of applied) groups.set(a.item.kind, [...(groups.get(a.item.kind) ?? []), a]);
  return groups;
}

const sum = (values: readonly bigint[]) => values.reduce((s, v) => s + v, 0n);

function reducesText(bases: readonly WageBase[], extra?: string): string {
  const named = bases.map((b) => WAGE_BASE_LABELS[b]);
  return named.length === 0 ? `reduces no wage base${extra ? ` (${extra})` : ""}` : `reduces ${named.join(", ")}${extra ? ` (${extra})` : ""}`;
}

function limitText(group: readonly AppliedItem[]): string {
  const limited = group.filter((a) => a.limitNote !== undefined);
  if (limited.length === 0) return "";
  const short = group.some((a) => a.employee < a.requestedEmployee || a.employer < a.requestedEmployer);
  const requested = sum(group.map((a) => a.requestedEmployee));
  const taken = sum(group.map((a) => a.employee));
  const what = short ? `; stopped at the annual limit: ${formatUsd(taken)} of ${formatUsd(requested)} requested` : "; within the annual limit";
  return `${what} — ${limited[0].limitNote}`;
}

export interface UsBenefitEffects {
  /** Employee pre-tax reductions per US wage base, cents. */
  readonly reductions: Readonly<Record<UsWageBase, bigint>>;
  /** Imputed group-term life cost of the period (Social Security and Medicare wages), cents. */
  readonly imputedGtl: bigint;
  readonly imputedLine?: PaycheckLine;
  readonly deductionLines: PaycheckLine[];
  readonly employerLines: PaycheckLine[];
}

/** The US effect of applied deductions for a work state. */
export function usBenefitEffects(applied: readonly AppliedItem[], state: string, stateHasIncomeTax: boolean, periodsPerYear: bigint): UsBenefitEffects {
  const reductions: Record<UsWageBase, bigint> = { FEDERAL_INCOME_TAX: 0n, SOCIAL_SECURITY: 0n, MEDICARE: 0n, FUTA: 0n, STATE_INCOME_TAX: 0n, STATE_PROGRAMS: 0n };
  const deductionLines: PaycheckLine[] = [];
  const employerLines: PaycheckLine[] = [];
  let imputedGtl = 0n;
  const gtlParts: string[] = [];

  for (const [kind, group] of byKind(applied)) {
    const treatment = US_EMPLOYEE_TREATMENT[kind];
    if (!treatment) continue; // a kind of the other country is refused by validateBenefitDeductions
    const employee = sum(group.map((a) => a.employee));
    const bases: UsWageBase[] = [...treatment.federal];
    const stateRule = reducesStateIncomeTax(kind, state);
    if (stateHasIncomeTax && stateRule.reduces) bases.push("STATE_INCOME_TAX");
    if (treatment.statePrograms) bases.push("STATE_PROGRAMS");
    for (const base of bases) reductions[base] += employee;
    const stateNote = !stateHasIncomeTax ? `US-${state} has no wage income tax` : stateRule.reduces ? "" : `US-${state} income tax wages not reduced: ${stateRule.source}`;
    if (group.some((a) => a.requestedEmployee > 0n)) {
      deductionLines.push({
        code: `DED_${kind}`,
        kind: "DEDUCTION",
        description: `${KIND_LABELS[kind]}: ${reducesText(bases, stateNote)}. ${treatment.source}${limitText(group)}`,
        amount: Number(employee),
        reducesWages: bases,
      });
    }
    const employer = sum(group.map((a) => a.employer));
    if (group.some((a) => a.requestedEmployer > 0n)) {
      const why =
        kind === "GROUP_TERM_LIFE" ? "not wages itself; coverage over $50,000 is imputed income (EARNING_IMPUTED_GTL)" : "not wages (excluded from income and payroll taxes)";
      employerLines.push({ code: `BEN_ER_${kind}`, kind: "EMPLOYER_CONTRIBUTION", description: `${EMPLOYER_LABELS[kind]}: ${why}`, amount: Number(employer) });
    }
    if (kind === "GROUP_TERM_LIFE") {
      for (const a of group) {
        const coverage = BigInt(a.item.coverageAmount ?? 0);
        const { rate, bracket } = tableIRate(a.item.employeeAge);
        const cost = gtlPeriodCost(coverage, rate, periodsPerYear);
        const imputed = max0(cost - a.employee);
        imputedGtl += imputed;
        gtlParts.push(
          `coverage ${formatUsd(coverage)}: ${formatUsd(max0(coverage - 50_000_00n))} over $50,000 at ${formatUsd(rate)} per $1,000 a month (${bracket}) = ` +
            `${formatUsd(cost)} this period, less ${formatUsd(a.employee)} paid by the employee`,
        );
      }
    }
  }
  const imputedLine: PaycheckLine | undefined =
    imputedGtl > 0n
      ? {
          code: "EARNING_IMPUTED_GTL",
          kind: "IMPUTED_INCOME",
          description:
            `Imputed group-term life insurance over $50,000 (not paid; ${gtlParts.join("; ")}; ${TABLE_I_CITATION}): Social Security and Medicare wages; ` +
            "federal and state income tax not withheld (not required, Pub 15-B §2), reported in W-2 box 1 and box 12 code C; not FUTA wages",
          amount: Number(imputedGtl),
        }
      : undefined;
  return { reductions, imputedGtl, imputedLine, deductionLines, employerLines };
}

export interface CaBenefitEffects {
  /** T4127 factor F for the period: RRSP contributions deducted at source (employee + employer group RRSP), cents. */
  readonly F: bigint;
  /** Taxable benefits added to income (I) for tax, to pensionable (PI), insurable (IE) and QPIP earnings, cents. */
  readonly taxable: bigint;
  readonly pensionable: bigint;
  readonly insurable: bigint;
  readonly qpip: bigint;
  /** Quebec only: taxable benefits for Quebec income tax (the income-tax ones plus those taxable only in Quebec). */
  readonly quebecTaxable: bigint;
  readonly imputedLine?: PaycheckLine;
  readonly deductionLines: PaycheckLine[];
  readonly employerLines: PaycheckLine[];
}

/** The Canadian effect of applied deductions in a province. */
export function caBenefitEffects(applied: readonly AppliedItem[], quebec: boolean): CaBenefitEffects {
  const added: Record<CaWageBase, bigint> = { INCOME_TAX: 0n, PENSIONABLE: 0n, INSURABLE: 0n, QPIP: 0n };
  let F = 0n;
  const deductionLines: PaycheckLine[] = [];
  const employerLines: PaycheckLine[] = [];
  const parts: string[] = [];
  let total = 0n;
  let quebecOnly = 0n;
  for (const [kind, group] of byKind(applied)) {
    const treatment = CA_TREATMENT[kind];
    if (!treatment) continue;
    const employee = sum(group.map((a) => a.employee));
    const employer = sum(group.map((a) => a.employer));
    if (treatment.employeeReduces.includes("INCOME_TAX")) F += employee;
    if (group.some((a) => a.requestedEmployee > 0n)) {
      const extra = kind === "CA_GROUP_RRSP" ? "CPP/QPP and EI still apply" : "employee premiums are claimed as a medical expense or not at all, not deducted at source";
      deductionLines.push({
        code: `DED_${kind}`,
        kind: "DEDUCTION",
        description: `${KIND_LABELS[kind]}: ${reducesText(treatment.employeeReduces, kind === "CA_GROUP_RRSP" ? extra : kind === "GROUP_TERM_LIFE" ? undefined : extra)}. ${treatment.source}`,
        amount: Number(employee),
        reducesWages: treatment.employeeReduces,
      });
    }
    if (group.some((a) => a.requestedEmployer > 0n)) {
      const bases = quebec ? treatment.employerTaxableInQuebec : treatment.employerTaxableIn;
      for (const base of bases) added[base] += employer;
      if (kind === "CA_GROUP_RRSP") F += employer; // deducted as F: withheld-at-source RRSP contribution (CRA GRRSP page)
      const taxable = bases.length > 0 || (quebec && treatment.quebecIncomeTaxOnly);
      if (quebec && treatment.quebecIncomeTaxOnly) quebecOnly += employer;
      const qcNote = quebec && treatment.quebecIncomeTaxOnly ? "; a taxable benefit for Quebec income tax (RL-1 box A and J), added to the Quebec income tax base" : "";
      employerLines.push({
        code: `BEN_ER_${kind}`,
        kind: "EMPLOYER_CONTRIBUTION",
        description: `${EMPLOYER_LABELS[kind]}: ${taxable ? `taxable benefit added to ${bases.map((b) => WAGE_BASE_LABELS[b]).join(", ") || "no base computed here"}${qcNote}` : "not a taxable benefit"}`,
        amount: Number(employer),
      });
      if (bases.length > 0) total += employer;
      if (bases.length > 0 && employer > 0n) parts.push(`${EMPLOYER_LABELS[kind].toLowerCase()} ${formatCad(employer)} (${bases.map((b) => WAGE_BASE_LABELS[b]).join(", ")})`);
    }
  }
  const imputedLine: PaycheckLine | undefined =
    total > 0n
      ? {
          code: "EARNING_TAXABLE_BENEFITS",
          kind: "IMPUTED_INCOME",
          description: `Taxable benefits paid by the employer (not paid in cash to the worker): ${parts.join("; ")}. CRA T4130 (2025)`,
          amount: Number(total),
        }
      : undefined;
  return {
    F,
    taxable: added.INCOME_TAX,
    pensionable: added.PENSIONABLE,
    insurable: added.INSURABLE,
    qpip: added.QPIP,
    quebecTaxable: added.INCOME_TAX + quebecOnly,
    imputedLine,
    deductionLines,
    employerLines,
  };
}

/** "$1,234.56" (CAD amounts read the same). */
const formatCad = formatUsd;
