/**
 * IRS Publication 15-T (2025) (published December 2024), Worksheet 1A (line 1g: $12,900 MFJ / $8,600 otherwise,
 * unchanged since 2020) and "2025 Annual Percentage Method Tables" (STANDARD and STEP 2 CHECKBOX schedules).
 * Used only for pay dates in calendar 2025 (fallback edition).
 *
 * Confidence HIGH: rows from /work/shared/payroll-reference-2026.md §2.3 (transcription S2), re-derived in the unit
 * tests from the Rev. Proc. 2024-40 brackets and the pre-OBBBA 2025 standard deductions ($15,000 / $30,000 /
 * $22,500). P.L. 119-21 later raised the 2025 standard deduction, but the IRS did not reissue the 2025 withholding
 * tables, so these remain the ones employers used for 2025 pay dates.
 */
import { pct, usd } from "../money";
import type { AnnualPercentageRow, FederalWithholdingEdition, W4FilingStatus } from "./federal-withholding.types";

const row = (atLeast: string, tentative: string, percent: string): AnnualPercentageRow => ({
  atLeast: usd(atLeast),
  tentative: usd(tentative),
  percent: pct(percent),
});

/** Pub 15-T (2025), Annual Percentage Method tables, STANDARD schedule. */
const STANDARD: Record<W4FilingStatus, readonly AnnualPercentageRow[]> = {
  MARRIED_FILING_JOINTLY: [
    row("0", "0", "0"),
    row("17100", "0", "10"),
    row("40950", "2385.00", "12"),
    row("114050", "11157.00", "22"),
    row("223800", "35302.00", "24"),
    row("411700", "80398.00", "32"),
    row("518150", "114462.00", "35"),
    row("768700", "202154.50", "37"),
  ],
  SINGLE: [
    row("0", "0", "0"),
    row("6400", "0", "10"),
    row("18325", "1192.50", "12"),
    row("54875", "5578.50", "22"),
    row("109750", "17651.00", "24"),
    row("203700", "40199.00", "32"),
    row("256925", "57231.00", "35"),
    row("632750", "188769.75", "37"),
  ],
  HEAD_OF_HOUSEHOLD: [
    row("0", "0", "0"),
    row("13900", "0", "10"),
    row("30900", "1700.00", "12"),
    row("78750", "7442.00", "22"),
    row("117250", "15912.00", "24"),
    row("211200", "38460.00", "32"),
    row("264400", "55484.00", "35"),
    row("640250", "187031.50", "37"),
  ],
};

/** Pub 15-T (2025), Annual Percentage Method tables, Form W-4 STEP 2 CHECKBOX schedule. */
const CHECKBOX: Record<W4FilingStatus, readonly AnnualPercentageRow[]> = {
  MARRIED_FILING_JOINTLY: [
    row("0", "0", "0"),
    row("15000", "0", "10"),
    row("26925", "1192.50", "12"),
    row("63475", "5578.50", "22"),
    row("118350", "17651.00", "24"),
    row("212300", "40199.00", "32"),
    row("265525", "57231.00", "35"),
    row("390800", "101077.25", "37"),
  ],
  SINGLE: [
    row("0", "0", "0"),
    row("7500", "0", "10"),
    row("13463", "596.25", "12"),
    row("31738", "2789.25", "22"),
    row("59175", "8825.50", "24"),
    row("106150", "20099.50", "32"),
    row("132763", "28615.50", "35"),
    row("320675", "94384.88", "37"),
  ],
  HEAD_OF_HOUSEHOLD: [
    row("0", "0", "0"),
    row("11250", "0", "10"),
    row("19750", "850.00", "12"),
    row("43675", "3721.00", "22"),
    row("62925", "7956.00", "24"),
    row("109900", "19230.00", "32"),
    row("136500", "27742.00", "35"),
    row("324425", "93515.75", "37"),
  ],
};

export const FEDERAL_WITHHOLDING_2025: FederalWithholdingEdition = {
  taxYear: 2025,
  citation: "IRS Pub 15-T (2025), Worksheet 1A and Annual Percentage Method tables",
  standard: STANDARD,
  checkbox: CHECKBOX,
  // Pub 15-T (2025), Worksheet 1A line 1g (same amounts as 2020–2026).
  line1g: { MARRIED_FILING_JOINTLY: usd("12900"), SINGLE: usd("8600"), HEAD_OF_HOUSEHOLD: usd("8600") },
};
