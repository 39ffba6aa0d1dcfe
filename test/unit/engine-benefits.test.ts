/**
 * Benefit deductions in the gross-to-net engine (engine/benefits): the tax treatment of each kind on each wage base,
 * the annual limits, group-term life imputed income, and the Canadian group RRSP / taxable benefits. Every expected
 * amount is worked out here from the published rates and formulas (comments show the arithmetic), never by running
 * the engine a second time.
 */
import { describe, expect, it } from "vitest";
import { calculatePaycheck, type BenefitDeduction, type PaycheckInput, type PaycheckResult } from "../../src/modules/payroll/engine";
import { US_BENEFIT_LIMITS } from "../../src/modules/payroll/engine/benefits/limits";
import { gtlPeriodCost, TABLE_I, tableIRate } from "../../src/modules/payroll/engine/benefits/group-term-life";
import { BENEFIT_KINDS_BY_COUNTRY, CA_TREATMENT, reducesStateIncomeTax, US_EMPLOYEE_TREATMENT, usPayrollTaxBaseEffect } from "../../src/modules/payroll/engine/benefits/treatment";
import { CA_METHOD_B_2026 } from "../../src/modules/payroll/engine/us/tables/ca-method-b-2026";
import { methodB } from "../../src/modules/payroll/engine/us/states/california";

const PAY_DATE = "2026-03-13";

/** Biweekly $4,000 W-2 employee, W-4 Single, in a state; plus benefit deductions. */
function us(state: string, benefitDeductions: BenefitDeduction[], extra: Partial<PaycheckInput> = {}): PaycheckResult {
  return calculatePaycheck({
    jurisdiction: `US-${state}`,
    classification: "US_W2_EMPLOYEE",
    payFrequency: "BIWEEKLY",
    payDate: PAY_DATE,
    gross: 4_000_00,
    w4: { filingStatus: "SINGLE" },
    benefitDeductions,
    ...extra,
  });
}

const amount = (r: PaycheckResult, code: string) => r.lines.find((l) => l.code === code)?.amount;
const line = (r: PaycheckResult, code: string) => r.lines.find((l) => l.code === code);

/**
 * Pub 15-T (2026) Worksheet 1A, Single, standard schedule, biweekly (26): annual = wages × 26 − $8,600 (line 1g);
 * in the 22% row (≥ $57,900): $5,800 + 22% × (annual − $57,900); ÷ 26, half-up to the cent.
 */
function fitSingleBiweekly22(wagesCents: number): number {
  const annual = wagesCents * 26 - 8_600_00;
  expect(annual).toBeGreaterThanOrEqual(57_900_00);
  expect(annual).toBeLessThan(113_200_00);
  const tax = 5_800_00 + ((annual - 57_900_00) * 22) / 100;
  return Math.round(tax / 26);
}

