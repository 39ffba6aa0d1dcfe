import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { print } from "graphql";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import type { Client as WsClient } from "graphql-ws";
import { eq, sql } from "drizzle-orm";
import { startTestServer, dataOf, errorCodes, unique, type TestServer } from "../support/server";
import { newPayrollRun, newTenant as newTenantOf, transitionRun, type Tenant } from "../support/factories";
import {
  EventsDocument,
  LiveCalculatePayrollRunDocument,
  LiveCancelPayrollRunDocument,
  PayrollRunEventsDocument,
  PayrollRunsWithEventsDocument,
  PayrollRunStatusChangedDocument,
  RemittanceStatusChangedDocument,
  type PayrollRunStatusChangedSubscription,
  type RemittanceStatusChangedSubscription,
} from "../generated/graphql";
import { remittances } from "../../src/db/schema";
import type { PayrollRunStatus } from "../../src/modules/payroll/payroll-run.status";
import { recordEvent } from "../../src/modules/events/event.repository";
import { EVENTS_CHANNEL } from "../../src/modules/events/event.channel";
import { encodeEventCursor } from "../../src/modules/events/event.cursor";
import { newId } from "../../src/shared/ids";
import { toGlobalId } from "../../src/shared/global-id";
import postgres from "postgres";
import { EventFeed, EventNotifier, eventTailReader, postgresNotificationSource, type NotificationSource } from "../../src/realtime";
import { parseEventNotification } from "../../src/modules/events/event.channel";
import type { ClientEventRow } from "../../src/modules/events/event.repository";
import { createLogger } from "../../src/logger";
import { eventually } from "../support/wait";

/**
 * Live payroll status over graphql-ws against a real server (Postgres or PGlite): replay from a cursor, then
 * live events, in order, without gap or duplicate; authorization at subscribe time and per event; and the
 * polling connections (`PayrollRun.events`, `events`).
 *
 * Runs are created with the real `createPayrollRun` mutation. Status changes are committed with the production
 * writer `transitionPayrollRun` (test/support/factories.ts `transitionRun`), as the calculation job and the rail
 * commit them, so these tests do not depend on the calculation engine. Nothing about delivery is faked:
 * recordEvent's pg_notify, the node's LISTEN, the tail read and the WebSocket are the production ones.
 */
let t: TestServer;
let operator: string;

let A: Tenant;
let B: Tenant;

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
  A = await newTenant();
  B = await newTenant();
});
afterAll(() => t.stop());

const newTenant = () => newTenantOf(t, "live-client");
const createRun = (tenant: Tenant) => newPayrollRun(t, tenant);

type RunStatus = PayrollRunStatus;

/** Walks a run along the lifecycle: DRAFT → CALCULATING → … → `to`, one committed change per step. */
const PATH: RunStatus[] = ["DRAFT", "CALCULATING", "CALCULATED", "APPROVED", "FUNDED", "PAYING", "PAID"];

/**
 * A remittance and its `remittance.created` event, written directly: a state no API reaches — the scheduler creates
 * remittances only when a calculated run is approved, and these tests are about delivering remittance events, on
 * runs that were never calculated. The same holds for `changeRemittance` (the rail's changes, without a rail).
 */
async function insertRemittance(tenant: Tenant, runDbId: string): Promise<string> {
  const id = newId();
  await t.database.db.transaction(async (tx) => {
    await tx.insert(remittances).values({
      id,
      clientId: tenant.clientDbId,
      payrollRunId: runDbId,
      kind: "NET_PAY",
      payeeKey: `worker:${newId()}`,
      payeeName: "Payee",
      amount: 10_000,
      currency: "USD",
      dueOn: "2026-03-13",
    });
    await recordEvent(tx, {
      clientId: tenant.clientDbId,
      type: "remittance.created",
      objectType: "Remittance",
      objectId: id,
      actor: { kind: "SYSTEM", id: "calculator" },
      after: { status: "SCHEDULED", payrollRunId: runDbId },
    });
  });
  return id;
}

type RemittanceStatus = NonNullable<(typeof remittances.$inferInsert)["status"]>;

async function changeRemittance(tenant: Tenant, remittanceDbId: string, runDbId: string, from: RemittanceStatus, to: RemittanceStatus) {
  await t.database.db.transaction(async (tx) => {
    await tx.update(remittances).set({ status: to }).where(eq(remittances.id, remittanceDbId));
    await recordEvent(tx, {
      clientId: tenant.clientDbId,
      type: "remittance.statusChanged",
      objectType: "Remittance",
      objectId: remittanceDbId,
      actor: { kind: "SYSTEM", id: "payment-rail" },
      before: { status: from },
      after: { status: to, payrollRunId: runDbId },
    });
  });
}

/** Cursor of the latest event of a run (what an integration gets from polling `PayrollRun.events`). */
async function lastCursorOf(tenant: Tenant, runId: string): Promise<string> {
  const node = dataOf(await t.gql(PayrollRunEventsDocument, { id: runId, last: 1 }, tenant.token)).node;
  if (node?.__typename !== "PayrollRun") throw new Error("no run");
  return node.events.edges[0].cursor;
}

