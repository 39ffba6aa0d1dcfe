import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  computeRunStatements,
  computeRunStatementsInParts,
  paycheckInputOf,
  regularPay,
  relevantCompensations,
  roundHalfUp,
  type CalcCompensation,
  type CalcEngagement,
  type CalcRun,
  type CalcTimeEntry,
  type CalcWorker,
  type CalculationInputs,
} from "../../src/modules/payroll/payroll-statements.compute";
import { PAYROLL_RUN_TRANSITIONS, canTransition, type PayrollRunStatus } from "../../src/modules/payroll/payroll-run.status";

/**
 * The run calculation as a pure function (no database): the pay rules (calendar-day proration, effective-dated
 * compensation, hours with overtime, one exact rounding), blockers, the mapping onto the engine's input, and
 * determinism. Amounts are cents.
 */
const PERIOD = { startDate: "2026-01-05", endDate: "2026-01-18" }; // 14 days, biweekly
const RUN: CalcRun = {
  id: "run",
  clientId: "client",
  employerEntityId: "us",
  kind: "REGULAR",
  currency: "USD",
  payDate: "2026-01-23",
  period: PERIOD,
  frequency: "BIWEEKLY",
};

function engagement(id: string, over: Partial<CalcEngagement> = {}): CalcEngagement {
  return { id, workerId: `w-${id}`, workJurisdiction: "US-TX", classification: "US_W2_EMPLOYEE", startDate: "2025-01-01", endDate: null, scheduleFrequency: "BIWEEKLY", ...over };
}
const salary = (engagementId: string, amount: number, effectiveFrom = "2025-01-01"): CalcCompensation => ({
  engagementId,
  basis: "SALARY",
  amount,
  currency: "USD",
  effectiveFrom,
});
const hourly = (engagementId: string, amount: number, effectiveFrom = "2025-01-01"): CalcCompensation => ({
  engagementId,
  basis: "HOURLY",
  amount,
  currency: "USD",
  effectiveFrom,
});
const fee = (engagementId: string, amount: number, effectiveFrom = "2025-01-01"): CalcCompensation => ({
  engagementId,
  basis: "FIXED_FEE",
  amount,
  currency: "USD",
  effectiveFrom,
});
const hours = (engagementId: string, workDate: string, h: number, type: CalcTimeEntry["type"] = "REGULAR"): CalcTimeEntry => ({
  engagementId,
  workDate,
  type,
  hundredthsOfHours: Math.round(h * 100),
});

function worker(id: string, over: Partial<CalcWorker> = {}): CalcWorker {
  return {
    id,
    w4FilingStatus: "SINGLE",
    w4MultipleJobs: null,
    w4DependentsAmount: null,
    w4OtherIncome: null,
    w4Deductions: null,
    w4ExtraWithholding: null,
    td1FederalClaimAmount: null,
    td1ProvincialClaimAmount: null,
    cppExempt: false,
    eiExempt: false,
    ...over,
  };
}

/** Inputs with every engagement onboarded (a payment method, nothing missing) unless `onboarding` is given. */
function inputs(over: Partial<CalculationInputs> = {}): CalculationInputs {
  const onboarding = (over.engagements ?? []).map((e) => ({ engagementId: e.id, paymentMethodKind: "BANK_ACCOUNT" as const, missingItems: [] }));
  return { rulesVersion: 1, run: RUN, engagements: [], compensations: [], timeEntries: [], oneOffEarnings: [], workers: [], yearToDate: [], onboarding, ...over };
}

const pay = (e: CalcEngagement, comps: CalcCompensation[], entries: CalcTimeEntry[] = []) => regularPay(e, PERIOD, "BIWEEKLY", comps, entries, "USD");