describe("treatment table (data, with sources)", () => {
  it("401(k) reduces federal income tax wages only (Pub 15 §5; IRC §3121(v)(1)(A), §3306(r)(1)(A))", () => {
    expect(US_EMPLOYEE_TREATMENT.US_401K?.federal).toEqual(["FEDERAL_INCOME_TAX"]);
    expect(US_EMPLOYEE_TREATMENT.US_401K?.statePrograms).toBe(false);
  });
  it("Roth 401(k) reduces nothing (IRC §402A)", () => {
    expect(US_EMPLOYEE_TREATMENT.US_ROTH_401K?.federal).toEqual([]);
    expect(US_EMPLOYEE_TREATMENT.US_ROTH_401K?.stateIncomeTax).toBe(false);
  });
  it("§125 premiums, FSAs and HSA reduce income tax, Social Security, Medicare and FUTA wages (Pub 15-B Table 2-1)", () => {
    for (const kind of ["MEDICAL", "DENTAL", "VISION", "US_HEALTH_FSA", "US_DEPENDENT_CARE_FSA", "US_HSA"] as const) {
      expect(US_EMPLOYEE_TREATMENT[kind]?.federal, kind).toEqual(["FEDERAL_INCOME_TAX", "SOCIAL_SECURITY", "MEDICARE", "FUTA"]);
      expect(US_EMPLOYEE_TREATMENT[kind]?.source, kind).toMatch(/Pub 15-B \(2026\)/);
    }
  });
  it("states: PA taxes 401(k) deferrals; CA and NJ tax HSA contributions; IL and PA follow federal otherwise", () => {
    expect(reducesStateIncomeTax("US_401K", "PA").reduces).toBe(false);
    expect(reducesStateIncomeTax("US_401K", "PA").source).toMatch(/PA DOR/);
    expect(reducesStateIncomeTax("US_HSA", "CA").reduces).toBe(false);
    expect(reducesStateIncomeTax("US_HSA", "NJ").reduces).toBe(false);
    expect(reducesStateIncomeTax("US_HSA", "PA").reduces).toBe(true);
    expect(reducesStateIncomeTax("US_DEPENDENT_CARE_FSA", "PA").reduces).toBe(true); // PA Act 34 of 2023
    expect(reducesStateIncomeTax("US_401K", "IL").reduces).toBe(true);
    expect(reducesStateIncomeTax("US_401K", "CA").reduces).toBe(true);
  });
  it("Canada: group RRSP reduces income for tax only (T4127 factor F); health premiums reduce nothing; GTL employer premium is taxable and pensionable, not insurable (T4130)", () => {
    expect(CA_TREATMENT.CA_GROUP_RRSP?.employeeReduces).toEqual(["INCOME_TAX"]);
    expect(CA_TREATMENT.CA_HEALTH_DENTAL?.employeeReduces).toEqual([]);
    expect(CA_TREATMENT.MEDICAL?.employerTaxableIn).toEqual([]);
    expect(CA_TREATMENT.MEDICAL?.employerTaxableInQuebec).toEqual(["PENSIONABLE"]);
    expect(CA_TREATMENT.GROUP_TERM_LIFE?.employerTaxableIn).toEqual(["INCOME_TAX", "PENSIONABLE"]);
  });
  it("year-to-date from stored lines: §125/HSA deductions come off FICA/FUTA wages, 401(k) does not, imputed GTL adds to FICA", () => {
    expect(usPayrollTaxBaseEffect("DED_MEDICAL")).toEqual({ SOCIAL_SECURITY: -1, MEDICARE: -1, FUTA: -1 });
    expect(usPayrollTaxBaseEffect("DED_US_HSA")).toEqual({ SOCIAL_SECURITY: -1, MEDICARE: -1, FUTA: -1 });
    expect(usPayrollTaxBaseEffect("DED_US_401K")).toEqual({});
    expect(usPayrollTaxBaseEffect("EARNING_IMPUTED_GTL")).toEqual({ SOCIAL_SECURITY: 1, MEDICARE: 1 });
    expect(usPayrollTaxBaseEffect("BEN_ER_MEDICAL")).toEqual({});
    expect(usPayrollTaxBaseEffect("US_FIT")).toEqual({});
  });
  it("each country's kinds have a treatment there", () => {
    for (const kind of BENEFIT_KINDS_BY_COUNTRY.US) expect(US_EMPLOYEE_TREATMENT[kind], kind).toBeDefined();
    for (const kind of BENEFIT_KINDS_BY_COUNTRY.CA) expect(CA_TREATMENT[kind], kind).toBeDefined();
  });
});

