/**
 * New Mexico income tax withholding by the NM TRD FYI-104 percentage method (see tables/nm-withholding.ts), with the
 * federal Form W-4 (New Mexico has no state withholding certificate):
 *   annual = regular wages × periods; annual tax from the table of the W-4 filing status (Single, Married filing
 *   jointly → Married, Head of household); ÷ periods, half-up to the cent; supplemental wages (the bonus) at the
 *   flat 5.9% supplemental rate.
 * No federal W-4 on file → the Single table (as a missing W-4 is Single for federal withholding), stated on the line.
 * The W-4's federal Step 3/4 amounts are federal elections and are not used.
 */
import { type Computed, type UsPayContext, employeeTax } from "../context";
import { applyRate, divideHalfUp, formatUsd } from "../money";
import { scheduleTax } from "../tables/bracket-schedule";
import { NM_WITHHOLDING, type NmSchedule } from "../tables/nm-withholding";
import type { UsStateModule } from "./state-module";

const SCHEDULE_OF: Readonly<Record<string, NmSchedule>> = {
  SINGLE: "SINGLE",
  MARRIED_FILING_JOINTLY: "MARRIED",
  HEAD_OF_HOUSEHOLD: "HEAD_OF_HOUSEHOLD",
};
const LABEL: Readonly<Record<NmSchedule, string>> = { SINGLE: "Single", MARRIED: "Married", HEAD_OF_HOUSEHOLD: "Head of household" };

export function computeNewMexico(ctx: UsPayContext): Computed {
  const edition = NM_WITHHOLDING[ctx.taxYear];
  if (!edition) {
    return {
      lines: [],
      blockers: [{ code: "MISSING_TAX_TABLE", message: `New Mexico withholding for ${ctx.taxYear} is not computed: the NM TRD FYI-104 for ${ctx.taxYear} is not transcribed.` }],
    };
  }
  const w4 = ctx.input.w4;
  const schedule = w4 ? SCHEDULE_OF[w4.filingStatus] : "SINGLE";
  const { regular, supplemental } = ctx.taxable.stateIncome;
  const tax = scheduleTax(edition.schedules[schedule], regular * ctx.periodsPerYear);
  const regularTax = divideHalfUp(tax.numerator, tax.denominator * ctx.periodsPerYear);
  const bonusTax = applyRate(supplemental, edition.supplementalRate);
  const who = w4 ? `federal W-4 ${w4.filingStatus}` : "no federal W-4 on file: Single table";
  const parts = [`regular wages ${formatUsd(regularTax)} by the ${LABEL[schedule]} table (${who})`];
  if (supplemental > 0n) parts.push(`bonus ${formatUsd(supplemental)} at 5.9%`);
  return {
    lines: [employeeTax("US_NM_SIT", `New Mexico income tax: ${parts.join("; ")} (${edition.citation})`, regularTax + bonusTax, regular + supplemental)],
    blockers: [],
  };
}

export const newMexico: UsStateModule = {
  state: "NM",
  compute: computeNewMexico,
  coverage: [
    {
      jurisdiction: "US-NM",
      status: "COMPUTED",
      taxYears: Object.keys(NM_WITHHOLDING).map(Number),
      lineCodes: [{ code: "US_NM_SIT", kind: "EMPLOYEE_TAX", where: "US-NM", meaning: "New Mexico income tax" }],
      sources: Object.values(NM_WITHHOLDING).map((e) => e.citation),
      note: "Income tax withholding by the FYI-104 percentage method with the federal W-4 filing status (no state certificate); bonus at 5.9% (2026; 2025 is a MISSING_TAX_TABLE blocker; secondary sources, see the engine README). No local income taxes.",
    },
  ],
};
