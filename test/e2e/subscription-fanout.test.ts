import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startTestServer, type TestServer } from "../support/server";
import { newPayrollRun, newTenant, transitionRun, type Tenant } from "../support/factories";
import { DEFAULT_SCOPES } from "../../src/auth/scopes";
import { eventually } from "../support/wait";

/**
 * The subscriptions' fan-out (src/realtime/subscription-fanout.ts) against a real server (Postgres or PGlite), over
 * raw graphql-transport-ws sockets so that the frames are compared byte for byte: subscribers that cannot differ
 * in what they receive share one execution and one frame; subscribers of different visibility get their own,
 * correct payloads; connecting reads nothing from the database.
 */
let t: TestServer;
let A: Tenant;
let B: Tenant;

beforeAll(async () => {
  t = await startTestServer();
  A = await newTenant(t, "fanout-a");
  B = await newTenant(t, "fanout-b");
});
afterAll(() => t.stop());

/** A raw graphql-transport-ws socket: every frame received, as text. */
class RawSocket {
  readonly frames: string[] = [];
  private constructor(private readonly ws: WebSocket) {
    ws.on("message", (data: Buffer) => this.frames.push(data.toString()));
  }

  static async connect(token: string): Promise<RawSocket> {
    const ws = new WebSocket(t.wsUrl, "graphql-transport-ws");
    const socket = new RawSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
    ws.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } }));
    await eventually(() => socket.frames.some((f) => JSON.parse(f).type === "connection_ack"), `connection_ack (received: ${socket.frames.join(" ")})`);
    return socket;
  }

  subscribe(id: string, query: string, variables: Record<string, unknown>): void {
    this.ws.send(JSON.stringify({ id, type: "subscribe", payload: { query, variables } }));
  }

  /** The `next` frames, as received. */
  get next(): string[] {
    return this.frames.filter((f) => JSON.parse(f).type === "next");
  }

  close(): void {
    this.ws.close(1000);
  }
}

interface NextPayload {
  data?: unknown;
  errors?: { extensions: { code: string }; path?: unknown[] }[];
}
/** The payload of the first `next` frame of a socket. */
const payloadOf = (s: RawSocket) => (JSON.parse(s.next[0]) as { payload: NextPayload }).payload;

const RUN_STATUS = `subscription($runId: ID) { payrollRunStatusChanged(runId: $runId) { status payrollRun { id status client { id } } } }`;

/** Subscriptions attached to the node: grouped ones, and those running their own stream (each group holds one sink). */
const attached = () => t.server.fanout.size.members + t.server.notifier.size.sinks - t.server.fanout.size.groups;

