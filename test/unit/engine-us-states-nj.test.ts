/**
 * New Jersey withholding, 2026: the NJ-WT (September 2025) p. 25 percentage-method examples, then hand checks worked
 * in the comments from ../../src/modules/payroll/engine/us/tables/nj-withholding.ts.
 * Three of the publication's examples (Rate A Example 3, Rate B Examples 2 and 3) were computed on superseded
 * brackets ($15.28 / $384 / $961 / $17.30 where the current tables print $15.29 / $385 / $962 / $17.31): the tests
 * assert the current tables' result and name the printed figure.
 */
import { describe, expect, it } from "vitest";
import type { CertificateValues } from "../../src/modules/payroll/engine/certificates";
import type { PayFrequency, PaycheckInput } from "../../src/modules/payroll/engine/types";
import { blockerCodes, cents, line, run } from "../support/engine-us";

const nj = (payFrequency: PayFrequency, gross: string, njW4?: CertificateValues, more: Partial<PaycheckInput> = {}) =>
  run({ jurisdiction: "US-NJ", payFrequency, gross: cents(gross), ...(njW4 ? { certificates: { njW4 } } : {}), ...more });
const sit = (result: ReturnType<typeof run>) => line(result, "US_NJ_SIT");
/** The income tax's own blockers: NJ TDI/FLI 2026 rates (programs/) are a separate MISSING_TAX_TABLE until sourced. */
const sitBlockers = (result: ReturnType<typeof run>) => result.blockers.filter((b) => !/\(US_NJ_(TDI|FLI)_EE\)/.test(b.message));
const single1 = { filingStatus: "SINGLE", allowances: 1 };
const joint3 = { filingStatus: "MARRIED_CIVIL_UNION_JOINT", allowances: 3 };

describe("New Jersey — NJ-WT (September 2025) p. 25 examples", () => {
  it("Rate A Example 1: weekly $300, single, 1 allowance → $4.21 (280.80 × 1.5%)", () => {
    expect(sit(nj("WEEKLY", "300", single1))).toBe(cents("4.21"));
  });
  it("Rate A Example 2: weekly $700, single, 1 allowance → $11.84 ($11.54 + 3.9% of the amount over $673)", () => {
    expect(sit(nj("WEEKLY", "700", single1))).toBe(cents("11.84"));
  });
  it("Rate B Example 1: weekly $375, joint, 3 allowances → $4.76 (317.40 × 1.5%)", () => {
    expect(sit(nj("WEEKLY", "375", joint3))).toBe(cents("4.76"));
  });
  it("Rate A Example 3: weekly $1,200, 1 allowance → $40.41 on the current table (printed $40.40 on the superseded $15.28 base)", () => {
    // 1,180.80: $15.29 + 6.1% × 411.80 = 40.4098
    expect(sit(nj("WEEKLY", "1200", single1))).toBe(cents("40.41"));
  });
  it("Rate B Example 2: weekly $950, 3 allowances → $15.92 on the current table (printed $15.93)", () => {
    // 892.40: $5.77 + 2.0% × 507.40 = 15.918
    expect(sit(nj("WEEKLY", "950", joint3))).toBe(cents("15.92"));
  });
  it("Rate B Example 3: weekly $1,400, 3 allowances → $27.58 on the current table (printed $27.60)", () => {
    // 1,342.40: $17.31 + 2.7% × 380.40 = 27.5808
    expect(sit(nj("WEEKLY", "1400", joint3))).toBe(cents("27.58"));
  });
});

describe("New Jersey — defaults and edges (hand checks)", () => {
  it("no NJ-W4, federal W-4 single: Rate A, 0 allowances, stated on the line — weekly $1,000 → $29.38", () => {
    // $15.29 + 6.1% × (1,000 − 769) = 29.381
    const result = nj("WEEKLY", "1000");
    expect(sit(result)).toBe(cents("29.38"));
    expect(result.lines.find((l) => l.code === "US_NJ_SIT")?.description).toContain("no NJ-W4 on file: federal W-4 status single → Rate A, 0 allowances");
    expect(sitBlockers(result)).toEqual([]);
  });
  it("no NJ-W4, federal W-4 married filing jointly: Rate B — weekly $1,000 → $18.34", () => {
    // $17.31 + 2.7% × (1,000 − 962) = 18.336
    expect(sit(nj("WEEKLY", "1000", undefined, { w4: { filingStatus: "MARRIED_FILING_JOINTLY" } }))).toBe(cents("18.34"));
  });
  it("NJ-W4 line 3 Rate A overrides a joint status — weekly $1,000 → $29.38", () => {
    expect(sit(nj("WEEKLY", "1000", { filingStatus: "MARRIED_CIVIL_UNION_JOINT", rateTable: "A" }))).toBe(cents("29.38"));
  });
  it("NJ-W4 line 3 Rate C, D or E: MISSING_TAX_TABLE blocker, no line", () => {
    const result = nj("WEEKLY", "1000", { filingStatus: "MARRIED_CIVIL_UNION_JOINT", rateTable: "C" });
    expect(sitBlockers(result).map((b) => b.code)).toEqual(["MISSING_TAX_TABLE"]);
    expect(sit(result)).toBeUndefined();
  });
  it("NJ-W4 line 6 EXEMPT: $0", () => {
    expect(sit(nj("WEEKLY", "1000", { exempt: true }))).toBe(0);
  });
  it("biweekly Rate A $2,000, 0 allowances → $31 + 6.1% × 462 = $59.18", () => {
    expect(sit(nj("BIWEEKLY", "2000", { filingStatus: "SINGLE" }))).toBe(cents("59.18"));
  });
  it("a bonus is aggregated — weekly $1,000 + $500, Rate A → $56.35 + 7% × 58 = $60.41", () => {
    expect(sit(nj("WEEKLY", "1000", { filingStatus: "SINGLE" }, { supplemental: cents("500") }))).toBe(cents("60.41"));
  });
  it("NJ-W4 line 5 additional amount is added", () => {
    expect(sit(nj("WEEKLY", "300", { ...single1, additionalWithholding: cents("10") }))).toBe(cents("14.21"));
  });
  it("0 wages: the line is present at $0", () => {
    expect(sit(nj("WEEKLY", "0"))).toBe(0);
  });
  it("a 2025 pay date is a MISSING_TAX_TABLE blocker", () => {
    expect(blockerCodes(run({ jurisdiction: "US-NJ", payDate: "2025-06-06", gross: cents("1000") }))).toContain("MISSING_TAX_TABLE");
  });
});
