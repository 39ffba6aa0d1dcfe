import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { startTestServer, dataOf, errorCodes, type TestServer } from "../support/server";
import { hireOnboarded as hire, newPaySchedule, newTenant, newWorker, type Tenant } from "../support/factories";
import {
  ApprovePayrollRunDocument,
  CalculatePayrollRunDocument,
  CreatePayrollRunDocument,
  EngagementOffboardingDocument,
  OffboardEngagementDocument,
  PayrollRunStateDocument,
  PayrollRunStatementLinesDocument,
  type EndEngagementInput,
} from "../generated/graphql";
import { events } from "../../src/modules/events/event.table";
import { payrollRuns } from "../../src/modules/payroll/payroll.table";
import { parseGlobalId } from "../../src/shared/global-id";

/**
 * Offboarding through the real server: `endEngagement` with a termination reason plans the final pay of the work
 * jurisdiction — California's involuntary termination gets an OFF_CYCLE run due on the end date that pays the
 * prorated wages and the PTO payout, and the regular run of that period does not pay those days again; a New York
 * quit is left to the next regular payday; a Canadian ending has its Record of Employment. Bad inputs are
 * userErrors, another tenant's engagement is not found, and the final pay needs `payroll:read`.
 *
 * Schedules are biweekly from 2026-01-05 (pay date 5 days after the period end): period 0 is 2026-01-05 …
 * 2026-01-18, paid 2026-01-23. Engagements end on 2026-01-14 (10 days of the period).
 */
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

interface Setup extends Tenant {
  scheduleId: string;
  periodIds: string[];
}

async function tenantWithSchedule(country: "US" | "CA" = "US"): Promise<Setup> {
  const tenant = await newTenant(t, "offboard");
  const schedule = await newPaySchedule(t, tenant.clientId, { country, name: `${country} biweekly`, periodsAhead: 3 });
  return { ...tenant, scheduleId: schedule.id, periodIds: schedule.periods.nodes.map((p) => p.id) };
}

async function employee(setup: Setup, jurisdiction: string, amount = "78000.00") {
  const country = jurisdiction.slice(0, 2);
  const worker = await newWorker(t, setup.clientId, {
    homeJurisdiction: jurisdiction,
    withholding: country === "US" ? { w4: { filingStatus: "SINGLE" } } : undefined,
  });
  const engagement = await hire(t, worker.id, {
    workJurisdiction: jurisdiction,
    classification: country === "US" ? "US_W2_EMPLOYEE" : "CA_T4_EMPLOYEE",
    startDate: "2026-01-05",
    compensation: { basis: "SALARY", amount: { amount, currency: country === "US" ? "USD" : "CAD" } },
    payScheduleId: setup.scheduleId,
  });
  return { engagementId: engagement.id, workerId: worker.id };
}

async function offboard(input: EndEngagementInput, token: string) {
  return dataOf(await t.gql(OffboardEngagementDocument, { input }, token)).endEngagement;
}

async function runState(id: string, token: string) {
  const node = dataOf(await t.gql(PayrollRunStateDocument, { id }, token)).node;
  if (node?.__typename !== "PayrollRun") throw new Error("not a run");
  return node;
}

async function calculateAndWait(runId: string, token: string) {
  const res = dataOf(await t.gql(CalculatePayrollRunDocument, { input: { payrollRunId: runId } }, token)).calculatePayrollRun;
  expect(res.userErrors).toEqual([]);
  const deadline = Date.now() + 25_000;
  for (;;) {
    const s = await runState(runId, token);
    if (s.status !== "CALCULATING") {
      expect(s.status).toBe("CALCULATED");
      return s;
    }
    if (Date.now() > deadline) throw new Error("still CALCULATING");
    await new Promise((r) => setTimeout(r, 40));
  }
}

async function approve(runId: string, token: string) {
  const res = dataOf(await t.gql(ApprovePayrollRunDocument, { input: { payrollRunId: runId } }, token)).approvePayrollRun;
  expect(res.userErrors).toEqual([]);
}

