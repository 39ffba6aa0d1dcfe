/**
 * Mississippi (Pub 89-700 computer formula, Form 89-350). The 2026 Pub 89-700 could not be opened here, so there is
 * no official worked example to reproduce; every expected value below is worked by hand from the formula and the
 * table (tables/ms-withholding.ts): annual = period wages × periods; taxable = annual − standard deduction − 89-350
 * line 6; tax = rate × (taxable − 10,000); ÷ periods, rounded to the dollar.
 */
import { describe, expect, it } from "vitest";
import { blockerCodes, cents, line, run } from "../support/engine-us";

const ms = (overrides: Parameters<typeof run>[0] = {}) => run({ jurisdiction: "US-MS", ...overrides });
const single6000 = { ms89350: { filingStatus: "SINGLE", totalExemption: cents("6000") } };

describe("Mississippi income tax withholding", () => {
  it("2026 biweekly $2,000, Single, $6,000 exemption → $52", () => {
    // 52,000 − 2,300 − 6,000 = 43,700; (43,700 − 10,000) × 4% = 1,348; ÷ 26 = 51.85 → 52
    const result = ms({ payFrequency: "BIWEEKLY", gross: cents("2000"), certificates: single6000 });
    expect(result.blockers).toEqual([]);
    expect(line(result, "US_MS_SIT")).toBe(cents("52"));
    expect(result.lines.find((l) => l.code === "US_MS_SIT")!.taxableWages).toBe(cents("2000"));
  });

  it("no 89-350 on file: zero exemptions, Single standard deduction, stated on the line", () => {
    // weekly 1,000: 52,000 − 2,300 = 49,700; 39,700 × 4% = 1,588; ÷ 52 = 30.54 → 31
    const result = ms({ gross: cents("1000") });
    expect(line(result, "US_MS_SIT")).toBe(cents("31"));
    expect(result.lines.find((l) => l.code === "US_MS_SIT")!.description).toContain("no Form 89-350 on file");
  });

  it("married, spouse not employed, $15,000 exemption (12,000 + 2 dependents), monthly $5,000 → $101", () => {
    // 60,000 − 4,600 − 15,000 = 40,400; 30,400 × 4% = 1,216; ÷ 12 = 101.33 → 101
    const certificates = { ms89350: { filingStatus: "MARRIED_SPOUSE_NOT_EMPLOYED", totalExemption: cents("15000") } };
    expect(line(ms({ payFrequency: "MONTHLY", gross: cents("5000"), certificates }), "US_MS_SIT")).toBe(cents("101"));
  });

  it("a bonus paid with regular wages is withheld as one payment (aggregate)", () => {
    // weekly 1,000 + 500: 78,000 − 8,300 = 69,700; 59,700 × 4% = 2,388; ÷ 52 = 45.92 → 46
    expect(line(ms({ gross: cents("1000"), supplemental: cents("500"), certificates: single6000 }), "US_MS_SIT")).toBe(cents("46"));
  });

  it("taxable income under the $10,000 zero bracket → $0 line, still present", () => {
    // weekly 200: 10,400 − 2,300 = 8,100 ≤ 10,000
    expect(line(ms({ gross: cents("200") }), "US_MS_SIT")).toBe(0);
    // weekly 300: 15,600 − 2,300 = 13,300; 3,300 × 4% = 132; ÷ 52 = 2.54 → 3
    expect(line(ms({ gross: cents("300") }), "US_MS_SIT")).toBe(cents("3"));
  });

  it("additional withholding (line 7) is added; exempt (line 8) withholds nothing", () => {
    const extra = { ms89350: { ...single6000.ms89350, additionalWithholding: cents("10") } };
    expect(line(ms({ payFrequency: "BIWEEKLY", gross: cents("2000"), certificates: extra }), "US_MS_SIT")).toBe(cents("62"));
    const exempt = ms({ gross: cents("2000"), certificates: { ms89350: { exempt: true } } });
    expect(line(exempt, "US_MS_SIT")).toBe(0);
    expect(exempt.lines.find((l) => l.code === "US_MS_SIT")!.description).toContain("exemption from withholding");
  });

  it("2025: 4.4% → biweekly $2,000 Single $6,000 gives $57", () => {
    // 33,700 × 4.4% = 1,482.80; ÷ 26 = 57.03 → 57
    expect(line(ms({ payDate: "2025-06-06", payFrequency: "BIWEEKLY", gross: cents("2000"), certificates: single6000 }), "US_MS_SIT")).toBe(cents("57"));
  });

  it("an invalid 89-350 is an INVALID_INPUT blocker naming the field", () => {
    const result = ms({ gross: cents("1000"), certificates: { ms89350: { filingStatus: "MARRIED", totalExemption: -5 } } });
    expect(blockerCodes(result)).toEqual(["INVALID_INPUT", "INVALID_INPUT"]);
    expect(result.blockers.map((b) => b.message).join(" ")).toContain("filingStatus");
    expect(result.blockers.map((b) => b.message).join(" ")).toContain("totalExemption");
    expect(line(result, "US_MS_SIT")).toBeUndefined();
  });
});
