/**
 * IRS Publication 15-T (2026), "Federal Income Tax Withholding Methods", Section 1 "Percentage Method Tables for
 * Automated Payroll Systems and Withholding on Periodic Payments of Pensions and Annuities":
 *  - Worksheet 1A "Employer's Withholding Worksheet for Percentage Method Tables for Automated Payroll Systems"
 *    (p. 10): line 1g = $12,900 (Married filing jointly) or $8,600 (all other statuses) when the Form W-4 Step 2
 *    box is NOT checked, $0 when it is.
 *  - "2026 Annual Percentage Method Tables" (p. 12): STANDARD withholding rate schedules and Form W-4 STEP 2
 *    CHECKBOX withholding rate schedules, columns A–D.
 *
 * Confidence HIGH. The IRS PDF itself was not opened by us; these rows are the ones in
 * /work/shared/payroll-reference-2026.md §2.2 (two identical independent transcriptions), which we re-checked
 * against a third transcription that states it was read from the final p15t.pdf (Dec 3 2025), and which the unit
 * tests re-derive row by row from the statutory 2026 brackets and standard deductions of Rev. Proc. 2025-32
 * (as amended by P.L. 119-21) and check against the published Wage Bracket cells (p. 14).
 */
import { pct, usd } from "../money";
import type { AnnualPercentageRow, FederalWithholdingEdition, W4FilingStatus } from "./federal-withholding.types";

const row = (atLeast: string, tentative: string, percent: string): AnnualPercentageRow => ({
  atLeast: usd(atLeast),
  tentative: usd(tentative),
  percent: pct(percent),
});

/** Pub 15-T (2026), p. 12, Annual Percentage Method tables, STANDARD schedule. */
const STANDARD: Record<W4FilingStatus, readonly AnnualPercentageRow[]> = {
  MARRIED_FILING_JOINTLY: [
    row("0", "0", "0"),
    row("19300", "0", "10"),
    row("44100", "2480.00", "12"),
    row("120100", "11600.00", "22"),
    row("230700", "35932.00", "24"),
    row("422850", "82048.00", "32"),
    row("531750", "116896.00", "35"),
    row("788000", "206583.50", "37"),
  ],
  SINGLE: [
    row("0", "0", "0"),
    row("7500", "0", "10"),
    row("19900", "1240.00", "12"),
    row("57900", "5800.00", "22"),
    row("113200", "17966.00", "24"),
    row("209275", "41024.00", "32"),
    row("263725", "58448.00", "35"),
    row("648100", "192979.25", "37"),
  ],
  HEAD_OF_HOUSEHOLD: [
    row("0", "0", "0"),
    row("15550", "0", "10"),
    row("33250", "1770.00", "12"),
    row("83000", "7740.00", "22"),
    row("121250", "16155.00", "24"),
    row("217300", "39207.00", "32"),
    row("271750", "56631.00", "35"),
    row("656150", "191171.00", "37"),
  ],
};

/** Pub 15-T (2026), p. 12, Annual Percentage Method tables, Form W-4 STEP 2 CHECKBOX schedule. */
const CHECKBOX: Record<W4FilingStatus, readonly AnnualPercentageRow[]> = {
  MARRIED_FILING_JOINTLY: [
    row("0", "0", "0"),
    row("16100", "0", "10"),
    row("28500", "1240.00", "12"),
    row("66500", "5800.00", "22"),
    row("121800", "17966.00", "24"),
    row("217875", "41024.00", "32"),
    row("272325", "58448.00", "35"),
    row("400450", "103291.75", "37"),
  ],
  SINGLE: [
    row("0", "0", "0"),
    row("8050", "0", "10"),
    row("14250", "620.00", "12"),
    row("33250", "2900.00", "22"),
    row("60900", "8983.00", "24"),
    row("108938", "20512.00", "32"),
    row("136163", "29224.00", "35"),
    row("328350", "96489.63", "37"),
  ],
  HEAD_OF_HOUSEHOLD: [
    row("0", "0", "0"),
    row("12075", "0", "10"),
    row("20925", "885.00", "12"),
    row("45800", "3870.00", "22"),
    row("64925", "8077.50", "24"),
    row("112950", "19603.50", "32"),
    row("140175", "28315.50", "35"),
    row("332375", "95585.50", "37"),
  ],
};

export const FEDERAL_WITHHOLDING_2026: FederalWithholdingEdition = {
  taxYear: 2026,
  citation: "IRS Pub 15-T (2026), Worksheet 1A (p.10) and Annual Percentage Method tables (p.12)",
  standard: STANDARD,
  checkbox: CHECKBOX,
  // Pub 15-T (2026), p. 10, Worksheet 1A line 1g.
  line1g: { MARRIED_FILING_JOINTLY: usd("12900"), SINGLE: usd("8600"), HEAD_OF_HOUSEHOLD: usd("8600") },
};