/** Lines of each statement of a run, keyed by engagement global ID. */
async function statementLines(runId: string, token: string): Promise<Map<string, Record<string, string>>> {
  const node = dataOf(await t.gql(PayrollRunStatementLinesDocument, { id: runId }, token)).node;
  if (node?.__typename !== "PayrollRun") throw new Error("not a run");
  return new Map(node.statements.nodes.map((s) => [s.engagement!.id, Object.fromEntries(s.lines.map((l) => [l.code, l.amount.amount]))]));
}

async function regularRun(setup: Setup, periodIndex = 0) {
  const res = dataOf(await t.gql(CreatePayrollRunDocument, { input: { clientId: setup.clientId, payPeriodId: setup.periodIds[periodIndex] } }, setup.token)).createPayrollRun;
  expect(res.userErrors).toEqual([]);
  return res.payrollRun!.id;
}

/** The engagement's events, without the onboarding steps its hire went through (test/support/factories.ts `onboard`). */
async function eventTypesOf(engagementId: string) {
  const rows = await t.database.db
    .select({ type: events.type, after: events.after })
    .from(events)
    .where(and(eq(events.objectType, "Engagement"), eq(events.objectId, parseGlobalId(engagementId, "Engagement")!)))
    .orderBy(asc(events.seq));
  return rows.filter((r) => r.type !== "engagement.onboardingStepRecorded" && r.type !== "engagement.workAuthorizationVerified");
}

