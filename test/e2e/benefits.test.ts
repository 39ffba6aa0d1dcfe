import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, dataOf, errorCodes, type TestServer } from "../support/server";
import { hireOnboarded as hire, newPaySchedule, newTenant, newWorker, type Tenant } from "../support/factories";
import {
  ApprovePayrollRunDocument,
  BenefitNodeDocument,
  BenefitPlansDocument,
  BenefitRunRemittancesDocument,
  CalculatePayrollRunDocument,
  ChangeBenefitElectionDocument,
  CreateBenefitPlanDocument,
  CreatePayrollRunDocument,
  EligibleBenefitsDocument,
  EndBenefitEnrollmentDocument,
  EngagementBenefitEnrollmentsDocument,
  EnrollInBenefitDocument,
  PayrollRunStateDocument,
  BenefitRunStatementsDocument,
  RetireBenefitPlanDocument,
  UpdateBenefitPlanDocument,
  type CreateBenefitPlanInput,
  type EnrollInBenefitInput,
} from "../generated/graphql";
import { DEFAULT_SCOPES } from "../../src/auth/scopes";
import { events } from "../../src/modules/events/event.table";
import { parseGlobalId } from "../../src/shared/global-id";
import { and, eq, inArray } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { payrollRuns } from "../../src/modules/payroll/payroll.table";
import { engagements } from "../../src/modules/engagements/engagement.table";
import { payrollInputsRepository } from "../../src/modules/payroll/payroll-inputs.repository";

/**
 * Benefits end to end through the real server: plans (operator), eligibility, enrollment and its changes, the
 * deductions of a REGULAR run (DED_/BEN_ER_ lines computed by the engine from the enrollment), the BENEFIT_CARRIER
 * remittances of the approved run, tenancy and read scopes. Plans are created per test file with unique names;
 * EOR plans are visible to every client with engagements of the entity, so assertions look at this file's plans only.
 */
let t: TestServer;
let operator: string;
let A: Tenant & { periodIds: string[]; scheduleId: string };
let B: Tenant;

const usd = (amount: string) => ({ amount, currency: "USD" as const });

const medicalInput: CreateBenefitPlanInput = {
  kind: "MEDICAL",
  name: "E2E Medical PPO",
  country: "US",
  carrierName: "Blue Summit Health",
  planYearStart: "2026-01-01",
  planYearEnd: "2026-12-31",
  employeeContribution: { method: "FIXED_PER_PERIOD", amount: usd("85.00") },
  employerContribution: { method: "FIXED_PER_PERIOD", amount: usd("420.00") },
  waitingPeriodDays: 30,
  minimumHoursPerWeek: "30",
};
const k401Input: CreateBenefitPlanInput = {
  kind: "US_401K",
  name: "E2E 401(k)",
  country: "US",
  carrierName: "Keystone Retirement Trust",
  planYearStart: "2026-01-01",
  planYearEnd: "2026-12-31",
  employeeContribution: { method: "PERCENT_OF_GROSS" },
  employerContribution: {
    method: "MATCH",
    matchTiers: [
      { rateBasisPoints: 10000, upToBasisPoints: 300 },
      { rateBasisPoints: 5000, upToBasisPoints: 200 },
    ],
  },
};

async function createPlan(input: CreateBenefitPlanInput, token = operator) {
  return dataOf(await t.gql(CreateBenefitPlanDocument, { input }, token)).createBenefitPlan;
}
async function enroll(input: EnrollInBenefitInput, token = A.token) {
  return dataOf(await t.gql(EnrollInBenefitDocument, { input }, token)).enrollInBenefit;
}
async function eligible(engagementId: string, asOf: string, token = A.token) {
  return dataOf(await t.gql(EligibleBenefitsDocument, { engagementId, asOf, first: 100 }, token)).eligibleBenefits.nodes;
}