describe("US: each kind on each wage base", () => {
  it("no-income-tax state (TX), 401(k) $200: federal income tax on $3,800; Social Security, Medicare, FUTA on $4,000", () => {
    const r = us("TX", [{ kind: "US_401K", employeeAmount: 200_00 }]);
    expect(amount(r, "US_FIT")).toBe(fitSingleBiweekly22(3_800_00)); // 98,800 − 8,600 = 90,200 → 12,906 / 26 = 496.38
    expect(amount(r, "US_FIT")).toBe(496_38);
    expect(amount(r, "US_SS_EE")).toBe(248_00); // 6.2% × 4,000
    expect(amount(r, "US_MEDICARE_EE")).toBe(58_00); // 1.45% × 4,000
    expect(amount(r, "US_FUTA_ER")).toBe(24_00); // 0.6% × 4,000
    expect(amount(r, "DED_US_401K")).toBe(200_00);
    expect(line(r, "DED_US_401K")?.reducesWages).toEqual(["FEDERAL_INCOME_TAX"]);
    expect(line(r, "DED_US_401K")?.description).toMatch(/reduces federal income tax wages/);
    expect(r.net).toBe(4_000_00 - 496_38 - 248_00 - 58_00 - 200_00);
  });

  it("Roth 401(k) $200: nothing reduced (FIT on $4,000)", () => {
    const r = us("TX", [{ kind: "US_ROTH_401K", employeeAmount: 200_00 }]);
    expect(amount(r, "US_FIT")).toBe(fitSingleBiweekly22(4_000_00)); // 540.38
    expect(amount(r, "US_SS_EE")).toBe(248_00);
    expect(line(r, "DED_US_ROTH_401K")?.reducesWages).toEqual([]);
    expect(r.net).toBe(4_000_00 - 540_38 - 248_00 - 58_00 - 200_00);
  });

  for (const kind of ["MEDICAL", "DENTAL", "VISION", "US_HEALTH_FSA", "US_DEPENDENT_CARE_FSA", "US_HSA"] as const) {
    it(`${kind} $150 (§125): every base on $3,850`, () => {
      const r = us("TX", [{ kind, employeeAmount: 150_00, employerAmount: 300_00 }]);
      expect(amount(r, "US_FIT")).toBe(507_38); // 3,850 × 26 = 100,100 − 8,600 = 91,500 → 13,192 / 26
      expect(amount(r, "US_SS_EE")).toBe(238_70); // 6.2% × 3,850
      expect(amount(r, "US_MEDICARE_EE")).toBe(55_83); // 1.45% × 3,850 = 55.825 → half-up
      expect(amount(r, "US_FUTA_ER")).toBe(23_10); // 0.6% × 3,850
      expect(amount(r, `BEN_ER_${kind}`)).toBe(300_00);
      expect(line(r, `BEN_ER_${kind}`)?.kind).toBe("EMPLOYER_CONTRIBUTION");
      // employer shares do not reduce net
      expect(r.net).toBe(4_000_00 - 507_38 - 238_70 - 55_83 - 150_00);
    });
  }

  it("Pennsylvania: 401(k) is PA compensation, §125 medical is not (PA PIT 3.07% and UC 0.07% on $3,850)", () => {
    const r = us("PA", [
      { kind: "US_401K", employeeAmount: 200_00 },
      { kind: "MEDICAL", employeeAmount: 150_00 },
    ]);
    expect(amount(r, "US_PA_SIT")).toBe(118_20); // 3.07% × 3,850 = 118.195 → 118.20
    expect(amount(r, "US_PA_UC_EE")).toBe(2_70); // 0.07% × 3,850 = 2.695 → 2.70
    expect(amount(r, "US_FIT")).toBe(463_38); // 3,650 × 26 = 94,900 − 8,600 = 86,300 → 12,048 / 26
    expect(line(r, "DED_US_401K")?.description).toMatch(/US-PA income tax wages not reduced/);
  });

  it("Illinois follows federal: 401(k) $200 → IL 4.95% on $3,800 (no IL-W-4: no allowances)", () => {
    const r = us("IL", [{ kind: "US_401K", employeeAmount: 200_00 }]);
    expect(amount(r, "US_IL_SIT")).toBe(188_10); // 4.95% × 3,800
  });

  it("California: HSA does not reduce CA PIT wages (R&TC non-conformity) but does reduce SDI wages; 401(k) reduces PIT wages, not SDI", () => {
    const hsa = us("CA", [{ kind: "US_HSA", employeeAmount: 100_00 }]);
    expect(amount(hsa, "US_CA_SIT")).toBe(Number(methodB(CA_METHOD_B_2026, "BIWEEKLY", 4_000_00n, "SINGLE_OR_DUAL_INCOME_MARRIED", 0, 0)));
    expect(amount(hsa, "US_CA_SDI_EE")).toBe(50_70); // 1.3% × 3,900
    expect(line(hsa, "DED_US_HSA")?.reducesWages).not.toContain("STATE_INCOME_TAX");
    const k = us("CA", [{ kind: "US_401K", employeeAmount: 100_00 }]);
    expect(amount(k, "US_CA_SIT")).toBe(Number(methodB(CA_METHOD_B_2026, "BIWEEKLY", 3_900_00n, "SINGLE_OR_DUAL_INCOME_MARRIED", 0, 0)));
    expect(amount(k, "US_CA_SDI_EE")).toBe(52_00); // 1.3% × 4,000
  });

  it("Washington PFML follows the FICA column: §125 reduces it, 401(k) does not", () => {
    // 2026: 1.13% × 71.43% = 0.807159%
    const medical = us("WA", [{ kind: "MEDICAL", employeeAmount: 150_00 }]);
    expect(amount(medical, "US_WA_PFML_EE")).toBe(Math.round(3_850_00 * 0.0113 * 0.7143)); // 31.08
    const k = us("WA", [{ kind: "US_401K", employeeAmount: 150_00 }]);
    expect(amount(k, "US_WA_PFML_EE")).toBe(Math.round(4_000_00 * 0.0113 * 0.7143)); // 32.29
  });

  it("several deductions of one kind make one line; appliedBenefits keeps them apart, in input order", () => {
    const r = us("TX", [
      { kind: "MEDICAL", planRef: "a", employeeAmount: 100_00 },
      { kind: "US_401K", planRef: "b", employeeAmount: 50_00, employerAmount: 25_00 },
      { kind: "MEDICAL", planRef: "c", employeeAmount: 50_00 },
    ]);
    expect(r.lines.filter((l) => l.code === "DED_MEDICAL")).toHaveLength(1);
    expect(amount(r, "DED_MEDICAL")).toBe(150_00);
    expect(r.appliedBenefits).toEqual([
      { kind: "MEDICAL", planRef: "a", employeeAmount: 100_00, employerAmount: 0 },
      { kind: "US_401K", planRef: "b", employeeAmount: 50_00, employerAmount: 25_00 },
      { kind: "MEDICAL", planRef: "c", employeeAmount: 50_00, employerAmount: 0 },
    ]);
  });
});

