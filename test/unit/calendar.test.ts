import { describe, expect, it } from "vitest";
import {
  addDays,
  compareIsoDates,
  dateOfDayNumber,
  dayNumber,
  dayOfWeek,
  isPayFrequency,
  lastDayOfMonth,
  parseIsoDate,
  PAY_FREQUENCIES,
  PERIODS_PER_YEAR,
  readIsoDate,
  todayUtc,
  ymd,
} from "../../src/shared/calendar";
import { payFrequencyEnum } from "../../src/db/enums";

describe("ISO dates", () => {
  it("formats and parses YYYY-MM-DD", () => {
    expect(ymd(2026, 1, 5)).toBe("2026-01-05");
    expect(ymd(2026, 12, 31)).toBe("2026-12-31");
    expect(parseIsoDate("2026-02-28")).toEqual({ y: 2026, m: 2, d: 28 });
    expect(() => parseIsoDate("2026-2-28")).toThrow(/not a date/);
    expect(() => parseIsoDate("2026-02-28T00:00:00Z")).toThrow(/not a date/);
  });

  it("reads only real calendar dates", () => {
    expect(readIsoDate("2024-02-29")).toEqual({ y: 2024, m: 2, d: 29 });
    expect(readIsoDate("2026-02-29")).toBeNull();
    expect(readIsoDate("2026-04-31")).toBeNull();
    expect(readIsoDate("2026-13-01")).toBeNull();
    expect(readIsoDate("2026-00-10")).toBeNull();
    expect(readIsoDate("26-01-01")).toBeNull();
    expect(readIsoDate(20260101)).toBeNull();
    expect(readIsoDate(undefined)).toBeNull();
  });

  it("compares as calendar order", () => {
    const dates = ["2026-10-01", "2025-12-31", "2026-02-01", "2026-01-15"];
    expect([...dates].sort(compareIsoDates)).toEqual(["2025-12-31", "2026-01-15", "2026-02-01", "2026-10-01"]);
    expect(compareIsoDates("2026-01-01", "2026-01-01")).toBe(0);
  });

  it("adds days across months, years and leap days, forwards and backwards", () => {
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2026-12-25", 7)).toBe("2027-01-01");
    expect(addDays("2026-01-01", 365)).toBe("2027-01-01");
    expect(addDays("2024-01-01", 365)).toBe("2024-12-31");
  });

  it("knows the day of the week (0 = Sunday)", () => {
    expect(dayOfWeek("2026-01-04")).toBe(0);
    expect(dayOfWeek("2026-07-04")).toBe(6);
    expect(dayOfWeek("2026-11-26")).toBe(4); // Thanksgiving
    expect(lastDayOfMonth(2026, 11)).toBe(30);
  });

  it("numbers days since 1970-01-01 and back", () => {
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayNumber("1970-01-02")).toBe(1);
    expect(dayNumber("2026-03-01") - dayNumber("2026-02-01")).toBe(28);
    expect(dayNumber("2024-03-01") - dayNumber("2024-02-01")).toBe(29);
    for (const date of ["1999-12-31", "2024-02-29", "2026-07-03"]) expect(dateOfDayNumber(dayNumber(date))).toBe(date);
    expect(dateOfDayNumber(dayNumber("2026-01-31") + 1)).toBe(addDays("2026-01-31", 1));
  });

  it("takes today in UTC", () => {
    expect(todayUtc(new Date("2026-03-01T23:30:00-05:00"))).toBe("2026-03-02");
    expect(todayUtc(new Date("2026-03-01T00:00:00Z"))).toBe("2026-03-01");
  });
});

describe("pay frequencies", () => {
  it("are the database enum's values", () => {
    expect([...payFrequencyEnum.enumValues]).toEqual([...PAY_FREQUENCIES]);
  });

  it("have the periods per year of IRS Pub 15-T and CRA T4127", () => {
    expect(PERIODS_PER_YEAR).toEqual({ WEEKLY: 52, BIWEEKLY: 26, SEMIMONTHLY: 24, MONTHLY: 12 });
    expect(Object.keys(PERIODS_PER_YEAR)).toEqual([...PAY_FREQUENCIES]);
  });

  it("recognizes only its own values", () => {
    for (const f of PAY_FREQUENCIES) expect(isPayFrequency(f)).toBe(true);
    for (const other of ["DAILY", "weekly", "toString", "constructor", "", 52, null, undefined]) expect(isPayFrequency(other)).toBe(false);
  });
});
