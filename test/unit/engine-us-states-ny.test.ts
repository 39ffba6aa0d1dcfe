/**
 * New York State, New York City and Yonkers withholding, 2026: the worked examples of NYS-50-T-NYS (1/26),
 * NYS-50-T-NYC (1/26) and NYS-50-T-Y (1/26) (expected values as the publications print them; where a printed cent
 * differs from the publication's own step-4 arithmetic, the test name says so), then hand checks of the defaults
 * and edges worked in the comments from ../../src/modules/payroll/engine/us/tables/ny-withholding.ts.
 * The publications' daily-payroll examples (Example 4 of each) are not run: the engine has no daily pay frequency.
 */
import { describe, expect, it } from "vitest";
import type { CertificateValues } from "../../src/modules/payroll/engine/certificates";
import type { PayFrequency } from "../../src/modules/payroll/engine/types";
import { IT_2104, newYork } from "../../src/modules/payroll/engine/us/states/new-york";
import { blockerCodes, cents, line, run } from "../support/engine-us";

const ny = (payFrequency: PayFrequency, gross: string, it2104?: CertificateValues, supplemental?: string) =>
  run({
    jurisdiction: "US-NY",
    payFrequency,
    gross: cents(gross),
    ...(supplemental ? { supplemental: cents(supplemental) } : {}),
    ...(it2104 ? { certificates: { it2104 } } : {}),
  });
const single = (n: number, more: CertificateValues = {}) => ({ filingStatus: "SINGLE_OR_HEAD_OF_HOUSEHOLD", nysAllowances: n, nycAllowances: n, ...more });
const married = (n: number, more: CertificateValues = {}) => ({ filingStatus: "MARRIED", nysAllowances: n, nycAllowances: n, ...more });

describe("New York State — NYS-50-T-NYS (1/26) Method II examples", () => {
  it("Single Example 1: weekly $400, 3 exemptions → $8.01", () => {
    expect(line(ny("WEEKLY", "400", single(3)), "US_NY_SIT")).toBe(cents("8.01"));
  });
  it("Single Example 2: semimonthly $5,000, 1 exemption → $258.50 (the publication prints $258.51: its step 4 shows 165.00 × .0753 = 12.4245 as $12.43)", () => {
    // 5,000 − 350.00 = 4,650; (4,650 − 4,485) × 7.53% = 12.4245 → 12.42 (half-up, as every other example) + 246.08
    expect(line(ny("SEMIMONTHLY", "5000", single(1)), "US_NY_SIT")).toBe(cents("258.50"));
  });
  it("Single Example 3: monthly $50,000, 3 exemptions → $3,576.63", () => {
    expect(line(ny("MONTHLY", "50000", single(3)), "US_NY_SIT")).toBe(cents("3576.63"));
  });
  it("Married Example 1: weekly $400, 4 exemptions → $6.69", () => {
    expect(line(ny("WEEKLY", "400", married(4)), "US_NY_SIT")).toBe(cents("6.69"));
  });
  it("Married Example 3: monthly $50,000, 3 exemptions → $3,622.09", () => {
    expect(line(ny("MONTHLY", "50000", married(3)), "US_NY_SIT")).toBe(cents("3622.09"));
  });
});

describe("New York City — NYS-50-T-NYC (1/26) Method II examples (residents)", () => {
  const cases: [string, PayFrequency, string, CertificateValues, string][] = [
    ["Single Example 1: weekly $400, 3 exemptions", "WEEKLY", "400", single(3), "6.11"],
    ["Single Example 2: semimonthly $5,000, 1 exemption", "SEMIMONTHLY", "5000", single(1), "188.80"],
    ["Single Example 3: monthly $50,000, 3 exemptions", "MONTHLY", "50000", single(3), "2070.50"],
    ["Married Example 1: weekly $400, 4 exemptions", "WEEKLY", "400", married(4), "5.17"],
    ["Married Example 2: semimonthly $5,000, 3 exemptions", "SEMIMONTHLY", "5000", married(3), "184.37"],
    ["Married Example 3: monthly $50,000, 3 exemptions", "MONTHLY", "50000", married(3), "2068.73"],
  ];
  for (const [name, frequency, gross, cert, expected] of cases) {
    it(`${name} → $${expected}`, () => {
      expect(line(ny(frequency, gross, { ...cert, nycResident: true }), "US_NY_NYC_LIT")).toBe(cents(expected));
    });
  }
});

describe("Yonkers — NYS-50-T-Y (1/26) examples", () => {
  it("resident Single Example 1: 16.75% of the $8.01 state amount → $1.34", () => {
    expect(line(ny("WEEKLY", "400", single(3, { yonkersResident: true })), "US_NY_YONKERS_LIT")).toBe(cents("1.34"));
  });
  it("resident Married Example 1: 16.75% of $6.69 → $1.12", () => {
    expect(line(ny("WEEKLY", "400", married(4, { yonkersResident: true })), "US_NY_YONKERS_LIT")).toBe(cents("1.12"));
  });
  it("resident Married Example 3: 16.75% of $3,622.09 → $606.70", () => {
    expect(line(ny("MONTHLY", "50000", married(3, { yonkersResident: true })), "US_NY_YONKERS_LIT")).toBe(cents("606.70"));
  });
  it("resident Single Example 3: 16.75% of $3,576.63 = 599.085525 → $599.09 (the publication prints $599.08, truncated)", () => {
    expect(line(ny("MONTHLY", "50000", single(3, { yonkersResident: true })), "US_NY_YONKERS_LIT")).toBe(cents("599.09"));
  });
  it("nonresident Method VII Example 1: weekly $75 is below the first band → no tax", () => {
    expect(line(ny("WEEKLY", "75", { worksInYonkers: true }), "US_NY_YONKERS_LIT")).toBe(0);
  });
  it("nonresident Method VII Example 2: weekly $200 → ($200 − $38) × 0.50% = $0.81", () => {
    expect(line(ny("WEEKLY", "200", { worksInYonkers: true }), "US_NY_YONKERS_LIT")).toBe(cents("0.81"));
  });
  it("nonresident Method VII Example 3: semimonthly $400 → ($400 − $125) × 0.50% = $1.375 → $1.38", () => {
    expect(line(ny("SEMIMONTHLY", "400", { worksInYonkers: true }), "US_NY_YONKERS_LIT")).toBe(cents("1.38"));
  });
  it("a Yonkers resident who works in Yonkers pays the resident surcharge only", () => {
    const result = ny("WEEKLY", "400", single(3, { yonkersResident: true, worksInYonkers: true }));
    expect(line(result, "US_NY_YONKERS_LIT")).toBe(cents("1.34"));
  });
});

