import { describe, expect, it } from "vitest";
import {
  firstEligibleDate,
  ineligibilityReasons,
  maxWaitingPeriodDays,
  scheduledHundredths,
  type EligibilityEngagement,
  type EligibilityPlan,
} from "../../src/modules/benefits/benefit-eligibility";
import {
  benefitDeductionsFor,
  employeeShare,
  employerShare,
  enrollmentsForPeriod,
  matchOf,
  percentOf,
  type CalcBenefitEnrollment,
} from "../../src/modules/payroll/benefit-deductions.compute";

const plan: EligibilityPlan = {
  kind: "MEDICAL",
  country: "US",
  jurisdictions: [],
  planYearStart: "2026-01-01",
  planYearEnd: "2026-12-31",
  waitingPeriodDays: 30,
  minHundredthsPerWeek: 3000,
  status: "ACTIVE",
  clientPlan: false,
};
const employee: EligibilityEngagement = {
  classification: "US_W2_EMPLOYEE",
  employmentModel: "EOR",
  workJurisdiction: "US-CA",
  startDate: "2026-01-05",
  endDate: null,
  scheduledHundredthsPerWeek: null,
  compensationBasis: "SALARY",
  enrolledInKind: false,
};
const codes = (p: EligibilityPlan, e: EligibilityEngagement, asOf: string) => ineligibilityReasons(p, e, asOf).map((r) => r.code);

describe("benefits eligibility (src/modules/benefits/benefit-eligibility.ts)", () => {
  it("an employee past the waiting period with enough hours is eligible", () => {
    expect(codes(plan, employee, "2026-02-04")).toEqual([]);
  });

  it("contractors are never eligible (IRC §401(a), §125(d)(1): plans are for employees)", () => {
    expect(codes(plan, { ...employee, classification: "US_1099_CONTRACTOR", compensationBasis: "FIXED_FEE" }, "2026-06-01")).toContain("CONTRACTOR");
    expect(codes({ ...plan, country: "CA", minHundredthsPerWeek: null }, { ...employee, classification: "CA_T4A_CONTRACTOR", workJurisdiction: "CA-ON" }, "2026-06-01")).toEqual([
      "CONTRACTOR",
    ]);
  });

  it("the waiting period counts days from the start date and names the first eligible day", () => {
    expect(firstEligibleDate("2026-01-05", 30)).toBe("2026-02-04");
    const [finding] = ineligibilityReasons(plan, employee, "2026-02-03");
    expect(finding).toEqual({ code: "WAITING_PERIOD", message: expect.stringContaining("2026-02-04"), until: "2026-02-04" });
    expect(codes({ ...plan, waitingPeriodDays: 0 }, employee, "2026-01-05")).toEqual([]);
  });

  it("minimum scheduled hours: salaried default 40 h, hourly needs stated hours", () => {
    expect(scheduledHundredths({ scheduledHundredthsPerWeek: null, compensationBasis: "SALARY" })).toBe(4000);
    expect(scheduledHundredths({ scheduledHundredthsPerWeek: null, compensationBasis: "HOURLY" })).toBeNull();
    expect(codes(plan, { ...employee, compensationBasis: "HOURLY" }, "2026-03-01")).toEqual(["HOURS_BELOW_MINIMUM"]);
    expect(codes(plan, { ...employee, scheduledHundredthsPerWeek: 2999 }, "2026-03-01")).toEqual(["HOURS_BELOW_MINIMUM"]);
    expect(codes(plan, { ...employee, scheduledHundredthsPerWeek: 3000, compensationBasis: "HOURLY" }, "2026-03-01")).toEqual([]);
  });

  it("country, jurisdiction, PEO-only client plans, retired plans, plan year, ended engagements, existing enrollment", () => {
    expect(codes(plan, { ...employee, classification: "CA_T4_EMPLOYEE", workJurisdiction: "CA-ON" }, "2026-03-01")).toEqual(["OTHER_COUNTRY"]);
    expect(codes({ ...plan, jurisdictions: ["US-NY"] }, employee, "2026-03-01")).toEqual(["OTHER_JURISDICTION"]);
    expect(codes({ ...plan, clientPlan: true }, employee, "2026-03-01")).toEqual(["NOT_OFFERED"]);
    expect(codes({ ...plan, clientPlan: true }, { ...employee, employmentModel: "PEO" }, "2026-03-01")).toEqual([]);
    expect(codes({ ...plan, status: "RETIRED" }, employee, "2026-03-01")).toEqual(["PLAN_NOT_ACTIVE"]);
    expect(codes(plan, employee, "2027-01-01")).toEqual(["OUTSIDE_PLAN_YEAR"]);
    expect(codes(plan, { ...employee, endDate: "2026-02-28" }, "2026-03-01")).toEqual(["ENGAGEMENT_ENDED"]);
    expect(codes(plan, { ...employee, enrolledInKind: true }, "2026-03-01")).toEqual(["ALREADY_ENROLLED"]);
  });

  it("waiting periods are capped: 90 days for group health (PHS Act §2708), 365 for 401(k) (IRC §410(a)(1))", () => {
    expect(maxWaitingPeriodDays("MEDICAL")).toBe(90);
    expect(maxWaitingPeriodDays("VISION")).toBe(366); // limited-scope vision: a HIPAA-excepted benefit
    expect(maxWaitingPeriodDays("US_401K")).toBe(365);
    expect(maxWaitingPeriodDays("CA_GROUP_RRSP")).toBe(366);
  });
});

