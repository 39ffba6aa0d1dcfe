/**
 * California Employment Development Department, "California Withholding Schedules for 2026 — Method B (Exact
 * Calculation Method)" (edd.ca.gov/siteassets/files/pdf_pub_ctr/26methb.pdf), reprinted in the California
 * Employer's Guide DE 44 (2026):
 *  - Table 1 "Low Income Exemption Table"
 *  - Table 2 "Estimated Deduction Table"
 *  - Table 3 "Standard Deduction Table"
 *  - Table 4 "Exemption Allowance Table" — a tax CREDIT, subtracted after the rate table (Tables 1–4: pp. 5–6)
 *  - Tables 17–28 "Tax Rate Table" for the semi-monthly, monthly, weekly and bi-weekly payroll periods (Tables 5–28: pp. 7–10).
 * Only the four pay frequencies this API supports are transcribed (the daily, quarterly, semi-annual and annual
 * tables 5–16 are not needed).
 *
 * Confidence MED-HIGH: the EDD PDF itself was not opened by us. Every figure below was found identical in two
 * independent public transcriptions that state they were read from 26methb.pdf (one cross-checked against DE 44
 * Rev. 52 and DE 4), agrees with the weekly Single figures in /work/shared/payroll-reference-2026.md §3 (S4), and
 * the unit tests check that (a) each per-period bracket is the annual Table 5–7 bracket ÷ periods to the dollar,
 * (b) each "plus" amount is the running tax of the brackets below it, and (c) the publication's own worked
 * Examples A–D reproduce to the cent.
 */
import { pct, usd, type Rate } from "../money";
import type { PayFrequency } from "../../types";

/** The four columns of Tables 1 and 3, as headed in the publication. */
export type CaDeductionColumn =
  /** "Single, Dual Income Married or Married with Multiple Employers" */
  | "SINGLE_DUAL"
  /** "Married — Allowances on DE 4 or W-4 '0' or '1'" */
  | "MARRIED_0_1"
  /** "Married — Allowances on DE 4 or W-4 '2' or more" */
  | "MARRIED_2_PLUS"
  /** "Unmarried Head of Household" */
  | "HEAD_OF_HOUSEHOLD";

/** The three rate schedules of Tables 5–28. */
export type CaRateSchedule = "SINGLE" | "MARRIED" | "HEAD_OF_HOUSEHOLD";

/** "If the taxable income is over `over` … the computed tax is `rate` of the amount over `over` plus `plus`". */
export interface CaRateRow {
  readonly over: bigint;
  readonly rate: Rate;
  readonly plus: bigint;
}

export interface CaMethodBEdition {
  readonly taxYear: number;
  readonly citation: string;
  readonly lowIncomeExemption: Readonly<Record<PayFrequency, Readonly<Record<CaDeductionColumn, bigint>>>>;
  /** Index n = n allowances, 0…10; above 10 the publication multiplies the one-allowance amount. */
  readonly estimatedDeduction: Readonly<Record<PayFrequency, readonly bigint[]>>;
  readonly standardDeduction: Readonly<Record<PayFrequency, Readonly<Record<CaDeductionColumn, bigint>>>>;
  /** Index n = n allowances, 0…10; above 10 the publication multiplies the one-allowance amount. */
  readonly exemptionAllowanceCredit: Readonly<Record<PayFrequency, readonly bigint[]>>;
  readonly rateTables: Readonly<Record<PayFrequency, Readonly<Record<CaRateSchedule, readonly CaRateRow[]>>>>;
}

const columns = (singleDual: string, married01: string, married2: string, hoh: string) => ({
  SINGLE_DUAL: usd(singleDual),
  MARRIED_0_1: usd(married01),
  MARRIED_2_PLUS: usd(married2),
  HEAD_OF_HOUSEHOLD: usd(hoh),
});

/** The ten marginal rates, identical in every table (statutory rates × 1.1, R&TC §18663(a)(2)). */
const RATES = ["1.1", "2.2", "4.4", "6.6", "8.8", "10.23", "11.33", "12.43", "13.53", "14.63"].map(pct);

