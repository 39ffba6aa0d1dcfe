/**
 * Tax treatment of benefit deductions, as data: for each benefit kind, which wage bases the EMPLOYEE share reduces
 * and whether the EMPLOYER share is a taxable benefit, per country and (US) per state that differs from federal.
 * The engines (us/calculate-us-paycheck.ts, ca/calculate-ca-paycheck.ts) read only these tables; the sources are
 * cited per entry and summarised in benefits/README.md.
 *
 * Assumption common to MEDICAL / DENTAL / VISION / US_HEALTH_FSA / US_DEPENDENT_CARE_FSA / US_HSA in the US: the
 * employee share is a salary reduction under a written IRC §125 cafeteria plan (premium-only plan or FSA), which is
 * how an EOR administers them; an after-tax premium would reduce nothing (use no benefit deduction for it then).
 */
import type { BenefitKind } from "../../../../shared/benefit-kind";

/**
 * US wage bases a deduction can reduce. `STATE_INCOME_TAX` is the computed state's income tax wages;
 * `STATE_PROGRAMS` the state's employee payroll levies (CA SDI, PA UC, WA PFML, AK UI).
 */
export const US_WAGE_BASES = ["FEDERAL_INCOME_TAX", "SOCIAL_SECURITY", "MEDICARE", "FUTA", "STATE_INCOME_TAX", "STATE_PROGRAMS"] as const;
export type UsWageBase = (typeof US_WAGE_BASES)[number];

/** Canadian bases: income subject to tax withholding (T4127 A), CPP/QPP pensionable, EI insurable, QPIP insurable. */
export const CA_WAGE_BASES = ["INCOME_TAX", "PENSIONABLE", "INSURABLE", "QPIP"] as const;
export type CaWageBase = (typeof CA_WAGE_BASES)[number];

export type WageBase = UsWageBase | CaWageBase;

/** Short names for line descriptions. */
export const WAGE_BASE_LABELS: Readonly<Record<WageBase, string>> = {
  FEDERAL_INCOME_TAX: "federal income tax wages",
  SOCIAL_SECURITY: "Social Security wages",
  MEDICARE: "Medicare wages",
  FUTA: "FUTA wages",
  STATE_INCOME_TAX: "state income tax wages",
  STATE_PROGRAMS: "state payroll levy wages",
  INCOME_TAX: "income subject to tax (T4127 factor F)",
  PENSIONABLE: "CPP/QPP pensionable earnings",
  INSURABLE: "EI insurable earnings",
  QPIP: "QPIP insurable earnings",
};

export type BenefitCountry = "US" | "CA";

/** The kinds offered in each country: a kind of the other country is an INVALID_INPUT blocker. */
export const BENEFIT_KINDS_BY_COUNTRY: Readonly<Record<BenefitCountry, readonly BenefitKind[]>> = {
  US: ["MEDICAL", "DENTAL", "VISION", "US_401K", "US_ROTH_401K", "US_HSA", "US_HEALTH_FSA", "US_DEPENDENT_CARE_FSA", "GROUP_TERM_LIFE"],
  CA: ["MEDICAL", "DENTAL", "VISION", "GROUP_TERM_LIFE", "CA_GROUP_RRSP", "CA_HEALTH_DENTAL"],
};

export interface UsEmployeeTreatment {
  /** Federal bases the employee share reduces (FEDERAL_INCOME_TAX, SOCIAL_SECURITY, MEDICARE, FUTA). */
  readonly federal: readonly UsWageBase[];
  /** Whether it reduces the state income tax wages of a state that follows federal (see US_STATE_INCOME_EXCEPTIONS). */
  readonly stateIncomeTax: boolean;
  /** Whether it reduces the state payroll levies' wages (CA SDI, PA UC, WA PFML, AK UI): they follow the FICA/FUTA column. */
  readonly statePrograms: boolean;
  readonly source: string;
}