describe("regular pay", () => {
  it("pays a salary's annual amount ÷ periods per year for a full period", () => {
    expect(pay(engagement("a"), [salary("a", 7_800_000)])).toEqual({ cents: 300_000, blocker: null });
    expect(regularPay(engagement("a"), { startDate: "2026-01-01", endDate: "2026-01-31" }, "MONTHLY", [salary("a", 10_000_000)], [], "USD").cents).toBe(833_333); // 8,333.333…
    expect(regularPay(engagement("a"), { startDate: "2026-01-01", endDate: "2026-01-15" }, "SEMIMONTHLY", [salary("a", 10_000_000)], [], "USD").cents).toBe(416_667); // 4,166.666…
    expect(regularPay(engagement("a"), { startDate: "2026-01-05", endDate: "2026-01-11" }, "WEEKLY", [salary("a", 5_200_000)], [], "USD").cents).toBe(100_000);
  });

  it("prorates by calendar days an engagement that starts or ends inside the period", () => {
    expect(pay(engagement("a", { startDate: "2026-01-12" }), [salary("a", 7_800_000, "2026-01-12")]).cents).toBe(150_000); // 7 / 14
    expect(pay(engagement("a", { endDate: "2026-01-05" }), [salary("a", 7_800_000)]).cents).toBe(21_429); // 1 / 14 = 214.2857…
    expect(pay(engagement("a", { startDate: "2026-01-08", endDate: "2026-01-10" }), [salary("a", 7_800_000, "2026-01-08")]).cents).toBe(64_286); // 3 / 14
    // Not active on any day of the period: nothing, and no blocker (it may be paid one-off earnings only).
    expect(pay(engagement("a", { startDate: "2026-01-19" }), [salary("a", 7_800_000, "2026-01-19")])).toEqual({ cents: 0, blocker: null });
  });

  it("pays each day at the compensation in effect that day, and rounds the sum once, half up", () => {
    // 52,000 for 7 days, 78,000 for 7 days: 1,000.00 + 1,500.00.
    expect(pay(engagement("a"), [salary("a", 5_200_000), salary("a", 7_800_000, "2026-01-12")]).cents).toBe(250_000);
    // A change before the period does not matter, only the one in effect.
    expect(pay(engagement("a"), [salary("a", 1), salary("a", 7_800_000, "2025-06-01")]).cents).toBe(300_000);
    // One day of a 1.82 annual salary is 182 / (26 × 14) = exactly half a cent: rounded up; 1.81 rounds down.
    expect(pay(engagement("a", { startDate: "2026-01-18" }), [salary("a", 182, "2026-01-18")]).cents).toBe(1);
    expect(pay(engagement("a", { startDate: "2026-01-18" }), [salary("a", 181, "2026-01-18")]).cents).toBe(0);
    expect(roundHalfUp(5n, 10n)).toBe(1n);
    expect(roundHalfUp(4n, 10n)).toBe(0n);
    expect(roundHalfUp(15n, 10n)).toBe(2n);
  });

  it("pays hours at the rate of their date: REGULAR and PTO 1×, OVERTIME 1.5×, only on active days", () => {
    const e = engagement("h", { endDate: "2026-01-15" });
    const entries = [
      hours("h", "2026-01-05", 8),
      hours("h", "2026-01-05", 1.25, "OVERTIME"),
      hours("h", "2026-01-06", 7.5, "PTO"),
      hours("h", "2026-01-16", 8), // after the engagement ended
    ];
    // 8 × 25.50 + 1.25 × 38.25 + 7.5 × 25.50 = 204 + 47.8125 + 191.25 = 443.0625 → 443.06
    expect(pay(e, [hourly("h", 2550)], entries).cents).toBe(44_306);
    // A raise on the 6th: the PTO day is paid at the new rate.
    expect(pay(e, [hourly("h", 2550), hourly("h", 3000, "2026-01-06")], entries).cents).toBe(204_00 + 4781 + 225_00);
  });

  it("prorates a fixed fee per period by calendar days", () => {
    expect(pay(engagement("f", { classification: "US_1099_CONTRACTOR" }), [fee("f", 250_000)]).cents).toBe(250_000);
    expect(pay(engagement("f", { startDate: "2026-01-15" }), [fee("f", 250_000, "2026-01-15")]).cents).toBe(71_429); // 4 / 14
  });

  it("blocks an hourly engagement without hours, one without compensation, and a foreign currency", () => {
    expect(pay(engagement("h"), [hourly("h", 2000)]).blocker?.code).toBe("NO_HOURS");
    expect(pay(engagement("h"), [hourly("h", 2000)], [hours("h", "2026-01-07", 0)])).toEqual({ cents: 0, blocker: null }); // 0 recorded on purpose
    expect(pay(engagement("x"), []).blocker?.code).toBe("MISSING_COMPENSATION");
    expect(pay(engagement("x"), [salary("x", 100, "2026-02-01")]).blocker?.code).toBe("MISSING_COMPENSATION");
    expect(pay(engagement("x"), [{ ...salary("x", 100), currency: "CAD" }]).blocker?.code).toBe("CURRENCY_MISMATCH");
  });

  it("keeps only the compensation rows the period reads", () => {
    const rows = [salary("a", 1, "2024-01-01"), salary("a", 2, "2025-01-01"), salary("a", 3, "2026-01-10"), salary("a", 4, "2026-03-01")];
    expect(relevantCompensations(rows, engagement("a"), PERIOD).map((r) => r.amount)).toEqual([2, 3]);
    expect(relevantCompensations(rows, engagement("a", { startDate: "2026-01-10" }), PERIOD).map((r) => r.amount)).toEqual([3]);
  });
});

