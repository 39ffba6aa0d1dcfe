/**
 * Rhode Island (RI percentage method, RI W-4). The official withholding tables could not be opened here, so there is
 * no official worked example to reproduce; every expected value below is worked by hand from the schedule
 * (tables/ri-withholding.ts): annual = period wages × periods − allowances × $1,000 (none above the ceiling);
 * plus + rate × excess; ÷ periods, half-up to the cent; bonus at 5.99%.
 */
import { describe, expect, it } from "vitest";
import { RI_WITHHOLDING } from "../../src/modules/payroll/engine/us/tables/ri-withholding";
import { usd } from "../../src/modules/payroll/engine/us/money";
import { blockerCodes, cents, line, run } from "../support/engine-us";

const ri = (overrides: Parameters<typeof run>[0] = {}) => run({ jurisdiction: "US-RI", ...overrides });
const two = { riW4: { allowances: 2 } };
const sitLine = (result: ReturnType<typeof run>) => result.lines.find((l) => l.code === "US_RI_SIT")!;

describe("Rhode Island income tax withholding", () => {
  it("2026 weekly $1,000, 2 allowances → $36.06", () => {
    // 52,000 − 2,000 = 50,000 × 3.75% = 1,875; ÷ 52 = 36.0577 → 36.06
    const result = ri({ gross: cents("1000"), certificates: two });
    expect(result.blockers).toEqual([]);
    expect(line(result, "US_RI_SIT")).toBe(cents("36.06"));
    expect(sitLine(result).taxableWages).toBe(cents("1000"));
  });

  it("no RI W-4 on file: zero allowances, stated on the line", () => {
    // 52,000 × 3.75% = 1,950; ÷ 52 = 37.50
    const result = ri({ gross: cents("1000") });
    expect(line(result, "US_RI_SIT")).toBe(cents("37.50"));
    expect(sitLine(result).description).toContain("no RI W-4 on file");
  });

  it("the 4.75% bracket: monthly $10,000, 1 allowance → $402.67", () => {
    // 120,000 − 1,000 = 119,000; 3,076.88 + (119,000 − 82,050) × 4.75% = 3,076.88 + 1,755.125 = 4,832.005;
    // ÷ 12 = 402.667 → 402.67
    expect(line(ri({ payFrequency: "MONTHLY", gross: cents("10000"), certificates: { riW4: { allowances: 1 } } }), "US_RI_SIT")).toBe(cents("402.67"));
  });

  it("above the $290,800 ceiling no allowance is subtracted", () => {
    // monthly 25,000: 300,000 > 290,800; 8,035.88 + (300,000 − 186,450) × 5.99% = 8,035.88 + 6,801.645 = 14,837.525;
    // ÷ 12 = 1,236.4604 → 1,236.46
    const result = ri({ payFrequency: "MONTHLY", gross: cents("25000"), certificates: { riW4: { allowances: 3 } } });
    expect(line(result, "US_RI_SIT")).toBe(cents("1236.46"));
    expect(sitLine(result).description).toContain("no allowance above");
  });

  it("a bonus is withheld at the 5.99% supplemental rate", () => {
    // 36.06 (first case) + 1,000 × 5.99% = 59.90 → 95.96
    const result = ri({ gross: cents("1000"), supplemental: cents("1000"), certificates: two });
    expect(line(result, "US_RI_SIT")).toBe(cents("95.96"));
    expect(sitLine(result).taxableWages).toBe(cents("2000"));
  });

  it("additional withholding is added; exempt withholds nothing", () => {
    expect(line(ri({ gross: cents("1000"), certificates: { riW4: { allowances: 2, additionalWithholding: cents("5") } } }), "US_RI_SIT")).toBe(cents("41.06"));
    const exempt = ri({ gross: cents("1000"), certificates: { riW4: { exempt: true } } });
    expect(line(exempt, "US_RI_SIT")).toBe(0);
    expect(sitLine(exempt).description).toContain("exemption claimed");
  });

  it("2025 uses its own schedule: weekly $2,000 → $79.63 (2026: $79.22)", () => {
    // 2025: 2,996.25 + (104,000 − 79,900) × 4.75% = 2,996.25 + 1,144.75 = 4,141.00; ÷ 52 = 79.6346 → 79.63
    expect(line(ri({ payDate: "2025-06-06", gross: cents("2000") }), "US_RI_SIT")).toBe(cents("79.63"));
    // 2026: 3,076.88 + (104,000 − 82,050) × 4.75% = 3,076.88 + 1,042.625 = 4,119.505; ÷ 52 = 79.221 → 79.22
    expect(line(ri({ gross: cents("2000") }), "US_RI_SIT")).toBe(cents("79.22"));
  });

  it("an invalid RI W-4 is an INVALID_INPUT blocker naming the field", () => {
    const result = ri({ gross: cents("1000"), certificates: { riW4: { allowances: -1 } } });
    expect(blockerCodes(result)).toEqual(["INVALID_INPUT"]);
    expect(result.blockers[0].message).toContain("allowances");
    expect(line(result, "US_RI_SIT")).toBeUndefined();
  });

  it("the schedules use the RI income tax breaks; plus amounts re-derive from the rates (printed to the cent)", () => {
    const breaks: Record<number, string[]> = { 2025: ["79900", "181650"], 2026: ["82050", "186450"] };
    for (const [year, edition] of Object.entries(RI_WITHHOLDING)) {
      const rows = edition.schedule;
      expect(rows.slice(1).map((r) => r.over)).toEqual(breaks[Number(year)].map(usd));
      for (let i = 1; i < rows.length; i++) {
        const prev = rows[i - 1];
        const exact = prev.plus * prev.rate.denominator + (rows[i].over - prev.over) * prev.rate.numerator;
        const diff = rows[i].plus * prev.rate.denominator - exact;
        expect(diff < 0n ? -diff : diff).toBeLessThanOrEqual(prev.rate.denominator / 2n);
      }
    }
  });
});
