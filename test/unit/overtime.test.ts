import { describe, expect, it } from "vitest";
import { classifyEngagementHours, classifyWorkweek, workweekStart } from "../../src/modules/payroll/overtime.compute";
import { overtimeRuleOf } from "../../src/modules/labor-law/overtime.rules";
import { inputsDigest } from "../../src/modules/payroll/payroll-inputs-digest";
import { computeRunStatements, type CalcEngagement, type CalculationInputs, type CalcTimeEntry } from "../../src/modules/payroll/payroll-statements.compute";

/**
 * Overtime classification (src/modules/payroll/overtime.compute.ts) rule by rule, each with its source
 * (src/modules/labor-law/README.md), and its earning lines in a run: hours, rate and amount in exact cents.
 * 2026-01-05 is a Monday: the workweek is Monday to Sunday.
 */
const h = (hours: number) => Math.round(hours * 100);
function week(jurisdiction: string, hoursByDay: number[], monday = "2026-01-05") {
  const rule = overtimeRuleOf(jurisdiction)!;
  const days = hoursByDay.map((hours, i) => ({ date: addDays(monday, i), hundredths: h(hours) }));
  const result = classifyWorkweek(rule, days);
  const total = { straight: 0, overtime: 0, doubleTime: 0 };
  for (const c of result.values()) {
    total.straight += c.straight;
    total.overtime += c.overtime;
    total.doubleTime += c.doubleTime;
  }
  return { days: days.map((d) => result.get(d.date)!), total };
}
function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

describe("workweek", () => {
  it("is Monday to Sunday", () => {
    expect(workweekStart("2026-01-05")).toBe("2026-01-05");
    expect(workweekStart("2026-01-11")).toBe("2026-01-05"); // Sunday
    expect(workweekStart("2026-01-16")).toBe("2026-01-12");
  });
});

describe("classification by rule", () => {
  it("FLSA §7(a)(1): the hours over 40 in the workweek, the latest ones, at 1.5× (Texas: 5 × 9 h = 40 + 5)", () => {
    const { days, total } = week("US-TX", [9, 9, 9, 9, 9]);
    expect(total).toEqual({ straight: h(40), overtime: h(5), doubleTime: 0 });
    expect(days[4]).toEqual({ straight: h(4), overtime: h(5), doubleTime: 0 });
  });

  it("Cal. Lab. Code §510: over 8 h a day at 1.5×, over 12 h at 2×; weekly over 40 counts straight hours only", () => {
    // A 10-hour Monday and a 45-hour week: 2 h daily + 3 h weekly overtime.
    expect(week("US-CA", [10, 8, 8, 8, 8, 3]).total).toEqual({ straight: h(40), overtime: h(5), doubleTime: 0 });
    // A 13-hour day: 8 straight, 4 at 1.5×, 1 at 2×.
    expect(week("US-CA", [13]).days[0]).toEqual({ straight: h(8), overtime: h(4), doubleTime: h(1) });
    // The same week in Texas has no daily overtime.
    expect(week("US-TX", [10, 8, 8, 8, 8, 3]).total).toEqual({ straight: h(40), overtime: h(5), doubleTime: 0 });
    expect(week("US-TX", [13]).total).toEqual({ straight: h(13), overtime: 0, doubleTime: 0 });
  });

  it("Cal. Lab. Code §510: the seventh consecutive day, first 8 h at 1.5× and the rest at 2×", () => {
    const { days, total } = week("US-CA", [8, 8, 8, 8, 8, 8, 10]);
    expect(days[5]).toEqual({ straight: 0, overtime: h(8), doubleTime: 0 }); // Saturday: weekly overtime
    expect(days[6]).toEqual({ straight: 0, overtime: h(8), doubleTime: h(2) }); // Sunday: seventh day
    expect(total).toEqual({ straight: h(40), overtime: h(16), doubleTime: h(2) });
    // Wednesday off: not seven consecutive days, Sunday is an ordinary day (weekly overtime past 40 h only).
    expect(week("US-CA", [8, 8, 0, 8, 8, 8, 4]).days[6]).toEqual({ straight: h(0), overtime: h(4), doubleTime: 0 });
    expect(week("US-CA", [8, 8, 0, 8, 8, 4, 4]).days[6]).toEqual({ straight: h(4), overtime: 0, doubleTime: 0 });
  });

  it("Ontario ESA s.22: over 44 h a week (5 × 9.5 h = 44 + 3.5); no daily overtime", () => {
    expect(week("CA-ON", [9.5, 9.5, 9.5, 9.5, 9.5]).total).toEqual({ straight: h(44), overtime: h(3.5), doubleTime: 0 });
    expect(week("CA-ON", [12]).total).toEqual({ straight: h(12), overtime: 0, doubleTime: 0 });
  });

  it("B.C. ESA s.40: over 8 h a day at 1.5×, over 12 h at 2×, and over 40 h a week of the hours not already overtime", () => {
    const { total } = week("CA-BC", [13, 9, 9, 9, 9, 5]);
    expect(total).toEqual({ straight: h(40), overtime: h(4 + 4 + 5), doubleTime: h(1) });
  });

  it("Alberta Code s.21: the greater of daily (over 8) and weekly (over 44) overtime", () => {
    expect(week("CA-AB", [10, 10, 10, 10, 10]).total).toEqual({ straight: h(40), overtime: h(10), doubleTime: 0 }); // daily 10 > weekly 6
    expect(week("CA-AB", [8, 8, 8, 8, 8, 8]).total).toEqual({ straight: h(44), overtime: h(4), doubleTime: 0 }); // weekly 4 > daily 0
  });

  it("exempt employees and contractors: every REGULAR hour is straight time", () => {
    const entries = [{ workDate: "2026-01-05", type: "REGULAR", hundredthsOfHours: h(14) }];
    expect(classifyEngagementHours({ workJurisdiction: "US-CA", classification: "US_W2_EMPLOYEE", exempt: true }, entries).get("2026-01-05")).toEqual({
      straight: h(14),
      overtime: 0,
      doubleTime: 0,
    });
    expect(classifyEngagementHours({ workJurisdiction: "US-CA", classification: "US_1099_CONTRACTOR" }, entries).get("2026-01-05")!.straight).toBe(h(14));
    expect(classifyEngagementHours({ workJurisdiction: "US-CA", classification: "US_W2_EMPLOYEE" }, entries).get("2026-01-05")).toEqual({
      straight: h(8),
      overtime: h(4),
      doubleTime: h(2),
    });
  });
});

