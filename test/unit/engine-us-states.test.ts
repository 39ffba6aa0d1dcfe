/**
 * State lines: the nine states without a wage income tax (Washington Paid Leave, Alaska employee UI), California
 * (EDD Method B 2026 — the publication's own Examples A–D — and SDI), Illinois (IL-700-T automated method and its
 * Example B), Pennsylvania (PIT and UC employee contribution), and the UNSUPPORTED_TAX_JURISDICTION blocker.
 * Expected values are published examples or worked by hand in the comments from the tables.
 */
import { describe, expect, it } from "vitest";
import { SUPPORTED_US_STATES } from "../../src/modules/payroll/engine/us";
import { run, line, codes, blockerCodes, cents } from "../support/engine-us";

describe("States without a wage income tax: no SIT line", () => {
  for (const state of ["FL", "NV", "NH", "SD", "TN", "TX", "WY"]) {
    it(`US-${state}: federal lines only, no blocker`, () => {
      const result = run({ jurisdiction: `US-${state}`, gross: cents("1500") });
      expect(result.blockers).toEqual([]);
      expect(codes(result)).toEqual(["EARNING_REGULAR", "US_FIT", "US_SS_EE", "US_MEDICARE_EE", "US_SS_ER", "US_MEDICARE_ER", "US_FUTA_ER"]);
    });
  }
});

describe("Washington Paid Family & Medical Leave (employee share)", () => {
  it("2026: $2,000 × 1.13% × 71.43% = $16.14 (the ESD-style illustration: 22.60 × .7143 = 16.14)", () => {
    const result = run({ jurisdiction: "US-WA", payFrequency: "BIWEEKLY", gross: cents("2000") });
    expect(line(result, "US_WA_PFML_EE")).toBe(cents("16.14"));
    expect(codes(result).some((c) => c.endsWith("_SIT"))).toBe(false);
    expect(line(result, "US_WA_CARES_EE")).toBeUndefined(); // not collected (see tables/wa-paid-leave.ts)
  });

  it("includes the bonus in the premium base", () => {
    // (1,000 + 1,000) × 1.13% × 71.43% = 16.14318 → 16.14
    expect(line(run({ jurisdiction: "US-WA", gross: cents("1000"), supplemental: cents("1000") }), "US_WA_PFML_EE")).toBe(cents("16.14"));
  });

  it("stops at the Social Security cap $184,500, crossing within the period", () => {
    // YTD 184,000: 500 × 0.807159% = 4.0358 → 4.04
    const result = run({ jurisdiction: "US-WA", gross: cents("2000"), yearToDate: { socialSecurityWages: cents("184000") } });
    expect(line(result, "US_WA_PFML_EE")).toBe(cents("4.04"));
    const above = run({ jurisdiction: "US-WA", gross: cents("2000"), yearToDate: { socialSecurityWages: cents("184500") } });
    expect(line(above, "US_WA_PFML_EE")).toBeUndefined();
  });

  it("a separately tracked PFML year-to-date base (stateWages.US_WA_PFML_EE) wins over Social Security wages", () => {
    // PFML YTD 184,000 → room 500 → 4.04, although Social Security YTD is 0.
    const result = run({
      jurisdiction: "US-WA",
      gross: cents("2000"),
      yearToDate: { socialSecurityWages: 0, stateWages: { US_WA_PFML_EE: cents("184000") } },
    });
    expect(line(result, "US_WA_PFML_EE")).toBe(cents("4.04"));
  });

  it("2025: 0.92% × 71.52% → $2,000 gives 13.15968 → $13.16", () => {
    expect(line(run({ jurisdiction: "US-WA", payDate: "2025-07-03", gross: cents("2000") }), "US_WA_PFML_EE")).toBe(cents("13.16"));
  });
});

describe("Alaska employee unemployment insurance", () => {
  it("2025: 0.50% up to the $51,700 wage base", () => {
    // 1,000 × 0.5% = 5.00; YTD 51,500: 200 × 0.5% = 1.00
    expect(line(run({ jurisdiction: "US-AK", payDate: "2025-05-02", gross: cents("1000") }), "US_AK_SUI_EE")).toBe(cents("5.00"));
    const crossing = run({ jurisdiction: "US-AK", payDate: "2025-05-02", gross: cents("1000"), yearToDate: { socialSecurityWages: cents("51500") } });
    expect(line(crossing, "US_AK_SUI_EE")).toBe(cents("1.00"));
  });

  it("2026: the rate is not sourced → MISSING_TAX_TABLE blocker, never a silent zero", () => {
    const result = run({ jurisdiction: "US-AK", gross: cents("1000") });
    expect(blockerCodes(result)).toEqual(["MISSING_TAX_TABLE"]);
    expect(result.blockers[0].message).toContain("Alaska");
    // Federal withholding is still computed, as for the same paycheck in Texas.
    expect(line(result, "US_FIT")).toBe(line(run({ gross: cents("1000") }), "US_FIT"));
    expect(line(result, "US_FIT")).toBeGreaterThan(0);
  });
});

