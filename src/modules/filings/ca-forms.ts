/**
 * Canadian filings from statement lines (pure): the T4 slip per worker and province of employment, the Quebec RL-1,
 * and the PD7A monthly remittance summary.
 *
 * Sources (box definitions):
 *  - CRA RC4120 "Employers' Guide – Filing the T4 Slip and Summary" (2025): box 14 employment income (salary,
 *    bonuses and taxable benefits), 16 / 16A employee CPP / CPP2, 17 / 17A QPP / QPP2, 18 EI premiums, 22 income
 *    tax deducted, 24 EI insurable earnings (up to the year's maximum insurable earnings), 26 CPP/QPP pensionable
 *    earnings (up to the year's maximum pensionable earnings, the YAMPE since 2024), 44 union dues, 52 pension
 *    adjustment, 55 PPIP premiums, 56 PPIP insurable earnings (up to the QPIP maximum). A separate T4 per province
 *    of employment (box 10). Secondary source agreeing on box 26 up to the YAMPE: catax.tools "T4 Box 26".
 *  - Revenu Québec RL-1.G "Guide to Filing the RL-1 Slip: Employment and Other Income" (2025): box A employment
 *    income, B QPP contributions, C EI premiums, E Quebec income tax withheld, G pensionable salary under the QPP,
 *    H QPIP premiums, I salary insurable under the QPIP.
 *  - CRA PD7A "Statement of Account for Current Source Deductions": gross payroll of the month, number of employees
 *    in the last pay period of the month, and the remittance (CPP, EI, income tax; employee and employer shares).
 * Caps are the engine's T4127 tables for the year (maximum insurable earnings, YAMPE, QPIP maximum).
 */
import { CA_TREATMENT, type CaWageBase } from "../payroll/engine/benefits/treatment";
import type { BenefitKind } from "../../shared/benefit-kind";
import { editionFor } from "../payroll/engine/ca/editions";
import { authorityForLine } from "../remittances/authorities";
import { type LedgerRow, type MonthLineSum, dollarsToCents, groupRows, sumCodes, sumRows, taxableOf } from "./filing-ledger";

export interface CaCaps {
  /** EI maximum insurable earnings (T4127 Table 8.7), cents. */
  eiMaxInsurable: number;
  /** YAMPE: the CPP/QPP maximum pensionable earnings reported in box 26 / box G (T4127 Table 8.3), cents. */
  maxPensionable: number;
  /** QPIP maximum insurable earnings (T4127 Table 8.8), cents. */
  qpipMaxInsurable: number;
}

/** The year's caps from the T4127 edition in force at the year's end; undefined when the year is not sourced. */
export function caCaps(year: number): CaCaps | undefined {
  const edition = editionFor(`${year}-12-31`);
  if (!edition) return undefined;
  return {
    eiMaxInsurable: dollarsToCents(edition.ei.maxInsurableEarnings),
    maxPensionable: dollarsToCents(edition.cpp.yampe),
    qpipMaxInsurable: dollarsToCents(edition.qpip.maxInsurableEarnings),
  };
}

function employerKind(code: string): BenefitKind | undefined {
  return code.startsWith("BEN_ER_") ? (code.slice("BEN_ER_".length) as BenefitKind) : undefined;
}

/** An employer benefit line whose amount is a taxable benefit added to `base` (federal or Quebec treatment). */
function taxableEmployerShare(row: LedgerRow, base: CaWageBase, quebec: boolean): boolean {
  const kind = employerKind(row.code);
  const treatment = kind ? CA_TREATMENT[kind] : undefined;
  if (!treatment) return false;
  const bases = quebec ? treatment.employerTaxableInQuebec : treatment.employerTaxableIn;
  if (bases.includes(base)) return true;
  return quebec && base === "INCOME_TAX" && treatment.quebecIncomeTaxOnly === true;
}

/** Σ of earnings plus the employer benefits taxable in `base`, over rows matching `on`. */
function remuneration(rows: readonly LedgerRow[], base: CaWageBase, quebec: boolean, on: (r: LedgerRow) => boolean = () => true): number {
  return sumRows(rows, (r) => on(r) && (r.kind === "EARNING" || taxableEmployerShare(r, base, quebec))).inPeriod;
}

export interface T4Values {
  /** Box 10: province or territory of employment (two letters). */
  province: string;
  box14: number;
  box16: number;
  box16A: number;
  box17: number;
  box17A: number;
  box18: number;
  box22: number;
  box24: number;
  box26: number;
  box44: number;
  box52: number;
  box55: number;
  box56: number;
}

