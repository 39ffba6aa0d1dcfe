import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, dataOf, unique, type TestServer } from "../support/server";
import { newClient } from "../support/factories";
import { newId } from "../../src/shared/ids";
import { toGlobalId, parseGlobalId, type NodeType } from "../../src/shared/global-id";
import { payStatements, remittances } from "../../src/db/schema";
import {
  TenancyNodeDocument,
  TenancyNodesDocument,
  TenancyConnectionsDocument,
  TenancyUnfilteredDocument,
  TenancyWorkerByExternalIdDocument,
  TenancyCreateWorkerDocument,
  TenancyUpdateWorkerDocument,
  TenancyHireWorkerDocument,
  TenancyChangeCompensationDocument,
  TenancyEndEngagementDocument,
  TenancyCreatePayScheduleDocument,
  TenancyCreatePayrollRunDocument,
  TenancyCreateMsaDocument,
  TenancyAddMsaClauseDocument,
  TenancyRemoveMsaClauseDocument,
  TenancyActivateMsaDocument,
  TenancyAcceptMsaDocument,
} from "../generated/graphql";

/**
 * For every object type: a caller of another tenant gets nothing — by node, by nodes, by connection, by
 * external id and by mutation — and cannot tell the object exists (the answers equal those for a missing one).
 * Client A's objects are created through the API (statements and remittances, which only the payroll engine
 * creates, are inserted directly); the caller is client B's CLIENT token with every scope, and a PARTNER granted B.
 */
let t: TestServer;
const a: Partial<Record<NodeType, string>> = {};
let clientB: string;
let workerExternalId: string;
let asB: string[];

beforeAll(async () => {
  t = await startTestServer();
  const tokenOf = async (clientId: string) => t.token("CLIENT", { clients: [clientId] });

  a.Client = await newClient(t, "tenant-a", { legalEntityJurisdictions: ["US"] });
  clientB = await newClient(t, "tenant-b", { legalEntityJurisdictions: ["US"] });
  const tokenA = await tokenOf(a.Client);

  const schedule = dataOf(
    await t.gql(
      TenancyCreatePayScheduleDocument,
      { input: { clientId: a.Client, name: "A biweekly", country: "US", frequency: "BIWEEKLY", firstPeriodStart: "2026-01-05" } },
      tokenA,
    ),
  ).createPaySchedule;
  expect(schedule.userErrors).toEqual([]);
  a.PaySchedule = schedule.paySchedule!.id;
  a.PayPeriod = schedule.paySchedule!.periods.nodes[0].id;

  workerExternalId = unique("ext");
  const worker = dataOf(
    await t.gql(
      TenancyCreateWorkerDocument,
      {
        input: {
          clientId: a.Client,
          externalId: workerExternalId,
          legalFirstName: "Ada",
          legalLastName: "Tenant",
          email: "ada@a.example",
          homeJurisdiction: "US-TX",
          taxId: "900-11-2222",
        },
      },
      tokenA,
    ),
  ).createWorker;
  expect(worker.userErrors).toEqual([]);
  a.Worker = worker.worker!.id;

  const hire = dataOf(
    await t.gql(
      TenancyHireWorkerDocument,
      {
        input: {
          workerId: a.Worker,
          title: "Engineer",
          workJurisdiction: "US-TX",
          employmentModel: "EOR",
          classification: "US_W2_EMPLOYEE",
          startDate: "2026-01-05",
          compensation: { basis: "SALARY", amount: { amount: "90000.00", currency: "USD" } },
          payScheduleId: a.PaySchedule,
        },
      },
      tokenA,
    ),
  ).hireWorker;
  expect(hire.userErrors).toEqual([]);
  a.Engagement = hire.engagement!.id;
  a.Compensation = hire.engagement!.compensations[0].id;

  const run = dataOf(await t.gql(TenancyCreatePayrollRunDocument, { input: { clientId: a.Client, payPeriodId: a.PayPeriod } }, tokenA)).createPayrollRun;
  expect(run.userErrors).toEqual([]);
  a.PayrollRun = run.payrollRun!.id;

  const msa = dataOf(await t.gql(TenancyCreateMsaDocument, { input: { clientId: a.Client, title: "A MSA", effectiveFrom: "2026-01-01" } }, tokenA)).createMsa;
  expect(msa.userErrors).toEqual([]);
  a.Msa = msa.msa!.id;
  const clause = dataOf(
    await t.gql(
      TenancyAddMsaClauseDocument,
      { input: { msaId: a.Msa, category: "PAYROLL_PROCESSING", responsibleParty: "EOR", title: "Payroll", text: "The EOR runs payroll." } },
      tokenA,
    ),
  ).addMsaClause;
  expect(clause.userErrors).toEqual([]);
  a.MsaClause = clause.clause!.id;

  // Statements and remittances come only from a full calculation and approval: one of each is inserted directly,
  // which keeps this file about tenancy, not the engine.
  const clientUuid = parseGlobalId(a.Client, "Client")!;
  const runUuid = parseGlobalId(a.PayrollRun, "PayrollRun")!;
  const statementId = newId();
  await t.database.db.insert(payStatements).values({
    id: statementId,
    clientId: clientUuid,
    payrollRunId: runUuid,
    engagementId: parseGlobalId(a.Engagement, "Engagement")!,
    currency: "USD",
    gross: 346154,
    net: 270000,
    employeeTaxes: 76154,
    employerTaxes: 26481,
    deductions: 0,
  });
  a.PayStatement = toGlobalId("PayStatement", statementId);
  const remittanceId = newId();
  await t.database.db.insert(remittances).values({
    id: remittanceId,
    clientId: clientUuid,
    payrollRunId: runUuid,
    kind: "TAX",
    payeeKey: "IRS",
    payeeName: "Internal Revenue Service",
    employeeShare: 76154,
    employerShare: 26481,
    amount: 102635,
    currency: "USD",
    dueOn: "2026-01-30",
  });
  a.Remittance = toGlobalId("Remittance", remittanceId);

  asB = [await tokenOf(clientB), await t.token("PARTNER", { clients: [clientB] })];
});
afterAll(() => t.stop());

