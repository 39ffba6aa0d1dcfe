import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { startTestServer, dataOf, errorCodes, type TestServer } from "../support/server";
import { hire, newPaySchedule, newTenant as newTenantOf, newWorker } from "../support/factories";
import {
  CreatePayrollRunDocument,
  PayrollNodeDocument,
  PayrollRunRemittancesDocument,
  PayrollRunsDocument,
  PayrollRunStatementsDocument,
  PayrollRunTotalsDocument,
  RemittancesDocument,
  type CreatePayrollRunInput,
} from "../generated/graphql";
import { employerEntities, events, payrollRuns, payStatementLines, payStatements, remittances } from "../../src/db/schema";
import { newId } from "../../src/shared/ids";
import { parseGlobalId, toGlobalId } from "../../src/shared/global-id";

/**
 * The read side of payroll against a real server (Postgres or PGlite): runs, statements with their lines,
 * totals, remittances, plus `createPayrollRun` (DRAFT). The payroll engine comes later, so runs, statements and
 * remittances are inserted here directly with drizzle, with explicit timestamps for the `updatedSince` checks.
 */
let t: TestServer;
let operator: string;

interface Tenant {
  clientId: string; // global ID
  clientDbId: string;
  token: string;
  periodIds: string[]; // global IDs, US biweekly schedule
  periodDbIds: string[];
  engagementDbIds: string[];
}
let A: Tenant;
let B: Tenant;
let usEntityId: string;

const OLD = new Date("2020-01-01T00:00:00Z");

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
  const [us] = await t.database.db.select().from(employerEntities).where(eq(employerEntities.country, "US"));
  usEntityId = us.id;
  A = await newTenant();
  B = await newTenant();
});
afterAll(() => t.stop());

async function newTenant(): Promise<Tenant> {
  const tenant = await newTenantOf(t, "payroll-client");
  const schedule = await newPaySchedule(t, tenant.clientId, { periodsAhead: 10 });
  const engagementDbIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const worker = await newWorker(t, tenant.clientId, { legalFirstName: "Worker", legalLastName: `N${i}`, homeJurisdiction: "US-CA" });
    const engagement = await hire(t, worker.id, { title: `Engineer ${i}`, workJurisdiction: "US-CA" });
    engagementDbIds.push(parseGlobalId(engagement.id, "Engagement")!);
  }
  return {
    ...tenant,
    periodIds: schedule.periods.nodes.map((p) => p.id),
    periodDbIds: schedule.periods.nodes.map((p) => parseGlobalId(p.id, "PayPeriod")!),
    engagementDbIds,
  };
}

/*
 * Runs, statements and remittances below are written directly: these tests read them back (filters, totals, paging,
 * `updatedSince`), and need states no API reaches on demand — any status, fixed amounts, timestamps in the past —
 * without running the engine or the rail.
 */
type RunStatus = (typeof payrollRuns.$inferInsert)["status"];

async function insertRun(tenant: Tenant, periodIndex: number | null, status: RunStatus, updatedAt = OLD) {
  const id = newId();
  await t.database.db.insert(payrollRuns).values({
    id,
    clientId: tenant.clientDbId,
    employerEntityId: usEntityId,
    payPeriodId: periodIndex === null ? null : tenant.periodDbIds[periodIndex],
    kind: periodIndex === null ? "OFF_CYCLE" : "REGULAR",
    status,
    currency: "USD",
    payDate: "2026-01-23",
    createdAt: updatedAt,
    updatedAt,
  });
  return id;
}