describe("Pennsylvania: PIT 3.07% flat and UC employee 0.07%", () => {
  it("biweekly $2,000 → PIT $61.40, UC $1.40", () => {
    const result = run({ jurisdiction: "US-PA", payFrequency: "BIWEEKLY", gross: cents("2000") });
    expect(line(result, "US_PA_SIT")).toBe(cents("61.40"));
    expect(line(result, "US_PA_UC_EE")).toBe(cents("1.40"));
    expect(result.blockers).toEqual([]);
    expect(result.lines.find((l) => l.code === "US_PA_SIT")!.description).toContain("local EIT");
  });

  it("supplemental compensation is added and taxed at the same rate (REV-415)", () => {
    // (2,000 + 5,000) × 3.07% = 214.90; × 0.07% = 4.90
    const result = run({ jurisdiction: "US-PA", gross: cents("2000"), supplemental: cents("5000") });
    expect(line(result, "US_PA_SIT")).toBe(cents("214.90"));
    expect(line(result, "US_PA_UC_EE")).toBe(cents("4.90"));
  });

  it("no allowances of any kind: the W-4 does not change it; half-up rounding", () => {
    // 1,234.57 × 3.07% = 37.901299 → 37.90; × 0.07% = 0.864199 → 0.86
    const result = run({ jurisdiction: "US-PA", gross: cents("1234.57"), w4: { filingStatus: "MARRIED_FILING_JOINTLY", dependentsAmount: cents("6000") } });
    expect(line(result, "US_PA_SIT")).toBe(cents("37.90"));
    expect(line(result, "US_PA_UC_EE")).toBe(cents("0.86"));
  });
});

describe("Illinois: IL-700-T automated payroll method, 4.95%", () => {
  it("no IL-W-4 on file → no allowances: weekly $800 → $39.60", () => {
    expect(line(run({ jurisdiction: "US-IL", gross: cents("800") }), "US_IL_SIT")).toBe(cents("39.60"));
  });

  it("IL-700-T (R-12/25) Example B: weekly $800, 2 basic + 2 additional allowances → $32.13", () => {
    // Booklet: 2 × $2,925 + 2 × $1,000 = $7,850; ÷ 52 = $150.96; $800 − $150.96 = $649.04; × 4.95% = $32.13.
    const result = run({ jurisdiction: "US-IL", gross: cents("800"), certificates: { ilW4: { basicAllowances: 2, additionalAllowances: 2 } } });
    expect(line(result, "US_IL_SIT")).toBe(cents("32.13"));
  });

  it("IL-W-4 line 3 is added after the rate", () => {
    const result = run({ jurisdiction: "US-IL", gross: cents("800"), certificates: { ilW4: { basicAllowances: 2, additionalAllowances: 2, extraWithholding: cents("25") } } });
    expect(line(result, "US_IL_SIT")).toBe(cents("57.13"));
  });

  it("2025 uses the $2,850 exemption amount", () => {
    // 2,850 ÷ 52 = 54.8077 → 54.81; (800 − 54.81) × 4.95% = 36.886905 → 36.89
    const result = run({ jurisdiction: "US-IL", payDate: "2025-09-05", gross: cents("800"), certificates: { ilW4: { basicAllowances: 1 } } });
    expect(line(result, "US_IL_SIT")).toBe(cents("36.89"));
  });

  it("the bonus is part of the period's compensation", () => {
    // (800 + 200) × 4.95% = 49.50
    expect(line(run({ jurisdiction: "US-IL", gross: cents("800"), supplemental: cents("200") }), "US_IL_SIT")).toBe(cents("49.50"));
  });
});

