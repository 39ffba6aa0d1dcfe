import { describe, expect, it } from "vitest";
import { overThreshold, underCap, type LedgerRow } from "../../src/modules/filings/filing-ledger";
import { quarterPeriod, periodProblem } from "../../src/modules/filings/filing-period";
import { form941Values, localityOf, stateProgramOf, stateWageTotals, w2Values } from "../../src/modules/filings/us-forms";
import { caCaps, pd7aValues, rl1Values, t4Values } from "../../src/modules/filings/ca-forms";

/**
 * The filings' pure rules (src/modules/filings): which statement lines make which box or line, wage bases capped
 * per employee across the year, the Form 941 fractions-of-cents line, the T4/RL-1 split of Quebec employment.
 * Expected values are worked out in each test from the rows it builds (the definitions cited in the module).
 */
type Kind = LedgerRow["kind"];
function row(code: string, kind: Kind, inPeriod: number, more: Partial<LedgerRow> = {}): LedgerRow {
  return { workerId: "w1", jurisdiction: "US-CA", code, kind, before: 0, inPeriod, pensionable: false, insurable: false, qpip: false, taxable: null, ...more };
}

describe("filing periods", () => {
  it("a quarter runs from the first day of its first month to the last day of its third, line 1 counts the 12th of the third month", () => {
    expect(quarterPeriod(2026, 1)).toMatchObject({ from: "2026-01-01", to: "2026-03-31", months: ["2026-01", "2026-02", "2026-03"], twelfthOfThirdMonth: "2026-03-12" });
    expect(quarterPeriod(2028, 4)).toMatchObject({ from: "2028-10-01", to: "2028-12-31", twelfthOfThirdMonth: "2028-12-12" });
    expect(quarterPeriod(2026, 2).to).toBe("2026-06-30");
  });

  it("refuses a quarter outside 1–4 and a year outside 2000–2100", () => {
    expect(periodProblem(2026, 5)).toMatch(/quarter/);
    expect(periodProblem(2026, 0)).toMatch(/quarter/);
    expect(periodProblem(1999)).toMatch(/year/);
    expect(periodProblem(2026, 3)).toBeNull();
  });
});

describe("annual caps across the year", () => {
  it("takes what the period adds below a wage base and above a threshold", () => {
    // $180,000 before the quarter, $10,000 in it: $4,500 left under a $184,500 base; $0 above $200,000.
    expect(underCap({ before: 18_000_000, inPeriod: 1_000_000 }, 18_450_000)).toBe(450_000);
    expect(overThreshold({ before: 18_000_000, inPeriod: 1_000_000 }, 20_000_000)).toBe(0);
    // $195,000 before, $10,000 in: $5,000 above $200,000.
    expect(overThreshold({ before: 19_500_000, inPeriod: 1_000_000 }, 20_000_000)).toBe(500_000);
  });
});