/** A statement of 5000.00 gross: 700 + 300 employee taxes, 200 deductions, 400 employer taxes → 3800.00 net. */
async function insertStatement(tenant: Tenant, runId: string, engagementIndex: number, scale = 1) {
  const id = newId();
  const c = (n: number) => n * scale;
  await t.database.db.insert(payStatements).values({
    id,
    clientId: tenant.clientDbId,
    payrollRunId: runId,
    engagementId: tenant.engagementDbIds[engagementIndex],
    currency: "USD",
    gross: c(500_000),
    net: c(380_000),
    employeeTaxes: c(100_000),
    employerTaxes: c(40_000),
    deductions: c(20_000),
  });
  const line = (code: string, kind: (typeof payStatementLines.$inferInsert)["kind"], description: string, amount: number) => ({
    id: newId(),
    clientId: tenant.clientDbId,
    payStatementId: id,
    code,
    kind,
    description,
    amount: c(amount),
    currency: "USD",
  });
  await t.database.db
    .insert(payStatementLines)
    .values([
      line("REGULAR", "EARNING", "Regular salary", 500_000),
      line("US_FIT", "EMPLOYEE_TAX", "Federal income tax", 70_000),
      line("US_FICA_EE", "EMPLOYEE_TAX", "Social Security and Medicare", 30_000),
      line("US_FUTA", "EMPLOYER_TAX", "Federal unemployment tax", 40_000),
      line("BENEFITS", "DEDUCTION", "Health plan", 20_000),
    ]);
  return id;
}

async function insertRemittance(tenant: Tenant, runId: string, values: Partial<typeof remittances.$inferInsert> & Pick<typeof remittances.$inferInsert, "kind" | "payeeKey">) {
  const id = newId();
  await t.database.db.insert(remittances).values({
    id,
    clientId: tenant.clientDbId,
    payrollRunId: runId,
    payeeName: "Payee",
    amount: 10_000,
    currency: "USD",
    dueOn: "2026-02-15",
    createdAt: OLD,
    updatedAt: OLD,
    ...values,
  });
  return id;
}

function runInput(tenant: Tenant, overrides: Partial<CreatePayrollRunInput> = {}): CreatePayrollRunInput {
  return { clientId: tenant.clientId, payPeriodId: tenant.periodIds[9], ...overrides };
}

async function createRunErrors(input: CreatePayrollRunInput, token = operator) {
  const res = dataOf(await t.gql(CreatePayrollRunDocument, { input }, token)).createPayrollRun;
  expect(res.payrollRun).toBeNull();
  return res.userErrors.map((e) => ({ field: e.field.join("."), code: e.code }));
}

