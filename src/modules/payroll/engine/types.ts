/**
 * The gross-to-net engine's contract: pure functions, no database, no clock. Amounts are integer cents
 * (minor units) of the work country's currency. Same input, same output.
 */
import type { PayFrequency } from "../../../shared/calendar";
import type { Classification } from "../../../shared/classification";
import type { BenefitKind } from "../../../shared/benefit-kind";
import type { Certificates } from "./certificates";

/** The shared vocabulary (src/shared): the engine speaks the same pay frequencies and classifications as the graph. */
export type { PayFrequency, Classification, BenefitKind };
/**
 * `EMPLOYER_CONTRIBUTION`: the employer's share of a benefit (`BEN_ER_<KIND>`), on top of gross, not a tax, does not
 * change net. `IMPUTED_INCOME`: a non-cash taxable benefit (US group-term life over $50,000, Canadian employer-paid
 * taxable benefits): raises the wage bases its line names, not gross, not net.
 */
export type LineKind = "EARNING" | "EMPLOYEE_TAX" | "EMPLOYER_TAX" | "DEDUCTION" | "REIMBURSEMENT" | "EMPLOYER_CONTRIBUTION" | "IMPUTED_INCOME";

export interface W4Elections {
  filingStatus: "SINGLE" | "MARRIED_FILING_JOINTLY" | "HEAD_OF_HOUSEHOLD";
  /** Step 2 checkbox. */
  multipleJobs?: boolean;
  /** Step 3, annual, cents. */
  dependentsAmount?: number;
  /** Step 4(a), annual, cents. */
  otherIncome?: number;
  /** Step 4(b), annual, cents. */
  deductions?: number;
  /** Step 4(c), per pay period, cents. */
  extraWithholding?: number;
}

export interface Td1Claims {
  /** Federal TD1 total claim amount (TC), annual, cents. Absent: the basic personal amount (BPAF formula). */
  federalClaimAmount?: number;
  /** Provincial TD1 total claim amount (TCP), annual, cents. Absent: the province's basic personal amount. */
  provincialClaimAmount?: number;
}

/**
 * Rates that differ per employer, from its registration with the work jurisdiction's agency for the pay date's year.
 * Percentages are decimal strings (`"3.4"` is 3.4%); absent → the engine reports what it could not compute.
 */
export interface EmployerRates {
  /** US: state unemployment insurance (SUI) rate assigned to the employer for the year, percent. */
  suiRate?: string;
  /** US: SUI taxable wage base per employee for the year, cents (absent: the state's published base). */
  suiWageBase?: number;
  /** CA-QC: Health Services Fund (FSS/HSF) rate for the employer's total payroll, percent. */
  hsfRate?: string;
  /** CA-QC: CNESST assessment rate of the employer's classification unit, percent of insurable earnings. */
  cnesstRate?: string;
}

export interface YearToDate {
  /** US: Social Security wages paid by this employer this calendar year, cents. */
  socialSecurityWages?: number;
  /** US: Medicare wages paid by this employer this calendar year, cents. */
  medicareWages?: number;
  /** US: FUTA wages this year, cents. */
  futaWages?: number;
  /** US: supplemental wages this year (for the $1,000,000 mandatory 37% rule), cents. */
  supplementalWages?: number;
  /** US state wage bases (e.g. WA PFML), keyed by line code, cents. */
  stateWages?: Record<string, number>;
  /** CA: pensionable earnings, CPP (or QPP) base+first additional contributions, CPP2 contributions, cents. */
  cppPensionableEarnings?: number;
  cppContributions?: number;
  cpp2Contributions?: number;
  /** CA: insurable earnings and EI premiums, cents. */
  eiInsurableEarnings?: number;
  eiPremiums?: number;
  /** QC: QPIP insurable earnings and premiums, cents. */
  qpipInsurableEarnings?: number;
  qpipPremiums?: number;
  /** Employee benefit contributions this year by kind (annual limits: 401(k), HSA, FSA), cents. */
  benefitContributions?: Partial<Record<BenefitKind, number>>;
  /** Employer benefit contributions this year by kind (HSA's limit counts both shares), cents. */
  benefitEmployerContributions?: Partial<Record<BenefitKind, number>>;
}

/**
 * One benefit deduction (and its employer share) for this pay period. The engine applies the kind's tax
 * treatment in the work jurisdiction, stops the employee share at the year's limit (from `yearToDate`), and
 * writes `DED_<KIND>` / `BEN_ER_<KIND>` lines.
 */
