import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "../support/factories";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { print } from "graphql";
import { createClient, type Client as WsClient } from "graphql-ws";
import WebSocket from "ws";
import { signDevToken } from "../../src/auth/tokens";
import { DEFAULT_SCOPES } from "../../src/auth/scopes";
import { CreateClientDocument, CreatePayrollRunDocument, LiveCalculatePayrollRunDocument, PayrollRunStatusChangedDocument } from "../generated/graphql";
import { unique } from "../support/server";
import { unconfiguredEnv } from "../support/env";

/**
 * Two real server processes (`src/main.ts`, what `npm start` runs) on one Postgres database: a mutation on
 * node A reaches a subscriber connected to node B. Nothing is shared between them but the database: A's
 * transaction queues `pg_notify` with the event's (client, seq), Postgres delivers it to B's LISTEN connection at
 * commit, and B reads the event from the table and pushes it over its WebSocket.
 *
 * Postgres only: on the embedded database (PGlite) the database lives inside one process, so a second process
 * cannot open it at all — there is no cross-process case to test there (one process's in-memory delivery is
 * covered by subscriptions.test.ts on both databases).
 */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SECRET = "two-process-test-secret-that-is-long-enough-0123456789";

interface Node {
  name: string;
  child: ChildProcess;
  port: number;
  ready: Promise<void>;
  output: () => string;
}

function startNode(name: string, port: number): Node {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: unconfiguredEnv({ DATABASE_URL: process.env.DATABASE_URL, PORT: String(port), JWT_SECRET: SECRET, LOG_LEVEL: "warn", NODE_ENV: "test" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("EOR graph ready at")) resolve();
    });
    child.stderr.on("data", (d) => (out += d));
    child.once("exit", (code, signal) => reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${out}`)));
  });
  return { name, child, port, ready, output: () => out };
}

async function stopNode(node: Node | undefined) {
  if (!node || node.child.exitCode !== null || node.child.signalCode !== null) return;
  const exited = new Promise((resolve) => node.child.once("exit", resolve));
  node.child.kill("SIGTERM");
  const timer = setTimeout(() => node.child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

async function gql<T>(node: Node, token: string, document: Parameters<typeof print>[0], variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${node.port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`${node.name}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

describe.skipIf(!process.env.DATABASE_URL)("two server processes on one Postgres", () => {
  let a: Node | undefined;
  let b: Node | undefined;
  let subscriber: WsClient | undefined;

  beforeAll(async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    a = startNode("node A", portA);
    b = startNode("node B", portB);
    await Promise.all([a.ready, b.ready]);
  }, 60_000);

  afterAll(async () => {
    await subscriber?.dispose();
    await Promise.all([stopNode(a), stopNode(b)]);
  });

  it("a mutation on node A reaches a subscriber on node B", async () => {
    const operator = await signDevToken({ secret: SECRET, role: "OPERATOR", scopes: DEFAULT_SCOPES.OPERATOR });
    const created = await gql<{ createClient: { client: { id: string } } }>(a!, operator, CreateClientDocument, { input: { name: unique("two-nodes") } });
    const clientId = created.createClient.client.id;
    const token = await signDevToken({ secret: SECRET, role: "CLIENT", clients: [clientId], scopes: DEFAULT_SCOPES.CLIENT });
    const createRun = async () => {
      const data = await gql<{ createPayrollRun: { payrollRun: { id: string } | null; userErrors: unknown[] } }>(a!, token, CreatePayrollRunDocument, {
        input: { clientId, kind: "OFF_CYCLE", country: "US", payDate: "2026-03-13" },
      });
      expect(data.createPayrollRun.userErrors).toEqual([]);
      return data.createPayrollRun.payrollRun!.id;
    };

    // Subscribe on B to every run of the client, starting now.
    subscriber = createClient({ url: `ws://127.0.0.1:${b!.port}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    const received: { status: string; previousStatus: string | null; payrollRun: { id: string }; at: number }[] = [];
    const errors: unknown[] = [];
    subscriber.subscribe(
      { query: print(PayrollRunStatusChangedDocument), variables: { clientId } },
      {
        next: (r) => {
          if (r.errors) errors.push(...r.errors);
          else received.push({ ...(r.data as { payrollRunStatusChanged: (typeof received)[number] }).payrollRunStatusChanged, at: Date.now() });
        },
        error: (e) => errors.push(e),
        complete: () => {},
      },
    );
    /** Polls (bounded) for a condition that becomes true once B delivered; fails with both nodes' output. */
    const waitUntil = async (condition: () => boolean, what: string, ms = 5_000) => {
      const until = Date.now() + ms;
      while (!condition()) {
        if (errors.length) throw new Error(JSON.stringify(errors));
        if (Date.now() > until) throw new Error(`B never delivered ${what} (${received.length} events)\nA:\n${a!.output()}\nB:\n${b!.output()}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    const waitFor = (n: number) => waitUntil(() => received.length >= n, `${n} events`);

    // Until B's subscription is attached a run created on A predates it ("starts now"): create probe runs until
    // B has delivered one. From then on B's tail of this client only advances through A's notifications.
    const probes: string[] = [];
    const until = Date.now() + 5_000;
    while (received.length === 0 && Date.now() < until) {
      probes.push(await createRun());
      await new Promise((r) => setTimeout(r, 200));
    }
    await waitFor(1);
    const firstDelivered = probes.indexOf(received[0].payrollRun.id);
    expect(firstDelivered).toBeGreaterThanOrEqual(0);
    // Every probe from the first delivered one on arrives (B is attached): wait for the last one to land.
    const later = probes.slice(firstDelivered);
    await waitUntil(() => later.every((id) => received.some((e) => e.payrollRun.id === id)), "the remaining probes");
    expect(received.map((e) => e.payrollRun.id)).toEqual(later);

    const started = Date.now();
    const runId = await createRun();
    await waitUntil(() => received.some((e) => e.payrollRun.id === runId), "the run created on A");
    const event = received.find((e) => e.payrollRun.id === runId)!;
    expect(event).toMatchObject({ previousStatus: null, status: "DRAFT" });
    console.log(`two-process delivery: ${event.at - started} ms from the mutation request on A to the event on B`);
    // Exactly once, in commit order: a sentinel run created next on A is the very next event B delivers.
    const sentinel = await createRun();
    await waitUntil(() => received.some((e) => e.payrollRun.id === sentinel), "the sentinel run");
    expect(received.slice(received.indexOf(event)).map((e) => e.payrollRun.id)).toEqual([runId, sentinel]);

    // A status change requested on A (the calculation then runs on whichever node's worker takes the job).
    const calculated = await gql<{ calculatePayrollRun: { userErrors: unknown[] } }>(a!, token, LiveCalculatePayrollRunDocument, { input: { payrollRunId: runId } });
    expect(calculated.calculatePayrollRun.userErrors).toEqual([]);
    const changes = () => received.filter((e) => e.payrollRun.id === runId).slice(1);
    await waitUntil(() => changes().length >= 2, "the calculation's two status changes", 10_000);
    expect(changes().map((e) => [e.previousStatus, e.status])).toEqual([
      ["DRAFT", "CALCULATING"],
      ["CALCULATING", "CALCULATED"],
    ]);
    expect(errors).toEqual([]);
  }, 30_000);
});
