import { describe, expect, it } from "vitest";
import { addDays, firstPeriodStartProblem, generatePayPeriods, lastDayOfMonth, PERIODS_PER_YEAR } from "../../src/shared/calendar";

// Pure function, no database: the calendar rules of pay schedules.

describe("calendar arithmetic", () => {
  it("knows month lengths, including leap Februaries", () => {
    expect(lastDayOfMonth(2024, 2)).toBe(29);
    expect(lastDayOfMonth(2026, 2)).toBe(28);
    expect(lastDayOfMonth(2000, 2)).toBe(29); // divisible by 400
    expect(lastDayOfMonth(2100, 2)).toBe(28); // divisible by 100, not 400
    expect(lastDayOfMonth(2026, 4)).toBe(30);
    expect(lastDayOfMonth(2026, 12)).toBe(31);
  });

  it("adds days across month and year ends", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2026-03-08", 0)).toBe("2026-03-08");
  });
});

describe("generatePayPeriods", () => {
  it("WEEKLY: 7-day periods, pay date = end + offset, across Dec→Jan", () => {
    const periods = generatePayPeriods({ frequency: "WEEKLY", firstPeriodStart: "2025-12-22", payDateOffsetDays: 5, count: 3 });
    expect(periods).toEqual([
      { startDate: "2025-12-22", endDate: "2025-12-28", payDate: "2026-01-02" },
      { startDate: "2025-12-29", endDate: "2026-01-04", payDate: "2026-01-09" },
      { startDate: "2026-01-05", endDate: "2026-01-11", payDate: "2026-01-16" },
    ]);
  });

  it("BIWEEKLY: 14-day periods through a leap day", () => {
    const periods = generatePayPeriods({ frequency: "BIWEEKLY", firstPeriodStart: "2024-02-19", payDateOffsetDays: 0, count: 2 });
    expect(periods).toEqual([
      { startDate: "2024-02-19", endDate: "2024-03-03", payDate: "2024-03-03" },
      { startDate: "2024-03-04", endDate: "2024-03-17", payDate: "2024-03-17" },
    ]);
  });

  it("SEMIMONTHLY: 1st-15th and 16th-last day, leap and non-leap February, Dec→Jan", () => {
    const leap = generatePayPeriods({ frequency: "SEMIMONTHLY", firstPeriodStart: "2024-02-01", payDateOffsetDays: 3, count: 3 });
    expect(leap).toEqual([
      { startDate: "2024-02-01", endDate: "2024-02-15", payDate: "2024-02-18" },
      { startDate: "2024-02-16", endDate: "2024-02-29", payDate: "2024-03-03" },
      { startDate: "2024-03-01", endDate: "2024-03-15", payDate: "2024-03-18" },
    ]);
    const plain = generatePayPeriods({ frequency: "SEMIMONTHLY", firstPeriodStart: "2026-02-16", payDateOffsetDays: 0, count: 1 });
    expect(plain[0]).toEqual({ startDate: "2026-02-16", endDate: "2026-02-28", payDate: "2026-02-28" });
    const yearEnd = generatePayPeriods({ frequency: "SEMIMONTHLY", firstPeriodStart: "2025-12-16", payDateOffsetDays: 5, count: 2 });
    expect(yearEnd).toEqual([
      { startDate: "2025-12-16", endDate: "2025-12-31", payDate: "2026-01-05" },
      { startDate: "2026-01-01", endDate: "2026-01-15", payDate: "2026-01-20" },
    ]);
  });

  it("MONTHLY: 1st to the last day of each month (30, 31, 28, 29 days), Dec→Jan", () => {
    const periods = generatePayPeriods({ frequency: "MONTHLY", firstPeriodStart: "2023-11-01", payDateOffsetDays: 31, count: 5 });
    expect(periods.map((p) => [p.startDate, p.endDate])).toEqual([
      ["2023-11-01", "2023-11-30"],
      ["2023-12-01", "2023-12-31"],
      ["2024-01-01", "2024-01-31"],
      ["2024-02-01", "2024-02-29"],
      ["2024-03-01", "2024-03-31"],
    ]);
    expect(periods[0].payDate).toBe("2023-12-31");
    expect(periods[3].payDate).toBe("2024-03-31");
  });

  it("generates contiguous periods with no gap and no overlap for every frequency over a year", () => {
    for (const frequency of ["WEEKLY", "BIWEEKLY", "SEMIMONTHLY", "MONTHLY"] as const) {
      const periods = generatePayPeriods({ frequency, firstPeriodStart: "2026-01-01", payDateOffsetDays: 5, count: PERIODS_PER_YEAR[frequency] });
      expect(periods).toHaveLength(PERIODS_PER_YEAR[frequency]);
      for (let i = 1; i < periods.length; i++) expect(periods[i].startDate).toBe(addDays(periods[i - 1].endDate, 1));
      for (const p of periods) expect(p.endDate >= p.startDate && p.payDate === addDays(p.endDate, 5)).toBe(true);
    }
    const monthly = generatePayPeriods({ frequency: "MONTHLY", firstPeriodStart: "2026-01-01", payDateOffsetDays: 0, count: 12 });
    expect(monthly[11]).toMatchObject({ startDate: "2026-12-01", endDate: "2026-12-31" });
    const semi = generatePayPeriods({ frequency: "SEMIMONTHLY", firstPeriodStart: "2026-01-01", payDateOffsetDays: 0, count: 24 });
    expect(semi[23]).toMatchObject({ startDate: "2026-12-16", endDate: "2026-12-31" });
  });

  it("refuses a start date the frequency does not allow", () => {
    expect(firstPeriodStartProblem("SEMIMONTHLY", "2026-01-02")).toMatch(/1st or the 16th/);
    expect(firstPeriodStartProblem("SEMIMONTHLY", "2026-01-16")).toBeNull();
    expect(firstPeriodStartProblem("MONTHLY", "2026-01-16")).toMatch(/1st/);
    expect(firstPeriodStartProblem("MONTHLY", "2026-01-01")).toBeNull();
    expect(firstPeriodStartProblem("WEEKLY", "2026-01-07")).toBeNull();
    expect(() => generatePayPeriods({ frequency: "MONTHLY", firstPeriodStart: "2026-01-31", payDateOffsetDays: 0, count: 1 })).toThrow();
  });

  it("generates nothing for a count of zero", () => {
    expect(generatePayPeriods({ frequency: "WEEKLY", firstPeriodStart: "2026-01-05", payDateOffsetDays: 0, count: 0 })).toEqual([]);
  });
});
