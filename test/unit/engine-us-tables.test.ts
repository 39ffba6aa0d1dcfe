/**
 * Transcription checks: every table is re-derived from independent published amounts, so a typo in a table file
 * fails here even where no worked example happens to cross that row.
 *  - Pub 15-T annual percentage tables ← the statutory brackets and standard deductions (Rev. Proc. 2025-32 as
 *    amended by P.L. 119-21 for 2026; Rev. Proc. 2024-40 for 2025) and the Worksheet 1A line 1g amounts.
 *  - EDD Method B per-period tables ← the ANNUAL columns of the same publication (Tables 1–7), and each "plus"
 *    amount ← the running tax of the rows below it.
 */
import { describe, expect, it } from "vitest";
import { SUPPORTED_US_STATES } from "../../src/modules/payroll/engine/us";
import { CA_METHOD_B_2026, CA_METHOD_B_2026_ANNUAL, type CaRateRow } from "../../src/modules/payroll/engine/us/tables/ca-method-b-2026";
import type { AnnualPercentageRow, FederalWithholdingEdition } from "../../src/modules/payroll/engine/us/tables/federal-withholding.types";
import { FEDERAL_WITHHOLDING_2025 } from "../../src/modules/payroll/engine/us/tables/federal-withholding-2025";
import { FEDERAL_WITHHOLDING_2026 } from "../../src/modules/payroll/engine/us/tables/federal-withholding-2026";

type Status = "SINGLE" | "MARRIED_FILING_JOINTLY" | "HEAD_OF_HOUSEHOLD";
const dollars = (d: number) => BigInt(Math.round(d * 100));

/** Statutory rate schedule: upper bounds of the 10/12/22/24/32/35% brackets, and the standard deduction. */
interface Statutory {
  upperBounds: Record<Status, number[]>;
  standardDeduction: Record<Status, number>;
}
const PERCENTS = [10, 12, 22, 24, 32, 35, 37];

// Rev. Proc. 2025-32 §4.01 as amended by P.L. 119-21 (reference §2.2).
const STATUTORY_2026: Statutory = {
  upperBounds: {
    SINGLE: [12400, 50400, 105700, 201775, 256225, 640600],
    MARRIED_FILING_JOINTLY: [24800, 100800, 211400, 403550, 512450, 768700],
    HEAD_OF_HOUSEHOLD: [17700, 67450, 105700, 201750, 256200, 640600],
  },
  standardDeduction: { SINGLE: 16100, MARRIED_FILING_JOINTLY: 32200, HEAD_OF_HOUSEHOLD: 24150 },
};
// Rev. Proc. 2024-40 (pre-OBBBA standard deductions, which the 2025 withholding tables used; reference §2.3).
const STATUTORY_2025: Statutory = {
  upperBounds: {
    SINGLE: [11925, 48475, 103350, 197300, 250525, 626350],
    MARRIED_FILING_JOINTLY: [23850, 96950, 206700, 394600, 501050, 751600],
    HEAD_OF_HOUSEHOLD: [17000, 64850, 103350, 197300, 250500, 626350],
  },
  standardDeduction: { SINGLE: 15000, MARRIED_FILING_JOINTLY: 30000, HEAD_OF_HOUSEHOLD: 22500 },
};

/**
 * Expected table rows [A dollars, C cents, D percent]. Bracket k (k = 1…7) of the statutory schedule starts at
 * bounds[k−1] (bounds = 0 and the six upper bounds) and its running tax is C_k = Σ D_j × width_j.
 *  - STANDARD: a 0% row, then A_k = zeroBand + bounds[k−1], C = C_k.
 *  - STEP-2-CHECKBOX: a 0% row, then A_k = (standard deduction + bounds[k−1]) ÷ 2 to the dollar (half-up), C = C_k ÷ 2
 *    to the cent (half-up).
 */
