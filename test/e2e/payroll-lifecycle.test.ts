import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { startNode, startTestServer, dataOf, errorCodes, unique, type TestServer } from "../support/server";
import { hire as hireWorker, newPaySchedule, newTenant as newTenantOf, newWorker, onboard } from "../support/factories";
import {
  AcceptMsaDocument,
  AddMsaClauseDocument,
  AddOneOffEarningDocument,
  ApprovePayrollRunDocument,
  CalculatePayrollRunDocument,
  CancelPayrollRunDocument,
  ChangeCompensationDocument,
  EngagementNodeDocument,
  LaborLawUpdateEngagementDocument,
  CreateMsaDocument,
  CreatePayrollRunDocument,
  MsaNodeDocument,
  PayrollRunStateDocument,
  PayrollRunStatementLinesDocument,
  PayrollRunStatementYearToDateDocument,
  RecordTimeEntriesDocument,
  RemoveOneOffEarningDocument,
  UpdateWorkerDocument,
  type AddOneOffEarningInput,
  type HireWorkerInput,
  type PayrollRunStatementLinesQuery,
  type PayrollRunStatementLinesQueryVariables,
  type W4Input,
} from "../generated/graphql";
import { events } from "../../src/modules/events/event.table";
import { payrollRuns } from "../../src/modules/payroll/payroll.table";
import { employerEntities } from "../../src/modules/employers/employer.table";
import { remittances } from "../../src/modules/remittances/remittance.table";
import { newId } from "../../src/shared/ids";
import { parseGlobalId, toGlobalId } from "../../src/shared/global-id";
import { PAYROLL_RUN_TRANSITIONS, type PayrollRunStatus } from "../../src/modules/payroll/payroll-run.status";

/**
 * The payroll run lifecycle over a real server (Postgres with graphile-worker, or PGlite with the in-process
 * runner): every transition and every illegal one, background calculation (amounts checked by hand), blockers,
 * approval by the MSA's party, scopes, inputs changed since the calculation, parallel approvals, recovery of a
 * run left CALCULATING, year-to-date maxima over several runs, determinism and tenant isolation.
 *
 * The pay schedule is US biweekly from 2026-01-05: period 0 is 2026-01-05 … 2026-01-18 (14 days, paid
 * 2026-01-23), period 1 2026-01-19 … 2026-02-01, period 2 2026-02-02 … 2026-02-15.
 */
let t: TestServer;
let operator: string;
let usEntityId: string;

const usd = (amount: string) => ({ amount, currency: "USD" as const });
const SINGLE: W4Input = { filingStatus: "SINGLE" };
const ALL_STATUSES = Object.keys(PAYROLL_RUN_TRANSITIONS) as PayrollRunStatus[];

interface Tenant {
  clientId: string;
  clientDbId: string;
  token: string;
  scheduleId: string;
  periodIds: string[];
}

async function newTenant(prefix = "life"): Promise<Tenant> {
  const tenant = await newTenantOf(t, prefix);
  const schedule = await newPaySchedule(t, tenant.clientId, { periodsAhead: 6 });
  return { ...tenant, scheduleId: schedule.id, periodIds: schedule.periods.nodes.map((p) => p.id) };
}

interface HireOptions {
  basis?: "SALARY" | "HOURLY" | "FIXED_FEE";
  amount?: string;
  jurisdiction?: string;
  classification?: HireWorkerInput["classification"];
  startDate?: string;
  endDate?: string | null;
  w4?: W4Input | null;
  /** false: leave onboarding (payment method, agreement, work authorization) undone. */
  onboarded?: boolean;
}

async function hire(tenant: Tenant, options: HireOptions = {}) {
  const jurisdiction = options.jurisdiction ?? "US-TX";
  const worker = await newWorker(t, tenant.clientId, {
    legalFirstName: "Pay",
    legalLastName: "Roll",
    homeJurisdiction: jurisdiction,
    withholding: options.w4 === null ? undefined : { w4: options.w4 ?? SINGLE },
  });
  const engagement = await hireWorker(t, worker.id, {
    workJurisdiction: jurisdiction,
    classification: options.classification ?? "US_W2_EMPLOYEE",
    startDate: options.startDate ?? "2026-01-05",
    endDate: options.endDate ?? null,
    compensation: { basis: options.basis ?? "SALARY", amount: usd(options.amount ?? "78000.00") },
    payScheduleId: tenant.scheduleId,
  });
  if (options.onboarded !== false) await onboard(t, engagement.id);
  return { engagementId: engagement.id, workerId: worker.id, workerVersion: worker.version };
}

async function createRun(tenant: Tenant, periodIndex: number) {
  const res = dataOf(await t.gql(CreatePayrollRunDocument, { input: { clientId: tenant.clientId, payPeriodId: tenant.periodIds[periodIndex] } }, tenant.token)).createPayrollRun;
  expect(res.userErrors).toEqual([]);
  return res.payrollRun!.id;
}

async function createOffCycleRun(tenant: Tenant) {
  const res = dataOf(
    await t.gql(CreatePayrollRunDocument, { input: { clientId: tenant.clientId, kind: "OFF_CYCLE", payPeriodId: tenant.periodIds[0] } }, tenant.token),
  ).createPayrollRun;
  expect(res.userErrors).toEqual([]);
  return res.payrollRun!.id;
}

async function calculate(runId: string, token: string) {
  return dataOf(await t.gql(CalculatePayrollRunDocument, { input: { payrollRunId: runId } }, token)).calculatePayrollRun;
}

async function approve(runId: string, token: string, expectedInputsDigest?: string) {
  return dataOf(await t.gql(ApprovePayrollRunDocument, { input: { payrollRunId: runId, expectedInputsDigest } }, token)).approvePayrollRun;
}

async function cancel(runId: string, token: string, reason?: string) {
  return dataOf(await t.gql(CancelPayrollRunDocument, { input: { payrollRunId: runId, reason } }, token)).cancelPayrollRun;
}

async function addOneOff(input: AddOneOffEarningInput, token: string) {
  return dataOf(await t.gql(AddOneOffEarningDocument, { input }, token)).addOneOffEarning;
}

