/**
 * Oklahoma (OTC Packet OW-2 percentage formula, OK-W-4). The 2026 OW-2 could not be opened here, so there is no
 * official worked example to reproduce; every expected value below is worked by hand from the formula and the
 * schedules (tables/ok-withholding.ts): annual = period wages × periods − allowances × $1,000; tax by the Single
 * (from $10,100) or Married (from $20,200) schedule at 2.5% / 3.5% / 4.5%; ÷ periods, rounded to the dollar.
 */
import { describe, expect, it } from "vitest";
import { OK_WITHHOLDING } from "../../src/modules/payroll/engine/us/tables/ok-withholding";
import { blockerCodes, cents, line, run } from "../support/engine-us";

const ok = (overrides: Parameters<typeof run>[0] = {}) => run({ jurisdiction: "US-OK", ...overrides });
const single1 = { okW4: { filingStatus: "SINGLE", allowances: 1 } };
const sitLine = (result: ReturnType<typeof run>) => result.lines.find((l) => l.code === "US_OK_SIT")!;

describe("Oklahoma income tax withholding", () => {
  it("2026 weekly $1,000, Single, 1 allowance → $35", () => {
    // 52,000 − 1,000 = 51,000; 109.25 + (51,000 − 13,550) × 4.5% = 109.25 + 1,685.25 = 1,794.50; ÷ 52 = 34.51 → 35
    const result = ok({ gross: cents("1000"), certificates: single1 });
    expect(result.blockers).toEqual([]);
    expect(line(result, "US_OK_SIT")).toBe(cents("35"));
    expect(sitLine(result).taxableWages).toBe(cents("1000"));
  });

  it("no OK-W-4 on file: Single, 0 allowances, stated on the line", () => {
    // biweekly 1,500: 39,000; 109.25 + 25,450 × 4.5% = 109.25 + 1,145.25 = 1,254.50; ÷ 26 = 48.25 → 48
    const result = ok({ payFrequency: "BIWEEKLY", gross: cents("1500") });
    expect(line(result, "US_OK_SIT")).toBe(cents("48"));
    expect(sitLine(result).description).toContain("no OK-W-4 on file");
  });

  it("Married, 2 allowances, monthly $4,000 → $89", () => {
    // 48,000 − 2,000 = 46,000; 218.50 + (46,000 − 27,100) × 4.5% = 218.50 + 850.50 = 1,069.00; ÷ 12 = 89.08 → 89
    const certificates = { okW4: { filingStatus: "MARRIED", allowances: 2 } };
    expect(line(ok({ payFrequency: "MONTHLY", gross: cents("4000"), certificates }), "US_OK_SIT")).toBe(cents("89"));
  });

  it("Married, but withhold at the higher Single rate, uses the Single schedule", () => {
    // same as the first case on the Single schedule: 51,000 → 1,794.50; ÷ 52 = 34.51 → 35
    const certificates = { okW4: { filingStatus: "MARRIED_WITHHOLD_AT_SINGLE_RATE", allowances: 1 } };
    expect(line(ok({ gross: cents("1000"), certificates }), "US_OK_SIT")).toBe(cents("35"));
  });

  it("a bonus paid with regular wages is withheld as one payment (aggregate)", () => {
    // weekly 1,000 + 500: 78,000 − 1,000 = 77,000; 109.25 + 63,450 × 4.5% = 109.25 + 2,855.25 = 2,964.50;
    // ÷ 52 = 57.01 → 57
    const result = ok({ gross: cents("1000"), supplemental: cents("500"), certificates: single1 });
    expect(line(result, "US_OK_SIT")).toBe(cents("57"));
    expect(sitLine(result).taxableWages).toBe(cents("1500"));
  });

  it("the lower brackets: under $10,100 nothing, then 2.5% and 3.5%", () => {
    // weekly 190: 9,880 ≤ 10,100 → 0
    expect(line(ok({ gross: cents("190") }), "US_OK_SIT")).toBe(0);
    // weekly 220: 11,440; 28.75 + 190 × 3.5% = 35.40; ÷ 52 = 0.68 → 1
    expect(line(ok({ gross: cents("220") }), "US_OK_SIT")).toBe(cents("1"));
    // monthly 1,800 Married: 21,600; (21,600 − 20,200) × 2.5% = 35; ÷ 12 = 2.92 → 3
    expect(line(ok({ payFrequency: "MONTHLY", gross: cents("1800"), certificates: { okW4: { filingStatus: "MARRIED" } } }), "US_OK_SIT")).toBe(cents("3"));
  });

  it("additional withholding is added; exempt withholds nothing", () => {
    const extra = { okW4: { ...single1.okW4, additionalWithholding: cents("10") } };
    expect(line(ok({ gross: cents("1000"), certificates: extra }), "US_OK_SIT")).toBe(cents("45"));
    const exempt = ok({ gross: cents("1000"), certificates: { okW4: { exempt: true } } });
    expect(line(exempt, "US_OK_SIT")).toBe(0);
    expect(sitLine(exempt).description).toContain("exemption claimed");
  });

  it("2025 is not transcribed: MISSING_TAX_TABLE, no line", () => {
    const result = ok({ payDate: "2025-06-06", gross: cents("1000") });
    expect(blockerCodes(result)).toContain("MISSING_TAX_TABLE");
    expect(line(result, "US_OK_SIT")).toBeUndefined();
  });

  it("an invalid OK-W-4 is an INVALID_INPUT blocker naming the field", () => {
    const result = ok({ gross: cents("1000"), certificates: { okW4: { filingStatus: "HEAD_OF_HOUSEHOLD" } } });
    expect(blockerCodes(result)).toEqual(["INVALID_INPUT"]);
    expect(result.blockers[0].message).toContain("filingStatus");
    expect(line(result, "US_OK_SIT")).toBeUndefined();
  });

  it("the 2026 schedules are the standard deduction plus the HB 2764 brackets, plus amounts re-derived from the rates", () => {
    const t = OK_WITHHOLDING[2026];
    // Single: $6,350 + 3,750 / 4,900 / 7,200; Married: $12,700 + 7,500 / 9,800 / 14,400
    expect(t.schedules.SINGLE.slice(1).map((r) => r.over)).toEqual(["10100", "11250", "13550"].map((d) => BigInt(cents(d))));
    expect(t.schedules.MARRIED.slice(1).map((r) => r.over)).toEqual(["20200", "22500", "27100"].map((d) => BigInt(cents(d))));
    for (const rows of [t.schedules.SINGLE, t.schedules.MARRIED]) {
      for (let i = 2; i < rows.length; i++) {
        const prev = rows[i - 1];
        const width = rows[i].over - prev.over;
        expect(rows[i].plus * prev.rate.denominator).toBe(prev.plus * prev.rate.denominator + width * prev.rate.numerator);
      }
    }
  });
});
