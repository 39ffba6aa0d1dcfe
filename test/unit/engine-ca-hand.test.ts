import { describe, expect, it } from "vitest";
import { calculateCaPaycheck, computeT4127 } from "../../src/modules/payroll/engine/ca";
import { Q } from "../../src/modules/payroll/engine/ca/exact";
import { EDITION_2026_JAN } from "../../src/modules/payroll/engine/ca/tables/y2026";
import type { PaycheckInput, PaycheckResult } from "../../src/modules/payroll/engine/types";

// Cases worked by hand from the 2026 tables (T4127 122nd ed., project reference §4), each derivation in the
// comment above its expectations. Rounding: half-up to the cent for every product, contribution and per-period tax.

const employee = (over: Partial<PaycheckInput>): PaycheckInput => ({
  jurisdiction: "CA-ON",
  classification: "CA_T4_EMPLOYEE",
  payFrequency: "BIWEEKLY",
  payDate: "2026-03-13",
  gross: 230769,
  ...over,
});
const amounts = (r: PaycheckResult) => Object.fromEntries(r.lines.map((l) => [l.code, l.amount]));
const $ = (t: string) => Q.dollars(t);

describe("Ontario: surtax V1, health premium V2, tax reduction S", () => {
  it("$150,000 monthly: surtax and the 750 health premium", () => {
    // C = 0.0595 × (12,500 − 291.66) = 726.40; EI = 203.75; F5 = 122.08; A = 12 × 12,377.92 = 148,535.04.
    // T4 = 0.1116A (16,576.51) − 4,376 − K1P 655.94 − K2P (0.0505 × 3,519.45 = 177.73; 0.0505 × 1,123.07 = 56.72)
    //    = 11,310.12. V1 = 20% × (11,310.12 − 5,818) = 1,098.42 + 36% × (11,310.12 − 7,446) = 1,391.08 → 2,489.50.
    // V2 = min(750, 600 + 25% × (148,535.04 − 72,000)) = 750. S = 0. T2 = 14,549.62 / 12 = 1,212.47.
    const r = computeT4127({ edition: EDITION_2026_JAN, province: "ON", periodsPerYear: 12, regular: $("12,500"), bonus: Q.ZERO });
    const p = r.periodic.provincial!;
    expect([p.T4, p.V1, p.V2, p.S, p.T2].map((q) => q.toDollars())).toEqual(["11310.12", "2489.50", "750.00", "0.00", "14549.62"]);
    expect(r.provincialTax!.toDollars()).toBe("1212.47");
  });

  it("$900 biweekly: the tax reduction S = 2 × 300 − T4 and a partial health premium", () => {
    // C = 0.0595 × (900 − 134.61) = 45.54; EI = 14.67; F5 = 7.65; A = 26 × 892.35 = 23,201.10.
    // T4 = 0.0505A (1,171.66) − 655.94 − K2P (0.0505 × 26 × 37.89 = 49.75; 0.0505 × 381.42 = 19.26) = 446.71.
    // S = min(446.71, 600 − 446.71) = 153.29. V2 = min(300, 6% × 3,201.10 = 192.07) = 192.07.
    // T2 = 446.71 − 153.29 + 192.07 = 485.49 / 26 = 18.67. Federal: 0.14A = 3,248.15 − 2,303.28 − K2 (137.92 + 53.40)
    //    − K4 210.14 = 543.41 / 26 = 20.90.
    const r = computeT4127({ edition: EDITION_2026_JAN, province: "ON", periodsPerYear: 26, regular: $("900"), bonus: Q.ZERO });
    const p = r.periodic.provincial!;
    expect([p.T4, p.S, p.V2, p.T2].map((q) => q.toDollars())).toEqual(["446.71", "153.29", "192.07", "485.49"]);
    const l = amounts(calculateCaPaycheck(employee({ gross: 90000 })));
    expect([l.CA_CPP_EE, l.CA_EI_EE, l.CA_FIT, l.CA_ON_PIT]).toEqual([4554, 1467, 2090, 1867]);
  });
});