interface GqlError {
  message: string;
  extensions?: Record<string, unknown>;
}

/** A graphql-ws subscription that records what it receives. */
class Subscription<T> {
  readonly events: T[] = [];
  readonly errors: GqlError[] = [];
  completed = false;
  private readonly stop: () => void;

  constructor(
    readonly client: WsClient,
    document: TypedDocumentNode<Record<string, T>, Record<string, unknown>>,
    variables: Record<string, unknown>,
  ) {
    const field = (document.definitions[0] as unknown as { selectionSet: { selections: { name: { value: string } }[] } }).selectionSet.selections[0].name.value;
    this.stop = client.subscribe<Record<string, T>>(
      { query: print(document), variables },
      {
        next: (result) => {
          if (result.errors?.length) this.errors.push(...(result.errors as GqlError[]));
          else if (result.data) this.events.push(result.data[field]);
        },
        error: (error) => this.errors.push(...(Array.isArray(error) ? error : [{ message: String(error) }])),
        complete: () => (this.completed = true),
      },
    );
  }

  /** Resolves once `n` events arrived (fails on an error, or after `ms`). */
  async waitFor(n: number, ms = 5_000): Promise<T[]> {
    const until = Date.now() + ms;
    while (this.events.length < n) {
      if (this.errors.length) throw new Error(`subscription failed: ${JSON.stringify(this.errors)}`);
      if (Date.now() > until) throw new Error(`timed out with ${this.events.length}/${n} events: ${JSON.stringify(this.events)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.events.slice(0, n);
  }

  /** Resolves once an event matching `predicate` arrived (fails on an error, or after `ms`). */
  async waitUntil(predicate: (event: T) => boolean, ms = 5_000): Promise<T[]> {
    const until = Date.now() + ms;
    while (!this.events.some(predicate)) {
      if (this.errors.length) throw new Error(`subscription failed: ${JSON.stringify(this.errors)}`);
      if (Date.now() > until) throw new Error(`timed out; events: ${JSON.stringify(this.events)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.events;
  }

  async waitForError(ms = 5_000): Promise<GqlError[]> {
    const until = Date.now() + ms;
    while (this.errors.length === 0) {
      if (Date.now() > until) throw new Error(`no error; events: ${JSON.stringify(this.events)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.errors;
  }

  close() {
    this.stop();
  }
}

type RunEvent = PayrollRunStatusChangedSubscription["payrollRunStatusChanged"];
type RemittanceEvent = RemittanceStatusChangedSubscription["remittanceStatusChanged"];

function subscribeRun(client: WsClient, variables: { runId?: string; clientId?: string; after?: string }) {
  return new Subscription<RunEvent>(client, PayrollRunStatusChangedDocument, variables);
}
function subscribeRemittances(client: WsClient, variables: { remittanceId?: string; payrollRunId?: string; clientId?: string; after?: string }) {
  return new Subscription<RemittanceEvent>(client, RemittanceStatusChangedDocument, variables);
}

/** Waits until this node has `n` more subscription feeds attached than `before` (a subscription without `after` starts "now"). */
async function attached(before: number, n = 1) {
  await eventually(() => t.server.notifier.size.sinks >= before + n, "the subscription to attach");
}

/**
 * Proves that nothing (more) was delivered to `sub` without sleeping: commits one more change of `run` (the
 * sentinel) and asserts it is the very next event received. Delivery is in commit order, so anything undue
 * (a duplicate, a rolled-back or foreign event) would arrive before it.
 */
async function expectSentinelNext(sub: Subscription<RunEvent>, run: { id: string; dbId: string }, from: RunStatus, to: RunStatus) {
  const before = sub.events.length;
  await transitionRun(t, run.dbId, from, to);
  await sub.waitUntil((e) => e.payrollRun.id === run.id && e.status === to);
  expect(sub.events.slice(before).map((e) => [e.payrollRun.id, e.previousStatus, e.status])).toEqual([[run.id, from, to]]);
}

describe("payrollRunStatusChanged", () => {
  it("delivers a run's status changes live, in order, with the run as it is now", async () => {
    const run = await createRun(A);
    const sinks = t.server.notifier.size.sinks;
    const sub = subscribeRun(t.ws(A.token), { runId: run.id });
    await attached(sinks);
    for (let i = 0; i < 3; i++) await transitionRun(t, run.dbId, PATH[i], PATH[i + 1]);
    const events = await sub.waitFor(3);
    expect(events.map((e) => [e.previousStatus, e.status])).toEqual([
      ["DRAFT", "CALCULATING"],
      ["CALCULATING", "CALCULATED"],
      ["CALCULATED", "APPROVED"],
    ]);
    for (const e of events) {
      expect(e.actor).toEqual({ kind: "SYSTEM", id: "calculator" });
      expect(e.payrollRun.id).toBe(run.id);
      expect(e.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    }
    // occurredAt is the commit order's clock: never decreasing along the run's events.
    const times = events.map((e) => new Date(e.occurredAt).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Each event is resolved with fresh loaders: the last one shows the run as it is after the last change.
    expect(events[2].payrollRun.status).toBe("APPROVED");
    const cursors = events.map((e) => e.cursor);
    expect(new Set(cursors).size).toBe(3);
    await expectSentinelNext(sub, run, "APPROVED", "FUNDED");
    sub.close();
  });

  it("follows the real lifecycle mutations: calculate (background), then cancel", async () => {
    const run = await createRun(A);
    const sub = subscribeRun(t.ws(A.token), { runId: run.id, after: await lastCursorOf(A, run.id) });
    const calculated = dataOf(await t.gql(LiveCalculatePayrollRunDocument, { input: { payrollRunId: run.id } }, A.token)).calculatePayrollRun;
    expect(calculated.userErrors).toEqual([]);
    const [calculating, outcome] = await sub.waitFor(2, 15_000);
    expect([calculating.previousStatus, calculating.status, calculating.actor.kind]).toEqual(["DRAFT", "CALCULATING", "CLIENT"]);
    // A run without engagements calculates to an empty run: CALCULATED, by the background job.
    expect([outcome.previousStatus, outcome.status, outcome.actor.kind]).toEqual(["CALCULATING", "CALCULATED", "SYSTEM"]);
    const cancelled = dataOf(await t.gql(LiveCancelPayrollRunDocument, { input: { payrollRunId: run.id, reason: "test" } }, A.token)).cancelPayrollRun;
    expect(cancelled.userErrors).toEqual([]);
    // The cancellation is the next event: nothing arrived between the outcome and it.
    await sub.waitUntil((e) => e.status === "CANCELLED");
    expect(sub.events.map((e) => [e.previousStatus, e.status])).toEqual([
      ["DRAFT", "CALCULATING"],
      ["CALCULATING", "CALCULATED"],
      ["CALCULATED", "CANCELLED"],
    ]);
    expect(sub.events[2].payrollRun.status).toBe("CANCELLED");
    sub.close();
  });

  it("starts now without `after`: earlier changes are not replayed", async () => {
    const run = await createRun(A);
    await transitionRun(t, run.dbId, "DRAFT", "CALCULATING");
    const sinks = t.server.notifier.size.sinks;
    const sub = subscribeRun(t.ws(A.token), { runId: run.id });
    await attached(sinks);
    await transitionRun(t, run.dbId, "CALCULATING", "CALCULATED");
    expect((await sub.waitFor(1)).map((e) => e.status)).toEqual(["CALCULATED"]);
    await expectSentinelNext(sub, run, "CALCULATED", "APPROVED");
    sub.close();
  });

  it("resumes after a disconnect with `after`: exactly the missed events, in order, then live ones", async () => {
    const run = await createRun(A);
    const other = await createRun(A); // same client, not subscribed to: its events must not leak in
    const first = subscribeRun(t.ws(A.token), { runId: run.id, after: await lastCursorOf(A, run.id) });
    await transitionRun(t, run.dbId, "DRAFT", "CALCULATING");
    const [seen] = await first.waitFor(1);
    expect(seen.status).toBe("CALCULATING");
    await first.client.dispose(); // disconnect

    await transitionRun(t, run.dbId, "CALCULATING", "CALCULATED");
    await transitionRun(t, other.dbId, "DRAFT", "CALCULATING");
    await transitionRun(t, run.dbId, "CALCULATED", "APPROVED");
    await transitionRun(t, run.dbId, "APPROVED", "FUNDED");

    const resumed = subscribeRun(t.ws(A.token), { runId: run.id, after: seen.cursor });
    const replayed = await resumed.waitFor(3);
    expect(replayed.map((e) => e.status)).toEqual(["CALCULATED", "APPROVED", "FUNDED"]);
    await transitionRun(t, run.dbId, "FUNDED", "PAYING");
    const all = await resumed.waitFor(4);
    expect(all.map((e) => e.status)).toEqual(["CALCULATED", "APPROVED", "FUNDED", "PAYING"]);
    await expectSentinelNext(resumed, run, "PAYING", "PAID");
    expect(new Set([seen.cursor, ...all.map((e) => e.cursor)]).size).toBe(5);
    resumed.close();
  });

  it("hands over from replay to live without a gap or a duplicate while changes keep committing", async () => {
    const runs = [await createRun(A), await createRun(A), await createRun(A)];
    const after = await lastCursorOf(A, runs[2].id); // the last event of client A so far
    const steps: Promise<void>[] = [];
    // 3 runs × 6 changes, committed while the subscription replays and attaches.
    const sub = subscribeRun(t.ws(A.token), { clientId: A.clientId, after });
    for (const run of runs) {
      steps.push(
        (async () => {
          for (let i = 0; i < 6; i++) await transitionRun(t, run.dbId, PATH[i], PATH[i + 1]);
        })(),
      );
    }
    await Promise.all(steps);
    const events = await sub.waitFor(18, 10_000);
    await expectSentinelNext(sub, runs[0], "PAID", "REVERSED");
    for (const run of runs) {
      expect(events.filter((e) => e.payrollRun.id === run.id).map((e) => e.status)).toEqual(PATH.slice(1));
    }
    // Cursors strictly increase, one per event: commit order, no duplicate.
    const seqs = events.map((e) => Number(Buffer.from(e.cursor, "base64url").toString().split(":")[2]));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(18);
  });

  it("delivers creations and changes of every run of a client with `clientId`", async () => {
    const sinks = t.server.notifier.size.sinks;
    const sub = subscribeRun(t.ws(A.token), { clientId: A.clientId });
    await attached(sinks);
    const run = await createRun(A);
    await transitionRun(t, run.dbId, "DRAFT", "CANCELLED");
    const events = await sub.waitFor(2);
    expect(events.map((e) => [e.previousStatus, e.status, e.payrollRun.id])).toEqual([
      [null, "DRAFT", run.id],
      ["DRAFT", "CANCELLED", run.id],
    ]);
    expect(events[0].actor.kind).toBe("CLIENT");
    sub.close();
  });

  it("does not deliver a rolled-back change (the notification is part of the transaction)", async () => {
    const run = await createRun(A);
    const sub = subscribeRun(t.ws(A.token), { runId: run.id, after: await lastCursorOf(A, run.id) });
    await expect(
      t.database.db.transaction(async (tx) => {
        await recordEvent(tx, {
          clientId: A.clientDbId,
          type: "payrollRun.statusChanged",
          objectType: "PayrollRun",
          objectId: run.dbId,
          actor: { kind: "SYSTEM", id: "x" },
          before: { status: "DRAFT" },
          after: { status: "FAILED" },
        });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    await transitionRun(t, run.dbId, "DRAFT", "CALCULATING");
    expect((await sub.waitFor(1)).map((e) => e.status)).toEqual(["CALCULATING"]);
    await expectSentinelNext(sub, run, "CALCULATING", "CALCULATED");
    sub.close();
  });

  it("ignores duplicate, stale and foreign notifications: the table decides what is delivered", async () => {
    const run = await createRun(A);
    const sub = subscribeRun(t.ws(A.token), { runId: run.id, after: await lastCursorOf(A, run.id) });
    await transitionRun(t, run.dbId, "DRAFT", "CALCULATING");
    const [first] = await sub.waitFor(1);
    const seq = Number(Buffer.from(first.cursor, "base64url").toString().split(":")[2]);
    for (const payload of [`${A.clientDbId}:${seq}`, `${A.clientDbId}:${seq}`, `${A.clientDbId}:${seq - 1}`, `${A.clientDbId}:${seq + 50}`, "garbage", `${B.clientDbId}:1`]) {
      await t.database.db.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${payload})`);
    }
    await transitionRun(t, run.dbId, "CALCULATING", "CALCULATED");
    expect((await sub.waitFor(2)).map((e) => e.status)).toEqual(["CALCULATING", "CALCULATED"]);
    await expectSentinelNext(sub, run, "CALCULATED", "APPROVED");
    sub.close();
  });

  it("refuses bad arguments with BAD_USER_INPUT", async () => {
    const run = await createRun(A);
    const cases: Record<string, unknown>[] = [
      {},
      { runId: "nope" },
      { runId: A.clientId }, // an ID of another type
      { clientId: run.id },
      { runId: run.id, after: "not-a-cursor" },
      { runId: run.id, after: encodeEventCursor(B.clientDbId, 1) }, // a cursor of another client
      { runId: run.id, after: encodeEventCursor(A.clientDbId, 10_000_000) }, // ahead of the log
    ];
    for (const variables of cases) {
      const errors = await subscribeRun(t.ws(operator), variables).waitForError();
      expect(
        errors.map((e) => e.extensions?.code),
        JSON.stringify(variables),
      ).toEqual(["BAD_USER_INPUT"]);
    }
  });

  it("over HTTP answers where subscriptions are served (BAD_USER_INPUT, not an internal error)", async () => {
    const run = await createRun(A);
    const response = await t.gql(PayrollRunStatusChangedDocument, { runId: run.id }, A.token);
    expect(errorCodes(response)).toEqual(["BAD_USER_INPUT"]);
    expect(response.errors?.[0].message).toMatch(/WebSocket/);
    const remittances = await t.gql(RemittanceStatusChangedDocument, { clientId: A.clientId }, A.token);
    expect(errorCodes(remittances)).toEqual(["BAD_USER_INPUT"]);
  });

  it("needs payroll:read (FORBIDDEN)", async () => {
    const run = await createRun(A);
    const token = await t.token("CLIENT", { clients: [A.clientId], scopes: ["remittances:read", "clients:read"] });
    const errors = await subscribeRun(t.ws(token), { runId: run.id }).waitForError();
    expect(errors.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    expect(errors[0].message).toMatch(/payroll:read/);
  });
});

describe("tenancy of live events", () => {
  it("answers a foreign run like a missing one (NOT_FOUND), also with a mismatched clientId", async () => {
    const run = await createRun(A);
    for (const variables of [{ runId: run.id }, { runId: toGlobalId("PayrollRun", newId()) }]) {
      const errors = await subscribeRun(t.ws(B.token), variables).waitForError();
      expect(errors.map((e) => e.extensions?.code)).toEqual(["NOT_FOUND"]);
    }
    const mismatched = await subscribeRun(t.ws(operator), { runId: run.id, clientId: B.clientId }).waitForError();
    expect(mismatched.map((e) => e.extensions?.code)).toEqual(["NOT_FOUND"]);
  });

  it("refuses another tenant's client (NOT_FOUND at subscribe time), while its own subscribers get everything", async () => {
    const sinks = t.server.notifier.size.sinks;
    const own = subscribeRun(t.ws(A.token), { clientId: A.clientId });
    await attached(sinks);
    const partner = subscribeRun(t.ws(await t.token("PARTNER", { clients: [B.clientId, A.clientId] })), { clientId: A.clientId });
    await attached(sinks, 2);
    // A foreign client is answered like a missing one, at subscribe time.
    for (const foreign of [
      subscribeRun(t.ws(B.token), { clientId: A.clientId }),
      subscribeRun(t.ws(B.token), { clientId: A.clientId, after: encodeEventCursor(A.clientDbId, 1) }),
      subscribeRemittances(t.ws(B.token), { clientId: A.clientId }),
    ]) {
      expect((await foreign.waitForError()).map((e) => e.extensions?.code)).toEqual(["NOT_FOUND"]);
    }

    const run = await createRun(A);
    await transitionRun(t, run.dbId, "DRAFT", "CALCULATING");
    const remittance = await insertRemittance(A, run.dbId);
    expect((await own.waitFor(2)).map((e) => e.status)).toEqual(["DRAFT", "CALCULATING"]);
    expect((await partner.waitFor(2)).map((e) => e.status)).toEqual(["DRAFT", "CALCULATING"]);
    // A foreign remittance is answered like a missing one.
    const errors = await subscribeRemittances(t.ws(B.token), { remittanceId: toGlobalId("Remittance", remittance) }).waitForError();
    expect(errors.map((e) => e.extensions?.code)).toEqual(["NOT_FOUND"]);
    for (const s of [own, partner]) s.close();
  });
});

describe("remittanceStatusChanged", () => {
  it("follows one remittance, a run's remittances, or a client's, with replay from a cursor", async () => {
    const run = await createRun(A);
    const otherRun = await createRun(A);
    const after = await lastCursorOf(A, otherRun.id);
    const byClient = subscribeRemittances(t.ws(A.token), { clientId: A.clientId, after });
    const byRun = subscribeRemittances(t.ws(A.token), { payrollRunId: run.id, after });

    const r1 = await insertRemittance(A, run.dbId);
    const r2 = await insertRemittance(A, otherRun.dbId);
    const byRemittance = subscribeRemittances(t.ws(A.token), { remittanceId: toGlobalId("Remittance", r1), after });
    await changeRemittance(A, r1, run.dbId, "SCHEDULED", "SUBMITTED");
    await changeRemittance(A, r2, otherRun.dbId, "SCHEDULED", "FAILED");
    await changeRemittance(A, r1, run.dbId, "SUBMITTED", "CONFIRMED");

    const gid = (id: string) => toGlobalId("Remittance", id);
    expect((await byClient.waitFor(5)).map((e) => [e.remittance.id, e.previousStatus, e.status])).toEqual([
      [gid(r1), null, "SCHEDULED"],
      [gid(r2), null, "SCHEDULED"],
      [gid(r1), "SCHEDULED", "SUBMITTED"],
      [gid(r2), "SCHEDULED", "FAILED"],
      [gid(r1), "SUBMITTED", "CONFIRMED"],
    ]);
    for (const sub of [byRun, byRemittance]) {
      expect((await sub.waitFor(3)).map((e) => [e.remittance.id, e.status])).toEqual([
        [gid(r1), "SCHEDULED"],
        [gid(r1), "SUBMITTED"],
        [gid(r1), "CONFIRMED"],
      ]);
    }
    expect(byClient.events[4].actor).toEqual({ kind: "SYSTEM", id: "payment-rail" });
    expect(byClient.events[4].remittance.status).toBe("CONFIRMED");
    // Nothing more (no duplicate, nothing of r2 for r1's subscribers): a sentinel change of r1 is the next event of all three.
    const counts = [byClient.events.length, byRun.events.length, byRemittance.events.length];
    expect(counts).toEqual([5, 3, 3]);
    await changeRemittance(A, r1, run.dbId, "CONFIRMED", "FAILED");
    for (const [i, sub] of [byClient, byRun, byRemittance].entries()) {
      await sub.waitUntil((e) => e.remittance.id === gid(r1) && e.status === "FAILED");
      expect(sub.events.slice(counts[i]).map((e) => [e.remittance.id, e.previousStatus, e.status])).toEqual([[gid(r1), "CONFIRMED", "FAILED"]]);
    }
    for (const s of [byClient, byRun, byRemittance]) s.close();
  });

  it("needs remittances:read; refuses missing ids, foreign and mismatched objects", async () => {
    const run = await createRun(A);
    const r = await insertRemittance(A, run.dbId);
    const noScope = await t.token("CLIENT", { clients: [A.clientId], scopes: ["payroll:read"] });
    expect((await subscribeRemittances(t.ws(noScope), { clientId: A.clientId }).waitForError()).map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    expect((await subscribeRemittances(t.ws(A.token), {}).waitForError()).map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
    expect((await subscribeRemittances(t.ws(B.token), { payrollRunId: run.id }).waitForError()).map((e) => e.extensions?.code)).toEqual(["NOT_FOUND"]);
    const otherRun = await createRun(A);
    const mismatch = await subscribeRemittances(t.ws(A.token), { remittanceId: toGlobalId("Remittance", r), payrollRunId: otherRun.id }).waitForError();
    expect(mismatch.map((e) => e.extensions?.code)).toEqual(["NOT_FOUND"]);
  });
});

describe("PayrollRun.events and events (polling)", () => {
  it("pages a run's events in commit order, forward and backward, and the cursors resume a subscription", async () => {
    const run = await createRun(A);
    for (let i = 0; i < 4; i++) await transitionRun(t, run.dbId, PATH[i], PATH[i + 1]);
    const page = async (variables: { first?: number; after?: string; last?: number; before?: string }) => {
      const node = dataOf(await t.gql(PayrollRunEventsDocument, { id: run.id, ...variables }, A.token)).node;
      if (node?.__typename !== "PayrollRun") throw new Error("no run");
      return node.events;
    };
    const all = await page({ first: 10 });
    expect(all.totalCount).toBe(5);
    expect(all.edges.map((e) => [e.node.type, e.node.previousStatus, e.node.status])).toEqual([
      ["payrollRun.created", null, "DRAFT"],
      ["payrollRun.statusChanged", "DRAFT", "CALCULATING"],
      ["payrollRun.statusChanged", "CALCULATING", "CALCULATED"],
      ["payrollRun.statusChanged", "CALCULATED", "APPROVED"],
      ["payrollRun.statusChanged", "APPROVED", "FUNDED"],
    ]);
    expect(all.edges[0].node).toMatchObject({ objectType: "PayrollRun", objectId: run.id, object: { __typename: "PayrollRun", id: run.id }, actor: { kind: "CLIENT" } });
    expect(all.edges.every((e) => e.cursor === e.node.cursor)).toBe(true);

    const first = await page({ first: 2 });
    expect(first.edges.map((e) => e.node.status)).toEqual(["DRAFT", "CALCULATING"]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await page({ first: 2, after: first.pageInfo.endCursor! });
    expect(second.edges.map((e) => e.node.status)).toEqual(["CALCULATED", "APPROVED"]);
    expect(second.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const back = await page({ last: 2, before: second.pageInfo.endCursor! });
    expect(back.edges.map((e) => e.node.status)).toEqual(["CALCULATING", "CALCULATED"]);
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });

    // Poll, then subscribe from the polled cursor: the rest, then live.
    const sub = subscribeRun(t.ws(A.token), { runId: run.id, after: second.pageInfo.endCursor! });
    await transitionRun(t, run.dbId, "FUNDED", "PAYING");
    expect((await sub.waitFor(2)).map((e) => e.status)).toEqual(["FUNDED", "PAYING"]);
    sub.close();

    const bad = await t.gql(PayrollRunEventsDocument, { id: run.id, first: 2, after: "bogus" }, A.token);
    expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
    const foreignCursor = await t.gql(PayrollRunEventsDocument, { id: run.id, first: 2, after: encodeEventCursor(B.clientDbId, 1) }, A.token);
    expect(errorCodes(foreignCursor)).toEqual(["BAD_USER_INPUT"]);
    // Another tenant does not see the run, hence none of its events.
    expect(dataOf(await t.gql(PayrollRunEventsDocument, { id: run.id, first: 10 }, B.token)).node).toBeNull();
  });

  it("loads the events of a page of runs in a constant number of statements", async () => {
    const tenant = await newTenant();
    const count = async (n: number) => {
      const before = t.database.statements.count;
      const data = dataOf(await t.gql(PayrollRunsWithEventsDocument, { clientId: tenant.clientId, first: n }, tenant.token));
      return { statements: t.database.statements.count - before, runs: data.payrollRuns.nodes };
    };
    const runs = [];
    for (let i = 0; i < 6; i++) runs.push(await createRun(tenant));
    for (const run of runs) await transitionRun(t, run.dbId, "DRAFT", "CALCULATING");
    const two = await count(2);
    const six = await count(6);
    expect(six.runs).toHaveLength(6);
    for (const run of six.runs)
      expect(run.events).toEqual({
        totalCount: 2,
        nodes: [
          { type: "payrollRun.created", status: "DRAFT" },
          { type: "payrollRun.statusChanged", status: "CALCULATING" },
        ],
      });
    expect(six.statements).toBe(two.statements);
  });

  it("lists a client's events by type and scope; a foreign client is empty", async () => {
    const tenant = await newTenant();
    const run = await createRun(tenant);
    await transitionRun(t, run.dbId, "DRAFT", "CALCULATING");
    const remittance = await insertRemittance(tenant, run.dbId);
    await changeRemittance(tenant, remittance, run.dbId, "SCHEDULED", "SUBMITTED");

    const all = dataOf(await t.gql(EventsDocument, { clientId: tenant.clientId, first: 50 }, tenant.token)).events;
    const payrollAndRemittances = all.edges.map((e) => e.node.type).filter((type) => /^(payrollRun|remittance)\./.test(type));
    expect(payrollAndRemittances).toEqual(["payrollRun.created", "payrollRun.statusChanged", "remittance.created", "remittance.statusChanged"]);
    expect(all.totalCount).toBe(all.edges.length);

    const remittancesOnly = dataOf(
      await t.gql(EventsDocument, { clientId: tenant.clientId, types: ["remittance.statusChanged", "remittance.created"], first: 10 }, tenant.token),
    ).events;
    expect(remittancesOnly.edges.map((e) => [e.node.type, e.node.status, e.node.object?.__typename])).toEqual([
      ["remittance.created", "SCHEDULED", "Remittance"],
      ["remittance.statusChanged", "SUBMITTED", "Remittance"],
    ]);

    // Scopes decide which objects' events are listed: payroll:read alone shows no remittance events.
    const payrollOnly = await t.token("CLIENT", { clients: [tenant.clientId], scopes: ["payroll:read"] });
    const seen = dataOf(await t.gql(EventsDocument, { clientId: tenant.clientId, first: 50 }, payrollOnly)).events;
    expect(new Set(seen.edges.map((e) => e.node.objectType))).toEqual(new Set(["PayrollRun"]));

    // Paging with the cursor; a cursor of another client is refused.
    const firstTwo = dataOf(await t.gql(EventsDocument, { clientId: tenant.clientId, first: 2 }, tenant.token)).events;
    const next = dataOf(await t.gql(EventsDocument, { clientId: tenant.clientId, first: 50, after: firstTwo.pageInfo.endCursor }, tenant.token)).events;
    expect([...firstTwo.edges, ...next.edges].map((e) => e.cursor)).toEqual(all.edges.map((e) => e.cursor));
    expect(errorCodes(await t.gql(EventsDocument, { clientId: A.clientId, first: 2, after: firstTwo.pageInfo.endCursor }, operator))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await t.gql(EventsDocument, { clientId: tenant.clientId, types: Array.from({ length: 21 }, (_, i) => `t${i}`) }, tenant.token))).toEqual(["BAD_USER_INPUT"]);
    expect(dataOf(await t.gql(EventsDocument, { clientId: tenant.clientId, updatedSince: new Date(Date.now() + 60_000).toISOString() }, tenant.token)).events.totalCount).toBe(0);

    // Another tenant's client reads as a client without events.
    const foreign = dataOf(await t.gql(EventsDocument, { clientId: tenant.clientId, first: 50 }, B.token)).events;
    expect(foreign).toMatchObject({ totalCount: 0, edges: [] });
  });
});

describe("EventFeed (the per-subscription stream)", () => {
  type Row = { clientId: string; seq: number };
  const logger = createLogger("silent");
  const table = (n: number): Row[] => Array.from({ length: n }, (_, i) => ({ clientId: "c", seq: i + 1 }));

  it("replays, then takes only contiguous pushes; duplicates and reordering never surface", async () => {
    const log = table(6);
    let reads = 0;
    const feed = new EventFeed<Row, number>({
      read: async (after, limit) => {
        reads++;
        return log.filter((r) => r.seq > after).slice(0, limit);
      },
      accept: (row) => (row.seq % 2 === 0 ? row.seq : null), // the subscription's filter: even seqs only
      logger,
    });
    feed.start({ position: 6, detach: () => {} }, 2); // the subscriber has 1..2, the tail is at 6
    const got: number[] = [];
    got.push((await feed.next()).value, (await feed.next()).value); // replay 3..6 → 4, 6
    expect(reads).toBe(1);
    log.push(...table(10).slice(6)); // 7..10 commit
    feed.push([log[5], log[6]]); // 6 again (duplicate), then 7
    feed.push([log[8]]); // 9 before 8: a gap → read the table from 7
    feed.push([log[7], log[9]]); // 8 and 10 late: duplicates by then
    got.push((await feed.next()).value, (await feed.next()).value);
    expect(got).toEqual([4, 6, 8, 10]);
    expect(reads).toBe(2);
    const pending = feed.next();
    await feed.return();
    expect(await pending).toEqual({ value: undefined, done: true });
  });

  it("ends a waiting next() when the subscriber leaves, and detaches", async () => {
    let detached = false;
    const feed = new EventFeed<Row, number>({ read: async () => [], accept: (r) => r.seq, logger });
    feed.start({ position: 0, detach: () => (detached = true) }, null);
    const pending = feed.next();
    await feed.return();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(detached).toBe(true);
  });
});

describe("EventNotifier (a node's fan-out)", () => {
  const logger = createLogger("silent");

  const until = (condition: () => boolean, what: string) => eventually(condition, what, 8_000);

  it("reads what it missed from the table when listening restarts", async () => {
    // A source that loses every notification (a dropped LISTEN connection) and lets the test say "reconnected".
    // The test can still deliver a notification by hand (the sentinel below).
    let reconnected = () => {};
    let notify: (payload: string) => void = () => {};
    const lossy: NotificationSource = {
      async start(onNotify, onListen) {
        reconnected = onListen;
        notify = onNotify;
        onListen();
      },
      async stop() {},
    };
    const reader = eventTailReader(t.database.db);
    const notifier = new EventNotifier<ClientEventRow>(lossy, reader, parseEventNotification, logger);
    await notifier.start();
    const run = await createRun(A);
    const seen: string[] = [];
    const attachment = await notifier.attach(A.clientDbId, (rows) => seen.push(...rows.filter((r) => r.objectId === run.dbId).map((r) => (r.after as { status: string }).status)));
    const sentinel: string[] = [];
    const sentinelAttachment = await notifier.attach(B.clientDbId, (rows) => sentinel.push(...rows.map((r) => r.objectId)));
    await transitionRun(t, run.dbId, "DRAFT", "CALCULATING");
    await transitionRun(t, run.dbId, "CALCULATING", "CALCULATED");
    // Sentinel: a later event of another client, notified by hand, is delivered while A's lost ones are not.
    const bRun = await createRun(B);
    notify(`${B.clientDbId}:${await reader.lastSeq(B.clientDbId)}`);
    await until(() => sentinel.length > 0, "the sentinel");
    expect(sentinel).toEqual([bRun.dbId]);
    expect(seen).toEqual([]); // nothing heard
    sentinelAttachment.detach();
    reconnected();
    await until(() => seen.length === 2, "the catch-up read");
    expect(seen).toEqual(["CALCULATING", "CALCULATED"]);
    attachment.detach();
    expect(notifier.size.sinks).toBe(0);
    await notifier.stop();
  });

  // Postgres only: PGlite runs in this process and has no connection to lose.
  it.skipIf(!process.env.DATABASE_URL)("keeps delivering after its LISTEN connection is killed (Postgres)", async () => {
    const applicationName = `eor-listen-${unique()}`;
    const pg = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {}, connection: { application_name: applicationName } });
    const notifier = new EventNotifier<ClientEventRow>(
      postgresNotificationSource(pg, EVENTS_CHANNEL, logger, { heartbeatMs: 200 }),
      eventTailReader(t.database.db),
      parseEventNotification,
      logger,
    );
    try {
      await notifier.start();
      const run = await createRun(A);
      const seen: string[] = [];
      await notifier.attach(A.clientDbId, (rows) => seen.push(...rows.filter((r) => r.objectId === run.dbId).map((r) => (r.after as { status: string }).status)));
      await transitionRun(t, run.dbId, "DRAFT", "CALCULATING");
      await until(() => seen.length === 1, "the first event");

      const listeners = async () =>
        (await t.database.db.execute<{ pid: number }>(sql`select pid from pg_stat_activity where application_name = ${applicationName} and query ilike 'listen%'`)) as {
          pid: number;
        }[];
      const [killed] = await listeners();
      expect(killed).toBeDefined();
      await t.database.db.execute(sql`select pg_terminate_backend(${killed.pid})`);
      // Committed while the listener is down or reconnecting: its notification may be lost; the re-listen's catch-up reads it.
      await transitionRun(t, run.dbId, "CALCULATING", "CALCULATED");
      await until(() => seen.length === 2, "the event committed around the reconnection");
      let relistened = false;
      for (let i = 0; i < 100 && !relistened; i++) {
        relistened = (await listeners()).some((l) => l.pid !== killed.pid);
        if (!relistened) await new Promise((r) => setTimeout(r, 50));
      }
      expect(relistened).toBe(true); // a new backend LISTENs again
      await transitionRun(t, run.dbId, "CALCULATED", "APPROVED");
      await until(() => seen.length === 3, "an event after the reconnection");
      expect(seen).toEqual(["CALCULATING", "CALCULATED", "APPROVED"]);
    } finally {
      await notifier.stop();
      await pg.end({ timeout: 1 });
    }
  });
});
