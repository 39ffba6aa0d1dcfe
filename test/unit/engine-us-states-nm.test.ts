/**
 * New Mexico (NM TRD FYI-104 percentage method, federal W-4 filing status). The 2026 FYI-104 could not be opened
 * here, so there is no official worked example to reproduce; every expected value below is worked by hand from the
 * annual tables (tables/nm-withholding.ts): annual = period wages × periods; plus + rate × excess; ÷ periods,
 * half-up to the cent; bonus at 5.9%.
 */
import { describe, expect, it } from "vitest";
import { NM_WITHHOLDING } from "../../src/modules/payroll/engine/us/tables/nm-withholding";
import { usd } from "../../src/modules/payroll/engine/us/money";
import { blockerCodes, cents, line, run } from "../support/engine-us";

const nm = (overrides: Parameters<typeof run>[0] = {}) => run({ jurisdiction: "US-NM", ...overrides });
const sitLine = (result: ReturnType<typeof run>) => result.lines.find((l) => l.code === "US_NM_SIT")!;

describe("New Mexico income tax withholding", () => {
  it("2026 weekly $1,000, W-4 Single → $31.86", () => {
    // 52,000: 1,165.50 + (52,000 − 41,550) × 4.7% = 1,165.50 + 491.15 = 1,656.65; ÷ 52 = 31.8587 → 31.86
    const result = nm({ gross: cents("1000") });
    expect(result.blockers).toEqual([]);
    expect(line(result, "US_NM_SIT")).toBe(cents("31.86"));
    expect(sitLine(result).taxableWages).toBe(cents("1000"));
    expect(sitLine(result).description).toContain("federal W-4 SINGLE");
  });

  it("no federal W-4 on file: the Single table, stated on the line", () => {
    const result = nm({ gross: cents("1000"), w4: undefined });
    expect(line(result, "US_NM_SIT")).toBe(cents("31.86"));
    expect(sitLine(result).description).toContain("no federal W-4 on file");
  });

  it("W-4 Married filing jointly, monthly $6,000 → $168.03 (half-up)", () => {
    // 72,000: 1,739 + (72,000 − 66,100) × 4.7% = 1,739 + 277.30 = 2,016.30; ÷ 12 = 168.025 → 168.03
    expect(line(nm({ payFrequency: "MONTHLY", gross: cents("6000"), w4: { filingStatus: "MARRIED_FILING_JOINTLY" } }), "US_NM_SIT")).toBe(cents("168.03"));
  });

  it("W-4 Head of household, biweekly $2,000 → $50.22", () => {
    // 52,000: 664 + (52,000 − 37,075) × 4.3% = 664 + 641.775 = 1,305.775; ÷ 26 = 50.2221 → 50.22
    expect(line(nm({ payFrequency: "BIWEEKLY", gross: cents("2000"), w4: { filingStatus: "HEAD_OF_HOUSEHOLD" } }), "US_NM_SIT")).toBe(cents("50.22"));
  });

  it("a bonus is withheld at the 5.9% supplemental rate", () => {
    // regular 31.86 (first case) + 500 × 5.9% = 29.50 → 61.36
    const result = nm({ gross: cents("1000"), supplemental: cents("500") });
    expect(line(result, "US_NM_SIT")).toBe(cents("61.36"));
    expect(sitLine(result).taxableWages).toBe(cents("1500"));
  });

  it("under the Single table's $8,050 start nothing; then 1.5%", () => {
    // weekly 150: 7,800 ≤ 8,050 → 0
    expect(line(nm({ gross: cents("150") }), "US_NM_SIT")).toBe(0);
    // weekly 200: 10,400; (10,400 − 8,050) × 1.5% = 35.25; ÷ 52 = 0.6779 → 0.68
    expect(line(nm({ gross: cents("200") }), "US_NM_SIT")).toBe(cents("0.68"));
  });

  it("2025 is not transcribed: MISSING_TAX_TABLE, no line", () => {
    const result = nm({ payDate: "2025-06-06", gross: cents("1000") });
    expect(blockerCodes(result)).toContain("MISSING_TAX_TABLE");
    expect(line(result, "US_NM_SIT")).toBeUndefined();
  });

  it("each 2026 table is its start plus the NMSA § 7-2-7 brackets, plus amounts re-derived from the rates", () => {
    const t = NM_WITHHOLDING[2026];
    const singleBreaks = ["0", "5500", "16500", "33500", "66500", "210000"];
    const jointBreaks = ["0", "8000", "25000", "50000", "100000", "315000"];
    const cases = [
      { rows: t.schedules.SINGLE, start: "8050", breaks: singleBreaks },
      { rows: t.schedules.MARRIED, start: "16100", breaks: jointBreaks },
      { rows: t.schedules.HEAD_OF_HOUSEHOLD, start: "12075", breaks: jointBreaks },
    ];
    for (const { rows, start, breaks } of cases) {
      // every rate change happens exactly at start + a statutory break
      const changes = rows.slice(1).filter((r, i) => i === 0 || r.rate.numerator * rows[i].rate.denominator !== rows[i].rate.numerator * r.rate.denominator);
      expect(changes.map((r) => r.over)).toEqual(breaks.map((b) => usd(start) + usd(b)));
      for (let i = 2; i < rows.length; i++) {
        const prev = rows[i - 1];
        expect(rows[i].plus * prev.rate.denominator).toBe(prev.plus * prev.rate.denominator + (rows[i].over - prev.over) * prev.rate.numerator);
      }
    }
  });
});
