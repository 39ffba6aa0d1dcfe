import { describe, expect, it } from "vitest";
import { FINAL_PAY_RULES, applyDeadlineRule, finalPayDeadline, finalPayRuleOf, noticeHours, type FinalPayFacts } from "../../src/modules/offboarding/final-pay-rules";
import { PTO_PAYOUT_RULES, ptoPayoutCents, ptoPayoutDecision } from "../../src/modules/offboarding/pto-payout-rules";
import { ROE_REASON_CODES, buildRoe, roeDueDate, salariedInsurableHundredths } from "../../src/modules/offboarding/roe";
import { finalPayDates, withPayoutLine, type CalcFinalPay } from "../../src/modules/offboarding/final-pay-calculation";
import { parsePtoHours } from "../../src/modules/offboarding/offboarding.service";
import { computeRunStatements, type CalcRun, type CalculationInputs } from "../../src/modules/payroll/payroll-statements.compute";
import { CA_SUBDIVISIONS, US_SUBDIVISIONS } from "../../src/shared/jurisdiction";

/**
 * Offboarding's rules as pure functions: the final-pay deadline per jurisdiction (each case with its statute), the
 * vacation/PTO payout (when and how much, exact cents), the Record of Employment fields and due date, and the
 * final pay inside a run's calculation (no day paid twice). 2026-03-10 is a Tuesday.
 */
const END = "2026-03-10";
const facts = (over: Partial<FinalPayFacts>): FinalPayFacts => ({
  jurisdiction: "US-CA",
  reason: "INVOLUNTARY",
  endDate: END,
  noticeGivenOn: null,
  nextRegularPayDate: "2026-03-20",
  payPeriodDays: 14,
  ...over,
});