describe("createPayrollRun", () => {
  it("creates a DRAFT REGULAR run: pay date from the period, employer entity and currency from the schedule's country", async () => {
    const res = dataOf(await t.gql(CreatePayrollRunDocument, { input: runInput(A, { payPeriodId: A.periodIds[5] }) }, A.token)).createPayrollRun;
    expect(res.userErrors).toEqual([]);
    const run = res.payrollRun!;
    expect(run).toMatchObject({
      kind: "REGULAR",
      status: "DRAFT",
      currency: "USD",
      version: 1,
      payPeriod: { id: A.periodIds[5] },
      client: { id: A.clientId },
      employerEntity: { country: "US" },
    });
    expect(run.payDate).toBe(run.payPeriod!.payDate);
    const [event] = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.objectId, parseGlobalId(run.id, "PayrollRun")!), eq(events.type, "payrollRun.created")));
    expect(event).toMatchObject({ objectType: "PayrollRun", actorKind: "CLIENT" });

    // A second REGULAR run for the same period is refused; an OFF_CYCLE one is fine.
    expect(await createRunErrors(runInput(A, { payPeriodId: A.periodIds[5] }))).toEqual([{ field: "input.payPeriodId", code: "PAYROLL_RUN_EXISTS" }]);
    const offCycle = dataOf(
      await t.gql(CreatePayrollRunDocument, { input: runInput(A, { payPeriodId: A.periodIds[5], kind: "OFF_CYCLE", payDate: "2026-03-20" }) }, operator),
    ).createPayrollRun;
    expect(offCycle.payrollRun).toMatchObject({ kind: "OFF_CYCLE", payDate: "2026-03-20", status: "DRAFT" });
  });

  it("creates an OFF_CYCLE run without a period from a country and a pay date", async () => {
    const res = dataOf(
      await t.gql(CreatePayrollRunDocument, { input: { clientId: A.clientId, kind: "OFF_CYCLE", country: "CA", payDate: "2026-06-30" } }, operator),
    ).createPayrollRun;
    expect(res.userErrors).toEqual([]);
    expect(res.payrollRun).toMatchObject({ kind: "OFF_CYCLE", currency: "CAD", payDate: "2026-06-30", payPeriod: null, employerEntity: { country: "CA" } });
  });

  it("answers every input mistake with a userError", async () => {
    const randomPeriod = toGlobalId("PayPeriod", newId());
    expect(await createRunErrors(runInput(A, { clientId: "garbage" }))).toEqual([{ field: "input.clientId", code: "INVALID_ID" }]);
    expect(await createRunErrors(runInput(A, { clientId: A.periodIds[0] }))).toEqual([{ field: "input.clientId", code: "INVALID_ID" }]);
    expect(await createRunErrors(runInput(A, { clientId: toGlobalId("Client", newId()) }))).toEqual([
      { field: "input.clientId", code: "NOT_FOUND" },
      { field: "input.payPeriodId", code: "NOT_FOUND" },
    ]);
    expect(await createRunErrors({ clientId: A.clientId })).toEqual([{ field: "input.payPeriodId", code: "INVALID_INPUT" }]);
    expect(await createRunErrors(runInput(A, { payPeriodId: A.clientId }))).toEqual([{ field: "input.payPeriodId", code: "INVALID_ID" }]);
    expect(await createRunErrors(runInput(A, { payPeriodId: randomPeriod }))).toEqual([{ field: "input.payPeriodId", code: "NOT_FOUND" }]);
    // Another client's period, even for an OPERATOR who can see it.
    expect(await createRunErrors(runInput(A, { payPeriodId: B.periodIds[9] }))).toEqual([{ field: "input.payPeriodId", code: "NOT_FOUND" }]);
    expect(await createRunErrors(runInput(A, { country: "CA" }))).toEqual([{ field: "input.country", code: "PAY_SCHEDULE_COUNTRY_MISMATCH" }]);
    expect(await createRunErrors({ clientId: A.clientId, kind: "OFF_CYCLE" })).toEqual([
      { field: "input.country", code: "INVALID_INPUT" },
      { field: "input.payDate", code: "INVALID_INPUT" },
    ]);
    const bad = await t.gql(CreatePayrollRunDocument, { input: { clientId: A.clientId, kind: "OFF_CYCLE", country: "US", payDate: "2026-13-01" } }, operator);
    expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
  });

  it("needs payroll:write and never reveals another tenant's client or period", async () => {
    const readOnly = await t.token("CLIENT", { clients: [A.clientId], scopes: ["payroll:read"] });
    expect(errorCodes(await t.gql(CreatePayrollRunDocument, { input: runInput(A) }, readOnly))).toEqual(["FORBIDDEN"]);
    expect(await createRunErrors(runInput(A), B.token)).toEqual([
      { field: "input.clientId", code: "NOT_FOUND" },
      { field: "input.payPeriodId", code: "NOT_FOUND" },
    ]);
    expect(await createRunErrors(runInput(B, { payPeriodId: A.periodIds[9] }), B.token)).toEqual([{ field: "input.payPeriodId", code: "NOT_FOUND" }]);
  });
});