describe("New York — defaults and edges (hand checks)", () => {
  it("no IT-2104: single, 0 allowances, no NYC/Yonkers line, said on the line", () => {
    // weekly 1,000 − 142.30 = 857.70; (857.70 − 267) × 5.40% = 31.8978 → 31.90 + 11.27 = 43.17
    const result = ny("WEEKLY", "1000");
    expect(line(result, "US_NY_SIT")).toBe(cents("43.17"));
    expect(result.lines.find((l) => l.code === "US_NY_SIT")?.description).toContain("no IT-2104 on file: single, 0 allowances");
    expect(line(result, "US_NY_NYC_LIT")).toBeUndefined();
    expect(line(result, "US_NY_YONKERS_LIT")).toBeUndefined();
    expect(result.blockers).toEqual([]);
  });
  it("0 wages: the state line is present at $0.00", () => {
    expect(line(ny("WEEKLY", "0"), "US_NY_SIT")).toBe(0);
  });
  it("a bonus is aggregated with the period's wages (NYS-50 aggregate method)", () => {
    // 1,500 − 142.30 = 1,357.70; (1,357.70 − 267) × 5.40% = 58.8978 → 58.90 + 11.27 = 70.17
    const result = ny("WEEKLY", "1000", undefined, "500");
    expect(line(result, "US_NY_SIT")).toBe(cents("70.17"));
    expect(result.lines.find((l) => l.code === "US_NY_SIT")?.taxableWages).toBe(cents("1500"));
  });
  it("more than 10 exemptions: Table B + exemptions × Table C", () => {
    // 142.30 + 12 × 19.25 = 373.30; 1,000 − 373.30 = 626.70; 359.70 × 5.40% = 19.4238 → 19.42 + 11.27 = 30.69
    expect(line(ny("WEEKLY", "1000", single(12)), "US_NY_SIT")).toBe(cents("30.69"));
  });
  it("married, withhold at the higher single rate: the single table and allowance (= Single Example 1)", () => {
    expect(line(ny("WEEKLY", "400", { filingStatus: "MARRIED_WITHHOLD_AT_SINGLE_RATE", nysAllowances: 3 }), "US_NY_SIT")).toBe(cents("8.01"));
  });
  it("Method III above $1,077,550 of annualized net wages: flat 10.45% on the whole annualized amount", () => {
    // 120,000 − 616.70 = 119,383.30 × 12 = 1,432,599.60 × 10.45% = 149,706.6582 → 149,706.66 ÷ 12 = 12,475.555 → 12,475.56
    expect(line(ny("MONTHLY", "120000", single(0)), "US_NY_SIT")).toBe(cents("12475.56"));
  });
  it("IT-2104 lines 3–5 additional amounts are added to their lines", () => {
    const result = ny("WEEKLY", "400", single(3, { nycResident: true, yonkersResident: true, nysAdditional: 1000, nycAdditional: 500, yonkersAdditional: 100 }));
    expect(line(result, "US_NY_SIT")).toBe(cents("18.01"));
    expect(line(result, "US_NY_NYC_LIT")).toBe(cents("11.11"));
    expect(line(result, "US_NY_YONKERS_LIT")).toBe(cents("2.34")); // 16.75% of 8.01 (not of 18.01) + 1.00
  });
  it("a 2025 pay date is a MISSING_TAX_TABLE blocker (the 1/25 tables are not transcribed)", () => {
    const result = run({ jurisdiction: "US-NY", payDate: "2025-06-06", gross: cents("1000") });
    expect(blockerCodes(result)).toContain("MISSING_TAX_TABLE");
    expect(line(result, "US_NY_SIT")).toBeUndefined();
  });
  it("an invalid IT-2104 value is an INVALID_INPUT blocker, not a guess", () => {
    const result = ny("WEEKLY", "400", { filingStatus: "HEAD", nysAllowances: -1 });
    expect(blockerCodes(result)).toEqual(["INVALID_INPUT", "INVALID_INPUT"]);
    expect(line(result, "US_NY_SIT")).toBeUndefined();
  });
});

describe("New York module declarations", () => {
  it("covers the state and its two withholding localities, each with its line code", () => {
    expect(newYork.coverage.map((c) => [c.jurisdiction, c.lineCodes.map((l) => l.code)])).toEqual([
      ["US-NY", ["US_NY_SIT"]],
      ["US-NY-NYC", ["US_NY_NYC_LIT"]],
      ["US-NY-YONKERS", ["US_NY_YONKERS_LIT"]],
    ]);
    expect(newYork.certificate).toBe(IT_2104);
  });
});