describe("Form W-2", () => {
  const earnings = 1_000_000;
  const rows = [
    row("EARNING_REGULAR", "EARNING", 900_000),
    row("EARNING_SUPPLEMENTAL", "EARNING", 100_000),
    row("EARNING_IMPUTED_GTL", "IMPUTED_INCOME", 2_000),
    row("DED_US_401K", "DEDUCTION", 50_000),
    row("DED_MEDICAL", "DEDUCTION", 17_000),
    row("BEN_ER_MEDICAL", "EMPLOYER_CONTRIBUTION", 84_000),
    row("DED_US_HSA", "DEDUCTION", 10_000),
    row("BEN_ER_US_HSA", "EMPLOYER_CONTRIBUTION", 5_000),
    row("US_FIT", "EMPLOYEE_TAX", 120_000),
    row("US_SS_EE", "EMPLOYEE_TAX", 60_000),
    row("US_MEDICARE_EE", "EMPLOYEE_TAX", 14_000),
    row("US_CA_SIT", "EMPLOYEE_TAX", 40_000),
    row("US_CA_SDI_EE", "EMPLOYEE_TAX", 13_000),
  ];

  it("box 1 takes off 401(k) and §125/HSA; boxes 3 and 5 take off §125/HSA only; group-term life is added to all three", () => {
    const w2 = w2Values(rows, { socialSecurityWageBase: 18_450_000 });
    expect(w2.box1).toBe(earnings + 2_000 - 50_000 - 17_000 - 10_000);
    expect(w2.box3).toBe(earnings + 2_000 - 17_000 - 10_000);
    expect(w2.box5).toBe(w2.box3);
    expect([w2.box2, w2.box4, w2.box6]).toEqual([120_000, 60_000, 14_000]);
  });

  it("box 12 lists C, D, W (both HSA shares), DD (both medical shares); box 14 the CA SDI", () => {
    const w2 = w2Values(rows, { socialSecurityWageBase: 18_450_000 });
    expect(w2.box12).toEqual([
      { code: "C", amount: 2_000 },
      { code: "D", amount: 50_000 },
      { code: "W", amount: 15_000 },
      { code: "DD", amount: 101_000 },
    ]);
    expect(w2.box14).toEqual([{ lineCode: "US_CA_SDI_EE", label: "CA SDI", amount: 13_000 }]);
  });

  it("California wages keep the HSA deduction (CA does not conform to §223) and drop 401(k) and §125", () => {
    const [ca] = w2Values(rows, { socialSecurityWageBase: 18_450_000 }).states;
    expect(ca).toEqual({ state: "CA", wages: earnings + 2_000 - 50_000 - 17_000, tax: 40_000, localities: [] });
  });

  it("box 3 stops at the wage base; a state without income tax lines has no box 15–17 entry", () => {
    const texas = [row("EARNING_REGULAR", "EARNING", 20_000_000, { jurisdiction: "US-TX" }), row("US_FIT", "EMPLOYEE_TAX", 1, { jurisdiction: "US-TX" })];
    const w2 = w2Values(texas, { socialSecurityWageBase: 18_450_000 });
    expect(w2.box3).toBe(18_450_000);
    expect(w2.box5).toBe(20_000_000);
    expect(w2.states).toEqual([]);
  });

  it("prefers the tax lines' own taxable wage base when every line carries one", () => {
    const base = (inPeriod: number) => ({ before: 0, inPeriod });
    const carried = [
      row("EARNING_REGULAR", "EARNING", 1_000_000),
      row("US_SS_EE", "EMPLOYEE_TAX", 62_000, { taxable: base(999_000) }),
      row("US_MEDICARE_EE", "EMPLOYEE_TAX", 14_500, { taxable: base(998_000) }),
      row("US_CA_SIT", "EMPLOYEE_TAX", 1_000, { taxable: base(997_000) }),
      row("US_CA_SUI_ER", "EMPLOYER_TAX", 1_000, { taxable: base(700_000) }),
    ];
    const w2 = w2Values(carried, { socialSecurityWageBase: 18_450_000 });
    expect([w2.box3, w2.box5, w2.states[0].wages]).toEqual([999_000, 998_000, 997_000]);
    expect(stateWageTotals(carried)[0].suiTaxableWages).toBe(700_000);
    // One line without a base: derived from earnings again.
    const mixed = [...carried, row("US_SS_EE", "EMPLOYEE_TAX", 10, { jurisdiction: "US-TX" })];
    expect(w2Values(mixed, { socialSecurityWageBase: 18_450_000 }).box3).toBe(1_000_000);
  });

  it("reads locality and state-program codes", () => {
    expect(localityOf("US_NY_NYC_LIT")).toEqual({ state: "NY", name: "NYC" });
    expect(localityOf("US_PA_EIT_EE")).toEqual({ state: "PA", name: "PA EIT" });
    expect(stateProgramOf("US_NY_PFL_EE")).toEqual({ state: "NY", label: "NY PFL" });
    expect(stateProgramOf("US_PA_EIT_EE")).toBeUndefined();
    expect(stateProgramOf("US_SS_EE")).toBeUndefined();
    expect(stateProgramOf("US_ADDL_MEDICARE_EE")).toBeUndefined();
  });
});