async function runPeriod(periodIndex: number) {
  const created = dataOf(await t.gql(CreatePayrollRunDocument, { input: { clientId: A.clientId, payPeriodId: A.periodIds[periodIndex] } }, A.token)).createPayrollRun;
  expect(created.userErrors).toEqual([]);
  const runId = created.payrollRun!.id;
  expect(dataOf(await t.gql(CalculatePayrollRunDocument, { input: { payrollRunId: runId } }, A.token)).calculatePayrollRun.userErrors).toEqual([]);
  const deadline = Date.now() + 25_000;
  for (;;) {
    const node = dataOf(await t.gql(PayrollRunStateDocument, { id: runId }, A.token)).node;
    if (node?.__typename === "PayrollRun" && node.status !== "CALCULATING") {
      expect(node.status).toBe("CALCULATED");
      break;
    }
    if (Date.now() > deadline) throw new Error("run still CALCULATING");
    await new Promise((r) => setTimeout(r, 40));
  }
  return runId;
}

async function linesOf(runId: string, engagementId: string) {
  const node = dataOf(await t.gql(BenefitRunStatementsDocument, { id: runId }, A.token)).node;
  if (node?.__typename !== "PayrollRun") throw new Error("not a run");
  const statement = node.statements.nodes.find((s) => s.engagement!.id === engagementId)!;
  return { gross: statement.gross.amount, lines: Object.fromEntries(statement.lines.map((l) => [l.code, l.amount.amount])) };
}

let medical: { id: string; version: number };
let k401: { id: string; version: number };
let employeeId: string;
let contractorId: string;

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
  const tenant = await newTenant(t, "benefits-client");
  const schedule = await newPaySchedule(t, tenant.clientId, { periodsAhead: 8 });
  A = { ...tenant, scheduleId: schedule.id, periodIds: schedule.periods.nodes.map((p) => p.id) };
  B = await newTenant(t, "benefits-other");
  const worker = await newWorker(t, A.clientId, { homeJurisdiction: "US-TX", withholding: { w4: { filingStatus: "SINGLE" } } });
  // $78,000 a year, biweekly: $3,000.00 a period.
  employeeId = (await hire(t, worker.id, { payScheduleId: A.scheduleId })).id;
  const freelancer = await newWorker(t, A.clientId, { homeJurisdiction: "US-TX" });
  contractorId = (await hire(t, freelancer.id, { classification: "US_1099_CONTRACTOR", compensation: { basis: "FIXED_FEE", amount: usd("2000.00") }, payScheduleId: A.scheduleId }))
    .id;
  const m = await createPlan(medicalInput);
  expect(m.userErrors).toEqual([]);
  medical = m.benefitPlan!;
  const k = await createPlan(k401Input);
  expect(k.userErrors).toEqual([]);
  k401 = k.benefitPlan!;
});
afterAll(() => t.stop());