describe("British Columbia tax reduction S", () => {
  it("in the phase-out band: $1,153.85 biweekly", () => {
    // C 60.64, EI 18.81, F5 10.19, A = 26 × 1,143.66 = 29,735.16.
    // T4 = 0.0506A (1,504.60) − 0.0506 × 13,216 (668.73) − K2P (0.0506 × 26 × 50.45 = 66.37; 0.0506 × 489.06 = 24.75) = 744.75.
    // S = 575 − 3.56% × (29,735.16 − 25,570) = 575 − 148.28 = 426.72 → T2 = 318.03 / 26 = 12.23.
    const r = computeT4127({ edition: EDITION_2026_JAN, province: "BC", periodsPerYear: 26, regular: $("1,153.85"), bonus: Q.ZERO });
    expect([r.periodic.provincial!.T4, r.periodic.provincial!.S].map((q) => q.toDollars())).toEqual(["744.75", "426.72"]);
    expect(r.provincialTax!.toDollars()).toBe("12.23");
  });

  it("below 25,570: S = min(T4, 575) wipes out the tax ($2,000 monthly, A = 23,795.04, T4 = 464.16)", () => {
    // C = 0.0595 × (2,000 − 291.66) = 101.65, F5 = 17.08, A = 12 × 1,982.92 = 23,795.04;
    // T4 = 1,204.03 − 668.73 − 51.35 − 19.79 = 464.16 ≤ 575 → S = 464.16, T2 = 0.
    const l = amounts(calculateCaPaycheck(employee({ jurisdiction: "CA-BC", payFrequency: "MONTHLY", gross: 200000 })));
    expect(l.CA_BC_PIT).toBe(0);
    expect(l.CA_CPP_EE).toBe(10165);
  });
});

describe("Alberta supplemental credit K5P", () => {
  it("$5,000 biweekly with a provincial claim of 60,000", () => {
    // C = 0.0595 × 4,865.39 = 289.49, EI 81.50, F5 48.65, A = 26 × 4,951.35 = 128,735.10.
    // K1P = 0.08 × 60,000 = 4,800; K2P = 0.08 × 3,519.45 (P × 240.84 capped) = 281.56 + 0.08 × 1,123.07 = 89.85 → 371.41.
    // K5P = (4,800 + 371.41 − 4,896) × 0.25 = 68.85. T4 = 0.10A (12,873.51) − 1,224 − 4,800 − 371.41 − 68.85 = 6,409.25 / 26 = 246.51.
    // Federal: 0.26A = 33,471.13 − 10,241 − 2,303.28 − 649.95 − 210.14 = 20,066.76 / 26 = 771.80.
    const r = computeT4127({
      edition: EDITION_2026_JAN,
      province: "AB",
      periodsPerYear: 26,
      regular: $("5,000"),
      bonus: Q.ZERO,
      federalClaim: $("16,452"),
      provincialClaim: $("60,000"),
    });
    expect(r.periodic.provincial!.K5P.toDollars()).toBe("68.85");
    expect(r.periodic.provincial!.T4.toDollars()).toBe("6409.25");
    expect([r.federalTax, r.provincialTax!].map((q) => q.toDollars())).toEqual(["771.80", "246.51"]);
  });
});

describe("Basic amounts when no TD1 is on file (not a blocker)", () => {
  it("Manitoba BPAMB phases out between 200,000 and 400,000: $25,000 monthly", () => {
    // C = 0.0595 × 24,708.34 = 1,470.15; EI = 407.50; F5 = 247.08; A = 12 × 24,752.92 = 297,035.04.
    // BPAMB = 15,780 − 97,035.04 × 15,780/200,000 = 8,123.94; BPAF = 14,829 (NI ≥ 258,482).
    // MB: 0.174A = 51,684.10 − 5,567 − 0.108 × 8,123.94 (877.39) − K2P (380.10 + 121.29) = 44,738.32 / 12 = 3,728.19.
    // Federal: 0.33A = 98,021.56 − 26,024 − 2,076.06 − 649.95 − 210.14 = 69,061.41 / 12 = 5,755.12.
    const res = calculateCaPaycheck(employee({ jurisdiction: "CA-MB", payFrequency: "MONTHLY", gross: 2500000 }));
    expect(res.blockers).toEqual([]);
    const l = amounts(res);
    expect([l.CA_FIT, l.CA_MB_PIT]).toEqual([575512, 372819]);
  });

  it("Yukon BPAYT follows the BPAF, plus the employment-amount credit K4P: $18,000 monthly", () => {
    // C = 1,053.65, EI = 293.40, F5 = 177.08, A = 12 × 17,822.92 = 213,875.04.
    // BPAF = 16,452 − 32,435.04 × 1,623/77,042 = 15,768.71 (federal TC and BPAYT).
    // YT: 0.128A = 27,376.01 − 7,193 − 0.064 × 15,768.71 (1,009.20) − K2P 297.12 − K4P 0.064 × 1,501 (96.06)
    //   = 18,780.63 / 12 = 1,565.05. Federal: 0.29A = 62,023.76 − 15,685 − 2,207.62 − 649.95 − 210.14 = 43,271.05 / 12 = 3,605.92.
    const l = amounts(calculateCaPaycheck(employee({ jurisdiction: "CA-YT", payFrequency: "MONTHLY", gross: 1800000 })));
    expect([l.CA_FIT, l.CA_YT_PIT]).toEqual([360592, 156505]);
  });

  it("no TD1 = claim code 1 below the phase-out ($60k Ontario)", () => {
    const without = calculateCaPaycheck(employee({}));
    const withTd1 = calculateCaPaycheck(employee({ td1: { federalClaimAmount: 1645200, provincialClaimAmount: 1298900 } }));
    expect(without).toEqual(withTd1);
    expect(without.blockers).toEqual([]);
  });
});