describe("final-pay deadline", () => {
  it("California: a discharge is paid at the time of termination (Lab. Code §201)", () => {
    const d = finalPayDeadline(facts({}));
    expect(d).toMatchObject({ deadline: END, case: "INVOLUNTARY", statuteFound: true });
    expect(d.citation).toContain("§201");
  });

  it("California: a quit with at least 72 hours' notice is paid on the last day, without it within 72 hours (Lab. Code §202)", () => {
    const withNotice = finalPayDeadline(facts({ reason: "VOLUNTARY", noticeGivenOn: "2026-03-07" }));
    expect(withNotice).toMatchObject({ deadline: END, case: "VOLUNTARY_WITH_NOTICE" });
    expect(withNotice.citation).toContain("§202");
    const shortNotice = finalPayDeadline(facts({ reason: "VOLUNTARY", noticeGivenOn: "2026-03-08" }));
    expect(shortNotice).toMatchObject({ deadline: "2026-03-13", case: "VOLUNTARY_WITHOUT_NOTICE" });
    const none = finalPayDeadline(facts({ reason: "VOLUNTARY" }));
    expect(none).toMatchObject({ deadline: "2026-03-13", case: "VOLUNTARY_WITHOUT_NOTICE" });
    expect(noticeHours("2026-03-07", END)).toBe(72);
    expect(noticeHours("2026-03-08", END)).toBe(48);
  });

  it("California: the end of a fixed term is a discharge (Smith v. Superior Court)", () => {
    const d = finalPayDeadline(facts({ reason: "END_OF_CONTRACT" }));
    expect(d).toMatchObject({ deadline: END, case: "END_OF_CONTRACT" });
    expect(d.citation).toContain("Smith v. Superior Court");
  });

  it("New York: the regular payday of the period of termination, quit or discharge (Lab. Law §191(3))", () => {
    for (const reason of ["VOLUNTARY", "INVOLUNTARY"] as const) {
      const d = finalPayDeadline(facts({ jurisdiction: "US-NY", reason }));
      expect(d.deadline).toBe("2026-03-20");
      expect(d.citation).toContain("§191(3)");
    }
  });

  it("Massachusetts: discharge the same day, quit the next regular payday (M.G.L. c.149 §148)", () => {
    expect(finalPayDeadline(facts({ jurisdiction: "US-MA" })).deadline).toBe(END);
    const quit = finalPayDeadline(facts({ jurisdiction: "US-MA", reason: "VOLUNTARY" }));
    expect(quit.deadline).toBe("2026-03-20");
    expect(quit.citation).toContain("c.149 §148");
  });

  it("Illinois: the next regularly scheduled payday (820 ILCS 115/5); Texas: 6 days after a discharge (Lab. Code §61.014)", () => {
    expect(finalPayDeadline(facts({ jurisdiction: "US-IL" })).citation).toContain("820 ILCS 115/5");
    expect(finalPayDeadline(facts({ jurisdiction: "US-IL" })).deadline).toBe("2026-03-20");
    const tx = finalPayDeadline(facts({ jurisdiction: "US-TX" }));
    expect(tx.deadline).toBe("2026-03-16");
    expect(tx.citation).toContain("§61.014");
    expect(finalPayDeadline(facts({ jurisdiction: "US-TX", reason: "VOLUNTARY" })).deadline).toBe("2026-03-20");
  });

  it("Connecticut: next business day skips the weekend (C.G.S. §31-71c); Kentucky: the later of payday or 14 days (KRS 337.055)", () => {
    expect(finalPayDeadline(facts({ jurisdiction: "US-CT", endDate: "2026-03-13" })).deadline).toBe("2026-03-16");
    expect(finalPayDeadline(facts({ jurisdiction: "US-KY" })).deadline).toBe("2026-03-24");
  });

  it("Ontario: the later of 7 days after the end or the next pay day (ESA 2000 s. 11(5))", () => {
    const early = finalPayDeadline(facts({ jurisdiction: "CA-ON", nextRegularPayDate: "2026-03-13" }));
    expect(early.deadline).toBe("2026-03-17");
    expect(early.citation).toContain("s. 11(5)");
    expect(finalPayDeadline(facts({ jurisdiction: "CA-ON", nextRegularPayDate: "2026-03-20" })).deadline).toBe("2026-03-20");
  });

  it("British Columbia: 48 hours when the employer terminates, 6 days when the employee quits (ESA s. 18)", () => {
    const fired = finalPayDeadline(facts({ jurisdiction: "CA-BC" }));
    expect(fired.deadline).toBe("2026-03-12");
    expect(fired.citation).toContain("s. 18");
    expect(finalPayDeadline(facts({ jurisdiction: "CA-BC", reason: "VOLUNTARY" })).deadline).toBe("2026-03-16");
  });

  it("Alberta: 3 days after an employer termination or a quit with notice, 10 days without notice (ESC ss. 9-10)", () => {
    const fired = finalPayDeadline(facts({ jurisdiction: "CA-AB" }));
    expect(fired.deadline).toBe("2026-03-13");
    expect(fired.citation).toContain("s. 9");
    expect(finalPayDeadline(facts({ jurisdiction: "CA-AB", reason: "VOLUNTARY", noticeGivenOn: "2026-03-03" })).deadline).toBe("2026-03-13");
    expect(finalPayDeadline(facts({ jurisdiction: "CA-AB", reason: "VOLUNTARY" })).deadline).toBe("2026-03-20");
  });

  it("default: no statute (Alabama) or none recorded (Newfoundland) → next regular payday, flagged", () => {
    const al = finalPayDeadline(facts({ jurisdiction: "US-AL" }));
    expect(al).toMatchObject({ deadline: "2026-03-20", statuteFound: false });
    expect(al.citation).toContain("No state final-pay statute");
    const nl = finalPayDeadline(facts({ jurisdiction: "CA-NL" }));
    expect(nl).toMatchObject({ deadline: "2026-03-20", statuteFound: false });
    expect(nl.citation).toContain("No specific final-pay statute is recorded for CA-NL");
  });

  it("without a regular payday the next-payday rule falls back to the end date", () => {
    expect(applyDeadlineRule({ kind: "NEXT_REGULAR_PAYDAY" }, END, null)).toBe(END);
  });

  it("every jurisdiction has a rule with a citation; at most one entry each", () => {
    const all = [...US_SUBDIVISIONS.map((s) => `US-${s}`), ...CA_SUBDIVISIONS.map((s) => `CA-${s}`)];
    for (const j of all) expect(finalPayRuleOf(j).citation.length, j).toBeGreaterThan(20);
    const seen = FINAL_PAY_RULES.map((r) => r.jurisdiction);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((j) => j.startsWith("US-")).length).toBeGreaterThanOrEqual(48);
  });
});