describe("the engine's input", () => {
  it("maps W-4 elections, one-off earnings and year-to-date wages for the US", () => {
    const input = paycheckInputOf(
      RUN,
      engagement("a"),
      "BIWEEKLY",
      300_000,
      [
        { id: "1", engagementId: "a", kind: "BONUS", amount: 50_000, currency: "USD" },
        { id: "2", engagementId: "a", kind: "BONUS", amount: 25_000, currency: "USD" },
        { id: "3", engagementId: "a", kind: "REIMBURSEMENT", amount: 1_234, currency: "USD" },
      ],
      worker("w-a", { w4FilingStatus: "MARRIED_FILING_JOINTLY", w4MultipleJobs: true, w4DependentsAmount: 400_000, w4ExtraWithholding: 2_500 }),
      {
        workerId: "w-a",
        employeeWages: 10_000_000,
        supplementalWages: 500_000,
        pensionableEarnings: 0,
        cppContributions: 0,
        cpp2Contributions: 0,
        insurableEarnings: 0,
        eiPremiums: 0,
        qpipInsurableEarnings: 0,
        qpipPremiums: 0,
      },
    );
    expect(input).toEqual({
      jurisdiction: "US-TX",
      classification: "US_W2_EMPLOYEE",
      payFrequency: "BIWEEKLY",
      payDate: "2026-01-23",
      gross: 300_000,
      supplemental: 75_000,
      reimbursement: 1_234,
      w4: { filingStatus: "MARRIED_FILING_JOINTLY", multipleJobs: true, dependentsAmount: 400_000, otherIncome: 0, deductions: 0, extraWithholding: 2_500 },
      yearToDate: { socialSecurityWages: 10_000_000, medicareWages: 10_000_000, futaWages: 10_000_000, supplementalWages: 500_000 },
    });
    expect(paycheckInputOf(RUN, engagement("a"), "BIWEEKLY", 1, [], worker("w-a", { w4FilingStatus: null }), undefined).w4).toBeUndefined();
  });

  it("maps TD1 claims, CPP/EI exemptions and contribution year-to-date for Canada", () => {
    const input = paycheckInputOf(
      { ...RUN, currency: "CAD" },
      engagement("c", { workJurisdiction: "CA-ON", classification: "CA_T4_EMPLOYEE" }),
      "BIWEEKLY",
      200_000,
      [],
      worker("w-c", { w4FilingStatus: null, td1FederalClaimAmount: 1_612_900, cppExempt: true, eiExempt: true }),
      {
        workerId: "w-c",
        employeeWages: 1,
        supplementalWages: 0,
        pensionableEarnings: 2,
        cppContributions: 3,
        cpp2Contributions: 4,
        insurableEarnings: 5,
        eiPremiums: 6,
        qpipInsurableEarnings: 7,
        qpipPremiums: 8,
      },
    );
    expect(input.td1).toEqual({ federalClaimAmount: 1_612_900 });
    expect(input.w4).toBeUndefined();
    expect(input.exemptions).toEqual(["CPP", "EI"]);
    expect(input.yearToDate).toEqual({
      cppPensionableEarnings: 2,
      cppContributions: 3,
      cpp2Contributions: 4,
      eiInsurableEarnings: 5,
      eiPremiums: 6,
      qpipInsurableEarnings: 7,
      qpipPremiums: 8,
    });
  });
});

