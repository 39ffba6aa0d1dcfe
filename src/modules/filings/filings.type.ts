/** GraphQL types of the filings (computed views over approved statements, nothing stored) and their mappers. */
import { Field, Int, ObjectType } from "type-graphql";
import { DateScalar } from "../../shared/scalars";
import { CurrencyCode } from "../../shared/currency.enum";
import { formatMinorUnits, money, Money } from "../../shared/money";
import type { Form941Values, StateWageTotals, W2Values } from "./us-forms";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import { US_SUBDIVISIONS } from "../../shared/jurisdiction";
import type { Pd7aValues, Rl1Values, T4Values } from "./ca-forms";

/** Localities of one W-2 state entry: at most this many (by construction a handful of local line codes per state). */
export const MAX_LOCALITIES_PER_STATE = 10;

const FORM_941 = "IRS Form 941 (Rev. March 2025) and its instructions";
const W2 = "IRS General Instructions for Forms W-2 and W-3 (2026)";
const RC4120 = "CRA RC4120 Employers' Guide – Filing the T4 Slip and Summary";
const RL1G = "Revenu Québec RL-1.G Guide to Filing the RL-1 Slip";

@ObjectType("SignedMoney", { description: 'An amount that may be negative: a signed decimal string in major units (e.g. "-0.03") and its currency.' })
export class SignedMoney {
  @Field(() => String, { description: 'Signed amount in major units with two decimals, e.g. "-0.03" or "0.02".' })
  amount!: string;

  @Field(() => CurrencyCode, { description: "ISO 4217 currency of the amount." })
  currency!: CurrencyCode;
}

@ObjectType("Form941", {
  description: `The employer's quarterly federal tax return lines of one quarter (${FORM_941}), from the quarter's approved (or later) statements of W-2 employees by pay date. Lines not listed (4, 5b, 5f, 8, 9, 11) are 0: no tips, third-party sick pay or payroll tax credits exist in the product.`,
})
export class Form941 {
  @Field(() => String, { description: "The form revision whose line numbers these are." })
  formRevision!: string;

  @Field(() => Int, {
    description:
      "Line 1: employees who received wages for the pay period including March 12, June 12, September 12 or December 12 (the quarter's third month). Counted from regular runs of pay periods including that day.",
  })
  line1EmployeeCount!: number;

  @Field(() => Money, {
    description:
      "Line 2: wages, tips and other compensation (the quarter's W-2 box 1 wages: earnings and imputed group-term life less 401(k) deferrals and §125/HSA salary reductions).",
  })
  line2Wages!: Money;

  @Field(() => Money, { description: "Line 3: federal income tax withheld (Σ `US_FIT`)." })
  line3FederalIncomeTaxWithheld!: Money;

  @Field(() => Money, { description: "Line 5a column 1: taxable social security wages (each employee's wages up to the year's wage base)." })
  line5aSocialSecurityWages!: Money;

  @Field(() => Money, { description: "Line 5a column 2: line 5a column 1 × 0.124, rounded to the cent." })
  line5aSocialSecurityTax!: Money;

  @Field(() => Money, { description: "Line 5c column 1: taxable Medicare wages and tips." })
  line5cMedicareWages!: Money;

  @Field(() => Money, { description: "Line 5c column 2: line 5c column 1 × 0.029, rounded to the cent." })
  line5cMedicareTax!: Money;

  @Field(() => Money, { description: "Line 5d column 1: wages subject to Additional Medicare Tax withholding (each employee's wages above $200,000 in the year)." })
  line5dAdditionalMedicareWages!: Money;

  @Field(() => Money, { description: "Line 5d column 2: line 5d column 1 × 0.009, rounded to the cent." })
  line5dAdditionalMedicareTax!: Money;

  @Field(() => Money, { description: "Line 5e: total social security and Medicare taxes (5a + 5b + 5c + 5d, column 2)." })
  line5eTotalSocialSecurityAndMedicareTaxes!: Money;

  @Field(() => Money, { description: "Line 6: total taxes before adjustments (lines 3 + 5e + 5f)." })
  line6TotalTaxesBeforeAdjustments!: Money;

