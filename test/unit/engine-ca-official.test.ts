import { describe, expect, it } from "vitest";
import { calculateCaPaycheck, computeT4127 } from "../../src/modules/payroll/engine/ca";
import { Q } from "../../src/modules/payroll/engine/ca/exact";
import { phasedBasicAmount } from "../../src/modules/payroll/engine/ca/income-tax";
import { EDITION_2026_JAN } from "../../src/modules/payroll/engine/ca/tables/y2026";
import type { PaycheckInput, PaycheckResult } from "../../src/modules/payroll/engine/types";

// The worked examples printed in CRA T4127 Payroll Deductions Formulas, 122nd ed. (Jan 2026), as listed in the
// project's payroll reference §5.A'. Every expected value below is the publication's, not the engine's.

const $ = (text: string) => Q.dollars(text);
const dollars = (q: Q) => q.toDollars();
const line = (r: PaycheckResult, code: string) => r.lines.find((l) => l.code === code)?.amount;

describe("A3 — regular bonus method (T4127 pp. 18–19)", () => {
  // Weekly salary $1,000 (P = 52), bonus $2,500 paid now, earlier bonus $1,500 with F5BYTD $14.60, TC = 16,452.
  const r = computeT4127({
    edition: EDITION_2026_JAN,
    province: "ON",
    periodsPerYear: 52,
    regular: $("1,000"),
    bonus: $("2,500"),
    federalClaim: $("16,452"),
    ytd: { bonus: $("1,500"), bonusF5B: $("14.60") },
  });

  it("CPP on salary + bonus and the F5 split", () => {
    expect(dollars(r.C)).toBe("204.25"); // 0.0595 × (3,500 − 3,500/52 = 67.30) = 204.245…
    expect(dollars(r.F5)).toBe("34.33"); // 204.25 × 0.01/0.0595
    expect(dollars(r.F5A)).toBe("9.81"); // 34.33 × 1,000/3,500
    expect(dollars(r.F5B)).toBe("24.52"); // 34.33 × 2,500/3,500
  });

  it("Step 1: annual tax with the bonus", () => {
    const f = r.bonus!.withBonus.federal;
    expect(dollars(f.A)).toBe("55450.76"); // 52 × (1,000 − 9.81) + 2,500 − 24.52 + 1,500 − 14.60
    expect(dollars(f.K1)).toBe("2303.28");
    expect(dollars(f.K2)).toBe("491.63");
    expect(dollars(f.K4)).toBe("210.14");
    expect(dollars(f.T3)).toBe("4758.06");
    expect(dollars(f.T1)).toBe("4758.06");
  });

  it("Step 2: annual tax without the current bonus", () => {
    const f = r.bonus!.withoutBonus.federal;
    expect(dollars(f.A)).toBe("52975.28");
    expect(dollars(f.K2)).toBe("468.60");
    expect(dollars(f.T1)).toBe("4434.52");
  });

  it("federal tax on the bonus TB = 323.54", () => {
    expect(dollars(r.bonus!.federal)).toBe("323.54");
    expect(r.bonus!.flatRate).toBe(false);
  });
});