describe("benefit plans", () => {
  it("operators create plans; their rules read back; events are recorded", async () => {
    const node = dataOf(await t.gql(BenefitPlansDocument, { clientId: A.clientId, kind: "US_401K", first: 100 }, A.token)).benefitPlans.nodes.find((p) => p.id === k401.id)!;
    expect(node.employerContribution).toMatchObject({
      method: "MATCH",
      matchTiers: [
        { rateBasisPoints: 10000, upToBasisPoints: 300 },
        { rateBasisPoints: 5000, upToBasisPoints: 200 },
      ],
    });
    expect(node.employeeContribution).toMatchObject({ method: "PERCENT_OF_GROSS", percentBasisPoints: null });
    const rows = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.objectId, parseGlobalId(medical.id, "BenefitPlan")!), eq(events.type, "benefitPlan.created")));
    expect(rows).toHaveLength(1);
  });

  it("refuses clients, and invalid rules with field paths", async () => {
    expect(errorCodes(await t.gql(CreateBenefitPlanDocument, { input: medicalInput }, A.token))).toEqual(["FORBIDDEN"]);
    const bad = await createPlan({
      ...k401Input,
      country: "CA",
      waitingPeriodDays: 400,
      employeeContribution: { method: "MATCH", matchTiers: [{ rateBasisPoints: 10000, upToBasisPoints: 300 }] },
    });
    expect(bad.userErrors.map((e) => [e.code, e.field.join(".")])).toEqual([
      ["BENEFIT_KIND_NOT_IN_COUNTRY", "input.kind"],
      ["WAITING_PERIOD_TOO_LONG", "input.waitingPeriodDays"],
      ["INVALID_CONTRIBUTION_RULE", "input.employeeContribution.method"],
    ]);
    const longWait = await createPlan({ ...medicalInput, waitingPeriodDays: 91 });
    expect(longWait.userErrors.map((e) => e.code)).toEqual(["WAITING_PERIOD_TOO_LONG"]);
  });

  it("updates with expectedVersion and retires", async () => {
    const extra = (await createPlan({ ...medicalInput, kind: "VISION", name: "E2E Vision" })).benefitPlan!;
    const stale = dataOf(await t.gql(UpdateBenefitPlanDocument, { input: { benefitPlanId: extra.id, expectedVersion: 9, name: "X" } }, operator)).updateBenefitPlan;
    expect(stale.userErrors.map((e) => e.code)).toEqual(["STALE_VERSION"]);
    const ok = dataOf(
      await t.gql(UpdateBenefitPlanDocument, { input: { benefitPlanId: extra.id, expectedVersion: 1, carrierName: "Clear Sight Vision Co." } }, operator),
    ).updateBenefitPlan;
    expect(ok.benefitPlan).toMatchObject({ carrierName: "Clear Sight Vision Co.", version: 2 });
    const retired = dataOf(await t.gql(RetireBenefitPlanDocument, { input: { benefitPlanId: extra.id, expectedVersion: 2 } }, operator)).retireBenefitPlan;
    expect(retired.benefitPlan).toMatchObject({ status: "RETIRED", version: 3 });
    const refused = await enroll({ engagementId: employeeId, benefitPlanId: extra.id, effectiveFrom: "2026-03-01" });
    expect(refused.userErrors.map((e) => [e.code, e.field.join(".")])).toEqual([["NOT_ELIGIBLE", "input.benefitPlanId"]]);
  });
});