  @Field(() => SignedMoney, {
    description:
      "Line 7: current quarter's adjustment for fractions of cents: the employee and employer social security and Medicare amounts actually withheld and owed on each paycheck (Σ `US_SS_EE`, `US_SS_ER`, `US_MEDICARE_EE`, `US_MEDICARE_ER`, `US_ADDL_MEDICARE_EE`, each rounded per paycheck) minus line 5e's computation on the quarter's totals; negative when the paychecks' rounding came out lower.",
  })
  line7FractionsOfCents!: SignedMoney;

  @Field(() => Money, { description: "Line 10: total taxes after adjustments (lines 6 + 7 + 8 + 9)." })
  line10TotalTaxesAfterAdjustments!: Money;

  @Field(() => Money, { description: "Line 12: total taxes after adjustments and nonrefundable credits (line 10 − line 11)." })
  line12TotalTaxesAfterAdjustmentsAndCredits!: Money;

  @Field(() => Money, {
    description:
      "Line 13: total deposits for this quarter: the CONFIRMED federal (`IRS`, Form 941) tax remittances of the quarter's runs (SCHEDULED, SUBMITTED and FAILED ones are not deposits).",
  })
  line13TotalDeposits!: Money;

  @Field(() => Money, { description: "Line 14: balance due (line 12 − line 13 when line 12 is more, else 0)." })
  line14BalanceDue!: Money;

  @Field(() => Money, { description: "Line 15: overpayment (line 13 − line 12 when line 13 is more, else 0)." })
  line15Overpayment!: Money;
}

@ObjectType("StateQuarterlyWageReport", {
  description:
    "The totals of one state's quarterly wage report (unemployment insurance wage report and withholding reconciliation) for the quarter: employees paid there, their wages and what was withheld. One per state where W-2 employees worked (the engagement's work jurisdiction) and, for the whole entity's filing, one per state registration of the entity (zero when nobody was paid there: agencies expect a report every quarter while the account is open).",
})
export class StateQuarterlyWageReport {
  @Field(() => String, { description: "The state, ISO 3166-2 (`US-CA`)." })
  jurisdiction!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The employer entity's account number with the state agency (its registration); null when the entity has no registration there: a registration to make before filing.",
  })
  accountNumber!: string | null;

  @Field(() => String, { nullable: true, description: "The agency of the registration; null without one." })
  agency!: string | null;

  @Field(() => Int, { description: "Employees paid wages in the state in the quarter (distinct workers)." })
  employeeCount!: number;

  @Field(() => Money, { description: "Total wages paid in the state in the quarter (gross earnings, before pre-tax deductions)." })
  totalWages!: Money;

  @Field(() => Money, {
    description:
      "SUI taxable wages: the taxable wage base of the employer SUI lines (`US_<ST>_SUI_ER`) when the lines carry one; otherwise the total wages, without the excess over the state's SUI wage base removed (`suiTaxableWagesNote` says which).",
  })
  suiTaxableWages!: Money;

  @Field(() => String, { description: "How `suiTaxableWages` was obtained." })
  suiTaxableWagesNote!: string;

  @Field(() => Money, { description: "Employer SUI contributions of the quarter (Σ `US_<ST>_SUI_ER`; 0 where no such line exists yet)." })
  suiEmployerContributions!: Money;

  @Field(() => Money, { description: "State income tax withheld (Σ `US_<ST>_SIT`)." })
  stateIncomeTaxWithheld!: Money;

  @Field(() => Money, { description: "Local income taxes withheld in the state (Σ of its `…_LIT` lines and `US_PA_EIT_EE`)." })
  localIncomeTaxWithheld!: Money;
}

@ObjectType("Pd7aMonthlySummary", {
  description:
    "One month of the CRA PD7A remittance summary (Statement of Account for Current Source Deductions) for the Canadian entity: what the month's approved (or later) statements of T4 employees owe the CRA, by pay date. Quebec's QPP, QPIP and provincial income tax go to Revenu Québec and are not included; Quebec employees' EI and federal tax are.",
})
export class Pd7aMonthlySummary {
  @Field(() => String, { description: "The month, `YYYY-MM`." })
  month!: string;