describe("California PIT — EDD 2026 Withholding Schedules, Method B, the publication's own examples", () => {
  it("Example A — weekly $210, single, 1 allowance: below the $363 low-income exemption → $0", () => {
    const result = run({ jurisdiction: "US-CA", gross: cents("210"), certificates: { de4: { filingStatus: "SINGLE_OR_DUAL_INCOME_MARRIED", regularAllowances: 1 } } });
    expect(line(result, "US_CA_SIT")).toBe(0);
  });

  it("Example B — biweekly $1,600, married, 3 allowances of which 1 estimated-deduction → $2.38", () => {
    // Table 1 (married, 2+): 1,454 < 1,600. Table 2 (1): −38 → 1,562. Table 3 (married, 2+): −439 → 1,123.
    // Table 27: 9.37 + 2.2% × (1,123 − 852) = 9.37 + 5.96 = 15.33. Table 4 (2 regular): −12.95 → 2.38.
    const result = run({
      jurisdiction: "US-CA",
      payFrequency: "BIWEEKLY",
      gross: cents("1600"),
      certificates: { de4: { filingStatus: "MARRIED_ONE_INCOME", regularAllowances: 2, estimatedDeductionAllowances: 1 } },
    });
    expect(line(result, "US_CA_SIT")).toBe(cents("2.38"));
  });

  it("Example C — monthly $5,100, married, 5 allowances → $0.82", () => {
    // 5,100 − 951 = 4,149; Table 21: 20.33 + 2.2% × (4,149 − 1,848) = 20.33 + 50.62 = 70.95; − 70.13 = 0.82.
    const result = run({
      jurisdiction: "US-CA",
      payFrequency: "MONTHLY",
      gross: cents("5100"),
      certificates: { de4: { filingStatus: "MARRIED_ONE_INCOME", regularAllowances: 5 } },
    });
    expect(line(result, "US_CA_SIT")).toBe(cents("0.82"));
  });

  it("Example D — weekly $950, head of household, 3 allowances → $1.69", () => {
    // 950 − 219 = 731; Table 25: 4.69 + 2.2% × (731 − 426) = 4.69 + 6.71 = 11.40; − 9.71 = 1.69.
    const result = run({ jurisdiction: "US-CA", gross: cents("950"), certificates: { de4: { filingStatus: "HEAD_OF_HOUSEHOLD", regularAllowances: 3 } } });
    expect(line(result, "US_CA_SIT")).toBe(cents("1.69"));
  });

  it("Table 4 footnote: 15 allowances weekly = 15 × $3.24 = $48.60 of credit", () => {
    // Married weekly $5,000, 15 allowances: 5,000 − 219 = 4,781; Table 24: 135.55 + 10.23% × (4,781 − 2,798)
    // = 135.55 + 202.86 = 338.41; − 48.60 = 289.81.
    const result = run({ jurisdiction: "US-CA", gross: cents("5000"), certificates: { de4: { filingStatus: "MARRIED_ONE_INCOME", regularAllowances: 15 } } });
    expect(line(result, "US_CA_SIT")).toBe(cents("289.81"));
  });
});