describe("US annual limits (stop at year-to-date)", () => {
  it("2026 values: Notice 2025-67, Rev. Proc. 2025-19, Rev. Proc. 2025-32, IRC §129 as amended by OBBBA", () => {
    const l = US_BENEFIT_LIMITS[2026];
    expect([l.electiveDeferral, l.catchUp50, l.catchUp60to63]).toEqual([24_500_00n, 8_000_00n, 11_250_00n]);
    expect([l.hsaSelfOnly, l.hsaFamily, l.hsaCatchUp55]).toEqual([4_400_00n, 8_750_00n, 1_000_00n]);
    expect([l.healthFsa, l.dependentCare]).toEqual([3_400_00n, 7_500_00n]);
  });

  it("401(k): $100 left of $24,500 → $100 taken of $200, FIT on $3,900; no age: no catch-up, said on the line", () => {
    const r = us("TX", [{ kind: "US_401K", employeeAmount: 200_00 }], { yearToDate: { benefitContributions: { US_401K: 24_400_00 } } });
    expect(amount(r, "DED_US_401K")).toBe(100_00);
    expect(r.appliedBenefits?.[0].employeeAmount).toBe(100_00);
    expect(amount(r, "US_FIT")).toBe(fitSingleBiweekly22(3_900_00));
    expect(line(r, "DED_US_401K")?.description).toMatch(/stopped at the annual limit: \$100\.00 of \$200\.00/);
    expect(line(r, "DED_US_401K")?.description).toMatch(/no age given: catch-up not applied/);
  });

  it("401(k) and Roth 401(k) share one limit, in input order", () => {
    const r = us(
      "TX",
      [
        { kind: "US_401K", employeeAmount: 80_00 },
        { kind: "US_ROTH_401K", employeeAmount: 50_00 },
      ],
      {
        yearToDate: { benefitContributions: { US_401K: 20_000_00, US_ROTH_401K: 4_400_00 } },
      },
    );
    expect(r.appliedBenefits?.map((a) => a.employeeAmount)).toEqual([80_00, 20_00]);
  });

  it("catch-up: age 50 → $32,500; ages 60–63 → $35,750; age 64 → back to $32,500", () => {
    const take = (age: number, ytd: number) =>
      us("TX", [{ kind: "US_401K", employeeAmount: 200_00, employeeAge: age }], { yearToDate: { benefitContributions: { US_401K: ytd } } }).appliedBenefits?.[0].employeeAmount;
    expect(take(49, 24_400_00)).toBe(100_00);
    expect(take(50, 32_400_00)).toBe(100_00);
    expect(take(61, 35_700_00)).toBe(50_00);
    expect(take(64, 32_600_00)).toBe(0);
  });

  it("limit reached: the DED line is still there at $0, saying so", () => {
    const r = us("TX", [{ kind: "US_401K", employeeAmount: 200_00 }], { yearToDate: { benefitContributions: { US_401K: 24_500_00 } } });
    expect(amount(r, "DED_US_401K")).toBe(0);
    expect(amount(r, "US_FIT")).toBe(540_38);
  });

  it("HSA counts employee + employer, employer first; family limit $8,750", () => {
    const r = us("TX", [{ kind: "US_HSA", employeeAmount: 100_00, employerAmount: 30_00, hsaCoverage: "FAMILY" }], {
      yearToDate: { benefitContributions: { US_HSA: 8_000_00 }, benefitEmployerContributions: { US_HSA: 700_00 } },
    });
    expect(r.appliedBenefits?.[0]).toEqual({ kind: "US_HSA", employeeAmount: 20_00, employerAmount: 30_00 });
  });

  it("HSA without a coverage tier: the self-only limit ($4,400), said on the line; age 55: +$1,000", () => {
    const r = us("TX", [{ kind: "US_HSA", employeeAmount: 100_00 }], { yearToDate: { benefitContributions: { US_HSA: 4_350_00 } } });
    expect(r.appliedBenefits?.[0].employeeAmount).toBe(50_00);
    expect(line(r, "DED_US_HSA")?.description).toMatch(/no coverage tier given: self-only limit/);
    const old = us("TX", [{ kind: "US_HSA", employeeAmount: 100_00, employeeAge: 55 }], { yearToDate: { benefitContributions: { US_HSA: 4_350_00 } } });
    expect(old.appliedBenefits?.[0].employeeAmount).toBe(100_00);
  });

  it("health FSA $3,400 (employee only) and dependent care $7,500 (employee + employer)", () => {
    const fsa = us("TX", [{ kind: "US_HEALTH_FSA", employeeAmount: 100_00, employerAmount: 100_00 }], { yearToDate: { benefitContributions: { US_HEALTH_FSA: 3_350_00 } } });
    expect(fsa.appliedBenefits?.[0]).toEqual({ kind: "US_HEALTH_FSA", employeeAmount: 50_00, employerAmount: 100_00 });
    const dcap = us("TX", [{ kind: "US_DEPENDENT_CARE_FSA", employeeAmount: 100_00 }], { yearToDate: { benefitContributions: { US_DEPENDENT_CARE_FSA: 7_450_00 } } });
    expect(dcap.appliedBenefits?.[0].employeeAmount).toBe(50_00);
  });

  it("2025 pay dates use the 2025 limits (Notice 2024-80: $23,500)", () => {
    const r = us("TX", [{ kind: "US_401K", employeeAmount: 200_00 }], { payDate: "2025-06-13", yearToDate: { benefitContributions: { US_401K: 23_400_00 } } });
    expect(r.appliedBenefits?.[0].employeeAmount).toBe(100_00);
  });
});

