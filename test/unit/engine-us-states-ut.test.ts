/**
 * Utah (Pub 14 formula, revision for pay periods from June 1, 2025). The Pub 14 PDF and its worked examples could not
 * be opened here; every expected value is worked by hand from the formula (tables/ut-withholding.ts):
 * annual = period wages × periods; tax = 4.5% × annual − max(0, base − 1.3% × max(0, annual − threshold));
 * ÷ periods, rounded to the dollar.
 */
import { describe, expect, it } from "vitest";
import { blockerCodes, cents, line, run } from "../support/engine-us";

const ut = (overrides: Parameters<typeof run>[0] = {}) => run({ jurisdiction: "US-UT", ...overrides });
const sit = (result: ReturnType<typeof run>) => result.lines.find((l) => l.code === "US_UT_SIT")!;

describe("Utah income tax withholding", () => {
  it("weekly $1,000, Single: the base allowance is fully phased out → $45", () => {
    // 52,000 × 4.5% = 2,340; (52,000 − 9,107) × 1.3% = 557.61 > 450 → allowance 0; 2,340 ÷ 52 = 45.00
    const result = ut({ gross: cents("1000") });
    expect(blockerCodes(result)).toEqual([]);
    expect(line(result, "US_UT_SIT")).toBe(cents("45"));
    expect(sit(result).taxableWages).toBe(cents("1000"));
  });

  it("biweekly $1,500, married filing jointly → $43", () => {
    // 39,000 × 4.5% = 1,755; (39,000 − 18,213) × 1.3% = 270.23; 900 − 270.23 = 629.77; 1,125.23 ÷ 26 = 43.28 → 43
    const result = ut({ payFrequency: "BIWEEKLY", gross: cents("1500"), w4: { filingStatus: "MARRIED_FILING_JOINTLY" } });
    expect(line(result, "US_UT_SIT")).toBe(cents("43"));
  });

  it("head of household uses the Single schedule: weekly $500 → $18", () => {
    // 26,000 × 4.5% = 1,170; (26,000 − 9,107) × 1.3% = 219.61; 450 − 219.61 = 230.39; 939.61 ÷ 52 = 18.07 → 18
    expect(line(ut({ gross: cents("500"), w4: { filingStatus: "HEAD_OF_HOUSEHOLD" } }), "US_UT_SIT")).toBe(cents("18"));
  });

  it("low wages keep part of the allowance: weekly $300 Single → $6", () => {
    // 15,600 × 4.5% = 702; (15,600 − 9,107) × 1.3% = 84.41; 450 − 84.41 = 365.59; 336.41 ÷ 52 = 6.47 → 6
    expect(line(ut({ gross: cents("300") }), "US_UT_SIT")).toBe(cents("6"));
  });

  it("no W-4 on file: the Single schedule, stated on the line", () => {
    const result = ut({ gross: cents("1000"), w4: undefined });
    expect(line(result, "US_UT_SIT")).toBe(cents("45"));
    expect(sit(result).description).toContain("no W-4 on file: Single schedule");
  });

  it("a bonus paid with regular wages is one payment (aggregate)", () => {
    // weekly 1,000 + 550: 80,600 × 4.5% = 3,627; allowance phased out; 3,627 ÷ 52 = 69.75 → 70
    const result = ut({ gross: cents("1000"), supplemental: cents("550") });
    expect(line(result, "US_UT_SIT")).toBe(cents("70"));
    expect(sit(result).taxableWages).toBe(cents("1550"));
  });

  it("2025 pay dates from June 1 use the same revision", () => {
    expect(line(ut({ payDate: "2025-07-11", gross: cents("1000") }), "US_UT_SIT")).toBe(cents("45"));
  });

  it("pay dates outside the transcribed revision are a MISSING_TAX_TABLE blocker, never a silent zero", () => {
    for (const payDate of ["2026-06-05", "2025-03-07"]) {
      const result = ut({ payDate, gross: cents("1000") });
      expect(blockerCodes(result)).toEqual(["MISSING_TAX_TABLE"]);
      expect(result.blockers[0].message).toContain(payDate);
      expect(line(result, "US_UT_SIT")).toBeUndefined();
    }
  });
});