describe("eligibility and enrollment", () => {
  it("eligibleBenefits: the waiting period names its end; a contractor is never eligible", async () => {
    const early = await eligible(employeeId, "2026-01-10");
    const med = early.find((e) => e.plan.id === medical.id)!;
    expect(med).toMatchObject({ eligible: false, eligibleFrom: "2026-02-04", reasons: [{ code: "WAITING_PERIOD", until: "2026-02-04" }] });
    expect(early.find((e) => e.plan.id === k401.id)).toMatchObject({ eligible: true, reasons: [] });
    const contractor = await eligible(contractorId, "2026-03-01");
    expect(contractor.find((e) => e.plan.id === k401.id)!.reasons.map((r) => r.code)).toEqual(["CONTRACTOR"]);
    const refused = await enroll({ engagementId: contractorId, benefitPlanId: k401.id, effectiveFrom: "2026-03-01", electedPercentBasisPoints: 500 });
    expect(refused.userErrors.map((e) => [e.code, e.field.join(".")])).toEqual([["NOT_ELIGIBLE", "input.engagementId"]]);
  });

  it("enrolls after the waiting period; refuses dates inside it, outside the plan year, a missing election and an overlap", async () => {
    const tooEarly = await enroll({ engagementId: employeeId, benefitPlanId: medical.id, effectiveFrom: "2026-01-20" });
    expect(tooEarly.userErrors.map((e) => [e.code, e.field.join(".")])).toEqual([["NOT_ELIGIBLE", "input.effectiveFrom"]]);
    const outside = await enroll({ engagementId: employeeId, benefitPlanId: medical.id, effectiveFrom: "2026-02-04", effectiveTo: "2027-01-31" });
    expect(outside.userErrors.map((e) => e.code)).toEqual(["EFFECTIVE_DATE_OUTSIDE_PLAN_YEAR"]);
    const ok = await enroll({ engagementId: employeeId, benefitPlanId: medical.id, effectiveFrom: "2026-02-04", coverageTier: "EMPLOYEE_ONLY" });
    expect(ok.userErrors).toEqual([]);
    expect(ok.benefitEnrollment).toMatchObject({ kind: "MEDICAL", status: "ACTIVE", effectiveFrom: "2026-02-04", effectiveTo: null, coverageTier: "EMPLOYEE_ONLY" });

    const noElection = await enroll({ engagementId: employeeId, benefitPlanId: k401.id, effectiveFrom: "2026-01-05" });
    expect(noElection.userErrors.map((e) => [e.code, e.field.join(".")])).toEqual([["ELECTION_REQUIRED", "input.electedPercentBasisPoints"]]);
    const deferral = await enroll({ engagementId: employeeId, benefitPlanId: k401.id, effectiveFrom: "2026-01-05", electedPercentBasisPoints: 600 });
    expect(deferral.userErrors).toEqual([]);
    const again = await enroll({ engagementId: employeeId, benefitPlanId: k401.id, effectiveFrom: "2026-06-01", electedPercentBasisPoints: 300 });
    expect(again.userErrors.map((e) => [e.code, e.conflictingId])).toEqual([["ENROLLMENT_OVERLAP", deferral.benefitEnrollment!.id]]);
    const after = await eligible(employeeId, "2026-03-01");
    expect(after.find((e) => e.plan.id === k401.id)!.reasons.map((r) => r.code)).toEqual(["ALREADY_ENROLLED"]);
    const listed = dataOf(await t.gql(EngagementBenefitEnrollmentsDocument, { id: employeeId }, A.token)).node;
    if (listed?.__typename !== "Engagement") throw new Error("not an engagement");
    expect(listed.benefitEnrollments!.nodes.map((e) => e.kind).sort()).toEqual(["MEDICAL", "US_401K"]);
    expect(listed.scheduledHoursPerWeek).toBeNull();
  });

  it("a run deducts DED_/BEN_ER_ lines and approval schedules one BENEFIT_CARRIER remittance per plan", async () => {
    // Period 3: 2026-02-16 to 2026-03-01, pay date 2026-03-06; gross $3,000.00.
    const runId = await runPeriod(3);
    const { gross, lines } = await linesOf(runId, employeeId);
    expect(gross).toBe("3000.00");
    expect(lines).toMatchObject({ DED_MEDICAL: "85.00", BEN_ER_MEDICAL: "420.00", DED_US_401K: "180.00", BEN_ER_US_401K: "120.00" });
    const approved = dataOf(await t.gql(ApprovePayrollRunDocument, { input: { payrollRunId: runId } }, A.token)).approvePayrollRun;
    expect(approved.userErrors).toEqual([]);
    const node = dataOf(await t.gql(BenefitRunRemittancesDocument, { id: runId }, A.token)).node;
    if (node?.__typename !== "PayrollRun") throw new Error("not a run");
    const carriers = node.remittances!.nodes.filter((r) => r.kind === "BENEFIT_CARRIER").sort((a, b) => a.payeeName!.localeCompare(b.payeeName!));
    expect(carriers.map((r) => [r.payeeName, r.amount.amount, r.employeeShare.amount, r.employerShare.amount, r.dueOn])).toEqual([
      ["Blue Summit Health", "505.00", "85.00", "420.00", "2026-03-06"],
      ["Keystone Retirement Trust", "300.00", "180.00", "120.00", "2026-03-06"],
    ]);

    // The next run's year-to-date wage bases read this approved statement back: the §125 medical deduction comes
    // off Social Security, Medicare and FUTA wages; the 401(k) deferral does not (IRS Pub 15-B 2026, Pub 15 2026).
    const [run] = await t.database.db
      .select()
      .from(payrollRuns)
      .where(eq(payrollRuns.id, parseGlobalId(runId, "PayrollRun")!));
    const engagement = parseGlobalId(employeeId, "Engagement")!;
    const later = {
      id: randomUUID(),
      clientId: run.clientId,
      employerEntityId: run.employerEntityId,
      kind: "REGULAR",
      currency: "USD",
      payDate: "2026-12-31",
      period: null,
      frequency: null,
    } as const;
    const ytd = await payrollInputsRepository.yearToDate(
      t.database.db,
      later,
      t.database.db.select({ id: engagements.workerId }).from(engagements).where(eq(engagements.id, engagement)),
    );
    expect(ytd).toHaveLength(1);
    expect(ytd[0]).toMatchObject({ employeeWages: 300000, socialSecurityWages: 300000 - 8500, medicareWages: 300000 - 8500, futaWages: 300000 - 8500 });
  });

  it("changes an election from a date and ends an enrollment: the next period deducts the new election only", async () => {
    const listed = dataOf(await t.gql(EngagementBenefitEnrollmentsDocument, { id: employeeId }, A.token)).node;
    if (listed?.__typename !== "Engagement") throw new Error("not an engagement");
    const k = listed.benefitEnrollments!.nodes.find((e) => e.kind === "US_401K")!;
    const m = listed.benefitEnrollments!.nodes.find((e) => e.kind === "MEDICAL")!;
    const outOfRange = dataOf(
      await t.gql(
        ChangeBenefitElectionDocument,
        { input: { benefitEnrollmentId: k.id, expectedVersion: k.version, effectiveFrom: "2025-12-01", electedPercentBasisPoints: 1000 } },
        A.token,
      ),
    ).changeBenefitElection;
    expect(outOfRange.userErrors.map((e) => e.code)).toEqual(["EFFECTIVE_DATE_OUT_OF_RANGE"]);
    const changed = dataOf(
      await t.gql(
        ChangeBenefitElectionDocument,
        { input: { benefitEnrollmentId: k.id, expectedVersion: k.version, effectiveFrom: "2026-03-02", electedPercentBasisPoints: 1000 } },
        A.token,
      ),
    ).changeBenefitElection;
    expect(changed.userErrors).toEqual([]);
    expect(changed.previousEnrollment).toMatchObject({ id: k.id, status: "SUPERSEDED", effectiveTo: "2026-03-01" });
    expect(changed.benefitEnrollment).toMatchObject({ status: "ACTIVE", effectiveFrom: "2026-03-02", electedPercentBasisPoints: 1000 });
    const ended = dataOf(
      await t.gql(EndBenefitEnrollmentDocument, { input: { benefitEnrollmentId: m.id, expectedVersion: m.version, endDate: "2026-03-01" } }, A.token),
    ).endBenefitEnrollment;
    expect(ended.benefitEnrollment).toMatchObject({ status: "ENDED", effectiveTo: "2026-03-01" });
    const endedAgain = dataOf(
      await t.gql(EndBenefitEnrollmentDocument, { input: { benefitEnrollmentId: m.id, expectedVersion: 2, endDate: "2026-03-01" } }, A.token),
    ).endBenefitEnrollment;
    expect(endedAgain.userErrors.map((e) => e.code)).toEqual(["ILLEGAL_STATUS_TRANSITION"]);
    const types = (
      await t.database.db
        .select({ type: events.type })
        .from(events)
        .where(inArray(events.objectId, [parseGlobalId(k.id, "BenefitEnrollment")!, parseGlobalId(m.id, "BenefitEnrollment")!]))
    ).map((r) => r.type);
    expect(types.sort()).toEqual(["benefitEnrollment.created", "benefitEnrollment.created", "benefitEnrollment.electionChanged", "benefitEnrollment.ended"]);

    // Period 4: 2026-03-02 to 2026-03-15: 10 % deferral ($300.00), match capped at 5 % of gross ($90 + $30).
    const runId = await runPeriod(4);
    const { lines } = await linesOf(runId, employeeId);
    expect(lines).toMatchObject({ DED_US_401K: "300.00", BEN_ER_US_401K: "120.00" });
    expect(lines.DED_MEDICAL).toBeUndefined();
    expect(lines.BEN_ER_MEDICAL).toBeUndefined();
  });
});