describe("vacation / PTO payout", () => {
  const base = { startDate: "2025-01-05", endDate: END, optIn: false };

  it("paid where the state requires it (Cal. Lab. Code §227.3), not in Texas unless the client opts in", () => {
    const ca = ptoPayoutDecision({ ...base, jurisdiction: "US-CA" });
    expect(ca.pay).toBe(true);
    expect(ca.citation).toContain("§227.3");
    expect(ptoPayoutDecision({ ...base, jurisdiction: "US-TX" })).toMatchObject({ pay: false, citation: null });
    expect(ptoPayoutDecision({ ...base, jurisdiction: "US-TX", optIn: true }).pay).toBe(true);
    for (const rule of PTO_PAYOUT_RULES) expect(rule.citation.length, rule.jurisdiction).toBeGreaterThan(10);
  });

  it("Rhode Island: only after a full year of service (R.I. Gen. Laws §28-14-4(b))", () => {
    expect(ptoPayoutDecision({ ...base, jurisdiction: "US-RI", startDate: "2025-09-01" }).pay).toBe(false);
    const year = ptoPayoutDecision({ ...base, jurisdiction: "US-RI", startDate: "2025-03-10" });
    expect(year.pay).toBe(true);
    expect(year.citation).toContain("§28-14-4(b)");
  });

  it("Canada: vacation pay owed is always paid (Ontario ESA s. 38)", () => {
    const on = ptoPayoutDecision({ ...base, jurisdiction: "CA-ON" });
    expect(on.pay).toBe(true);
    expect(on.citation).toContain("s. 38");
  });

  it("amounts are exact: salary ÷ 2080 × hours, hourly rate × hours, rounded once half up", () => {
    expect(ptoPayoutCents("SALARY", 104_000_00, 4000)).toBe(2_000_00);
    expect(ptoPayoutCents("SALARY", 78_000_00, 750)).toBe(281_25);
    expect(ptoPayoutCents("HOURLY", 25_50, 1225)).toBe(312_38); // 312.375 → 312.38
    expect(ptoPayoutCents("HOURLY", 30_00, 0)).toBe(0);
    expect(() => ptoPayoutCents("FIXED_FEE", 1000, 100)).toThrow();
    expect(parsePtoHours("12.25")).toBe(1225);
    expect(parsePtoHours("7.5")).toBe(750);
    expect(parsePtoHours("-1")).toBeNull();
    expect(parsePtoHours("1.234")).toBeNull();
    expect(parsePtoHours("10000.01")).toBeNull();
  });
});

describe("Record of Employment", () => {
  it("reason codes: E quit, M dismissal, A end of contract (Service Canada ROE codes)", () => {
    expect(ROE_REASON_CODES.VOLUNTARY.code).toBe("E");
    expect(ROE_REASON_CODES.INVOLUNTARY.code).toBe("M");
    expect(ROE_REASON_CODES.END_OF_CONTRACT.code).toBe("A");
  });

  it("due 5 calendar days after the end of the final pay period (EI Regulations s. 19(3))", () => {
    expect(roeDueDate("2026-03-15")).toBe("2026-03-20");
    expect(roeDueDate("2026-12-31")).toBe("2027-01-05");
  });

  it("insurable earnings and hours by pay period, latest first; a period paid by two runs counts its hours once", () => {
    expect(salariedInsurableHundredths("2026-03-02", "2026-03-10")).toBe(56_00);
    const roe = buildRoe({
      reason: "INVOLUNTARY",
      startDate: "2025-06-02",
      endDate: END,
      finalPayPeriodEnd: "2026-03-15",
      periods: [
        { periodStart: "2026-02-16", periodEnd: "2026-03-01", insurableEarnings: 3000_00, hundredthsOfHours: null },
        { periodStart: "2026-03-02", periodEnd: "2026-03-15", insurableEarnings: 1000_00, hundredthsOfHours: null },
        { periodStart: "2026-03-02", periodEnd: "2026-03-15", insurableEarnings: 500_00, hundredthsOfHours: null },
        { periodStart: "2024-01-01", periodEnd: "2024-01-14", insurableEarnings: 999_00, hundredthsOfHours: null },
      ],
      vacationPay: 281_25,
    });
    expect(roe).toEqual({
      reasonCode: "M",
      reasonText: "Dismissal or suspension",
      firstDayWorked: "2025-06-02",
      lastDayForWhichPaid: END,
      finalPayPeriodEnd: "2026-03-15",
      dueOn: "2026-03-20",
      periods: [
        { periodEnd: "2026-03-15", insurableEarnings: 1500_00, insurableHundredths: 56_00 },
        { periodEnd: "2026-03-01", insurableEarnings: 3000_00, insurableHundredths: 80_00 },
      ],
      totalInsurableEarnings: 4500_00,
      totalInsurableHundredths: 136_00,
      vacationPay: 281_25,
    });
  });
});