const TENANT_TYPES: NodeType[] = ["Client", "Worker", "Engagement", "Compensation", "PaySchedule", "PayPeriod", "PayrollRun", "PayStatement", "Remittance", "Msa", "MsaClause"];

describe("cross-tenant reads", () => {
  it("the owner sees every object by node (the fixture is real)", async () => {
    const owner = await t.token("CLIENT", { clients: [a.Client!] });
    for (const type of TENANT_TYPES) {
      const res = dataOf(await t.gql(TenancyNodeDocument, { id: a[type]! }, owner));
      expect(res.node, type).toEqual({ id: a[type], __typename: type });
    }
  });

  it.each(TENANT_TYPES)("node(%s of another tenant) is null, exactly like a missing one", async (type) => {
    const missing = toGlobalId(type, newId());
    for (const token of asB) {
      const other = await t.gql(TenancyNodeDocument, { id: a[type]! }, token);
      const absent = await t.gql(TenancyNodeDocument, { id: missing }, token);
      expect(other).toEqual({ status: 200, data: { node: null } });
      expect(absent).toEqual(other);
    }
  });

  it("nodes(ids) answers null in every place of another tenant", async () => {
    for (const token of asB) {
      const res = await t.gql(TenancyNodesDocument, { ids: TENANT_TYPES.map((type) => a[type]!) }, token);
      expect(res.errors).toBeUndefined();
      expect(res.data!.nodes).toEqual(TENANT_TYPES.map(() => null));
    }
  });

  it("every connection filtered by another tenant's client is empty", async () => {
    for (const token of asB) {
      const res = dataOf(await t.gql(TenancyConnectionsDocument, { clientId: a.Client! }, token));
      for (const [name, connection] of Object.entries(res)) {
        expect(connection, name).toEqual({ totalCount: 0, nodes: [] });
      }
    }
  });

  it("no unfiltered connection lists another tenant's objects", async () => {
    const ownIds = new Set(Object.values(a));
    for (const token of asB) {
      const res = dataOf(await t.gql(TenancyUnfilteredDocument, {}, token));
      const { employerEntities, ...connections } = res;
      for (const [name, connection] of Object.entries(connections)) {
        for (const node of connection.nodes) expect(ownIds.has(node.id), name).toBe(false);
      }
      expect(res.clients.nodes.map((c) => c.id)).toEqual([clientB]);
      // The EOR's own entities are not tenant data: every caller sees them.
      expect(employerEntities.map((e) => e.country).sort()).toEqual(["CA", "US"]);
    }
  });

  it("workerByExternalId of another tenant is null", async () => {
    for (const token of asB) {
      expect(dataOf(await t.gql(TenancyWorkerByExternalIdDocument, { clientId: a.Client!, externalId: workerExternalId }, token)).workerByExternalId).toBeNull();
    }
  });
});

