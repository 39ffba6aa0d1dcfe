/**
 * Minnesota income tax withholding — MN DOR "Minnesota Withholding Tax Instructions and Tables" (2026 edition),
 * computer formula (the formula the tables are built from): annual wages − W-4MN allowances × allowance amount,
 * tax from the annual schedule of the W-4MN status, ÷ pay periods, rounded to the nearest whole dollar.
 * Supplemental payments made separately: 6.25% flat.
 *  - 2026 schedules (annual, after allowances): Single from $4,700 (5.35% → $38,010 6.80% → $114,130 7.85% →
 *    $207,850 9.85%); Married from $14,700 (5.35% → $63,400 6.80% → $208,180 7.85% → $352,630 9.85%); allowance
 *    $5,300; supplemental 6.25%; rounded to the dollar.
 *    Secondary: Suburban Computer Services "Minnesota Payroll Withholding, effective January 1, 2026" (the whole
 *    formula). The bracket widths equal MN DOR's official 2026 income tax brackets (Single $33,310 / $109,430 /
 *    $203,150, Married Joint $48,700 / $193,480 / $337,930, revenue.state.mn.us "Income Tax Rates and Brackets")
 *    shifted by $4,700 / $14,700, every "plus" amount re-derives from the rates (tests), and the $5,300 allowance
 *    equals MN DOR's 2026 dependent exemption amount (WJON, Dec. 2025, quoting MN DOR). Confidence MED-HIGH: the
 *    $4,700 / $14,700 starting points are from the one secondary source only.
 *  - 2025: not transcribed → MISSING_TAX_TABLE.
 */
import { pct, usd, type Rate } from "../money";
import type { BracketRow } from "./bracket-schedule";

export type MnSchedule = "SINGLE" | "MARRIED";

export interface MnWithholdingEdition {
  readonly taxYear: number;
  readonly citation: string;
  /** Per W-4MN allowance, annual, cents. */
  readonly allowance: bigint;
  readonly schedules: Readonly<Record<MnSchedule, readonly BracketRow[]>>;
  readonly supplementalRate: Rate;
}

const row = (over: string, plus: string, rate: string): BracketRow => ({ over: usd(over), plus: usd(plus), rate: pct(rate) });

export const MN_WITHHOLDING: Readonly<Record<number, MnWithholdingEdition>> = {
  2026: {
    taxYear: 2026,
    citation:
      "MN DOR Minnesota Withholding Tax Instructions and Tables 2026, computer formula (secondary: Suburban Computer Services 2026 formula; brackets agree with MN DOR's 2026 income tax brackets)",
    allowance: usd("5300"),
    schedules: {
      SINGLE: [row("0", "0", "0"), row("4700", "0", "5.35"), row("38010", "1782.09", "6.80"), row("114130", "6958.25", "7.85"), row("207850", "14315.27", "9.85")],
      MARRIED: [row("0", "0", "0"), row("14700", "0", "5.35"), row("63400", "2605.45", "6.80"), row("208180", "12450.49", "7.85"), row("352630", "23789.82", "9.85")],
    },
    supplementalRate: pct("6.25"),
  },
};