  @Field(() => Money, { description: "Gross payroll of the month (Σ earnings of every T4 employee, Quebec included)." })
  grossPayroll!: Money;

  @Field(() => Int, { description: "Number of employees in the last pay period of the month: distinct workers paid on the month's last pay date." })
  employeesInLastPayPeriod!: number;

  @Field(() => Money, { description: "CPP contributions withheld: `CA_CPP_EE` + `CA_CPP2_EE`." })
  cppEmployee!: Money;

  @Field(() => Money, { description: "Employer CPP contributions: `CA_CPP_ER` + `CA_CPP2_ER`." })
  cppEmployer!: Money;

  @Field(() => Money, { description: "EI premiums withheld: `CA_EI_EE`." })
  eiEmployee!: Money;

  @Field(() => Money, { description: "Employer EI premiums: `CA_EI_ER`." })
  eiEmployer!: Money;

  @Field(() => Money, { description: "Income tax withheld that the CRA collects: `CA_FIT` and the provincial `CA_<PR>_PIT` outside Quebec." })
  incomeTax!: Money;

  @Field(() => Money, { description: "The month's remittance: CPP (both shares) + EI (both shares) + income tax." })
  totalRemittance!: Money;
}

@ObjectType("QuarterlyFilings", {
  description:
    "Filings of one employer entity for one calendar quarter, by pay date: Form 941 and the state wage reports (US entity), the PD7A months (Canadian entity). Computed from approved (or later) statements; nothing is stored.",
})
export class QuarterlyFilings {
  @Field(() => Int, { description: "Calendar year." })
  year!: number;

  @Field(() => Int, { description: "Calendar quarter, 1–4." })
  quarter!: number;

  @Field(() => DateScalar, { description: "First day of the quarter (pay dates from)." })
  periodStart!: string;

  @Field(() => DateScalar, { description: "Last day of the quarter (pay dates to)." })
  periodEnd!: string;

  @Field(() => CurrencyCode, { description: "Currency of every amount (USD for the US entity, CAD for the Canadian one)." })
  currency!: CurrencyCode;

  @Field(() => Form941, { nullable: true, description: "Form 941 lines (US entity); null for the Canadian entity." })
  form941!: Form941 | null;

  @MaxItems(US_SUBDIVISIONS.length)
  @Field(() => [StateQuarterlyWageReport], { description: "State quarterly wage report totals, by state (US entity; empty for the Canadian one): at most 51." })
  stateWageReports!: StateQuarterlyWageReport[];

  @MaxItems(3)
  @Field(() => [Pd7aMonthlySummary], { description: "PD7A summaries of the quarter's three months (Canadian entity; empty for the US one): at most 3." })
  pd7aMonths!: Pd7aMonthlySummary[];
}

@ObjectType("W2Box12Entry", { description: `A Form W-2 box 12 code and amount (${W2}).` })
export class W2Box12Entry {
  @Field(() => String, {
    description:
      "C: taxable cost of group-term life insurance over $50,000 (`EARNING_IMPUTED_GTL`). D: elective deferrals to a 401(k) (`DED_US_401K`). W: employer contributions to an HSA, the employee's §125 salary reductions included (`DED_US_HSA` + `BEN_ER_US_HSA`). AA: designated Roth contributions to a 401(k) (`DED_US_ROTH_401K`). DD: cost of employer-sponsored health coverage, employee and employer shares (`DED_`/`BEN_ER_` MEDICAL, DENTAL, VISION; reporting stand-alone dental and vision is optional under Notice 2012-9 and included here; not taxable).",
  })
  code!: string;

  @Field(() => Money, { description: "Amount for the year." })
  amount!: Money;
}

@ObjectType("W2Box14Entry", {
  description: "A Form W-2 box 14 (Other) entry: a state program's employee contributions the state asks to be reported (CA SDI, NY SDI and PFL, NJ, …).",
})
export class W2Box14Entry {
  @Field(() => String, { description: "Label printed in box 14, the state and program (`CA SDI`)." })
  label!: string;

