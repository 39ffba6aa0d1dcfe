/**
 * Minnesota: MN DOR computer formula with the W-4MN (2026). The instructions print no worked formula example;
 * expected values are worked by hand from the formula in each test name, and the schedules are checked against
 * MN DOR's official 2026 income tax brackets.
 */
import { describe, expect, it } from "vitest";
import { blockerCodes, cents, line, run } from "../support/engine-us";
import { MN_WITHHOLDING } from "../../src/modules/payroll/engine/us/tables/mn-withholding";
import { usd } from "../../src/modules/payroll/engine/us/money";

describe("Minnesota income tax (MN DOR computer formula)", () => {
  it("no W-4MN → Single, 0 allowances: weekly $1,000 → 52,000: 1,782.09 + 13,990 × 6.8% = 2,733.41 ÷ 52 = 52.57 → $53", () => {
    const result = run({ jurisdiction: "US-MN", gross: cents("1000") });
    expect(result.blockers).toEqual([]);
    expect(line(result, "US_MN_SIT")).toBe(cents("53"));
    expect(result.lines.find((l) => l.code === "US_MN_SIT")?.description).toContain("no W-4MN on file: Single, 0 allowances");
  });

  it("W-4MN Married, 2 allowances, biweekly $2,500: 65,000 − 10,600 = 54,400; 39,700 × 5.35% = 2,123.95 ÷ 26 = 81.69 → $82", () => {
    const certificates = { w4mn: { filingStatus: "MARRIED", allowances: 2 } };
    expect(line(run({ jurisdiction: "US-MN", payFrequency: "BIWEEKLY", gross: cents("2500"), certificates }), "US_MN_SIT")).toBe(cents("82"));
  });

  it("'Married, withhold at the higher Single rate' uses the Single schedule; the extra amount is added", () => {
    const certificates = { w4mn: { filingStatus: "MARRIED_WITHHOLD_AT_SINGLE_RATE", extraWithholding: cents("7.50") } };
    expect(line(run({ jurisdiction: "US-MN", gross: cents("1000"), certificates }), "US_MN_SIT")).toBe(cents("60.50"));
  });

  it("a bonus is withheld at the 6.25% supplemental rate: 53 + 1,000 × 6.25% = $115.50", () => {
    expect(line(run({ jurisdiction: "US-MN", gross: cents("1000"), supplemental: cents("1000") }), "US_MN_SIT")).toBe(cents("115.50"));
  });

  it("annual wages under the Single starting point withhold nothing: weekly $90 × 52 = 4,680 ≤ 4,700 → $0", () => {
    expect(line(run({ jurisdiction: "US-MN", gross: cents("90") }), "US_MN_SIT")).toBe(0);
  });

  it("W-4MN exemption: no withholding", () => {
    expect(line(run({ jurisdiction: "US-MN", gross: cents("1000"), certificates: { w4mn: { exempt: true } } }), "US_MN_SIT")).toBe(0);
  });

  it("2025 is a MISSING_TAX_TABLE blocker, not a zero", () => {
    const result = run({ jurisdiction: "US-MN", payDate: "2025-06-06", gross: cents("1000") });
    expect(line(result, "US_MN_SIT")).toBeUndefined();
    expect(blockerCodes(result)).toContain("MISSING_TAX_TABLE");
  });

  it("2026 schedules: bracket widths are MN DOR's 2026 brackets and every 'plus' re-derives from the rates", () => {
    const { SINGLE, MARRIED } = MN_WITHHOLDING[2026].schedules;
    // MN DOR 2026: Single 5.35% to $33,310, 6.80% to $109,430, 7.85% to $203,150; Married Joint $48,700 / $193,480 / $337,930.
    expect(SINGLE.slice(2).map((r) => r.over - SINGLE[1].over)).toEqual([usd("33310"), usd("109430"), usd("203150")]);
    expect(MARRIED.slice(2).map((r) => r.over - MARRIED[1].over)).toEqual([usd("48700"), usd("193480"), usd("337930")]);
    for (const rows of [SINGLE, MARRIED]) {
      for (let i = 2; i < rows.length; i++) {
        const prev = rows[i - 1];
        const exact = prev.plus * prev.rate.denominator + (rows[i].over - prev.over) * prev.rate.numerator;
        expect(rows[i].plus).toBe((exact * 2n + prev.rate.denominator) / (prev.rate.denominator * 2n));
      }
    }
  });
});
