import { spawn, type ChildProcess } from "node:child_process";
import { request, Agent } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { print } from "graphql";
import postgres from "postgres";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { eq } from "drizzle-orm";
import { signDevToken } from "../../src/auth/tokens";
import { DEFAULT_SCOPES } from "../../src/auth/scopes";
import { toGlobalId } from "../../src/shared/global-id";
import { openDatabase } from "../../src/db/client";
import { seedDemoData } from "../../src/seed/seed";
import { employerEntities } from "../../src/modules/employers/employer.table";
import { prepareBenchRun } from "../../src/cli/bench-payroll-data";
import { AddOneOffEarningDocument, CalculatePayrollRunDocument, PayrollRunStatusChangedDocument } from "../generated/graphql";
import { freePort, hire, newPayrollRun, newTenant, newWorker } from "../support/factories";
import { startTestServer, type TestServer } from "../support/server";
import { unconfiguredEnv } from "../support/env";
import { testPiiCipher } from "../support/pii";
import { eventually } from "../support/wait";

/**
 * Real server processes (`src/main.ts`, what `npm start` runs) stopped the two ways an orchestrator stops them:
 * SIGTERM (a deploy: every request received before it is answered, WebSocket clients told 1001, then exit 0) and
 * SIGKILL (a crash: the payroll calculation it was running is resumed by another node, once, and no job row stays
 * locked by the dead worker).
 *
 * Postgres only. SIGTERM: the test holds a row lock from its own connection so that requests stay in flight for
 * as long as it wants — the embedded database lives inside the server process, out of the test's reach. SIGKILL: the
 * recovery under test is between nodes sharing Postgres (on the embedded database a restarted process recovers at
 * start-up: test/e2e/payroll-lifecycle.test.ts "recovery", on both databases).
 */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SECRET = "faults-process-test-secret-that-is-long-enough-0123";
const url = process.env.DATABASE_URL;

interface ServerProcess {
  child: ChildProcess;
  port: number;
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
}

function startServerProcess(databaseUrl: string, port: number, dataDir: string): ServerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: unconfiguredEnv({ DATABASE_URL: databaseUrl, PORT: String(port), HOST: "127.0.0.1", JWT_SECRET: SECRET, LOG_LEVEL: "warn", NODE_ENV: "test", DATA_DIR: dataDir }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("EOR graph ready at")) resolve();
    });
    child.stderr.on("data", (d) => (out += d));
    void exited.then(({ code, signal }) => reject(new Error(`server exited (${code ?? signal}) before it was ready:\n${out}`)));
  });
  ready.catch(() => {}); // awaited by the test; an exit after readiness is not an error here
  return { child, port, ready, exited, output: () => out };
}

async function stopProcess(p: ServerProcess | undefined) {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill("SIGKILL");
  await p.exited;
}

interface HttpAnswer {
  status: number;
  connection: string | undefined;
  body: { data?: Record<string, unknown>; errors?: unknown[] };
}

/** POST /graphql over a keep-alive agent (so that the server's handling of reused sockets is what is tested). */
function post(agent: Agent, port: number, token: string, body: unknown): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/graphql",
        method: "POST",
        agent,
        headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "content-length": Buffer.byteLength(payload) },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: JSON.parse(text) as HttpAnswer["body"] }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