/** A rate table from the nine printed breakpoints ("over") and the nine printed "plus" amounts above 0. */
function table(overs: readonly string[], pluses: readonly string[]): readonly CaRateRow[] {
  if (overs.length !== 9 || pluses.length !== 9) throw new Error("CA rate table: 9 breakpoints expected");
  return RATES.map((rate, i) => ({
    over: i === 0 ? 0n : usd(overs[i - 1]),
    rate,
    plus: i === 0 ? 0n : usd(pluses[i - 1]),
  }));
}

export const CA_METHOD_B_2026: CaMethodBEdition = {
  taxYear: 2026,
  citation: "EDD California Withholding Schedules for 2026, Method B (26methb.pdf) / DE 44 (2026)",

  // Table 1 — Low Income Exemption Table (26methb pp. 5–6).
  lowIncomeExemption: {
    WEEKLY: columns("363", "363", "727", "727"),
    BIWEEKLY: columns("727", "727", "1454", "1454"),
    SEMIMONTHLY: columns("787", "787", "1575", "1575"),
    MONTHLY: columns("1575", "1575", "3149", "3149"),
  },

  // Table 2 — Estimated Deduction Table (26methb pp. 5–6), allowances 0…10.
  estimatedDeduction: {
    WEEKLY: ["0", "19", "38", "58", "77", "96", "115", "135", "154", "173", "192"].map(usd),
    BIWEEKLY: ["0", "38", "77", "115", "154", "192", "231", "269", "308", "346", "385"].map(usd),
    SEMIMONTHLY: ["0", "42", "83", "125", "167", "208", "250", "292", "333", "375", "417"].map(usd),
    MONTHLY: ["0", "83", "167", "250", "333", "417", "500", "583", "667", "750", "833"].map(usd),
  },

  // Table 3 — Standard Deduction Table (26methb pp. 5–6).
  standardDeduction: {
    WEEKLY: columns("110", "110", "219", "219"),
    BIWEEKLY: columns("219", "219", "439", "439"),
    SEMIMONTHLY: columns("238", "238", "476", "476"),
    MONTHLY: columns("476", "476", "951", "951"),
  },

  // Table 4 — Exemption Allowance Table (26methb pp. 5–6), allowances 0…10 (a credit against tax).
  exemptionAllowanceCredit: {
    WEEKLY: ["0", "3.24", "6.47", "9.71", "12.95", "16.18", "19.42", "22.66", "25.89", "29.13", "32.37"].map(usd),
    BIWEEKLY: ["0", "6.47", "12.95", "19.42", "25.89", "32.37", "38.84", "45.31", "51.78", "58.26", "64.73"].map(usd),
    SEMIMONTHLY: ["0", "7.01", "14.03", "21.04", "28.05", "35.06", "42.08", "49.09", "56.10", "63.11", "70.13"].map(usd),
    MONTHLY: ["0", "14.03", "28.05", "42.08", "56.10", "70.13", "84.15", "98.18", "112.20", "126.23", "140.25"].map(usd),
  },

  rateTables: {
    WEEKLY: {
      // Table 23 — Weekly, Single / Dual Income Married / Married with Multiple Employers (26methb pp. 7–10).
      SINGLE: table(["213", "505", "797", "1107", "1399", "7144", "8573", "14288", "19231"], ["2.34", "8.76", "21.61", "42.07", "67.77", "655.48", "817.39", "1527.76", "2196.55"]),
      // Table 24 — Weekly, Married.
      MARRIED: table(
        ["426", "1010", "1594", "2214", "2798", "14288", "17146", "19231", "28575"],
        ["4.69", "17.54", "43.24", "84.16", "135.55", "1310.98", "1634.79", "1893.96", "3158.20"],
      ),
      // Table 25 — Weekly, Unmarried Head of Household.
      HEAD_OF_HOUSEHOLD: table(
        ["426", "1010", "1302", "1612", "1904", "9716", "11659", "19231", "19431"],
        ["4.69", "17.54", "30.39", "50.85", "76.55", "875.72", "1095.86", "2037.06", "2064.12"],
      ),
    },
    BIWEEKLY: {
      // Table 26 — Bi-weekly, Single / Dual Income Married / Married with Multiple Employers (26methb pp. 7–10).
      SINGLE: table(
        ["426", "1010", "1594", "2214", "2798", "14288", "17146", "28576", "38462"],
        ["4.69", "17.54", "43.24", "84.16", "135.55", "1310.98", "1634.79", "3055.54", "4393.12"],
      ),
      // Table 27 — Bi-weekly, Married.
      MARRIED: table(
        ["852", "2020", "3188", "4428", "5596", "28576", "34292", "38462", "57150"],
        ["9.37", "35.07", "86.46", "168.30", "271.08", "2621.93", "3269.55", "3787.88", "6316.37"],
      ),
      // Table 28 — Bi-weekly, Unmarried Head of Household.
      HEAD_OF_HOUSEHOLD: table(
        ["852", "2020", "2604", "3224", "3808", "19432", "23318", "38462", "38862"],
        ["9.37", "35.07", "60.77", "101.69", "153.08", "1751.42", "2191.70", "4074.10", "4128.22"],
      ),
    },
    SEMIMONTHLY: {
      // Table 17 — Semi-monthly, Single / Dual Income Married / Married with Multiple Employers (26methb pp. 7–10).
      SINGLE: table(
        ["462", "1094", "1727", "2398", "3030", "15478", "18574", "30956", "41667"],
        ["5.08", "18.98", "46.83", "91.12", "146.74", "1420.17", "1770.95", "3310.03", "4759.23"],
      ),
      // Table 18 — Semi-monthly, Married.
      MARRIED: table(
        ["924", "2188", "3454", "4796", "6060", "30956", "37148", "41667", "61913"],
        ["10.16", "37.97", "93.67", "182.24", "293.47", "2840.33", "3541.88", "4103.59", "6842.87"],
      ),
      // Table 19 — Semi-monthly, Unmarried Head of Household.
      HEAD_OF_HOUSEHOLD: table(
        ["924", "2189", "2822", "3492", "4125", "21050", "25260", "41667", "42101"],
        ["10.16", "37.99", "65.84", "110.06", "165.76", "1897.19", "2374.18", "4413.57", "4472.29"],
      ),
    },
    MONTHLY: {
      // Table 20 — Monthly, Single / Dual Income Married / Married with Multiple Employers (26methb pp. 7–10).
      SINGLE: table(
        ["924", "2188", "3454", "4796", "6060", "30956", "37148", "61912", "83334"],
        ["10.16", "37.97", "93.67", "182.24", "293.47", "2840.33", "3541.88", "6620.05", "9518.45"],
      ),
      // Table 21 — Monthly, Married.
      MARRIED: table(
        ["1848", "4376", "6908", "9592", "12120", "61912", "74296", "83334", "123826"],
        ["20.33", "75.95", "187.36", "364.50", "586.96", "5680.68", "7083.79", "8207.21", "13685.78"],
      ),
      // Table 22 — Monthly, Unmarried Head of Household.
      HEAD_OF_HOUSEHOLD: table(
        ["1848", "4378", "5644", "6984", "8250", "42100", "50520", "83334", "84202"],
        ["20.33", "75.99", "131.69", "220.13", "331.54", "3794.40", "4748.39", "8827.17", "8944.61"],
      ),
    },
  },
};

