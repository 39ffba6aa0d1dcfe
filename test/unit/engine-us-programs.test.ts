/**
 * State programs (src/modules/payroll/engine/us/programs) and employer SUI (us/sui.ts), computed directly on a built
 * context: most of these states' income tax modules are not registered yet, so the state dispatch would block them.
 * Expected values are the publications' rates and caps applied by hand (tables/state-programs.ts cites them).
 */
import { describe, expect, it } from "vitest";
import type { UsPayContext } from "../../src/modules/payroll/engine/us/context";
import { newJerseyFli, newJerseyTdi, newJerseyUi } from "../../src/modules/payroll/engine/us/programs/new-jersey";
import { newYorkPfl, newYorkSdi } from "../../src/modules/payroll/engine/us/programs/new-york";
import { coloradoFamli, connecticutPaidLeave, districtOfColumbiaPfl, hawaiiTdi, massachusettsPfml, rhodeIslandTdi } from "../../src/modules/payroll/engine/us/programs/paid-leave";
import type { UsProgramModule } from "../../src/modules/payroll/engine/us/programs/program-module";
import { computeSui } from "../../src/modules/payroll/engine/us/sui";
import { futaCreditReduction } from "../../src/modules/payroll/engine/us/tables/futa";
import type { EmployerRates, PayFrequency } from "../../src/modules/payroll/engine/types";
import { PERIODS_PER_YEAR } from "../../src/shared/calendar";
import { run } from "../support/engine-us";

interface Case {
  state: string;
  wages: number;
  year?: number;
  frequency?: PayFrequency;
  stateWages?: Record<string, number>;
  socialSecurityWages?: number;
  futaWages?: number;
  employerRates?: EmployerRates;
}

function ctx(c: Case): UsPayContext {
  const wages = BigInt(c.wages);
  const frequency = c.frequency ?? "WEEKLY";
  const taxYear = c.year ?? 2026;
  return {
    input: {
      jurisdiction: `US-${c.state}`,
      classification: "US_W2_EMPLOYEE",
      payFrequency: frequency,
      payDate: `${taxYear}-03-13`,
      gross: c.wages,
      ...(c.employerRates ? { employerRates: c.employerRates } : {}),
    },
    taxYear,
    payFrequency: frequency,
    periodsPerYear: BigInt(PERIODS_PER_YEAR[frequency]),
    regular: wages,
    supplemental: 0n,
    wages,
    state: c.state,
    ytd: {
      socialSecurityWages: BigInt(c.socialSecurityWages ?? 0),
      medicareWages: 0n,
      futaWages: BigInt(c.futaWages ?? 0),
      supplementalWages: 0n,
      stateWages: Object.fromEntries(Object.entries(c.stateWages ?? {}).map(([k, v]) => [k, BigInt(v)])),
    },
    taxable: {
      federalIncome: { regular: wages, supplemental: 0n },
      socialSecurity: wages,
      medicare: wages,
      futa: wages,
      stateIncome: { regular: wages, supplemental: 0n },
      statePrograms: wages,
    },
  };
}

function one(module: UsProgramModule, c: Case) {
  const result = module.compute(ctx(c));
  expect(result.blockers).toEqual([]);
  expect(result.lines.length).toBeLessThanOrEqual(1);
  return result.lines[0];
}

