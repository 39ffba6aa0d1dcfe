/**
 * Indiana: state income tax by Departmental Notice #1 with the WH-4; the county income tax is a MISSING_TAX_TABLE
 * blocker (county rates not transcribed). DN #1 prints no worked formula example; expected values are worked by
 * hand in each test name.
 */
import { describe, expect, it } from "vitest";
import { blockerCodes, cents, line, run } from "../support/engine-us";

describe("Indiana state income tax (Departmental Notice #1)", () => {
  it("2026 weekly $1,000, WH-4 2 personal + 1 dependent: (52,000 − 2,000 − 1,500) × 2.95% = 1,430.75 ÷ 52 = 27.514 → $27.51", () => {
    const certificates = { wh4In: { personalExemptions: 2, dependentExemptions: 1, countyOfResidence: "MARION", countyOfPrincipalEmployment: "MARION" } };
    const result = run({ jurisdiction: "US-IN", gross: cents("1000"), certificates });
    expect(line(result, "US_IN_SIT")).toBe(cents("27.51"));
    // The county tax is not computed: a blocker naming the county, never a silent zero.
    expect(blockerCodes(result)).toEqual(["MISSING_TAX_TABLE"]);
    expect(result.blockers[0].message).toContain("MARION County");
  });

  it("no WH-4 on file → no exemptions: 52,000 × 2.95% ÷ 52 = $29.50, stated on the line; the county is unknown (blocker)", () => {
    const result = run({ jurisdiction: "US-IN", gross: cents("1000") });
    expect(line(result, "US_IN_SIT")).toBe(cents("29.50"));
    expect(result.lines.find((l) => l.code === "US_IN_SIT")?.description).toContain("no WH-4 on file: no exemptions");
    expect(result.blockers[0].message).toContain("not on a WH-4");
  });

  it("2025 at 3.0%: weekly $1,000 without exemptions → $30.00", () => {
    expect(line(run({ jurisdiction: "US-IN", payDate: "2025-06-06", gross: cents("1000") }), "US_IN_SIT")).toBe(cents("30.00"));
  });

  it("a bonus at the 2.95% supplemental rate, plus the WH-4 extra: 29.50 + 29.50 + 5.00 = $64.00", () => {
    const certificates = { wh4In: { extraStateWithholding: cents("5") } };
    expect(line(run({ jurisdiction: "US-IN", gross: cents("1000"), supplemental: cents("1000"), certificates }), "US_IN_SIT")).toBe(cents("64.00"));
  });

  it("neither living nor principally working in an Indiana county on January 1: no county tax, no blocker", () => {
    const certificates = { wh4In: { countyOfResidence: "OUTSIDE_INDIANA", countyOfPrincipalEmployment: "OUTSIDE_INDIANA" } };
    const result = run({ jurisdiction: "US-IN", gross: cents("1000"), certificates });
    expect(result.blockers).toEqual([]);
    expect(line(result, "US_IN_SIT")).toBe(cents("29.50"));
  });

  it("an Indiana nonresident is named by the county of principal employment", () => {
    const certificates = { wh4In: { countyOfResidence: "OUTSIDE_INDIANA", countyOfPrincipalEmployment: "LAKE" } };
    expect(run({ jurisdiction: "US-IN", gross: cents("1000"), certificates }).blockers[0].message).toContain("LAKE County");
  });

  it("a county that is not on the WH-4 list is an INVALID_INPUT blocker", () => {
    const result = run({ jurisdiction: "US-IN", gross: cents("1000"), certificates: { wh4In: { countyOfResidence: "GOTHAM" } } });
    expect(blockerCodes(result)).toContain("INVALID_INPUT");
  });
});