  @Field(() => String, { description: "The statement line code summed (`US_CA_SDI_EE`)." })
  lineCode!: string;

  @Field(() => Money, { description: "Amount for the year." })
  amount!: Money;
}

@ObjectType("W2LocalEntry", { description: "Form W-2 boxes 18–20 for one locality." })
export class W2LocalEntry {
  @Field(() => String, { description: "Box 20: locality name, from the line code (`NYC`, `YONKERS`, `PA EIT`)." })
  box20LocalityName!: string;

  @Field(() => String, { description: "The statement line code summed (`US_NY_NYC_LIT`)." })
  lineCode!: string;

  @Field(() => Money, { description: "Box 18: local wages. The state wages of the same statements (local bases are not stored separately)." })
  box18LocalWages!: Money;

  @Field(() => Money, { description: "Box 19: local income tax." })
  box19LocalIncomeTax!: Money;
}

@ObjectType("W2StateEntry", { description: "Form W-2 boxes 15–20 for one state with income tax withholding (states without a wage income tax have none)." })
export class W2StateEntry {
  @Field(() => String, { description: "Box 15: the state, two letters." })
  box15State!: string;

  @Field(() => String, { nullable: true, description: "Box 15: the employer's state ID number (the entity's registration account); null without a registration." })
  box15EmployerStateIdNumber!: string | null;

  @Field(() => Money, {
    description:
      "Box 16: state wages: earnings and imputed group-term life less the deductions the state excludes (engine/benefits/treatment.ts, e.g. 401(k) is a PA wage, HSA a CA wage).",
  })
  box16StateWages!: Money;

  @Field(() => Money, { description: "Box 17: state income tax (Σ `US_<ST>_SIT`)." })
  box17StateIncomeTax!: Money;

  @MaxItems(MAX_LOCALITIES_PER_STATE)
  @Field(() => [W2LocalEntry], { description: "Boxes 18–20 per locality: at most 10." })
  localities!: W2LocalEntry[];
}

@ObjectType("FormW2", {
  description: `Form W-2 box values of one worker from one employer entity for a calendar year (${W2}), summed from the year's approved (or later) statements of the worker's W-2 engagements by pay date. Boxes 7–11 and 13 have no source in the product (no tips, dependent care benefits reported there, nonqualified plans or statutory employees).`,
})
export class FormW2 {
  /** uuids; not fields. */
  workerDbId!: string;
  employerEntityDbId!: string;

  @Field(() => Int, { description: "Tax year." })
  year!: number;

  @Field(() => CurrencyCode, { description: "USD." })
  currency!: CurrencyCode;

  @Field(() => Money, {
    description: "Box 1: wages, tips, other compensation: earnings plus imputed group-term life over $50,000, less 401(k) deferrals and §125/HSA salary reductions.",
  })
  box1Wages!: Money;

  @Field(() => Money, { description: "Box 2: federal income tax withheld (Σ `US_FIT`)." })
  box2FederalIncomeTaxWithheld!: Money;

  @Field(() => Money, {
    description: "Box 3: social security wages: earnings plus imputed group-term life less §125/HSA reductions (401(k) deferrals stay), up to the year's wage base.",
  })
  box3SocialSecurityWages!: Money;

  @Field(() => Money, { description: "Box 4: social security tax withheld (Σ `US_SS_EE`)." })
  box4SocialSecurityTaxWithheld!: Money;

  @Field(() => Money, { description: "Box 5: Medicare wages and tips (as box 3, without a limit)." })
  box5MedicareWages!: Money;

  @Field(() => Money, { description: "Box 6: Medicare tax withheld, Additional Medicare Tax included (Σ `US_MEDICARE_EE` + `US_ADDL_MEDICARE_EE`)." })
  box6MedicareTaxWithheld!: Money;

  @MaxItems(5)
  @Field(() => [W2Box12Entry], { description: "Box 12: the codes with an amount, in the order C, D, W, AA, DD: at most 5." })
  box12!: W2Box12Entry[];