describe("flat-rate state programs: rate, wage base crossed with year-to-date wages, zero", () => {
  const cases: { name: string; module: UsProgramModule; code: string; kind: string; rate: (cents: number) => number; base: number | null }[] = [
    { name: "NY PFL 0.432% to $95,348.76", module: newYorkPfl, code: "US_NY_PFL_EE", kind: "EMPLOYEE_TAX", rate: (c) => c * 0.00432, base: 95_348_76 },
    { name: "NJ UI 0.3825% to $44,800", module: newJerseyUi, code: "US_NJ_UI_EE", kind: "EMPLOYEE_TAX", rate: (c) => c * 0.003825, base: 44_800_00 },
    { name: "MA PFML 0.46% to $184,500", module: massachusettsPfml, code: "US_MA_PFML_EE", kind: "EMPLOYEE_TAX", rate: (c) => c * 0.0046, base: 184_500_00 },
    { name: "CO FAMLI 0.44% to $184,500", module: coloradoFamli, code: "US_CO_FAMLI_EE", kind: "EMPLOYEE_TAX", rate: (c) => c * 0.0044, base: 184_500_00 },
    { name: "RI TDI 1.1% to $100,000", module: rhodeIslandTdi, code: "US_RI_TDI_EE", kind: "EMPLOYEE_TAX", rate: (c) => c * 0.011, base: 100_000_00 },
    { name: "CT Paid Leave 0.5% to $184,500", module: connecticutPaidLeave, code: "US_CT_PFML_EE", kind: "EMPLOYEE_TAX", rate: (c) => c * 0.005, base: 184_500_00 },
  ];
  for (const c of cases) {
    it(`${c.name}: $2,000.00 of wages`, () => {
      const line = one(c.module, { state: c.module.state, wages: 2_000_00 });
      expect(line).toMatchObject({ code: c.code, kind: c.kind, amount: Math.round(c.rate(2_000_00)), taxableWages: 2_000_00 });
    });
    it(`${c.name}: the period that crosses the base is taxed on what is left, then nothing`, () => {
      const base = c.base as number;
      const crossing = one(c.module, { state: c.module.state, wages: 2_000_00, stateWages: { [c.code]: base - 500_00 } });
      expect(crossing).toMatchObject({ amount: Math.round(c.rate(500_00)), taxableWages: 500_00 });
      expect(one(c.module, { state: c.module.state, wages: 2_000_00, stateWages: { [c.code]: base } })).toBeUndefined();
      // Without a tracked base, the Social Security wages stand in (stateYtd).
      expect(one(c.module, { state: c.module.state, wages: 2_000_00, socialSecurityWages: base - 500_00 })).toMatchObject({ taxableWages: 500_00 });
    });
    it(`${c.name}: no wages, no line`, () => {
      expect(one(c.module, { state: c.module.state, wages: 0 })).toBeUndefined();
    });
  }

  it("NY PFL 2026: a year at the cap withholds the published maximum $411.91", () => {
    const line = one(newYorkPfl, { state: "NY", wages: 95_348_76, frequency: "MONTHLY" });
    expect(line?.amount).toBe(411_91);
  });

  it("NY PFL 2025: 0.388%, maximum $354.53", () => {
    expect(one(newYorkPfl, { state: "NY", year: 2025, wages: 91_373_88, frequency: "MONTHLY" })?.amount).toBe(354_53);
  });

  it("NJ TDI and FLI 2025: 0.23% and 0.33% of the first $165,400 (maximums $380.42 and $545.82)", () => {
    expect(one(newJerseyTdi, { state: "NJ", year: 2025, wages: 165_400_00, frequency: "MONTHLY" })?.amount).toBe(380_42);
    expect(one(newJerseyFli, { state: "NJ", year: 2025, wages: 165_400_00, frequency: "MONTHLY" })?.amount).toBe(545_82);
  });

  it("NJ TDI and FLI 2026: worker rates not sourced → MISSING_TAX_TABLE, no line", () => {
    for (const module of [newJerseyTdi, newJerseyFli]) {
      const result = module.compute(ctx({ state: "NJ", wages: 2_000_00 }));
      expect(result.lines).toEqual([]);
      expect(result.blockers.map((b) => b.code)).toEqual(["MISSING_TAX_TABLE"]);
    }
  });

  it("RI TDI 2026: the year's maximum is $1,100.00 (1.1% of $100,000)", () => {
    expect(one(rhodeIslandTdi, { state: "RI", wages: 120_000_00, frequency: "MONTHLY" })?.amount).toBe(1_100_00);
  });

  it("DC Paid Family Leave 2025 is an employer line, 0.75% with no cap; 2026 is not sourced", () => {
    const line = one(districtOfColumbiaPfl, { state: "DC", year: 2025, wages: 500_000_00, socialSecurityWages: 1_000_000_00, frequency: "MONTHLY" });
    expect(line).toMatchObject({ code: "US_DC_PFL_ER", kind: "EMPLOYER_TAX", amount: 3_750_00 });
    expect(districtOfColumbiaPfl.compute(ctx({ state: "DC", wages: 2_000_00 })).blockers.map((b) => b.code)).toEqual(["MISSING_TAX_TABLE"]);
  });
});

describe("weekly-capped programs", () => {
  it("NY SDI: 0.5% of wages, at most $0.60 a week, $1.20 biweekly, $1.30 semimonthly, $2.60 monthly (12 NYCRR §362.2)", () => {
    expect(one(newYorkSdi, { state: "NY", wages: 100_00 })).toMatchObject({ code: "US_NY_SDI_EE", amount: 50, taxableWages: 100_00 });
    expect(one(newYorkSdi, { state: "NY", wages: 2_000_00 })?.amount).toBe(60);
    expect(one(newYorkSdi, { state: "NY", wages: 2_000_00, frequency: "BIWEEKLY" })?.amount).toBe(1_20);
    expect(one(newYorkSdi, { state: "NY", wages: 2_000_00, frequency: "SEMIMONTHLY" })?.amount).toBe(1_30);
    expect(one(newYorkSdi, { state: "NY", wages: 8_000_00, frequency: "MONTHLY" })?.amount).toBe(2_60);
    expect(one(newYorkSdi, { state: "NY", wages: 0 })).toBeUndefined();
  });

  it("HI TDI 2025: 0.5% of weekly wages, at most $7.21 a week; 2026 not sourced", () => {
    expect(one(hawaiiTdi, { state: "HI", year: 2025, wages: 1_000_00 })).toMatchObject({ code: "US_HI_TDI_EE", amount: 5_00 });
    expect(one(hawaiiTdi, { state: "HI", year: 2025, wages: 3_000_00 })?.amount).toBe(7_21);
    expect(hawaiiTdi.compute(ctx({ state: "HI", wages: 1_000_00 })).blockers.map((b) => b.code)).toEqual(["MISSING_TAX_TABLE"]);
  });
});