const SECTION_125_HEALTH =
  "IRS Pub 15-B (2026) §1 Table 2-1 'Accident and health benefits' and §1 'Cafeteria Plans' (salary reductions for qualified benefits are " +
  "exempt from income tax withholding, Social Security, Medicare and FUTA); IRC §§106, 125, 3121(a)(5)(G), 3306(b)(5)(G)";

/** What the employee share of each US kind reduces, federally and in a state that follows federal. */
export const US_EMPLOYEE_TREATMENT: Readonly<Record<BenefitKind, UsEmployeeTreatment | undefined>> = {
  MEDICAL: { federal: ["FEDERAL_INCOME_TAX", "SOCIAL_SECURITY", "MEDICARE", "FUTA"], stateIncomeTax: true, statePrograms: true, source: SECTION_125_HEALTH },
  DENTAL: { federal: ["FEDERAL_INCOME_TAX", "SOCIAL_SECURITY", "MEDICARE", "FUTA"], stateIncomeTax: true, statePrograms: true, source: SECTION_125_HEALTH },
  VISION: { federal: ["FEDERAL_INCOME_TAX", "SOCIAL_SECURITY", "MEDICARE", "FUTA"], stateIncomeTax: true, statePrograms: true, source: SECTION_125_HEALTH },
  US_HEALTH_FSA: { federal: ["FEDERAL_INCOME_TAX", "SOCIAL_SECURITY", "MEDICARE", "FUTA"], stateIncomeTax: true, statePrograms: true, source: SECTION_125_HEALTH },
  US_DEPENDENT_CARE_FSA: {
    federal: ["FEDERAL_INCOME_TAX", "SOCIAL_SECURITY", "MEDICARE", "FUTA"],
    stateIncomeTax: true,
    statePrograms: true,
    source: "IRS Pub 15-B (2026) Table 2-1 'Dependent care assistance' (exempt up to the §129 limit); IRC §§125, 129, 3121(a)(18), 3306(b)(13)",
  },
  US_HSA: {
    federal: ["FEDERAL_INCOME_TAX", "SOCIAL_SECURITY", "MEDICARE", "FUTA"],
    stateIncomeTax: true,
    statePrograms: true,
    source:
      "IRS Pub 15-B (2026) Table 2-1 'Health savings accounts' and Pub 969 (2025) (contributions through a §125 plan are employer contributions, " +
      "excluded from wages for income tax, Social Security, Medicare and FUTA); IRC §§106(d), 3121(a)(5)(G)",
  },
  US_401K: {
    federal: ["FEDERAL_INCOME_TAX"],
    stateIncomeTax: true,
    statePrograms: false,
    source:
      "IRS Pub 15 (2026) §5 'Wages' and Pub 15-A (2026) 'Elective deferrals' (exempt from income tax withholding; Social Security, Medicare and " +
      "FUTA wages); IRC §§402(g), 3121(v)(1)(A), 3306(r)(1)(A)",
  },
  US_ROTH_401K: {
    federal: [],
    stateIncomeTax: false,
    statePrograms: false,
    source: "IRC §402A(a)(1): designated Roth contributions are includible in gross income (no wage base is reduced); Pub 15-A (2026) 'Elective deferrals'",
  },
  GROUP_TERM_LIFE: {
    federal: [],
    stateIncomeTax: false,
    statePrograms: false,
    source: "IRS Pub 15-B (2026) §2 'Group-Term Life Insurance Coverage': the employee's after-tax payments reduce the imputed cost, not wages",
  },
  CA_GROUP_RRSP: undefined,
  CA_HEALTH_DENTAL: undefined,
};

export interface StateException {
  readonly reducesStateIncomeTax: boolean;
  readonly source: string;
}

/**
 * States whose income tax treats a kind differently from federal. Only CA and PA among the computed states
 * differ (IL follows federal: 35 ILCS 5/203(a) starts from federal AGI; AK, FL, NV, NH, SD, TN, TX, WA, WY have no
 * wage income tax). NJ is listed as data although the engine does not compute NJ (its HSA rule is stated so the
 * table is right when NJ is added).
 */