describe("final pay in the run calculation", () => {
  const PERIOD = { startDate: "2026-01-05", endDate: "2026-01-18" };
  const REGULAR: CalcRun = { id: "r", clientId: "c", employerEntityId: "us", kind: "REGULAR", currency: "USD", payDate: "2026-01-23", period: PERIOD, frequency: "BIWEEKLY" };
  const OFF: CalcRun = { ...REGULAR, id: "o", kind: "OFF_CYCLE", payDate: "2026-01-14", period: null, frequency: null };
  const inputs = (run: CalcRun, finalPays: CalcFinalPay[] | undefined): CalculationInputs => ({
    rulesVersion: 1,
    run,
    onboarding: [{ engagementId: "e1", paymentMethodKind: "BANK_ACCOUNT", missingItems: [] }],
    engagements: [
      { id: "e1", workerId: "w1", workJurisdiction: "US-TX", classification: "US_W2_EMPLOYEE", startDate: "2025-01-05", endDate: "2026-01-14", scheduleFrequency: "BIWEEKLY" },
    ],
    compensations: [{ engagementId: "e1", basis: "SALARY", amount: 78_000_00, currency: "USD", effectiveFrom: "2025-01-05" }],
    timeEntries: [],
    oneOffEarnings: [],
    workers: [
      {
        id: "w1",
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
      },
    ],
    yearToDate: [],
    ...(finalPays ? { finalPays } : {}),
  });
  const finalPay = (mode: CalcFinalPay["mode"], paysFrom = "2026-01-12"): CalcFinalPay => ({
    engagementId: "e1",
    mode,
    paysFrom,
    paysThrough: "2026-01-14",
    period: PERIOD,
    ptoPayout: 281_25,
  });
  const line = (s: { lines: { code: string; amount: number }[] }, code: string) => s.lines.find((l) => l.code === code)?.amount;

  it("the final-pay run pays the unpaid days (prorated like the regular run) plus the payout on its own line", () => {
    const [statement] = computeRunStatements(inputs(OFF, [finalPay("PAY_FINAL")])).statements;
    // 3 of 14 days of a biweekly 78,000 salary: 7,800,000 × 3 / (26 × 14) = 64,285.71 → 64,286 cents.
    expect(line(statement, "EARNING_REGULAR")).toBe(642_86);
    expect(line(statement, "EARNING_PTO_PAYOUT")).toBe(281_25);
    expect(statement.gross).toBe(642_86 + 281_25);
  });

  it("the regular run of that period skips those days; together they pay each day once", () => {
    const [regular] = computeRunStatements(inputs(REGULAR, [finalPay("SKIP_DAYS")])).statements;
    expect(line(regular, "EARNING_REGULAR")).toBe(1500_00); // 7 days: 7,800,000 × 7 / 364
    expect(line(regular, "EARNING_PTO_PAYOUT")).toBeUndefined();
    const [alone] = computeRunStatements(inputs(REGULAR, undefined)).statements;
    expect(line(alone, "EARNING_REGULAR")).toBe(2142_86); // 10 days: 214,285.71 → 214,286
    expect(1500_00 + 642_86).toBe(2142_86);
  });

  it("a regular run whose days were all paid by the final-pay run has no statement for the engagement", () => {
    const result = computeRunStatements(inputs(REGULAR, [finalPay("SKIP_DAYS", "2026-01-05")]));
    expect(result.statements).toEqual([]);
    expect(result.blockers).toEqual([]);
  });

  it("without a live final-pay run the regular run pays the payout with the last days", () => {
    const [statement] = computeRunStatements(inputs(REGULAR, [finalPay("PAYOUT_WITH_REGULAR")])).statements;
    expect(line(statement, "EARNING_REGULAR")).toBe(2142_86);
    expect(line(statement, "EARNING_PTO_PAYOUT")).toBe(281_25);
  });

  it("an OFF_CYCLE run without a final pay pays no regular wages (unchanged)", () => {
    expect(finalPayDates({ startDate: "2025-01-05", endDate: null }, undefined, "OFF_CYCLE")).toBeNull();
    expect(withPayoutLine([{ code: "EARNING_REGULAR", kind: "EARNING", description: "", amount: 100 }], 0)).toHaveLength(1);
  });
});