async function state(runId: string, token: string) {
  const node = dataOf(await t.gql(PayrollRunStateDocument, { id: runId }, token)).node;
  if (node?.__typename !== "PayrollRun") throw new Error(`not a run: ${JSON.stringify(node)}`);
  return node;
}

/** Polls the run until it leaves CALCULATING (the calculation is background work). */
async function settled(runId: string, token: string) {
  const deadline = Date.now() + 25_000;
  for (;;) {
    const s = await state(runId, token);
    if (s.status !== "CALCULATING") return s;
    if (Date.now() > deadline) throw new Error(`run ${runId} still CALCULATING`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

async function calculated(runId: string, token: string) {
  const res = await calculate(runId, token);
  expect(res.userErrors).toEqual([]);
  expect(res.payrollRun!.status).toBe("CALCULATING");
  const s = await settled(runId, token);
  expect(s.status).toBe("CALCULATED");
  return s;
}

/** Every statement of a run with its lines, keyed by engagement global ID. */
async function statements(runId: string, token: string) {
  const all = new Map<string, { gross: string; net: string; employeeTaxes: string; employerTaxes: string; lines: Record<string, string> }>();
  let after: string | null | undefined = undefined;
  for (;;) {
    const res: Awaited<ReturnType<typeof t.gql<PayrollRunStatementLinesQuery, PayrollRunStatementLinesQueryVariables>>> = await t.gql(
      PayrollRunStatementLinesDocument,
      { id: runId, after },
      token,
    );
    const node = dataOf(res).node;
    if (node?.__typename !== "PayrollRun") throw new Error("not a run");
    for (const s of node.statements.nodes) {
      all.set(s.engagement!.id, {
        gross: s.gross.amount,
        net: s.net.amount,
        employeeTaxes: s.employeeTaxes.amount,
        employerTaxes: s.employerTaxes.amount,
        lines: Object.fromEntries(s.lines.map((l) => [l.code, l.amount.amount])),
      });
    }
    if (!node.statements.pageInfo.hasNextPage) return all;
    after = node.statements.pageInfo.endCursor;
  }
}

async function setStatus(runId: string, status: PayrollRunStatus, updatedAt = new Date()) {
  await t.database.db
    .update(payrollRuns)
    .set({ status, updatedAt })
    .where(eq(payrollRuns.id, parseGlobalId(runId, "PayrollRun")!));
}

async function insertRun(tenant: Tenant, status: PayrollRunStatus) {
  const id = newId();
  await t.database.db
    .insert(payrollRuns)
    .values({ id, clientId: tenant.clientDbId, employerEntityId: usEntityId, kind: "OFF_CYCLE", status, currency: "USD", payDate: "2026-03-06" });
  return toGlobalId("PayrollRun", id);
}

async function withMsa(tenant: Tenant, clauses: { party: "EOR" | "CLIENT" | "SHARED"; jurisdictions?: string[] }[]) {
  const msa = dataOf(await t.gql(CreateMsaDocument, { input: { clientId: tenant.clientId, title: "MSA", effectiveFrom: "2026-01-01" } }, operator)).createMsa.msa!;
  for (const c of clauses) {
    const res = dataOf(
      await t.gql(
        AddMsaClauseDocument,
        {
          input: {
            msaId: msa.id,
            category: "PAYROLL_APPROVAL",
            responsibleParty: c.party,
            jurisdictions: c.jurisdictions ?? [],
            title: "Payroll approval",
            text: "Who approves payroll.",
          },
        },
        operator,
      ),
    ).addMsaClause;
    expect(res.userErrors).toEqual([]);
  }
  const node = dataOf(await t.gql(MsaNodeDocument, { id: msa.id }, operator)).node;
  const contentDigest = node && "contentDigest" in node ? node.contentDigest : "";
  // In force once both parties have accepted it: the EOR, then the client.
  for (const token of [operator, tenant.token]) {
    expect(dataOf(await t.gql(AcceptMsaDocument, { input: { msaId: msa.id, contentDigest } }, token)).acceptMsa.userErrors).toEqual([]);
  }
}

/** A tenant with a CALCULATED off-cycle run (one bonus, no blockers), ready to approve. */
async function calculatedOffCycle(tenant: Tenant) {
  const { engagementId } = await hire(tenant);
  const runId = await createOffCycleRun(tenant);
  expect((await addOneOff({ payrollRunId: runId, engagementId, kind: "BONUS", amount: usd("1000.00"), description: "Bonus" }, tenant.token)).userErrors).toEqual([]);
  const s = await calculated(runId, tenant.token);
  expect(s.blockers.totalCount).toBe(0);
  return runId;
}

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
  const [us] = await t.database.db.select().from(employerEntities).where(eq(employerEntities.country, "US"));
  usEntityId = us.id;
});
afterAll(() => t.stop());

describe("calculation", () => {
  it("DRAFT → CALCULATING (at once) → CALCULATED, with salary, proration, hours and fees computed exactly", async () => {
    const A = await newTenant();
    const salaried = await hire(A, { amount: "78000.00" }); // 3,000.00 per period
    const lateStart = await hire(A, { amount: "100000.00", startDate: "2026-01-08" }); // 11 of 14 days
    const earlyEnd = await hire(A, { amount: "78000.00", endDate: "2026-01-09" }); // 5 of 14 days
    const raised = await hire(A, { amount: "52000.00" }); // 78,000 from 2026-01-12: 7 days at each
    const hourly = await hire(A, { basis: "HOURLY", amount: "40.00" });
    const contractor = await hire(A, { basis: "FIXED_FEE", amount: "2500.00", classification: "US_1099_CONTRACTOR", w4: null });
    const later = await hire(A, { startDate: "2026-01-19" }); // starts after the period: not paid
    const change = dataOf(
      await t.gql(ChangeCompensationDocument, { input: { engagementId: raised.engagementId, basis: "SALARY", amount: usd("78000.00"), effectiveFrom: "2026-01-12" } }, operator),
    ).changeCompensation;
    expect(change.userErrors).toEqual([]);
    const entries = dataOf(
      await t.gql(
        RecordTimeEntriesDocument,
        {
          input: {
            entries: [
              { engagementId: hourly.engagementId, date: "2026-01-05", hours: "8", type: "REGULAR" },
              { engagementId: hourly.engagementId, date: "2026-01-05", hours: "2", type: "OVERTIME" },
              { engagementId: hourly.engagementId, date: "2026-01-06", hours: "8", type: "PTO" },
              { engagementId: hourly.engagementId, date: "2026-01-19", hours: "8", type: "REGULAR" }, // next period
            ],
          },
        },
        A.token,
      ),
    ).recordTimeEntries;
    expect(entries.userErrors).toEqual([]);

    const runId = await createRun(A, 0);
    const started = await calculate(runId, A.token);
    expect(started.userErrors).toEqual([]);
    expect(started.payrollRun).toMatchObject({ status: "CALCULATING", inputsDigest: null, calculatedAt: null });
    const done = await settled(runId, A.token);
    expect(done).toMatchObject({ status: "CALCULATED", failureReason: null });
    expect(done.inputsDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(done.calculatedAt).not.toBeNull();
    expect(done.calculationAttempts).toBe(1);
    expect(done.blockers.totalCount).toBe(0);

    const byEngagement = await statements(runId, A.token);
    expect(byEngagement.size).toBe(6);
    expect(byEngagement.has(later.engagementId)).toBe(false);
    expect(byEngagement.get(salaried.engagementId)!.gross).toBe("3000.00");
    expect(byEngagement.get(lateStart.engagementId)!.gross).toBe("3021.98"); // 100,000 × 11 / (26 × 14) = 3,021.978…
    expect(byEngagement.get(earlyEnd.engagementId)!.gross).toBe("1071.43"); // 3,000 × 5 / 14 = 1,071.428…
    expect(byEngagement.get(raised.engagementId)!.gross).toBe("2500.00"); // 2,000 × 7/14 + 3,000 × 7/14
    expect(byEngagement.get(hourly.engagementId)!.gross).toBe("760.00"); // 8 × 40 + 2 × 60 + 8 × 40
    const fee = byEngagement.get(contractor.engagementId)!;
    expect(fee).toMatchObject({ gross: "2500.00", net: "2500.00", employeeTaxes: "0.00", employerTaxes: "0.00" });
    expect(Object.keys(fee.lines)).toEqual(["CONTRACTOR_FEE"]); // fees, not wages

    // A W-2 employee's statement: FICA at the statutory rates, net = gross − employee taxes.
    const s = byEngagement.get(salaried.engagementId)!;
    expect(s.lines.US_SS_EE).toBe("186.00"); // 6.2 %
    expect(s.lines.US_MEDICARE_EE).toBe("43.50"); // 1.45 %
    expect(s.lines.US_FUTA_ER).toBe("18.00"); // 0.6 %
    expect(Number(s.net)).toBeCloseTo(Number(s.gross) - Number(s.employeeTaxes), 2);
    expect(done.totals.statementCount).toBe(6);
    expect(done.totals.gross.amount).toBe("12853.41");

    // Status events: created, DRAFT → CALCULATING by the caller, CALCULATING → CALCULATED by the calculator.
    const runEvents = await t.database.db
      .select()
      .from(events)
      .where(eq(events.objectId, parseGlobalId(runId, "PayrollRun")!))
      .orderBy(asc(events.seq));
    expect(runEvents.map((e) => [e.type, (e.before as { status?: string } | null)?.status ?? null, (e.after as { status: string }).status, e.actorKind])).toEqual([
      ["payrollRun.created", null, "DRAFT", "CLIENT"],
      ["payrollRun.statusChanged", "DRAFT", "CALCULATING", "CLIENT"],
      ["payrollRun.statusChanged", "CALCULATING", "CALCULATED", "SYSTEM"],
    ]);
    expect(runEvents[2].actorId).toBe("calculator");
  });

  it("is deterministic: recalculating the same inputs gives identical statements and digest", async () => {
    const A = await newTenant();
    for (const amount of ["65000.00", "91234.56", "250000.00"]) await hire(A, { amount });
    await hire(A, { amount: "120000.00", jurisdiction: "US-CA" });
    await hire(A, { amount: "88000.00", jurisdiction: "US-PA", w4: { filingStatus: "MARRIED_FILING_JOINTLY", multipleJobs: true, dependentsAmount: usd("2000.00") } });
    const runId = await createRun(A, 0);
    const first = await calculated(runId, A.token);
    const firstStatements = await statements(runId, A.token);

    const again = await calculated(runId, A.token); // CALCULATED → CALCULATING → CALCULATED
    expect(again.calculationAttempts).toBe(2);
    expect(again.inputsDigest).toBe(first.inputsDigest);
    expect(await statements(runId, A.token)).toEqual(firstStatements);
    expect(again.totals).toEqual(first.totals);
  });

  it("lists blockers with their engagement; a blocked run cannot be approved until fixed and recalculated", async () => {
    const A = await newTenant();
    const noW4 = await hire(A, { w4: null });
    const noHours = await hire(A, { basis: "HOURLY", amount: "30.00" });
    const fine = await hire(A);
    const runId = await createRun(A, 0);
    const s = await calculated(runId, A.token);
    // Without a W-4 the onboarding checklist's federal form is missing too (it is derived from the same data).
    expect(s.blockers.totalCount).toBe(3);
    expect(s.blockers.nodes.every((b) => b.blockerCode === b.code)).toBe(true);
    expect(s.blockers.nodes.map((b) => [b.blockerCode, b.engagement?.id]).sort()).toEqual(
      [
        ["MISSING_W4", noW4.engagementId],
        ["ONBOARDING_INCOMPLETE", noW4.engagementId],
        ["NO_HOURS", noHours.engagementId],
      ].sort(),
    );
    // The statement of an engine blocker is kept (everything but federal income tax); NO_HOURS has none.
    const byEngagement = await statements(runId, A.token);
    expect([...byEngagement.keys()].sort()).toEqual([noW4.engagementId, fine.engagementId].sort());
    expect(byEngagement.get(noW4.engagementId)!.lines.US_FIT).toBeUndefined();

    const refused = await approve(runId, A.token);
    expect(refused.payrollRun).toBeNull();
    expect(refused.userErrors.map((e) => e.code)).toEqual(["PAYROLL_RUN_BLOCKED"]);
    expect((await state(runId, A.token)).status).toBe("CALCULATED");

    // Fix both: a W-4 (which completes onboarding as well), and 0 hours recorded on purpose.
    const updated = dataOf(
      await t.gql(UpdateWorkerDocument, { input: { id: noW4.workerId, expectedVersion: noW4.workerVersion, withholding: { w4: SINGLE } } }, operator),
    ).updateWorker;
    expect(updated.userErrors).toEqual([]);
    const recorded = dataOf(
      await t.gql(RecordTimeEntriesDocument, { input: { entries: [{ engagementId: noHours.engagementId, date: "2026-01-05", hours: "0", type: "REGULAR" }] } }, A.token),
    ).recordTimeEntries;
    expect(recorded.userErrors).toEqual([]);
    const fixed = await calculated(runId, A.token);
    expect(fixed.blockers.totalCount).toBe(0);
    expect((await statements(runId, A.token)).get(noHours.engagementId)!.gross).toBe("0.00");
    const ok = await approve(runId, A.token, fixed.inputsDigest!);
    expect(ok.userErrors).toEqual([]);
    expect(ok.payrollRun!.status).toBe("APPROVED");
  });

  it("lists an employee engagement without a pay schedule with NO_PAY_SCHEDULE until one is assigned", async () => {
    const A = await newTenant();
    const scheduled = await hire(A);
    const worker = await newWorker(t, A.clientId, { legalFirstName: "No", legalLastName: "Schedule", homeJurisdiction: "US-TX", withholding: { w4: SINGLE } });
    const unscheduled = await hireWorker(t, worker.id, { startDate: "2026-01-05" }); // no payScheduleId
    await onboard(t, unscheduled.id);
    const runId = await createRun(A, 0);
    const s = await calculated(runId, A.token);
    expect(s.blockers.nodes.map((b) => [b.blockerCode, b.engagement?.id])).toEqual([["NO_PAY_SCHEDULE", unscheduled.id]]);
    expect([...(await statements(runId, A.token)).keys()]).toEqual([scheduled.engagementId]);

    const current = dataOf(await t.gql(EngagementNodeDocument, { id: unscheduled.id }, operator)).node as { version: number };
    const assigned = dataOf(
      await t.gql(LaborLawUpdateEngagementDocument, { input: { engagementId: unscheduled.id, expectedVersion: current.version, payScheduleId: A.scheduleId } }, operator),
    ).updateEngagement;
    expect(assigned.userErrors).toEqual([]);
    // Recalculated, the run pays both.
    const fixed = await calculated(runId, A.token);
    expect(fixed.blockers.totalCount).toBe(0);
    expect([...(await statements(runId, A.token)).keys()].sort()).toEqual([scheduled.engagementId, unscheduled.id].sort());
  }, 120_000);

  it("blocks an unsupported jurisdiction, and pays one-off earnings only on an off-cycle run", async () => {
    const A = await newTenant();
    const nd = await hire(A, { jurisdiction: "US-WV" }); // West Virginia: no state module yet
    const tx = await hire(A);
    const runId = await createOffCycleRun(A);
    expect((await addOneOff({ payrollRunId: runId, engagementId: nd.engagementId, kind: "BONUS", amount: usd("500.00") }, A.token)).userErrors).toEqual([]);
    const added = await addOneOff({ payrollRunId: runId, engagementId: tx.engagementId, kind: "REIMBURSEMENT", amount: usd("120.50"), description: "Travel" }, A.token);
    expect(added.userErrors).toEqual([]);
    expect(added.oneOffEarning).toMatchObject({ kind: "REIMBURSEMENT", amount: { amount: "120.50", currency: "USD" }, description: "Travel", engagement: { id: tx.engagementId } });
    const s = await calculated(runId, A.token);
    expect(s.oneOffEarnings.totalCount).toBe(2);
    expect(s.blockers.nodes.map((b) => [b.code, b.engagement?.id])).toEqual([["UNSUPPORTED_TAX_JURISDICTION", nd.engagementId]]);
    const byEngagement = await statements(runId, A.token);
    expect(byEngagement.get(nd.engagementId)).toMatchObject({ gross: "500.00" });
    expect(byEngagement.get(nd.engagementId)!.lines.EARNING_SUPPLEMENTAL).toBe("500.00");
    expect(byEngagement.get(nd.engagementId)!.lines.US_FIT).toBe("110.00"); // 22 % supplemental
    // A reimbursement alone: nothing taxable, net = the reimbursement.
    expect(byEngagement.get(tx.engagementId)).toMatchObject({ gross: "0.00", net: "120.50", employeeTaxes: "0.00" });
    expect(byEngagement.get(tx.engagementId)!.lines.REIMBURSEMENT).toBe("120.50");
  });
});

describe("one-off earnings", () => {
  it("moves a CALCULATED run back to DRAFT, with a status event", async () => {
    const A = await newTenant();
    const { engagementId } = await hire(A);
    const runId = await createRun(A, 0);
    await calculated(runId, A.token);
    const res = await addOneOff({ payrollRunId: runId, engagementId, kind: "BONUS", amount: usd("250.00") }, A.token);
    expect(res.userErrors).toEqual([]);
    expect(res.payrollRun!.status).toBe("DRAFT");
    const runEvents = await t.database.db
      .select()
      .from(events)
      .where(eq(events.objectId, parseGlobalId(runId, "PayrollRun")!))
      .orderBy(asc(events.seq));
    expect(runEvents.slice(-2).map((e) => [e.type, (e.after as { status?: string }).status ?? null])).toEqual([
      ["payrollRun.statusChanged", "DRAFT"],
      ["payrollRun.oneOffEarningAdded", null],
    ]);
    // A worker's pay: the amount is a "changed" marker in the append-only log, the ids and kind stay.
    expect(runEvents.at(-1)!.after).toEqual({
      engagementId: parseGlobalId(engagementId, "Engagement"),
      kind: "BONUS",
      currency: "USD",
      oneOffEarningId: expect.any(String),
      changed: ["amount"],
    });
    expect((await approve(runId, A.token)).userErrors.map((e) => [e.code, e.message.includes("DRAFT")])).toEqual([["ILLEGAL_STATUS_TRANSITION", true]]);
    const recalculated = await calculated(runId, A.token);
    expect((await statements(runId, A.token)).get(engagementId)!.lines.EARNING_SUPPLEMENTAL).toBe("250.00");
    expect(recalculated.totals.gross.amount).toBe("3250.00");
  });

  it("removeOneOffEarning: a CALCULATED run back to DRAFT with an event; gone, another tenant's or a run past review is refused", async () => {
    const A = await newTenant();
    const B = await newTenant();
    const { engagementId } = await hire(A);
    const runId = await createRun(A, 0);
    const added = await addOneOff({ payrollRunId: runId, engagementId, kind: "BONUS", amount: usd("250.00") }, A.token);
    const earningId = added.oneOffEarning!.id;
    await calculated(runId, A.token);
    const remove = async (oneOffEarningId: string, token = A.token, expectedVersion?: number) =>
      dataOf(await t.gql(RemoveOneOffEarningDocument, { input: { oneOffEarningId, expectedVersion } }, token)).removeOneOffEarning;

    expect((await remove(earningId, B.token)).userErrors).toMatchObject([{ field: ["input", "oneOffEarningId"], code: "NOT_FOUND" }]);
    expect((await remove(runId)).userErrors).toMatchObject([{ field: ["input", "oneOffEarningId"], code: "INVALID_ID" }]);
    expect((await remove(earningId, A.token, 1)).userErrors).toMatchObject([{ code: "STALE_VERSION" }]);
    const res = await remove(earningId);
    expect(res.userErrors).toEqual([]);
    expect(res.removedOneOffEarningId).toBe(earningId);
    expect(res.payrollRun!.status).toBe("DRAFT");
    const runEvents = await t.database.db
      .select()
      .from(events)
      .where(eq(events.objectId, parseGlobalId(runId, "PayrollRun")!))
      .orderBy(asc(events.seq));
    expect(runEvents.slice(-2).map((e) => [e.type, (e.after as { status?: string } | null)?.status ?? null])).toEqual([
      ["payrollRun.statusChanged", "DRAFT"],
      ["payrollRun.oneOffEarningRemoved", null],
    ]);
    expect(runEvents.at(-1)!.before).toMatchObject({
      engagementId: parseGlobalId(engagementId, "Engagement"),
      kind: "BONUS",
      oneOffEarningId: parseGlobalId(earningId, "OneOffEarning"),
    });
    // Removed: a second call finds nothing, and the recalculated run pays no bonus.
    expect((await remove(earningId)).userErrors).toMatchObject([{ code: "NOT_FOUND" }]);
    const recalculated = await calculated(runId, A.token);
    expect(recalculated.oneOffEarnings.totalCount).toBe(0);
    expect((await statements(runId, A.token)).get(engagementId)!.lines.EARNING_SUPPLEMENTAL).toBeUndefined();

    // A run past review keeps its earnings.
    const kept = (await addOneOff({ payrollRunId: runId, engagementId, kind: "BONUS", amount: usd("10.00") }, A.token)).oneOffEarning!.id;
    await setStatus(runId, "APPROVED");
    expect((await remove(kept)).userErrors).toMatchObject([{ code: "ILLEGAL_STATUS_TRANSITION", message: expect.stringContaining("APPROVED") }]);
  }, 120_000);

  it("refuses bad input", async () => {
    const A = await newTenant();
    const B = await newTenant();
    const { engagementId } = await hire(A);
    const other = await hire(B);
    const runId = await createRun(A, 0);
    const codes = async (input: Partial<AddOneOffEarningInput>) =>
      (await addOneOff({ payrollRunId: runId, engagementId, kind: "BONUS", amount: usd("10.00"), ...input }, A.token)).userErrors.map((e) => [e.field.join("."), e.code]);
    expect(await codes({ payrollRunId: "nope" })).toEqual([["input.payrollRunId", "INVALID_ID"]]);
    expect(await codes({ payrollRunId: toGlobalId("PayrollRun", newId()) })).toEqual([["input.payrollRunId", "NOT_FOUND"]]);
    expect(await codes({ engagementId: "nope" })).toEqual([["input.engagementId", "INVALID_ID"]]);
    expect(await codes({ engagementId: other.engagementId })).toEqual([["input.engagementId", "NOT_FOUND"]]);
    expect(await codes({ amount: usd("0.00") })).toEqual([["input.amount.amount", "INVALID_AMOUNT"]]);
    expect(await codes({ amount: usd("1.234") })).toEqual([["input.amount.amount", "INVALID_AMOUNT"]]);
    expect(await codes({ amount: { amount: "10.00", currency: "CAD" } })).toEqual([["input.amount.currency", "CURRENCY_MISMATCH"]]);
    expect(await codes({ description: "x".repeat(501) })).toEqual([["input.description", "TOO_LONG"]]);
    expect(await codes({})).toEqual([]);
  });
});

describe("transitions", () => {
  it("cancels a DRAFT and a CALCULATED run, recording the reason", async () => {
    const A = await newTenant();
    await hire(A);
    const draft = await createRun(A, 0);
    const res = await cancel(draft, A.token, "Created by mistake");
    expect(res.userErrors).toEqual([]);
    expect(res.payrollRun!.status).toBe("CANCELLED");
    const [last] = await t.database.db
      .select()
      .from(events)
      .where(eq(events.objectId, parseGlobalId(draft, "PayrollRun")!))
      .orderBy(asc(events.seq))
      .then((r) => r.slice(-1));
    expect(last.after).toEqual({ status: "CANCELLED", reason: "Created by mistake" });

    const run = await createRun(A, 0); // the period is free again
    await calculated(run, A.token);
    expect((await cancel(run, A.token)).payrollRun!.status).toBe("CANCELLED");
    expect((await cancel(run, A.token, "y".repeat(501))).userErrors.map((e) => e.code)).toEqual(["TOO_LONG"]);
  });

  it("refuses every illegal transition with ILLEGAL_STATUS_TRANSITION naming the current status", async () => {
    const A = await newTenant();
    const { engagementId } = await hire(A);
    const mutations: [string, PayrollRunStatus, (runId: string) => Promise<{ userErrors: { code: string; message: string }[] }>][] = [
      ["calculatePayrollRun", "CALCULATING", (id) => calculate(id, A.token)],
      ["approvePayrollRun", "APPROVED", (id) => approve(id, A.token)],
      ["cancelPayrollRun", "CANCELLED", (id) => cancel(id, A.token)],
      ["addOneOffEarning", "CALCULATING", (id) => addOneOff({ payrollRunId: id, engagementId, kind: "BONUS", amount: usd("1.00") }, A.token)],
    ];
    let checked = 0;
    for (const status of ALL_STATUSES) {
      for (const [name, target, run] of mutations) {
        if (PAYROLL_RUN_TRANSITIONS[status].includes(target)) continue; // legal: covered by the other tests
        const runId = await insertRun(A, status);
        const res = await run(runId);
        expect(
          res.userErrors.map((e) => e.code),
          `${name} from ${status}`,
        ).toEqual(["ILLEGAL_STATUS_TRANSITION"]);
        expect(res.userErrors[0].message, `${name} from ${status}`).toContain(`is ${status}`);
        const [row] = await t.database.db
          .select()
          .from(payrollRuns)
          .where(eq(payrollRuns.id, parseGlobalId(runId, "PayrollRun")!));
        expect(row.status).toBe(status);
        checked++;
      }
    }
    // 11 statuses × 4 mutations, minus the legal ones (calculate: 2, approve: 1, cancel: 2, one-off: 2).
    expect(checked).toBe(44 - 7);
  });

  it("a run whose calculation failed is FAILED with its reason, and final", async () => {
    const A = await newTenant();
    const runId = await insertRun(A, "CALCULATING");
    const { markCalculationFailed } = await import("../../src/modules/payroll/payroll-calculation.job");
    expect(await markCalculationFailed(t.database.db, parseGlobalId(runId, "PayrollRun")!, "The calculation failed: boom")).toBe(true);
    const s = await state(runId, A.token);
    expect(s).toMatchObject({ status: "FAILED", failureReason: "The calculation failed: boom" });
    expect((await calculate(runId, A.token)).userErrors[0].message).toContain("is FAILED");
  });
});

describe("approval", () => {
  it("approves: APPROVED with approver, remittances scheduled and an event, in one transaction", async () => {
    const A = await newTenant();
    const runId = await calculatedOffCycle(A);
    const res = await approve(runId, A.token);
    expect(res.userErrors).toEqual([]);
    expect(res.payrollRun).toMatchObject({ status: "APPROVED" });
    expect(res.payrollRun!.approvedBy).toMatch(/^CLIENT:/);
    expect(res.payrollRun!.approvedAt).not.toBeNull();
    const scheduled = await t.database.db
      .select()
      .from(remittances)
      .where(eq(remittances.payrollRunId, parseGlobalId(runId, "PayrollRun")!));
    expect(scheduled.length).toBeGreaterThan(0);
    expect(scheduled.find((r) => r.kind === "NET_PAY")).toBeDefined();
    const [last] = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.objectId, parseGlobalId(runId, "PayrollRun")!), eq(events.objectType, "PayrollRun")))
      .orderBy(asc(events.seq))
      .then((r) => r.slice(-1));
    expect([last.before, (last.after as { status: string }).status]).toEqual([{ status: "CALCULATED" }, "APPROVED"]);
  });

  it("needs payroll:approve (and payroll:write for the other mutations)", async () => {
    const A = await newTenant();
    const runId = await calculatedOffCycle(A);
    const noApprove = await t.token("CLIENT", { clients: [A.clientId], scopes: ["payroll:read", "payroll:write"] });
    expect(errorCodes(await t.gql(ApprovePayrollRunDocument, { input: { payrollRunId: runId } }, noApprove))).toEqual(["FORBIDDEN"]);
    const readOnly = await t.token("CLIENT", { clients: [A.clientId], scopes: ["payroll:read", "payroll:approve"] });
    expect(errorCodes(await t.gql(CalculatePayrollRunDocument, { input: { payrollRunId: runId } }, readOnly))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await t.gql(CancelPayrollRunDocument, { input: { payrollRunId: runId } }, readOnly))).toEqual(["FORBIDDEN"]);
    expect(
      errorCodes(
        await t.gql(AddOneOffEarningDocument, { input: { payrollRunId: runId, engagementId: toGlobalId("Engagement", newId()), kind: "BONUS", amount: usd("1.00") } }, readOnly),
      ),
    ).toEqual(["FORBIDDEN"]);
    expect((await state(runId, A.token)).status).toBe("CALCULATED");
  });

  it("follows the MSA: EOR → operators only, CLIENT → client or partner, SHARED → either, silent → the client", async () => {
    const partnerOf = (tenant: Tenant) => t.token("PARTNER", { clients: [tenant.clientId], scopes: ["payroll:read", "payroll:approve"] });
    const refusedCode = async (runId: string, token: string) => (await approve(runId, token)).userErrors.map((e) => e.code);

    const eor = await newTenant("msa-eor");
    await withMsa(eor, [
      { party: "CLIENT", jurisdictions: [] },
      { party: "EOR", jurisdictions: ["US"] },
    ]); // the country clause is more specific
    const eorRun = await calculatedOffCycle(eor);
    const refused = await approve(eorRun, eor.token);
    expect(refused.userErrors.map((e) => [e.code, e.message.includes("EOR")])).toEqual([["NOT_RESPONSIBLE_PARTY", true]]);
    expect(await refusedCode(eorRun, await partnerOf(eor))).toEqual(["NOT_RESPONSIBLE_PARTY"]);
    expect((await approve(eorRun, operator)).payrollRun?.status).toBe("APPROVED");

    const client = await newTenant("msa-client");
    await withMsa(client, [{ party: "CLIENT" }]);
    const clientRun = await calculatedOffCycle(client);
    expect(await refusedCode(clientRun, operator)).toEqual(["NOT_RESPONSIBLE_PARTY"]);
    expect((await approve(clientRun, await partnerOf(client))).payrollRun?.status).toBe("APPROVED");

    const shared = await newTenant("msa-shared");
    await withMsa(shared, [{ party: "SHARED", jurisdictions: ["US", "CA"] }]);
    const sharedByOperator = await calculatedOffCycle(shared);
    expect((await approve(sharedByOperator, operator)).payrollRun?.status).toBe("APPROVED");
    const sharedByClient = await calculatedOffCycle(shared);
    expect((await approve(sharedByClient, shared.token)).payrollRun?.status).toBe("APPROVED");

    // A clause for one state only concerns engagements there, not a run paying the whole country: silent → CLIENT.
    const silent = await newTenant("msa-silent");
    await withMsa(silent, [{ party: "EOR", jurisdictions: ["US-TX"] }]);
    const silentRun = await calculatedOffCycle(silent);
    expect(await refusedCode(silentRun, operator)).toEqual(["NOT_RESPONSIBLE_PARTY"]);
    expect((await approve(silentRun, silent.token)).payrollRun?.status).toBe("APPROVED");
  });

  it("refuses when an input changed since the calculation, or the reviewed digest is not the run's", async () => {
    const A = await newTenant();
    const hourly = await hire(A, { basis: "HOURLY", amount: "50.00" });
    const salaried = await hire(A);
    const entry = (date: string, hours: string) => ({ engagementId: hourly.engagementId, date, hours, type: "REGULAR" as const });
    await t.gql(RecordTimeEntriesDocument, { input: { entries: [entry("2026-01-05", "8")] } }, A.token);
    const runId = await createRun(A, 0);
    const first = await calculated(runId, A.token);

    expect((await approve(runId, A.token, "0".repeat(64))).userErrors.map((e) => [e.field.join("."), e.code])).toEqual([["input.expectedInputsDigest", "INPUTS_CHANGED"]]);

    // Hours recorded after the calculation.
    await t.gql(RecordTimeEntriesDocument, { input: { entries: [entry("2026-01-06", "4")] } }, A.token);
    expect((await approve(runId, A.token)).userErrors.map((e) => e.code)).toEqual(["INPUTS_CHANGED"]);
    expect((await state(runId, A.token)).status).toBe("CALCULATED");
    const second = await calculated(runId, A.token);
    expect(second.inputsDigest).not.toBe(first.inputsDigest);

    // A compensation change inside the period.
    await t.gql(ChangeCompensationDocument, { input: { engagementId: salaried.engagementId, basis: "SALARY", amount: usd("80000.00"), effectiveFrom: "2026-01-10" } }, operator);
    expect((await approve(runId, A.token, second.inputsDigest!)).userErrors.map((e) => e.code)).toEqual(["INPUTS_CHANGED"]);
    const third = await calculated(runId, A.token);

    // A withholding election.
    await t.gql(
      UpdateWorkerDocument,
      { input: { id: salaried.workerId, expectedVersion: salaried.workerVersion, withholding: { w4: { filingStatus: "HEAD_OF_HOUSEHOLD" } } } },
      operator,
    );
    expect((await approve(runId, A.token, third.inputsDigest!)).userErrors.map((e) => e.code)).toEqual(["INPUTS_CHANGED"]);

    // An unrelated change (the worker's email) is not an input.
    const fourth = await calculated(runId, A.token);
    await t.gql(UpdateWorkerDocument, { input: { id: salaried.workerId, expectedVersion: salaried.workerVersion + 1, email: `${unique("new")}@example.test` } }, operator);
    const ok = await approve(runId, A.token, fourth.inputsDigest!);
    expect(ok.userErrors).toEqual([]);
    expect(ok.payrollRun!.inputsDigest).toBe(fourth.inputsDigest);
  });

  it("of two approvals at the same moment exactly one wins; the other is told the run is APPROVED", async () => {
    const A = await newTenant();
    const runId = await calculatedOffCycle(A);
    const results = await Promise.all([approve(runId, A.token), approve(runId, A.token)]);
    const winners = results.filter((r) => r.payrollRun?.status === "APPROVED");
    const losers = results.filter((r) => r.payrollRun === null);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0].userErrors.map((e) => e.code)).toEqual(["ILLEGAL_STATUS_TRANSITION"]);
    expect(losers[0].userErrors[0].message).toContain("is APPROVED");
    const approvals = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.objectId, parseGlobalId(runId, "PayrollRun")!), eq(events.type, "payrollRun.statusChanged")));
    expect(approvals.filter((e) => (e.after as { status: string }).status === "APPROVED")).toHaveLength(1);
    const netPay = await t.database.db
      .select()
      .from(remittances)
      .where(and(eq(remittances.payrollRunId, parseGlobalId(runId, "PayrollRun")!), eq(remittances.kind, "NET_PAY")));
    expect(netPay).toHaveLength(1);
  });
});

