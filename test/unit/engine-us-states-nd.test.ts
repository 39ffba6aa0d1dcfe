/**
 * North Dakota (ND Tax Commissioner percentage method, federal W-4 filing status). The official withholding guide
 * could not be opened here, so there is no official worked example to reproduce; every expected value below is
 * worked by hand from the annual tables (tables/nd-withholding.ts): annual = period wages × periods; plus + rate ×
 * excess; ÷ periods, rounded to the dollar; bonus at 1.5%.
 */
import { describe, expect, it } from "vitest";
import { ND_WITHHOLDING } from "../../src/modules/payroll/engine/us/tables/nd-withholding";
import { usd } from "../../src/modules/payroll/engine/us/money";
import { cents, line, run } from "../support/engine-us";

const nd = (overrides: Parameters<typeof run>[0] = {}) => run({ jurisdiction: "US-ND", ...overrides });
const sitLine = (result: ReturnType<typeof run>) => result.lines.find((l) => l.code === "US_ND_SIT")!;

describe("North Dakota income tax withholding", () => {
  it("2026 weekly $1,500, W-4 Single → $8", () => {
    // 78,000: (78,000 − 57,625) × 1.95% = 397.3125; ÷ 52 = 7.64 → 8
    const result = nd({ gross: cents("1500") });
    expect(result.blockers).toEqual([]);
    expect(line(result, "US_ND_SIT")).toBe(cents("8"));
    expect(sitLine(result).taxableWages).toBe(cents("1500"));
  });

  it("no federal W-4 on file: the Single table, stated on the line", () => {
    const result = nd({ gross: cents("1500"), w4: undefined });
    expect(line(result, "US_ND_SIT")).toBe(cents("8"));
    expect(sitLine(result).description).toContain("no federal W-4 on file");
  });

  it("Married filing jointly monthly $10,000 → $102; Head of household biweekly $5,000 → $39", () => {
    // 120,000: (120,000 − 57,500) × 1.95% = 1,218.75; ÷ 12 = 101.56 → 102
    expect(line(nd({ payFrequency: "MONTHLY", gross: cents("10000"), w4: { filingStatus: "MARRIED_FILING_JOINTLY" } }), "US_ND_SIT")).toBe(cents("102"));
    // 130,000: (130,000 − 78,475) × 1.95% = 1,004.7375; ÷ 26 = 38.64 → 39
    expect(line(nd({ payFrequency: "BIWEEKLY", gross: cents("5000"), w4: { filingStatus: "HEAD_OF_HOUSEHOLD" } }), "US_ND_SIT")).toBe(cents("39"));
  });

  it("the 2.5% bracket: Single monthly $25,000 → $413", () => {
    // 300,000: 3,916.09 + (300,000 − 258,450) × 2.5% = 3,916.09 + 1,038.75 = 4,954.84; ÷ 12 = 412.90 → 413
    expect(line(nd({ payFrequency: "MONTHLY", gross: cents("25000") }), "US_ND_SIT")).toBe(cents("413"));
  });

  it("a bonus is withheld at the 1.5% supplemental rate", () => {
    // regular 8 (first case) + 1,000 × 1.5% = 15 → 23
    expect(line(nd({ gross: cents("1500"), supplemental: cents("1000") }), "US_ND_SIT")).toBe(cents("23"));
  });

  it("under the Single table's $57,625 start nothing is withheld (the line is still present)", () => {
    expect(line(nd({ gross: cents("1000") }), "US_ND_SIT")).toBe(0);
  });

  it("2025 uses its own tables: biweekly $4,000 Single → $36 (2026: $35)", () => {
    // 2025: 104,000 − 55,975 = 48,025 × 1.95% = 936.4875; ÷ 26 = 36.02 → 36
    expect(line(nd({ payDate: "2025-06-06", payFrequency: "BIWEEKLY", gross: cents("4000") }), "US_ND_SIT")).toBe(cents("36"));
    // 2026: 104,000 − 57,625 = 46,375 × 1.95% = 904.3125; ÷ 26 = 34.78 → 35
    expect(line(nd({ payFrequency: "BIWEEKLY", gross: cents("4000") }), "US_ND_SIT")).toBe(cents("35"));
  });

  it("the tables are the ND income tax brackets shifted by half the federal standard deduction; plus amounts re-derive", () => {
    // [year, Single, Joint, Head of household breaks; federal standard deduction Single / Joint / HoH]
    const cases = [
      { year: 2025, s: ["48475", "244825"], j: ["80975", "298075"], h: ["64950", "271450"], sd: ["15000", "30000", "22500"] },
      { year: 2026, s: ["49575", "250400"], j: ["82800", "304850"], h: ["66400", "277600"], sd: ["16100", "32200", "24150"] },
    ];
    for (const c of cases) {
      const t = ND_WITHHOLDING[c.year].schedules;
      const half = (a: bigint) => ((a + 100n) / 200n) * 100n; // ÷ 2, to the dollar, half-up
      expect(t.SINGLE.slice(1).map((r) => r.over)).toEqual(c.s.map((b) => usd(b) + usd(c.sd[0]) / 2n));
      expect(t.MARRIED.slice(1).map((r) => r.over)).toEqual(c.j.map((b) => half(usd(b) + usd(c.sd[1]))));
      expect(t.HEAD_OF_HOUSEHOLD.slice(1).map((r) => r.over)).toEqual(c.h.map((b) => usd(b) + usd(c.sd[2]) / 2n));
      for (const rows of [t.SINGLE, t.MARRIED, t.HEAD_OF_HOUSEHOLD]) {
        const [, start, top] = rows;
        const exact = (top.over - start.over) * start.rate.numerator; // × denominator
        const diff = top.plus * start.rate.denominator - exact;
        expect(diff < 0n ? -diff : diff).toBeLessThanOrEqual(start.rate.denominator / 2n); // printed to the cent
      }
    }
  });
});