export const US_STATE_INCOME_EXCEPTIONS: Readonly<Record<string, Partial<Record<BenefitKind, StateException>>>> = {
  PA: {
    US_401K: {
      reducesStateIncomeTax: false,
      source:
        "PA DOR: elective deferrals to 401(k) plans are PA compensation (72 P.S. §7301(d), 61 Pa. Code §101.6(c)); two secondary sources agree " +
        "(Brightmine 'Taxation of Employee Benefits: Pennsylvania'; RKG Law PA benefits summary)",
    },
  },
  CA: {
    US_HSA: {
      reducesStateIncomeTax: false,
      source:
        "California does not conform to IRC §223 (R&TC §17131.4, §17201): HSA contributions are CA wages (FTB; EDD DE 231TP); two secondary " +
        "sources agree (ABD 'California and New Jersey HSA State Income Tax'; LegalClarity)",
    },
  },
  NJ: {
    US_HSA: {
      reducesStateIncomeTax: false,
      source: "New Jersey does not conform to IRC §223 (N.J.S.A. 54A:5-1 has no HSA exclusion); ABD 'California and New Jersey HSA State Income Tax' (NJ is not computed)",
    },
  },
};

/**
 * Pennsylvania's §125 exclusions, recorded because PA historically taxed them: health premiums and health FSA
 * excluded since Act 7 of 1997 (72 P.S. §7301(d)(vi)); dependent care FSA excluded since 2023 (Act 34 of 2023,
 * §202.3); HSA excluded (PA conformed to §223 from 2006). Nothing to override: they follow federal.
 */
export const PA_SECTION_125_NOTE = "PA excludes §125 health premiums and health FSA (Act 7 of 1997), dependent care FSA (Act 34 of 2023) and HSA contributions (from 2006)";

/** Whether the employee share of `kind` reduces the income tax wages of `state`. */
export function reducesStateIncomeTax(kind: BenefitKind, state: string): { reduces: boolean; source: string } {
  const exception = US_STATE_INCOME_EXCEPTIONS[state]?.[kind];
  if (exception) return { reduces: exception.reducesStateIncomeTax, source: exception.source };
  const treatment = US_EMPLOYEE_TREATMENT[kind];
  return { reduces: treatment?.stateIncomeTax ?? false, source: treatment?.source ?? "" };
}

/**
 * State payroll levies follow the FICA/FUTA column: 401(k) deferrals are wages (CA UI Code §928.5(a);
 * PA UC: Brightmine PA; WA RCW 50.04.320; AK AS 23.20.526), §125 salary reductions are not. Secondary sources for
 * WA and AK (see README): marked MEDIUM.
 */
export const STATE_PROGRAMS_SOURCE = "state UI/disability wages follow FUTA/FICA for §125 and 401(k) (CA UI Code §928.5; PA UC law 43 P.S. §753(x); RCW 50.04.320; AS 23.20.526)";

export interface CaTreatment {
  /** Bases the employee share reduces. */
  readonly employeeReduces: readonly CaWageBase[];
  /** Bases the employer share is added to as a taxable benefit, outside Quebec. */
  readonly employerTaxableIn: readonly CaWageBase[];
  /** Bases the employer share is added to in Quebec (QPP replaces CPP; QPIP is Quebec's). */
  readonly employerTaxableInQuebec: readonly CaWageBase[];
  /** The employer share is a taxable benefit for Quebec income tax (RL-1 box A): added to G of TP-1015.F (CA_QC_PIT). */
  readonly quebecIncomeTaxOnly?: boolean;
  readonly source: string;
}

