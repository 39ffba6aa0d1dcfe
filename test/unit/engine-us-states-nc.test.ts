/**
 * North Carolina withholding, 2026: NC-30 (2026) percentage-method worked example, then hand checks worked in the
 * comments from ../../src/modules/payroll/engine/us/tables/nc-withholding.ts.
 */
import { describe, expect, it } from "vitest";
import type { CertificateValues } from "../../src/modules/payroll/engine/certificates";
import type { PayFrequency } from "../../src/modules/payroll/engine/types";
import { blockerCodes, cents, line, run } from "../support/engine-us";

const nc = (payFrequency: PayFrequency, gross: string, nc4?: CertificateValues, supplemental?: string) =>
  run({ jurisdiction: "US-NC", payFrequency, gross: cents(gross), ...(supplemental ? { supplemental: cents(supplemental) } : {}), ...(nc4 ? { certificates: { nc4 } } : {}) });
const sit = (result: ReturnType<typeof run>) => line(result, "US_NC_SIT");

describe("North Carolina — NC-30 (2026) percentage method", () => {
  it("NC-30 example: weekly $450, single, 2 allowances → $4 (450 − 245.19 − 96.16 = 108.65 × 4.09% = 4.44, to the dollar)", () => {
    expect(sit(nc("WEEKLY", "450", { filingStatus: "SINGLE_OR_MARRIED_FILING_SEPARATELY", allowances: 2 }))).toBe(cents("4"));
  });
  it("no NC-4: single, 0 allowances, stated on the line — weekly $1,000 → 754.81 × 4.09% = 30.87 → $31", () => {
    const result = nc("WEEKLY", "1000");
    expect(sit(result)).toBe(cents("31"));
    expect(result.lines.find((l) => l.code === "US_NC_SIT")?.description).toContain("no NC-4 on file: single, 0 allowances");
    expect(result.blockers).toEqual([]);
  });
  it("head of household: $19,125 ÷ 52 = 367.79 — weekly $1,000 → 632.21 × 4.09% = 25.86 → $26", () => {
    expect(sit(nc("WEEKLY", "1000", { filingStatus: "HEAD_OF_HOUSEHOLD" }))).toBe(cents("26"));
  });
  it("married filing jointly withholds on the $12,750 deduction like single — weekly $1,000 → $31", () => {
    expect(sit(nc("WEEKLY", "1000", { filingStatus: "MARRIED_FILING_JOINTLY_OR_SURVIVING_SPOUSE" }))).toBe(cents("31"));
  });
  it("biweekly: $12,750 ÷ 26 = 490.38 — $2,000 → 1,509.62 × 4.09% = 61.74 → $62", () => {
    expect(sit(nc("BIWEEKLY", "2000"))).toBe(cents("62"));
  });
  it("a bonus is aggregated with the period's wages — weekly $1,000 + $500 → 1,254.81 × 4.09% = 51.32 → $51", () => {
    expect(sit(nc("WEEKLY", "1000", undefined, "500"))).toBe(cents("51"));
  });
  it("NC-4 line 2 additional amount is added — $31 + $11 = $42", () => {
    expect(sit(nc("WEEKLY", "1000", { additionalWithholding: cents("11") }))).toBe(cents("42"));
  });
  it("0 wages: the line is present at $0", () => {
    expect(sit(nc("WEEKLY", "0"))).toBe(0);
  });
  it("a 2025 pay date is a MISSING_TAX_TABLE blocker", () => {
    const result = run({ jurisdiction: "US-NC", payDate: "2025-06-06", gross: cents("1000") });
    expect(blockerCodes(result)).toContain("MISSING_TAX_TABLE");
    expect(sit(result)).toBeUndefined();
  });
});
