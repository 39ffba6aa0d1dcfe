import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { print } from "graphql";
import { signDevToken } from "../../src/auth/tokens";
import { DEFAULT_SCOPES } from "../../src/auth/scopes";
import { CreateClientDocument, CreatePayrollRunDocument, CreateWebhookEndpointDocument } from "../generated/graphql";
import { freePort } from "../support/factories";
import { unique } from "../support/server";
import { unconfiguredEnv } from "../support/env";
import { eventually } from "../support/wait";
import { TEST_PII_KEY } from "../support/pii";
import { WebhookReceiver } from "../support/webhook-receiver";

/**
 * A real server process (`src/main.ts`) killed with SIGKILL while a webhook is in flight: the endpoint's cursor was
 * not moved past the event, so once the dead process's lease expires a live node sends it again — at least once,
 * with the same `webhook-id`. Postgres only: on the embedded database the data lives inside the killed process
 * (its in-memory queue dies with it; a PGlite data directory is recovered at the next start by the same sweep).
 */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SECRET = randomBytes(32).toString("base64url");

interface Node {
  child: ChildProcess;
  ready: Promise<void>;
  exited: Promise<void>;
  output: () => string;
}

function startNode(port: number, dataDir: string): Node {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: unconfiguredEnv({
      DATABASE_URL: process.env.DATABASE_URL,
      PORT: String(port),
      DATA_DIR: dataDir,
      JWT_SECRET: SECRET,
      PII_ENCRYPTION_KEY: TEST_PII_KEY.toString("base64"),
      WEBHOOK_RETRY_SCHEDULE: "1s,1s,2s,5s",
      LOG_LEVEL: "warn",
      NODE_ENV: "test",
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("EOR graph ready at")) resolve();
    });
    child.stderr.on("data", (d) => (out += d));
    child.once("exit", (code, signal) => reject(new Error(`server exited (${code ?? signal}) before it was ready:\n${out}`)));
  });
  return { child, ready, exited, output: () => out };
}

describe.skipIf(!process.env.DATABASE_URL)("webhooks across a server crash (Postgres)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "eor-webhooks-"));
  const receiver = new WebhookReceiver();
  const nodes: Node[] = [];

  afterAll(async () => {
    for (const node of nodes) {
      if (node.child.exitCode === null && node.child.signalCode === null) {
        node.child.kill("SIGTERM");
        await node.exited;
      }
    }
    await receiver.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("a server killed mid-delivery delivers the event after restart, with the same webhook-id", async () => {
    await receiver.start();
    const port = await freePort();
    const first = startNode(port, dataDir);
    nodes.push(first);
    await first.ready;

    const gql = async <T>(token: string, document: Parameters<typeof print>[0], variables: Record<string, unknown>): Promise<T> => {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: print(document), variables }),
      });
      const body = (await res.json()) as { data?: T; errors?: unknown[] };
      if (body.errors?.length || !body.data) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const operator = await signDevToken({ secret: SECRET, role: "OPERATOR", scopes: DEFAULT_SCOPES.OPERATOR });
    const created = await gql<{ createClient: { client: { id: string } } }>(operator, CreateClientDocument, { input: { name: unique("wh-crash") } });
    const clientId = created.createClient.client.id;
    const token = await signDevToken({ secret: SECRET, role: "CLIENT", clients: [clientId], scopes: DEFAULT_SCOPES.CLIENT });
    await gql(token, CreateWebhookEndpointDocument, { input: { clientId, url: receiver.url, eventTypes: ["PAYROLL_RUN_CREATED"] } });

    // The first request of the event hangs: the server is killed while it waits for the answer.
    receiver.respond = (_webhook, n) => (n === 0 ? "hang" : 200);
    const run = await gql<{ createPayrollRun: { payrollRun: { id: string } } }>(token, CreatePayrollRunDocument, {
      input: { clientId, kind: "OFF_CYCLE", country: "US", payDate: "2026-03-13" },
    });
    const runId = run.createPayrollRun.payrollRun.id;
    await eventually(() => receiver.received.length === 1, "the first delivery attempt", 15_000);
    expect(receiver.received[0].envelope.data.objectId).toBe(runId);
    first.child.kill("SIGKILL");
    await first.exited;
    const killedAt = Date.now();

    const second = startNode(port, dataDir);
    nodes.push(second);
    await second.ready;
    await eventually(() => receiver.delivered.length === 1, `the event delivered after the restart\n${second.output()}`, 45_000, 100);
    const [hung, delivered] = receiver.received;
    expect(delivered.envelope).toEqual(hung.envelope);
    expect(delivered.headers["webhook-id"]).toBe(hung.headers["webhook-id"]);
    console.log(`webhook crash recovery: delivered ${Date.now() - killedAt} ms after SIGKILL (lease 15 s + sweep ≤ 5 s)`);
  }, 90_000);
});
