/**
 * Mississippi income tax withholding, Pub 89-700 computer formula with Form 89-350 (see tables/ms-withholding.ts):
 *   annual = (regular + supplemental wages of the period) × periods   (supplemental paid with regular wages is one
 *   payment — aggregate method);
 *   taxable = annual − standard deduction (89-350 status) − total exemption claimed (89-350 line 6), floor 0;
 *   annual tax = rate × (taxable − $10,000), floor 0; per period = annual tax ÷ periods, rounded to the dollar;
 *   + 89-350 additional withholding. "Exempt" on the 89-350 → $0 (the line says so).
 * No 89-350 on file → zero exemptions (MS DOR) with the Single standard deduction, stated on the line.
 */
import type { CertificateForm } from "../../certificates";
import { type Computed, type UsPayContext, employeeTax } from "../context";
import { applyRate, divideHalfUp, formatUsd, max0 } from "../money";
import { MS_WITHHOLDING, type Ms89350Status } from "../tables/ms-withholding";
import { CertificateReader } from "./certificate-reader";
import type { UsStateModule } from "./state-module";

const STATUSES: readonly Ms89350Status[] = ["SINGLE", "MARRIED_SPOUSE_NOT_EMPLOYED", "MARRIED_SPOUSE_EMPLOYED", "HEAD_OF_FAMILY"];

export const MS_89_350: CertificateForm = {
  key: "ms89350",
  title: "Form 89-350",
  jurisdictions: ["US-MS"],
  description:
    "Mississippi Employee's Withholding Exemption Certificate (MS DOR Form 89-350). Without one on file the employer " +
    "withholds on zero exemptions (MS DOR); the engine then uses the Single standard deduction and says so on the line.",
  fields: [
    {
      name: "filingStatus",
      type: { kind: "ENUM", values: STATUSES },
      description:
        "89-350 lines 1–3: Single, Married with spouse not employed, Married with spouse employed, or Head of family. " +
        "Selects the standard deduction ($2,300 / $4,600 / $2,300 / $3,400). Default SINGLE.",
    },
    {
      name: "totalExemption",
      type: { kind: "MONEY" },
      description: "89-350 line 6, total exemption claimed: annual amount in cents (e.g. 600000 for the $6,000 single exemption). Default 0.",
    },
    { name: "additionalWithholding", type: { kind: "MONEY" }, description: "89-350 line 7, additional withholding per pay period, cents. Default 0." },
    { name: "exempt", type: { kind: "BOOLEAN" }, description: "89-350 line 8, exempt from Mississippi withholding. Default false." },
  ],
};

export function computeMississippi(ctx: UsPayContext): Computed {
  const edition = MS_WITHHOLDING[ctx.taxYear];
  if (!edition) {
    return { lines: [], blockers: [{ code: "MISSING_TAX_TABLE", message: `Mississippi withholding for ${ctx.taxYear} is not transcribed (Pub 89-700).` }] };
  }
  const form = new CertificateReader(MS_89_350, ctx);
  const exempt = form.boolean("exempt", false);
  const status = form.choice<Ms89350Status>("filingStatus", "SINGLE");
  const exemption = form.money("totalExemption");
  const extra = form.money("additionalWithholding");
  if (form.blockers.length > 0) return { lines: [], blockers: form.blockers };
  const wages = ctx.taxable.stateIncome.regular + ctx.taxable.stateIncome.supplemental;
  if (exempt) {
    return { lines: [employeeTax("US_MS_SIT", "Mississippi income tax: Form 89-350 claims exemption from withholding", 0n, wages)], blockers: [] };
  }
  const annual = wages * ctx.periodsPerYear;
  const taxable = max0(annual - edition.standardDeduction[status] - exemption);
  const annualTax = applyRate(max0(taxable - edition.zeroBracket), edition.rate);
  const perPeriod = divideHalfUp(annualTax, ctx.periodsPerYear * 100n) * 100n;
  const who = form.onFile ? `Form 89-350 ${status}, exemption ${formatUsd(exemption)}` : "no Form 89-350 on file: zero exemptions (MS DOR), Single standard deduction";
  const parts = [`annual taxable ${formatUsd(taxable)}, ${formatUsd(perPeriod)} per period rounded to the dollar (${who}; ${edition.citation})`];
  if (extra > 0n) parts.push(`additional ${formatUsd(extra)} (89-350 line 7)`);
  return { lines: [employeeTax("US_MS_SIT", `Mississippi income tax: ${parts.join("; ")}`, perPeriod + extra, wages)], blockers: [] };
}

export const mississippi: UsStateModule = {
  state: "MS",
  compute: computeMississippi,
  certificate: MS_89_350,
  coverage: [
    {
      jurisdiction: "US-MS",
      status: "COMPUTED",
      taxYears: Object.keys(MS_WITHHOLDING).map(Number),
      lineCodes: [{ code: "US_MS_SIT", kind: "EMPLOYEE_TAX", where: "US-MS", meaning: "Mississippi income tax" }],
      sources: Object.values(MS_WITHHOLDING).map((e) => e.citation),
      note: "Income tax withholding by the Pub 89-700 computer formula with Form 89-350 (secondary sources; see the engine README). No local income taxes.",
    },
  ],
};