/** T4 slips of one worker for a year, one per province of employment (rows: that worker's year). */
export function t4Values(rows: readonly LedgerRow[], caps: CaCaps): T4Values[] {
  return [...groupRows(rows, (r) => r.jurisdiction)]
    .filter(([jurisdiction]) => jurisdiction.startsWith("CA-"))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([jurisdiction, group]) => {
      const province = jurisdiction.slice(3);
      const quebec = province === "QC";
      // Box 22: income tax the CRA receives (federal everywhere; provincial outside Quebec, where Revenu Québec collects it).
      const incomeTax = sumRows(group, (r) => r.kind === "EMPLOYEE_TAX" && /^CA_(FIT|[A-Z]{2}_PIT)$/.test(r.code) && authorityForLine(r.code)?.code === "CRA").inPeriod;
      return {
        province,
        box14: remuneration(group, "INCOME_TAX", false),
        box16: sumCodes(group, "CA_CPP_EE"),
        box16A: sumCodes(group, "CA_CPP2_EE"),
        box17: sumCodes(group, "CA_QPP_EE"),
        box17A: sumCodes(group, "CA_QPP2_EE"),
        box18: sumCodes(group, "CA_EI_EE"),
        box22: incomeTax,
        box24: Math.min(caps.eiMaxInsurable, taxableOf(group, "CA_EI_EE")?.inPeriod ?? remuneration(group, "INSURABLE", quebec, (r) => r.insurable)),
        box26: Math.min(
          caps.maxPensionable,
          remuneration(group, "PENSIONABLE", quebec, (r) => r.pensionable),
        ),
        box44: 0, // no union-dues deduction exists in the product
        box52: 0, // no registered pension plan or DPSP exists in the product (a group RRSP has no pension adjustment)
        box55: sumCodes(group, "CA_QPIP_EE"),
        box56: quebec ? Math.min(caps.qpipMaxInsurable, taxableOf(group, "CA_QPIP_EE")?.inPeriod ?? remuneration(group, "QPIP", true, (r) => r.qpip)) : 0,
      };
    });
}

export interface Rl1Values {
  boxA: number;
  boxB: number;
  boxC: number;
  boxE: number;
  boxG: number;
  boxH: number;
  boxI: number;
}

/** RL-1 of one worker for a year: the Quebec employment rows; undefined when there is none. */
export function rl1Values(rows: readonly LedgerRow[], caps: CaCaps): Rl1Values | undefined {
  const quebec = rows.filter((r) => r.jurisdiction === "CA-QC");
  if (quebec.length === 0) return undefined;
  return {
    boxA: remuneration(quebec, "INCOME_TAX", true),
    boxB: sumCodes(quebec, "CA_QPP_EE", "CA_QPP2_EE"),
    boxC: sumCodes(quebec, "CA_EI_EE"),
    boxE: sumCodes(quebec, "CA_QC_PIT"),
    boxG: Math.min(
      caps.maxPensionable,
      remuneration(quebec, "PENSIONABLE", true, (r) => r.pensionable),
    ),
    boxH: sumCodes(quebec, "CA_QPIP_EE"),
    boxI: Math.min(caps.qpipMaxInsurable, taxableOf(quebec, "CA_QPIP_EE")?.inPeriod ?? remuneration(quebec, "QPIP", true, (r) => r.qpip)),
  };
}

export interface Pd7aValues {
  month: string;
  grossPayroll: number;
  employeesInLastPayPeriod: number;
  cppEmployee: number;
  cppEmployer: number;
  eiEmployee: number;
  eiEmployer: number;
  incomeTax: number;
  total: number;
}

/**
 * PD7A months of a quarter: `months` lists the quarter's three months (`YYYY-MM`); `employees` the number of
 * employees paid on the last pay date of each month. CPP includes CPP2; income tax is what the CRA receives
 * (federal, and provincial outside Quebec); Quebec's QPP, QPIP and provincial tax go to Revenu Québec, not here.
 */
export function pd7aValues(months: readonly string[], sums: readonly MonthLineSum[], employees: ReadonlyMap<string, number>): Pd7aValues[] {
  return months.map((month) => {
    const rows = sums.filter((s) => s.month === month);
    const total = (keep: (s: MonthLineSum) => boolean) => rows.filter(keep).reduce((acc, s) => acc + s.amount, 0);
    const codes = (...list: string[]) => total((s) => list.includes(s.code));
    const cppEmployee = codes("CA_CPP_EE", "CA_CPP2_EE");
    const cppEmployer = codes("CA_CPP_ER", "CA_CPP2_ER");
    const eiEmployee = codes("CA_EI_EE");
    const eiEmployer = codes("CA_EI_ER");
    const incomeTax = total((s) => s.kind === "EMPLOYEE_TAX" && /^CA_(FIT|[A-Z]{2}_PIT)$/.test(s.code) && authorityForLine(s.code)?.code === "CRA");
    return {
      month,
      grossPayroll: total((s) => s.kind === "EARNING"),
      employeesInLastPayPeriod: employees.get(month) ?? 0,
      cppEmployee,
      cppEmployer,
      eiEmployee,
      eiEmployer,
      incomeTax,
      total: cppEmployee + cppEmployer + eiEmployee + eiEmployer + incomeTax,
    };
  });
}
