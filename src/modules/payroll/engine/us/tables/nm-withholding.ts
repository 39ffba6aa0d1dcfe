/**
 * New Mexico income tax withholding — NM Taxation and Revenue Department FYI-104 "New Mexico Withholding Tax"
 * (effective January 1, 2026), percentage method on annualized wages with the federal Form W-4 filing status (New
 * Mexico has no state certificate; FYI-104 makes no adjustment for allowances): annual wages, tax from the
 * Single / Married / Head of household annual table, ÷ pay periods. Supplemental wages: 5.9% flat.
 * The official 2026 FYI-104 could not be opened here. Secondary, agreeing:
 *  - Suburban Computer Services "New Mexico Payroll Withholding, effective January 1, 2026": the three annual tables
 *    below as printed (Single from $8,050, Married from $16,100, Head of household from $12,075; rows at 1.5% / 3.2%
 *    / 4.3% / 4.7% / 4.9% / 5.9%, some rates on two rows) and the 5.90% supplemental rate.
 *  - PolicyEngine-US parameters gov/states/nm/tax/income/main (NMSA 1978 § 7-2-7 as amended for 2025+, and the 2025
 *    PIT packet rate tables): Single 1.5% to $5,500, 3.2% to $16,500, 4.3% to $33,500, 4.7% to $66,500, 4.9% to
 *    $210,000, 5.9% above; Married Joint and Head of household 1.5% to $8,000, 3.2% to $25,000, 4.3% to $50,000,
 *    4.7% to $100,000, 4.9% to $315,000, 5.9% above. Every withholding row is the table's starting amount plus
 *    these breaks, and every plus amount re-derives from the rates (tests). The starting amounts are half the 2026
 *    federal standard deduction ($16,100 / $32,200 / $24,150, Pub 15-T 2026) — from the one secondary source only.
 *  - Rounding: not prescribed by the sources read; half-up to the cent.
 * Confidence MED.
 *  - 2025: not transcribed → MISSING_TAX_TABLE.
 */
import { pct, usd, type Rate } from "../money";
import type { BracketRow } from "./bracket-schedule";

export type NmSchedule = "SINGLE" | "MARRIED" | "HEAD_OF_HOUSEHOLD";

export interface NmWithholdingEdition {
  readonly taxYear: number;
  readonly citation: string;
  readonly schedules: Readonly<Record<NmSchedule, readonly BracketRow[]>>;
  readonly supplementalRate: Rate;
}

const row = (over: string, plus: string, rate: string): BracketRow => ({ over: usd(over), plus: usd(plus), rate: pct(rate) });

export const NM_WITHHOLDING: Readonly<Record<number, NmWithholdingEdition>> = {
  2026: {
    taxYear: 2026,
    citation: "NM TRD FYI-104 (effective January 1, 2026) percentage method (secondary: Suburban Computer Services 2026 tables, PolicyEngine-US NMSA § 7-2-7 brackets agree)",
    schedules: {
      SINGLE: [
        row("0", "0", "0"),
        row("8050", "0", "1.5"),
        row("13550", "82.50", "3.2"),
        row("20550", "306.50", "3.2"),
        row("24550", "434.50", "4.3"),
        row("33550", "821.50", "4.3"),
        row("41550", "1165.50", "4.7"),
        row("58550", "1964.50", "4.7"),
        row("74550", "2716.50", "4.9"),
        row("218050", "9748.00", "5.9"),
      ],
      MARRIED: [
        row("0", "0", "0"),
        row("16100", "0", "1.5"),
        row("24100", "120.00", "3.2"),
        row("32100", "376.00", "3.2"),
        row("41100", "664.00", "4.3"),
        row("57100", "1352.00", "4.3"),
        row("66100", "1739.00", "4.7"),
        row("102100", "3431.00", "4.7"),
        row("116100", "4089.00", "4.9"),
        row("331100", "14624.00", "5.9"),
      ],
      HEAD_OF_HOUSEHOLD: [
        row("0", "0", "0"),
        row("12075", "0", "1.5"),
        row("20075", "120.00", "3.2"),
        row("28075", "376.00", "3.2"),
        row("37075", "664.00", "4.3"),
        row("53075", "1352.00", "4.3"),
        row("62075", "1739.00", "4.7"),
        row("98075", "3431.00", "4.7"),
        row("112075", "4089.00", "4.9"),
        row("327075", "14624.00", "5.9"),
      ],
    },
    supplementalRate: pct("5.9"),
  },
};