function inputs(
  e: CalcEngagement,
  rate: number,
  entries: [string, number, CalcTimeEntry["type"]?][],
  period: { startDate: string; endDate: string },
  frequency: "BIWEEKLY" | "SEMIMONTHLY",
): CalculationInputs {
  return {
    rulesVersion: 2,
    run: { id: "run", clientId: "c", employerEntityId: "us", kind: "REGULAR", currency: "USD", payDate: "2026-02-06", period, frequency },
    engagements: [e],
    compensations: [{ engagementId: e.id, basis: "HOURLY", amount: rate, currency: "USD", effectiveFrom: "2025-01-01" }],
    onboarding: [{ engagementId: e.id, paymentMethodKind: "BANK_ACCOUNT", missingItems: [] }],
    timeEntries: entries.map(([workDate, hours, type]) => ({ engagementId: e.id, workDate, type: type ?? "REGULAR", hundredthsOfHours: h(hours) })),
    oneOffEarnings: [],
    workers: [],
    yearToDate: [],
  };
}
const employee = (jurisdiction: string, over: Partial<CalcEngagement> = {}): CalcEngagement => ({
  id: "e1",
  workerId: "w1",
  workJurisdiction: jurisdiction,
  classification: "US_W2_EMPLOYEE",
  startDate: "2025-01-01",
  endDate: null,
  scheduleFrequency: "BIWEEKLY",
  ...over,
});
function earningLines(result: ReturnType<typeof computeRunStatements>) {
  expect(result.statements).toHaveLength(1);
  return result.statements[0].lines.filter((l) => l.kind === "EARNING").map((l) => ({ code: l.code, amount: l.amount, hours: l.hundredthsOfHours, rate: l.rate }));
}