describe("cross-tenant writes", () => {
  const notFound = (errors: { field: string[]; code: string }[]) => errors.map((e) => e.code);

  it("every mutation naming another tenant's object answers NOT_FOUND and changes nothing", async () => {
    const [token] = asB;
    const usd = { amount: "1000.00", currency: "USD" as const };
    const results = {
      createWorker: dataOf(
        await t.gql(
          TenancyCreateWorkerDocument,
          { input: { clientId: a.Client!, legalFirstName: "X", legalLastName: "Y", email: "x@y.example", homeJurisdiction: "US-TX" } },
          token,
        ),
      ).createWorker,
      updateWorker: dataOf(await t.gql(TenancyUpdateWorkerDocument, { input: { id: a.Worker!, expectedVersion: 1, legalLastName: "Changed" } }, token)).updateWorker,
      hireWorker: dataOf(
        await t.gql(
          TenancyHireWorkerDocument,
          {
            input: {
              workerId: a.Worker!,
              title: "T",
              workJurisdiction: "US-TX",
              employmentModel: "EOR",
              classification: "US_W2_EMPLOYEE",
              startDate: "2027-01-01",
              compensation: { basis: "SALARY", amount: usd },
            },
          },
          token,
        ),
      ).hireWorker,
      changeCompensation: dataOf(
        await t.gql(TenancyChangeCompensationDocument, { input: { engagementId: a.Engagement!, basis: "SALARY", amount: usd, effectiveFrom: "2026-06-01" } }, token),
      ).changeCompensation,
      endEngagement: dataOf(await t.gql(TenancyEndEngagementDocument, { input: { engagementId: a.Engagement!, endDate: "2026-06-30" } }, token)).endEngagement,
      createPaySchedule: dataOf(
        await t.gql(TenancyCreatePayScheduleDocument, { input: { clientId: a.Client!, name: "B's", country: "US", frequency: "WEEKLY", firstPeriodStart: "2026-01-05" } }, token),
      ).createPaySchedule,
      createPayrollRun: dataOf(await t.gql(TenancyCreatePayrollRunDocument, { input: { clientId: a.Client!, payPeriodId: a.PayPeriod! } }, token)).createPayrollRun,
      createMsa: dataOf(await t.gql(TenancyCreateMsaDocument, { input: { clientId: a.Client!, title: "B's", effectiveFrom: "2026-02-01" } }, token)).createMsa,
      addMsaClause: dataOf(
        await t.gql(TenancyAddMsaClauseDocument, { input: { msaId: a.Msa!, category: "TERMINATION", responsibleParty: "CLIENT", title: "T", text: "T" } }, token),
      ).addMsaClause,
      removeMsaClause: dataOf(await t.gql(TenancyRemoveMsaClauseDocument, { input: { clauseId: a.MsaClause! } }, token)).removeMsaClause,
      activateMsa: dataOf(await t.gql(TenancyActivateMsaDocument, { input: { msaId: a.Msa! } }, token)).activateMsa,
      acceptMsa: dataOf(await t.gql(TenancyAcceptMsaDocument, { input: { msaId: a.Msa!, contentDigest: "0".repeat(64) } }, token)).acceptMsa,
    };
    for (const [mutation, payload] of Object.entries(results)) {
      // One NOT_FOUND per foreign ID named (createPayrollRun names two: the client and the period).
      const codes = notFound(payload.userErrors);
      expect(codes.length, mutation).toBeGreaterThan(0);
      expect(new Set(codes), mutation).toEqual(new Set(["NOT_FOUND"]));
    }

    // Nothing changed for the owner.
    const owner = await t.token("CLIENT", { clients: [a.Client!] });
    const still = dataOf(await t.gql(TenancyConnectionsDocument, { clientId: a.Client! }, owner));
    expect({
      workers: still.workers.totalCount,
      engagements: still.engagements.totalCount,
      paySchedules: still.paySchedules.totalCount,
      payrollRuns: still.payrollRuns.totalCount,
      msas: still.msas.totalCount,
    }).toEqual({
      workers: 1,
      engagements: 1,
      paySchedules: 1,
      payrollRuns: 1,
      msas: 1,
    });
    for (const type of ["MsaClause", "Engagement", "Worker"] as const) {
      expect(dataOf(await t.gql(TenancyNodeDocument, { id: a[type]! }, owner)).node, type).not.toBeNull();
    }
  });
});