  @MaxItems(LIST_LIMITS.statementLines)
  @Field(() => [W2Box14Entry], { description: "Box 14 (Other): state program contributions by line code: at most 35." })
  box14!: W2Box14Entry[];

  @MaxItems(US_SUBDIVISIONS.length)
  @Field(() => [W2StateEntry], { description: "Boxes 15–20 per state with income tax withholding: at most 51." })
  states!: W2StateEntry[];
}

@ObjectType("T4Slip", {
  description: `T4 slip box values of one worker from the Canadian entity for a calendar year and one province of employment (${RC4120}), summed from the year's approved (or later) statements of the worker's T4 engagements by pay date. Insurable and pensionable earnings are the earnings (and the employer benefits taxable in that base) of the statements that carried the EI or CPP/QPP line, capped at the year's maximum (T4127 tables).`,
})
export class T4Slip {
  /** uuids; not fields. */
  workerDbId!: string;
  employerEntityDbId!: string;

  @Field(() => Int, { description: "Tax year." })
  year!: number;

  @Field(() => CurrencyCode, { description: "CAD." })
  currency!: CurrencyCode;

  @Field(() => String, { description: "Box 10: province or territory of employment, two letters (a separate slip per province)." })
  box10ProvinceOfEmployment!: string;

  @Field(() => Money, { description: "Box 14: employment income: earnings plus the employer-paid taxable benefits (group term life premiums, group RRSP contributions)." })
  box14EmploymentIncome!: Money;

  @Field(() => Money, { description: "Box 16: employee's CPP contributions, base and first additional (Σ `CA_CPP_EE`)." })
  box16CppContributions!: Money;

  @Field(() => Money, { description: "Box 16A: employee's second additional CPP contributions (Σ `CA_CPP2_EE`)." })
  box16ACpp2Contributions!: Money;

  @Field(() => Money, { description: "Box 17: employee's QPP contributions (Σ `CA_QPP_EE`)." })
  box17QppContributions!: Money;

  @Field(() => Money, { description: "Box 17A: employee's second additional QPP contributions (Σ `CA_QPP2_EE`)." })
  box17AQpp2Contributions!: Money;

  @Field(() => Money, { description: "Box 18: employee's EI premiums (Σ `CA_EI_EE`)." })
  box18EiPremiums!: Money;

  @Field(() => Money, { description: "Box 22: income tax deducted: federal (`CA_FIT`) and, outside Quebec, provincial (`CA_<PR>_PIT`); Quebec tax is on the RL-1." })
  box22IncomeTaxDeducted!: Money;

  @Field(() => Money, { description: "Box 24: EI insurable earnings, up to the year's maximum insurable earnings." })
  box24EiInsurableEarnings!: Money;

  @Field(() => Money, { description: "Box 26: CPP/QPP pensionable earnings, up to the year's maximum pensionable earnings (YAMPE)." })
  box26PensionableEarnings!: Money;

  @Field(() => Money, { description: "Box 44: union dues. 0: no union-dues deduction exists in the product." })
  box44UnionDues!: Money;

  @Field(() => Money, { description: "Box 52: pension adjustment. 0: the product has no registered pension plan or DPSP (a group RRSP creates none)." })
  box52PensionAdjustment!: Money;

  @Field(() => Money, { description: "Box 55: employee's PPIP (QPIP) premiums (Σ `CA_QPIP_EE`)." })
  box55PpipPremiums!: Money;

  @Field(() => Money, { description: "Box 56: PPIP insurable earnings (Quebec employment), up to the QPIP maximum insurable earnings." })
  box56PpipInsurableEarnings!: Money;
}

@ObjectType("Rl1Slip", {
  description: `RL-1 slip box values of one worker's Quebec employment with the Canadian entity for a calendar year (${RL1G}), summed from the year's approved (or later) statements of engagements in CA-QC by pay date.`,
})
export class Rl1Slip {
  /** uuids; not fields. */
  workerDbId!: string;
  employerEntityDbId!: string;

  @Field(() => Int, { description: "Tax year." })
  year!: number;