describe("A4 — year-to-date bonus/retroactive method (T4127 pp. 19–20)", () => {
  // Retro $2,500 of which $1,000 to an RRSP (F3), weekly I = $1,100, RPP $45 (F), union dues $5 (U1), PR = 22,
  // IYTD 30,000, RPP YTD 1,350, F5AYTD 280.24, F5BYTD 9.67, U1YTD 150. The published A values imply earlier
  // non-periodic payments B1 = 1,000: 52,072.49 − [28,219.76 + 22 × 1,039.20] = 990.33 = B1 − F5BYTD.
  const r = computeT4127({
    edition: EDITION_2026_JAN,
    province: "ON",
    periodsPerYear: 52,
    regular: $("1,100"),
    bonus: $("2,500"),
    federalClaim: $("16,452"),
    deductions: { F: $("45"), U1: $("5"), F3: $("1,000") },
    ytdAnnualization: { periodsRemaining: 22, income: $("30,000"), F: $("1,350"), F5A: $("280.24"), U1: $("150") },
    ytd: { bonus: $("1,000"), bonusF5B: $("9.67") },
  });

  it("C, F5, F5A, F5B", () => {
    expect(dollars(r.C)).toBe("210.20"); // 0.0595 × (3,600 − 67.30)
    expect(dollars(r.F5)).toBe("35.33");
    expect(dollars(r.F5A)).toBe("10.80");
    expect(dollars(r.F5B)).toBe("24.53");
  });

  it("A with and without the payment", () => {
    expect(dollars(r.bonus!.withBonus.federal.A)).toBe("53547.96");
    expect(dollars(r.bonus!.withoutBonus.federal.A)).toBe("52072.49");
  });
});

describe("A5 — CPP2, Appendix 1", () => {
  it("Scenario 1: semi-monthly 4,200 all year, contributions period by period from year-to-date", () => {
    const expected: Record<number, [string, string]> = { 18: ["129.71", "40.00"], 19: ["0.00", "168.00"], 20: ["0.00", "168.00"], 21: ["0.00", "40.00"] };
    let pe = 0;
    let cpp = 0;
    let cpp2 = 0;
    for (let period = 1; period <= 24; period++) {
      const input: PaycheckInput = {
        jurisdiction: "CA-ON",
        classification: "CA_T4_EMPLOYEE",
        payFrequency: "SEMIMONTHLY",
        payDate: "2026-06-15",
        gross: 420000,
        yearToDate: { cppPensionableEarnings: pe, cppContributions: cpp, cpp2Contributions: cpp2 },
      };
      const r = calculateCaPaycheck(input);
      const c = line(r, "CA_CPP_EE")!;
      const c2 = line(r, "CA_CPP2_EE")!;
      const [expC, expC2] = expected[period] ?? (period <= 17 ? ["241.22", "0.00"] : ["0.00", "0.00"]);
      expect(
        [c / 100, c2 / 100].map((v) => v.toFixed(2)),
        `period ${period}`,
      ).toEqual([expC, expC2]);
      pe += 420000;
      cpp += c;
      cpp2 += c2;
    }
    expect(cpp).toBe(423045); // 4,230.45
    expect(cpp2).toBe(41600); // 416.00
  });

  it("Scenario 1: F5 = 40.54 in periods 1–17 and 61.80 in period 18", () => {
    const period = (ytdPe: string, ytdC: string) =>
      computeT4127({
        edition: EDITION_2026_JAN,
        province: "ON",
        periodsPerYear: 24,
        regular: $("4,200"),
        bonus: Q.ZERO,
        ytd: { pensionableEarnings: $(ytdPe), cppContributions: $(ytdC) },
      });
    expect(dollars(period("0", "0").F5)).toBe("40.54");
    const p18 = period("71,400", "4,100.74");
    expect(dollars(p18.C)).toBe("129.71");
    expect(dollars(p18.C2)).toBe("40.00");
    expect(dollars(p18.F5)).toBe("61.80"); // 129.71 × 0.01/0.0595 = 21.80 + 40.00
  });

  it("Scenario 3: turns 18 in March (PM = 9), contributions from period 7", () => {
    const expected: Record<number, [string, string]> = { 20: ["36.98", "114.00"], 21: ["0.00", "168.00"], 22: ["0.00", "30.00"] };
    let pe = Q.ZERO;
    let cpp = Q.ZERO;
    let cpp2 = Q.ZERO;
    for (let period = 7; period <= 24; period++) {
      const r = computeT4127({
        edition: EDITION_2026_JAN,
        province: "ON",
        periodsPerYear: 24,
        pensionableMonths: 9,
        regular: $("4,200"),
        bonus: Q.ZERO,
        ytd: { pensionableEarnings: pe, cppContributions: cpp, cpp2Contributions: cpp2 },
      });
      const [expC, expC2] = expected[period] ?? (period <= 19 ? ["241.22", "0.00"] : ["0.00", "0.00"]);
      expect([dollars(r.C), dollars(r.C2)], `period ${period}`).toEqual([expC, expC2]);
      pe = pe.add($("4,200"));
      cpp = cpp.add(r.C);
      cpp2 = cpp2.add(r.C2);
    }
    expect(dollars(cpp)).toBe("3172.84"); // 4,230.45 × 9/12
    expect(dollars(cpp2)).toBe("312.00"); // 416 × 9/12
  });
});