describe("earning lines of a run", () => {
  const BIWEEKLY = { startDate: "2026-01-05", endDate: "2026-01-18" };

  it("California hourly at $30: a 10-hour day and a 45-hour week, then a 13-hour day: regular, overtime and double-time lines", () => {
    const result = computeRunStatements(
      inputs(
        employee("US-CA"),
        3000,
        [
          ["2026-01-05", 10],
          ["2026-01-06", 8],
          ["2026-01-07", 8],
          ["2026-01-08", 8],
          ["2026-01-09", 8],
          ["2026-01-10", 3],
          ["2026-01-12", 13],
          ["2026-01-13", 8],
        ],
        BIWEEKLY,
        "BIWEEKLY",
      ),
    );
    expect(earningLines(result)).toEqual([
      { code: "EARNING_REGULAR", amount: 56 * 3000, hours: h(56), rate: 3000 },
      { code: "EARNING_OVERTIME", amount: 9 * 4500, hours: h(9), rate: 4500 },
      { code: "EARNING_DOUBLE_TIME", amount: 6000, hours: h(1), rate: 6000 },
    ]);
    expect(result.statements[0].gross).toBe(168_000 + 40_500 + 6_000);
  });

  it("PTO is paid at 1× on EARNING_PTO and not counted towards 40 h; OVERTIME entries are paid at 1.5× on EARNING_OVERTIME", () => {
    const result = computeRunStatements(
      inputs(
        employee("US-TX"),
        2001,
        [
          ["2026-01-05", 10],
          ["2026-01-06", 10],
          ["2026-01-07", 10],
          ["2026-01-08", 10],
          ["2026-01-09", 8, "PTO"],
          ["2026-01-09", 1.5, "OVERTIME"],
        ],
        BIWEEKLY,
        "BIWEEKLY",
      ),
    );
    // 40 REGULAR h straight; 1.5 h OVERTIME entry × $30.015 = $45.0225 → $45.02; 8 h PTO × $20.01 = $160.08.
    expect(earningLines(result)).toEqual([
      { code: "EARNING_REGULAR", amount: 40 * 2001, hours: h(40), rate: 2001 },
      { code: "EARNING_OVERTIME", amount: 4502, hours: h(1.5), rate: 3002 },
      { code: "EARNING_PTO", amount: 16_008, hours: h(8), rate: 2001 },
    ]);
    // The gross is the exact sum rounded once: 80,040 + 4,502.25 + 16,008 = 100,550.25 → 100,550.
    expect(result.statements[0].gross).toBe(100_550);
  });

  it("an exempt employee's long week is all straight time", () => {
    const result = computeRunStatements(
      inputs(
        employee("US-CA", { exempt: true }),
        3000,
        [
          ["2026-01-05", 12],
          ["2026-01-06", 12],
          ["2026-01-07", 12],
          ["2026-01-08", 12],
        ],
        BIWEEKLY,
        "BIWEEKLY",
      ),
    );
    expect(earningLines(result)).toEqual([{ code: "EARNING_REGULAR", amount: 48 * 3000, hours: h(48), rate: 3000 }]);
  });

  it("a workweek crossing the period's start: the earlier days of the week count towards 40 h but are not paid again", () => {
    // Semi-monthly period from Friday 2026-01-16; its first workweek began Monday 2026-01-12 (previous period).
    const period = { startDate: "2026-01-16", endDate: "2026-01-31" };
    const entries: [string, number][] = [
      ["2026-01-12", 10],
      ["2026-01-13", 10],
      ["2026-01-14", 10],
      ["2026-01-15", 10], // 40 h before the period: paid by the previous run
      ["2026-01-16", 8],
      ["2026-01-17", 2], // this period: over 40 in the week, all overtime
      ["2026-01-19", 8],
      ["2026-01-20", 8],
      ["2026-01-21", 8],
      ["2026-01-22", 8],
      ["2026-01-23", 8],
    ];
    const result = computeRunStatements(inputs(employee("US-TX", { scheduleFrequency: "SEMIMONTHLY" }), 2000, entries, period, "SEMIMONTHLY"));
    expect(earningLines(result)).toEqual([
      { code: "EARNING_REGULAR", amount: 40 * 2000, hours: h(40), rate: 2000 },
      { code: "EARNING_OVERTIME", amount: 10 * 3000, hours: h(10), rate: 3000 },
    ]);
    expect(result.statements[0].gross).toBe(110_000);
    // Without the earlier days (as if the period's entries were read alone) the same week would have no overtime.
    const alone = computeRunStatements(inputs(employee("US-TX", { scheduleFrequency: "SEMIMONTHLY" }), 2000, entries.slice(4), period, "SEMIMONTHLY"));
    expect(alone.statements[0].gross).toBe(100_000);
  });
});

describe("inputs digest", () => {
  it("changes with the exempt flag and with the labor-law rules' edition", () => {
    const base = inputs(employee("US-CA"), 3000, [["2026-01-05", 10]], { startDate: "2026-01-05", endDate: "2026-01-18" }, "BIWEEKLY");
    const withVersion = { ...base, laborLawRulesVersion: "2026.1" };
    const digest = inputsDigest(withVersion);
    expect(inputsDigest({ ...withVersion, engagements: [{ ...withVersion.engagements[0], exempt: true }] })).not.toBe(digest);
    expect(inputsDigest({ ...withVersion, laborLawRulesVersion: "2026.2" })).not.toBe(digest);
    expect(inputsDigest({ ...withVersion })).toBe(digest);
  });
});
