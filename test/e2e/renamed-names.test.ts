import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client as WsClient } from "graphql-ws";
import { dataOf, errorCodes, startTestServer, type TestServer } from "../support/server";
import { newPayrollRun, newTenant, newWorker, transitionRun, type Tenant } from "../support/factories";
import { toGlobalId } from "../../src/shared/global-id";
import { newId } from "../../src/shared/ids";

/**
 * One name per concept (README "Versioning"): the new names work, the deprecated ones keep working for at least a
 * release, and a caller passing both must pass the same value — otherwise a userError (mutations) or BAD_USER_INPUT.
 */
let t: TestServer;
let operator: string;
let tenant: Tenant;

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
  tenant = await newTenant(t, "renamed");
});
afterAll(() => t.stop());

interface UserErrorShape {
  field: string[];
  code: string;
}

const UPDATE_WORKER = `mutation ($input: UpdateWorkerInput!) { updateWorker(input: $input) { worker { id version preferredName } userErrors { field code message } } }`;
type UpdateWorkerResult = { updateWorker: { worker: { id: string; version: number; preferredName: string | null } | null; userErrors: UserErrorShape[] } };

describe("updateWorker(input: { workerId })", () => {
  const update = async (input: Record<string, unknown>) => dataOf(await t.gql<UpdateWorkerResult, unknown>(UPDATE_WORKER, { input }, operator)).updateWorker;

  it("takes `workerId`, and the deprecated `id` still works", async () => {
    const worker = await newWorker(t, tenant.clientId);
    const byNewName = await update({ workerId: worker.id, expectedVersion: 1, preferredName: "New" });
    expect(byNewName.userErrors).toEqual([]);
    expect(byNewName.worker).toMatchObject({ id: worker.id, version: 2, preferredName: "New" });
    const byOldName = await update({ id: worker.id, expectedVersion: 2, preferredName: "Old" });
    expect(byOldName.userErrors).toEqual([]);
    expect(byOldName.worker).toMatchObject({ id: worker.id, version: 3, preferredName: "Old" });
    const both = await update({ workerId: worker.id, id: worker.id, expectedVersion: 3, preferredName: "Both" });
    expect(both.worker).toMatchObject({ version: 4, preferredName: "Both" });
  });

  it("refuses neither name, two different IDs, and names the field it reports on", async () => {
    const worker = await newWorker(t, tenant.clientId);
    const other = await newWorker(t, tenant.clientId);
    expect((await update({ expectedVersion: 1 })).userErrors).toEqual([
      { field: ["input", "workerId"], code: "INVALID_INPUT", message: expect.stringContaining("`workerId` is required") },
    ]);
    expect((await update({ workerId: worker.id, id: other.id, expectedVersion: 1 })).userErrors).toEqual([
      { field: ["input", "id"], code: "INVALID_INPUT", message: expect.stringContaining("disagree") },
    ]);
    const unknown = toGlobalId("Worker", newId());
    expect((await update({ workerId: unknown, expectedVersion: 1 })).userErrors).toEqual([{ field: ["input", "workerId"], code: "NOT_FOUND", message: expect.any(String) }]);
    expect((await update({ id: unknown, expectedVersion: 1 })).userErrors).toEqual([{ field: ["input", "id"], code: "NOT_FOUND", message: expect.any(String) }]);
    expect((await update({ workerId: "nope", expectedVersion: 1 })).userErrors).toEqual([{ field: ["input", "workerId"], code: "INVALID_ID", message: expect.any(String) }]);
  });
});