  @Field(() => CurrencyCode, { description: "CAD." })
  currency!: CurrencyCode;

  @Field(() => Money, {
    description: "Box A: employment income: earnings plus the benefits taxable in Quebec (employer group insurance and private health plan contributions included).",
  })
  boxAEmploymentIncome!: Money;

  @Field(() => Money, { description: "Box B: QPP contributions (Σ `CA_QPP_EE` + `CA_QPP2_EE`)." })
  boxBQppContributions!: Money;

  @Field(() => Money, { description: "Box C: employment insurance premiums (Σ `CA_EI_EE`)." })
  boxCEiPremiums!: Money;

  @Field(() => Money, { description: "Box E: Quebec income tax withheld (Σ `CA_QC_PIT`)." })
  boxEQuebecIncomeTax!: Money;

  @Field(() => Money, { description: "Box G: pensionable salary under the QPP, up to the year's maximum pensionable earnings (YAMPE)." })
  boxGPensionableSalary!: Money;

  @Field(() => Money, { description: "Box H: QPIP premiums (Σ `CA_QPIP_EE`)." })
  boxHQpipPremiums!: Money;

  @Field(() => Money, { description: "Box I: salary insurable under the QPIP, up to the QPIP maximum insurable earnings." })
  boxIQpipInsurableSalary!: Money;
}

export function signedMoney(minor: number, currency: string): SignedMoney {
  return Object.assign(new SignedMoney(), { amount: formatMinorUnits(minor), currency: currency as CurrencyCode });
}

export function toForm941(v: Form941Values): Form941 {
  const usd = (n: number) => money(n, "USD");
  return Object.assign(new Form941(), {
    formRevision: "Form 941 (Rev. March 2025)",
    line1EmployeeCount: v.line1,
    line2Wages: usd(v.line2),
    line3FederalIncomeTaxWithheld: usd(v.line3),
    line5aSocialSecurityWages: usd(v.line5aWages),
    line5aSocialSecurityTax: usd(v.line5aTax),
    line5cMedicareWages: usd(v.line5cWages),
    line5cMedicareTax: usd(v.line5cTax),
    line5dAdditionalMedicareWages: usd(v.line5dWages),
    line5dAdditionalMedicareTax: usd(v.line5dTax),
    line5eTotalSocialSecurityAndMedicareTaxes: usd(v.line5e),
    line6TotalTaxesBeforeAdjustments: usd(v.line6),
    line7FractionsOfCents: signedMoney(v.line7, "USD"),
    line10TotalTaxesAfterAdjustments: usd(v.line10),
    line12TotalTaxesAfterAdjustmentsAndCredits: usd(v.line12),
    line13TotalDeposits: usd(v.line13),
    line14BalanceDue: usd(v.line14),
    line15Overpayment: usd(v.line15),
  });
}

export const SUI_TOTAL_WAGES_NOTE =
  "Total wages: statement lines do not carry their taxable wage base yet, so the SUI wage base is not applied; subtract each employee's wages above the state's SUI wage base before filing.";

export const SUI_LINES_NOTE = "The taxable wage base of the quarter's employer SUI lines (`US_<ST>_SUI_ER`): wages up to each employee's SUI wage base.";

export function toStateWageReport(v: StateWageTotals, registration: { accountNumber: string; agency: string } | undefined): StateQuarterlyWageReport {
  const usd = (n: number) => money(n, "USD");
  return Object.assign(new StateQuarterlyWageReport(), {
    jurisdiction: `US-${v.state}`,
    accountNumber: registration?.accountNumber ?? null,
    agency: registration?.agency ?? null,
    employeeCount: v.employees,
    totalWages: usd(v.totalWages),
    suiTaxableWages: usd(v.suiTaxableWages ?? v.totalWages),
    suiTaxableWagesNote: v.suiTaxableWages === null ? SUI_TOTAL_WAGES_NOTE : SUI_LINES_NOTE,
    suiEmployerContributions: usd(v.suiEmployerTax),
    stateIncomeTaxWithheld: usd(v.incomeTaxWithheld),
    localIncomeTaxWithheld: usd(v.localIncomeTaxWithheld),
  });
}

