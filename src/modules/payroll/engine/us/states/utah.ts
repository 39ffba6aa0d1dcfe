/**
 * Utah income tax withholding, Pub 14 formula (see tables/ut-withholding.ts), on the federal W-4 filing status (Utah
 * uses the federal W-4; it has no state certificate): annual wages = period wages × periods; tax = wages × rate −
 * (base allowance − 1.3% × (wages − threshold)), each part floored at 0; ÷ periods, rounded to the dollar.
 * A bonus paid with regular wages is one payment (aggregate: it is in the period's wages; Pub 14 prints no separate
 * supplemental rate in the transcriptions used). No W-4 on file → the Single schedule, said on the line.
 * The edition is chosen by pay date; a pay date no transcribed revision covers is a MISSING_TAX_TABLE blocker.
 */
import { type Computed, type UsPayContext, employeeTax } from "../context";
import { applyRate, divideHalfUp, formatUsd, max0 } from "../money";
import { UT_WITHHOLDING, type UtSchedule, utEditionFor } from "../tables/ut-withholding";
import type { UsStateModule } from "./state-module";

export function computeUtah(ctx: UsPayContext): Computed {
  const edition = utEditionFor(ctx.input.payDate);
  if (!edition) {
    return {
      lines: [],
      blockers: [
        {
          code: "MISSING_TAX_TABLE",
          message:
            `Utah withholding for pay date ${ctx.input.payDate} is not computed: only the Pub 14 revision for pay ` +
            `periods from ${UT_WITHHOLDING.map((e) => `${e.from} through ${e.through}`).join(", ")} is transcribed ` +
            "(S.B. 60 of 2026 lowered the 2026 rate; that revision is not sourced).",
        },
      ],
    };
  }
  const status = ctx.input.w4?.filingStatus;
  const schedule: UtSchedule = status === "MARRIED_FILING_JOINTLY" ? "MARRIED" : "SINGLE";
  const { regular, supplemental } = ctx.taxable.stateIncome;
  const wages = regular + supplemental;
  const annual = wages * ctx.periodsPerYear;
  const gross = applyRate(annual, edition.rate);
  const phaseOut = applyRate(max0(annual - edition.threshold[schedule]), edition.phaseOutRate);
  const credit = max0(edition.baseAllowance[schedule] - phaseOut);
  const annualTax = max0(gross - credit);
  const perPeriod = divideHalfUp(annualTax, ctx.periodsPerYear * 100n) * 100n;
  const who = status ? `W-4 ${status === "MARRIED_FILING_JOINTLY" ? "married filing jointly: Married" : "Single"} schedule` : "no W-4 on file: Single schedule";
  const bonus = supplemental > 0n ? `, including the ${formatUsd(supplemental)} bonus (aggregated)` : "";
  const description =
    `Utah income tax: ${edition.rateText} of ${formatUsd(annual)} annualized${bonus} less the ${formatUsd(credit)} ` +
    `allowance after phase-out, ÷ ${ctx.periodsPerYear}, rounded to the dollar (${who}; ${edition.citation})`;
  return { lines: [employeeTax("US_UT_SIT", description, perPeriod, wages)], blockers: [] };
}

export const utah: UsStateModule = {
  state: "UT",
  compute: computeUtah,
  coverage: [
    {
      jurisdiction: "US-UT",
      status: "PARTIAL",
      taxYears: [...new Set(UT_WITHHOLDING.flatMap((e) => [Number(e.from.slice(0, 4)), Number(e.through.slice(0, 4))]))],
      lineCodes: [{ code: "US_UT_SIT", kind: "EMPLOYEE_TAX", where: "US-UT", meaning: "Utah income tax" }],
      sources: UT_WITHHOLDING.map((e) => e.citation),
      note:
        "Income tax by the Pub 14 formula on the federal W-4 filing status, for pay dates June 1, 2025 – May 31, 2026 " +
        "(the June 1, 2025 revision); other pay dates → MISSING_TAX_TABLE (the 2026 revision after S.B. 60 is not " +
        "sourced). No local income taxes.",
    },
  ],
};