function expectedRows(upperBounds: number[], offset: number, halve: boolean): Array<[number, number, number]> {
  const bounds = [0, ...upperBounds];
  const halfUp = (x: number) => Math.floor(x / 2 + 0.5);
  const rows: Array<[number, number, number]> = [[0, 0, 0]];
  let runningCents = 0;
  PERCENTS.forEach((percent, j) => {
    if (j > 0) runningCents += (bounds[j] - bounds[j - 1]) * PERCENTS[j - 1];
    const a = offset + bounds[j];
    rows.push(halve ? [halfUp(a), halfUp(runningCents), percent] : [a, runningCents, percent]);
  });
  return rows;
}

function check(edition: FederalWithholdingEdition, statutory: Statutory) {
  for (const status of ["SINGLE", "MARRIED_FILING_JOINTLY", "HEAD_OF_HOUSEHOLD"] as Status[]) {
    const line1g = Number(edition.line1g[status]) / 100;
    const toTuple = (r: AnnualPercentageRow): [number, number, number] => [
      Number(r.atLeast) / 100,
      Number(r.tentative),
      Number(r.percent.numerator * 100n) / Number(r.percent.denominator),
    ];

    it(`${edition.taxYear} STANDARD ${status}: 0% band = standard deduction − line 1g, then the brackets`, () => {
      const zeroBand = statutory.standardDeduction[status] - line1g;
      expect(edition.standard[status].map(toTuple)).toEqual(expectedRows(statutory.upperBounds[status], zeroBand, false));
    });

    it(`${edition.taxYear} STEP-2-CHECKBOX ${status}: half the standard deduction and half of each bracket`, () => {
      const expected = expectedRows(statutory.upperBounds[status], statutory.standardDeduction[status], true);
      expect(edition.checkbox[status].map(toTuple)).toEqual(expected);
    });
  }
}

describe("IRS Pub 15-T (2026) p. 12 annual percentage tables ← Rev. Proc. 2025-32 / P.L. 119-21", () => {
  check(FEDERAL_WITHHOLDING_2026, STATUTORY_2026);
  it("line 1g is $12,900 MFJ and $8,600 otherwise (Worksheet 1A p. 10)", () => {
    expect(FEDERAL_WITHHOLDING_2026.line1g).toEqual({ MARRIED_FILING_JOINTLY: 1290000n, SINGLE: 860000n, HEAD_OF_HOUSEHOLD: 860000n });
  });
});

describe("IRS Pub 15-T (2025) annual percentage tables ← Rev. Proc. 2024-40", () => {
  check(FEDERAL_WITHHOLDING_2025, STATUTORY_2025);
});

