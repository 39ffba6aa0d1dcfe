import { describe, expect, it } from "vitest";
import { businessPayDate, canadaBankHolidays, generatePayPeriods, isBusinessDay, usBankHolidays } from "../../src/shared/calendar";

/**
 * Pay dates on business days: the bank-holiday calendars computed by rule for any year, checked against the
 * published lists, and the move of a generated pay date off a weekend or bank holiday.
 */
describe("bank holidays", () => {
  it("US: the Federal Reserve's closings (Federal Reserve Bank of Richmond, Holiday Schedule 2025-2027)", () => {
    // 2026: Independence Day is a Saturday: the Reserve Banks are open Friday July 3 (no closing that week).
    expect(usBankHolidays(2026)).toEqual([
      "2026-01-01",
      "2026-01-19",
      "2026-02-16",
      "2026-05-25",
      "2026-06-19",
      "2026-09-07",
      "2026-10-12",
      "2026-11-11",
      "2026-11-26",
      "2026-12-25",
    ]);
    // 2027: Juneteenth and Christmas on a Saturday (no closing), Independence Day on a Sunday (closed Monday July 5).
    expect(usBankHolidays(2027)).toEqual(["2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31", "2027-07-05", "2027-09-06", "2027-10-11", "2027-11-11", "2027-11-25"]);
    expect(usBankHolidays(2025)).toEqual([
      "2025-01-01",
      "2025-01-20",
      "2025-02-17",
      "2025-05-26",
      "2025-06-19",
      "2025-07-04",
      "2025-09-01",
      "2025-10-13",
      "2025-11-11",
      "2025-11-27",
      "2025-12-25",
    ]);
  });

  it("Canada: the national bank holidays (National Bank of Canada and PaymentEvolution 2024 lists agree); Easter Monday is a banking day", () => {
    expect(canadaBankHolidays(2024)).toEqual([
      "2024-01-01",
      "2024-03-29",
      "2024-05-20",
      "2024-07-01",
      "2024-08-05",
      "2024-09-02",
      "2024-09-30",
      "2024-10-14",
      "2024-11-11",
      "2024-12-25",
      "2024-12-26",
    ]);
    expect(isBusinessDay("2024-04-01", "CA_BANK")).toBe(true); // Easter Monday
    // 2026: Boxing Day on a Saturday is observed Monday December 28.
    expect(canadaBankHolidays(2026)).toContain("2026-12-28");
  });
});

describe("business pay dates", () => {
  it("moves a weekend or bank-holiday pay date to the previous business day, or the next one on request", () => {
    expect(businessPayDate("2026-07-04", "US")).toBe("2026-07-03"); // Saturday holiday: the Friday is a banking day
    expect(businessPayDate("2026-07-04", "US", "NEXT_BUSINESS_DAY")).toBe("2026-07-06");
    expect(businessPayDate("2026-12-25", "US")).toBe("2026-12-24");
    expect(businessPayDate("2026-12-25", "US", "NEXT_BUSINESS_DAY")).toBe("2026-12-28");
    expect(businessPayDate("2026-04-03", "CA")).toBe("2026-04-02"); // Good Friday
    expect(businessPayDate("2026-04-03", "CA", "NEXT_BUSINESS_DAY")).toBe("2026-04-06"); // Easter Monday: banks open
    expect(businessPayDate("2026-04-03", "US")).toBe("2026-04-03"); // not a US bank holiday
    expect(businessPayDate("2026-01-23", "US")).toBe("2026-01-23"); // a Friday: unchanged
  });

  it("generated periods carry the moved pay dates; without the rule the arithmetic date stays", () => {
    const schedule = { frequency: "BIWEEKLY" as const, firstPeriodStart: "2026-12-07", payDateOffsetDays: 5, count: 2 };
    expect(generatePayPeriods(schedule).map((p) => p.payDate)).toEqual(["2026-12-25", "2027-01-08"]);
    expect(generatePayPeriods({ ...schedule, businessDays: { country: "US", adjustment: "PREVIOUS_BUSINESS_DAY" } }).map((p) => p.payDate)).toEqual(["2026-12-24", "2027-01-08"]);
    const monthly = { frequency: "MONTHLY" as const, firstPeriodStart: "2026-01-01", payDateOffsetDays: 0, count: 3 };
    // January 31 and February 28 are weekends; March 31 is a Tuesday.
    expect(generatePayPeriods({ ...monthly, businessDays: { country: "CA", adjustment: "NEXT_BUSINESS_DAY" } }).map((p) => p.payDate)).toEqual([
      "2026-02-02",
      "2026-03-02",
      "2026-03-31",
    ]);
    expect(generatePayPeriods({ ...monthly, businessDays: { country: "CA", adjustment: "PREVIOUS_BUSINESS_DAY" } }).map((p) => p.payDate)).toEqual([
      "2026-01-30",
      "2026-02-27",
      "2026-03-31",
    ]);
  });
});
