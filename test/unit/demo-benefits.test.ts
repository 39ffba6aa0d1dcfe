import { describe, expect, it } from "vitest";
import { DEMO_BENEFITS } from "../../src/seed/demo-benefits";
import { DEMO_DATA } from "../../src/seed/demo-data";
import { ineligibilityReasons } from "../../src/modules/benefits/benefit-eligibility";

describe("demo benefits (src/seed/demo-benefits.ts)", () => {
  it("a US medical plan, a US 401(k) with a match and a Canadian group RRSP, with five enrollments", () => {
    expect(DEMO_BENEFITS.plans.map((p) => [p.kind, p.country, p.employerMethod])).toEqual([
      ["MEDICAL", "US", "FIXED_PER_PERIOD"],
      ["US_401K", "US", "MATCH"],
      ["CA_GROUP_RRSP", "CA", "PERCENT_OF_GROSS"],
    ]);
    expect(DEMO_BENEFITS.enrollments.map((e) => e.kind)).toEqual(["MEDICAL", "US_401K", "MEDICAL", "US_401K", "CA_GROUP_RRSP"]);
  });

  it("every demo enrollment passes the eligibility rules on its first day", () => {
    for (const e of DEMO_BENEFITS.enrollments) {
      const plan = DEMO_BENEFITS.plans.find((p) => p.id === e.planId)!;
      const engagement = DEMO_DATA.engagements.find((g) => g.id === e.engagementId)!;
      const reasons = ineligibilityReasons(
        {
          kind: plan.kind,
          country: plan.country,
          jurisdictions: plan.jurisdictions ?? [],
          planYearStart: plan.planYearStart,
          planYearEnd: plan.planYearEnd,
          waitingPeriodDays: plan.waitingPeriodDays ?? 0,
          minHundredthsPerWeek: plan.minHundredthsPerWeek ?? null,
          status: "ACTIVE",
          clientPlan: plan.clientId != null,
        },
        {
          classification: engagement.classification,
          employmentModel: engagement.employmentModel,
          workJurisdiction: engagement.workJurisdiction,
          startDate: engagement.startDate,
          endDate: engagement.endDate,
          scheduledHundredthsPerWeek: engagement.scheduledHundredthsPerWeek,
          compensationBasis: "SALARY",
          enrolledInKind: false,
        },
        e.effectiveFrom,
      );
      expect(reasons, `${engagement.externalId} ${plan.kind}`).toEqual([]);
    }
  });
});