describe("California PIT — defaults, other tables, boundaries", () => {
  it("no DE 4 → Single with zero allowances (not the W-4 status): weekly $1,000 → $27.75", () => {
    // 1,000 − 110 = 890; Table 23: 21.61 + 6.6% × (890 − 797) = 21.61 + 6.14 = 27.75; no credit.
    const result = run({ jurisdiction: "US-CA", gross: cents("1000"), w4: { filingStatus: "MARRIED_FILING_JOINTLY" } });
    expect(line(result, "US_CA_SIT")).toBe(cents("27.75"));
    expect(result.lines.find((l) => l.code === "US_CA_SIT")!.description).toContain("no DE 4");
  });

  it("the low-income exemption is 'less than or equal': $363.00 → 0, $363.01 → $3.22", () => {
    expect(line(run({ jurisdiction: "US-CA", gross: cents("363") }), "US_CA_SIT")).toBe(0);
    // 363.01 − 110 = 253.01; Table 23: 2.34 + 2.2% × 40.01 = 2.34 + 0.88 = 3.22.
    expect(line(run({ jurisdiction: "US-CA", gross: cents("363.01") }), "US_CA_SIT")).toBe(cents("3.22"));
  });

  it("semimonthly head of household, 1 allowance: $3,000 → $45.72", () => {
    // Table 1 HoH 1,575 < 3,000; − 476 = 2,524; Table 19: 37.99 + 4.4% × (2,524 − 2,189) = 37.99 + 14.74
    // = 52.73; Table 4 (1): − 7.01 = 45.72.
    const result = run({
      jurisdiction: "US-CA",
      payFrequency: "SEMIMONTHLY",
      gross: cents("3000"),
      certificates: { de4: { filingStatus: "HEAD_OF_HOUSEHOLD", regularAllowances: 1 } },
    });
    expect(line(result, "US_CA_SIT")).toBe(cents("45.72"));
  });

  it("monthly single, 0 allowances: $8,000 → $443.24", () => {
    // 8,000 − 476 = 7,524; Table 20: 293.47 + 10.23% × (7,524 − 6,060) = 293.47 + 149.77 = 443.24.
    const result = run({ jurisdiction: "US-CA", payFrequency: "MONTHLY", gross: cents("8000"), certificates: { de4: { filingStatus: "SINGLE_OR_DUAL_INCOME_MARRIED" } } });
    expect(line(result, "US_CA_SIT")).toBe(cents("443.24"));
  });

  it("married with 0 or 1 allowance uses the single columns of Tables 1 and 3 but the married rate table", () => {
    // Weekly $1,000, married, 1 allowance: − 110 = 890; Table 24: 4.69 + 2.2% × (890 − 426) = 4.69 + 10.21
    // = 14.90; − 3.24 = 11.66.
    const result = run({ jurisdiction: "US-CA", gross: cents("1000"), certificates: { de4: { filingStatus: "MARRIED_ONE_INCOME", regularAllowances: 1 } } });
    expect(line(result, "US_CA_SIT")).toBe(cents("11.66"));
  });

  it("DE 4 line 2 additional amount is withheld even under the low-income exemption", () => {
    const result = run({ jurisdiction: "US-CA", gross: cents("210"), certificates: { de4: { filingStatus: "SINGLE_OR_DUAL_INCOME_MARRIED", extraWithholding: cents("10") } } });
    expect(line(result, "US_CA_SIT")).toBe(cents("10.00"));
  });

  it("a bonus is withheld at the flat 10.23% (R&TC §18663(b)) in the same US_CA_SIT line", () => {
    // $5,000 × 10.23% = $511.50 (the commonly published illustration); regular $1,000 → 27.75 as above.
    const result = run({ jurisdiction: "US-CA", gross: cents("1000"), supplemental: cents("5000") });
    expect(line(result, "US_CA_SIT")).toBe(cents("539.25"));
  });
});

describe("California SDI", () => {
  it("2026: 1.3% of all wages, no cap", () => {
    // 1,000 × 1.3% = 13.00; a $300,000 YTD earner still pays: (10,000 + 5,000) × 1.3% = 195.00.
    expect(line(run({ jurisdiction: "US-CA", gross: cents("1000") }), "US_CA_SDI_EE")).toBe(cents("13.00"));
    const high = run({ jurisdiction: "US-CA", gross: cents("10000"), supplemental: cents("5000"), yearToDate: { socialSecurityWages: cents("300000") } });
    expect(line(high, "US_CA_SDI_EE")).toBe(cents("195.00"));
  });

  it("2025: SDI 1.2% is computed, PIT is a MISSING_TAX_TABLE blocker (2025 Method B tables not transcribed)", () => {
    const result = run({ jurisdiction: "US-CA", payDate: "2025-10-10", gross: cents("1000") });
    expect(line(result, "US_CA_SDI_EE")).toBe(cents("12.00"));
    expect(line(result, "US_CA_SIT")).toBeUndefined();
    expect(blockerCodes(result)).toEqual(["MISSING_TAX_TABLE"]);
    expect(result.blockers[0].message).toContain("2025");
  });
});

describe("Every other state is an UNSUPPORTED_TAX_JURISDICTION blocker naming it", () => {
  for (const state of ["CO", "OR", "DC", "PR"].filter((s) => !SUPPORTED_US_STATES.includes(s))) {
    it(`US-${state}`, () => {
      const result = run({ jurisdiction: `US-${state}`, gross: cents("1500") });
      expect(blockerCodes(result)).toEqual(["UNSUPPORTED_TAX_JURISDICTION"]);
      expect(result.blockers[0].message).toContain(`US-${state}`);
      // Federal taxes are still computed; no state line pretends to be zero.
      expect(line(result, "US_FIT")).toBe(cents("160.19"));
      expect(codes(result).filter((c) => c.startsWith(`US_${state}_`))).toEqual([]);
    });
  }
});
