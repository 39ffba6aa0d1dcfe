/**
 * Every statement line code the engines emit, with what it is: the one list the schema's descriptions are
 * generated from (`PayStatementLine.code`). test/unit/line-codes.test.ts runs both engines over every supported
 * jurisdiction and checks that they emit exactly these codes — a new code, or one that no longer exists, fails it.
 */
import { BENEFIT_KINDS_BY_COUNTRY } from "./benefits/treatment";
import { QUEBEC_LINE_CODES } from "./ca/quebec";
import type { LineKind } from "./types";
import { usStateLineCodes } from "./us/states";

export interface LineCodeDoc {
  code: string;
  kind: LineKind;
  /** Where the line appears: `US`, `CA` (every province), `CA-QC`, `CA (not QC)`, `US-CA`, … */
  where: string;
  meaning: string;
}

const CA_PROVINCES_WITH_TAX = ["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "SK", "YT"] as const;

export const STATEMENT_LINE_CODES: readonly LineCodeDoc[] = [
  { code: "EARNING_REGULAR", kind: "EARNING", where: "US, CA", meaning: "regular earnings of the period" },
  { code: "EARNING_SUPPLEMENTAL", kind: "EARNING", where: "US, CA", meaning: "supplemental wages (bonus)" },
  { code: "CONTRACTOR_FEE", kind: "EARNING", where: "US, CA", meaning: "a contractor's fees (and any bonus) for the period: not wages, nothing withheld (Form 1099-NEC, T4A)" },
  { code: "REIMBURSEMENT", kind: "REIMBURSEMENT", where: "US, CA", meaning: "expense reimbursement, not taxable" },
  { code: "US_FIT", kind: "EMPLOYEE_TAX", where: "US", meaning: "federal income tax (Pub 15-T, supplemental included)" },
  { code: "US_SS_EE", kind: "EMPLOYEE_TAX", where: "US", meaning: "Social Security 6.2%" },
  { code: "US_MEDICARE_EE", kind: "EMPLOYEE_TAX", where: "US", meaning: "Medicare 1.45%" },
  { code: "US_ADDL_MEDICARE_EE", kind: "EMPLOYEE_TAX", where: "US", meaning: "Additional Medicare 0.9% above $200,000 of the year's wages" },
  ...usStateLineCodes(),
  { code: "US_SS_ER", kind: "EMPLOYER_TAX", where: "US", meaning: "employer Social Security 6.2%" },
  { code: "US_MEDICARE_ER", kind: "EMPLOYER_TAX", where: "US", meaning: "employer Medicare 1.45%" },
  { code: "US_FUTA_ER", kind: "EMPLOYER_TAX", where: "US", meaning: "federal unemployment tax (FUTA)" },
  { code: "CA_CPP_EE", kind: "EMPLOYEE_TAX", where: "CA (not QC)", meaning: "Canada Pension Plan, base and first additional" },
  { code: "CA_CPP2_EE", kind: "EMPLOYEE_TAX", where: "CA (not QC)", meaning: "CPP second additional contribution" },
  { code: "CA_QPP_EE", kind: "EMPLOYEE_TAX", where: "CA-QC", meaning: "Quebec Pension Plan, base and first additional" },
  { code: "CA_QPP2_EE", kind: "EMPLOYEE_TAX", where: "CA-QC", meaning: "QPP second additional contribution" },
  { code: "CA_EI_EE", kind: "EMPLOYEE_TAX", where: "CA", meaning: "Employment Insurance premium (Quebec rate in CA-QC)" },
  { code: "CA_QPIP_EE", kind: "EMPLOYEE_TAX", where: "CA-QC", meaning: "Quebec Parental Insurance Plan premium" },
  { code: "CA_FIT", kind: "EMPLOYEE_TAX", where: "CA", meaning: "federal income tax (T4127; after the Quebec abatement in CA-QC)" },
  ...CA_PROVINCES_WITH_TAX.map((pr): LineCodeDoc => ({
    code: `CA_${pr}_PIT`,
    kind: "EMPLOYEE_TAX",
    where: `CA-${pr}`,
    meaning: pr === "ON" ? "Ontario income tax, surtax and Ontario Health Premium included" : `provincial or territorial income tax of CA-${pr}`,
  })),
  ...QUEBEC_LINE_CODES.filter((c) => c.kind === "EMPLOYEE_TAX"),
  { code: "CA_CPP_ER", kind: "EMPLOYER_TAX", where: "CA (not QC)", meaning: "employer CPP (equal to the employee's)" },
  { code: "CA_CPP2_ER", kind: "EMPLOYER_TAX", where: "CA (not QC)", meaning: "employer CPP2 (equal to the employee's)" },
  { code: "CA_QPP_ER", kind: "EMPLOYER_TAX", where: "CA-QC", meaning: "employer QPP (equal to the employee's)" },
  { code: "CA_QPP2_ER", kind: "EMPLOYER_TAX", where: "CA-QC", meaning: "employer QPP2 (equal to the employee's)" },
  { code: "CA_EI_ER", kind: "EMPLOYER_TAX", where: "CA", meaning: "employer EI premium (1.4 × the employee's)" },
  { code: "CA_QPIP_ER", kind: "EMPLOYER_TAX", where: "CA-QC", meaning: "employer QPIP premium" },
  ...QUEBEC_LINE_CODES.filter((c) => c.kind === "EMPLOYER_TAX"),
  ...benefitLineCodes(),
  {
    code: "EARNING_IMPUTED_GTL",
    kind: "IMPUTED_INCOME",
    where: "US",
    meaning: "imputed cost of group-term life coverage over $50,000 (Pub 15-B Table 2-2): Social Security and Medicare wages, not paid",
  },
  {
    code: "EARNING_TAXABLE_BENEFITS",
    kind: "IMPUTED_INCOME",
    where: "CA",
    meaning: "employer-paid taxable benefits (group life premiums, group RRSP contributions; private health premiums in CA-QC), not paid",
  },
];

/** `DED_<KIND>` and `BEN_ER_<KIND>` for every benefit kind, with where it is offered. */
function benefitLineCodes(): LineCodeDoc[] {
  const kinds = [...new Set([...BENEFIT_KINDS_BY_COUNTRY.US, ...BENEFIT_KINDS_BY_COUNTRY.CA])];
  const where = (kind: string) => ["US", "CA"].filter((c) => (BENEFIT_KINDS_BY_COUNTRY[c as "US" | "CA"] as readonly string[]).includes(kind)).join(", ");
  return kinds.flatMap((kind): LineCodeDoc[] => [
    { code: `DED_${kind}`, kind: "DEDUCTION", where: where(kind), meaning: `employee ${kind} benefit deduction; its description names the wage bases it reduced` },
    { code: `BEN_ER_${kind}`, kind: "EMPLOYER_CONTRIBUTION", where: where(kind), meaning: `employer ${kind} benefit contribution (not withheld from pay)` },
  ]);
}
/**
 * Earning lines the payroll run's calculation writes in place of the engine's `EARNING_REGULAR` for hours paid
 * (src/modules/payroll/overtime.compute.ts): `EARNING_REGULAR` keeps the straight-time hours and any salary; these
 * carry the rest, each with `hours` and `rate`. Never in `estimatePaycheck` (it takes a gross, not hours).
 */
export const CALCULATION_LINE_CODES: readonly LineCodeDoc[] = [
  {
    code: "EARNING_OVERTIME",
    kind: "EARNING",
    where: "US, CA payroll runs",
    meaning: "overtime hours at 1.5× (classified by the work jurisdiction's rules, and OVERTIME time entries)",
  },
  {
    code: "EARNING_DOUBLE_TIME",
    kind: "EARNING",
    where: "US-CA, CA-BC payroll runs",
    meaning: "double-time hours at 2× (California over 12 h a day and the seventh day; B.C. over 12 h a day)",
  },
  { code: "EARNING_PTO", kind: "EARNING", where: "US, CA payroll runs", meaning: "paid time off hours at 1× (PTO time entries)" },
];

/**
 * Codes the run calculation adds around the engines (not emitted by `calculatePaycheck`): the final pay's
 * vacation/PTO payout (src/modules/offboarding/final-pay-calculation.ts), split out of the regular earnings the
 * engine taxed it with.
 */
export const RUN_LINE_CODES: readonly LineCodeDoc[] = [
  { code: "EARNING_PTO_PAYOUT", kind: "EARNING", where: "US, CA", meaning: "payout of accrued, unused vacation/PTO at the end of employment (final pay)" },
];

/** The codes of the table as one sentence per line kind, for the schema's descriptions. */
export function describeLineCodes(): string {
  const kinds: [LineKind, string][] = [
    ["EARNING", "Earnings"],
    ["REIMBURSEMENT", "Reimbursements"],
    ["EMPLOYEE_TAX", "Employee taxes"],
    ["EMPLOYER_TAX", "Employer taxes"],
    ["DEDUCTION", "Deductions"],
    ["EMPLOYER_CONTRIBUTION", "Employer benefit contributions"],
    ["IMPUTED_INCOME", "Imputed income"],
  ];
  return kinds
    .map(([kind, title]) => [title, [...STATEMENT_LINE_CODES, ...CALCULATION_LINE_CODES, ...RUN_LINE_CODES].filter((c) => c.kind === kind)] as const)
    .filter(([, codes]) => codes.length > 0)
    .map(([title, codes]) => `${title}: ${codes.map((c) => `\`${c.code}\` (${c.where}: ${c.meaning})`).join(", ")}.`)
    .join(" ");
}

/** The description of a list of statement lines (`PayStatement.lines`, `PaycheckEstimate.lines`). */
export const LINE_CODES_DESCRIPTION = [
  "Lines in calculation order; stable codes integrators may switch on (one per tax or earning and jurisdiction; codes are added as the engine covers more).",
  describeLineCodes(),
  "Income-tax lines are present even at 0; other zero tax lines are omitted (US) or shown (Canada).",
].join(" ");