describe("Form 941", () => {
  const limits = { socialSecurityWageBase: 18_450_000, additionalMedicareThreshold: 20_000_000 };
  const a = (code: string, kind: Kind, inPeriod: number, before = 0) => row(code, kind, inPeriod, { workerId: "a", jurisdiction: "US-TX", before });
  const b = (code: string, kind: Kind, inPeriod: number, before = 0) => row(code, kind, inPeriod, { workerId: "b", jurisdiction: "US-TX", before });

  it("sums the employees' wages with each one's caps, computes 5a–5e at the form's rates, and puts the paychecks' rounding on line 7", () => {
    const rows = [
      // a: $190,000 before the quarter, $20,000 in it: SS wages $0 (base passed), Additional Medicare on $10,000.
      a("EARNING_REGULAR", "EARNING", 2_000_000, 19_000_000),
      a("US_FIT", "EMPLOYEE_TAX", 400_000),
      a("US_MEDICARE_EE", "EMPLOYEE_TAX", 29_000),
      a("US_MEDICARE_ER", "EMPLOYER_TAX", 29_000),
      a("US_ADDL_MEDICARE_EE", "EMPLOYEE_TAX", 9_000),
      // b: $1,000.01 in the quarter, no history: SS tax 62.00 each share after per-paycheck rounding.
      b("EARNING_REGULAR", "EARNING", 100_001),
      b("US_FIT", "EMPLOYEE_TAX", 8_000),
      b("US_SS_EE", "EMPLOYEE_TAX", 6_200),
      b("US_SS_ER", "EMPLOYER_TAX", 6_200),
      b("US_MEDICARE_EE", "EMPLOYEE_TAX", 1_450),
      b("US_MEDICARE_ER", "EMPLOYER_TAX", 1_450),
    ];
    const f = form941Values(rows, limits, 2, 50_000);
    expect(f.line2).toBe(2_100_001);
    expect(f.line3).toBe(408_000);
    expect(f.line5aWages).toBe(100_001);
    expect(f.line5aTax).toBe(12_400); // 1,000.01 × 0.124 = 124.00124
    expect(f.line5cWages).toBe(2_100_001);
    expect(f.line5cTax).toBe(60_900); // 21,000.01 × 0.029 = 609.00029
    expect(f.line5dWages).toBe(1_000_000);
    expect(f.line5dTax).toBe(9_000);
    expect(f.line5e).toBe(12_400 + 60_900 + 9_000);
    expect(f.line6).toBe(408_000 + f.line5e);
    // withheld and owed per paycheck: 6,200 × 2 + 29,000 × 2 + 9,000 + 1,450 × 2 = 82,300 vs 5e 82,300
    expect(f.line7).toBe(6_200 * 2 + 29_000 * 2 + 9_000 + 1_450 * 2 - f.line5e);
    expect(f.line10).toBe(f.line6 + f.line7);
    expect(f.line12).toBe(f.line10);
    expect(f.line13).toBe(50_000);
    expect(f.line14).toBe(f.line12 - 50_000);
    expect(f.line15).toBe(0);
    expect(f.line1).toBe(2);
  });

  it("line 7 is negative when the paychecks rounded down", () => {
    // Twenty paychecks of $0.01: 6.2% of a cent rounds to 0 on each, while the quarter's $0.20 × 0.124 is 2 cents.
    const rows = [b("EARNING_REGULAR", "EARNING", 20), b("US_SS_EE", "EMPLOYEE_TAX", 0), b("US_SS_ER", "EMPLOYER_TAX", 0)];
    const f = form941Values(rows, limits, 1, 0);
    expect(f.line5aTax).toBe(2); // 20 cents × 0.124 = 2.48 → 2
    expect(f.line5cTax).toBe(1); // 20 cents × 0.029 = 0.58 → 1
    expect(f.line7).toBe(-3); // nothing was withheld or owed on the paychecks
    expect(f.line14).toBe(0);
  });

  it("state wage report totals: employees, gross wages, income tax withheld per state", () => {
    const rows = [
      row("EARNING_REGULAR", "EARNING", 300_000, { workerId: "x" }),
      row("US_CA_SIT", "EMPLOYEE_TAX", 9_000, { workerId: "x" }),
      row("EARNING_REGULAR", "EARNING", 200_000, { workerId: "y" }),
      row("US_CA_SIT", "EMPLOYEE_TAX", 4_000, { workerId: "y" }),
      row("EARNING_REGULAR", "EARNING", 100_000, { workerId: "z", jurisdiction: "US-TX" }),
    ];
    expect(stateWageTotals(rows)).toEqual([
      { state: "CA", employees: 2, totalWages: 500_000, incomeTaxWithheld: 13_000, localIncomeTaxWithheld: 0, suiEmployerTax: 0, hasSuiLines: false, suiTaxableWages: null },
      { state: "TX", employees: 1, totalWages: 100_000, incomeTaxWithheld: 0, localIncomeTaxWithheld: 0, suiEmployerTax: 0, hasSuiLines: false, suiTaxableWages: null },
    ]);
    // A registered state where nobody was paid files a zero report; a Canadian registration is not a state.
    expect(stateWageTotals(rows, ["US-WA", "US-CA", "CA-ON"]).map((s) => [s.state, s.employees, s.totalWages])).toEqual([
      ["CA", 2, 500_000],
      ["TX", 1, 100_000],
      ["WA", 0, 0],
    ]);
  });
});

