import { describe, expect, it } from "vitest";
import {
  allowedBases,
  classificationsIn,
  CLASSIFICATIONS,
  COMPENSATION_BASES,
  countryOfClassification,
  employeeClassifications,
  isClassification,
  isContractor,
  isEmployee,
  taxFormOf,
  workerKindOf,
} from "../../src/shared/classification";
import { classificationEnum, compensationBasisEnum, countryEnum } from "../../src/db/enums";
import { COUNTRIES } from "../../src/shared/jurisdiction";
import { PAY_FREQUENCIES, PERIODS_PER_YEAR } from "../../src/shared/calendar";
import { calculatePaycheck, type PaycheckInput } from "../../src/modules/payroll/engine";

describe("classifications", () => {
  it("are the database enums' values", () => {
    expect([...classificationEnum.enumValues]).toEqual([...CLASSIFICATIONS]);
    expect([...compensationBasisEnum.enumValues]).toEqual([...COMPENSATION_BASES]);
    expect([...countryEnum.enumValues]).toEqual([...COUNTRIES]);
  });

  it("each exist in one country: W-2 and 1099 in the US, T4 and T4A in Canada", () => {
    expect(classificationsIn("US")).toEqual(["US_W2_EMPLOYEE", "US_1099_CONTRACTOR"]);
    expect(classificationsIn("CA")).toEqual(["CA_T4_EMPLOYEE", "CA_T4A_CONTRACTOR"]);
    for (const c of CLASSIFICATIONS) expect(c.startsWith(`${countryOfClassification(c)}_`)).toBe(true);
    expect(COUNTRIES.flatMap(classificationsIn).sort()).toEqual([...CLASSIFICATIONS].sort());
  });

  it("say who is an employee and who a contractor, and on which form they are reported", () => {
    const facts = CLASSIFICATIONS.map((c) => [c, workerKindOf(c), taxFormOf(c), isEmployee(c), isContractor(c)]);
    expect(facts).toEqual([
      ["US_W2_EMPLOYEE", "EMPLOYEE", "W-2", true, false],
      ["US_1099_CONTRACTOR", "CONTRACTOR", "1099-NEC", false, true],
      ["CA_T4_EMPLOYEE", "EMPLOYEE", "T4", true, false],
      ["CA_T4A_CONTRACTOR", "CONTRACTOR", "T4A", false, true],
    ]);
    expect(employeeClassifications()).toEqual(["US_W2_EMPLOYEE", "CA_T4_EMPLOYEE"]);
  });

  it("allow employees SALARY or HOURLY and contractors HOURLY or FIXED_FEE", () => {
    expect(allowedBases("US_W2_EMPLOYEE")).toEqual(["SALARY", "HOURLY"]);
    expect(allowedBases("CA_T4_EMPLOYEE")).toEqual(["SALARY", "HOURLY"]);
    expect(allowedBases("US_1099_CONTRACTOR")).toEqual(["HOURLY", "FIXED_FEE"]);
    expect(allowedBases("CA_T4A_CONTRACTOR")).toEqual(["HOURLY", "FIXED_FEE"]);
  });

  it("recognizes only its own values (engine input is not trusted)", () => {
    for (const c of CLASSIFICATIONS) expect(isClassification(c)).toBe(true);
    for (const other of ["US_W2", "us_w2_employee", "toString", "hasOwnProperty", "", null, undefined, 1]) expect(isClassification(other)).toBe(false);
  });
});

describe("both payroll engines speak the same classifications and pay frequencies", () => {
  const input = (classification: string, jurisdiction: string, payFrequency: string = "BIWEEKLY") =>
    ({ jurisdiction, classification, payFrequency, payDate: "2026-03-13", gross: 200_000, w4: { filingStatus: "SINGLE" } }) as PaycheckInput;
  const codes = (result: { blockers: { code: string }[] }) => result.blockers.map((b) => b.code);
  const work = { US: "US-TX", CA: "CA-ON" } as const;

  it.each(CLASSIFICATIONS.map((c) => [c]))("%s: paid in its country only; a contractor gross, an employee with withholding", (c) => {
    const home = countryOfClassification(c);
    const other = home === "US" ? "CA" : "US";
    expect(codes(calculatePaycheck(input(c, work[other])))).toContain("UNSUPPORTED_CLASSIFICATION");
    const paid = calculatePaycheck(input(c, work[home]));
    expect(codes(paid)).toEqual([]);
    expect(paid.net === paid.gross).toBe(isContractor(c));
  });

  it.each(["US", "CA"] as const)("the %s engine divides by PERIODS_PER_YEAR and refuses other frequencies", (country) => {
    const nets = PAY_FREQUENCIES.map((f) => calculatePaycheck(input(classificationsIn(country)[0], work[country], f)));
    for (const r of nets) expect(codes(r)).toEqual([]);
    // Same gross per period, more periods a year: a higher annual income, so more withheld, a lower net.
    const byPeriods = PAY_FREQUENCIES.map((f, i) => [PERIODS_PER_YEAR[f], nets[i].net] as const).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < byPeriods.length; i++) expect(byPeriods[i][1]).toBeLessThan(byPeriods[i - 1][1]);
    expect(codes(calculatePaycheck(input(classificationsIn(country)[0], work[country], "DAILY")))).toContain("INVALID_INPUT");
  });
});