describe("subscriptions that cannot differ share one execution", () => {
  it("two subscribers of one document, variables and visibility get the same frame from ONE execution", async () => {
    const run = await newPayrollRun(t, A);
    // Two users of one client (different subjects, same role, client and scopes): one visibility class.
    const tokens = await Promise.all(["ana", "bo"].map((subject) => t.token("CLIENT", { clients: [A.clientId], subject })));
    const sockets = await Promise.all(tokens.map((token) => RawSocket.connect(token)));
    const before = attached();
    const groupsBefore = t.server.fanout.size.groups;
    for (const socket of sockets) socket.subscribe("1", RUN_STATUS, { runId: run.id });
    await eventually(() => attached() === before + 2, "both subscriptions attached");
    expect(t.server.fanout.size.groups).toBe(groupsBefore + 1);

    const executions = t.server.fanout.stats.executions;
    const statements = t.database.statements.count;
    await transitionRun(t, run.dbId, "DRAFT", "CALCULATING");
    await eventually(() => sockets.every((s) => s.next.length === 1), "the event on both sockets");

    expect(t.server.fanout.stats.executions - executions).toBe(1);
    // The transition's own statements, the tail's read of the event and ONE read of the run for both subscribers.
    const perEvent = t.database.statements.count - statements;
    const [first, second] = sockets.map((s) => s.next[0]);
    expect(first).toBe(second); // the same bytes
    expect(JSON.parse(first)).toEqual({
      id: "1",
      type: "next",
      payload: { data: { payrollRunStatusChanged: { status: "CALCULATING", payrollRun: { id: run.id, status: "CALCULATING", client: { id: A.clientId } } } } },
    });

    // A third subscriber of the class joins the group: the next event costs no more statements than with two.
    const third = await RawSocket.connect(tokens[0]);
    third.subscribe("7", RUN_STATUS, { runId: run.id });
    await eventually(() => attached() === before + 3, "the third subscription attached");
    expect(t.server.fanout.size.groups).toBe(groupsBefore + 1);
    const statements2 = t.database.statements.count;
    await transitionRun(t, run.dbId, "CALCULATING", "CALCULATED");
    await eventually(() => [...sockets, third].every((s) => s.next.length === (s === third ? 1 : 2)), "the second event everywhere");
    expect(t.database.statements.count - statements2).toBe(perEvent);
    expect(t.server.fanout.stats.executions - executions).toBe(2);
    expect(third.next[0]).toBe(sockets[0].next[1].replace('"id":"1"', '"id":"7"')); // its own operation id, the same payload

    for (const socket of [...sockets, third]) socket.close();
    await eventually(() => attached() === before, "the subscriptions detached");
  });

  it("subscribers of different visibility get their own, correct payloads", async () => {
    const run = await newPayrollRun(t, A);
    const full = await RawSocket.connect(A.token);
    // The same client without `clients:read`: the nested `client` is refused to it, not to the other.
    const noClients = await RawSocket.connect(await t.token("CLIENT", { clients: [A.clientId], scopes: DEFAULT_SCOPES.CLIENT.filter((s) => s !== "clients:read") }));
    // A partner acting for two clients is another class (role and tenant set differ), with the same answer for this run.
    const twoClients = await RawSocket.connect(await t.token("PARTNER", { clients: [A.clientId, B.clientId] }));
    // B's own token may not subscribe to A's run at all.
    const foreign = await RawSocket.connect(B.token);
    const before = attached();
    const groupsBefore = t.server.fanout.size.groups;
    for (const socket of [full, noClients, twoClients, foreign]) socket.subscribe("1", RUN_STATUS, { runId: run.id });
    await eventually(() => foreign.frames.some((f) => JSON.parse(f).type === "complete"), "the foreign subscription refused");
    expect(payloadOf(foreign).errors!.map((e) => e.extensions.code)).toEqual(["NOT_FOUND"]);
    await eventually(() => attached() === before + 3, "three subscriptions attached");
    expect(t.server.fanout.size.groups).toBe(groupsBefore + 3);

    const executions = t.server.fanout.stats.executions;
    await transitionRun(t, run.dbId, "DRAFT", "CALCULATING");
    await eventually(() => [full, noClients, twoClients].every((s) => s.next.length === 1), "the event on the three sockets");
    expect(t.server.fanout.stats.executions - executions).toBe(3);

    const visible = { payrollRunStatusChanged: { status: "CALCULATING", payrollRun: { id: run.id, status: "CALCULATING", client: { id: A.clientId } } } };
    expect(payloadOf(full)).toEqual({ data: visible });
    expect(payloadOf(twoClients)).toEqual({ data: visible });
    const refused = payloadOf(noClients);
    expect(refused.data).toEqual({ payrollRunStatusChanged: { status: "CALCULATING", payrollRun: { id: run.id, status: "CALCULATING", client: null } } });
    expect(refused.errors!.map((e) => [e.extensions.code, e.path])).toEqual([["FORBIDDEN", ["payrollRunStatusChanged", "payrollRun", "client"]]]);
    expect(foreign.next).toHaveLength(1); // nothing after the refusal

    for (const socket of [full, noClients, twoClients, foreign]) socket.close();
    await eventually(() => attached() === before, "the subscriptions detached");
  });

  it("a subscriber resuming from `after` catches up on its own, then receives live events", async () => {
    const run = await newPayrollRun(t, A);
    await transitionRun(t, run.dbId, "DRAFT", "CALCULATING");
    const live = await RawSocket.connect(A.token);
    const before = attached();
    live.subscribe("1", RUN_STATUS, { runId: run.id });
    await eventually(() => attached() === before + 1, "the live subscription attached");
    const resuming = await RawSocket.connect(A.token);
    const withAfter = `subscription($runId: ID, $after: String) { payrollRunStatusChanged(runId: $runId, after: $after) { status cursor } }`;
    // The cursor of the run's first event (its creation), as an integration polling `PayrollRun.events` has it.
    const polled = await t.gql<{ node: { events: { edges: { cursor: string }[] } } }, { id: string }>(
      `query($id: ID!) { node(id: $id) { ... on PayrollRun { events(first: 1) { edges { cursor } } } } }`,
      { id: run.id },
      A.token,
    );
    const after = polled.data!.node.events.edges[0].cursor;
    const groupsBefore = t.server.fanout.size.groups;
    resuming.subscribe("1", withAfter, { runId: run.id, after });
    await eventually(() => resuming.next.length === 1, "the missed event replayed");
    expect(t.server.fanout.size.groups).toBe(groupsBefore); // not grouped: its own stream
    expect(JSON.parse(resuming.next[0]).payload.data.payrollRunStatusChanged.status).toBe("CALCULATING");
    await transitionRun(t, run.dbId, "CALCULATING", "CALCULATED");
    await eventually(() => resuming.next.length === 2 && live.next.length === 1, "the live event on both");
    expect(JSON.parse(resuming.next[1]).payload.data.payrollRunStatusChanged.status).toBe("CALCULATED");
    live.close();
    resuming.close();
  });
});

describe("connecting", () => {
  it("reads nothing from the database: the token is verified in the process", async () => {
    const statements = t.database.statements.count;
    const sockets = await Promise.all(Array.from({ length: 20 }, () => RawSocket.connect(A.token)));
    expect(t.database.statements.count).toBe(statements);
    for (const socket of sockets) socket.close();
  });
});
