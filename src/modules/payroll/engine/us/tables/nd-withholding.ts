/**
 * North Dakota income tax withholding — ND Office of State Tax Commissioner "Income Tax Withholding Rates and
 * Instructions for Wages Paid in 2026" (and 2025), percentage method for a 2020-or-later federal Form W-4 (North
 * Dakota uses the federal W-4; no state certificate): annual wages, tax from the annual table of the W-4 filing
 * status, ÷ pay periods, rounded to the nearest whole dollar. Supplemental wages: 1.5% flat.
 * The official 2025/2026 ND withholding guides could not be opened here. Secondary, agreeing:
 *  - Suburban Computer Services "North Dakota Payroll Withholding", effective January 1, 2026 and January 1, 2025
 *    ("Form W-4 is 2020 or later" tables): 2026 Single 0% to $57,625, 1.95% to $258,450 (+$3,916.09), 2.5% above;
 *    Married filing jointly $57,500 / $168,525 (+$2,164.99); Head of household $78,475 / $289,675 (+$4,118.40).
 *    2025 Single $55,975 / $252,325 (+$3,828.83); Married filing jointly $55,488 / $164,038 (+$2,116.73); Head of
 *    household $76,200 / $282,700 (+$4,026.75). Supplemental 1.50%; rounded to the nearest dollar.
 *  - PolicyEngine-US parameters gov/states/nd/tax/income/rates (2025: the 2025 ND income tax booklet p. 29; 2026:
 *    the 2026 Form ND-1ES p. 2, PR #9165): 0% / 1.95% / 2.5% with breaks Single $48,475 / $244,825 (2025), $49,575 /
 *    $250,400 (2026); Joint $80,975 / $298,075, $82,800 / $304,850; Head of household $64,950 / $271,450, $66,400 /
 *    $277,600. Every withholding threshold above is one of these breaks shifted by half the year's federal standard
 *    deduction (Single, Head of household: break + ½ standard deduction; Married: (joint break + joint standard
 *    deduction) ÷ 2, rounded to the dollar), and every plus amount re-derives from the rates (tests).
 * Confidence MED.
 */
import { pct, usd, type Rate } from "../money";
import type { BracketRow } from "./bracket-schedule";

export type NdSchedule = "SINGLE" | "MARRIED" | "HEAD_OF_HOUSEHOLD";

export interface NdWithholdingEdition {
  readonly taxYear: number;
  readonly citation: string;
  readonly schedules: Readonly<Record<NdSchedule, readonly BracketRow[]>>;
  readonly supplementalRate: Rate;
}

const row = (over: string, plus: string, rate: string): BracketRow => ({ over: usd(over), plus: usd(plus), rate: pct(rate) });
const table = (start: string, top: string, plus: string): BracketRow[] => [row("0", "0", "0"), row(start, "0", "1.95"), row(top, plus, "2.5")];
const secondary = "secondary: Suburban Computer Services tables, PolicyEngine-US ND income tax brackets agree";

export const ND_WITHHOLDING: Readonly<Record<number, NdWithholdingEdition>> = {
  2025: {
    taxYear: 2025,
    citation: `ND Tax Commissioner Income Tax Withholding Rates and Instructions 2025, 2020+ W-4 tables (${secondary})`,
    schedules: {
      SINGLE: table("55975", "252325", "3828.83"),
      MARRIED: table("55488", "164038", "2116.73"),
      HEAD_OF_HOUSEHOLD: table("76200", "282700", "4026.75"),
    },
    supplementalRate: pct("1.5"),
  },
  2026: {
    taxYear: 2026,
    citation: `ND Tax Commissioner Income Tax Withholding Rates and Instructions 2026, 2020+ W-4 tables (${secondary})`,
    schedules: {
      SINGLE: table("57625", "258450", "3916.09"),
      MARRIED: table("57500", "168525", "2164.99"),
      HEAD_OF_HOUSEHOLD: table("78475", "289675", "4118.40"),
    },
    supplementalRate: pct("1.5"),
  },
};