describe("A6 — EI when the province changes (T4127 p. 31)", () => {
  const base = { classification: "CA_T4_EMPLOYEE", payFrequency: "MONTHLY", payDate: "2026-06-30" } as const;

  it("30,000 insurable in Ontario, then 38,900 in Quebec: 489.00 + 505.70 = 994.70 on the first 68,900", () => {
    const ontario = calculateCaPaycheck({ ...base, jurisdiction: "CA-ON", gross: 3000000 });
    expect(line(ontario, "CA_EI_EE")).toBe(48900); // 30,000 × 1.63%
    const quebec = calculateCaPaycheck({
      ...base,
      jurisdiction: "CA-QC",
      gross: 3890000,
      yearToDate: { eiInsurableEarnings: 3000000, eiPremiums: 48900 },
    });
    expect(line(quebec, "CA_EI_EE")).toBe(50570); // 38,900 × 1.30%, not 895.70 − 489.00
    const after = calculateCaPaycheck({
      ...base,
      jurisdiction: "CA-QC",
      gross: 500000,
      yearToDate: { eiInsurableEarnings: 6890000, eiPremiums: 99470 },
    });
    expect(line(after, "CA_EI_EE")).toBe(0);
  });
});

describe("Claim code 1 and the BPAF phase-out (T4127 p. 10, Table 8.9)", () => {
  const bpaf = EDITION_2026_JAN.federal.bpaf;

  it("claim code 1: TC = 16,452, K1 = 0.14 × 16,452 = 2,303.28", () => {
    const r = computeT4127({ edition: EDITION_2026_JAN, province: "ON", periodsPerYear: 26, regular: $("2,000"), bonus: Q.ZERO, federalClaim: $("16,452") });
    expect(dollars(r.periodic.federal.K1)).toBe("2303.28");
  });

  it("phase-out points", () => {
    expect(dollars(phasedBasicAmount(bpaf, $("181,440")))).toBe("16452.00");
    // 16,452 − (200,000 − 181,440) × 1,623/77,042 = 16,452 − 390.992… = 16,061.01
    expect(dollars(phasedBasicAmount(bpaf, $("200,000")))).toBe("16061.01");
    // 38,521 × 1,623 / 77,042 = 811.50 exactly
    expect(dollars(phasedBasicAmount(bpaf, $("219,961")))).toBe("15640.50");
    // 77,041 × 1,623 / 77,042 = 1,622.98 → 14,829.02
    expect(dollars(phasedBasicAmount(bpaf, $("258,481")))).toBe("14829.02");
    expect(dollars(phasedBasicAmount(bpaf, $("258,482")))).toBe("14829.00");
    expect(dollars(phasedBasicAmount(bpaf, $("1,000,000")))).toBe("14829.00");
  });

  it("no TD1 amount: the BPAF of NI = A is used (monthly 25,000 → A 297,035.04 → 14,829 → K1 2,076.06)", () => {
    const r = computeT4127({ edition: EDITION_2026_JAN, province: "ON", periodsPerYear: 12, regular: $("25,000"), bonus: Q.ZERO });
    expect(dollars(r.periodic.federal.A)).toBe("297035.04");
    expect(dollars(r.periodic.federal.TC)).toBe("14829.00");
    expect(dollars(r.periodic.federal.K1)).toBe("2076.06");
  });
});