describe("employer state unemployment insurance (SUI)", () => {
  const sui = (c: Case) => computeSui(ctx(c));

  it("the registration's rate on wages up to the state's published base (CA 2026: $7,000)", () => {
    const result = sui({ state: "CA", wages: 2_000_00, employerRates: { suiRate: "3.4" } });
    expect(result.blockers).toEqual([]);
    expect(result.lines).toEqual([expect.objectContaining({ code: "US_CA_SUI_ER", kind: "EMPLOYER_TAX", amount: 68_00, taxableWages: 2_000_00 })]);
  });

  it("crossing the base with year-to-date FUTA wages, then nothing; a tracked SUI base wins", () => {
    expect(sui({ state: "CA", wages: 2_000_00, futaWages: 6_000_00, employerRates: { suiRate: "3.4" } }).lines[0]).toMatchObject({ amount: 34_00, taxableWages: 1_000_00 });
    expect(sui({ state: "CA", wages: 2_000_00, futaWages: 7_000_00, employerRates: { suiRate: "3.4" } }).lines).toEqual([]);
    expect(sui({ state: "CA", wages: 2_000_00, futaWages: 7_000_00, stateWages: { US_CA_SUI_ER: 0 }, employerRates: { suiRate: "3.4" } }).lines[0]).toMatchObject({
      amount: 68_00,
    });
  });

  it("the registration's wage base replaces the published one (Texas: none loaded)", () => {
    expect(sui({ state: "TX", wages: 2_000_00, futaWages: 8_000_00, employerRates: { suiRate: "2.7", suiWageBase: 9_000_00 } }).lines[0]).toMatchObject({
      code: "US_TX_SUI_ER",
      amount: 27_00,
      taxableWages: 1_000_00,
    });
    expect(sui({ state: "TX", wages: 2_000_00, employerRates: { suiRate: "2.7" } }).blockers.map((b) => b.code)).toEqual(["MISSING_TAX_TABLE"]);
  });

  it("no rate for the registration's year → MISSING_EMPLOYER_RATE; no employer rates at all (an estimate) → no line", () => {
    expect(sui({ state: "CA", wages: 2_000_00, employerRates: {} }).blockers.map((b) => b.code)).toEqual(["MISSING_EMPLOYER_RATE"]);
    expect(sui({ state: "CA", wages: 2_000_00 })).toEqual({ lines: [], blockers: [] });
    expect(sui({ state: "CA", wages: 2_000_00, employerRates: { suiRate: "abc" } }).blockers.map((b) => b.code)).toEqual(["INVALID_INPUT"]);
    expect(sui({ state: "CA", wages: 0, employerRates: { suiRate: "3.4" } }).lines).toEqual([]);
  });

  it("the engine emits the SUI line after the employer FICA and FUTA lines, and a run without a rate is blocked", () => {
    const result = run({ jurisdiction: "US-TX", gross: 1_000_00, employerRates: { suiRate: "2.7", suiWageBase: 9_000_00 } });
    expect(result.lines.map((l) => l.code).slice(-2)).toEqual(["US_FUTA_ER", "US_TX_SUI_ER"]);
    expect(result.lines.at(-1)?.amount).toBe(27_00);
    expect(run({ jurisdiction: "US-TX", gross: 1_000_00, employerRates: {} }).blockers.map((b) => b.code)).toEqual(["MISSING_EMPLOYER_RATE"]);
  });
});

describe("FUTA credit reduction (Form 940 Schedule A)", () => {
  it("2025: California 1.2%, Virgin Islands 4.5%, New York 0 (repaid), any other state 0; 2026 not determined", () => {
    expect(futaCreditReduction("CA", 2025)).toEqual({ numerator: 12n, denominator: 1000n });
    expect(futaCreditReduction("VI", 2025)).toEqual({ numerator: 45n, denominator: 1000n });
    expect(futaCreditReduction("NY", 2025)?.numerator).toBe(0n);
    expect(futaCreditReduction("TX", 2025)?.numerator).toBe(0n);
    expect(futaCreditReduction("CA", 2026)).toBeNull();
  });
});
