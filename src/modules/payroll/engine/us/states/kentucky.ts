/**
 * Kentucky income tax withholding by the KY DOR withholding formula on the period's REGULAR wages:
 *   annual = regular × periods − standard deduction (floor 0); annual tax = annual × flat rate; period tax = annual
 *   tax ÷ periods, half-up to the cent.
 * Supplemental wages (the bonus) are withheld at the flat rate itself (Kentucky's tax is flat, so the flat rate on
 * the payment is the marginal tax on it; the standard deduction is taken once, through the regular wages).
 * Form K-4 has no allowances; it is where an employee claims exemption from withholding (Family Size Tax Credit,
 * reciprocity, military spouse). No K-4 on file → the formula applies as published (nothing to elect but the
 * exemption, which must be claimed). Local occupational license taxes are not computed (stated on the line).
 */
import type { CertificateForm } from "../../certificates";
import { type Computed, type UsPayContext, employeeTax } from "../context";
import { applyRate, divideHalfUp, formatUsd, max0 } from "../money";
import { KY_WITHHOLDING } from "../tables/ky-withholding";
import { CertificateReader } from "./certificate-reader";
import type { UsStateModule } from "./state-module";

export const K4: CertificateForm = {
  key: "k4",
  title: "K-4",
  jurisdictions: ["US-KY"],
  description:
    "Kentucky Form K-4, Kentucky's Withholding Certificate (KY DOR). Kentucky withholds a flat rate after one standard " +
    "deduction, with no allowances; the K-4 records an exemption from withholding. Without a K-4 the formula applies.",
  fields: [
    {
      name: "exempt",
      type: { kind: "BOOLEAN" },
      description:
        "K-4 sections 1–3: the employee claims exemption from Kentucky withholding (Family Size Tax Credit, reciprocal " + "state residence, or military spouse). Default false.",
    },
  ],
};

export function computeKentucky(ctx: UsPayContext): Computed {
  const edition = KY_WITHHOLDING[ctx.taxYear];
  if (!edition) {
    return {
      lines: [],
      blockers: [{ code: "MISSING_TAX_TABLE", message: `Kentucky withholding for ${ctx.taxYear} is not computed: its withholding formula is not transcribed.` }],
    };
  }
  const k4 = new CertificateReader(K4, ctx);
  const exempt = k4.boolean("exempt", false);
  const { regular, supplemental } = ctx.taxable.stateIncome;
  const base = regular + supplemental;
  if (exempt) {
    return { lines: [employeeTax("US_KY_SIT", "Kentucky income tax: none, exemption claimed on Form K-4", 0n, base)], blockers: k4.blockers };
  }
  const annualTaxable = max0(regular * ctx.periodsPerYear - edition.standardDeduction);
  const regularTax = divideHalfUp(annualTaxable * edition.rate.numerator, edition.rate.denominator * ctx.periodsPerYear);
  const bonusTax = applyRate(supplemental, edition.rate);
  const rate = edition.rateText;
  const parts = [`${rate} on ${formatUsd(regular)} × ${ctx.periodsPerYear} less the ${formatUsd(edition.standardDeduction)} standard deduction, ÷ ${ctx.periodsPerYear}`];
  if (supplemental > 0n) parts.push(`bonus ${formatUsd(supplemental)} at ${rate}`);
  const who = k4.onFile ? "K-4 on file" : "no K-4 on file: formula without exemption";
  const description = `Kentucky income tax: ${parts.join("; ")} (${who}; ${edition.citation}); local occupational taxes not included`;
  return { lines: [employeeTax("US_KY_SIT", description, regularTax + bonusTax, base)], blockers: k4.blockers };
}

export const kentucky: UsStateModule = {
  state: "KY",
  compute: computeKentucky,
  certificate: K4,
  coverage: [
    {
      jurisdiction: "US-KY",
      status: "PARTIAL",
      taxYears: Object.keys(KY_WITHHOLDING).map(Number),
      lineCodes: [{ code: "US_KY_SIT", kind: "EMPLOYEE_TAX", where: "US-KY", meaning: "Kentucky income tax" }],
      sources: Object.values(KY_WITHHOLDING).map((e) => e.citation),
      note: "State income tax by the KY DOR withholding formula with the K-4. Local occupational license taxes (cities, counties, school districts) are not computed.",
    },
  ],
};
