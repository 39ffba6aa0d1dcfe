/**
 * FICA, Additional Medicare, FUTA, earnings/reimbursement/net, contractors, blockers, validation, determinism.
 * Expected values are worked by hand in the comments from the published rates and bases (Pub 15 (2026) §9, §14;
 * SSA wage bases), not produced by the engine.
 */
import { describe, expect, it } from "vitest";
import type { PaycheckResult } from "../../src/modules/payroll/engine/types";
import { usInput, run, line, codes, blockerCodes, cents } from "../support/engine-us";
import { calculateUsPaycheck } from "../../src/modules/payroll/engine/us";

describe("Social Security (6.2% + 6.2%) with the employer's year-to-date wage base", () => {
  it("taxes regular + supplemental wages below the base", () => {
    // (1,000 + 1,000) × 6.2% = 124.00, employee and employer.
    const result = run({ gross: cents("1000"), supplemental: cents("1000") });
    expect(line(result, "US_SS_EE")).toBe(cents("124.00"));
    expect(line(result, "US_SS_ER")).toBe(cents("124.00"));
  });

  it("crossing the 2026 base $184,500 inside the period taxes only the part below it", () => {
    // YTD 183,000: room 1,500 of the 3,000 → 1,500 × 6.2% = 93.00; Medicare on all 3,000: 43.50.
    const result = run({ gross: cents("3000"), yearToDate: { socialSecurityWages: cents("183000"), medicareWages: cents("183000") } });
    expect(line(result, "US_SS_EE")).toBe(cents("93.00"));
    expect(line(result, "US_SS_ER")).toBe(cents("93.00"));
    expect(line(result, "US_MEDICARE_EE")).toBe(cents("43.50"));
    expect(line(result, "US_MEDICARE_ER")).toBe(cents("43.50"));
  });

  it("at the base there is no Social Security line at all (zero lines are omitted)", () => {
    const result = run({ gross: cents("3000"), yearToDate: { socialSecurityWages: cents("184500") } });
    expect(line(result, "US_SS_EE")).toBeUndefined();
    expect(line(result, "US_SS_ER")).toBeUndefined();
  });

  it("2025 uses the $176,100 base", () => {
    // YTD 175,000: room 1,100 → 68.20.
    const result = run({ payDate: "2025-11-14", gross: cents("3000"), yearToDate: { socialSecurityWages: cents("175000") } });
    expect(line(result, "US_SS_EE")).toBe(cents("68.20"));
  });

  it("rounds half-up to the cent", () => {
    // $0.25 × 6.2% = 1.55¢ → 2¢. $1,234.57 × 6.2% = 76.54334 → 76.54; × 1.45% = 17.901265 → 17.90.
    expect(line(run({ gross: 25 }), "US_SS_EE")).toBe(2);
    const result = run({ gross: cents("1234.57") });
    expect(line(result, "US_SS_EE")).toBe(cents("76.54"));
    expect(line(result, "US_MEDICARE_EE")).toBe(cents("17.90"));
  });
});

describe("Additional Medicare Tax 0.9%, employee only, on this employer's wages above $200,000", () => {
  it("crossing within the period: only the excess", () => {
    // YTD 199,000 + 5,000 → 4,000 above → 36.00. No employer share.
    const result = run({ gross: cents("5000"), yearToDate: { medicareWages: cents("199000") } });
    expect(line(result, "US_ADDL_MEDICARE_EE")).toBe(cents("36.00"));
    expect(result.lines.some((l) => l.kind === "EMPLOYER_TAX" && l.code.includes("ADDL"))).toBe(false);
  });

  it("already above: the whole period's wages", () => {
    // 5,000 × 0.9% = 45.00
    const result = run({ gross: cents("5000"), yearToDate: { medicareWages: cents("250000") } });
    expect(line(result, "US_ADDL_MEDICARE_EE")).toBe(cents("45.00"));
  });

  it("reaching exactly $200,000 or staying below: no line", () => {
    expect(line(run({ gross: cents("5000"), yearToDate: { medicareWages: cents("195000") } }), "US_ADDL_MEDICARE_EE")).toBeUndefined();
    expect(line(run({ gross: cents("5000"), yearToDate: { medicareWages: cents("100000") } }), "US_ADDL_MEDICARE_EE")).toBeUndefined();
  });

  it("the threshold is the same for every filing status", () => {
    const mfj = run({ gross: cents("5000"), w4: { filingStatus: "MARRIED_FILING_JOINTLY" }, yearToDate: { medicareWages: cents("199000") } });
    expect(line(mfj, "US_ADDL_MEDICARE_EE")).toBe(cents("36.00"));
  });
});

