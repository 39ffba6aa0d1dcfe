/**
 * Virginia withholding, 2026: hand checks of the employer guide's p. 21 formula, worked in the comments from
 * ../../src/modules/payroll/engine/us/tables/va-withholding.ts (the guide's own example — John, semi-monthly — is not
 * a test: its inputs were not available here).
 */
import { describe, expect, it } from "vitest";
import type { CertificateValues } from "../../src/modules/payroll/engine/certificates";
import type { PayFrequency } from "../../src/modules/payroll/engine/types";
import { blockerCodes, cents, line, run } from "../support/engine-us";

const va = (payFrequency: PayFrequency, gross: string, va4?: CertificateValues, supplemental?: string) =>
  run({ jurisdiction: "US-VA", payFrequency, gross: cents(gross), ...(supplemental ? { supplemental: cents(supplemental) } : {}), ...(va4 ? { certificates: { va4 } } : {}) });
const sit = (result: ReturnType<typeof run>) => line(result, "US_VA_SIT");

describe("Virginia — employer guide (Rev. 05/25) p. 21 formula", () => {
  it("no VA-4: no exemptions, stated on the line — semimonthly $2,500 → $112.06", () => {
    // 60,000 − 8,750 = 51,250; 720 + 5.75% × 34,250 = 2,689.38 (1,969.375 half-up); ÷ 24 = 112.0575
    const result = va("SEMIMONTHLY", "2500");
    expect(sit(result)).toBe(cents("112.06"));
    expect(result.lines.find((l) => l.code === "US_VA_SIT")?.description).toContain("no VA-4 on file: no exemptions");
    expect(result.blockers).toEqual([]);
  });
  it("VA-4 2 personal exemptions — weekly $1,000 → $40.82", () => {
    // 52,000 − 8,750 − 1,860 = 41,390; 720 + 5.75% × 24,390 = 2,122.43; ÷ 52 = 40.8159
    expect(sit(va("WEEKLY", "1000", { personalExemptions: 2 }))).toBe(cents("40.82"));
  });
  it("VA-4 line 1(b) age/blind exemption — monthly $5,000, 1 + 1 → $215.83", () => {
    // 60,000 − 8,750 − 930 − 800 = 49,520; 720 + 5.75% × 32,520 = 2,589.90; ÷ 12 = 215.825
    expect(sit(va("MONTHLY", "5000", { personalExemptions: 1, ageBlindExemptions: 1 }))).toBe(cents("215.83"));
  });
  it("first band 2% — weekly $200 → 1,650 × 2% = 33.00 ÷ 52 = $0.63", () => {
    expect(sit(va("WEEKLY", "200"))).toBe(cents("0.63"));
  });
  it("second band — monthly $1,000 → $60 + 3% × 250 = 67.50 ÷ 12 = $5.63", () => {
    expect(sit(va("MONTHLY", "1000"))).toBe(cents("5.63"));
  });
  it("wages under the standard deduction: $0, and 0 wages: the line is present at $0", () => {
    expect(sit(va("WEEKLY", "100"))).toBe(0);
    expect(sit(va("WEEKLY", "0"))).toBe(0);
  });
  it("a bonus is aggregated — weekly $1,000 + $1,000 → $100.37", () => {
    // 104,000 − 8,750 = 95,250; 720 + 5.75% × 78,250 = 5,219.38; ÷ 52 = 100.3727
    expect(sit(va("WEEKLY", "1000", undefined, "1000"))).toBe(cents("100.37"));
  });
  it("VA-4 exempt: $0; line 2 additional is added", () => {
    expect(sit(va("WEEKLY", "1000", { exempt: true }))).toBe(0);
    expect(sit(va("WEEKLY", "1000", { personalExemptions: 2, additionalWithholding: cents("5") }))).toBe(cents("45.82"));
  });
  it("a 2025 pay date is a MISSING_TAX_TABLE blocker", () => {
    expect(blockerCodes(run({ jurisdiction: "US-VA", payDate: "2025-06-06", gross: cents("1000") }))).toContain("MISSING_TAX_TABLE");
  });
});