describe("US group-term life over $50,000 (Pub 15-B 2026 Table 2-2)", () => {
  it("Table I rates per $1,000 per month", () => {
    expect(TABLE_I.map(([, rate]) => Number(rate))).toEqual([5, 6, 8, 9, 10, 15, 23, 43, 66, 127, 206]);
    expect(tableIRate(24).rate).toBe(5n);
    expect(tableIRate(45).rate).toBe(15n);
    expect(tableIRate(49).rate).toBe(15n);
    expect(tableIRate(70).rate).toBe(206n);
    expect(tableIRate(undefined)).toEqual({ rate: 206n, bracket: "no age given: 70 and older rate applied" });
  });

  it("$200,000 coverage at 45, monthly: 150 × $0.15 = $22.50 a month", () => {
    expect(gtlPeriodCost(200_000_00n, 15n, 12n)).toBe(22_50n);
    expect(gtlPeriodCost(50_000_00n, 206n, 12n)).toBe(0n);
  });

  it("biweekly: $10.38 cost less $2.00 paid by the employee = $8.38 imputed: Social Security and Medicare on $4,008.38, not FIT, not FUTA", () => {
    const r = us("TX", [{ kind: "GROUP_TERM_LIFE", employeeAmount: 2_00, employerAmount: 5_00, coverageAmount: 200_000_00, employeeAge: 45 }]);
    // 150 × $0.15 × 12 ÷ 26 = $10.384615… → $10.38; − $2.00
    expect(amount(r, "EARNING_IMPUTED_GTL")).toBe(8_38);
    expect(line(r, "EARNING_IMPUTED_GTL")?.kind).toBe("IMPUTED_INCOME");
    expect(amount(r, "US_SS_EE")).toBe(248_52); // 6.2% × 4,008.38 = 248.51956
    expect(amount(r, "US_MEDICARE_EE")).toBe(58_12); // 1.45% × 4,008.38 = 58.12151
    expect(amount(r, "US_FIT")).toBe(540_38); // on $4,000: not withheld on imputed income
    expect(amount(r, "US_FUTA_ER")).toBe(24_00);
    expect(r.gross).toBe(4_000_00);
    expect(r.net).toBe(4_000_00 - 540_38 - 248_52 - 58_12 - 2_00);
  });

  it("coverage is required in the US; without an age the highest rate applies and the line says so", () => {
    expect(us("TX", [{ kind: "GROUP_TERM_LIFE", employeeAmount: 0 }]).blockers.map((b) => b.code)).toEqual(["INVALID_INPUT"]);
    const r = us("TX", [{ kind: "GROUP_TERM_LIFE", employeeAmount: 0, coverageAmount: 100_000_00 }]);
    expect(amount(r, "EARNING_IMPUTED_GTL")).toBe(47_54); // 50 × $2.06 × 12 ÷ 26 = 47.538…
    expect(line(r, "EARNING_IMPUTED_GTL")?.description).toMatch(/no age given: 70 and older rate applied/);
  });
});

