/**
 * Georgia withholding, 2026: the worked examples of the Employer's Withholding Tax Guide 2026 (December 2025 and
 * June 2026 revisions), then hand checks worked in the comments from
 * ../../src/modules/payroll/engine/us/tables/ga-withholding.ts.
 */
import { describe, expect, it } from "vitest";
import type { CertificateValues } from "../../src/modules/payroll/engine/certificates";
import type { PayFrequency, PaycheckInput } from "../../src/modules/payroll/engine/types";
import { blockerCodes, cents, line, run } from "../support/engine-us";

const ga = (payFrequency: PayFrequency, gross: string, payDate: string, g4?: CertificateValues, more: Partial<PaycheckInput> = {}) =>
  run({ jurisdiction: "US-GA", payFrequency, payDate, gross: cents(gross), ...(g4 ? { certificates: { g4 } } : {}), ...more });
const sit = (result: ReturnType<typeof run>) => line(result, "US_GA_SIT");
const oneIncome1 = { maritalStatus: "MARRIED_FILING_JOINT_ONE_WORKING", dependentAllowances: 1 };

describe("Georgia — Employer's Withholding Tax Guide 2026 examples", () => {
  it("June 2026 Example #1: semimonthly $2,000, married one income, 1 dependent → $27.03 (541.67 × 4.99%)", () => {
    expect(sit(ga("SEMIMONTHLY", "2000", "2026-06-15", oneIncome1))).toBe(cents("27.03"));
  });
  it("June 2026 Example #2: head of household biweekly $935, 2 dependents → $0 (935 − 576.92 − 384.62 is negative)", () => {
    expect(sit(ga("BIWEEKLY", "935", "2026-06-12", { maritalStatus: "HEAD_OF_HOUSEHOLD", dependentAllowances: 2 }))).toBe(0);
  });
  it("December 2025 example: semimonthly $1,470.83, married one income, 1 dependent, at 5.19% → $15.79 (304.16 × 5.19%)", () => {
    expect(sit(ga("SEMIMONTHLY", "1470.83", "2026-03-13", oneIncome1))).toBe(cents("15.79"));
  });
});

describe("Georgia — editions, defaults and edges (hand checks)", () => {
  it("the edition switches on the pay date May 11, 2026", () => {
    // weekly $1,000, no G-4: before — (1,000 − 230.77) × 5.19% = 39.92; from — (1,000 − 288.46) × 4.99% = 35.51
    expect(sit(ga("WEEKLY", "1000", "2026-05-08"))).toBe(cents("39.92"));
    expect(sit(ga("WEEKLY", "1000", "2026-05-11"))).toBe(cents("35.51"));
  });
  it("no G-4: single, 0 allowances, stated on the line", () => {
    const result = ga("WEEKLY", "1000", "2026-07-10");
    expect(result.lines.find((l) => l.code === "US_GA_SIT")?.description).toContain("no G-4 on file: single, 0 allowances");
    expect(result.blockers).toEqual([]);
  });
  it("married, both spouses working, takes the single column — monthly $5,000 → (5,000 − 1,250) × 4.99% = $187.13", () => {
    expect(sit(ga("MONTHLY", "5000", "2026-07-31", { maritalStatus: "MARRIED_FILING_JOINT_BOTH_WORKING" }))).toBe(cents("187.13"));
  });
  it("line 5 additional allowances count like dependents; line 6 additional amount is added", () => {
    // monthly 5,000 − 1,250 − 2 × 416.67 = 2,916.66 × 4.99% = 145.54; + 10
    expect(sit(ga("MONTHLY", "5000", "2026-07-31", { dependentAllowances: 1, additionalAllowances: 1, additionalWithholding: cents("10") }))).toBe(cents("155.54"));
  });
  it("a bonus is aggregated — weekly $1,000 + $500 → (1,500 − 288.46) × 4.99% = $60.46", () => {
    expect(sit(ga("WEEKLY", "1000", "2026-07-10", undefined, { supplemental: cents("500") }))).toBe(cents("60.46"));
  });
  it("G-4 line 8 exempt: $0; 0 wages: the line is present at $0", () => {
    expect(sit(ga("WEEKLY", "1000", "2026-07-10", { exempt: true }))).toBe(0);
    expect(sit(ga("WEEKLY", "0", "2026-07-10"))).toBe(0);
  });
  it("a 2025 pay date is a MISSING_TAX_TABLE blocker", () => {
    expect(blockerCodes(ga("WEEKLY", "1000", "2025-06-06"))).toContain("MISSING_TAX_TABLE");
  });
});