describe("Quebec: QPP, QPIP, Quebec EI rate, federal abatement, Quebec income tax (TP-1015.F)", () => {
  it("$2,307.69 biweekly", () => {
    // QPP = 6.30% × (2,307.69 − 134.61) = 136.90; EI = 1.30% × 2,307.69 = 30.00; QPIP = 0.430% × 2,307.69 = 9.92.
    // Employer: QPP 136.90, EI 1.4 × 30.00 = 42.00, QPIP 9.92 × 0.602/0.430 = 13.89.
    // F5 = 136.90 × 0.01/0.063 = 21.73; A = 59,434.96. T3 = 12,184.17 − 3,804 − 2,303.28
    //   − K2Q (0.14 × 26 × 115.17 = 419.22; 0.14 × 780 = 109.20; 0.14 × 257.92 = 36.11) − 210.14 = 5,302.22.
    // Abatement 16.5% × 5,302.22 = 874.87 → T1 = 4,427.35 / 26 = 170.28.
    const r = calculateCaPaycheck(employee({ jurisdiction: "CA-QC" }));
    const l = amounts(r);
    expect([l.CA_QPP_EE, l.CA_QPP2_EE, l.CA_EI_EE, l.CA_QPIP_EE, l.CA_FIT]).toEqual([13690, 0, 3000, 992, 17028]);
    expect([l.CA_QPP_ER, l.CA_QPP2_ER, l.CA_EI_ER, l.CA_QPIP_ER]).toEqual([13690, 0, 4200, 1389]);
    expect(l.CA_CPP_EE).toBeUndefined();
    // Quebec (TP-1015.F 2026, no TP-1015.3): H = min(6% × 2,307.69, 1,450/26) = 55.77; CSA = 136.90 × 0.01/0.063
    //   = 21.73; I = 26 × (2,307.69 − 55.77 − 21.73) = 57,984.94; Y = 0.19 × I (11,017.14) − 2,717 − 0.14 × 18,952
    //   (2,653.28) = 5,646.86; A = 5,646.86 / 26 = 217.19.
    expect(l.CA_QC_PIT).toBe(21719);
    // Employer: HSF 4.26% (no rate on file) × 2,307.69 = 98.31; CNT 0.06% = 1.38; CNESST not computed (no rate).
    expect([l.CA_QC_HSF_ER, l.CA_QC_CNT_ER, l.CA_QC_CNESST_ER]).toEqual([9831, 138, 0]);
    expect(r.blockers).toEqual([]);
    expect(r.net).toBe(230769 - 13690 - 3000 - 992 - 17028 - 21719);
  });

  it("QPIP stops at its 103,000 ceiling; QPIP exemption removes both lines", () => {
    const capped = amounts(calculateCaPaycheck(employee({ jurisdiction: "CA-QC", yearToDate: { qpipInsurableEarnings: 10200000, qpipPremiums: 43860 } })));
    // 0.430% × min(2,307.69, 103,000 − 102,000) = 4.30; room 442.90 − 438.60 = 4.30.
    expect([capped.CA_QPIP_EE, capped.CA_QPIP_ER]).toEqual([430, 602]);
    const exempt = amounts(calculateCaPaycheck(employee({ jurisdiction: "CA-QC", exemptions: ["QPIP"] })));
    expect(exempt.CA_QPIP_EE).toBeUndefined();
    expect(exempt.CA_QPIP_ER).toBeUndefined();
  });
});