describe("FUTA 0.6% employer on the first $7,000", () => {
  it("first wages of the year", () => {
    // 1,000 × 0.6% = 6.00
    expect(line(run({ gross: cents("1000") }), "US_FUTA_ER")).toBe(cents("6.00"));
  });
  it("crossing the $7,000 base", () => {
    // YTD 6,500: 500 × 0.6% = 3.00
    expect(line(run({ gross: cents("2000"), yearToDate: { futaWages: cents("6500") } }), "US_FUTA_ER")).toBe(cents("3.00"));
  });
  it("after the base: no line", () => {
    expect(line(run({ gross: cents("2000"), yearToDate: { futaWages: cents("7000") } }), "US_FUTA_ER")).toBeUndefined();
  });
});

describe("Exemptions", () => {
  it("SOCIAL_SECURITY, MEDICARE and FUTA remove the employee and employer lines they name", () => {
    const result = run({ gross: cents("1000"), exemptions: ["SOCIAL_SECURITY", "MEDICARE", "FUTA"] });
    expect(codes(result)).toEqual(["EARNING_REGULAR", "US_FIT"]);
  });
  it("MEDICARE also removes Additional Medicare", () => {
    const result = run({ gross: cents("5000"), exemptions: ["MEDICARE"], yearToDate: { medicareWages: cents("250000") } });
    expect(line(result, "US_ADDL_MEDICARE_EE")).toBeUndefined();
    expect(line(result, "US_SS_EE")).toBe(cents("310.00")); // 5,000 × 6.2%
  });
});

describe("Earnings, reimbursement and net", () => {
  it("a full weekly statement: lines in order, net = gross + supplemental + reimbursement − employee taxes", () => {
    // Texas, Single, weekly $1,500 + bonus $500 + reimbursement $120:
    //   US_FIT 160.19 + 500 × 22% = 110.00 → 270.19
    //   US_SS_EE 2,000 × 6.2% = 124.00; US_MEDICARE_EE 2,000 × 1.45% = 29.00
    //   employer: SS 124.00, Medicare 29.00, FUTA 2,000 × 0.6% = 12.00
    //   net = 1,500 + 500 + 120 − (270.19 + 124.00 + 29.00) = 1,696.81
    const result = run({ gross: cents("1500"), supplemental: cents("500"), reimbursement: cents("120") });
    expect(result.currency).toBe("USD");
    expect(result.gross).toBe(cents("2000"));
    expect(result.lines.map((l) => [l.code, l.kind, l.amount])).toEqual([
      ["EARNING_REGULAR", "EARNING", cents("1500")],
      ["EARNING_SUPPLEMENTAL", "EARNING", cents("500")],
      ["REIMBURSEMENT", "REIMBURSEMENT", cents("120")],
      ["US_FIT", "EMPLOYEE_TAX", cents("270.19")],
      ["US_SS_EE", "EMPLOYEE_TAX", cents("124.00")],
      ["US_MEDICARE_EE", "EMPLOYEE_TAX", cents("29.00")],
      ["US_SS_ER", "EMPLOYER_TAX", cents("124.00")],
      ["US_MEDICARE_ER", "EMPLOYER_TAX", cents("29.00")],
      ["US_FUTA_ER", "EMPLOYER_TAX", cents("12.00")],
    ]);
    expect(result.net).toBe(cents("1696.81"));
    expect(result.blockers).toEqual([]);
  });

  it("a reimbursement is not taxed", () => {
    const without = run({ gross: cents("1000") });
    const withReimbursement = run({ gross: cents("1000"), reimbursement: cents("300") });
    const taxes = (r: PaycheckResult) => r.lines.filter((l) => l.kind !== "EARNING" && l.kind !== "REIMBURSEMENT");
    expect(taxes(withReimbursement)).toEqual(taxes(without));
    expect(withReimbursement.net - without.net).toBe(cents("300"));
    expect(withReimbursement.gross).toBe(cents("1000"));
  });

  it("every line amount is a non-negative integer of cents", () => {
    const result = run({ jurisdiction: "US-CA", gross: cents("1234.57"), supplemental: cents("98.76"), reimbursement: 1 });
    for (const l of result.lines) expect(Number.isSafeInteger(l.amount) && l.amount >= 0).toBe(true);
  });
});

