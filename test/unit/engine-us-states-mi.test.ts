/**
 * Michigan withholding, 2026. Form 446 prints the rate and the exemption but no dollar worked example, so these are
 * hand checks worked in the comments from ../../src/modules/payroll/engine/us/tables/mi-withholding.ts.
 */
import { describe, expect, it } from "vitest";
import type { CertificateValues } from "../../src/modules/payroll/engine/certificates";
import type { PayFrequency } from "../../src/modules/payroll/engine/types";
import { blockerCodes, cents, line, run } from "../support/engine-us";

const mi = (payFrequency: PayFrequency, gross: string, miW4?: CertificateValues, supplemental?: string) =>
  run({ jurisdiction: "US-MI", payFrequency, gross: cents(gross), ...(supplemental ? { supplemental: cents(supplemental) } : {}), ...(miW4 ? { certificates: { miW4 } } : {}) });
const sit = (result: ReturnType<typeof run>) => line(result, "US_MI_SIT");

describe("Michigan — Form 446 (Rev. 02-26) formula, 4.25% after $5,900 exemptions", () => {
  it("weekly $1,000, 2 exemptions: 5,900 ÷ 52 = 113.46 each; 773.08 × 4.25% = 32.8559 → $32.86", () => {
    expect(sit(mi("WEEKLY", "1000", { exemptions: 2 }))).toBe(cents("32.86"));
  });
  it("monthly $5,000, 1 exemption: 5,900 ÷ 12 = 491.67; 4,508.33 × 4.25% = 191.604 → $191.60", () => {
    expect(sit(mi("MONTHLY", "5000", { exemptions: 1 }))).toBe(cents("191.60"));
  });
  it("no MI-W4: zero exemptions, stated on the line — weekly $1,000 → $42.50", () => {
    const result = mi("WEEKLY", "1000");
    expect(sit(result)).toBe(cents("42.50"));
    expect(result.lines.find((l) => l.code === "US_MI_SIT")?.description).toContain("no MI-W4 on file: 0 exemptions");
    expect(result.blockers).toEqual([]);
  });
  it("MI-W4 line 8 exempt: nothing withheld", () => {
    expect(sit(mi("WEEKLY", "1000", { exempt: true }))).toBe(0);
  });
  it("a bonus is aggregated — weekly $1,000 + $1,000, 0 exemptions → $85.00", () => {
    expect(sit(mi("WEEKLY", "1000", undefined, "1000"))).toBe(cents("85.00"));
  });
  it("exemptions above the wages: $0, not negative — weekly $200, 2 exemptions", () => {
    expect(sit(mi("WEEKLY", "200", { exemptions: 2 }))).toBe(0);
  });
  it("MI-W4 line 7 additional amount is added — $42.50 + $5.00", () => {
    expect(sit(mi("WEEKLY", "1000", { additionalWithholding: cents("5") }))).toBe(cents("47.50"));
  });
  it("a 2025 pay date is a MISSING_TAX_TABLE blocker", () => {
    const result = run({ jurisdiction: "US-MI", payDate: "2025-06-06", gross: cents("1000") });
    expect(blockerCodes(result)).toContain("MISSING_TAX_TABLE");
  });
});
