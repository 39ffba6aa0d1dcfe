import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client as WsClient } from "graphql-ws";
import { startTestServer, dataOf, type TestServer } from "../support/server";
import { newPayrollRun, newTenant, type Tenant } from "../support/factories";
import { recordEvents, type EventInput } from "../../src/modules/events/event.repository";
import { decodeEventCursor } from "../../src/modules/events/event.cursor";
import { newId } from "../../src/shared/ids";
import { toGlobalId } from "../../src/shared/global-id";
import { EventFeed, REPLAY_PAGE } from "../../src/realtime/event-feed";
import { DEFAULT_WS_MAX_SUBSCRIPTIONS_PER_SOCKET } from "../../src/config";
import { createLogger } from "../../src/logger";
import { eventually } from "../support/wait";

/**
 * Abuse limits of the live API: operations per WebSocket (WS_MAX_SUBSCRIPTIONS_PER_SOCKET), replay from an old
 * cursor read in pages, and subscriptions to an unknown or foreign client refused at subscribe time.
 */
let t: TestServer;
let operator: string;
let clientId: string;
let clientDbId: string;
let clientToken: string;
let tenant: Tenant;

interface GqlError {
  message: string;
  extensions?: Record<string, unknown>;
}

/** Records what one graphql-ws subscription receives; `done` settles when it completes or errors. */
function subscribe(ws: WsClient, query: string, variables: Record<string, unknown>) {
  const events: Record<string, unknown>[] = [];
  const errors: GqlError[] = [];
  let waiters: (() => void)[] = [];
  const wake = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  let finished = false;
  let stop = () => {};
  const done = new Promise<void>((resolve) => {
    stop = ws.subscribe(
      { query, variables },
      {
        next: (r) => {
          if (r.errors?.length) errors.push(...(r.errors as GqlError[]));
          else events.push(r.data as Record<string, unknown>);
          wake();
        },
        error: (e) => {
          errors.push(...(Array.isArray(e) ? (e as GqlError[]) : [{ message: String(e) }]));
          finished = true;
          wake();
          resolve();
        },
        complete: () => {
          finished = true;
          wake();
          resolve();
        },
      },
    );
  });
  const sub = {
    events,
    errors,
    done,
    close: () => stop(),
    get finished() {
      return finished;
    },
    /** Resolves once `n` events arrived; fails on an error, on completion, or after 10 s. */
    async waitFor(n: number) {
      const deadline = Date.now() + 10_000;
      while (events.length < n) {
        if (errors.length || finished) throw new Error(`ended with ${events.length}/${n} events: ${JSON.stringify(errors)}`);
        if (Date.now() > deadline) throw new Error(`timed out with ${events.length}/${n} events`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
      return events.slice(0, n);
    },
  };
  return sub;
}

const RUN_STATUS = `subscription ($runId: ID, $clientId: ID, $after: String) { payrollRunStatusChanged(runId: $runId, clientId: $clientId, after: $after) { cursor status previousStatus } }`;
const REMITTANCE_STATUS = `subscription ($remittanceId: ID, $payrollRunId: ID, $clientId: ID) { remittanceStatusChanged(remittanceId: $remittanceId, payrollRunId: $payrollRunId, clientId: $clientId) { cursor status } }`;

const createRun = () => newPayrollRun(t, tenant);

async function lastCursor(): Promise<string> {
  const page = dataOf(
    await t.gql<{ events: { edges: { cursor: string }[] } }, unknown>(`query ($c: ID!) { events(clientId: $c, last: 1) { edges { cursor } } }`, { c: clientId }, operator),
  );
  return page.events.edges[0].cursor;
}

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
  tenant = await newTenant(t, "limits");
  ({ clientId, clientDbId, token: clientToken } = tenant);
});

afterAll(async () => {
  await t?.stop();
});

describe("a subscription to an unknown or foreign object fails at subscribe time with NOT_FOUND", () => {
  it("an unknown client, a foreign client, an unknown run, remittance or payroll run", async () => {
    const other = dataOf(
      await t.gql<{ createClient: { client: { id: string } } }, unknown>(
        `mutation ($n: String!) { createClient(input: { name: $n }) { client { id } } }`,
        { n: `other-${newId()}` },
        operator,
      ),
    ).createClient.client.id;
    const unknownClient = toGlobalId("Client", newId());
    const ownCursor = await lastCursor();
    const otherPartner = await t.token("PARTNER", { clients: [clientId] });
    const cases: [string, string, Record<string, unknown>][] = [
      [operator, RUN_STATUS, { clientId: unknownClient }],
      [operator, REMITTANCE_STATUS, { clientId: unknownClient }],
      [clientToken, RUN_STATUS, { clientId: other }],
      [clientToken, REMITTANCE_STATUS, { clientId: other }],
      [otherPartner, RUN_STATUS, { clientId: other }],
      [otherPartner, REMITTANCE_STATUS, { clientId: other }],
      // The client is checked before the cursor: a foreign client with the caller's own cursor is NOT_FOUND too.
      [clientToken, RUN_STATUS, { clientId: other, after: ownCursor }],
      [operator, RUN_STATUS, { clientId: unknownClient, after: ownCursor }],
      [operator, RUN_STATUS, { runId: toGlobalId("PayrollRun", newId()) }],
      [operator, REMITTANCE_STATUS, { remittanceId: toGlobalId("Remittance", newId()) }],
      [operator, REMITTANCE_STATUS, { payrollRunId: toGlobalId("PayrollRun", newId()) }],
    ];
    for (const [token, query, variables] of cases) {
      const sub = subscribe(t.ws(token), query, variables);
      await sub.done; // the operation ends: it is not left waiting for events that never come
      expect(
        sub.errors.map((e) => e.extensions?.code),
        JSON.stringify(variables),
      ).toEqual(["NOT_FOUND"]);
      expect(sub.events).toEqual([]);
    }
  });
});

