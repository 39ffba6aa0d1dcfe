import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { CA_CERTIFICATE_FORMS, CA_COVERAGE, calculateCaPaycheck } from "../../src/modules/payroll/engine/ca";
import { caCoverageMarkdown } from "../../src/modules/payroll/engine/ca/coverage";
import { Q } from "../../src/modules/payroll/engine/ca/exact";
import { computeTp1015, type Tp1015Input } from "../../src/modules/payroll/engine/ca/tp1015";
import { EDITION_2026_JAN } from "../../src/modules/payroll/engine/ca/tables/y2026";
import type { PaycheckInput, PaycheckResult } from "../../src/modules/payroll/engine/types";

// Worked examples printed in Revenu Québec, "Formules pour le calcul des retenues à la source et des cotisations",
// TP-1015.F (2026-01), Annexes 1–3 (pp. 46–54). Expected values are the publication's, not the engine's.

const $ = (text: string) => Q.dollars(text);
const dollars = (q: Q) => q.toDollars();
const table = EDITION_2026_JAN.quebec!;
const qpp = EDITION_2026_JAN.qpp;

describe("Annexe 1 — regular payments (TP-1015.F 2026, pp. 46–49)", () => {
  // $4,000 every two weeks (P = 26), RPP $200 a period, TP-1015.3 line 10 = 21,830; FTQ $2,000 and Fondaction
  // $3,000 withheld over the first 20 periods ($100 and $150 a period). QPP C and C2 of each period are Annexe 3's
  // (same employee): C = 243.52 for periods 1–18, 95.94 in period 19, then 0; C2 = 0, 56, 160, 160, 40, 0.
  const base = (C: string, C2: string, funds: boolean): Tp1015Input => ({
    table,
    qpp,
    periodsPerYear: 26,
    G: $("4,000"),
    F: $("200"),
    C: $(C),
    C2: $(C2),
    S3: $("4,000"),
    E: $("21,830"),
    Qftq: funds ? $("100") : Q.ZERO,
    Q1: funds ? $("150") : Q.ZERO,
  });

  it("periods 1–18: H 55.77, CSA 38.65, I 96,345.08, Y 11,557.37, A 444.51", () => {
    const r = computeTp1015(base("243.52", "0", true));
    expect(dollars(r.H)).toBe("55.77");
    expect(dollars(r.CSA)).toBe("38.65");
    expect(dollars(r.I)).toBe("96345.08");
    expect(dollars(r.Y)).toBe("11557.37");
    expect(dollars(r.A)).toBe("444.51");
    expect(r.basicAmountDefault).toBe(false);
  });

  it("period 19: A 438.32 (the publication prints CSA 71.24; C × 0.01/0.0630 + C2 = 95.94 × 0.15873… + 56 = 71.23)", () => {
    const r = computeTp1015(base("95.94", "56", true));
    expect(dollars(r.CSA)).toBe("71.23");
    expect(dollars(r.A)).toBe("438.32"); // publication: 11,396.37 ÷ 26 = 438.32 (ours 11,396.42 ÷ 26 = 438.32)
  });

  it("periods 20–21: CSA 160, I 93,189.98, Y 10,957.90, A 421.46", () => {
    const r = computeTp1015(base("0", "160", true));
    expect(dollars(r.CSA)).toBe("160.00");
    expect(dollars(r.I)).toBe("93189.98");
    expect(dollars(r.Y)).toBe("10957.90");
    expect(dollars(r.A)).toBe("421.46");
  });

  it("period 22: CSA 40, no fund purchases, I 96,309.98, Y 12,525.70, A 481.76", () => {
    const r = computeTp1015(base("0", "40", false));
    expect(dollars(r.I)).toBe("96309.98");
    expect(dollars(r.Y)).toBe("12525.70");
    expect(dollars(r.A)).toBe("481.76");
  });

  it("last 4 periods: I 97,349.98, Y 12,723.30, A 489.36", () => {
    const r = computeTp1015(base("0", "0", false));
    expect(dollars(r.I)).toBe("97349.98");
    expect(dollars(r.Y)).toBe("12723.30");
    expect(dollars(r.A)).toBe("489.36");
  });
});

