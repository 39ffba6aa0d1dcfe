/**
 * Federal income tax withholding: IRS Pub 15-T Worksheet 1A (Form W-4 2020 or later) on the regular wages, plus
 * the Pub 15 §7 flat rates on the supplemental wages, reported together in the `US_FIT` line (one federal income
 * tax liability, one Form 941 line 3 / W-2 box 2 amount; the description shows the split).
 *
 * Arithmetic: every Worksheet 1A line is carried as an exact rational (cents over a common denominator); the only
 * rounding is of the final per-period amount (line 3c), half-up to the cent. Pub 15-T (p. 9) makes rounding to
 * whole dollars optional and prescribes no intermediate rounding; cents half-up is the reference's recommendation
 * and keeps Step 4(c) exact. Supplemental flat-rate tax is rounded half-up to the cent on its own.
 */
import type { W4Elections } from "../types";
import { type Computed, type UsPayContext, employeeTax } from "./context";
import { divideHalfUp, formatUsd, max0, minBig } from "./money";
import { FEDERAL_SUPPLEMENTAL } from "./tables/federal-supplemental";
import type { AnnualPercentageRow, FederalWithholdingEdition } from "./tables/federal-withholding.types";
import { FEDERAL_WITHHOLDING_2025 } from "./tables/federal-withholding-2025";
import { FEDERAL_WITHHOLDING_2026 } from "./tables/federal-withholding-2026";

export const FEDERAL_WITHHOLDING_EDITIONS: Readonly<Record<number, FederalWithholdingEdition>> = {
  2025: FEDERAL_WITHHOLDING_2025,
  2026: FEDERAL_WITHHOLDING_2026,
};

/** The row with A ≤ amount < B (B = next row's A). Tables start at 0 and amounts are ≥ 0. */
function rowFor(rows: readonly AnnualPercentageRow[], amount: bigint): AnnualPercentageRow {
  let found = rows[0];
  for (const row of rows) if (row.atLeast <= amount) found = row;
  return found;
}

/**
 * Worksheet 1A for one period's regular wages (cents), returning the amount to withhold (line 4b), cents.
 * Lines: 1a wages; 1b periods; 1c = 1a × 1b; 1d Step 4(a); 1e = 1c + 1d; 1f Step 4(b); 1g per box; 1h = 1f + 1g;
 * 1i = max(0, 1e − 1h); 2g = C + D × (1i − A); 2h = 2g ÷ 1b; 3a Step 3; 3b = 3a ÷ 1b; 3c = max(0, 2h − 3b);
 * 4a Step 4(c); 4b = 3c + 4a.
 */
export function worksheet1A(edition: FederalWithholdingEdition, w4: W4Elections, regularWages: bigint, periodsPerYear: bigint): bigint {
  const checkbox = w4.multipleJobs === true;
  const line1c = regularWages * periodsPerYear;
  const line1e = line1c + BigInt(w4.otherIncome ?? 0);
  const line1g = checkbox ? 0n : edition.line1g[w4.filingStatus];
  const line1h = BigInt(w4.deductions ?? 0) + line1g;
  const line1i = max0(line1e - line1h);

  const schedule = checkbox ? edition.checkbox : edition.standard;
  const row = rowFor(schedule[w4.filingStatus], line1i);
  const d = row.percent.denominator;
  // 2g − 3a, in cents × d (exact): C·d + D_num·(1i − A) − 3a·d. Then 3c = max(0, that) ÷ (d × 1b).
  const line3a = BigInt(w4.dependentsAmount ?? 0);
  const line2gMinus3a = row.tentative * d + row.percent.numerator * (line1i - row.atLeast) - line3a * d;
  const line3c = divideHalfUp(max0(line2gMinus3a), d * periodsPerYear);
  return line3c + BigInt(w4.extraWithholding ?? 0);
}

/** Pub 15 §7: 22% on this payment's supplemental wages up to $1M for the year, 37% on the part above. */
export function supplementalFlatRate(ctx: UsPayContext): bigint {
  const edition = FEDERAL_SUPPLEMENTAL[ctx.taxYear];
  const supplemental = ctx.taxable.federalIncome.supplemental;
  const before = ctx.ytd.supplementalWages;
  const after = before + supplemental;
  const threshold = edition.mandatoryThreshold;
  const atMandatory = minBig(supplemental, max0(after - threshold) - max0(before - threshold));
  const atOptional = supplemental - atMandatory;
  // Both rates are whole percents: one exact sum, rounded once.
  const { optionalFlatRate: o, mandatoryRate: m } = edition;
  if (o.denominator !== m.denominator) throw new Error("supplemental rates must share a denominator");
  return divideHalfUp(atOptional * o.numerator + atMandatory * m.numerator, o.denominator);
}

export function computeFederalIncomeTax(ctx: UsPayContext): Computed {
  const w4 = ctx.input.w4;
  if (!w4) {
    return {
      lines: [],
      blockers: [
        {
          code: "MISSING_W4",
          message: "No Form W-4 on file for this W-2 employee: federal income tax withholding is not computed (no guess). " + "Collect a Form W-4 (2020 or later).",
        },
      ],
    };
  }
  const edition = FEDERAL_WITHHOLDING_EDITIONS[ctx.taxYear];
  const regular = worksheet1A(edition, w4, ctx.taxable.federalIncome.regular, ctx.periodsPerYear);
  const supplemental = ctx.taxable.federalIncome.supplemental > 0n ? supplementalFlatRate(ctx) : 0n;
  const parts = [`regular wages ${formatUsd(regular)} by ${edition.citation}`];
  if (ctx.taxable.federalIncome.supplemental > 0n) {
    const citation = FEDERAL_SUPPLEMENTAL[ctx.taxYear].citation;
    parts.push(`supplemental ${formatUsd(supplemental)} at the flat 22%/37% rates of ${citation}`);
  }
  return {
    lines: [
      employeeTax(
        "US_FIT",
        `Federal income tax withholding: ${parts.join("; ")}`,
        regular + supplemental,
        ctx.taxable.federalIncome.regular + ctx.taxable.federalIncome.supplemental,
      ),
    ],
    blockers: [],
  };
}
