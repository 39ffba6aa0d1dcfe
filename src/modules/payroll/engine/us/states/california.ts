/**
 * California: PIT withholding by EDD Method B (exact calculation), SDI.
 *
 * Method B, as printed in 26methb.pdf p. 2 / DE 44, on the period's REGULAR wages:
 *   1. wages ≤ Table 1 low-income exemption (column of the DE 4 status) → no tax;
 *   2. subtract Table 2 estimated deduction for the DE 4 line 1b allowances;
 *   3. subtract Table 3 standard deduction → taxable income;
 *   4. tax = Table 17–28 row "plus" + rate × (taxable − row "over"), rounded half-up to the cent;
 *   5. subtract Table 4 exemption allowance credit for the DE 4 line 1a (regular) allowances, floor 0.
 * Then the DE 4 line 2 additional amount is added (it is an employee request, owed even under the exemption).
 *
 * Supplemental wages (the bonus) are withheld at the flat bonus rate of R&TC §18663(b) (10.23%) "in lieu of the
 * wage withholding tables", like the federal flat rate, and reported in the same US_CA_SIT line.
 *
 * The DE 4 is `PaycheckInput.certificates.de4` (DE4_FORM below). No DE 4 in the input → "Single with zero allowances", as the DE 4 instructions require and CUIC §13040/§13043
 * provide (no certificate → zero exemptions; marital status undeterminable → unmarried). The federal W-4 filing
 * status is NOT mapped onto California's: the law gives a default, so there is nothing to guess.
 *
 * Married column of Tables 1 and 3 ("allowances on DE 4 '0' or '1'" / "'2' or more"): read on the DE 4 total,
 * line 1a + line 1b (the column header qualifies "allowances" no further; Example B, married with 2 + 1, uses
 * "2 or more", consistent with this reading).
 * More than 10 allowances: the one-allowance amount × the count (footnotes to Tables 2 and 4).
 */
import type { CertificateForm } from "../../certificates";
import type { Blocker, PayFrequency } from "../../types";
import { type Computed, type UsPayContext, employeeTax } from "../context";
import { applyRate, divideHalfUp, formatUsd, max0 } from "../money";
import { CA_METHOD_B_2026, type CaDeductionColumn, type CaMethodBEdition, type CaRateRow, type CaRateSchedule } from "../tables/ca-method-b-2026";
import { CA_SDI } from "../tables/ca-sdi";
import { CA_SUPPLEMENTAL } from "../tables/ca-supplemental";
import type { UsStateModule } from "./state-module";

export const CA_METHOD_B_EDITIONS: Readonly<Record<number, CaMethodBEdition>> = { 2026: CA_METHOD_B_2026 };

const DE4_STATUSES = ["SINGLE_OR_DUAL_INCOME_MARRIED", "MARRIED_ONE_INCOME", "HEAD_OF_HOUSEHOLD"] as const;
type De4Status = (typeof DE4_STATUSES)[number];

/**
 * Form DE 4 (Employee's Withholding Allowance Certificate, EDD, rev. 2026). No DE 4 on file: "Single with zero
 * allowances" (DE 4 instructions; CUIC §13040/§13043).
 */
export const DE4_FORM: CertificateForm = {
  key: "de4",
  title: "DE 4",
  jurisdictions: ["US-CA"],
  description:
    "California Form DE 4, Employee's Withholding Allowance Certificate (EDD). Read by California PIT withholding (EDD Method B). Without one the employer withholds as Single with zero allowances (DE 4 instructions; CUIC §13040/§13043), and the US_CA_SIT line says so.",
  fields: [
    {
      name: "filingStatus",
      type: {
        kind: "ENUM",
        values: DE4_STATUSES,
        valueDescriptions: {
          SINGLE_OR_DUAL_INCOME_MARRIED: "Single or Married (with two or more incomes).",
          MARRIED_ONE_INCOME: "Married (one income).",
          HEAD_OF_HOUSEHOLD: "Head of Household.",
        },
      },
      required: true,
      description: "DE 4 filing status (the box checked). Required on a DE 4.",
    },
    { name: "regularAllowances", type: { kind: "COUNT" }, description: "DE 4 line 1a: number of regular withholding allowances (Worksheet A). Default 0." },
    { name: "estimatedDeductionAllowances", type: { kind: "COUNT" }, description: "DE 4 line 1b: allowances for estimated deductions (Worksheet B). Default 0." },
    { name: "extraWithholding", type: { kind: "MONEY" }, description: "DE 4 line 2: additional amount to withhold each pay period (USD). Default 0." },
  ],
};

function columnFor(status: De4Status, totalAllowances: number): CaDeductionColumn {
  if (status === "HEAD_OF_HOUSEHOLD") return "HEAD_OF_HOUSEHOLD";
  if (status === "MARRIED_ONE_INCOME") return totalAllowances >= 2 ? "MARRIED_2_PLUS" : "MARRIED_0_1";
  return "SINGLE_DUAL";
}

function scheduleFor(status: De4Status): CaRateSchedule {
  if (status === "HEAD_OF_HOUSEHOLD") return "HEAD_OF_HOUSEHOLD";
  if (status === "MARRIED_ONE_INCOME") return "MARRIED";
  return "SINGLE";
}

