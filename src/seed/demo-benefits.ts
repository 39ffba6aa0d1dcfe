/**
 * Demo benefits (deterministic): the EOR's 2026 plans — a US medical plan, a US 401(k) with a safe-harbor style
 * match (100 % of the first 3 % + 50 % of the next 2 %), a Canadian group RRSP — and a few demo employees enrolled,
 * so a demo payroll run shows DED_<KIND> / BEN_ER_<KIND> lines and approval a BENEFIT_CARRIER remittance per plan.
 */
import { deterministicId } from "../shared/ids";
import type { benefitEnrollments, benefitPlans } from "../modules/benefits/benefit.table";
import { DEMO_BASE_INSTANT, DEMO_DATA } from "./demo-data";

export interface DemoBenefits {
  plans: (typeof benefitPlans.$inferInsert)[];
  enrollments: (typeof benefitEnrollments.$inferInsert)[];
}

/** A day after the rest of the demo data: the plans and enrollments sort after it. */
const BASE_MS = Date.parse(DEMO_BASE_INSTANT) + 86_400_000;

function buildDemoBenefits(): DemoBenefits {
  let step = 0;
  const next = (key: string) => {
    const ms = BASE_MS + step++ * 1_000;
    return { id: deterministicId(`eor-demo:${key}`, ms), createdAt: new Date(ms), updatedAt: new Date(ms) };
  };
  const entity = (country: "US" | "CA") => DEMO_DATA.employerEntities.find((e) => e.country === country)!.id;
  const year = { planYearStart: "2026-01-01", planYearEnd: "2026-12-31" };
  const medical = {
    ...next("benefit-plan:us-medical"),
    clientId: null,
    employerEntityId: entity("US"),
    kind: "MEDICAL" as const,
    name: "Atlas US Medical PPO 2026",
    country: "US" as const,
    carrierName: "Blue Summit Health Insurance Co.",
    ...year,
    employeeMethod: "FIXED_PER_PERIOD" as const,
    employeeAmount: 8_500,
    employerMethod: "FIXED_PER_PERIOD" as const,
    employerAmount: 42_000,
    waitingPeriodDays: 0,
    minHundredthsPerWeek: 3_000,
  };
  const k401 = {
    ...next("benefit-plan:us-401k"),
    clientId: null,
    employerEntityId: entity("US"),
    kind: "US_401K" as const,
    name: "Atlas US 401(k) 2026",
    country: "US" as const,
    carrierName: "Keystone Retirement Trust",
    ...year,
    employeeMethod: "PERCENT_OF_GROSS" as const,
    employeePercentBasisPoints: 500,
    employerMethod: "MATCH" as const,
    employerMatch: [
      { rateBasisPoints: 10_000, upToBasisPoints: 300 },
      { rateBasisPoints: 5_000, upToBasisPoints: 200 },
    ],
    waitingPeriodDays: 0,
  };
  const rrsp = {
    ...next("benefit-plan:ca-group-rrsp"),
    clientId: null,
    employerEntityId: entity("CA"),
    kind: "CA_GROUP_RRSP" as const,
    name: "Atlas Canada Group RRSP 2026",
    country: "CA" as const,
    carrierName: "Maple Leaf Group Savings Trust",
    ...year,
    employeeMethod: "PERCENT_OF_GROSS" as const,
    employeePercentBasisPoints: 400,
    employerMethod: "PERCENT_OF_GROSS" as const,
    employerPercentBasisPoints: 200,
    waitingPeriodDays: 0,
  };

  // Open-ended, salaried EOR employees with a pay schedule: two in the US, one in Canada.
  const salaried = new Set(DEMO_DATA.compensations.filter((c) => c.basis === "SALARY").map((c) => c.engagementId));
  const pick = (classification: "US_W2_EMPLOYEE" | "CA_T4_EMPLOYEE", n: number) =>
    DEMO_DATA.engagements.filter((e) => e.classification === classification && e.endDate === null && e.payScheduleId !== null && salaried.has(e.id)).slice(0, n);
  const enrollments: DemoBenefits["enrollments"] = [];
  const enroll = (
    engagement: (typeof DEMO_DATA.engagements)[number],
    plan: { id: string; kind: DemoBenefits["plans"][number]["kind"]; country: "US" | "CA" },
    extra: object = {},
  ) =>
    enrollments.push({
      ...next(`benefit-enrollment:${engagement.externalId}:${plan.kind}`),
      clientId: engagement.clientId,
      engagementId: engagement.id,
      planId: plan.id,
      kind: plan.kind,
      currency: plan.country === "US" ? "USD" : "CAD",
      effectiveFrom: engagement.startDate > "2026-01-01" ? engagement.startDate : "2026-01-01",
      ...extra,
    });
  const [us1, us2] = pick("US_W2_EMPLOYEE", 2);
  enroll(us1, medical, { coverageTier: "FAMILY" });
  enroll(us1, k401, { electedPercentBasisPoints: 600 });
  enroll(us2, medical, { coverageTier: "EMPLOYEE_ONLY" });
  enroll(us2, k401);
  const [ca1] = pick("CA_T4_EMPLOYEE", 1);
  enroll(ca1, rrsp, { electedPercentBasisPoints: 500 });
  return { plans: [medical, k401, rrsp], enrollments };
}

export const DEMO_BENEFITS: Readonly<DemoBenefits> = buildDemoBenefits();