export interface BenefitDeduction {
  kind: BenefitKind;
  /** Opaque reference (a plan id) echoed on `PaycheckResult.appliedBenefits`, so a run can remit per plan. */
  planRef?: string;
  /** Employee share requested for the period, cents. */
  employeeAmount: number;
  /** Employer share for the period, cents. */
  employerAmount?: number;
  /** GROUP_TERM_LIFE: coverage amount, cents (coverage over $50,000 is imputed income, IRS Table I). */
  coverageAmount?: number;
  /**
   * The employee's age on the last day of the tax year: GROUP_TERM_LIFE Table I bracket (absent: the 70-and-older
   * rate), 401(k)/Roth catch-up from 50 and 60–63, HSA catch-up from 55 (absent: no catch-up).
   */
  employeeAge?: number;
  /** US_HSA: the HDHP coverage tier that sets the annual limit (absent: SELF, the lower limit). */
  hsaCoverage?: "SELF" | "FAMILY";
}

/** What the engine actually took for one `BenefitDeduction` (after annual limits), cents. */
export interface AppliedBenefit {
  kind: BenefitKind;
  planRef?: string;
  employeeAmount: number;
  employerAmount: number;
}

export interface PaycheckInput {
  /** ISO 3166-2 work jurisdiction, e.g. `US-CA`, `CA-ON`. */
  jurisdiction: string;
  classification: Classification;
  payFrequency: PayFrequency;
  /** Pay (check) date `YYYY-MM-DD`: picks the tax year's tables. */
  payDate: string;
  /** Regular taxable gross for the period, cents. */
  gross: number;
  /** Supplemental wages (bonus) paid with this period, cents. */
  supplemental?: number;
  /** Non-taxable reimbursement, cents (added to net, no tax). */
  reimbursement?: number;
  w4?: W4Elections;
  td1?: Td1Claims;
  /**
   * State and provincial withholding certificates on file, by form key (`de4`, `ilW4`, …; see certificates.ts and
   * certificates-registry.ts). Each is checked against its form (INVALID_INPUT otherwise); only the work
   * jurisdiction's form is read, others are ignored (a worker who moved keeps the old state's certificate on file).
   */
  certificates?: Certificates;
  /** The employer's own rates in the work jurisdiction (from the EOR entity's registration there). */
  employerRates?: EmployerRates;
  /** Exemptions from contributions, e.g. CPP, EI, QPIP, FICA (documented per country). */
  exemptions?: ("CPP" | "EI" | "QPIP" | "SOCIAL_SECURITY" | "MEDICARE" | "FUTA")[];
  yearToDate?: YearToDate;
  /** Benefit deductions of the period (see BenefitDeduction). */
  benefitDeductions?: BenefitDeduction[];
}

/** The earning line of a contractor (US 1099, Canadian T4A): fees, not wages, so nothing is withheld on them. */
export const CONTRACTOR_FEE = "CONTRACTOR_FEE";

export interface PaycheckLine {
  /** Stable line code, e.g. `US_FIT`, `US_CA_SIT`, `CA_CPP_EE`, `CA_ON_PIT`. */
  code: string;
  kind: LineKind;
  description: string;
  /** Cents, >= 0. */
  amount: number;
  /** DED_<KIND> lines: the wage bases the deduction reduced (see engine/benefits/treatment.ts). */
  reducesWages?: readonly string[];
  /** Earning lines of hours (set by the run calculation, src/modules/payroll/overtime.compute.ts): hundredths of hours paid. */
  hundredthsOfHours?: number;
  /** With `hundredthsOfHours`, when one rate was paid: cents an hour (the hourly rate × the line's factor, half up). */
  rate?: number;
  /** Tax lines: the period's wages this tax was computed on (after wage-base limits and pre-tax reductions), cents. */
  taxableWages?: number;
}

/** Every blocker code the engine reports (the GraphQL enum `PayrollBlockerCode` describes each). */
export const ENGINE_BLOCKER_CODES = [
  "UNSUPPORTED_TAX_JURISDICTION",
  "UNSUPPORTED_TAX_YEAR",
  "UNSUPPORTED_CLASSIFICATION",
  "MISSING_W4",
  "MISSING_TAX_TABLE",
  "INVALID_INPUT",
  "MISSING_EMPLOYER_RATE",
] as const;
export type EngineBlockerCode = (typeof ENGINE_BLOCKER_CODES)[number];

export interface Blocker {
  code: EngineBlockerCode;
  message: string;
}

export interface PaycheckResult {
  currency: "USD" | "CAD";
  /** gross + supplemental, cents. */
  gross: number;
  /** gross + supplemental + reimbursement − employee taxes − deductions, cents. */
  net: number;
  lines: PaycheckLine[];
  blockers: Blocker[];
  /** One entry per `benefitDeductions` item, in the same order: what was deducted and contributed. */
  appliedBenefits?: AppliedBenefit[];
}