describe("Annexe 2 — retroactive payment, second method (TP-1015.F 2026, p. 50)", () => {
  // $1,500 a week (P = 52), RPP $100; period 20 adds $4,000 retroactive pay, RPP $500 of which $400 on the payment.
  // QPP of the period: 0.0630 × (5,500 − 3,500/52 truncated to 67.30) = 342.27, C2 = 0.
  const r = computeTp1015({
    table,
    qpp,
    periodsPerYear: 52,
    G: $("1,500"),
    F: $("100"),
    C: $("342.27"),
    C2: Q.ZERO,
    S3: $("5,500"),
    B2: $("4,000"),
    F3: $("400"),
  });

  it("H 27.88, CSA 14.82, CSB 39.51", () => {
    expect(dollars(r.H)).toBe("27.88");
    expect(dollars(r.CSA)).toBe("14.82");
    expect(dollars(r.CSB)).toBe("39.51");
  });

  it("I = 52 × 1,357.30 + 3,600 − 39.51 = 74,140.09; A = 0.19 × (3,600 − 39.51) = 676.49", () => {
    expect(dollars(r.lumpSum!.I)).toBe("74140.09");
    expect(r.lumpSum!.flatRate).toBe(false);
    expect(dollars(r.lumpSum!.A)).toBe("676.49");
  });
});

describe("edge cases", () => {
  const monthly = (gross: string, extra: Partial<Tp1015Input> = {}) =>
    computeTp1015({ table, qpp, periodsPerYear: 12, G: $(gross), C: Q.ZERO, C2: Q.ZERO, S3: $(gross), ...extra });

  it("no TP-1015.3: E is the basic personal amount 18,952 (p. 16)", () => {
    const r = monthly("5,000");
    expect(r.basicAmountDefault).toBe(true);
    expect(dollars(r.E)).toBe("18952.00");
    // H = 1,450/12 = 120.83; I = 12 × 4,879.17 = 58,550.04; Y = 11,124.51 − 2,717 − 0.14 × 18,952 = 5,754.23
    expect(dollars(r.H)).toBe("120.83");
    expect(dollars(r.I)).toBe("58550.04");
    expect(dollars(r.Y)).toBe("5754.23");
    expect(dollars(r.A)).toBe("479.52");
  });

  it("E is rounded to whole dollars, half up", () => {
    expect(dollars(monthly("5,000", { E: $("20,000.50") }).E)).toBe("20001.00");
    expect(dollars(monthly("5,000", { E: $("20,000.49") }).E)).toBe("20000.00");
  });

  it("high earner: top bracket 25.75% with K 10,465", () => {
    const r = monthly("25,000");
    // I = 12 × (25,000 − 120.83) = 298,550.04; Y = 76,876.64 − 10,465 − 2,653.28 = 63,758.36; A = 5,313.20
    expect(dollars(r.I)).toBe("298550.04");
    expect(dollars(r.Y)).toBe("63758.36");
    expect(dollars(r.A)).toBe("5313.20");
  });

  it("low income: tax below the credits is 0, never negative; L is still withheld", () => {
    const r = monthly("1,000", { L: $("25") });
    expect(dollars(r.Y)).toBe("0.00");
    expect(dollars(r.A)).toBe("25.00");
  });

  it("J (TP-1015.3 line 19) reduces the annual taxable income", () => {
    expect(dollars(monthly("5,000", { J: $("2,000") }).I)).toBe("56550.04");
  });

  it("lump sum with annual salary + payment ≤ 18,952: flat 7% (note of 2.1.2, p. 17)", () => {
    const r = monthly("1,000", { B2: $("500"), S3: $("1,500") });
    expect(r.lumpSum!.flatRate).toBe(true);
    expect(dollars(r.lumpSum!.A)).toBe("35.00");
  });
});

