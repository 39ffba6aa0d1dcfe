/**
 * Louisiana income tax withholding, LDR R-1306 computer formula (2025 edition, see tables/la-withholding.ts):
 *   W = (S − standard deduction ÷ N) × 3.09%, floor 0, half-up to the cent, where S is the period's wages and the
 *   standard deduction follows the L-4 status (none when the L-4 claims no standard deduction).
 * Supplemental wages paid with regular wages are one payment (aggregate: S includes them); R-1306 prints no separate
 * supplemental rate.
 * No L-4 on file → Single / married-separate standard deduction (the default the USDA NFC transcription states for a
 * blank status), said on the line. 2026 is a MISSING_TAX_TABLE blocker (CPI-indexed deduction not sourced twice).
 */
import type { CertificateForm } from "../../certificates";
import { type Computed, type UsPayContext, employeeTax } from "../context";
import { divideHalfUp, formatUsd, max0 } from "../money";
import { LA_WITHHOLDING, type LaL4Status } from "../tables/la-withholding";
import { CertificateReader } from "./certificate-reader";
import type { UsStateModule } from "./state-module";

const STATUSES: readonly LaL4Status[] = ["SINGLE_OR_MARRIED_SEPARATE", "MARRIED_JOINT_SURVIVING_SPOUSE_OR_HEAD_OF_HOUSEHOLD"];

export const L4: CertificateForm = {
  key: "laL4",
  title: "L-4",
  jurisdictions: ["US-LA"],
  description:
    "Louisiana Form L-4, Employee's Withholding Allowance Certificate (LDR, 2025 revision). The employee chooses the " +
    "standard deduction of their filing status, or none. Without an L-4 the engine uses the Single / married-separate " +
    "standard deduction and says so on the line.",
  fields: [
    {
      name: "filingStatus",
      type: { kind: "ENUM", values: STATUSES },
      description:
        "L-4 filing status: Single or married filing separately ($12,500 standard deduction in 2025), or married filing " +
        "jointly, qualifying surviving spouse or head of household ($25,000 in 2025). Default SINGLE_OR_MARRIED_SEPARATE.",
    },
    {
      name: "noStandardDeduction",
      type: { kind: "BOOLEAN" },
      description: "L-4: the employee claims no standard deduction (more is withheld: 3.09% of all wages). Default false.",
    },
  ],
};

export function computeLouisiana(ctx: UsPayContext): Computed {
  const edition = LA_WITHHOLDING[ctx.taxYear];
  if (!edition) {
    return {
      lines: [],
      blockers: [
        {
          code: "MISSING_TAX_TABLE",
          message:
            `Louisiana withholding for ${ctx.taxYear} is not computed: the R-1306 edition for that year (CPI-indexed ` +
            "standard deduction, withholding rate) is not transcribed.",
        },
      ],
    };
  }
  const l4 = new CertificateReader(L4, ctx);
  const status = l4.choice<LaL4Status>("filingStatus", "SINGLE_OR_MARRIED_SEPARATE");
  const none = l4.boolean("noStandardDeduction", false);
  if (l4.blockers.length > 0) return { lines: [], blockers: l4.blockers };
  const { regular, supplemental } = ctx.taxable.stateIncome;
  const wages = regular + supplemental;
  const deduction = none ? 0n : edition.standardDeduction[status];
  const annualTaxable = max0(wages * ctx.periodsPerYear - deduction);
  const tax = divideHalfUp(annualTaxable * edition.rate.numerator, edition.rate.denominator * ctx.periodsPerYear);
  const who = !l4.onFile
    ? "no L-4 on file: Single / married-separate standard deduction"
    : none
      ? "L-4: no standard deduction claimed"
      : `L-4 ${status === "SINGLE_OR_MARRIED_SEPARATE" ? "single / married separate" : "married joint / surviving spouse / head of household"}`;
  const bonus = supplemental > 0n ? ` (including the ${formatUsd(supplemental)} bonus, aggregated)` : "";
  const description =
    `Louisiana income tax: ${edition.rateText} of (${formatUsd(wages)}${bonus} − ${formatUsd(deduction)} ÷ ${ctx.periodsPerYear}) ` + `(${who}; ${edition.citation})`;
  return { lines: [employeeTax("US_LA_SIT", description, tax, wages)], blockers: [] };
}

export const louisiana: UsStateModule = {
  state: "LA",
  compute: computeLouisiana,
  certificate: L4,
  coverage: [
    {
      jurisdiction: "US-LA",
      status: "PARTIAL",
      taxYears: Object.keys(LA_WITHHOLDING).map(Number),
      lineCodes: [{ code: "US_LA_SIT", kind: "EMPLOYEE_TAX", where: "US-LA", meaning: "Louisiana income tax" }],
      sources: Object.values(LA_WITHHOLDING).map((e) => e.citation),
      note:
        "State income tax by the R-1306 computer formula (2025 edition) with the L-4 (secondary sources; see the engine " +
        "README). 2026 → MISSING_TAX_TABLE (the CPI-indexed 2026 standard deduction and rate are not sourced twice). " +
        "No local income taxes.",
    },
  ],
};