describe("T4, RL-1 and PD7A", () => {
  const caps = caCaps(2026)!;
  const on = (code: string, kind: Kind, inPeriod: number) => row(code, kind, inPeriod, { jurisdiction: "CA-ON", pensionable: true, insurable: true });
  const qc = (code: string, kind: Kind, inPeriod: number, more: Partial<LedgerRow> = {}) =>
    row(code, kind, inPeriod, { jurisdiction: "CA-QC", pensionable: true, insurable: true, qpip: true, ...more });

  it("caps are the T4127 2026 maximums (EI 68,900; YAMPE 85,000; QPIP 103,000)", () => {
    expect(caps).toEqual({ eiMaxInsurable: 6_890_000, maxPensionable: 8_500_000, qpipMaxInsurable: 10_300_000 });
  });

  it("one slip per province; box 14 adds federally taxable employer benefits only; box 22 leaves Quebec tax to the RL-1", () => {
    const rows = [
      on("EARNING_REGULAR", "EARNING", 5_000_000),
      on("BEN_ER_GROUP_TERM_LIFE", "EMPLOYER_CONTRIBUTION", 10_000),
      on("CA_CPP_EE", "EMPLOYEE_TAX", 250_000),
      on("CA_EI_EE", "EMPLOYEE_TAX", 80_000),
      on("CA_FIT", "EMPLOYEE_TAX", 500_000),
      on("CA_ON_PIT", "EMPLOYEE_TAX", 200_000),
      qc("EARNING_REGULAR", "EARNING", 9_000_000),
      qc("BEN_ER_MEDICAL", "EMPLOYER_CONTRIBUTION", 30_000),
      qc("CA_QPP_EE", "EMPLOYEE_TAX", 400_000),
      qc("CA_QPP2_EE", "EMPLOYEE_TAX", 10_000),
      qc("CA_QPIP_EE", "EMPLOYEE_TAX", 38_000),
      qc("CA_EI_EE", "EMPLOYEE_TAX", 89_000),
      qc("CA_FIT", "EMPLOYEE_TAX", 700_000),
      qc("CA_QC_PIT", "EMPLOYEE_TAX", 900_000),
    ];
    const [ontario, quebec] = t4Values(rows, caps);
    expect(ontario).toMatchObject({ province: "ON", box14: 5_010_000, box16: 250_000, box18: 80_000, box22: 700_000, box24: 5_000_000, box26: 5_010_000, box56: 0 });
    // Quebec: private health premiums are not federally taxable (box 14) but are QPP pensionable (box 26 capped at the YAMPE).
    expect(quebec).toMatchObject({ province: "QC", box14: 9_000_000, box17: 400_000, box17A: 10_000, box18: 89_000, box22: 700_000, box24: 6_890_000, box26: 8_500_000 });
    expect(quebec).toMatchObject({ box55: 38_000, box56: 9_000_000, box44: 0, box52: 0 });
    expect(rl1Values(rows, caps)).toEqual({ boxA: 9_030_000, boxB: 410_000, boxC: 89_000, boxE: 900_000, boxG: 8_500_000, boxH: 38_000, boxI: 9_000_000 });
  });

  it("boxes 24 and 56 / I prefer the EI and QPIP lines' taxable base when they carry one, still capped", () => {
    const rows = [
      qc("EARNING_REGULAR", "EARNING", 5_000_000),
      qc("CA_EI_EE", "EMPLOYEE_TAX", 60_000, { taxable: { before: 0, inPeriod: 4_900_000 } }),
      qc("CA_QPIP_EE", "EMPLOYEE_TAX", 20_000, { taxable: { before: 0, inPeriod: 11_000_000 } }),
    ];
    const [slip] = t4Values(rows, caps);
    expect([slip.box24, slip.box56]).toEqual([4_900_000, 10_300_000]);
    expect(rl1Values(rows, caps)!.boxI).toBe(10_300_000);
  });

  it("no RL-1 without Quebec employment", () => {
    expect(rl1Values([on("EARNING_REGULAR", "EARNING", 1)], caps)).toBeUndefined();
  });

  it("PD7A: CRA's share of the month (CPP and CPP2, EI, federal and non-Quebec provincial tax, both shares)", () => {
    const m = (code: string, kind: Kind, amount: number, month = "2026-01") => ({ month, code, kind, amount });
    const sums = [
      m("EARNING_REGULAR", "EARNING", 1_000_000),
      m("CA_CPP_EE", "EMPLOYEE_TAX", 50_000),
      m("CA_CPP2_EE", "EMPLOYEE_TAX", 1_000),
      m("CA_CPP_ER", "EMPLOYER_TAX", 50_000),
      m("CA_CPP2_ER", "EMPLOYER_TAX", 1_000),
      m("CA_EI_EE", "EMPLOYEE_TAX", 16_000),
      m("CA_EI_ER", "EMPLOYER_TAX", 22_400),
      m("CA_FIT", "EMPLOYEE_TAX", 100_000),
      m("CA_ON_PIT", "EMPLOYEE_TAX", 40_000),
      m("CA_QC_PIT", "EMPLOYEE_TAX", 70_000),
      m("CA_QPP_EE", "EMPLOYEE_TAX", 30_000),
    ];
    const [jan, feb] = pd7aValues(["2026-01", "2026-02", "2026-03"], sums, new Map([["2026-01", 3]]));
    expect(jan).toEqual({
      month: "2026-01",
      grossPayroll: 1_000_000,
      employeesInLastPayPeriod: 3,
      cppEmployee: 51_000,
      cppEmployer: 51_000,
      eiEmployee: 16_000,
      eiEmployer: 22_400,
      incomeTax: 140_000,
      total: 51_000 * 2 + 16_000 + 22_400 + 140_000,
    });
    expect(feb).toMatchObject({ month: "2026-02", grossPayroll: 0, employeesInLastPayPeriod: 0, total: 0 });
  });
});