describe("Contractors (US_1099_CONTRACTOR)", () => {
  it("no withholding and no employer tax, net = gross + reimbursement, no W-4 needed", () => {
    const result = run({ classification: "US_1099_CONTRACTOR", w4: undefined, gross: cents("4000"), supplemental: cents("100"), reimbursement: cents("50") });
    // Fees, not wages: one CONTRACTOR_FEE line (the bonus included), described as such.
    expect(codes(result)).toEqual(["CONTRACTOR_FEE", "REIMBURSEMENT"]);
    expect(result.lines[0]).toMatchObject({ kind: "EARNING", amount: cents("4100"), description: expect.stringContaining("1099-NEC") });
    expect(result.net).toBe(cents("4150"));
    expect(result.gross).toBe(cents("4100"));
    expect(result.blockers).toEqual([]);
  });
  it("in a state the engine does not compute, still nothing to withhold", () => {
    const result = run({ classification: "US_1099_CONTRACTOR", jurisdiction: "US-NY", gross: cents("4000") });
    expect(result.blockers).toEqual([]);
    expect(result.net).toBe(cents("4000"));
  });
});

describe("Blockers", () => {
  it("UNSUPPORTED_TAX_YEAR for a pay date outside 2025–2026: no tax line at all", () => {
    for (const payDate of ["2024-12-31", "2027-01-01"]) {
      const result = run({ payDate, gross: cents("1500") });
      expect(blockerCodes(result)).toEqual(["UNSUPPORTED_TAX_YEAR"]);
      expect(codes(result)).toEqual(["EARNING_REGULAR"]);
      expect(result.blockers[0].message).toContain(payDate.slice(0, 4));
    }
  });

  it("UNSUPPORTED_TAX_JURISDICTION for a non-US jurisdiction", () => {
    const result = run({ jurisdiction: "CA-ON", gross: cents("1500") });
    expect(blockerCodes(result)).toEqual(["UNSUPPORTED_TAX_JURISDICTION"]);
    expect(result.lines.filter((l) => l.kind === "EMPLOYEE_TAX")).toEqual([]);
  });

  it("UNSUPPORTED_CLASSIFICATION for a Canadian classification", () => {
    expect(blockerCodes(run({ classification: "CA_T4_EMPLOYEE", gross: cents("1500") }))).toEqual(["UNSUPPORTED_CLASSIFICATION"]);
  });

  it("INVALID_INPUT lists every unreadable field and computes nothing", () => {
    const result = calculateUsPaycheck(usInput({ gross: -1, supplemental: 10.5, payDate: "2026-02-30", payFrequency: "DAILY" as never }));
    expect(blockerCodes(result)).toEqual(["INVALID_INPUT", "INVALID_INPUT", "INVALID_INPUT", "INVALID_INPUT"]);
    expect(result.lines).toEqual([]);
    expect(result.net).toBe(0);
  });

  it("INVALID_INPUT for a negative W-4 amount", () => {
    const result = run({ gross: cents("1000"), w4: { filingStatus: "SINGLE", dependentsAmount: -100 } });
    expect(blockerCodes(result)).toEqual(["INVALID_INPUT"]);
  });
});

describe("Determinism and purity", () => {
  const deepFreeze = <T>(value: T): T => {
    if (value && typeof value === "object") {
      for (const child of Object.values(value)) deepFreeze(child);
      Object.freeze(value);
    }
    return value;
  };

  it("the same input gives the same result, and the input is not mutated", () => {
    const input = deepFreeze(
      usInput({
        jurisdiction: "US-CA",
        payFrequency: "BIWEEKLY",
        gross: cents("4321.09"),
        supplemental: cents("2500"),
        reimbursement: cents("45.5"),
        w4: { filingStatus: "MARRIED_FILING_JOINTLY", multipleJobs: true, dependentsAmount: cents("2000"), extraWithholding: 1234 },
        certificates: { de4: { filingStatus: "MARRIED_ONE_INCOME", regularAllowances: 3, estimatedDeductionAllowances: 1 } },
        yearToDate: { socialSecurityWages: cents("180000"), medicareWages: cents("198000"), futaWages: cents("6000"), supplementalWages: cents("999000") },
      }),
    );
    const first = calculateUsPaycheck(input);
    const second = calculateUsPaycheck(structuredClone(input));
    expect(second).toEqual(first);
    expect(JSON.stringify(calculateUsPaycheck(input))).toBe(JSON.stringify(first));
  });
});