describe.skipIf(!url)("server processes stopped by SIGTERM and SIGKILL (Postgres)", () => {
  let t: TestServer;
  let dataDir: string;
  let sql: postgres.Sql;
  const processes: ServerProcess[] = [];

  beforeAll(async () => {
    t = await startTestServer();
    dataDir = mkdtempSync(join(tmpdir(), "eor-faults-"));
    sql = postgres(url!, { max: 2, onnotice: () => {} });
  });

  afterAll(async () => {
    await Promise.all(processes.map(stopProcess));
    await sql?.end({ timeout: 5 });
    await t?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("SIGTERM: every request received before it is answered (Connection: close), subscribers get 1001, the process exits 0", async () => {
    const tenant = await newTenant(t, "sigterm");
    const worker = await newWorker(t, tenant.clientId);
    const engagement = await hire(t, worker.id);
    const run = await newPayrollRun(t, tenant);

    const server = startServerProcess(url!, await freePort(), dataDir);
    processes.push(server);
    await server.ready;
    const token = await signDevToken({ secret: SECRET, role: "CLIENT", clients: [tenant.clientId], scopes: DEFAULT_SCOPES.CLIENT });

    // A subscriber, and an idle keep-alive socket left by an earlier request.
    const closes: number[] = [];
    let connected = false;
    const subscriber = createClient({
      url: `ws://127.0.0.1:${server.port}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      on: { connected: () => void (connected = true), closed: (event) => closes.push((event as { code: number }).code) },
    });
    subscriber.subscribe({ query: print(PayrollRunStatusChangedDocument), variables: { clientId: tenant.clientId } }, { next: () => {}, error: () => {}, complete: () => {} });
    const agent = new Agent({ keepAlive: true, maxSockets: 20 });
    const warm = await post(agent, server.port, token, { query: "{ viewer { scopes } }" });
    expect(warm.status).toBe(200);
    await eventually(() => connected, "the subscriber connected");

    // Hold the run's row lock: each addOneOffEarning waits for it inside its transaction, i.e. it is in flight.
    const holder = await sql.reserve();
    await holder`begin`;
    await holder`select id from payroll_runs where id = ${run.dbId} for update`;
    const inFlight = 8;
    const answers = Array.from({ length: inFlight }, (_, i) =>
      post(agent, server.port, token, {
        query: print(AddOneOffEarningDocument),
        variables: { input: { payrollRunId: run.id, engagementId: engagement.id, kind: "BONUS", amount: { amount: `${100 + i}.00`, currency: "USD" } } },
      }),
    );
    await eventually(
      async () =>
        (
          await sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike '%from "payroll_runs"%for update%'`
        )[0].n === inFlight,
      "every request waiting for the lock",
      10_000,
    );

    const terminated = performance.now();
    server.child.kill("SIGTERM");
    // The listening socket closes: a new connection is refused while the accepted requests are still running.
    await eventually(
      () =>
        new Promise<boolean>((resolve) => {
          const probe = request({ host: "127.0.0.1", port: server.port, path: "/healthz", agent: false }, (res) => {
            res.resume();
            resolve(false);
          });
          probe.on("error", (e: NodeJS.ErrnoException) => resolve(e.code === "ECONNREFUSED"));
          probe.end();
        }),
      "new connections refused after SIGTERM",
    );
    await eventually(() => closes.length > 0, "the subscriber closed");
    expect(closes).toEqual([1001]);

    await holder`commit`;
    holder.release();
    const results = await Promise.all(answers);
    const answeredMs = performance.now() - terminated;
    const exit = await server.exited;
    const exitMs = performance.now() - terminated;
    console.info(
      `faults: SIGTERM with ${inFlight} requests in flight: ${results.filter((r) => r.status === 200).length}/${inFlight} answered 200 (last ${answeredMs.toFixed(0)} ms after the signal, the lock released meanwhile); exit ${exit.code} after ${exitMs.toFixed(0)} ms`,
    );

    for (const result of results) {
      expect(result.status).toBe(200);
      expect(result.body.errors).toBeUndefined();
      expect((result.body.data!.addOneOffEarning as { userErrors: unknown[] }).userErrors).toEqual([]);
      expect(result.connection).toBe("close");
    }
    expect(exit).toEqual({ code: 0, signal: null });
    const earnings = await sql`select count(*)::int as n from one_off_earnings where payroll_run_id = ${run.dbId}`;
    expect(earnings[0].n).toBe(inFlight);
    agent.destroy();
    await subscriber.dispose();
  }, 60_000);

  it("SIGKILL mid-calculation: another node resumes the calculation, which completes once, and no job row stays locked", async () => {
    // A scratch database: no other test's worker may take the job (every test server runs one on the shared database).
    const scratch = `${new URL(url!).pathname.slice(1)}_faults_${process.pid}`.replace(/[^a-z0-9_]/gi, "_").toLowerCase();
    await sql.unsafe(`drop database if exists "${scratch}"`);
    await sql.unsafe(`create database "${scratch}"`);
    const scratchUrl = new URL(url!);
    scratchUrl.pathname = `/${scratch}`;
    const scratchSql = postgres(scratchUrl.toString(), { max: 2, onnotice: () => {} });
    try {
      const database = await openDatabase({ databaseUrl: scratchUrl.toString(), maxConnections: 4 });
      let runId: string;
      try {
        await database.migrate();
        await seedDemoData(database.db, testPiiCipher());
        const [{ id: usEntityId }] = await database.db.select({ id: employerEntities.id }).from(employerEntities).where(eq(employerEntities.country, "US"));
        ({ runId } = await prepareBenchRun(database.db, testPiiCipher(), 5_000, usEntityId, { status: "DRAFT" }));
      } finally {
        await database.close();
      }

      // Two nodes, both up before the calculation is requested; the one whose worker takes the job is killed.
      const nodes = [startServerProcess(scratchUrl.toString(), await freePort(), dataDir), startServerProcess(scratchUrl.toString(), await freePort(), dataDir)];
      processes.push(...nodes);
      await Promise.all(nodes.map((n) => n.ready));
      const operator = await signDevToken({ secret: SECRET, role: "OPERATOR", scopes: DEFAULT_SCOPES.OPERATOR });
      const agent = new Agent({ keepAlive: false });
      const requested = await post(agent, nodes[0].port, operator, {
        query: print(CalculatePayrollRunDocument),
        variables: { input: { payrollRunId: toGlobalId("PayrollRun", runId) } },
      });
      expect(requested.body.errors).toBeUndefined();
      expect((requested.body.data!.calculatePayrollRun as { userErrors: unknown[] }).userErrors).toEqual([]);

      let lockedBy: string | null = null;
      await eventually(
        async () => {
          const [job] = await scratchSql`select locked_by from graphile_worker._private_jobs where key = ${`payroll-run:${runId}`}`;
          lockedBy = (job?.locked_by as string | null) ?? null;
          return lockedBy !== null;
        },
        "a node's worker running the calculation",
        20_000,
        5,
      );
      const victim = nodes.find((n) => lockedBy!.includes(`-${n.child.pid}-`));
      expect(victim, `the job is locked by ${lockedBy}, a worker of one of the two nodes`).toBeDefined();
      victim!.child.kill("SIGKILL");
      await victim!.exited;
      const [whenKilled] = await scratchSql`select status from payroll_runs where id = ${runId}`;
      expect(whenKilled.status).toBe("CALCULATING");
      const killed = performance.now();
      await eventually(async () => (await scratchSql`select status from payroll_runs where id = ${runId}`)[0].status === "CALCULATED", "the run CALCULATED by node B", 30_000, 100);
      const resumedMs = performance.now() - killed;
      console.info(`faults: SIGKILL of the node calculating 5,000 engagements: calculated by the other node ${(resumedMs / 1000).toFixed(1)} s after the kill`);
      const survivor = nodes.find((n) => n !== victim)!;

      const completions = await scratchSql`
        select count(*)::int as n from events
        where object_id = ${runId} and type = 'payrollRun.statusChanged' and after->>'status' = 'CALCULATED'`;
      expect(completions[0].n).toBe(1);
      const statements = await scratchSql`select count(*)::int as n from pay_statements where payroll_run_id = ${runId}`;
      expect(statements[0].n).toBe(5_000);
      // The run is CALCULATED when its transaction commits; the worker releases the job (and any job the event
      // started) just after: no lock may stay.
      await eventually(
        async () => (await scratchSql`select count(*)::int as n from graphile_worker._private_jobs where locked_by is not null`)[0].n === 0,
        "no job row locked once the run is calculated",
        10_000,
        50,
      );
      const leftOfDead = await scratchSql`select count(*)::int as n from graphile_worker._private_jobs where locked_by = ${lockedBy}`;
      expect(leftOfDead[0].n).toBe(0);
      agent.destroy();
      await stopProcess(survivor);
    } finally {
      await scratchSql.end({ timeout: 5 });
      await Promise.all(processes.map(stopProcess));
      await sql.unsafe(`drop database if exists "${scratch}" with (force)`);
    }
  }, 120_000);
});
