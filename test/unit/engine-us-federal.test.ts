/**
 * Federal income tax withholding (US_FIT): IRS Pub 15-T Worksheet 1A and the Pub 15 §7 supplemental flat rates.
 * Every expected value is either printed by the IRS (wage bracket cells) / by the reference's trap corrections, or
 * worked by hand in the comment next to it from the Pub 15-T annual tables — never produced by the engine itself.
 */
import { describe, expect, it } from "vitest";
import { run, line, blockerCodes, cents } from "../support/engine-us";

describe("Pub 15-T (2026) Wage Bracket Method table, weekly, Single/MFS, STANDARD column (p. 14)", () => {
  // Reference §5.A A1. The published cell is Worksheet 1A evaluated at the interval midpoint, rounded to the
  // whole dollar: withholding = (1,240 + 12% × (52·m − 8,600 − 19,900)) / 52.
  // e.g. m = 670: 52 × 670 = 34,840 − 8,600 = 26,240 → 1,240 + 12% × 6,340 = 2,000.80 / 52 = 38.48 → $38.
  const cells: Array<[atLeast: number, lessThan: number, withhold: number]> = [
    [625, 635, 34],
    [635, 645, 35],
    [645, 655, 36],
    [655, 665, 37],
    [665, 675, 38],
    [675, 685, 40],
    [685, 695, 41],
    [695, 705, 42],
    [705, 715, 43],
    [715, 725, 44],
  ];
  for (const [atLeast, lessThan, withhold] of cells) {
    it(`$${atLeast}–$${lessThan} → $${withhold}`, () => {
      const midpoint = ((atLeast + lessThan) / 2) * 100;
      const fit = line(run({ gross: midpoint }), "US_FIT")!;
      expect(Math.round(fit / 100)).toBe(withhold);
    });
  }
});

describe("Worksheet 1A — the reference's trap corrections (§6.1: line 1g must be subtracted)", () => {
  it("Example A: $1,500 weekly, Single → $160.19 (not $196.58)", () => {
    // 1c = 1,500 × 52 = 78,000; 1i = 78,000 − 8,600 = 69,400; STANDARD Single row 57,900–113,200:
    // 5,800 + 22% × 11,500 = 8,330.00; 2h = 8,330 / 52 = 160.1923 → $160.19.
    expect(line(run({ gross: cents("1500") }), "US_FIT")).toBe(cents("160.19"));
  });

  it("Example C: $2,975 semimonthly, Head of household, Step 3 $4,500 → $34.00 (not $77.00)", () => {
    // The spec's Example C is the only case consistent with both its wrong $77.00 (1g omitted) and the correct
    // $34.00: 1c = 2,975 × 24 = 71,400; 1i = 71,400 − 8,600 = 62,800; HoH row 33,250–83,000:
    // 1,770 + 12% × 29,550 = 5,316; 2h = 221.50; 3b = 4,500 / 24 = 187.50; 3c = 34.00.
    // (Without 1g: 1,770 + 12% × 38,150 = 6,348 − 4,500 = 1,848 / 24 = $77.00 — the spec's number.)
    const result = run({
      payFrequency: "SEMIMONTHLY",
      gross: cents("2975"),
      w4: { filingStatus: "HEAD_OF_HOUSEHOLD", dependentsAmount: cents("4500") },
    });
    expect(line(result, "US_FIT")).toBe(cents("34.00"));
  });
});