export function toPd7a(v: Pd7aValues): Pd7aMonthlySummary {
  const cad = (n: number) => money(n, "CAD");
  return Object.assign(new Pd7aMonthlySummary(), {
    month: v.month,
    grossPayroll: cad(v.grossPayroll),
    employeesInLastPayPeriod: v.employeesInLastPayPeriod,
    cppEmployee: cad(v.cppEmployee),
    cppEmployer: cad(v.cppEmployer),
    eiEmployee: cad(v.eiEmployee),
    eiEmployer: cad(v.eiEmployer),
    incomeTax: cad(v.incomeTax),
    totalRemittance: cad(v.total),
  });
}

export function toFormW2(v: W2Values, ids: { workerDbId: string; employerEntityDbId: string; year: number }, accounts: ReadonlyMap<string, string>): FormW2 {
  const usd = (n: number) => money(n, "USD");
  return Object.assign(new FormW2(), {
    ...ids,
    currency: "USD" as CurrencyCode,
    box1Wages: usd(v.box1),
    box2FederalIncomeTaxWithheld: usd(v.box2),
    box3SocialSecurityWages: usd(v.box3),
    box4SocialSecurityTaxWithheld: usd(v.box4),
    box5MedicareWages: usd(v.box5),
    box6MedicareTaxWithheld: usd(v.box6),
    box12: v.box12.map((e) => Object.assign(new W2Box12Entry(), { code: e.code, amount: usd(e.amount) })),
    box14: v.box14.map((e) => Object.assign(new W2Box14Entry(), { label: e.label, lineCode: e.lineCode, amount: usd(e.amount) })),
    states: v.states.map((s) =>
      Object.assign(new W2StateEntry(), {
        box15State: s.state,
        box15EmployerStateIdNumber: accounts.get(`US-${s.state}`) ?? null,
        box16StateWages: usd(s.wages),
        box17StateIncomeTax: usd(s.tax),
        localities: s.localities
          .slice(0, MAX_LOCALITIES_PER_STATE)
          .map((l) => Object.assign(new W2LocalEntry(), { box20LocalityName: l.name, lineCode: l.lineCode, box18LocalWages: usd(l.wages), box19LocalIncomeTax: usd(l.tax) })),
      }),
    ),
  });
}

export function toT4Slip(v: T4Values, ids: { workerDbId: string; employerEntityDbId: string; year: number }): T4Slip {
  const cad = (n: number) => money(n, "CAD");
  return Object.assign(new T4Slip(), {
    ...ids,
    currency: "CAD" as CurrencyCode,
    box10ProvinceOfEmployment: v.province,
    box14EmploymentIncome: cad(v.box14),
    box16CppContributions: cad(v.box16),
    box16ACpp2Contributions: cad(v.box16A),
    box17QppContributions: cad(v.box17),
    box17AQpp2Contributions: cad(v.box17A),
    box18EiPremiums: cad(v.box18),
    box22IncomeTaxDeducted: cad(v.box22),
    box24EiInsurableEarnings: cad(v.box24),
    box26PensionableEarnings: cad(v.box26),
    box44UnionDues: cad(v.box44),
    box52PensionAdjustment: cad(v.box52),
    box55PpipPremiums: cad(v.box55),
    box56PpipInsurableEarnings: cad(v.box56),
  });
}

export function toRl1Slip(v: Rl1Values, ids: { workerDbId: string; employerEntityDbId: string; year: number }): Rl1Slip {
  const cad = (n: number) => money(n, "CAD");
  return Object.assign(new Rl1Slip(), {
    ...ids,
    currency: "CAD" as CurrencyCode,
    boxAEmploymentIncome: cad(v.boxA),
    boxBQppContributions: cad(v.boxB),
    boxCEiPremiums: cad(v.boxC),
    boxEQuebecIncomeTax: cad(v.boxE),
    boxGPensionableSalary: cad(v.boxG),
    boxHQpipPremiums: cad(v.boxH),
    boxIQpipInsurableSalary: cad(v.boxI),
  });
}