/**
 * Tables 5–7 — ANNUAL rate tables (26methb pp. 7–10). Not used to compute (this API has no annual payroll period);
 * kept so the tests can prove every per-period table above is this table ÷ periods.
 */
export const CA_METHOD_B_2026_ANNUAL: Readonly<Record<CaRateSchedule, readonly CaRateRow[]>> = {
  // Table 5 — Annual, Single / Dual Income Married / Married with Multiple Employers.
  SINGLE: table(
    ["11079", "26264", "41452", "57542", "72724", "371479", "445771", "742953", "1000000"],
    ["121.87", "455.94", "1124.21", "2186.15", "3522.17", "34084.81", "42502.09", "79441.81", "114220.27"],
  ),
  // Table 6 — Annual, Married.
  MARRIED: table(
    ["22158", "52528", "82904", "115084", "145448", "742958", "891542", "1000000", "1485906"],
    ["243.74", "911.88", "2248.42", "4372.30", "7044.33", "68169.60", "85004.17", "98485.50", "164228.58"],
  ),
  // Table 7 — Annual, Unmarried Head of Household.
  HEAD_OF_HOUSEHOLD: table(
    ["22173", "52530", "67716", "83805", "98990", "505208", "606251", "1000000", "1010417"],
    ["243.90", "911.75", "1579.93", "2641.80", "3978.08", "45534.18", "56982.35", "105925.35", "107334.77"],
  ),
};