describe("tenancy and scopes", () => {
  it("another client cannot see or enroll A's engagement, nor read its enrollments", async () => {
    const listed = dataOf(await t.gql(EngagementBenefitEnrollmentsDocument, { id: employeeId }, A.token)).node;
    if (listed?.__typename !== "Engagement") throw new Error("not an engagement");
    const enrollmentId = listed.benefitEnrollments!.nodes[0].id;
    expect(dataOf(await t.gql(BenefitNodeDocument, { id: enrollmentId }, B.token)).node).toBeNull();
    const refused = await enroll({ engagementId: employeeId, benefitPlanId: k401.id, effectiveFrom: "2026-06-01", electedPercentBasisPoints: 300 }, B.token);
    expect(refused.userErrors.map((e) => [e.code, e.field.join(".")])).toEqual([
      ["NOT_FOUND", "input.engagementId"],
      ["NOT_FOUND", "input.benefitPlanId"],
    ]);
    expect(errorCodes(await t.gql(EligibleBenefitsDocument, { engagementId: employeeId, asOf: "2026-03-01" }, B.token))).toEqual(["BAD_USER_INPUT"]);
    // B has no engagement of the US entity: the EOR's US plans are not offered to it.
    expect(dataOf(await t.gql(BenefitNodeDocument, { id: k401.id }, B.token)).node).toBeNull();
    const changed = dataOf(
      await t.gql(
        ChangeBenefitElectionDocument,
        { input: { benefitEnrollmentId: enrollmentId, expectedVersion: 1, effectiveFrom: "2026-06-01", electedPercentBasisPoints: 100 } },
        B.token,
      ),
    ).changeBenefitElection;
    expect(changed.userErrors.map((e) => e.code)).toEqual(["NOT_FOUND"]);
  });

  it("benefits:read is enforced on node, edge and payload; benefits:write on mutations", async () => {
    const noRead = await t.token("CLIENT", { clients: [A.clientId], scopes: DEFAULT_SCOPES.CLIENT.filter((s) => s !== "benefits:read") });
    const listed = dataOf(await t.gql(EngagementBenefitEnrollmentsDocument, { id: employeeId }, A.token)).node;
    if (listed?.__typename !== "Engagement") throw new Error("not an engagement");
    const enrollmentId = listed.benefitEnrollments!.nodes[0].id;
    const node = await t.gql(BenefitNodeDocument, { id: enrollmentId }, noRead);
    expect(node.data?.node).toBeNull();
    expect(errorCodes(node)).toEqual(["FORBIDDEN"]);
    const edge = await t.gql(EngagementBenefitEnrollmentsDocument, { id: employeeId }, noRead);
    expect(errorCodes(edge)).toEqual(["FORBIDDEN"]);
    expect(edge.data?.node).toMatchObject({ id: employeeId, benefitEnrollments: null });
    const payload = await t.gql(
      EnrollInBenefitDocument,
      { input: { engagementId: employeeId, benefitPlanId: k401.id, effectiveFrom: "2026-06-01", electedPercentBasisPoints: 300 } },
      noRead,
    );
    expect(errorCodes(payload)).toEqual(["FORBIDDEN"]);
    expect(payload.data?.enrollInBenefit.userErrors.map((e) => e.code)).toEqual(["ENROLLMENT_OVERLAP"]);
    const noWrite = await t.token("CLIENT", { clients: [A.clientId], scopes: DEFAULT_SCOPES.CLIENT.filter((s) => s !== "benefits:write") });
    expect(errorCodes(await t.gql(EnrollInBenefitDocument, { input: { engagementId: employeeId, benefitPlanId: k401.id, effectiveFrom: "2026-06-01" } }, noWrite))).toEqual([
      "FORBIDDEN",
    ]);
    expect(errorCodes(await t.gql(BenefitPlansDocument, {}, noRead))).toEqual(["FORBIDDEN"]);
  });
});