describe("Canada", () => {
  const ca = (province: string, benefitDeductions: BenefitDeduction[]) =>
    calculatePaycheck({ jurisdiction: `CA-${province}`, classification: "CA_T4_EMPLOYEE", payFrequency: "WEEKLY", payDate: PAY_DATE, gross: 1_000_00, benefitDeductions });

  it("group RRSP $100 weekly in Ontario: factor F lowers federal tax by 14% × 100; CPP and EI unchanged (T4127 Jan 2026 Ch. 4 Step 1)", () => {
    const r = ca("ON", [{ kind: "CA_GROUP_RRSP", employeeAmount: 100_00 }]);
    // C = 5.95% × (1,000 − 3,500/52 truncated 67.30) = 55.49565 → 55.50; EI = 1.63% × 1,000 = 16.30
    expect(amount(r, "CA_CPP_EE")).toBe(55_50);
    expect(amount(r, "CA_EI_EE")).toBe(16_30);
    // F5 = 55.50 × 1/5.95 = 9.33; A = 52 × (1,000 − 100 − 9.33) = 46,314.84
    // K1 = 14% × 16,452 = 2,303.28; K2 = 14% × 52 × 46.17 (=336.12) + 14% × 52 × 16.30 (=118.66); K4 = 14% × 1,501 = 210.14
    // T3 = 14% × 46,314.84 (=6,484.08) − 2,303.28 − 454.78 − 210.14 = 3,515.88; ÷ 52 = 67.61
    const A = 52 * (1_000_00 - 100_00 - 9_33);
    expect(A).toBe(46_314_84);
    const T3 = Math.round(A * 0.14) - 2_303_28 - (336_12 + 118_66) - 210_14;
    expect(amount(r, "CA_FIT")).toBe(Math.round(T3 / 52));
    expect(amount(r, "CA_FIT")).toBe(67_61);
    expect(line(r, "DED_CA_GROUP_RRSP")?.reducesWages).toEqual(["INCOME_TAX"]);
  });

  it("employee health and dental premiums reduce nothing", () => {
    const r = ca("ON", [{ kind: "CA_HEALTH_DENTAL", employeeAmount: 30_00 }]);
    expect(amount(r, "CA_CPP_EE")).toBe(55_50);
    expect(line(r, "DED_CA_HEALTH_DENTAL")?.reducesWages).toEqual([]);
    expect(r.net).toBe(1_000_00 - r.lines.filter((l) => l.kind === "EMPLOYEE_TAX").reduce((s, l) => s + l.amount, 0) - 30_00);
  });

  it("employer-paid group life $20: taxable benefit, pensionable (CPP on $1,020), not insurable (EI on $1,000) — T4130", () => {
    const r = ca("ON", [{ kind: "GROUP_TERM_LIFE", employeeAmount: 0, employerAmount: 20_00 }]);
    expect(amount(r, "EARNING_TAXABLE_BENEFITS")).toBe(20_00);
    expect(amount(r, "CA_CPP_EE")).toBe(56_69); // 5.95% × (1,020 − 67.30) = 56.68565
    expect(amount(r, "CA_EI_EE")).toBe(16_30);
    expect(r.gross).toBe(1_000_00);
  });

  it("Quebec: employer health premium is pensionable for QPP, not QPIP or EI, and taxable for Quebec income tax", () => {
    const r = ca("QC", [{ kind: "MEDICAL", employeeAmount: 0, employerAmount: 20_00 }]);
    expect(amount(r, "CA_QPP_EE")).toBe(60_02); // 6.30% × (1,020 − 67.30) = 60.0201
    expect(amount(r, "CA_QPIP_EE")).toBe(4_30); // 0.430% × 1,000
    expect(amount(r, "CA_EI_EE")).toBe(13_00); // 1.30% × 1,000
    expect(line(r, "BEN_ER_MEDICAL")?.description).toMatch(/Quebec income tax/);
    // TP-1015.F: G = 1,000 + 20 = 1,020; H = min(61.20, 1,450/52 = 27.88) = 27.88; CSA = 60.02 × 0.01/0.063 = 9.53;
    // I = 52 × 982.59 = 51,094.68; Y = 0.14 × I (7,153.26) − 2,653.28 = 4,499.98; A = 86.54.
    expect(amount(r, "CA_QC_PIT")).toBe(86_54);
    expect(line(r, "CA_QC_PIT")?.taxableWages).toBe(1_020_00);
    expect(r.blockers).toEqual([]);
  });

  it("outside Quebec the employer health premium is not a taxable benefit", () => {
    const r = ca("ON", [{ kind: "MEDICAL", employeeAmount: 0, employerAmount: 20_00 }]);
    expect(amount(r, "EARNING_TAXABLE_BENEFITS")).toBeUndefined();
    expect(amount(r, "CA_CPP_EE")).toBe(55_50);
  });
});

