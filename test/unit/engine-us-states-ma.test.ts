/**
 * Massachusetts withholding, 2026: Circular M (Rev. 12/25) section G worked example, then hand checks of the
 * percentage method worked in the comments from ../../src/modules/payroll/engine/us/tables/ma-withholding.ts
 * (FICA of a weekly $1,000 check: 62.00 + 14.50 = $76.50).
 */
import { describe, expect, it } from "vitest";
import type { CertificateValues } from "../../src/modules/payroll/engine/certificates";
import type { PayFrequency, PaycheckInput } from "../../src/modules/payroll/engine/types";
import { maSupplemental } from "../../src/modules/payroll/engine/us/states/massachusetts";
import { MA_WITHHOLDING } from "../../src/modules/payroll/engine/us/tables/ma-withholding";
import { blockerCodes, cents, line, run } from "../support/engine-us";

const ma = (payFrequency: PayFrequency, gross: string, m4?: CertificateValues, more: Partial<PaycheckInput> = {}) =>
  run({ jurisdiction: "US-MA", payFrequency, gross: cents(gross), ...(m4 ? { certificates: { m4 } } : {}), ...more });
const sit = (result: ReturnType<typeof run>) => line(result, "US_MA_SIT");
const ytd = (wages: string) => ({ yearToDate: { socialSecurityWages: cents(wages), medicareWages: cents(wages), futaWages: 0 } });

describe("Massachusetts — Circular M (Rev. 12/25)", () => {
  it("section G example: $350,000 bonus on a $948,000 salary, 1 exemption → $24,854 (9% × 183,850 + 5% × 166,150)", () => {
    // Step 4: 350,000 + (948,000 − 2,000 FICA − 4,400 exemption) + 0 prior = 1,291,600.
    expect(maSupplemental(MA_WITHHOLDING[2026], BigInt(cents("350000")), BigInt(cents("941600")), 0n)).toBe(BigInt(cents("24854")));
  });
  it("weekly $1,000, 2 exemptions: (1,000 − 76.50 − 104) × 52 × 5% ÷ 52 = $40.98; head of household $2.31 less", () => {
    expect(sit(ma("WEEKLY", "1000", { exemptions: 2 }))).toBe(cents("40.98"));
    expect(sit(ma("WEEKLY", "1000", { exemptions: 2, headOfHousehold: true }))).toBe(cents("38.67"));
  });
  it("no M-4: no exemptions, stated on the line — weekly $1,000 → 923.50 × 52 × 5% ÷ 52 = $46.18", () => {
    const result = ma("WEEKLY", "1000");
    expect(sit(result)).toBe(cents("46.18"));
    expect(result.lines.find((l) => l.code === "US_MA_SIT")?.description).toContain("no M-4 on file: no exemptions");
    expect(result.blockers).toEqual([]);
  });
  it("the $2,000 FICA subtraction is used up: YTD wages $30,000 (FICA $2,295) → nothing subtracted — $44.80", () => {
    // (1,000 − 104) × 52 × 5% = 2,329.60 ÷ 52
    expect(sit(ma("WEEKLY", "1000", { exemptions: 2 }, ytd("30000")))).toBe(cents("44.80"));
  });
  it("the last $11 of the cap: YTD wages $26,000 (FICA $1,989) — (1,000 − 11 − 104) × 5% = $44.25", () => {
    expect(sit(ma("WEEKLY", "1000", { exemptions: 2 }, ytd("26000")))).toBe(cents("44.25"));
  });
  it("low-wage threshold: weekly $150 with 1 exemption → $0; with 0 exemptions the threshold does not apply → $6.93", () => {
    expect(sit(ma("WEEKLY", "150", { exemptions: 1 }))).toBe(0);
    // FICA 9.30 + 2.18 = 11.48; 138.52 × 52 × 5% = 360.152 → 360.15 ÷ 52 = 6.926
    expect(sit(ma("WEEKLY", "150", { exemptions: 0 }))).toBe(cents("6.93"));
  });
  it("4% surtax on annualized wages: weekly $25,000, 0 exemptions → $1,225.76", () => {
    // FICA 1,550 + 362.50 = 1,912.50; 23,087.50 × 52 = 1,200,550; 9% × 92,800 + 5% × 1,107,750 = 63,739.50 ÷ 52
    expect(sit(ma("WEEKLY", "25000", { exemptions: 0 }))).toBe(cents("1225.76"));
  });
  it("a bonus under the threshold takes 5% (section G) — weekly $1,000 + $1,000 → $42.35 + $50.00", () => {
    // FICA of the check 153.00; (1,000 − 153) × 52 × 5% ÷ 52 = 42.35
    expect(sit(ma("WEEKLY", "1000", { exemptions: 0 }, { supplemental: cents("1000") }))).toBe(cents("92.35"));
  });
  it("M-4 box D student: $0; line 5 additional is added; 0 wages: the line is present at $0", () => {
    expect(sit(ma("WEEKLY", "1000", { fullTimeStudent: true }))).toBe(0);
    expect(sit(ma("WEEKLY", "1000", { exemptions: 2, additionalWithholding: cents("5") }))).toBe(cents("45.98"));
    expect(sit(ma("WEEKLY", "0"))).toBe(0);
  });
  it("a 2025 pay date is a MISSING_TAX_TABLE blocker", () => {
    expect(blockerCodes(run({ jurisdiction: "US-MA", payDate: "2025-06-06", gross: cents("1000") }))).toContain("MISSING_TAX_TABLE");
  });
});
