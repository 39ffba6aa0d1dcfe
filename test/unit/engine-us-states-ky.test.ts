/**
 * Kentucky: KY DOR withholding formula (flat rate after the annual standard deduction) and Form K-4. The formula
 * publication prints no worked example; the expected values are worked by hand from it in each test name.
 */
import { describe, expect, it } from "vitest";
import { blockerCodes, cents, line, run } from "../support/engine-us";

describe("Kentucky income tax (KY DOR withholding formula)", () => {
  it("2026 weekly $1,000, no K-4: (52,000 − 3,360) × 3.5% = 1,702.40 ÷ 52 = 32.738 → $32.74; the line says no K-4", () => {
    const result = run({ jurisdiction: "US-KY", gross: cents("1000") });
    expect(result.blockers).toEqual([]);
    expect(line(result, "US_KY_SIT")).toBe(cents("32.74"));
    const ky = result.lines.find((l) => l.code === "US_KY_SIT");
    expect(ky?.description).toContain("no K-4 on file");
    expect(ky?.taxableWages).toBe(cents("1000"));
  });

  it("2025 weekly $1,000: (52,000 − 3,270) × 4.0% = 1,949.20 ÷ 52 = 37.4846 → $37.48", () => {
    expect(line(run({ jurisdiction: "US-KY", payDate: "2025-06-06", gross: cents("1000") }), "US_KY_SIT")).toBe(cents("37.48"));
  });

  it("annual wages under the standard deduction withhold nothing: monthly $250 × 12 = 3,000 < 3,360 → $0.00 (line present)", () => {
    expect(line(run({ jurisdiction: "US-KY", payFrequency: "MONTHLY", gross: cents("250") }), "US_KY_SIT")).toBe(0);
  });

  it("a bonus is withheld at the flat 3.5%: weekly 1,000 + bonus 2,000 → 32.74 + 70.00 = $102.74", () => {
    expect(line(run({ jurisdiction: "US-KY", gross: cents("1000"), supplemental: cents("2000") }), "US_KY_SIT")).toBe(cents("102.74"));
  });

  it("a K-4 exemption claim withholds nothing", () => {
    const result = run({ jurisdiction: "US-KY", gross: cents("1000"), certificates: { k4: { exempt: true } } });
    expect(line(result, "US_KY_SIT")).toBe(0);
    expect(result.lines.find((l) => l.code === "US_KY_SIT")?.description).toContain("exemption claimed on Form K-4");
  });

  it("an invalid K-4 value is an INVALID_INPUT blocker naming the field", () => {
    const result = run({ jurisdiction: "US-KY", gross: cents("1000"), certificates: { k4: { exempt: "yes" } } });
    expect(blockerCodes(result)).toEqual(["INVALID_INPUT"]);
    expect(result.blockers[0].message).toContain("k4.exempt");
  });
});