describe("bad input is an INVALID_INPUT blocker, never a silent zero", () => {
  const codes = (r: PaycheckResult) => r.blockers.map((b) => b.code);
  it("negative amount, unknown kind, a kind of the other country", () => {
    expect(codes(us("TX", [{ kind: "MEDICAL", employeeAmount: -1 }]))).toEqual(["INVALID_INPUT"]);
    expect(codes(us("TX", [{ kind: "PET_INSURANCE" as never, employeeAmount: 1 }]))).toEqual(["INVALID_INPUT"]);
    expect(codes(us("TX", [{ kind: "CA_GROUP_RRSP", employeeAmount: 1 }]))).toEqual(["INVALID_INPUT"]);
    const r = calculatePaycheck({
      jurisdiction: "CA-ON",
      classification: "CA_T4_EMPLOYEE",
      payFrequency: "WEEKLY",
      payDate: PAY_DATE,
      gross: 1_000_00,
      benefitDeductions: [{ kind: "US_401K", employeeAmount: 1 }],
    });
    expect(codes(r)).toEqual(["INVALID_INPUT"]);
    expect(r.blockers[0].message).toMatch(/US_401K is not a benefit in Canada/);
  });
  it("a contractor has no benefits", () => {
    const r = calculatePaycheck({
      jurisdiction: "US-TX",
      classification: "US_1099_CONTRACTOR",
      payFrequency: "MONTHLY",
      payDate: PAY_DATE,
      gross: 1_000_00,
      benefitDeductions: [{ kind: "MEDICAL", employeeAmount: 1 }],
    });
    expect(codes(r)).toEqual(["INVALID_INPUT"]);
  });
  it("deductions larger than the pay left after taxes", () => {
    const r = us("TX", [{ kind: "US_ROTH_401K", employeeAmount: 3_900_00 }]);
    expect(codes(r)).toEqual(["INVALID_INPUT"]);
    expect(r.blockers[0].message).toMatch(/exceed the pay left after taxes/);
  });
  it("year-to-date benefit amounts must be cents of a known kind", () => {
    expect(codes(us("TX", [], { yearToDate: { benefitContributions: { US_401K: -5 } } }))).toEqual(["INVALID_INPUT"]);
  });
});
