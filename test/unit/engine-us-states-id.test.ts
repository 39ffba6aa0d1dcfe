/**
 * Idaho (EPB00006 tables effective July 1, 2025; ID W-4). The EPB00006 PDF could not be opened here and no official
 * worked example was found; every expected value is worked by hand from the formula (tables/id-withholding.ts):
 * (regular × periods − allowances × $3,868 − zero band) × 5.3% ÷ periods, rounded to the dollar; bonus × 5.3%.
 */
import { describe, expect, it } from "vitest";
import { blockerCodes, cents, line, run } from "../support/engine-us";

const id = (overrides: Parameters<typeof run>[0] = {}) => run({ jurisdiction: "US-ID", ...overrides });
const sit = (result: ReturnType<typeof run>) => result.lines.find((l) => l.code === "US_ID_SIT")!;

describe("Idaho income tax withholding", () => {
  it("no ID W-4 on file: Single table, no allowances, stated on the line — weekly $1,000 → $38", () => {
    // (52,000 − 15,000) × 5.3% = 1,961; ÷ 52 = 37.71 → 38
    const result = id({ gross: cents("1000") });
    expect(blockerCodes(result)).toEqual([]);
    expect(line(result, "US_ID_SIT")).toBe(cents("38"));
    expect(sit(result).description).toContain("no ID W-4 on file");
    expect(sit(result).taxableWages).toBe(cents("1000"));
  });

  it("Married, 2 allowances, biweekly $3,000 → $82", () => {
    // 78,000 − 2 × 3,868 = 70,264; (70,264 − 30,000) × 5.3% = 2,133.99; ÷ 26 = 82.08 → 82
    const certificates = { idW4: { filingStatus: "MARRIED", allowances: 2 } };
    expect(line(id({ payFrequency: "BIWEEKLY", gross: cents("3000"), certificates }), "US_ID_SIT")).toBe(cents("82"));
  });

  it("married withholding at the single rate uses the Single table: semimonthly $2,000 → $73", () => {
    // (48,000 − 15,000) × 5.3% = 1,749; ÷ 24 = 72.875 → 73
    const certificates = { idW4: { filingStatus: "MARRIED_WITHHOLD_AT_SINGLE" } };
    expect(line(id({ payFrequency: "SEMIMONTHLY", gross: cents("2000"), certificates }), "US_ID_SIT")).toBe(cents("73"));
  });

  it("a bonus is withheld at the flat 5.3% on top of the regular withholding", () => {
    // regular $38 (above) + 500 × 5.3% = 26.50 → 64.50
    const result = id({ gross: cents("1000"), supplemental: cents("500") });
    expect(line(result, "US_ID_SIT")).toBe(cents("64.50"));
    expect(sit(result).taxableWages).toBe(cents("1500"));
  });

  it("annual wages under the zero band → $0 line, still present", () => {
    // weekly 250: 13,000 < 15,000
    expect(line(id({ gross: cents("250") }), "US_ID_SIT")).toBe(0);
  });

  it("pay dates outside the transcribed tables are a MISSING_TAX_TABLE blocker, never a silent zero", () => {
    for (const payDate of ["2026-07-10", "2025-05-02"]) {
      const result = id({ payDate, gross: cents("1000") });
      expect(blockerCodes(result)).toEqual(["MISSING_TAX_TABLE"]);
      expect(result.blockers[0].message).toContain(payDate);
      expect(line(result, "US_ID_SIT")).toBeUndefined();
    }
  });

  it("an invalid ID W-4 is an INVALID_INPUT blocker naming the field", () => {
    const result = id({ gross: cents("1000"), certificates: { idW4: { allowances: -1 } } });
    expect(blockerCodes(result)).toEqual(["INVALID_INPUT"]);
    expect(result.blockers[0].message).toContain("allowances");
    expect(line(result, "US_ID_SIT")).toBeUndefined();
  });
});