describe("recovery", () => {
  it("a run left CALCULATING by a crash is calculated when a new server starts on the database", async () => {
    const A = await newTenant();
    const { engagementId } = await hire(A);
    const runId = await createRun(A, 0);
    await setStatus(runId, "CALCULATING"); // as if the process died after the status change, before any work
    // No job exists: nothing happens on its own. Sentinel: another run's calculation goes through this server's
    // queue to its end, and the stuck run is still CALCULATING after it.
    const sentinel = await createRun(A, 1);
    expect((await calculated(sentinel, A.token)).status).toBe("CALCULATED");
    expect((await state(runId, A.token)).status).toBe("CALCULATING");
    // Idle for longer than any calculation (on Postgres a node recovers only runs no live worker can be on).
    await setStatus(runId, "CALCULATING", new Date(Date.now() - 10 * 60_000));

    const node = await startNode(t.database, { sandboxRail: "unset", sandboxRailTimer: true });
    try {
      const s = await settled(runId, A.token);
      expect(s.status).toBe("CALCULATED");
      expect(s.calculationAttempts).toBeGreaterThanOrEqual(1);
      expect((await statements(runId, A.token)).get(engagementId)!.gross).toBe("3000.00");
    } finally {
      await node.app.stop();
    }
  });
});

describe("year to date", () => {
  it("caps Social Security at the wage base and starts Additional Medicare across runs of the year", async () => {
    const A = await newTenant();
    const { engagementId } = await hire(A, { amount: "2600000.00" }); // 100,000.00 per biweekly period
    const lines: Record<string, string>[] = [];
    for (const period of [0, 1, 2]) {
      const runId = await createRun(A, period);
      await calculated(runId, A.token);
      lines.push((await statements(runId, A.token)).get(engagementId)!.lines);
      await setStatus(runId, "PAID"); // paid: its statements count towards the year
    }
    // 2026 wage base 184,500.00: 100,000 then 84,500 then nothing.
    expect(lines.map((l) => l.US_SS_EE)).toEqual(["6200.00", "5239.00", undefined]);
    expect(lines.map((l) => l.US_SS_ER)).toEqual(["6200.00", "5239.00", undefined]);
    // FUTA on the first 7,000.00 only.
    expect(lines.map((l) => l.US_FUTA_ER)).toEqual(["42.00", undefined, undefined]);
    // Additional Medicare 0.9 % above 200,000.00 of the year's wages: only the third run.
    expect(lines.map((l) => l.US_ADDL_MEDICARE_EE)).toEqual([undefined, undefined, "900.00"]);
    expect(lines.map((l) => l.US_MEDICARE_EE)).toEqual(["1450.00", "1450.00", "1450.00"]);
  });
});

