/**
 * Iowa income tax withholding, IDR withholding formula (see tables/ia-withholding.ts):
 *   annual tax = (period wages × periods − IA W-4 standard deduction) × rate − IA W-4 total allowances, floor 0;
 *   ÷ periods, half-up to the cent.
 * A bonus paid with regular wages is one payment (aggregate: it is in the period's wages).
 * No IA W-4 on file → Single, no allowances (the engine's default: the IDR default was not sourced), said on the line.
 * 2026 is a MISSING_TAX_TABLE blocker (its standard deductions have one source only).
 */
import type { CertificateForm } from "../../certificates";
import { type Computed, type UsPayContext, employeeTax } from "../context";
import { applyRate, divideHalfUp, formatUsd, max0 } from "../money";
import { IA_WITHHOLDING, type IaW4Status } from "../tables/ia-withholding";
import { CertificateReader } from "./certificate-reader";
import type { UsStateModule } from "./state-module";

const STATUSES: readonly IaW4Status[] = ["SINGLE", "HEAD_OF_HOUSEHOLD", "MARRIED"];

export const IA_W4: CertificateForm = {
  key: "iaW4",
  title: "IA W-4",
  jurisdictions: ["US-IA"],
  description:
    "Iowa Employee Withholding Allowance Certificate (IA W-4, 2024 and later revisions): filing status and total " +
    "allowances. Without one the engine withholds as Single with no allowances and says so on the line.",
  fields: [
    {
      name: "filingStatus",
      type: { kind: "ENUM", values: STATUSES },
      description:
        "IA W-4 filing status: Single, Head of household, or Married. Selects the standard deduction ($12,000 / $18,050 / " +
        "$24,050 in 2025). A pre-2024 IA W-4 has no head of household: use SINGLE or MARRIED. Default SINGLE.",
    },
    {
      name: "totalAllowances",
      type: { kind: "MONEY" },
      description:
        "IA W-4 total allowances as an annual dollar amount, cents (subtracted from the annual tax). For a pre-2024 " +
        "IA W-4 that counts allowances, enter $40 × the count (e.g. 8000 for 2). Default 0.",
    },
  ],
};

export function computeIowa(ctx: UsPayContext): Computed {
  const edition = IA_WITHHOLDING[ctx.taxYear];
  if (!edition) {
    return {
      lines: [],
      blockers: [
        {
          code: "MISSING_TAX_TABLE",
          message: `Iowa withholding for ${ctx.taxYear} is not computed: that year's IDR withholding formula (standard deductions) is not transcribed.`,
        },
      ],
    };
  }
  const w4 = new CertificateReader(IA_W4, ctx);
  const status = w4.choice<IaW4Status>("filingStatus", "SINGLE");
  const allowances = w4.money("totalAllowances");
  if (w4.blockers.length > 0) return { lines: [], blockers: w4.blockers };
  const { regular, supplemental } = ctx.taxable.stateIncome;
  const wages = regular + supplemental;
  const taxable = max0(wages * ctx.periodsPerYear - edition.standardDeduction[status]);
  const annualTax = max0(applyRate(taxable, edition.rate) - allowances);
  const tax = divideHalfUp(annualTax, ctx.periodsPerYear);
  const who = w4.onFile ? `IA W-4 ${status}, allowances ${formatUsd(allowances)}` : "no IA W-4 on file: Single, no allowances";
  const bonus = supplemental > 0n ? ` (including the ${formatUsd(supplemental)} bonus, aggregated)` : "";
  const description =
    `Iowa income tax: ${edition.rateText} of annual taxable ${formatUsd(taxable)}${bonus} less allowances, ÷ ${ctx.periodsPerYear} ` + `(${who}; ${edition.citation})`;
  return { lines: [employeeTax("US_IA_SIT", description, tax, wages)], blockers: [] };
}

export const iowa: UsStateModule = {
  state: "IA",
  compute: computeIowa,
  certificate: IA_W4,
  coverage: [
    {
      jurisdiction: "US-IA",
      status: "PARTIAL",
      taxYears: Object.keys(IA_WITHHOLDING).map(Number),
      lineCodes: [{ code: "US_IA_SIT", kind: "EMPLOYEE_TAX", where: "US-IA", meaning: "Iowa income tax" }],
      sources: Object.values(IA_WITHHOLDING).map((e) => e.citation),
      note:
        "State income tax by the IDR withholding formula (2025) with the IA W-4 (secondary sources; see the engine " +
        "README). 2026 → MISSING_TAX_TABLE (standard deductions from one source only). School district surtaxes are " +
        "collected on the return, not withheld.",
    },
  ],
};