const CA_PRIVATE_HEALTH: CaTreatment = {
  employeeReduces: [],
  employerTaxableIn: [],
  employerTaxableInQuebec: ["PENSIONABLE"],
  quebecIncomeTaxOnly: true,
  source:
    "CRA T4130 (2025) 'Private health services plans' (employer contributions are not a taxable benefit; employee premiums are a medical " +
    "expense credit at filing, ITA s. 118.2(2)(q), not a payroll deduction from income); Revenu Québec 'Contributions to a Group Insurance " +
    "Plan (Including a Health Services Plan)' and 'Contributions Paid to a Private Health Services Plan' (taxable benefit for Quebec, RL-1 " +
    "boxes A and J, subject to source deductions and QPP, not to QPIP)",
};

/** Canadian treatment per kind. */
export const CA_TREATMENT: Readonly<Record<BenefitKind, CaTreatment | undefined>> = {
  MEDICAL: CA_PRIVATE_HEALTH,
  DENTAL: CA_PRIVATE_HEALTH,
  VISION: CA_PRIVATE_HEALTH,
  CA_HEALTH_DENTAL: CA_PRIVATE_HEALTH,
  GROUP_TERM_LIFE: {
    employeeReduces: [],
    employerTaxableIn: ["INCOME_TAX", "PENSIONABLE"],
    employerTaxableInQuebec: ["INCOME_TAX", "PENSIONABLE"],
    source:
      "CRA 'Group term life insurance policies – Employer-paid premiums' and T4130 (2025) chart (premiums plus provincial sales tax/levies are " +
      "a taxable benefit; 'if the benefit is taxable, it is also pensionable. However, it is not insurable since it is a non-cash benefit'); " +
      "Revenu Québec 'Remuneration not subject to QPIP premiums' (taxable benefits in kind)",
  },
  CA_GROUP_RRSP: {
    employeeReduces: ["INCOME_TAX"],
    employerTaxableIn: ["INCOME_TAX", "PENSIONABLE", "INSURABLE"],
    employerTaxableInQuebec: ["INCOME_TAX", "PENSIONABLE", "INSURABLE", "QPIP"],
    source:
      "CRA T4127 (122nd ed., Jan 2026) Ch. 4 Step 1 factor F (RRSP contributions deducted at source reduce income for tax only); CRA " +
      "'Group registered retirement savings plans (GRRSP)' and T4130 (2025): employee contributions through payroll are not deductible from " +
      "pensionable or insurable earnings; employer contributions are a taxable (cash) benefit, pensionable and insurable unless withdrawals " +
      "are restricted until retirement, and may be deducted as F for tax withholding",
  },
  US_401K: undefined,
  US_ROTH_401K: undefined,
  US_HSA: undefined,
  US_HEALTH_FSA: undefined,
  US_DEPENDENT_CARE_FSA: undefined,
};

/**
 * For year-to-date wage bases read back from stored statement lines (payroll-inputs.repository sums EARNING lines):
 * how a stored benefit line moves each US federal payroll-tax base. `DED_<KIND>` lines of §125/HSA kinds come off
 * Social Security, Medicare and FUTA wages; `EARNING_IMPUTED_GTL` adds to Social Security and Medicare wages. Other
 * codes: no effect (`{}`). Federal treatment does not depend on the state, so the line code is enough.
 */
export function usPayrollTaxBaseEffect(lineCode: string): Partial<Record<"SOCIAL_SECURITY" | "MEDICARE" | "FUTA", -1 | 1>> {
  if (lineCode === "EARNING_IMPUTED_GTL") return { SOCIAL_SECURITY: 1, MEDICARE: 1 };
  const kind = /^DED_(.+)$/.exec(lineCode)?.[1] as BenefitKind | undefined;
  const federal = kind ? US_EMPLOYEE_TREATMENT[kind]?.federal : undefined;
  if (!federal) return {};
  const effect: Partial<Record<"SOCIAL_SECURITY" | "MEDICARE" | "FUTA", -1 | 1>> = {};
  for (const base of ["SOCIAL_SECURITY", "MEDICARE", "FUTA"] as const) if (federal.includes(base)) effect[base] = -1;
  return effect;
}