describe("WS_MAX_SUBSCRIPTIONS_PER_SOCKET", () => {
  it(`refuses operation ${DEFAULT_WS_MAX_SUBSCRIPTIONS_PER_SOCKET + 1} on one socket with TOO_MANY_SUBSCRIPTIONS; the others keep working, and a freed slot can be used again`, async () => {
    const max = DEFAULT_WS_MAX_SUBSCRIPTIONS_PER_SOCKET;
    const ws = t.ws(clientToken);
    // Attached subscriptions: those on their own stream, and those sharing a group's (src/realtime/subscription-fanout.ts).
    const attached = () => t.server.notifier.size.sinks - t.server.fanout.size.groups + t.server.fanout.size.members;
    const before = attached();
    const subs = Array.from({ length: max }, () => subscribe(ws, RUN_STATUS, { clientId }));
    const refused = subscribe(ws, RUN_STATUS, { clientId });
    await refused.done;
    expect(refused.errors.map((e) => e.extensions?.code)).toEqual(["TOO_MANY_SUBSCRIPTIONS"]);
    expect(refused.errors[0].extensions?.limit).toBe(max);
    // Another socket of the same caller is not affected.
    const elsewhere = subscribe(t.ws(clientToken), RUN_STATUS, { clientId });
    await eventually(() => attached() >= before + max + 1, "the subscriptions to attach", 10_000);
    await createRun();
    for (const sub of [...subs, elsewhere]) expect((await sub.waitFor(1)).map((e) => (e.payrollRunStatusChanged as { status: string }).status)).toEqual(["DRAFT"]);
    // One completes: the next subscription on the socket is accepted.
    subs[0].close();
    const again = subscribe(ws, RUN_STATUS, { clientId });
    await createRun();
    expect(await again.waitFor(1)).toHaveLength(1);
    expect(again.errors).toEqual([]);
    for (const sub of [...subs.slice(1), elsewhere, again]) sub.close();
  });
});

describe("replay after a cursor is read in pages", () => {
  it(`delivers ${REPLAY_PAGE * 2 + 50} missed status events, among other events, in order with no gap and no duplicate`, async () => {
    const run = await createRun();
    const after = await lastCursor();
    const n = REPLAY_PAGE * 2 + 50;
    const actor = { kind: "SYSTEM" as const, id: "test" };
    const batch: EventInput[] = [];
    const statuses = ["CALCULATING", "CALCULATED", "DRAFT"];
    for (let i = 0; i < n; i++) {
      const from = statuses[(i + 2) % 3];
      const to = statuses[i % 3];
      batch.push({ clientId: clientDbId, type: "payrollRun.statusChanged", objectType: "PayrollRun", objectId: run.dbId, actor, before: { status: from }, after: { status: to } });
      // Events the subscription does not deliver, so that pages hold a mix.
      if (i % 3 === 0) batch.push({ clientId: clientDbId, type: "worker.updated", objectType: "Worker", objectId: newId(), actor });
    }
    await t.database.db.transaction((tx) => recordEvents(tx, batch));
    const sub = subscribe(t.ws(clientToken), RUN_STATUS, { runId: run.id, after });
    const events = (await sub.waitFor(n)).map((e) => e.payrollRunStatusChanged as { cursor: string; status: string; previousStatus: string });
    expect(events.map((e) => e.status)).toEqual(Array.from({ length: n }, (_, i) => statuses[i % 3]));
    const seqs = events.map((e) => decodeEventCursor(e.cursor, "cursor").seq);
    const first = decodeEventCursor(after, "after").seq;
    // Exactly the status events' seqs: strictly increasing, none skipped (each third one is followed by a worker event).
    const expected: number[] = [];
    let seq = first;
    for (let i = 0; i < n; i++) {
      expected.push(++seq);
      if (i % 3 === 0) seq++;
    }
    expect(seqs).toEqual(expected);
    sub.close();
  });

  it(`EventFeed reads the table ${REPLAY_PAGE} rows at a time, the next page only once the previous one is delivered`, async () => {
    const table = Array.from({ length: REPLAY_PAGE * 3 + 7 }, (_, i) => ({ clientId: "c", seq: i + 1 }));
    const reads: { after: number; limit: number }[] = [];
    const feed = new EventFeed<{ clientId: string; seq: number }, number>({
      read: async (after, limit) => {
        reads.push({ after, limit });
        return table.filter((r) => r.seq > after).slice(0, limit);
      },
      accept: (row) => row.seq,
      logger: createLogger("silent"),
    });
    feed.start({ position: table.length, detach: () => {} }, 0);
    const got: number[] = [];
    for (let i = 0; i < table.length; i++) {
      got.push((await feed.next()).value as number);
      if (i === REPLAY_PAGE - 1) expect(reads).toHaveLength(1); // a page delivered before the next is read
    }
    expect(got).toEqual(table.map((r) => r.seq));
    expect(reads.map((r) => r.limit)).toEqual([REPLAY_PAGE, REPLAY_PAGE, REPLAY_PAGE, REPLAY_PAGE]);
    expect(reads.map((r) => r.after)).toEqual([0, REPLAY_PAGE, REPLAY_PAGE * 2, REPLAY_PAGE * 3]);
    await feed.return();
  });
});
