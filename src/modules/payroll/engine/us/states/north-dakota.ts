/**
 * North Dakota income tax withholding by the ND Tax Commissioner percentage method for a 2020-or-later federal
 * Form W-4 (see tables/nd-withholding.ts; North Dakota has no state withholding certificate):
 *   annual = regular wages × periods; annual tax from the table of the W-4 filing status (Single, Married filing
 *   jointly → Married, Head of household); ÷ periods, rounded to the nearest dollar; supplemental wages (the bonus)
 *   at the flat 1.5% supplemental rate.
 * No federal W-4 on file → the Single table (as a missing W-4 is Single for federal withholding), stated on the line.
 * The W-4's federal Step 2–4 entries are federal elections and are not used.
 */
import { type Computed, type UsPayContext, employeeTax } from "../context";
import { applyRate, divideHalfUp, formatUsd } from "../money";
import { scheduleTax } from "../tables/bracket-schedule";
import { ND_WITHHOLDING, type NdSchedule } from "../tables/nd-withholding";
import type { UsStateModule } from "./state-module";

const SCHEDULE_OF: Readonly<Record<string, NdSchedule>> = {
  SINGLE: "SINGLE",
  MARRIED_FILING_JOINTLY: "MARRIED",
  HEAD_OF_HOUSEHOLD: "HEAD_OF_HOUSEHOLD",
};
const LABEL: Readonly<Record<NdSchedule, string>> = { SINGLE: "Single", MARRIED: "Married filing jointly", HEAD_OF_HOUSEHOLD: "Head of household" };

export function computeNorthDakota(ctx: UsPayContext): Computed {
  const edition = ND_WITHHOLDING[ctx.taxYear];
  if (!edition) {
    return {
      lines: [],
      blockers: [
        { code: "MISSING_TAX_TABLE", message: `North Dakota withholding for ${ctx.taxYear} is not computed: the ND withholding tables for ${ctx.taxYear} are not transcribed.` },
      ],
    };
  }
  const w4 = ctx.input.w4;
  const schedule = w4 ? SCHEDULE_OF[w4.filingStatus] : "SINGLE";
  const { regular, supplemental } = ctx.taxable.stateIncome;
  const tax = scheduleTax(edition.schedules[schedule], regular * ctx.periodsPerYear);
  const regularTax = divideHalfUp(tax.numerator, tax.denominator * ctx.periodsPerYear * 100n) * 100n;
  const bonusTax = applyRate(supplemental, edition.supplementalRate);
  const who = w4 ? `federal W-4 ${w4.filingStatus}` : "no federal W-4 on file: Single table";
  const parts = [`regular wages ${formatUsd(regularTax)} by the ${LABEL[schedule]} table, rounded to the dollar (${who})`];
  if (supplemental > 0n) parts.push(`bonus ${formatUsd(supplemental)} at 1.5%`);
  return {
    lines: [employeeTax("US_ND_SIT", `North Dakota income tax: ${parts.join("; ")} (${edition.citation})`, regularTax + bonusTax, regular + supplemental)],
    blockers: [],
  };
}

export const northDakota: UsStateModule = {
  state: "ND",
  compute: computeNorthDakota,
  coverage: [
    {
      jurisdiction: "US-ND",
      status: "COMPUTED",
      taxYears: Object.keys(ND_WITHHOLDING).map(Number),
      lineCodes: [{ code: "US_ND_SIT", kind: "EMPLOYEE_TAX", where: "US-ND", meaning: "North Dakota income tax" }],
      sources: Object.values(ND_WITHHOLDING).map((e) => e.citation),
      note: "Income tax withholding by the ND percentage method with the federal W-4 filing status (no state certificate); bonus at 1.5% (secondary sources, see the engine README). No local income taxes.",
    },
  ],
};