describe("Year-to-date maxima", () => {
  it("a full year at $4,000 biweekly reaches exactly the CPP, CPP2 and EI maxima", () => {
    // Periods 1–17: C = 0.0595 × 3,865.39 = 229.99, EI 65.20. Period 18: C 229.99, EI = 1,123.07 − 17 × 65.20 = 14.67.
    // Period 19: C = 4,230.45 − 18 × 229.99 = 90.63; C2 = 4% × (72,000 + 4,000 − 74,600) = 56.00.
    // Periods 20–21: C2 = 160.00; period 22: C2 = 416 − 376 = 40.00; then nothing.
    const ytd = { cppPensionableEarnings: 0, cppContributions: 0, cpp2Contributions: 0, eiInsurableEarnings: 0, eiPremiums: 0 };
    const seen: number[][] = [];
    for (let period = 1; period <= 26; period++) {
      const l = amounts(calculateCaPaycheck(employee({ gross: 400000, payDate: "2026-12-18", yearToDate: { ...ytd } })));
      seen.push([l.CA_CPP_EE, l.CA_CPP2_EE, l.CA_EI_EE]);
      ytd.cppPensionableEarnings += 400000;
      ytd.eiInsurableEarnings += 400000;
      ytd.cppContributions += l.CA_CPP_EE;
      ytd.cpp2Contributions += l.CA_CPP2_EE;
      ytd.eiPremiums += l.CA_EI_EE;
    }
    expect(seen[17]).toEqual([22999, 0, 1467]);
    expect(seen[18]).toEqual([9063, 5600, 0]);
    expect(seen[19]).toEqual([0, 16000, 0]);
    expect(seen[21]).toEqual([0, 4000, 0]);
    expect(seen[25]).toEqual([0, 0, 0]);
    expect([ytd.cppContributions, ytd.cpp2Contributions, ytd.eiPremiums]).toEqual([423045, 41600, 112307]);
  });

  it("after the maxima, K2 keeps the full credits (D, D1): $4,000 biweekly, all maxima paid", () => {
    // C = C2 = EI = 0, F5 = 0, A = 104,000. K2 = 0.14 × 3,519.45 (from D) + 0.14 × 1,123.07 = 492.72 + 157.23.
    // Federal: 0.205 × 104,000 = 21,320 − 3,804 − 2,303.28 − 649.95 − 210.14 = 14,352.63 / 26 = 552.02.
    // Ontario: 9,516 − 2,210 − 655.94 − 234.45 = 6,415.61; V1 = 20% × 597.61 = 119.52; V2 = 750 → 7,285.13 / 26 = 280.20.
    const l = amounts(
      calculateCaPaycheck(
        employee({
          gross: 400000,
          payDate: "2026-11-06",
          yearToDate: { cppPensionableEarnings: 8800000, cppContributions: 423045, cpp2Contributions: 41600, eiInsurableEarnings: 8800000, eiPremiums: 112307 },
        }),
      ),
    );
    expect([l.CA_CPP_EE, l.CA_CPP2_EE, l.CA_EI_EE, l.CA_FIT, l.CA_ON_PIT]).toEqual([0, 0, 0, 55202, 28020]);
    expect([l.CA_CPP_ER, l.CA_CPP2_ER, l.CA_EI_ER]).toEqual([0, 0, 0]);
  });
});