describe("year to date by pay date", () => {
  /** The run's only statement: each line's amount and taxable wages, and the statement's year-to-date per code. */
  async function stub(runId: string, token: string) {
    const node = dataOf(await t.gql(PayrollRunStatementYearToDateDocument, { id: runId }, token)).node;
    if (node?.__typename !== "PayrollRun") throw new Error("not a run");
    const [s] = node.statements.nodes;
    return {
      line: Object.fromEntries(s.lines.map((l) => [l.code, [l.amount.amount, l.taxableWages?.amount ?? null]])),
      ytd: Object.fromEntries(s.yearToDate.map((l) => [l.code, [l.amount.amount, l.taxableWages?.amount ?? null]])),
    };
  }

  it("three runs approved out of order tax $7,000 of FUTA wages, not $8,000 or more: a stale calculation is refused", async () => {
    const A = await newTenant();
    await hire(A, { amount: "104000.00" }); // 4,000.00 per biweekly period
    const runs = [await createRun(A, 0), await createRun(A, 1), await createRun(A, 2)]; // paid Jan 23, Feb 6, Feb 20
    for (const runId of runs) await calculated(runId, A.token);
    // The Feb 6 run is approved first: nothing approved before it, FUTA on its 4,000.00.
    expect((await approve(runs[1], A.token)).userErrors).toEqual([]);
    expect((await stub(runs[1], A.token)).line.US_FUTA_ER).toEqual(["24.00", "4000.00"]);
    // The Jan 23 run was calculated without it: its year-to-date changed, approval is refused until recalculated.
    expect((await approve(runs[0], A.token)).userErrors).toMatchObject([{ code: "INPUTS_CHANGED" }]);
    await calculated(runs[0], A.token);
    const first = await stub(runs[0], A.token);
    expect(first.line.US_FUTA_ER).toEqual(["18.00", "3000.00"]); // what the Feb 6 run left of the 7,000.00
    expect(first.line.US_SS_EE).toEqual(["248.00", "4000.00"]);
    expect((await approve(runs[0], A.token)).userErrors).toEqual([]);
    // The Feb 20 run: stale as well; recalculated, the base is used up.
    expect((await approve(runs[2], A.token)).userErrors).toMatchObject([{ code: "INPUTS_CHANGED" }]);
    await calculated(runs[2], A.token);
    const third = await stub(runs[2], A.token);
    expect(third.line.US_FUTA_ER).toBeUndefined();
    expect((await approve(runs[2], A.token)).userErrors).toEqual([]);
    // Year to date by pay date, this statement included: 7,000.00 of FUTA wages in all, 42.00 of FUTA.
    expect(third.ytd.US_FUTA_ER).toEqual(["42.00", "7000.00"]);
    expect(third.ytd.EARNING_REGULAR).toEqual(["12000.00", null]);
    expect(third.ytd.US_SS_EE).toEqual(["744.00", "12000.00"]);
    // The Jan 23 statement's year to date stops at its pay date: the later-dated Feb 6 run is not in it.
    expect((await stub(runs[0], A.token)).ytd.EARNING_REGULAR).toEqual(["4000.00", null]);
    expect((await stub(runs[1], A.token)).ytd.US_FUTA_ER).toEqual(["42.00", "7000.00"]);
  }, 180_000);
});

