/**
 * North Carolina income tax withholding by the NC-30 percentage method (tables in ../tables/nc-withholding.ts):
 *   net = wages − standard deduction ÷ periods − NC-4 allowances × ($2,500 ÷ periods)   (each ÷ rounded to the cent)
 *   tax = net × 4.09%, rounded to the nearest whole dollar, + the NC-4 line 2 additional amount.
 * Supplemental wages (the bonus) are added to the period's wages and withheld on as one payment (aggregate method).
 * No NC-4 on file → single with zero allowances (NC-30: an employee who does not furnish an NC-4 is withheld on as
 * single with no allowances); the line says so.
 */
import type { CertificateForm } from "../../certificates";
import { type Computed, type UsPayContext, employeeTax } from "../context";
import { divideHalfUp, formatUsd, max0 } from "../money";
import { type Nc4Status, NC_WITHHOLDING } from "../tables/nc-withholding";
import { CertificateReader } from "./certificate-reader";
import type { UsStateModule } from "./state-module";

const NC4_STATUSES: readonly Nc4Status[] = ["SINGLE_OR_MARRIED_FILING_SEPARATELY", "HEAD_OF_HOUSEHOLD", "MARRIED_FILING_JOINTLY_OR_SURVIVING_SPOUSE"];

export const NC_4: CertificateForm = {
  key: "nc4",
  title: "NC-4",
  jurisdictions: ["US-NC"],
  description: "North Carolina Form NC-4, Employee's Withholding Allowance Certificate (NCDOR). Without one, North Carolina withholds as single with zero allowances (NC-30).",
  fields: [
    { name: "filingStatus", type: { kind: "ENUM", values: NC4_STATUSES }, description: "NC-4 filing status box. Default SINGLE_OR_MARRIED_FILING_SEPARATELY." },
    { name: "allowances", type: { kind: "COUNT", max: 99 }, description: "NC-4 line 1: total number of allowances. Default 0." },
    {
      name: "additionalWithholding",
      type: { kind: "MONEY" },
      description: "NC-4 line 2: additional amount to withhold each pay period, cents (whole dollars on the form). Default 0.",
    },
  ],
};

export function computeNorthCarolina(ctx: UsPayContext): Computed {
  const edition = NC_WITHHOLDING[ctx.taxYear];
  if (!edition) {
    return {
      lines: [],
      blockers: [
        {
          code: "MISSING_TAX_TABLE",
          message: `North Carolina withholding for ${ctx.taxYear} is not computed: the NC-30 formula for ${ctx.taxYear} is not transcribed in this engine (2026 is).`,
        },
      ],
    };
  }
  const cert = new CertificateReader(NC_4, ctx);
  const status = cert.choice<Nc4Status>("filingStatus", "SINGLE_OR_MARRIED_FILING_SEPARATELY");
  const allowances = cert.count("allowances", 0);
  const extra = cert.money("additionalWithholding");
  if (cert.blockers.length > 0) return { lines: [], blockers: cert.blockers };

  const wages = ctx.taxable.stateIncome.regular + ctx.taxable.stateIncome.supplemental;
  const standard = divideHalfUp(edition.standardDeduction[status], ctx.periodsPerYear);
  const perAllowance = divideHalfUp(edition.allowance, ctx.periodsPerYear);
  const net = max0(wages - standard - perAllowance * BigInt(allowances));
  const tax = divideHalfUp(net * edition.rate.numerator, edition.rate.denominator * 100n) * 100n; // whole dollars
  const who = cert.onFile ? `NC-4 ${status.toLowerCase().replaceAll("_", " ")}, ${allowances} allowances` : "no NC-4 on file: single, 0 allowances (NC-30)";
  const parts = [
    `${formatUsd(wages)} − ${formatUsd(standard)} standard deduction − ${allowances} × ${formatUsd(perAllowance)} = ${formatUsd(net)} × 4.09%, to the dollar: ${formatUsd(tax)}`,
    who,
  ];
  if (ctx.taxable.stateIncome.supplemental > 0n) parts.push("bonus included (aggregate method)");
  if (extra > 0n) parts.push(`additional ${formatUsd(extra)} (NC-4 line 2)`);
  return { lines: [employeeTax("US_NC_SIT", `North Carolina income tax: ${parts.join("; ")} (${edition.citation})`, tax + extra, wages)], blockers: [] };
}

export const northCarolina: UsStateModule = {
  state: "NC",
  compute: computeNorthCarolina,
  certificate: NC_4,
  coverage: [
    {
      jurisdiction: "US-NC",
      status: "COMPUTED",
      taxYears: Object.keys(NC_WITHHOLDING).map(Number),
      lineCodes: [{ code: "US_NC_SIT", kind: "EMPLOYEE_TAX", where: "US-NC", meaning: "North Carolina income tax (NC-30 percentage method)" }],
      sources: Object.values(NC_WITHHOLDING).map((e) => e.citation),
      note: "Income tax withholding by the NC-30 percentage method with the NC-4 (2026; 2025 is a MISSING_TAX_TABLE blocker). No local income taxes.",
    },
  ],
};