describe("computeRunStatements", () => {
  const base = inputs({
    engagements: [engagement("b"), engagement("a"), engagement("c", { classification: "US_1099_CONTRACTOR" }), engagement("h")],
    compensations: [salary("a", 7_800_000), salary("b", 12_000_000), fee("c", 250_000), hourly("h", 2000)],
    workers: [worker("w-a"), worker("w-b"), worker("w-c", { w4FilingStatus: null }), worker("w-h")],
  });

  it("computes one statement per engagement in id order, with blockers for the rest", () => {
    const result = computeRunStatements(base);
    expect(result.statements.map((s) => [s.engagementId, s.gross])).toEqual([
      ["a", 300_000],
      ["b", 461_538],
      ["c", 250_000],
    ]);
    expect(result.blockers).toEqual([{ engagementId: "h", code: "NO_HOURS", message: expect.stringContaining("time entries") }]);
    for (const s of result.statements) {
      const sum = (kind: string) => s.lines.filter((l) => l.kind === kind).reduce((n, l) => n + l.amount, 0);
      expect(s.employeeTaxes).toBe(sum("EMPLOYEE_TAX"));
      expect(s.employerTaxes).toBe(sum("EMPLOYER_TAX"));
      expect(s.net).toBe(s.gross - s.employeeTaxes - s.deductions + sum("REIMBURSEMENT"));
    }
    expect(result.statements[2]).toMatchObject({ employeeTaxes: 0, employerTaxes: 0, net: 250_000 }); // contractor
  });

  it("carries a worker's year-to-date from one engagement to the next: two engagements share the Social Security wage base", () => {
    // One worker, two engagements in the run, $1,000.00 left under the $184,500 base (SSA 2026) before the run.
    const ytd = {
      workerId: "w-x",
      employeeWages: 18_350_000,
      supplementalWages: 0,
      pensionableEarnings: 0,
      cppContributions: 0,
      cpp2Contributions: 0,
      insurableEarnings: 0,
      eiPremiums: 0,
      qpipInsurableEarnings: 0,
      qpipPremiums: 0,
    };
    const twoJobs = inputs({
      engagements: [engagement("x2", { workerId: "w-x" }), engagement("x1", { workerId: "w-x" })],
      compensations: [salary("x1", 7_800_000), salary("x2", 7_800_000)], // $3,000.00 a biweekly period each
      workers: [worker("w-x")],
      yearToDate: [ytd],
    });
    const result = computeRunStatements(twoJobs);
    const line = (engagementId: string, code: string) => result.statements.find((s) => s.engagementId === engagementId)!.lines.find((l) => l.code === code);
    // x1 first (id order): the $1,000.00 left; x2 then sees x1's $3,000.00 and the base reached.
    expect(line("x1", "US_SS_EE")).toMatchObject({ amount: 6_200, taxableWages: 100_000 });
    expect(line("x2", "US_SS_EE")).toBeUndefined(); // nothing taxed: no line (the engine drops zero tax lines)
    expect(line("x1", "US_SS_ER")).toMatchObject({ amount: 6_200, taxableWages: 100_000 });
    // FUTA's $7,000 was reached long ago; Medicare has no base: each engagement's own wages.
    expect(line("x2", "US_FUTA_ER")).toBeUndefined();
    expect(line("x2", "US_MEDICARE_EE")).toMatchObject({ amount: 4_350, taxableWages: 300_000 });
    // The inputs are not changed (the digest reads them).
    expect(twoJobs.yearToDate).toEqual([ytd]);
  });

  it("carries FUTA wages across engagements from nothing: the second engagement gets what the first left of $7,000", () => {
    const twoJobs = inputs({
      engagements: [engagement("y1", { workerId: "w-y" }), engagement("y2", { workerId: "w-y" })],
      compensations: [salary("y1", 13_000_000), salary("y2", 13_000_000)], // $5,000.00 a period each
      workers: [worker("w-y")],
    });
    const futa = computeRunStatements(twoJobs).statements.map((s) => s.lines.find((l) => l.code === "US_FUTA_ER"));
    expect(futa).toMatchObject([
      { amount: 3_000, taxableWages: 500_000 },
      { amount: 1_200, taxableWages: 200_000 },
    ]);
  });

  it("pays a contractor's fees on one CONTRACTOR_FEE line, with its hours and rate when hourly", () => {
    const result = computeRunStatements(
      inputs({
        engagements: [engagement("k", { classification: "US_1099_CONTRACTOR" }), engagement("f", { classification: "US_1099_CONTRACTOR" })],
        compensations: [hourly("k", 5000), fee("f", 250_000)],
        timeEntries: [hours("k", "2026-01-05", 8), hours("k", "2026-01-06", 12)],
        workers: [worker("w-k", { w4FilingStatus: null }), worker("w-f", { w4FilingStatus: null })],
      }),
    );
    expect(result.blockers).toEqual([]);
    expect(result.statements.map((s) => s.lines)).toEqual([
      [{ code: "CONTRACTOR_FEE", kind: "EARNING", description: expect.stringContaining("1099-NEC"), amount: 250_000 }],
      [{ code: "CONTRACTOR_FEE", kind: "EARNING", description: expect.stringContaining("1099-NEC"), amount: 100_000, hundredthsOfHours: 2000, rate: 5000 }],
    ]);
  });

  it("blocks an employee engagement without a pay schedule (NO_PAY_SCHEDULE) instead of leaving it out", () => {
    const result = computeRunStatements(
      inputs({
        engagements: [engagement("a"), engagement("n", { scheduleFrequency: null, noPaySchedule: true })],
        compensations: [salary("a", 7_800_000), salary("n", 7_800_000)],
        workers: [worker("w-a"), worker("w-n")],
      }),
    );
    expect(result.statements.map((s) => s.engagementId)).toEqual(["a"]);
    expect(result.blockers).toEqual([{ engagementId: "n", code: "NO_PAY_SCHEDULE", message: expect.stringContaining("no pay schedule") }]);
  });

  it("is deterministic: the same inputs in any order give the same result", () => {
    const shuffled = { ...base, engagements: [...base.engagements].reverse(), compensations: [...base.compensations].reverse() };
    expect(computeRunStatements(shuffled)).toEqual(computeRunStatements(base));
    expect(JSON.stringify(computeRunStatements(base))).toBe(JSON.stringify(computeRunStatements(structuredClone(base))));
  });

  it("keeps the statement of an engine blocker, and leaves out a negative net pay", () => {
    const result = computeRunStatements(
      inputs({
        engagements: [engagement("ny", { workJurisdiction: "US-WV" }), engagement("nw"), engagement("x")],
        compensations: [salary("ny", 7_800_000), salary("nw", 7_800_000), salary("x", 260_000)],
        workers: [worker("w-ny"), worker("w-nw", { w4FilingStatus: null }), worker("w-x", { w4ExtraWithholding: 50_000 })],
      }),
    );
    expect(result.statements.map((s) => s.engagementId)).toEqual(["nw", "ny"]);
    expect(result.blockers.map((b) => [b.engagementId, b.code])).toEqual([
      ["nw", "MISSING_W4"],
      ["ny", "UNSUPPORTED_TAX_JURISDICTION"],
      ["x", "NEGATIVE_NET_PAY"],
    ]);
  });

  it("computes in parts exactly what it computes at once, each part in engagement id order", () => {
    const parts = [...computeRunStatementsInParts(base, 1)];
    expect(parts.map((p) => [...p.statements.map((s) => s.engagementId), ...p.blockers.map((b) => b.engagementId)])).toEqual([["a"], ["b"], ["c"], ["h"]]);
    expect({ statements: parts.flatMap((p) => p.statements), blockers: parts.flatMap((p) => p.blockers) }).toEqual(computeRunStatements(base));
  });

  it("pays only one-off earnings on an off-cycle run, and needs a pay frequency without a period", () => {
    const offCycle = inputs({
      run: { ...RUN, kind: "OFF_CYCLE", period: null, frequency: null },
      engagements: [engagement("a"), engagement("z", { scheduleFrequency: null })],
      compensations: [salary("a", 7_800_000)],
      oneOffEarnings: [
        { id: "1", engagementId: "a", kind: "BONUS", amount: 100_000, currency: "USD" },
        { id: "2", engagementId: "z", kind: "BONUS", amount: 100_000, currency: "USD" },
      ],
      workers: [worker("w-a"), worker("w-z")],
    });
    const result = computeRunStatements(offCycle);
    expect(result.statements.map((s) => [s.engagementId, s.gross])).toEqual([["a", 100_000]]);
    expect(result.statements[0].lines.find((l) => l.code === "US_FIT")?.amount).toBe(22_000); // 22 % flat
    expect(result.blockers.map((b) => [b.engagementId, b.code])).toEqual([["z", "NO_PAY_FREQUENCY"]]);
  });
});