describe("tenancy", () => {
  it("another client's token gets NOT_FOUND from every lifecycle mutation, and sees no run", async () => {
    const A = await newTenant();
    const B = await newTenant();
    const { engagementId } = await hire(A);
    const runId = await createRun(A, 0);
    const notFound = (r: { userErrors: { field: string[]; code: string }[] }) => r.userErrors.map((e) => [e.field.join("."), e.code]);
    expect(notFound(await calculate(runId, B.token))).toEqual([["input.payrollRunId", "NOT_FOUND"]]);
    expect(notFound(await cancel(runId, B.token))).toEqual([["input.payrollRunId", "NOT_FOUND"]]);
    expect(notFound(await addOneOff({ payrollRunId: runId, engagementId, kind: "BONUS", amount: usd("1.00") }, B.token))).toEqual([
      ["input.payrollRunId", "NOT_FOUND"],
      ["input.engagementId", "NOT_FOUND"],
    ]);
    await calculated(runId, A.token);
    expect(notFound(await approve(runId, B.token))).toEqual([["input.payrollRunId", "NOT_FOUND"]]);
    const recorded = dataOf(
      await t.gql(RecordTimeEntriesDocument, { input: { entries: [{ engagementId, date: "2026-01-05", hours: "1", type: "REGULAR" }] } }, B.token),
    ).recordTimeEntries;
    expect(notFound(recorded)).toEqual([["input.entries.0.engagementId", "NOT_FOUND"]]);
    expect(dataOf(await t.gql(PayrollRunStateDocument, { id: runId }, B.token)).node).toBeNull();
    expect((await state(runId, A.token)).status).toBe("CALCULATED");
  });
});