/** Tables 2 and 4: printed for 0…10 allowances; above 10, one allowance × the count. */
function byAllowances(amounts: readonly bigint[], count: number): bigint {
  if (count < amounts.length) return amounts[count];
  return amounts[1] * BigInt(count);
}

/** "Over … but not over …": the last row whose `over` is strictly below the taxable income. */
function rowFor(rows: readonly CaRateRow[], taxable: bigint): CaRateRow {
  let found = rows[0];
  for (const row of rows) if (taxable > row.over) found = row;
  return found;
}

/** Method B steps 1–5 for one period's regular wages; returns cents before the DE 4 line 2 extra. */
export function methodB(
  edition: CaMethodBEdition,
  frequency: PayFrequency,
  wages: bigint,
  status: De4Status,
  regularAllowances: number,
  estimatedDeductionAllowances: number,
): bigint {
  const column = columnFor(status, regularAllowances + estimatedDeductionAllowances);
  if (wages <= edition.lowIncomeExemption[frequency][column]) return 0n; // step 1
  const estimated = byAllowances(edition.estimatedDeduction[frequency], estimatedDeductionAllowances);
  const afterEstimated = max0(wages - estimated); // step 2
  const taxable = max0(afterEstimated - edition.standardDeduction[frequency][column]); // step 3
  const row = rowFor(edition.rateTables[frequency][scheduleFor(status)], taxable); // step 4
  const computed = row.plus + divideHalfUp((taxable - row.over) * row.rate.numerator, row.rate.denominator);
  const credit = byAllowances(edition.exemptionAllowanceCredit[frequency], regularAllowances);
  return max0(computed - credit); // step 5
}

export function computeCalifornia(ctx: UsPayContext): Computed {
  const lines = [];
  const blockers: Blocker[] = [];
  const edition = CA_METHOD_B_EDITIONS[ctx.taxYear];
  const supplementalRates = CA_SUPPLEMENTAL[ctx.taxYear];
  if (!edition || !supplementalRates) {
    blockers.push({
      code: "MISSING_TAX_TABLE",
      message:
        `California PIT withholding for ${ctx.taxYear} is not computed: the EDD Method B ${ctx.taxYear} tables ` +
        `(low-income exemption, deductions, credits and the per-period rate tables) are not transcribed in this engine.`,
    });
  } else {
    // Validated against DE4_FORM before any module runs (INVALID_INPUT otherwise).
    const de4 = ctx.input.certificates?.[DE4_FORM.key];
    const status = (de4?.filingStatus as De4Status | undefined) ?? "SINGLE_OR_DUAL_INCOME_MARRIED";
    const regularAllowances = Number(de4?.regularAllowances ?? 0);
    const estimatedAllowances = Number(de4?.estimatedDeductionAllowances ?? 0);
    const extra = BigInt(de4?.extraWithholding ?? 0);
    const regular = methodB(edition, ctx.payFrequency, ctx.taxable.stateIncome.regular, status, regularAllowances, estimatedAllowances);
    const bonus = applyRate(ctx.taxable.stateIncome.supplemental, supplementalRates.bonusesAndStockOptions);
    const who = de4
      ? `DE 4 ${status}, ${regularAllowances} regular + ${estimatedAllowances} estimated-deduction allowances`
      : "no DE 4 on file: Single, 0 allowances (DE 4 instructions, CUIC §13043)";
    const parts = [`regular wages ${formatUsd(regular)} by ${edition.citation} (${who})`];
    if (ctx.taxable.stateIncome.supplemental > 0n) parts.push(`bonus ${formatUsd(bonus)} at 10.23% (${supplementalRates.citation})`);
    if (extra > 0n) parts.push(`additional ${formatUsd(extra)} (DE 4 line 2)`);
    lines.push(
      employeeTax("US_CA_SIT", `California PIT withholding: ${parts.join("; ")}`, regular + bonus + extra, ctx.taxable.stateIncome.regular + ctx.taxable.stateIncome.supplemental),
    );
  }

  const sdi = CA_SDI[ctx.taxYear];
  const sdiWages = ctx.taxable.statePrograms;
  const sdiAmount = applyRate(sdiWages, sdi.employeeRate);
  if (sdiAmount > 0n) {
    const description = `California SDI on ${formatUsd(sdiWages)}, no wage limit (${sdi.citation})`;
    lines.push(employeeTax("US_CA_SDI_EE", description, sdiAmount, sdiWages));
  }
  return { lines, blockers };
}

export const california: UsStateModule = {
  state: "CA",
  compute: computeCalifornia,
  certificate: DE4_FORM,
  coverage: [
    {
      jurisdiction: "US-CA",
      status: "COMPUTED",
      taxYears: [2026],
      lineCodes: [
        { code: "US_CA_SIT", kind: "EMPLOYEE_TAX", where: "US-CA", meaning: "California personal income tax (EDD Method B)" },
        { code: "US_CA_SDI_EE", kind: "EMPLOYEE_TAX", where: "US-CA", meaning: "California State Disability Insurance" },
      ],
      sources: [CA_METHOD_B_2026.citation, ...Object.values(CA_SUPPLEMENTAL).map((e) => e.citation), ...Object.values(CA_SDI).map((e) => e.citation)],
      note: "PIT withholding by Method B with the DE 4 (2026 tables; 2025 is a MISSING_TAX_TABLE blocker) and SDI. No local income taxes.",
    },
  ],
};