describe("the run state machine", () => {
  it("has final states without exits and reaches every state from DRAFT", () => {
    const statuses = Object.keys(PAYROLL_RUN_TRANSITIONS) as PayrollRunStatus[];
    expect(statuses).toHaveLength(11);
    for (const s of ["CANCELLED", "FAILED", "PARTIALLY_PAID", "REVERSED"] as const) expect(PAYROLL_RUN_TRANSITIONS[s]).toEqual([]);
    const reached = new Set<PayrollRunStatus>(["DRAFT"]);
    for (let grew = true; grew;) {
      grew = false;
      for (const from of [...reached])
        for (const to of PAYROLL_RUN_TRANSITIONS[from])
          if (!reached.has(to)) {
            reached.add(to);
            grew = true;
          }
    }
    expect([...reached].sort()).toEqual([...statuses].sort());
    expect(canTransition("CALCULATED", "APPROVED")).toBe(true);
    expect(canTransition("APPROVED", "CANCELLED")).toBe(false);
    expect(canTransition("CALCULATING", "CALCULATING")).toBe(false);
  });
});

describe("the pure side of the run calculation", () => {
  it("imports no database, repository, clock or I/O module: only the shared calendar, the list limits, the engine and the pure overtime classification", () => {
    const source = readFileSync(new URL("../../src/modules/payroll/payroll-statements.compute.ts", import.meta.url), "utf8");
    const imports = [...source.matchAll(/^import[^;]*from "([^"]+)";/gm)].map((m) => m[1]);
    expect(imports.sort()).toEqual([
      "../../shared/benefit-kind",
      "../../shared/calendar",
      "../../shared/classification",
      "../../shared/list-limits",
      "../offboarding/final-pay-calculation",
      "./benefit-deductions.compute",
      "./engine",
      "./engine",
      "./engine/benefits/treatment",
      "./overtime.compute",
    ]);
    // The benefit deductions it adds are pure as well: they import the engine's types only.
    const benefits = readFileSync(new URL("../../src/modules/payroll/benefit-deductions.compute.ts", import.meta.url), "utf8");
    expect([...benefits.matchAll(/^import[^;]*from "([^"]+)";/gm)].map((m) => m[1])).toEqual(["./engine"]);
    // The final pay's part of the calculation is pure too.
    const finalPay = readFileSync(new URL("../../src/modules/offboarding/final-pay-calculation.ts", import.meta.url), "utf8");
    expect([...finalPay.matchAll(/^import[^;]*from "([^"]+)";/gm)].map((m) => m[1]).sort()).toEqual(["../../shared/calendar", "../payroll/engine"]);
  });
});