describe("calculateCaPaycheck in CA-QC", () => {
  const employee = (over: Partial<PaycheckInput> = {}): PaycheckInput => ({
    jurisdiction: "CA-QC",
    classification: "CA_T4_EMPLOYEE",
    payFrequency: "BIWEEKLY",
    payDate: "2026-03-13",
    gross: 230769,
    ...over,
  });
  const amounts = (r: PaycheckResult) => Object.fromEntries(r.lines.map((l) => [l.code, l.amount]));
  const line = (r: PaycheckResult, code: string) => r.lines.find((l) => l.code === code)!;

  it("no TP-1015.3: the basic personal amount, said on the line", () => {
    const r = calculateCaPaycheck(employee());
    expect(amounts(r).CA_QC_PIT).toBe(21719); // derivation in engine-ca-hand.test.ts
    expect(line(r, "CA_QC_PIT").description).toContain("no TP-1015.3 on file: basic personal amount $18,952.00");
    expect(line(r, "CA_QC_PIT").description).toContain("TP-1015.F (2026-01)");
  });

  it("TP-1015.3 line 10, line 19 and line 11 are applied", () => {
    // E = 21,830 → 0.14 × E = 3,056.20; J = 2,000: I = 57,984.94 − 2,000 = 55,984.94 → 19%: 10,637.14 − 2,717
    //   − 3,056.20 = 4,863.94; A = 187.07 + 25.00 (line 11) = 212.07.
    const r = calculateCaPaycheck(employee({ certificates: { tp10153: { personalTaxCreditAmount: 21_830_00, deductions: 2_000_00, additionalWithholding: 25_00 } } }));
    expect(amounts(r).CA_QC_PIT).toBe(21207);
    expect(line(r, "CA_QC_PIT").description).toContain("TP-1015.3 credits $21,830.00");
  });

  it("line 20 exemption: nothing withheld, said on the line; employer contributions unchanged", () => {
    const r = calculateCaPaycheck(employee({ certificates: { tp10153: { exemptFromWithholding: true } } }));
    expect(amounts(r).CA_QC_PIT).toBe(0);
    expect(line(r, "CA_QC_PIT").description).toContain("line 20");
    expect(amounts(r).CA_QC_HSF_ER).toBe(9831);
  });

  it("a certificate with a wrong value is an INVALID_INPUT blocker", () => {
    const r = calculateCaPaycheck(employee({ certificates: { tp10153: { personalTaxCreditAmount: -1, unknownLine: 1 } } }));
    expect(r.blockers.map((b) => b.code)).toEqual(["INVALID_INPUT", "INVALID_INPUT"]);
  });

  it("employer rates on file: HSF and CNESST at the employer's rates", () => {
    const r = calculateCaPaycheck(employee({ employerRates: { hsfRate: "1.65", cnesstRate: "1.54" } }));
    // 1.65% × 2,307.69 = 38.0769 → 38.08; 1.54% × 2,307.69 = 35.5384 → 35.54
    expect([amounts(r).CA_QC_HSF_ER, amounts(r).CA_QC_CNESST_ER]).toEqual([3808, 3554]);
    expect(line(r, "CA_QC_CNESST_ER").description).not.toContain("NOT COMPUTED");
  });

  it("no CNESST rate: the line is 0 and says it is not computed", () => {
    const r = calculateCaPaycheck(employee());
    expect(amounts(r).CA_QC_CNESST_ER).toBe(0);
    expect(line(r, "CA_QC_CNESST_ER").description).toContain("NOT COMPUTED");
    expect(line(r, "CA_QC_HSF_ER").description).toContain("4.26%");
  });

  it("an HSF rate above 4.26% or not a percentage is refused", () => {
    expect(calculateCaPaycheck(employee({ employerRates: { hsfRate: "5" } })).blockers.map((b) => b.code)).toEqual(["INVALID_INPUT"]);
    expect(calculateCaPaycheck(employee({ employerRates: { cnesstRate: "abc" } })).blockers.map((b) => b.code)).toEqual(["INVALID_INPUT"]);
  });

  it("CNT and CNESST stop at 103,000 of the year's remuneration", () => {
    const r = calculateCaPaycheck(employee({ employerRates: { cnesstRate: "2" }, yearToDate: { qpipInsurableEarnings: 102_000_00, qpipPremiums: 438_60 } }));
    // base = min(2,307.69, 103,000 − 102,000) = 1,000: CNT 0.60, CNESST 20.00; HSF has no ceiling.
    expect([amounts(r).CA_QC_CNT_ER, amounts(r).CA_QC_CNESST_ER, amounts(r).CA_QC_HSF_ER]).toEqual([60, 2000, 9831]);
    expect(line(r, "CA_QC_CNT_ER").taxableWages).toBe(1_000_00);
  });

  it("high earner: $20,000 biweekly, top bracket 25.75%", () => {
    const r = calculateCaPaycheck(employee({ gross: 20_000_00 }));
    // C = 0.063 × (20,000 − 134.61) = 1,251.52; C2 = 0 (one period < YMPE); CS = 198.65; H = 55.77;
    // I = 26 × (20,000 − 55.77 − 198.65) = 513,385.08 → 25.75%: 132,196.66 − 10,465 − 2,653.28 = 119,078.38; A = 4,579.94
    expect(amounts(r).CA_QC_PIT).toBe(4_579_94);
  });

  it("a bonus: regular tax plus the second method on the bonus", () => {
    const r = calculateCaPaycheck(employee({ supplemental: 5_000_00 }));
    // S3 = 7,307.69: C = 0.063 × (7,307.69 − 134.61) = 451.90; CS = 71.73; CSA = 71.73 × 2,307.69/7,307.69 = 22.65;
    // CSB = 49.08. Regular: I = 26 × (2,307.69 − 55.77 − 22.65) = 57,961.02 → 11,012.59 − 2,717 − 2,653.28
    // = 5,642.31 / 26 = 217.01. Bonus: I = 57,961.02 + 5,000 − 49.08 = 62,911.94 → 19% × 4,950.92 = 940.67.
    expect(amounts(r).CA_QC_PIT).toBe(217_01 + 940_67);
    expect(line(r, "CA_QC_PIT").description).toContain("second lump-sum method");
  });

  it("2025: Quebec income tax is a MISSING_TAX_TABLE blocker (TP-1015.F 2025 not transcribed), no Quebec lines", () => {
    const r = calculateCaPaycheck(employee({ payDate: "2025-03-14" }));
    expect(r.blockers.map((b) => b.code)).toEqual(["MISSING_TAX_TABLE"]);
    expect(amounts(r).CA_QC_PIT).toBeUndefined();
    expect(amounts(r).CA_QC_HSF_ER).toBeUndefined();
  });

  it("contractors: nothing withheld, no employer contributions", () => {
    const r = calculateCaPaycheck(employee({ classification: "CA_T4A_CONTRACTOR" }));
    expect(r.lines.map((l) => l.code)).toEqual(["CONTRACTOR_FEE"]);
  });
});