describe("EDD Method B 2026: per-period tables ← the annual tables of the same publication", () => {
  const PERIODS = { WEEKLY: 52, BIWEEKLY: 26, SEMIMONTHLY: 24, MONTHLY: 12 } as const;
  const roundHalfUp = (numerator: number, denominator: number) => Math.floor((2 * numerator + denominator) / (2 * denominator));
  // Annual columns (Table 1, 3, 4 "Annual" rows): low-income exemption $18,896 / $37,791; standard deduction
  // $5,706 / $11,412; exemption allowance credit $168.30; estimated deduction $1,000 per allowance.
  const ANNUAL = { lowSingle: 18896, lowOther: 37791, stdSingle: 5706, stdOther: 11412, creditCents: 16830, estimated: 1000 };

  for (const [frequency, periods] of Object.entries(PERIODS) as Array<[keyof typeof PERIODS, number]>) {
    it(`${frequency}: Tables 1 and 3 are the annual amounts ÷ ${periods}, to the dollar, half-up; columns pair up`, () => {
      const low = CA_METHOD_B_2026.lowIncomeExemption[frequency];
      const std = CA_METHOD_B_2026.standardDeduction[frequency];
      expect(low.SINGLE_DUAL).toBe(low.MARRIED_0_1);
      expect(low.MARRIED_2_PLUS).toBe(low.HEAD_OF_HOUSEHOLD);
      expect(std.SINGLE_DUAL).toBe(std.MARRIED_0_1);
      expect(std.MARRIED_2_PLUS).toBe(std.HEAD_OF_HOUSEHOLD);
      expect(low.SINGLE_DUAL).toBe(dollars(roundHalfUp(ANNUAL.lowSingle, periods)));
      expect(low.MARRIED_2_PLUS).toBe(dollars(roundHalfUp(ANNUAL.lowOther, periods)));
      expect(std.SINGLE_DUAL).toBe(dollars(roundHalfUp(ANNUAL.stdSingle, periods)));
      expect(std.MARRIED_2_PLUS).toBe(dollars(roundHalfUp(ANNUAL.stdOther, periods)));
    });

    it(`${frequency}: Table 2 (n × $1,000 ÷ ${periods}, to the dollar) and Table 4 (n × $168.30 ÷ ${periods}, to the cent)`, () => {
      for (let n = 0; n <= 10; n++) {
        expect(CA_METHOD_B_2026.estimatedDeduction[frequency][n]).toBe(dollars(roundHalfUp(n * ANNUAL.estimated, periods)));
        expect(CA_METHOD_B_2026.exemptionAllowanceCredit[frequency][n]).toBe(BigInt(roundHalfUp(n * ANNUAL.creditCents, periods)));
      }
    });

    for (const schedule of ["SINGLE", "MARRIED", "HEAD_OF_HOUSEHOLD"] as const) {
      it(`${frequency} ${schedule}: breakpoints within $2 of the annual table ÷ ${periods}; "plus" = running tax`, () => {
        const rows = CA_METHOD_B_2026.rateTables[frequency][schedule];
        const annual = CA_METHOD_B_2026_ANNUAL[schedule];
        expect(rows.map((r) => r.rate)).toEqual(annual.map((r) => r.rate));
        rows.forEach((row, i) => expect(Math.abs((Number(row.over) / 100) * periods - Number(annual[i].over) / 100)).toBeLessThan(2 * periods));
        expectRunningTax(rows);
      });
    }
  }

  for (const schedule of ["SINGLE", "MARRIED", "HEAD_OF_HOUSEHOLD"] as const) {
    it(`annual ${schedule} (Tables 5–7): "plus" = running tax; a row starts at $1,000,000 (mental health surcharge)`, () => {
      const annual = CA_METHOD_B_2026_ANNUAL[schedule];
      expectRunningTax(annual);
      expect(annual.some((r) => r.over === 100000000n)).toBe(true);
    });
  }

  /** Each printed "plus" is the previous "plus" + rate × width, to within half a cent (the printed rounding). */
  function expectRunningTax(rows: readonly CaRateRow[]) {
    expect(rows[0].over).toBe(0n);
    expect(rows[0].plus).toBe(0n);
    for (let i = 1; i < rows.length; i++) {
      const prev = rows[i - 1];
      const exactTimesDen = prev.plus * prev.rate.denominator + (rows[i].over - prev.over) * prev.rate.numerator; // cents × den
      const diff = rows[i].plus * prev.rate.denominator - exactTimesDen;
      expect(diff < 0n ? -diff : diff).toBeLessThanOrEqual(prev.rate.denominator / 2n);
    }
  }
});

describe("Coverage", () => {
  it("computes the nine no-income-tax states plus the states with a module", () => {
    expect(SUPPORTED_US_STATES).toEqual([
      "AK",
      "AZ",
      "CA",
      "FL",
      "GA",
      "IA",
      "ID",
      "IL",
      "IN",
      "KY",
      "LA",
      "MA",
      "MI",
      "MN",
      "MS",
      "NC",
      "ND",
      "NH",
      "NJ",
      "NM",
      "NV",
      "NY",
      "OK",
      "PA",
      "RI",
      "SD",
      "TN",
      "TX",
      "UT",
      "VA",
      "WA",
      "WY",
    ]);
  });
});
