/**
 * Iowa (IDR withholding formula 2025; IA W-4). The IDR formula PDF could not be opened here and no official worked
 * example was found; every expected value is worked by hand from the formula (tables/ia-withholding.ts):
 * (period wages × periods − standard deduction) × 3.8% − allowances; ÷ periods, half-up to the cent.
 */
import { describe, expect, it } from "vitest";
import { blockerCodes, cents, line, run } from "../support/engine-us";

const ia = (overrides: Parameters<typeof run>[0] = {}) => run({ jurisdiction: "US-IA", payDate: "2025-06-06", ...overrides });
const sit = (result: ReturnType<typeof run>) => result.lines.find((l) => l.code === "US_IA_SIT")!;

describe("Iowa income tax withholding (2025)", () => {
  it("weekly $1,000, Single, no allowances → $29.23", () => {
    // (52,000 − 12,000) × 3.8% = 1,520; ÷ 52 = 29.2308 → 29.23
    const result = ia({ gross: cents("1000"), certificates: { iaW4: { filingStatus: "SINGLE" } } });
    expect(result.blockers).toEqual([]);
    expect(line(result, "US_IA_SIT")).toBe(cents("29.23"));
    expect(sit(result).taxableWages).toBe(cents("1000"));
  });

  it("biweekly $2,000, Married, $80 of allowances → $37.77", () => {
    // (52,000 − 24,050) × 3.8% = 1,062.10; − 80 = 982.10; ÷ 26 = 37.7731 → 37.77
    const certificates = { iaW4: { filingStatus: "MARRIED", totalAllowances: cents("80") } };
    expect(line(ia({ payFrequency: "BIWEEKLY", gross: cents("2000"), certificates }), "US_IA_SIT")).toBe(cents("37.77"));
  });

  it("semimonthly $2,500, Head of household → $66.42", () => {
    // (60,000 − 18,050) × 3.8% = 1,594.10; ÷ 24 = 66.4208 → 66.42
    const certificates = { iaW4: { filingStatus: "HEAD_OF_HOUSEHOLD" } };
    expect(line(ia({ payFrequency: "SEMIMONTHLY", gross: cents("2500"), certificates }), "US_IA_SIT")).toBe(cents("66.42"));
  });

  it("no IA W-4 on file: Single, no allowances, stated on the line", () => {
    const result = ia({ gross: cents("1000") });
    expect(line(result, "US_IA_SIT")).toBe(cents("29.23"));
    expect(sit(result).description).toContain("no IA W-4 on file");
  });

  it("a bonus paid with regular wages is one payment (aggregate)", () => {
    // weekly 1,000 + 500: (78,000 − 12,000) × 3.8% = 2,508; ÷ 52 = 48.2308 → 48.23
    const result = ia({ gross: cents("1000"), supplemental: cents("500") });
    expect(line(result, "US_IA_SIT")).toBe(cents("48.23"));
    expect(sit(result).taxableWages).toBe(cents("1500"));
  });

  it("low wages: under the deduction → $0; allowances reduce the tax, never below 0", () => {
    expect(line(ia({ gross: cents("200") }), "US_IA_SIT")).toBe(0);
    // weekly 300, $40: (15,600 − 12,000) × 3.8% = 136.80; − 40 = 96.80; ÷ 52 = 1.8615 → 1.86
    const certificates = { iaW4: { totalAllowances: cents("40") } };
    expect(line(ia({ gross: cents("300"), certificates }), "US_IA_SIT")).toBe(cents("1.86"));
    expect(line(ia({ gross: cents("300"), certificates: { iaW4: { totalAllowances: cents("500") } } }), "US_IA_SIT")).toBe(0);
  });

  it("2026 is a MISSING_TAX_TABLE blocker, never a silent zero", () => {
    const result = run({ jurisdiction: "US-IA", gross: cents("1000") });
    expect(blockerCodes(result)).toEqual(["MISSING_TAX_TABLE"]);
    expect(result.blockers[0].message).toContain("Iowa withholding for 2026");
    expect(line(result, "US_IA_SIT")).toBeUndefined();
  });

  it("an invalid IA W-4 is an INVALID_INPUT blocker naming the field", () => {
    const result = ia({ gross: cents("1000"), certificates: { iaW4: { filingStatus: "JOINT", totalAllowances: -1 } } });
    expect(blockerCodes(result)).toEqual(["INVALID_INPUT", "INVALID_INPUT"]);
    expect(result.blockers.map((b) => b.message).join(" ")).toContain("totalAllowances");
    expect(line(result, "US_IA_SIT")).toBeUndefined();
  });
});
