/**
 * Arizona: Form A-4 elected percentage of gross taxable wages (A.R.S. §43-403). The A-4 prints no worked example;
 * the expected values are worked by hand in each test name.
 */
import { describe, expect, it } from "vitest";
import { blockerCodes, cents, line, run } from "../support/engine-us";

describe("Arizona income tax (A-4 elected percentage)", () => {
  it("no A-4 on file → the 2.0% default: biweekly $2,000 × 2.0% = $40.00, and the line says so", () => {
    const result = run({ jurisdiction: "US-AZ", payFrequency: "BIWEEKLY", gross: cents("2000") });
    expect(result.blockers).toEqual([]);
    expect(line(result, "US_AZ_SIT")).toBe(cents("40.00"));
    expect(result.lines.find((l) => l.code === "US_AZ_SIT")?.description).toContain("no A-4 on file: 2.0% default");
  });

  it("A-4 3.5% plus $10 extra: 2,000 × 3.5% + 10 = $80.00", () => {
    const certificates = { a4: { percentage: "PCT_3_5", extraWithholding: cents("10") } };
    expect(line(run({ jurisdiction: "US-AZ", payFrequency: "BIWEEKLY", gross: cents("2000"), certificates }), "US_AZ_SIT")).toBe(cents("80.00"));
  });

  it("the elected rate applies to a bonus too: (1,000 + 500) × 2.5% = $37.50", () => {
    const certificates = { a4: { percentage: "PCT_2_5" } };
    expect(line(run({ jurisdiction: "US-AZ", gross: cents("1000"), supplemental: cents("500"), certificates }), "US_AZ_SIT")).toBe(cents("37.50"));
  });

  it("half-up to the cent: 1,234.56 × 0.5% = 6.1728 → $6.17; 2025 uses the same rates", () => {
    const certificates = { a4: { percentage: "PCT_0_5" } };
    expect(line(run({ jurisdiction: "US-AZ", payDate: "2025-04-04", gross: cents("1234.56"), certificates }), "US_AZ_SIT")).toBe(cents("6.17"));
  });

  it("zero elected: nothing but the extra amount", () => {
    const certificates = { a4: { percentage: "ZERO", extraWithholding: cents("5") } };
    expect(line(run({ jurisdiction: "US-AZ", gross: cents("1000"), certificates }), "US_AZ_SIT")).toBe(cents("5.00"));
  });

  it("an election that is not on the form is an INVALID_INPUT blocker", () => {
    const result = run({ jurisdiction: "US-AZ", gross: cents("1000"), certificates: { a4: { percentage: "PCT_2_7" } } });
    expect(blockerCodes(result)).toEqual(["INVALID_INPUT"]);
  });
});