describe("TP-1015.3 form and coverage", () => {
  it("CA_CERTIFICATE_FORMS declares tp10153 for CA-QC", () => {
    expect(CA_CERTIFICATE_FORMS.map((f) => [f.key, f.jurisdictions])).toEqual([["tp10153", ["CA-QC"]]]);
    expect(CA_CERTIFICATE_FORMS[0].fields.map((f) => f.name)).toEqual(["personalTaxCreditAmount", "deductions", "additionalWithholding", "exemptFromWithholding"]);
  });

  it("CA-QC is COMPUTED for 2026 with the Quebec lines and TP-1015.F among its sources; every province has an entry", () => {
    expect(CA_COVERAGE.map((c) => c.jurisdiction)).toHaveLength(13);
    const qc = CA_COVERAGE.find((c) => c.jurisdiction === "CA-QC")!;
    expect(qc.status).toBe("COMPUTED");
    expect(qc.taxYears).toEqual([2026]);
    expect(qc.lineCodes.map((l) => l.code)).toEqual(expect.arrayContaining(["CA_QC_PIT", "CA_QC_HSF_ER", "CA_QC_CNT_ER", "CA_QC_CNESST_ER", "CA_QPIP_EE"]));
    expect(qc.sources).toContain("Revenu Québec TP-1015.F (2026-01)");
    const on = CA_COVERAGE.find((c) => c.jurisdiction === "CA-ON")!;
    expect(on.taxYears).toEqual([2025, 2026]);
    const ab = CA_COVERAGE.find((c) => c.jurisdiction === "CA-AB")!;
    expect(ab.taxYears).toEqual([2026]);
    expect(ab.note).toContain("part of 2025");
  });

  it("the engine README's coverage table is the one rendered from CA_COVERAGE", () => {
    const readme = readFileSync(new URL("../../src/modules/payroll/engine/ca/README.md", import.meta.url), "utf8");
    const between = /<!-- ca-coverage:start -->\n([\s\S]*?)\n<!-- ca-coverage:end -->/.exec(readme);
    expect(between?.[1]).toBe(caCoverageMarkdown());
  });
});