describe("removeMsaClause(input: { msaClauseId }) → removedMsaClauseId", () => {
  const CREATE = `mutation ($input: CreateMsaInput!) { createMsa(input: $input) { msa { id } userErrors { code } } }`;
  const ADD = `mutation ($input: AddMsaClauseInput!) { addMsaClause(input: $input) { clause { id } userErrors { code } } }`;
  const REMOVE = `mutation ($input: RemoveMsaClauseInput!) { removeMsaClause(input: $input) { removedMsaClauseId removedClauseId msa { id } userErrors { field code message } } }`;
  type RemoveResult = { removeMsaClause: { removedMsaClauseId: string | null; removedClauseId: string | null; msa: { id: string } | null; userErrors: UserErrorShape[] } };

  async function draftWithClauses(n: number) {
    const msa = dataOf(
      await t.gql<{ createMsa: { msa: { id: string } } }, unknown>(CREATE, { input: { clientId: tenant.clientId, title: "MSA", effectiveFrom: "2026-01-01" } }, operator),
    ).createMsa.msa.id;
    const clauses: string[] = [];
    for (let i = 0; i < n; i++) {
      const input = { msaId: msa, category: "PAYROLL_PROCESSING", responsibleParty: "EOR", title: `Clause ${i}`, text: "The EOR runs payroll." };
      clauses.push(dataOf(await t.gql<{ addMsaClause: { clause: { id: string } } }, unknown>(ADD, { input }, operator)).addMsaClause.clause.id);
    }
    return { msa, clauses };
  }
  const remove = async (input: Record<string, unknown>) => dataOf(await t.gql<RemoveResult, unknown>(REMOVE, { input }, operator)).removeMsaClause;

  it("takes `msaClauseId` and answers both the new and the deprecated payload field; `clauseId` still works", async () => {
    const { msa, clauses } = await draftWithClauses(3);
    expect(await remove({ msaClauseId: clauses[0] })).toEqual({ removedMsaClauseId: clauses[0], removedClauseId: clauses[0], msa: { id: msa }, userErrors: [] });
    expect(await remove({ clauseId: clauses[1] })).toEqual({ removedMsaClauseId: clauses[1], removedClauseId: clauses[1], msa: { id: msa }, userErrors: [] });
    const disagree = await remove({ msaClauseId: clauses[2], clauseId: clauses[0] });
    expect(disagree).toEqual({
      removedMsaClauseId: null,
      removedClauseId: null,
      msa: null,
      userErrors: [{ field: ["input", "clauseId"], code: "INVALID_INPUT", message: expect.stringContaining("disagree") }],
    });
    expect((await remove({})).userErrors).toEqual([{ field: ["input", "msaClauseId"], code: "INVALID_INPUT", message: expect.any(String) }]);
    expect((await remove({ msaClauseId: clauses[0] })).userErrors).toEqual([{ field: ["input", "msaClauseId"], code: "NOT_FOUND", message: expect.any(String) }]);
  });
});

describe("events(occurredSince:)", () => {
  const EVENTS = `query ($c: ID!, $o: DateTime, $u: DateTime) { events(clientId: $c, first: 100, occurredSince: $o, updatedSince: $u) { nodes { type occurredAt } } }`;
  type EventsResult = { events: { nodes: { type: string; occurredAt: string }[] } };
  const events = (variables: { o?: string; u?: string }) => t.gql<EventsResult, unknown>(EVENTS, { c: tenant.clientId, ...variables }, operator);

  it("filters on occurredAt, inclusive; the deprecated `updatedSince` filters the same; both must agree", async () => {
    await newWorker(t, tenant.clientId);
    const all = dataOf(await events({})).events.nodes;
    const cutoff = all[all.length - 1].occurredAt;
    const expected = all.filter((e) => e.occurredAt >= cutoff);
    expect(expected.length).toBeLessThan(all.length); // the client's creation happened before: the filter excludes something
    const since = dataOf(await events({ o: cutoff })).events.nodes;
    expect(since).toEqual(expected);
    expect(dataOf(await events({ u: cutoff })).events.nodes).toEqual(expected);
    expect(dataOf(await events({ o: cutoff, u: cutoff })).events.nodes).toEqual(expected);
    const last = all[all.length - 1];
    const future = new Date(Date.parse(last.occurredAt) + 60_000).toISOString();
    expect(dataOf(await events({ o: future })).events.nodes).toEqual([]);
    const disagree = await events({ o: last.occurredAt, u: future });
    expect(errorCodes(disagree)).toEqual(["BAD_USER_INPUT"]);
    expect(disagree.errors![0].message).toContain("disagree");
  });
});

