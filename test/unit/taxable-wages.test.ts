import { describe, expect, it } from "vitest";
import { calculatePaycheck, type PaycheckInput, type PaycheckResult } from "../../src/modules/payroll/engine";

/** Each tax line carries the period's base it was computed on (`taxableWages`), as a pay stub shows it. */
const base = (r: PaycheckResult, code: string) => r.lines.find((l) => l.code === code)?.taxableWages;

describe("taxable wages on tax lines", () => {
  const us = (over: Partial<PaycheckInput>): PaycheckResult =>
    calculatePaycheck({
      jurisdiction: "US-TX",
      classification: "US_W2_EMPLOYEE",
      payFrequency: "BIWEEKLY",
      payDate: "2026-03-13",
      gross: 300_000,
      w4: { filingStatus: "SINGLE" },
      ...over,
    });

  it("US federal: income tax on regular + supplemental, FICA, FUTA capped by what is left of $7,000", () => {
    const r = us({ supplemental: 50_000, yearToDate: { socialSecurityWages: 0, medicareWages: 0, futaWages: 500_000 } });
    expect(base(r, "US_FIT")).toBe(350_000);
    expect(base(r, "US_SS_EE")).toBe(350_000);
    expect(base(r, "US_SS_ER")).toBe(350_000);
    expect(base(r, "US_MEDICARE_EE")).toBe(350_000);
    expect(base(r, "US_FUTA_ER")).toBe(200_000); // $2,000.00 left of the $7,000 base
    expect(r.lines.find((l) => l.code === "US_FUTA_ER")!.amount).toBe(1_200); // 0.6 % of it
  });

  it("US states: California PIT and SDI, Illinois after allowances, Pennsylvania PIT and UC", () => {
    const ca = us({ jurisdiction: "US-CA" });
    expect(base(ca, "US_CA_SIT")).toBe(300_000);
    expect(base(ca, "US_CA_SDI_EE")).toBe(300_000);
    const il = us({ jurisdiction: "US-IL" });
    expect(base(il, "US_IL_SIT")).toBe(300_000); // no IL-W-4: no allowance
    const pa = us({ jurisdiction: "US-PA" });
    expect(base(pa, "US_PA_SIT")).toBe(300_000);
    expect(base(pa, "US_PA_UC_EE")).toBe(300_000);
  });

  it("Canada: pensionable and insurable earnings on CPP/EI lines, the period's taxable income on income-tax lines", () => {
    const r = calculatePaycheck({ jurisdiction: "CA-ON", classification: "CA_T4_EMPLOYEE", payFrequency: "BIWEEKLY", payDate: "2026-03-13", gross: 200_000 });
    for (const code of ["CA_CPP_EE", "CA_CPP_ER", "CA_EI_EE", "CA_EI_ER"]) expect(base(r, code), code).toBe(200_000);
    // Taxable income = I − F5A (the enhanced CPP part is deducted from income, T4127 Ch. 4 step 1): below the gross,
    // by less than the CPP contribution itself, the same for federal and provincial tax.
    const taxable = base(r, "CA_FIT")!;
    const cpp = r.lines.find((l) => l.code === "CA_CPP_EE")!.amount;
    expect(taxable).toBeLessThan(200_000);
    expect(taxable).toBeGreaterThan(200_000 - cpp);
    expect(base(r, "CA_ON_PIT")).toBe(taxable);
  });
});
