/**
 * Michigan income tax withholding (Form 446 formula; tables in ../tables/mi-withholding.ts):
 *   tax = 4.25% × (wages − MI-W4 exemptions × ($5,900 ÷ periods, rounded to the cent)), floor 0, half-up to the
 *   cent, + the MI-W4 line 7 additional amount. MI-W4 line 8 (exempt) → nothing withheld.
 * Supplemental wages are added to the period's wages (aggregate method; Michigan's rate is flat).
 * No MI-W4 on file → zero exemptions (Form 446: withhold as if the employee claimed none); the line says so.
 * City income taxes (Detroit and the other Michigan cities levying one) are NOT computed: the coverage entry is
 * PARTIAL and the line says so.
 */
import type { CertificateForm } from "../../certificates";
import { type Computed, type UsPayContext, employeeTax } from "../context";
import { applyRate, divideHalfUp, formatUsd, max0 } from "../money";
import { MI_WITHHOLDING } from "../tables/mi-withholding";
import { CertificateReader } from "./certificate-reader";
import type { UsStateModule } from "./state-module";

export const MI_W4: CertificateForm = {
  key: "miW4",
  title: "MI-W4",
  jurisdictions: ["US-MI"],
  description:
    "Michigan Form MI-W4, Employee's Michigan Withholding Exemption Certificate (Michigan Department of Treasury). Without one, Michigan withholds with zero exemptions (Form 446).",
  fields: [
    { name: "exemptions", type: { kind: "COUNT", max: 99 }, description: "MI-W4 line 6: personal and dependent exemptions. Default 0." },
    { name: "additionalWithholding", type: { kind: "MONEY" }, description: "MI-W4 line 7: additional Michigan withholding each pay period, cents. Default 0." },
    { name: "exempt", type: { kind: "BOOLEAN" }, description: "MI-W4 line 8: the employee claims exemption from Michigan withholding. Default false." },
  ],
};

export function computeMichigan(ctx: UsPayContext): Computed {
  const edition = MI_WITHHOLDING[ctx.taxYear];
  if (!edition) {
    return {
      lines: [],
      blockers: [
        {
          code: "MISSING_TAX_TABLE",
          message: `Michigan withholding for ${ctx.taxYear} is not computed: the Form 446 rate and exemption for ${ctx.taxYear} are not transcribed in this engine (2026 is).`,
        },
      ],
    };
  }
  const cert = new CertificateReader(MI_W4, ctx);
  const exemptions = cert.count("exemptions", 0);
  const extra = cert.money("additionalWithholding");
  const exempt = cert.boolean("exempt", false);
  if (cert.blockers.length > 0) return { lines: [], blockers: cert.blockers };

  const wages = ctx.taxable.stateIncome.regular + ctx.taxable.stateIncome.supplemental;
  const citySuffix = "; city income taxes (Detroit and other cities) not included";
  if (exempt) {
    return { lines: [employeeTax("US_MI_SIT", `Michigan income tax: none, exemption claimed on MI-W4 line 8${citySuffix}`, 0n, wages)], blockers: [] };
  }
  const perExemption = divideHalfUp(edition.exemption, ctx.periodsPerYear);
  const taxable = max0(wages - perExemption * BigInt(exemptions));
  const tax = applyRate(taxable, edition.rate);
  const who = cert.onFile ? `MI-W4 ${exemptions} exemptions × ${formatUsd(perExemption)}` : "no MI-W4 on file: 0 exemptions (Form 446)";
  const parts = [`4.25% of ${formatUsd(taxable)} = ${formatUsd(tax)}`, who];
  if (ctx.taxable.stateIncome.supplemental > 0n) parts.push("bonus included (aggregate method)");
  if (extra > 0n) parts.push(`additional ${formatUsd(extra)} (MI-W4 line 7)`);
  return { lines: [employeeTax("US_MI_SIT", `Michigan income tax: ${parts.join("; ")} (${edition.citation})${citySuffix}`, tax + extra, wages)], blockers: [] };
}

export const michigan: UsStateModule = {
  state: "MI",
  compute: computeMichigan,
  certificate: MI_W4,
  coverage: [
    {
      jurisdiction: "US-MI",
      status: "PARTIAL",
      taxYears: Object.keys(MI_WITHHOLDING).map(Number),
      lineCodes: [{ code: "US_MI_SIT", kind: "EMPLOYEE_TAX", where: "US-MI", meaning: "Michigan income tax (Form 446 formula)" }],
      sources: Object.values(MI_WITHHOLDING).map((e) => e.citation),
      note: "State income tax 4.25% after MI-W4 exemptions is computed (2026; 2025 is a MISSING_TAX_TABLE blocker); city income taxes (Detroit and other cities) are not.",
    },
  ],
};