const k401: CalcBenefitEnrollment = {
  id: "e1",
  engagementId: "g1",
  planId: "p401k",
  kind: "US_401K",
  effectiveFrom: "2026-01-01",
  effectiveTo: null,
  planYearStart: "2026-01-01",
  planYearEnd: "2026-12-31",
  employeeMethod: "PERCENT_OF_GROSS",
  employeeAmount: null,
  employeePercentBasisPoints: 600,
  employerMethod: "MATCH",
  employerAmount: null,
  employerPercentBasisPoints: null,
  // 100 % of the first 3 % + 50 % of the next 2 % (IRC §401(k)(12)(B)(i) safe-harbor basic match)
  employerMatch: [
    { rateBasisPoints: 10000, upToBasisPoints: 300 },
    { rateBasisPoints: 5000, upToBasisPoints: 200 },
  ],
  coverageAmount: null,
};
const medical: CalcBenefitEnrollment = {
  ...k401,
  id: "e2",
  planId: "pmed",
  kind: "MEDICAL",
  employeeMethod: "FIXED_PER_PERIOD",
  employeeAmount: 8500,
  employeePercentBasisPoints: null,
  employerMethod: "FIXED_PER_PERIOD",
  employerAmount: 42_000,
  employerMatch: null,
};

describe("benefit contributions (src/modules/payroll/benefit-deductions.compute.ts)", () => {
  it("percent of gross rounds half up to the cent", () => {
    expect(percentOf(500_000, 600)).toBe(30_000);
    expect(percentOf(365_385, 600)).toBe(21_923); // 21,923.1
    expect(percentOf(10_025, 500)).toBe(501); // 501.25
    expect(percentOf(10_030, 500)).toBe(502); // 501.5 → 502
  });

  it("match: 100 % of the first 3 % + 50 % of the next 2 % of gross, exact cents", () => {
    // $5,000.00 gross: 6 % deferral → 3 % + 1 % = $200.00; 4 % → $150 + $25 = $175.00; 2 % → $100.00
    expect(employerShare(k401, 500_000)).toBe(20_000);
    expect(employerShare({ ...k401, employeePercentBasisPoints: 400 }, 500_000)).toBe(17_500);
    expect(employerShare({ ...k401, employeePercentBasisPoints: 200 }, 500_000)).toBe(10_000);
    expect(employerShare({ ...k401, employeePercentBasisPoints: 0 }, 500_000)).toBe(0);
    // $3,653.85 gross at 5 %: 3 % = 109.6155 + 50 % × 2 % = 36.5385 → 146.154 → $146.15
    expect(employerShare({ ...k401, employeePercentBasisPoints: 500 }, 365_385)).toBe(14_615);
    // A fixed $100 deferral on $2,000 gross is 5 %: $60 + $20 = $80.00
    expect(matchOf(k401.employerMatch!, 200_000, { amount: 10_000 })).toBe(8_000);
  });

  it("fixed per period and employer percent", () => {
    expect(employeeShare(medical, 500_000)).toBe(8_500);
    expect(employerShare(medical, 500_000)).toBe(42_000);
    expect(employerShare({ ...medical, employerMethod: "PERCENT_OF_GROSS", employerPercentBasisPoints: 300 }, 333_333)).toBe(10_000);
    expect(employerShare({ ...medical, employerMethod: "NONE" }, 500_000)).toBe(0);
  });

  it("the enrollment in effect latest in the period applies, once per plan; ended ones before the period do not", () => {
    const period = { startDate: "2026-03-01", endDate: "2026-03-15" };
    const changed = { ...k401, id: "e3", effectiveFrom: "2026-03-10", employeePercentBasisPoints: 800 };
    const superseded = { ...k401, effectiveTo: "2026-03-09" };
    expect(enrollmentsForPeriod([superseded, changed], period).map((e) => e.id)).toEqual(["e3"]);
    expect(enrollmentsForPeriod([{ ...medical, effectiveTo: "2026-02-28" }], period)).toEqual([]);
    expect(enrollmentsForPeriod([{ ...medical, effectiveFrom: "2026-03-16" }], period)).toEqual([]);
    expect(enrollmentsForPeriod([{ ...medical, planYearEnd: "2026-02-28" }], period)).toEqual([]);
  });

  it("deductions for the engine: sorted by kind, planRef = plan id; none without wages", () => {
    const period = { startDate: "2026-03-01", endDate: "2026-03-15" };
    expect(benefitDeductionsFor([k401, medical], period, 500_000)).toEqual([
      { kind: "MEDICAL", planRef: "pmed", employeeAmount: 8_500, employerAmount: 42_000 },
      { kind: "US_401K", planRef: "p401k", employeeAmount: 30_000, employerAmount: 20_000 },
    ]);
    expect(benefitDeductionsFor([k401, medical], period, 0)).toEqual([]);
    const hsa = { ...medical, id: "e4", planId: "phsa", kind: "US_HSA" as const, coverageTier: "FAMILY" as const };
    expect(benefitDeductionsFor([hsa], period, 100_000)).toEqual([{ kind: "US_HSA", planRef: "phsa", employeeAmount: 8_500, employerAmount: 42_000, hsaCoverage: "FAMILY" }]);
  });
});