describe("payroll runs, statements and totals", () => {
  let paidRun: string;
  let calculatedRun: string;
  let recentRun: string;
  const statementIds: string[] = [];

  beforeAll(async () => {
    paidRun = await insertRun(A, 0, "PAID");
    for (let i = 0; i < 3; i++) statementIds.push(await insertStatement(A, paidRun, i));
    calculatedRun = await insertRun(A, 1, "CALCULATED");
    await insertStatement(A, calculatedRun, 0, 2);
    recentRun = await insertRun(A, 2, "DRAFT", new Date());
  });

  it("lists runs with totals computed from their statements, filtered by status and pay period", async () => {
    const runs = dataOf(await t.gql(PayrollRunsDocument, { clientId: A.clientId, first: 20 }, A.token)).payrollRuns;
    const paid = runs.edges.find((e) => e.node.id === toGlobalId("PayrollRun", paidRun))!.node;
    expect(paid).toMatchObject({
      status: "PAID",
      kind: "REGULAR",
      currency: "USD",
      payPeriod: { id: A.periodIds[0] },
      client: { id: A.clientId },
      employerEntity: { country: "US" },
    });

    const totals = dataOf(await t.gql(PayrollRunTotalsDocument, { clientId: A.clientId, first: 20 }, A.token)).payrollRuns.nodes;
    const byId = new Map(totals.map((n) => [n.id, n]));
    expect(byId.get(toGlobalId("PayrollRun", paidRun))!.totals).toEqual({
      gross: { amount: "15000.00", currency: "USD" },
      net: { amount: "11400.00", currency: "USD" },
      employeeTaxes: { amount: "3000.00", currency: "USD" },
      employerTaxes: { amount: "1200.00", currency: "USD" },
      deductions: { amount: "600.00", currency: "USD" },
      statementCount: 3,
    });
    expect(byId.get(toGlobalId("PayrollRun", paidRun))!.statements.totalCount).toBe(3);
    expect(byId.get(toGlobalId("PayrollRun", calculatedRun))!.totals.gross.amount).toBe("10000.00");
    expect(byId.get(toGlobalId("PayrollRun", recentRun))!.totals).toMatchObject({ gross: { amount: "0.00" }, statementCount: 0 });

    const calculated = dataOf(await t.gql(PayrollRunsDocument, { clientId: A.clientId, status: "CALCULATED" }, A.token)).payrollRuns;
    expect(calculated.edges.map((e) => e.node.id)).toEqual([toGlobalId("PayrollRun", calculatedRun)]);
    const ofPeriod = dataOf(await t.gql(PayrollRunsDocument, { payPeriodId: A.periodIds[0] }, A.token)).payrollRuns;
    expect(ofPeriod.edges.map((e) => e.node.id)).toEqual([toGlobalId("PayrollRun", paidRun)]);
    expect(errorCodes(await t.gql(PayrollRunsDocument, { payPeriodId: A.clientId }, A.token))).toEqual(["BAD_USER_INPUT"]);
  });

  it("computes the totals of a page of runs with one aggregate query, whatever the page size", async () => {
    const statementsFor = async (first: number) => {
      const before = t.database.statements.count;
      const runs = dataOf(await t.gql(PayrollRunTotalsDocument, { clientId: A.clientId, first }, A.token)).payrollRuns.nodes;
      expect(runs.length).toBe(Math.min(first, runs.length));
      return t.database.statements.count - before;
    };
    const one = await statementsFor(1);
    const all = await statementsFor(20);
    // page + count-free: runs page, one totals aggregate, one statements page, one statements count
    expect(all).toBe(one);
    expect(one).toBeLessThanOrEqual(4);
  });

  it("pages runs both ways and syncs with updatedSince", async () => {
    const all = dataOf(await t.gql(PayrollRunsDocument, { clientId: A.clientId, first: 100 }, A.token)).payrollRuns;
    expect(all.totalCount).toBeGreaterThanOrEqual(3);
    const ids = all.edges.map((e) => e.node.id);
    const first = dataOf(await t.gql(PayrollRunsDocument, { clientId: A.clientId, first: 2 }, A.token)).payrollRuns;
    const next = dataOf(await t.gql(PayrollRunsDocument, { clientId: A.clientId, first: 2, after: first.pageInfo.endCursor }, A.token)).payrollRuns;
    expect([...first.edges, ...next.edges].map((e) => e.node.id)).toEqual(ids.slice(0, 4));
    const last = dataOf(await t.gql(PayrollRunsDocument, { clientId: A.clientId, last: 2 }, A.token)).payrollRuns;
    expect(last.edges.map((e) => e.node.id)).toEqual(ids.slice(-2));
    const before = dataOf(await t.gql(PayrollRunsDocument, { clientId: A.clientId, last: 1, before: last.pageInfo.startCursor }, A.token)).payrollRuns;
    expect(before.edges.map((e) => e.node.id)).toEqual(ids.slice(-3, -2));
    expect(before.pageInfo.hasNextPage).toBe(true);

    const since = dataOf(await t.gql(PayrollRunsDocument, { clientId: A.clientId, updatedSince: "2025-01-01T00:00:00Z", first: 100 }, A.token)).payrollRuns;
    const sinceIds = since.edges.map((e) => e.node.id);
    expect(sinceIds).toContain(toGlobalId("PayrollRun", recentRun));
    expect(sinceIds).not.toContain(toGlobalId("PayrollRun", paidRun));
    expect(sinceIds).not.toContain(toGlobalId("PayrollRun", calculatedRun));
  });

  it("pages a run's statements both ways, each with its engagement and lines", async () => {
    const read = async (vars: { first?: number; after?: string | null; last?: number; before?: string | null }) => {
      const node = dataOf(await t.gql(PayrollRunStatementsDocument, { id: toGlobalId("PayrollRun", paidRun), ...vars }, A.token)).node;
      if (node?.__typename !== "PayrollRun") throw new Error("not a run");
      return node.statements;
    };
    const p1 = await read({ first: 2 });
    expect(p1.totalCount).toBe(3);
    expect(p1.edges.map((e) => e.node.id)).toEqual(statementIds.slice(0, 2).map((id) => toGlobalId("PayStatement", id)));
    const p2 = await read({ first: 2, after: p1.pageInfo.endCursor });
    expect(p2.edges.map((e) => e.node.id)).toEqual([toGlobalId("PayStatement", statementIds[2])]);
    expect(p2.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = await read({ last: 2, before: p2.pageInfo.startCursor });
    expect(back.edges.map((e) => e.node.id)).toEqual(statementIds.slice(0, 2).map((id) => toGlobalId("PayStatement", id)));

    const statement = dataOf(await t.gql(PayrollNodeDocument, { id: p1.edges[0].node.id }, A.token)).node;
    if (statement?.__typename !== "PayStatement") throw new Error("not a statement");
    expect(statement).toMatchObject({
      gross: { amount: "5000.00", currency: "USD" },
      net: { amount: "3800.00", currency: "USD" },
      employeeTaxes: { amount: "1000.00", currency: "USD" },
      employerTaxes: { amount: "400.00", currency: "USD" },
      deductions: { amount: "200.00", currency: "USD" },
      engagement: { id: toGlobalId("Engagement", A.engagementDbIds[0]), title: "Engineer 0" },
      payrollRun: { id: toGlobalId("PayrollRun", paidRun) },
    });
    expect(statement.lines).toEqual([
      { code: "REGULAR", kind: "EARNING", description: "Regular salary", amount: { amount: "5000.00", currency: "USD" } },
      { code: "US_FIT", kind: "EMPLOYEE_TAX", description: "Federal income tax", amount: { amount: "700.00", currency: "USD" } },
      { code: "US_FICA_EE", kind: "EMPLOYEE_TAX", description: "Social Security and Medicare", amount: { amount: "300.00", currency: "USD" } },
      { code: "US_FUTA", kind: "EMPLOYER_TAX", description: "Federal unemployment tax", amount: { amount: "400.00", currency: "USD" } },
      { code: "BENEFITS", kind: "DEDUCTION", description: "Health plan", amount: { amount: "200.00", currency: "USD" } },
    ]);
  });

  it("needs payroll:read", async () => {
    const noPayroll = await t.token("CLIENT", { clients: [A.clientId], scopes: ["clients:read", "workers:read", "remittances:read"] });
    expect(errorCodes(await t.gql(PayrollRunsDocument, {}, noPayroll))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await t.gql(PayrollNodeDocument, { id: toGlobalId("PayrollRun", paidRun) }, noPayroll))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await t.gql(PayrollNodeDocument, { id: toGlobalId("PayStatement", statementIds[0]) }, noPayroll))).toEqual(["FORBIDDEN"]);
  });

  it("shows another tenant nothing", async () => {
    expect(dataOf(await t.gql(PayrollNodeDocument, { id: toGlobalId("PayrollRun", paidRun) }, A.token)).node).not.toBeNull();
    expect(dataOf(await t.gql(PayrollNodeDocument, { id: toGlobalId("PayrollRun", paidRun) }, B.token)).node).toBeNull();
    expect(dataOf(await t.gql(PayrollNodeDocument, { id: toGlobalId("PayStatement", statementIds[0]) }, B.token)).node).toBeNull();
    expect(dataOf(await t.gql(PayrollRunStatementsDocument, { id: toGlobalId("PayrollRun", paidRun), first: 10 }, B.token)).node).toBeNull();
    expect(dataOf(await t.gql(PayrollRunsDocument, { clientId: A.clientId }, B.token)).payrollRuns).toMatchObject({ totalCount: 0, edges: [] });
    expect(dataOf(await t.gql(PayrollRunsDocument, { payPeriodId: A.periodIds[0] }, B.token)).payrollRuns).toMatchObject({ totalCount: 0, edges: [] });
    const own = dataOf(await t.gql(PayrollRunsDocument, { first: 100 }, B.token)).payrollRuns;
    expect(own.edges.every((e) => e.node.client!.id === B.clientId)).toBe(true);
  });
});