describe("Worksheet 1A — each filing status, STANDARD schedule (Pub 15-T 2026 p. 12)", () => {
  it("Married filing jointly, biweekly $3,000 → $192.31", () => {
    // 78,000 − 12,900 = 65,100; MFJ row 44,100–120,100: 2,480 + 12% × 21,000 = 5,000 / 26 = 192.3077.
    const result = run({ payFrequency: "BIWEEKLY", gross: cents("3000"), w4: { filingStatus: "MARRIED_FILING_JOINTLY" } });
    expect(line(result, "US_FIT")).toBe(cents("192.31"));
  });

  it("Head of household, monthly $6,000 → $449.00", () => {
    // 72,000 − 8,600 = 63,400; HoH row 33,250–83,000: 1,770 + 12% × 30,150 = 5,388 / 12 = 449.00.
    const result = run({ payFrequency: "MONTHLY", gross: cents("6000"), w4: { filingStatus: "HEAD_OF_HOUSEHOLD" } });
    expect(line(result, "US_FIT")).toBe(cents("449.00"));
  });

  it("Married filing jointly, semimonthly $5,000 with Step 3 $4,000 → $251.67", () => {
    // 120,000 − 12,900 = 107,100; MFJ row 44,100–120,100: 2,480 + 12% × 63,000 = 10,040;
    // (10,040 − 4,000) / 24 = 251.6667.
    const result = run({
      payFrequency: "SEMIMONTHLY",
      gross: cents("5000"),
      w4: { filingStatus: "MARRIED_FILING_JOINTLY", dependentsAmount: cents("4000") },
    });
    expect(line(result, "US_FIT")).toBe(cents("251.67"));
  });

  it("Single, monthly $60,000 reaches the 37% row → $18,033.35", () => {
    // 720,000 − 8,600 = 711,400; Single row 648,100+: 192,979.25 + 37% × 63,300 = 216,400.25 / 12 = 18,033.354.
    const result = run({ payFrequency: "MONTHLY", gross: cents("60000") });
    expect(line(result, "US_FIT")).toBe(cents("18033.35"));
  });
});

describe("Worksheet 1A — Step 2 checkbox (STEP-2-CHECKBOX schedule, line 1g = 0)", () => {
  it("Single, weekly $1,500 → $251.67", () => {
    // 1i = 78,000 (no 1g); Single checkbox row 60,900–108,938: 8,983 + 24% × 17,100 = 13,087 / 52 = 251.673.
    const result = run({ gross: cents("1500"), w4: { filingStatus: "SINGLE", multipleJobs: true } });
    expect(line(result, "US_FIT")).toBe(cents("251.67"));
  });

  it("Married filing jointly, biweekly $3,000 → $320.38", () => {
    // 1i = 78,000; MFJ checkbox row 66,500–121,800: 5,800 + 22% × 11,500 = 8,330 / 26 = 320.3846.
    const result = run({
      payFrequency: "BIWEEKLY",
      gross: cents("3000"),
      w4: { filingStatus: "MARRIED_FILING_JOINTLY", multipleJobs: true },
    });
    expect(line(result, "US_FIT")).toBe(cents("320.38"));
  });

  it("Head of household, monthly $6,000 → $814.63 (814.625 rounds half-up)", () => {
    // 1i = 72,000; HoH checkbox row 64,925–112,950: 8,077.50 + 24% × 7,075 = 9,775.50 / 12 = 814.625 → 814.63.
    const result = run({
      payFrequency: "MONTHLY",
      gross: cents("6000"),
      w4: { filingStatus: "HEAD_OF_HOUSEHOLD", multipleJobs: true },
    });
    expect(line(result, "US_FIT")).toBe(cents("814.63"));
  });
});

describe("Worksheet 1A — Steps 3 and 4 and their floors", () => {
  it("Step 3 credit larger than the tentative amount floors at 0, Step 4(c) is still withheld", () => {
    // Single biweekly $1,000: 26,000 − 8,600 = 17,400 → 10% × 9,900 = 990 / 26 = 38.08;
    // 3b = 4,000 / 26 = 153.85 > 38.08 → 3c = 0; 4b = 0 + 25.00.
    const result = run({
      payFrequency: "BIWEEKLY",
      gross: cents("1000"),
      w4: { filingStatus: "SINGLE", dependentsAmount: cents("4000"), extraWithholding: cents("25") },
    });
    expect(line(result, "US_FIT")).toBe(cents("25.00"));
  });

  it("Step 4(a) other income is added and Step 4(b) deductions are subtracted with line 1g", () => {
    // Single weekly $1,000: 1e = 52,000 + 5,200 = 57,200; 1h = 10,400 + 8,600 = 19,000; 1i = 38,200;
    // 1,240 + 12% × 18,300 = 3,436 / 52 = 66.0769 → 66.08.
    const result = run({
      gross: cents("1000"),
      w4: { filingStatus: "SINGLE", otherIncome: cents("5200"), deductions: cents("10400") },
    });
    expect(line(result, "US_FIT")).toBe(cents("66.08"));
  });

  it("line 1i floors at 0 and US_FIT is reported as $0.00, not omitted", () => {
    // Single weekly $200: 10,400 − (50,000 + 8,600) < 0 → 1i = 0 → 0.
    const result = run({ gross: cents("200"), w4: { filingStatus: "SINGLE", deductions: cents("50000") } });
    expect(line(result, "US_FIT")).toBe(0);
  });
});