describe("Bonuses", () => {
  it("a bonus paid alone (no regular pay): no CPP exemption, flat 15% when annual income ≤ 5,000", () => {
    // CPP = 5.95% × 1,000 = 59.50 (no basic exemption for a separate payment); EI = 16.30; F5 = 10.00;
    // A with the bonus = 990.00 ≤ 5,000 → federal 15% × 1,000 = 150.00 on CA_FIT, provincial 0.
    const r = calculateCaPaycheck(employee({ payFrequency: "WEEKLY", gross: 0, supplemental: 100000 }));
    const l = amounts(r);
    expect([l.CA_CPP_EE, l.CA_EI_EE, l.CA_FIT, l.CA_ON_PIT]).toEqual([5950, 1630, 15000, 0]);
    expect(r.gross).toBe(100000);
    expect(r.net).toBe(100000 - 5950 - 1630 - 15000);
  });

  it("Quebec: the flat rate is 10% (federal tax only)", () => {
    // QPP 6.30% × 1,000 = 63.00, EI 1.30% = 13.00, QPIP 0.430% = 4.30; FIT 10% × 1,000 = 100.00.
    const l = amounts(calculateCaPaycheck(employee({ jurisdiction: "CA-QC", payFrequency: "WEEKLY", gross: 0, supplemental: 100000 })));
    expect([l.CA_QPP_EE, l.CA_EI_EE, l.CA_QPIP_EE, l.CA_FIT]).toEqual([6300, 1300, 430, 10000]);
  });

  it("a bonus with regular pay: regular tax on P × (I − F5A) plus the bonus-method difference", () => {
    // $2,307.69 biweekly + bonus 5,000 in Ontario. PI = 7,307.69: C = 0.0595 × 7,173.08 = 426.80 (regular 129.30,
    // bonus 297.50); EI = 1.63% × 7,307.69 = 119.12 (37.62 + 81.50); F5 = 71.73 → F5A = 22.65, F5B = 49.08.
    // A (regular, step 2) = 26 × 2,285.04 = 59,411.04; A (step 1) = 59,411.04 + 5,000 − 49.08 = 64,361.96.
    // Federal step 2: 12,179.26 − 3,804 − 2,303.28 − 528.49 − 210.14 = 5,333.35 → 205.13 per period.
    // Federal step 1: 13,194.20 − 3,804 − 2,303.28 − K2 (0.14 × (2,796.82 + 247.50) = 426.20; 0.14 × 1,059.62
    //   = 148.35) − 210.14 = 6,302.23 → TB = 968.88. CA_FIT = 205.13 + 968.88 = 1,174.01.
    // Ontario step 2: 5,436.11 − 2,210 − 655.94 − 141.24 − 49.40 = 2,379.53 + V2 600 = 2,979.53 → 114.60.
    // Ontario step 1: 5,889.12 − 2,210 − 655.94 − 153.74 − 53.51 = 2,815.93 + 600 = 3,415.93 → 436.40.
    // CA_ON_PIT = 114.60 + 436.40 = 551.00.
    const r = calculateCaPaycheck(employee({ supplemental: 500000 }));
    const l = amounts(r);
    expect([l.CA_CPP_EE, l.CA_EI_EE, l.CA_FIT, l.CA_ON_PIT]).toEqual([42680, 11912, 117401, 55100]);
    expect(r.gross).toBe(730769);
    expect(r.lines.find((x) => x.code === "EARNING_SUPPLEMENTAL")?.amount).toBe(500000);
  });
});

describe("CPP2 once YTD pensionable earnings pass the YMPE", () => {
  it("$4,000 biweekly with 72,000 already paid and 4,000.00 contributed", () => {
    // C = min(4,230.45 − 4,000.00, 229.99) = 229.99; C2 = 4% × (72,000 + 4,000 − 74,600) = 56.00 (W = YMPE);
    // F5 = 229.99 × 0.01/0.0595 + 56.00 = 38.65 + 56.00 = 94.65.
    const r = computeT4127({
      edition: EDITION_2026_JAN,
      province: "ON",
      periodsPerYear: 26,
      regular: $("4,000"),
      bonus: Q.ZERO,
      ytd: { pensionableEarnings: $("72,000"), cppContributions: $("4,000") },
    });
    expect([r.C, r.C2, r.F5].map((q) => q.toDollars())).toEqual(["229.99", "56.00", "94.65"]);
    const crossing = computeT4127({
      edition: EDITION_2026_JAN,
      province: "ON",
      periodsPerYear: 26,
      regular: $("4,000"),
      bonus: Q.ZERO,
      ytd: { pensionableEarnings: $("72,000"), cppContributions: $("4,100") },
    });
    expect(crossing.C.toDollars()).toBe("130.45"); // the rest of the maximum
  });
});