describe("remittances", () => {
  let runId: string;
  let otherRunId: string;
  let tax: string;
  let netPay: string;
  let contractor: string;
  let recent: string;

  beforeAll(async () => {
    runId = await insertRun(A, 3, "PAID");
    otherRunId = await insertRun(A, 4, "PAYING");
    tax = await insertRemittance(A, runId, {
      kind: "TAX",
      payeeKey: "IRS",
      payeeName: "Internal Revenue Service",
      employeeShare: 6_000,
      employerShare: 4_000,
      amount: 10_000,
      dueOn: "2026-02-15",
      status: "CONFIRMED",
      confirmationNumber: "EFTPS-123",
    });
    netPay = await insertRemittance(A, runId, {
      kind: "NET_PAY",
      payeeKey: `worker:${newId()}`,
      payeeName: "Worker N0",
      amount: 380_000,
      dueOn: "2026-01-23",
      status: "FAILED",
      failureReason: "Account closed",
    });
    contractor = await insertRemittance(A, runId, {
      kind: "CONTRACTOR_PAYMENT",
      payeeKey: `worker:${newId()}`,
      payeeName: "Contractor",
      amount: 250_000,
      dueOn: "2026-01-23",
      status: "SUBMITTED",
    });
    recent = await insertRemittance(A, otherRunId, { kind: "TAX", payeeKey: "US-CA-EDD", payeeName: "California EDD", amount: 5_000, dueOn: "2026-03-01", updatedAt: new Date() });
  });

  it("lists remittances with their amounts, authority (TAX only) and status", async () => {
    const list = dataOf(await t.gql(RemittancesDocument, { payrollRunId: toGlobalId("PayrollRun", runId) }, A.token)).remittances;
    expect(list.totalCount).toBe(3);
    const [a, b, c] = list.edges.map((e) => e.node);
    expect(a).toMatchObject({
      id: toGlobalId("Remittance", tax),
      kind: "TAX",
      authority: "IRS",
      taxAuthority: "IRS",
      payeeName: "Internal Revenue Service",
      amount: { amount: "100.00", currency: "USD" },
      employeeShare: { amount: "60.00", currency: "USD" },
      employerShare: { amount: "40.00", currency: "USD" },
      dueOn: "2026-02-15",
      status: "CONFIRMED",
      confirmationNumber: "EFTPS-123",
      failureReason: null,
      payrollRun: { id: toGlobalId("PayrollRun", runId) },
    });
    expect(b).toMatchObject({
      id: toGlobalId("Remittance", netPay),
      kind: "NET_PAY",
      authority: null,
      taxAuthority: null,
      status: "FAILED",
      failureReason: "Account closed",
      employeeShare: { amount: "0.00" },
    });
    expect(c).toMatchObject({ id: toGlobalId("Remittance", contractor), kind: "CONTRACTOR_PAYMENT", authority: null, taxAuthority: null, status: "SUBMITTED" });
  });

  it("filters by kind, status, due date, client and updatedSince, and pages both ways", async () => {
    const ids = (conn: { edges: { node: { id: string } }[] }) => conn.edges.map((e) => e.node.id);
    const g = (id: string) => toGlobalId("Remittance", id);
    expect(ids(dataOf(await t.gql(RemittancesDocument, { clientId: A.clientId, kind: "TAX" }, A.token)).remittances)).toEqual([g(tax), g(recent)]);
    expect(ids(dataOf(await t.gql(RemittancesDocument, { clientId: A.clientId, status: "FAILED" }, A.token)).remittances)).toEqual([g(netPay)]);
    expect(ids(dataOf(await t.gql(RemittancesDocument, { clientId: A.clientId, dueBefore: "2026-02-15" }, A.token)).remittances)).toEqual([g(netPay), g(contractor)]);
    expect(ids(dataOf(await t.gql(RemittancesDocument, { clientId: A.clientId, updatedSince: "2025-01-01T00:00:00Z" }, A.token)).remittances)).toEqual([g(recent)]);

    const p1 = dataOf(await t.gql(RemittancesDocument, { clientId: A.clientId, first: 3 }, A.token)).remittances;
    expect(ids(p1)).toEqual([g(tax), g(netPay), g(contractor)]);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = dataOf(await t.gql(RemittancesDocument, { clientId: A.clientId, first: 3, after: p1.pageInfo.endCursor }, A.token)).remittances;
    expect(ids(p2)).toEqual([g(recent)]);
    const back = dataOf(await t.gql(RemittancesDocument, { clientId: A.clientId, last: 2, before: p2.pageInfo.startCursor }, A.token)).remittances;
    expect(ids(back)).toEqual([g(netPay), g(contractor)]);
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    expect(errorCodes(await t.gql(RemittancesDocument, { payrollRunId: A.clientId }, A.token))).toEqual(["BAD_USER_INPUT"]);
  });

  it("are reachable from their payroll run", async () => {
    const node = dataOf(await t.gql(PayrollRunRemittancesDocument, { id: toGlobalId("PayrollRun", runId) }, A.token)).node;
    if (node?.__typename !== "PayrollRun") throw new Error("not a run");
    expect(node.remittances!.totalCount).toBe(3);
    expect(node.remittances!.nodes.map((r) => r.kind)).toEqual(["TAX", "NET_PAY", "CONTRACTOR_PAYMENT"]);
  });

  it("need remittances:read (and payroll:read to reach them from a run)", async () => {
    const payrollOnly = await t.token("CLIENT", { clients: [A.clientId], scopes: ["payroll:read"] });
    expect(errorCodes(await t.gql(RemittancesDocument, {}, payrollOnly))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await t.gql(PayrollNodeDocument, { id: toGlobalId("Remittance", tax) }, payrollOnly))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await t.gql(PayrollRunRemittancesDocument, { id: toGlobalId("PayrollRun", runId) }, payrollOnly))).toEqual(["FORBIDDEN"]);
    const remittancesOnly = await t.token("CLIENT", { clients: [A.clientId], scopes: ["remittances:read"] });
    // A NET_PAY remittance's payee name is the worker's legal name: workers:read too.
    expect(
      dataOf(
        await t.gql(
          RemittancesDocument,
          { clientId: A.clientId, kind: "NET_PAY" },
          await t.token("CLIENT", { clients: [A.clientId], scopes: ["remittances:read", "payroll:read", "workers:read"] }),
        ),
      ).remittances.totalCount,
    ).toBe(1);
    expect(errorCodes(await t.gql(PayrollNodeDocument, { id: toGlobalId("Remittance", tax) }, remittancesOnly))).toEqual(["FORBIDDEN"]);
  });

  it("show another tenant nothing", async () => {
    expect(dataOf(await t.gql(PayrollNodeDocument, { id: toGlobalId("Remittance", tax) }, A.token)).node).not.toBeNull();
    expect(dataOf(await t.gql(PayrollNodeDocument, { id: toGlobalId("Remittance", tax) }, B.token)).node).toBeNull();
    expect(dataOf(await t.gql(RemittancesDocument, { clientId: A.clientId }, B.token)).remittances).toMatchObject({ totalCount: 0, edges: [] });
    expect(dataOf(await t.gql(RemittancesDocument, { payrollRunId: toGlobalId("PayrollRun", runId) }, B.token)).remittances).toMatchObject({ totalCount: 0, edges: [] });
    const partnerOfB = await t.token("PARTNER", { clients: [B.clientId] });
    expect(dataOf(await t.gql(RemittancesDocument, { first: 100 }, partnerOfB)).remittances.edges).toEqual([]);
  });
});