describe("2025 fallback edition (Pub 15-T 2025)", () => {
  it("$1,500 weekly Single, pay date 2025-12-31 → $168.73", () => {
    // 78,000 − 8,600 = 69,400; 2025 Single row 54,875–109,750: 5,578.50 + 22% × 14,525 = 8,774 / 52 = 168.7308.
    expect(line(run({ payDate: "2025-12-31", gross: cents("1500") }), "US_FIT")).toBe(cents("168.73"));
  });

  it("MFJ with the Step 2 checkbox, biweekly $3,000 → $337.46", () => {
    // 1i = 78,000; 2025 MFJ checkbox row 63,475–118,350: 5,578.50 + 22% × 14,525 = 8,774 / 26 = 337.4615.
    const result = run({
      payDate: "2025-06-13",
      payFrequency: "BIWEEKLY",
      gross: cents("3000"),
      w4: { filingStatus: "MARRIED_FILING_JOINTLY", multipleJobs: true },
    });
    expect(line(result, "US_FIT")).toBe(cents("337.46"));
  });

  it("the year boundary follows the pay date: 2026-01-01 uses the 2026 tables", () => {
    expect(line(run({ payDate: "2026-01-01", gross: cents("1500") }), "US_FIT")).toBe(cents("160.19"));
  });
});

describe("Supplemental wages (Pub 15 (2026) §7): flat 22%, mandatory 37% above $1,000,000 for the year", () => {
  it("22% on a bonus paid with regular wages, in the same US_FIT line", () => {
    // Regular: $160.19 (Example A). Bonus $10,000 × 22% = $2,200.00. Total 2,360.19.
    const result = run({ gross: cents("1500"), supplemental: cents("10000") });
    expect(line(result, "US_FIT")).toBe(cents("2360.19"));
  });

  it("the supplemental flat rate rounds half-up to the cent", () => {
    // $1,234.57 × 22% = 271.6054 → 271.61; no regular wages → Worksheet 1A gives 0.
    expect(line(run({ gross: 0, supplemental: cents("1234.57") }), "US_FIT")).toBe(cents("271.61"));
  });

  it("a bonus crossing $1,000,000 of year-to-date supplemental wages is split 22% / 37%", () => {
    // YTD 995,000 + 10,000: 5,000 × 22% = 1,100 and 5,000 × 37% = 1,850 → 2,950; + regular 160.19.
    const result = run({
      gross: cents("1500"),
      supplemental: cents("10000"),
      yearToDate: { supplementalWages: cents("995000") },
    });
    expect(line(result, "US_FIT")).toBe(cents("3110.19"));
  });

  it("once above $1,000,000 the whole bonus is at 37%", () => {
    // 10,000 × 37% = 3,700 + 160.19.
    const result = run({
      gross: cents("1500"),
      supplemental: cents("10000"),
      yearToDate: { supplementalWages: cents("1200000") },
    });
    expect(line(result, "US_FIT")).toBe(cents("3860.19"));
  });

  it("the supplemental flat rate ignores the W-4 (Step 2 checkbox, Step 3 credits)", () => {
    // Bonus alone: 5,000 × 22% = 1,100.00 whatever the W-4 says; regular wages 0 → Worksheet 1A 0.
    const result = run({
      gross: 0,
      supplemental: cents("5000"),
      w4: { filingStatus: "MARRIED_FILING_JOINTLY", multipleJobs: true, dependentsAmount: cents("8000") },
    });
    expect(line(result, "US_FIT")).toBe(cents("1100.00"));
  });
});

describe("No Form W-4", () => {
  it("is a MISSING_W4 blocker with no US_FIT line, everything else still computed", () => {
    const result = run({ gross: cents("1500"), w4: undefined });
    expect(blockerCodes(result)).toEqual(["MISSING_W4"]);
    expect(line(result, "US_FIT")).toBeUndefined();
    expect(line(result, "US_SS_EE")).toBe(cents("93.00")); // 1,500 × 6.2%
  });
});
