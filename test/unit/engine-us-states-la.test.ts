/**
 * Louisiana (LDR R-1306 computer formula, 2025 edition; L-4). The R-1306 PDF could not be opened here; the three
 * worked examples below are those of realtaxtools' transcription "2025 Louisiana Withholding Tax Tables — All New
 * Formula Effective January 1st" (Examples 1–3), whose formula the USDA NFC bulletin NFC-25-1740487316 agrees with.
 * Other values are worked by hand from W = (S − standard deduction ÷ N) × 3.09%.
 */
import { describe, expect, it } from "vitest";
import { blockerCodes, cents, line, run } from "../support/engine-us";

const la = (overrides: Parameters<typeof run>[0] = {}) => run({ jurisdiction: "US-LA", payDate: "2025-06-06", ...overrides });
const sit = (result: ReturnType<typeof run>) => result.lines.find((l) => l.code === "US_LA_SIT")!;

describe("Louisiana income tax withholding (2025)", () => {
  it("realtaxtools Example 1: weekly $1,000, no standard deduction claimed → $30.90", () => {
    const result = la({ gross: cents("1000"), certificates: { laL4: { noStandardDeduction: true } } });
    expect(result.blockers).toEqual([]);
    expect(line(result, "US_LA_SIT")).toBe(cents("30.90"));
  });

  it("realtaxtools Example 2: biweekly $2,500, single → $62.39", () => {
    // (2,500 − 12,500 ÷ 26) × 3.09% = 2,019.23 × 3.09% = 62.39
    const certificates = { laL4: { filingStatus: "SINGLE_OR_MARRIED_SEPARATE" } };
    const result = la({ payFrequency: "BIWEEKLY", gross: cents("2500"), certificates });
    expect(line(result, "US_LA_SIT")).toBe(cents("62.39"));
    expect(sit(result).taxableWages).toBe(cents("2500"));
  });

  it("realtaxtools Example 3: semimonthly $5,000, married filing jointly → $122.31", () => {
    // (5,000 − 25,000 ÷ 24) × 3.09% = 3,958.33 × 3.09% = 122.31
    const certificates = { laL4: { filingStatus: "MARRIED_JOINT_SURVIVING_SPOUSE_OR_HEAD_OF_HOUSEHOLD" } };
    expect(line(la({ payFrequency: "SEMIMONTHLY", gross: cents("5000"), certificates }), "US_LA_SIT")).toBe(cents("122.31"));
  });

  it("no L-4 on file: Single standard deduction, stated on the line", () => {
    // weekly 1,000: (52,000 − 12,500) × 3.09% = 1,220.55; ÷ 52 = 23.472 → 23.47
    const result = la({ gross: cents("1000") });
    expect(line(result, "US_LA_SIT")).toBe(cents("23.47"));
    expect(sit(result).description).toContain("no L-4 on file");
  });

  it("a bonus paid with regular wages is withheld as one payment (aggregate)", () => {
    // weekly 1,000 + 500: (78,000 − 12,500) × 3.09% = 2,023.95; ÷ 52 = 38.922 → 38.92
    const result = la({ gross: cents("1000"), supplemental: cents("500") });
    expect(line(result, "US_LA_SIT")).toBe(cents("38.92"));
    expect(sit(result).taxableWages).toBe(cents("1500"));
  });

  it("annualized wages under the standard deduction → $0 line, still present", () => {
    // weekly 200: 10,400 < 12,500
    expect(line(la({ gross: cents("200") }), "US_LA_SIT")).toBe(0);
  });

  it("2026 is a MISSING_TAX_TABLE blocker, never a silent zero", () => {
    const result = run({ jurisdiction: "US-LA", gross: cents("1000") });
    expect(blockerCodes(result)).toEqual(["MISSING_TAX_TABLE"]);
    expect(result.blockers[0].message).toContain("Louisiana withholding for 2026");
    expect(line(result, "US_LA_SIT")).toBeUndefined();
  });

  it("an invalid L-4 is an INVALID_INPUT blocker naming the field", () => {
    const result = la({ gross: cents("1000"), certificates: { laL4: { filingStatus: "MARRIED" } } });
    expect(blockerCodes(result)).toEqual(["INVALID_INPUT"]);
    expect(result.blockers[0].message).toContain("filingStatus");
    expect(line(result, "US_LA_SIT")).toBeUndefined();
  });
});
