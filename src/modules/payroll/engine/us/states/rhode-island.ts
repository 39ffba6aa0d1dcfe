/**
 * Rhode Island income tax withholding by the RI Division of Taxation percentage method (see
 * tables/ri-withholding.ts) with Form RI W-4:
 *   annual = regular wages × periods − RI W-4 allowances × $1,000 (none when the annual wages exceed the year's
 *   ceiling), floor 0; annual tax from the 3.75% / 4.75% / 5.99% schedule; ÷ periods, half-up to the cent;
 *   + RI W-4 additional withholding; supplemental wages (the bonus) at the flat 5.99% supplemental rate.
 * No RI W-4 on file → zero allowances (the engine's default, as for the other allowance certificates), stated on
 * the line. The employee-paid RI TDI is a state program (programs/), computed after it.
 */
import type { CertificateForm } from "../../certificates";
import { type Computed, type UsPayContext, employeeTax } from "../context";
import { applyRate, divideHalfUp, formatUsd, max0 } from "../money";
import { scheduleTax } from "../tables/bracket-schedule";
import { RI_WITHHOLDING } from "../tables/ri-withholding";
import { CertificateReader } from "./certificate-reader";
import type { UsStateModule } from "./state-module";

export const RI_W4: CertificateForm = {
  key: "riW4",
  title: "RI W-4",
  jurisdictions: ["US-RI"],
  description:
    "Rhode Island Form RI W-4, Employee's Withholding Allowance Certificate (RI Division of Taxation): allowances, an " +
    "additional amount per period, or exemption. Without one on file the engine withholds on zero allowances and " +
    "says so on the line.",
  fields: [
    { name: "allowances", type: { kind: "COUNT", max: 99 }, description: "RI W-4 line 1, total allowances ($1,000 each, annual). Default 0." },
    { name: "additionalWithholding", type: { kind: "MONEY" }, description: "RI W-4 line 2, additional Rhode Island withholding each pay period, cents. Default 0." },
    { name: "exempt", type: { kind: "BOOLEAN" }, description: "RI W-4 line 3: the employee claims exemption from Rhode Island withholding. Default false." },
  ],
};

export function computeRhodeIsland(ctx: UsPayContext): Computed {
  const edition = RI_WITHHOLDING[ctx.taxYear];
  if (!edition) {
    return {
      lines: [],
      blockers: [
        { code: "MISSING_TAX_TABLE", message: `Rhode Island withholding for ${ctx.taxYear} is not computed: the RI withholding tables for ${ctx.taxYear} are not transcribed.` },
      ],
    };
  }
  const riW4 = new CertificateReader(RI_W4, ctx);
  const allowances = riW4.count("allowances", 0);
  const extra = riW4.money("additionalWithholding");
  const exempt = riW4.boolean("exempt", false);
  if (riW4.blockers.length > 0) return { lines: [], blockers: riW4.blockers };
  const { regular, supplemental } = ctx.taxable.stateIncome;
  const wages = regular + supplemental;
  if (exempt) {
    return { lines: [employeeTax("US_RI_SIT", "Rhode Island income tax: none, exemption claimed on Form RI W-4", 0n, wages)], blockers: [] };
  }
  const annualWages = regular * ctx.periodsPerYear;
  const allowed = annualWages > edition.allowanceCeiling ? 0n : BigInt(allowances) * edition.allowance;
  const annual = max0(annualWages - allowed);
  const tax = scheduleTax(edition.schedule, annual);
  const regularTax = divideHalfUp(tax.numerator, tax.denominator * ctx.periodsPerYear);
  const bonusTax = applyRate(supplemental, edition.supplementalRate);
  const who = riW4.onFile ? `RI W-4 ${allowances} allowances` : "no RI W-4 on file: 0 allowances";
  const ceiling = allowed === 0n && allowances > 0 ? `; no allowance above ${formatUsd(edition.allowanceCeiling)} of annual wages` : "";
  const parts = [`regular wages ${formatUsd(regularTax)} on annual taxable ${formatUsd(annual)} (${who}${ceiling})`];
  if (supplemental > 0n) parts.push(`bonus ${formatUsd(supplemental)} at 5.99%`);
  if (extra > 0n) parts.push(`additional ${formatUsd(extra)} (RI W-4)`);
  return {
    lines: [employeeTax("US_RI_SIT", `Rhode Island income tax: ${parts.join("; ")} (${edition.citation})`, regularTax + bonusTax + extra, wages)],
    blockers: [],
  };
}

export const rhodeIsland: UsStateModule = {
  state: "RI",
  compute: computeRhodeIsland,
  certificate: RI_W4,
  coverage: [
    {
      jurisdiction: "US-RI",
      status: "COMPUTED",
      taxYears: Object.keys(RI_WITHHOLDING).map(Number),
      lineCodes: [{ code: "US_RI_SIT", kind: "EMPLOYEE_TAX", where: "US-RI", meaning: "Rhode Island income tax" }],
      sources: Object.values(RI_WITHHOLDING).map((e) => e.citation),
      note: "Income tax withholding by the RI percentage method with the RI W-4; bonus at 5.99% (secondary sources, see the engine README). The employee-paid RI Temporary Disability Insurance (TDI) is computed as a state program. No local income taxes.",
    },
  ],
};