describe("offboarding", () => {
  it("California, involuntary: an OFF_CYCLE final-pay run due on the end date pays the prorated wages and the PTO payout; the regular run does not pay those days again", async () => {
    const setup = await tenantWithSchedule();
    const leaving = await employee(setup, "US-CA");
    const staying = await employee(setup, "US-CA");

    const res = await offboard({ engagementId: leaving.engagementId, endDate: "2026-01-14", terminationReason: "INVOLUNTARY", unusedPtoHours: "7.5" }, setup.token);
    expect(res.userErrors).toEqual([]);
    const finalPay = res.engagement!.finalPay!;
    expect(res.engagement!.terminationReason).toBe("INVOLUNTARY");
    expect(finalPay).toMatchObject({
      terminationReason: "INVOLUNTARY",
      case: "INVOLUNTARY",
      deadline: "2026-01-14",
      statuteFound: true,
      nextRegularPayDate: "2026-01-23",
      paidBy: "OFF_CYCLE_RUN",
      paysFrom: "2026-01-05",
      paysThrough: "2026-01-14",
      lastDayWorked: "2026-01-14",
      unusedPtoHours: "7.50",
      ptoPayout: { amount: "281.25", currency: "USD" }, // 78,000 ÷ 2080 × 7.5
    });
    expect(finalPay.citation).toContain("Cal. Lab. Code §201");
    expect(finalPay.ptoCitation).toContain("§227.3");
    expect(finalPay.offCycleRun).toMatchObject({ id: finalPay.offCycleRunId, kind: "OFF_CYCLE", status: "DRAFT", payDate: "2026-01-14" });
    expect(res.engagement!.recordOfEmployment).toBeNull();

    // Events: the end carries the reason code; the final pay is scheduled; no amounts in them.
    const evs = await eventTypesOf(leaving.engagementId);
    expect(evs.map((e) => e.type)).toEqual(["engagement.created", "engagement.ended", "engagement.finalPayScheduled"]);
    expect(evs[1].after).toMatchObject({ terminationReason: "INVOLUNTARY" });
    expect(evs[2].after).toEqual({
      terminationReason: "INVOLUNTARY",
      finalPayCase: "INVOLUNTARY",
      deadline: "2026-01-14",
      statuteFound: true,
      paidBy: "OFF_CYCLE_RUN",
      payrollRunId: parseGlobalId(finalPay.offCycleRunId!, "PayrollRun"),
      nextRegularPayDate: "2026-01-23",
    });

    // The final-pay run: 10 of 14 days of a biweekly 78,000 salary (7,800,000 × 10 / 364 = 214,285.71 → 2,142.86) + payout.
    const offCycleId = finalPay.offCycleRunId!;
    await calculateAndWait(offCycleId, setup.token);
    const finalLines = await statementLines(offCycleId, setup.token);
    expect([...finalLines.keys()]).toEqual([leaving.engagementId]);
    expect(finalLines.get(leaving.engagementId)).toMatchObject({ EARNING_REGULAR: "2142.86", EARNING_PTO_PAYOUT: "281.25" });
    await approve(offCycleId, setup.token);

    // The regular run of the period pays the colleague's full period and nothing to the ended engagement.
    const regularId = await regularRun(setup);
    await calculateAndWait(regularId, setup.token);
    const regularLines = await statementLines(regularId, setup.token);
    expect([...regularLines.keys()]).toEqual([staying.engagementId]);
    expect(regularLines.get(staying.engagementId)!.EARNING_REGULAR).toBe("3000.00");
    expect(regularLines.get(staying.engagementId)!.EARNING_PTO_PAYOUT).toBeUndefined();
    await approve(regularId, setup.token);
  });

  it("a cancelled final-pay run gives the days and the payout back to the regular run", async () => {
    const setup = await tenantWithSchedule();
    const leaving = await employee(setup, "US-CA");
    const res = await offboard({ engagementId: leaving.engagementId, endDate: "2026-01-14", terminationReason: "INVOLUNTARY", unusedPtoHours: "7.5" }, setup.token);
    expect(res.userErrors).toEqual([]);
    const offCycleId = res.engagement!.finalPay!.offCycleRunId!;
    await t.database.db
      .update(payrollRuns)
      .set({ status: "CANCELLED" })
      .where(eq(payrollRuns.id, parseGlobalId(offCycleId, "PayrollRun")!));
    const regularId = await regularRun(setup);
    await calculateAndWait(regularId, setup.token);
    expect((await statementLines(regularId, setup.token)).get(leaving.engagementId)).toMatchObject({ EARNING_REGULAR: "2142.86", EARNING_PTO_PAYOUT: "281.25" });
  });

  it("New York, a quit: due on the next regular payday, no off-cycle run; the regular run pays through the end date", async () => {
    const setup = await tenantWithSchedule();
    const leaving = await employee(setup, "US-NY");
    const res = await offboard({ engagementId: leaving.engagementId, endDate: "2026-01-14", terminationReason: "VOLUNTARY", noticeGivenOn: "2026-01-02" }, setup.token);
    expect(res.userErrors).toEqual([]);
    expect(res.engagement!.finalPay).toMatchObject({
      case: "VOLUNTARY_WITHOUT_NOTICE",
      deadline: "2026-01-23",
      paidBy: "NEXT_REGULAR_RUN",
      offCycleRunId: null,
      offCycleRun: null,
      noticeGivenOn: "2026-01-02",
      ptoPayout: { amount: "0.00", currency: "USD" },
    });
    expect(res.engagement!.finalPay!.citation).toContain("N.Y. Lab. Law §191(3)");
    const runs = await t.database.db.select({ id: payrollRuns.id }).from(payrollRuns).where(eq(payrollRuns.clientId, setup.clientDbId));
    expect(runs).toEqual([]);

    const regularId = await regularRun(setup);
    await calculateAndWait(regularId, setup.token);
    const lines = (await statementLines(regularId, setup.token)).get(leaving.engagementId)!;
    expect(lines.EARNING_REGULAR).toBe("2142.86");
    expect(lines.EARNING_PTO_PAYOUT).toBeUndefined();
  });

  it("Ontario, a quit: the Record of Employment (reason E, due 5 days after the final pay period), complete once the run is approved", async () => {
    const setup = await tenantWithSchedule("CA");
    const leaving = await employee(setup, "CA-ON");
    const res = await offboard(
      { engagementId: leaving.engagementId, endDate: "2026-01-14", terminationReason: "VOLUNTARY", vacationPayOwed: { amount: "500.00", currency: "CAD" } },
      setup.token,
    );
    expect(res.userErrors).toEqual([]);
    expect(res.engagement!.finalPay).toMatchObject({ deadline: "2026-01-23", paidBy: "NEXT_REGULAR_RUN", ptoPayout: { amount: "500.00", currency: "CAD" } });
    expect(res.engagement!.finalPay!.citation).toContain("s. 11(5)");
    const roe = res.engagement!.recordOfEmployment!;
    expect(roe).toEqual({
      engagementId: leaving.engagementId,
      workerId: leaving.workerId,
      reasonCode: "E",
      reasonDescription: "Quit",
      firstDayWorked: "2026-01-05",
      lastDayForWhichPaid: "2026-01-14",
      finalPayPeriodEndDate: "2026-01-18",
      dueOn: "2026-01-23",
      totalInsurableHours: "0.00",
      totalInsurableEarnings: { amount: "0.00", currency: "CAD" },
      payPeriods: [],
      vacationPay: { amount: "0.00", currency: "CAD" },
      complete: false,
    });
    const evs = await eventTypesOf(leaving.engagementId);
    expect(evs.map((e) => e.type)).toEqual(["engagement.created", "engagement.ended", "engagement.finalPayScheduled", "engagement.recordOfEmploymentProduced"]);
    expect(evs[3].after).toEqual({ reasonCode: "E", dueOn: "2026-01-23", finalPayPeriodEnd: "2026-01-18" });

    const regularId = await regularRun(setup);
    await calculateAndWait(regularId, setup.token);
    expect((await statementLines(regularId, setup.token)).get(leaving.engagementId)).toMatchObject({ EARNING_REGULAR: "2142.86", EARNING_PTO_PAYOUT: "500.00" });
    await approve(regularId, setup.token);

    const node = dataOf(await t.gql(EngagementOffboardingDocument, { id: leaving.engagementId }, setup.token)).node;
    if (node?.__typename !== "Engagement") throw new Error("not an engagement");
    expect(node.recordOfEmployment).toMatchObject({
      complete: true,
      totalInsurableEarnings: { amount: "2142.86", currency: "CAD" },
      totalInsurableHours: "64.00", // 8 weekdays of January 5-14 × 8 h
      payPeriods: [{ periodEnd: "2026-01-18", insurableEarnings: { amount: "2142.86" }, insurableHours: "64.00" }],
      vacationPay: { amount: "500.00", currency: "CAD" },
    });
  });

  it("bad inputs are userErrors and change nothing", async () => {
    const setup = await tenantWithSchedule();
    const ca = await employee(setup, "US-CA");
    const base = { engagementId: ca.engagementId, endDate: "2026-01-14" };
    const cases: [EndEngagementInput, string[], string][] = [
      [{ ...base, terminationReason: "INVOLUNTARY", unusedPtoHours: "abc" }, ["input", "unusedPtoHours"], "INVALID_INPUT"],
      [{ ...base, terminationReason: "VOLUNTARY", noticeGivenOn: "2026-01-15", unusedPtoHours: "0" }, ["input", "noticeGivenOn"], "INVALID_DATE_RANGE"],
      [{ ...base, terminationReason: "INVOLUNTARY", lastDayWorked: "2026-01-20", unusedPtoHours: "0" }, ["input", "lastDayWorked"], "INVALID_DATE_RANGE"],
      [{ ...base, noticeGivenOn: "2026-01-10" }, ["input", "noticeGivenOn"], "INVALID_INPUT"],
      [{ ...base, terminationReason: "INVOLUNTARY" }, ["input", "unusedPtoHours"], "PTO_HOURS_REQUIRED"],
      [{ ...base, terminationReason: "INVOLUNTARY", unusedPtoHours: "1", vacationPayOwed: { amount: "1.00", currency: "USD" } }, ["input", "vacationPayOwed"], "INVALID_INPUT"],
    ];
    for (const [input, field, code] of cases) {
      const res = await offboard(input, setup.token);
      expect(res.engagement, JSON.stringify(input)).toBeNull();
      expect(res.userErrors.map((e) => [e.field, e.code])).toEqual([[field, code]]);
    }
    const missing = (await offboard({ ...base, terminationReason: "INVOLUNTARY" }, setup.token)).userErrors[0];
    expect(missing.message).toContain("§227.3");

    const caSetup = await tenantWithSchedule("CA");
    const on = await employee(caSetup, "CA-ON");
    const onBase = { engagementId: on.engagementId, endDate: "2026-01-14", terminationReason: "INVOLUNTARY" as const };
    expect((await offboard(onBase, caSetup.token)).userErrors.map((e) => [e.field, e.code])).toEqual([[["input", "vacationPayOwed"], "VACATION_PAY_OWED_REQUIRED"]]);
    expect((await offboard({ ...onBase, vacationPayOwed: { amount: "10.00", currency: "USD" } }, caSetup.token)).userErrors.map((e) => [e.field, e.code])).toEqual([
      [["input", "vacationPayOwed", "currency"], "CURRENCY_MISMATCH"],
    ]);

    for (const [id, token] of [
      [ca.engagementId, setup.token],
      [on.engagementId, caSetup.token],
    ] as const) {
      const node = dataOf(await t.gql(EngagementOffboardingDocument, { id }, token)).node;
      expect(node).toMatchObject({ status: "ACTIVE", terminationReason: null, finalPay: null, recordOfEmployment: null });
    }
    expect(await t.database.db.select({ id: payrollRuns.id }).from(payrollRuns).where(eq(payrollRuns.clientId, setup.clientDbId))).toEqual([]);
  });

  it("another tenant's engagement cannot be ended nor its final pay read", async () => {
    const a = await tenantWithSchedule();
    const b = await tenantWithSchedule();
    const mine = await employee(a, "US-CA");
    const refused = await offboard({ engagementId: mine.engagementId, endDate: "2026-01-14", terminationReason: "INVOLUNTARY", unusedPtoHours: "0" }, b.token);
    expect(refused.userErrors.map((e) => e.code)).toEqual(["NOT_FOUND"]);
    const ok = await offboard({ engagementId: mine.engagementId, endDate: "2026-01-14", terminationReason: "INVOLUNTARY", unusedPtoHours: "0" }, a.token);
    expect(ok.userErrors).toEqual([]);
    expect(dataOf(await t.gql(EngagementOffboardingDocument, { id: mine.engagementId }, b.token)).node).toBeNull();
    // B's regular run never pays A's ended engagement, and A's final-pay run is not B's.
    expect(dataOf(await t.gql(PayrollRunStateDocument, { id: ok.engagement!.finalPay!.offCycleRunId! }, b.token)).node).toBeNull();
  });

  it("the final pay and the ROE need payroll:read; ending needs workers:write", async () => {
    const setup = await tenantWithSchedule();
    const e = await employee(setup, "US-CA");
    const readOnly = await t.token("CLIENT", { clients: [setup.clientId], scopes: ["workers:read"] });
    const denied = await t.gql(
      OffboardEngagementDocument,
      { input: { engagementId: e.engagementId, endDate: "2026-01-14", terminationReason: "INVOLUNTARY", unusedPtoHours: "0" } },
      readOnly,
    );
    expect(errorCodes(denied)).toEqual(["FORBIDDEN"]);
    expect((await offboard({ engagementId: e.engagementId, endDate: "2026-01-14", terminationReason: "INVOLUNTARY", unusedPtoHours: "0" }, setup.token)).userErrors).toEqual([]);
    const res = await t.gql(EngagementOffboardingDocument, { id: e.engagementId }, readOnly);
    const node = res.data?.node;
    expect(node).toMatchObject({ status: "ENDED", terminationReason: "INVOLUNTARY", finalPay: null, recordOfEmployment: null });
    expect(errorCodes(res)).toEqual(["FORBIDDEN", "FORBIDDEN"]);
    expect((res.errors ?? []).map((err) => err.path?.join("."))).toEqual(["node.finalPay", "node.recordOfEmployment"]);
  });
});