describe("payrollRunStatusChanged(payrollRunId:)", () => {
  const RUN_STATUS = `subscription ($payrollRunId: ID, $runId: ID, $clientId: ID, $after: String) { payrollRunStatusChanged(payrollRunId: $payrollRunId, runId: $runId, clientId: $clientId, after: $after) { status payrollRun { id } } }`;

  /** The first thing the subscription answers: its first event, or its errors. */
  function first(ws: WsClient, variables: Record<string, unknown>): Promise<{ data?: unknown; codes: string[]; messages: string[] }> {
    return new Promise((resolve) => {
      const stop = ws.subscribe(
        { query: RUN_STATUS, variables },
        {
          next: (r) => {
            stop();
            resolve({ data: r.data, codes: (r.errors ?? []).map((e) => String(e.extensions?.code)), messages: (r.errors ?? []).map((e) => e.message) });
          },
          error: (e) => {
            const errors = Array.isArray(e) ? (e as { message: string; extensions?: { code?: string } }[]) : [{ message: String(e) }];
            resolve({ codes: errors.map((x) => String(x.extensions?.code)), messages: errors.map((x) => x.message) });
          },
          complete: () => resolve({ codes: [], messages: [] }),
        },
      );
    });
  }

  /** A cursor just before the run's creation, so that the subscription replays its events. */
  async function runWithCursorBefore() {
    const page = dataOf(
      await t.gql<{ events: { edges: { cursor: string }[] } }, unknown>(`query ($c: ID!) { events(clientId: $c, last: 1) { edges { cursor } } }`, { c: tenant.clientId }, operator),
    );
    const after = page.events.edges[0]?.cursor;
    const run = await newPayrollRun(t, tenant);
    return { run, after };
  }

  it("delivers the run's events by `payrollRunId`, and by the deprecated `runId`", async () => {
    await newWorker(t, tenant.clientId); // at least one event before the run
    const { run, after } = await runWithCursorBefore();
    await transitionRun(t, run.dbId, "DRAFT", "CALCULATING");
    for (const variables of [
      { payrollRunId: run.id, after },
      { runId: run.id, after },
      { payrollRunId: run.id, runId: run.id, after },
    ]) {
      const answer = await first(t.ws(tenant.token), variables);
      expect(answer.codes, JSON.stringify(variables)).toEqual([]);
      expect(answer.data).toEqual({ payrollRunStatusChanged: { status: "DRAFT", payrollRun: { id: run.id } } });
    }
  });

  it("refuses two different runs (BAD_USER_INPUT) and answers an unknown or foreign `payrollRunId` with NOT_FOUND", async () => {
    const { run } = await runWithCursorBefore();
    const other = await newPayrollRun(t, tenant, { payDate: "2026-03-20" });
    const disagree = await first(t.ws(tenant.token), { payrollRunId: run.id, runId: other.id });
    expect(disagree.codes).toEqual(["BAD_USER_INPUT"]);
    expect(disagree.messages[0]).toContain("disagree");
    const stranger = await newTenant(t, "stranger");
    expect((await first(t.ws(stranger.token), { payrollRunId: run.id })).codes).toEqual(["NOT_FOUND"]);
    expect((await first(t.ws(tenant.token), { payrollRunId: toGlobalId("PayrollRun", newId()) })).codes).toEqual(["NOT_FOUND"]);
    expect((await first(t.ws(tenant.token), { payrollRunId: run.id, clientId: stranger.clientId })).codes).toEqual(["NOT_FOUND"]);
  });
});

describe("EventType: events(eventTypes:) and Event.eventType", () => {
  const EVENTS = `query ($c: ID!, $et: [EventType!], $t: [String!]) { events(clientId: $c, first: 100, eventTypes: $et, types: $t) { nodes { type eventType objectId } } }`;
  type EventsResult = { events: { nodes: { type: string; eventType: string; objectId: string | null }[] } };

  it("filters by the enum, answers the enum beside the deprecated dotted name, and refuses two different filters", async () => {
    const own = await newTenant(t, "event-types");
    const run = await newPayrollRun(t, own);
    const all = dataOf(await t.gql<EventsResult, unknown>(EVENTS, { c: own.clientId }, operator)).events.nodes;
    expect(all.map((e) => [e.type, e.eventType])).toEqual([
      ["client.created", "CLIENT_CREATED"],
      ["payrollRun.created", "PAYROLL_RUN_CREATED"],
    ]);
    const byEnum = dataOf(await t.gql<EventsResult, unknown>(EVENTS, { c: own.clientId, et: ["PAYROLL_RUN_CREATED", "WORKER_UPDATED"] }, operator)).events.nodes;
    expect(byEnum.map((e) => [e.eventType, e.objectId])).toEqual([["PAYROLL_RUN_CREATED", run.id]]);
    const byString = dataOf(await t.gql<EventsResult, unknown>(EVENTS, { c: own.clientId, t: ["payrollRun.created"] }, operator)).events.nodes;
    expect(byString).toEqual(byEnum);
    const both = dataOf(await t.gql<EventsResult, unknown>(EVENTS, { c: own.clientId, et: ["PAYROLL_RUN_CREATED"], t: ["payrollRun.created"] }, operator)).events.nodes;
    expect(both).toEqual(byEnum);
    const disagree = await t.gql<EventsResult, unknown>(EVENTS, { c: own.clientId, et: ["PAYROLL_RUN_CREATED"], t: ["client.created"] }, operator);
    expect(errorCodes(disagree)).toEqual(["BAD_USER_INPUT"]);
    const unknown = await t.gql<EventsResult, unknown>(EVENTS, { c: own.clientId, et: ["payrollRun.created"] }, operator);
    expect(errorCodes(unknown)).toEqual(["BAD_USER_INPUT"]); // the enum takes enum names, not dotted names
  });
});