describe("Contractors, reimbursements, net", () => {
  it("a T4A contractor has nothing withheld: one CONTRACTOR_FEE line (a bonus included), not wages", () => {
    const r = calculateCaPaycheck(employee({ classification: "CA_T4A_CONTRACTOR", gross: 500000, supplemental: 10000, reimbursement: 2500 }));
    expect(r.lines.map((l) => [l.code, l.kind, l.amount])).toEqual([
      ["CONTRACTOR_FEE", "EARNING", 510000],
      ["REIMBURSEMENT", "REIMBURSEMENT", 2500],
    ]);
    expect(r.blockers).toEqual([]);
    expect(r.gross).toBe(510000);
    expect(r.net).toBe(512500);
    expect(r.currency).toBe("CAD");
  });

  it("a reimbursement is added to net and changes no tax", () => {
    const base = calculateCaPaycheck(employee({}));
    const withReimbursement = calculateCaPaycheck(employee({ reimbursement: 5000 }));
    expect(withReimbursement.net).toBe(base.net + 5000);
    expect(withReimbursement.gross).toBe(base.gross);
    const taxes = (r: PaycheckResult) => r.lines.filter((l) => l.kind !== "EARNING" && l.kind !== "REIMBURSEMENT");
    expect(taxes(withReimbursement)).toEqual(taxes(base));
    expect(withReimbursement.lines.find((l) => l.code === "REIMBURSEMENT")?.kind).toBe("REIMBURSEMENT");
  });

  it("net = gross − employee taxes; employer contributions are not deducted", () => {
    const r = calculateCaPaycheck(employee({}));
    const l = amounts(r);
    // 2,307.69 − 129.30 − 0 − 37.62 − 205.32 − 114.68 (PDOC-matched amounts, see engine-ca-pdoc.test.ts)
    expect(r.net).toBe(230769 - 12930 - 3762 - 20532 - 11468);
    expect([l.CA_CPP_ER, l.CA_EI_ER]).toEqual([12930, 5267]); // EI employer = 1.4 × 37.62 = 52.668 → 52.67
  });
});

describe("Blockers", () => {
  it("a year without tables: UNSUPPORTED_TAX_YEAR and only the earnings", () => {
    for (const payDate of ["2024-12-31", "2027-01-01"]) {
      const r = calculateCaPaycheck(employee({ payDate }));
      expect(r.blockers.map((b) => b.code)).toEqual(["UNSUPPORTED_TAX_YEAR"]);
      expect(r.lines.map((l) => l.code)).toEqual(["EARNING_REGULAR"]);
    }
  });

  it("2025: contributions and federal tax computed, unsourced provinces blocked", () => {
    const mb = calculateCaPaycheck(employee({ jurisdiction: "CA-MB", payDate: "2025-08-13" }));
    expect(mb.blockers.map((b) => b.code)).toEqual(["UNSUPPORTED_TAX_YEAR"]);
    const l = amounts(mb);
    expect([l.CA_CPP_EE, l.CA_EI_EE, l.CA_FIT]).toEqual([12930, 3785, 21007]); // 2025 rates, federal 14% (121st ed.)
    expect(l.CA_MB_PIT).toBeUndefined();
    // Alberta: January–June 2025 computed (10% bracket), July–December blocked (prorated 6% + K5P not sourced).
    expect(calculateCaPaycheck(employee({ jurisdiction: "CA-AB", payDate: "2025-06-30" })).blockers).toEqual([]);
    expect(calculateCaPaycheck(employee({ jurisdiction: "CA-AB", payDate: "2025-07-01" })).blockers[0].code).toBe("UNSUPPORTED_TAX_YEAR");
  });

  it("not a Canadian jurisdiction, not a Canadian classification, invalid amounts", () => {
    expect(calculateCaPaycheck(employee({ jurisdiction: "US-CA" })).blockers[0].code).toBe("UNSUPPORTED_TAX_JURISDICTION");
    expect(calculateCaPaycheck(employee({ jurisdiction: "CA-XX" })).blockers[0].code).toBe("UNSUPPORTED_TAX_JURISDICTION");
    expect(calculateCaPaycheck(employee({ classification: "US_W2_EMPLOYEE" })).blockers[0].code).toBe("UNSUPPORTED_CLASSIFICATION");
    const bad = calculateCaPaycheck(employee({ gross: -1, supplemental: 1.5 }));
    expect(bad.blockers.map((b) => b.code)).toEqual(["INVALID_INPUT", "INVALID_INPUT"]);
    expect(bad.lines.some((l) => l.kind === "EMPLOYEE_TAX")).toBe(false);
  });
});

describe("Determinism", () => {
  it("the same input gives the same output, and the input is not modified", () => {
    const input = employee({
      jurisdiction: "CA-BC",
      supplemental: 250000,
      reimbursement: 1234,
      yearToDate: { cppPensionableEarnings: 5000000, cppContributions: 280000, eiPremiums: 70000 },
    });
    const frozen = JSON.parse(JSON.stringify(input));
    const first = calculateCaPaycheck(Object.freeze(input));
    const second = calculateCaPaycheck(JSON.parse(JSON.stringify(frozen)));
    expect(second).toEqual(first);
    expect(input).toEqual(frozen);
    expect(first.lines.every((l) => Number.isSafeInteger(l.amount) && l.amount >= 0)).toBe(true);
  });
});
