import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { print } from "graphql";
import { and, count, eq } from "drizzle-orm";
import {
  AddOneOffEarningDocument,
  CreatePayrollRunDocument,
  CreateWorkerBasicDocument,
  HireWorkerDocument,
  RemoveOneOffEarningDocument,
  type CreateWorkerInput,
} from "../generated/graphql";
import { startTestServer, unique, type TestServer } from "../support/server";
import { freePort, newTenant, newWorker, type Tenant } from "../support/factories";
import { unconfiguredEnv } from "../support/env";
import { eventually } from "../support/wait";
import { parseGlobalId } from "../../src/shared/global-id";
import { signDevToken } from "../../src/auth/tokens";
import { DEFAULT_SCOPES } from "../../src/auth/scopes";
import { workers } from "../../src/modules/workers/worker.table";
import { engagements } from "../../src/modules/engagements/engagement.table";
import { oneOffEarnings, payrollRuns } from "../../src/modules/payroll/payroll.table";
import { idempotencyKeys } from "../../src/idempotency/idempotency.table";
import { IdempotencyService } from "../../src/idempotency/idempotency.service";
import { createLogger } from "../../src/logger";
import { testPiiCipher } from "../support/pii";
import { RETRY_AFTER_SECONDS } from "../../src/db/availability";

/**
 * Idempotency keys (README "Idempotency") through a real server: HTTP (header and body extension), WebSocket, and
 * two server processes on one Postgres. Objects are counted in the database: a retry that executed again would
 * show as a second row.
 */
let t: TestServer;
let tenant: Tenant;

beforeAll(async () => {
  t = await startTestServer();
  tenant = await newTenant(t, "idem");
});
afterAll(async () => t?.stop());

interface Answer {
  status: number;
  replayed: string | null;
  retryAfter: string | null;
  text: string;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

interface Request {
  query?: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  extensions?: Record<string, unknown>;
}

async function post(url: string, request: Request, token: string, key?: string): Promise<Answer> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...(key === undefined ? {} : { "idempotency-key": key }) },
    body: JSON.stringify(request),
  });
  const text = await res.text();
  return { status: res.status, replayed: res.headers.get("idempotent-replayed"), retryAfter: res.headers.get("retry-after"), text, body: JSON.parse(text) as Answer["body"] };
}
const send = (request: Request, token: string, key?: string) => post(t.url, request, token, key);
const codeOf = (a: Answer) => a.body.errors?.[0]?.extensions?.code;

const createWorker = (clientId: string, overrides: Partial<CreateWorkerInput> = {}): Request & { query: string } => ({
  query: print(CreateWorkerBasicDocument),
  variables: { input: { clientId, legalFirstName: "Ida", legalLastName: "Empotent", email: `${unique("idem")}@example.test`, homeJurisdiction: "US-TX", ...overrides } },
});

async function workersOf(clientId: string): Promise<number> {
  const [row] = await t.database.db
    .select({ n: count() })
    .from(workers)
    .where(eq(workers.clientId, parseGlobalId(clientId, "Client")!));
  return row.n;
}

describe("idempotency keys over HTTP", () => {
  it("a mutation without a key behaves as before: each request executes", async () => {
    const { clientId, token } = await newTenant(t, "idem-nokey");
    const request = createWorker(clientId);
    const [a, b] = [await send(request, token), await send(request, token)];
    expect([a.status, b.status, a.replayed, b.replayed]).toEqual([200, 200, null, null]);
    expect(await workersOf(clientId)).toBe(2);
  });

  it("createWorker (no externalId) retried with the same key creates one worker; the retry is the first answer byte for byte", async () => {
    const { clientId, token } = await newTenant(t, "idem-worker");
    const request = createWorker(clientId);
    const key = unique("key");
    const first = await send(request, token, key);
    expect(first.status).toBe(200);
    expect(first.replayed).toBeNull();
    expect(first.body.errors).toBeUndefined();
    const retries = [await send(request, token, key), await send(request, token, key)];
    for (const retry of retries) {
      expect(retry.status).toBe(200);
      expect(retry.replayed).toBe("true");
      expect(retry.text).toBe(first.text);
    }
    expect(await workersOf(clientId)).toBe(1);
  });

  it("createPayrollRun retried with extensions.idempotencyKey creates one run", async () => {
    const key = unique("run");
    const request: Request = {
      query: print(CreatePayrollRunDocument),
      variables: { input: { clientId: tenant.clientId, kind: "OFF_CYCLE", country: "US", payDate: "2026-05-15" } },
      extensions: { idempotencyKey: key },
    };
    const answers = [await send(request, tenant.token), await send(request, tenant.token), await send(request, tenant.token, key)];
    expect(answers.map((a) => [a.status, a.replayed])).toEqual([
      [200, null],
      [200, "true"],
      [200, "true"],
    ]);
    const runId = (answers[0].body.data as { createPayrollRun: { payrollRun: { id: string } } }).createPayrollRun.payrollRun.id;
    expect(answers.every((a) => a.text === answers[0].text)).toBe(true);
    const runs = await t.database.db
      .select({ n: count() })
      .from(payrollRuns)
      .where(and(eq(payrollRuns.clientId, tenant.clientDbId), eq(payrollRuns.payDate, "2026-05-15")));
    expect(runs[0].n).toBe(1);
    expect(parseGlobalId(runId, "PayrollRun")).not.toBeNull();
  });

  it("addOneOffEarning and hireWorker retried with a key change nothing a second time", async () => {
    const operator = await t.token("OPERATOR");
    const worker = await newWorker(t, tenant.clientId);
    const hireRequest: Request = {
      query: print(HireWorkerDocument),
      variables: {
        input: {
          workerId: worker.id,
          title: "Engineer",
          workJurisdiction: "US-TX",
          employmentModel: "EOR",
          classification: "US_W2_EMPLOYEE",
          startDate: "2026-01-05",
          endDate: null,
          compensation: { basis: "SALARY", amount: { amount: "78000.00", currency: "USD" } },
        },
      },
    };
    const hireKey = unique("hire");
    const hired = await send(hireRequest, operator, hireKey);
    const hiredAgain = await send(hireRequest, operator, hireKey);
    expect(hired.body.errors).toBeUndefined();
    expect((hired.body.data as { hireWorker: { userErrors: unknown[] } }).hireWorker.userErrors).toEqual([]);
    // Without the key the retry would answer an overlap userError; with it, the first answer.
    expect([hiredAgain.replayed, hiredAgain.text]).toEqual(["true", hired.text]);
    const engagementRows = await t.database.db
      .select({ n: count() })
      .from(engagements)
      .where(eq(engagements.workerId, parseGlobalId(worker.id, "Worker")!));
    expect(engagementRows[0].n).toBe(1);

    const engagementId = (hired.body.data as { hireWorker: { engagement: { id: string } } }).hireWorker.engagement.id;
    const run = await send(
      { query: print(CreatePayrollRunDocument), variables: { input: { clientId: tenant.clientId, kind: "OFF_CYCLE", country: "US", payDate: "2026-06-12" } } },
      tenant.token,
    );
    const runId = (run.body.data as { createPayrollRun: { payrollRun: { id: string } } }).createPayrollRun.payrollRun.id;
    const earning: Request = {
      query: print(AddOneOffEarningDocument),
      variables: { input: { payrollRunId: runId, engagementId, kind: "BONUS", amount: { amount: "250.00", currency: "USD" }, description: "Spot bonus" } },
    };
    const key = unique("bonus");
    const answers = [await send(earning, tenant.token, key), await send(earning, tenant.token, key), await send(earning, tenant.token, key)];
    expect((answers[0].body.data as { addOneOffEarning: { userErrors: unknown[] } }).addOneOffEarning.userErrors).toEqual([]);
    expect(answers.map((a) => a.replayed)).toEqual([null, "true", "true"]);
    const earnings = await t.database.db
      .select({ n: count() })
      .from(oneOffEarnings)
      .where(eq(oneOffEarnings.payrollRunId, parseGlobalId(runId, "PayrollRun")!));
    expect(earnings[0].n).toBe(1);

    // removeOneOffEarning retried with a key: the first answer again (without it, the retry is NOT_FOUND).
    const earningId = (answers[0].body.data as { addOneOffEarning: { oneOffEarning: { id: string } } }).addOneOffEarning.oneOffEarning.id;
    const removal: Request = { query: print(RemoveOneOffEarningDocument), variables: { input: { oneOffEarningId: earningId } } };
    const removeKey = unique("remove-bonus");
    const removed = [await send(removal, tenant.token, removeKey), await send(removal, tenant.token, removeKey)];
    expect((removed[0].body.data as { removeOneOffEarning: { userErrors: unknown[]; removedOneOffEarningId: string } }).removeOneOffEarning).toMatchObject({
      userErrors: [],
      removedOneOffEarningId: earningId,
    });
    expect([removed[1].replayed, removed[1].text]).toEqual(["true", removed[0].text]);
    const unkeyed = await send(removal, tenant.token);
    expect((unkeyed.body.data as { removeOneOffEarning: { userErrors: { code: string }[] } }).removeOneOffEarning.userErrors.map((e) => e.code)).toEqual(["NOT_FOUND"]);
  });

  it("20 concurrent identical requests with one key execute once: the others replay it or are told it is in use", async () => {
    const { clientId, token } = await newTenant(t, "idem-race");
    const request = createWorker(clientId);
    const key = unique("race");
    const answers = await Promise.all(Array.from({ length: 20 }, () => send(request, token, key)));
    const executed = answers.filter((a) => a.status === 200 && a.replayed === null);
    expect(executed).toHaveLength(1);
    for (const a of answers) {
      if (a === executed[0]) continue;
      if (a.status === 200) expect([a.replayed, a.text]).toEqual(["true", executed[0].text]);
      else expect([a.status, codeOf(a), a.retryAfter]).toEqual([409, "IDEMPOTENCY_KEY_IN_USE", "1"]);
    }
    expect(await workersOf(clientId)).toBe(1);
    // Once the first has finished, a retry replays it.
    const later = await send(request, token, key);
    expect([later.status, later.replayed, later.text]).toEqual([200, "true", executed[0].text]);
  });

  it("keys belong to the token's sub: the same key from another sub is another key", async () => {
    const { clientId } = await newTenant(t, "idem-subs");
    const key = unique("shared");
    const [a, b] = [await t.token("OPERATOR", { subject: unique("sub-a") }), await t.token("OPERATOR", { subject: unique("sub-b") })];
    const request = createWorker(clientId);
    const fromA = await send(request, a, key);
    const fromB = await send(request, b, key);
    expect([fromA.status, fromA.replayed, fromB.status, fromB.replayed]).toEqual([200, null, 200, null]);
    expect(await workersOf(clientId)).toBe(2);
    // And another sub's different request with that key is not "reused" either.
    const c = await send(createWorker(clientId), await t.token("OPERATOR", { subject: unique("sub-c") }), key);
    expect([c.status, c.replayed]).toEqual([200, null]);
  });

  it("the same key with other variables is IDEMPOTENCY_KEY_REUSED (422) and executes nothing", async () => {
    const { clientId, token } = await newTenant(t, "idem-reuse");
    const key = unique("reuse");
    expect((await send(createWorker(clientId), token, key)).status).toBe(200);
    const other = await send(createWorker(clientId, { legalFirstName: "Other" }), token, key);
    expect([other.status, codeOf(other), other.body.errors?.[0]?.extensions?.retryable]).toEqual([422, "IDEMPOTENCY_KEY_REUSED", false]);
    expect(other.body.data).toBeUndefined();
    // Same operation and variables under another operation name is another request too.
    const named = await send({ ...createWorker(clientId), query: print(CreateWorkerBasicDocument), operationName: "CreateWorkerBasic" }, token, key);
    expect(codeOf(named)).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await workersOf(clientId)).toBe(1);
  });

  it("variables are compared as values: another key order in the JSON is the same request", async () => {
    const { clientId, token } = await newTenant(t, "idem-order");
    const request = createWorker(clientId);
    const key = unique("order");
    const input = (request.variables as { input: Record<string, unknown> }).input;
    const reversed = Object.fromEntries(Object.entries(input).reverse());
    const first = await send(request, token, key);
    const again = await send({ ...request, variables: { input: reversed } }, token, key);
    expect([again.replayed, again.text]).toEqual(["true", first.text]);
  });

  it("a request that failed before execution is not stored: the retry executes", async () => {
    const { clientId, token } = await newTenant(t, "idem-fail");
    const key = unique("fail");
    const request = createWorker(clientId);
    // Authentication (no valid token): 401, nothing reserved.
    const unauthenticated = await fetch(t.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer not-a-token", "idempotency-key": key },
      body: JSON.stringify(request),
    });
    expect(unauthenticated.status).toBe(401);
    // Validation: the same key on a document with an unknown field, then the corrected document.
    const invalid = await send({ ...request, query: request.query.replace("status", "statusOops") }, token, key);
    expect([invalid.status, codeOf(invalid)]).toEqual([400, "GRAPHQL_VALIDATION_FAILED"]);
    // Variables that do not coerce (missing required fields), then the complete ones.
    const badVariables = await send({ ...request, variables: { input: { clientId } } }, token, key);
    expect([badVariables.status, codeOf(badVariables)]).toEqual([400, "BAD_USER_INPUT"]);
    // Parse error.
    const unparsable = await send({ ...request, query: "mutation {" }, token, key);
    expect([unparsable.status, codeOf(unparsable)]).toEqual([400, "GRAPHQL_PARSE_FAILED"]);
    expect(await workersOf(clientId)).toBe(0);

    const executed = await send(request, token, key);
    expect([executed.status, executed.replayed, executed.body.errors]).toEqual([200, null, undefined]);
    expect(await workersOf(clientId)).toBe(1);
  });

  it("a key that cannot be looked up in time is SERVICE_UNAVAILABLE (503, Retry-After) and nothing executes; the retry executes", async () => {
    const { clientId } = await newTenant(t, "idem-unavailable");
    const subject = unique("sub-unavailable");
    const operator = await t.token("OPERATOR", { subject });
    const key = unique("unavailable");
    const request = createWorker(clientId);
    // Another transaction holds an uncommitted reservation of the same (sub, key): the lookup's INSERT waits on it
    // (on PGlite, its one connection waits) past LOOKUP_TIMEOUT_MS, as it would for an unreachable database.
    let rollback!: () => void;
    const held = new Promise<void>((resolve) => (rollback = resolve));
    let reserved!: () => void;
    const holding = new Promise<void>((resolve) => (reserved = resolve));
    const holder = t.database.db
      .transaction(async (tx) => {
        const other = new IdempotencyService(tx, testPiiCipher(), createLogger("silent"), { retentionHours: 24, leaseMs: 70_000 });
        expect((await other.begin({ principalSub: subject, key, fingerprintInput: "held" })).kind).toBe("execute");
        reserved();
        await held;
        tx.rollback();
      })
      .catch(() => {}); // rolled back on purpose
    await holding;
    const refused = await send(request, operator, key);
    rollback();
    await holder;
    expect([refused.status, codeOf(refused), refused.retryAfter, refused.body.errors?.[0]?.extensions?.retryable]).toEqual([
      503,
      "SERVICE_UNAVAILABLE",
      String(RETRY_AFTER_SECONDS),
      true,
    ]);
    expect(refused.body.data).toBeUndefined();
    expect(await workersOf(clientId)).toBe(0);
    // The lookup's INSERT lands once the holder rolls back and is released at once; until then a retry is told the
    // key is in use (and executes nothing), as a client retrying after Retry-After would be.
    let retried: Answer | undefined;
    await eventually(async () => (retried = await send(request, operator, key)).status !== 409, "the late reservation to be released");
    expect([retried!.status, retried!.replayed, retried!.body.errors]).toEqual([200, null, undefined]);
    expect(await workersOf(clientId)).toBe(1);
  });

  it("an error raised while executing is the answer, and is replayed", async () => {
    const { clientId } = await newTenant(t, "idem-forbidden");
    const readOnly = await t.token("OPERATOR", { scopes: ["workers:read"], subject: unique("read-only") });
    const key = unique("forbidden");
    const request = createWorker(clientId);
    const first = await send(request, readOnly, key);
    expect(codeOf(first)).toBe("FORBIDDEN");
    const again = await send(request, readOnly, key);
    expect([again.replayed, again.text]).toEqual(["true", first.text]);
  });

  it("queries ignore the key: not stored, not checked", async () => {
    const { clientId, token } = await newTenant(t, "idem-query");
    const key = unique("query");
    const query: Request = { query: "query Workers($clientId: ID!) { workers(clientId: $clientId, first: 5) { totalCount } }", variables: { clientId } };
    const first = await send(query, token, key);
    expect([first.status, first.replayed, first.body.errors]).toEqual([200, null, undefined]);
    expect((await send(query, token, key)).replayed).toBeNull();
    // An invalid key on a query is not checked either.
    expect((await send(query, token, "x".repeat(300))).status).toBe(200);
    // The query did not take the key: a mutation may use it.
    const mutation = await send(createWorker(clientId), token, key);
    expect([mutation.status, mutation.replayed]).toEqual([200, null]);
    const after = await send(query, token, key);
    expect((after.body.data as { workers: { totalCount: number } }).workers.totalCount).toBe(1);
  });

  it("an automatic persisted query sent by hash alone with a key is asked for its text, which the key then covers", async () => {
    const { clientId, token } = await newTenant(t, "idem-apq");
    const request = createWorker(clientId);
    const sha256Hash = createHash("sha256").update(request.query).digest("hex");
    const persistedQuery = { version: 1, sha256Hash };
    const key = unique("apq");
    const hashOnly = await send({ variables: request.variables, extensions: { persistedQuery } }, token, key);
    expect([hashOnly.status, codeOf(hashOnly)]).toEqual([200, "PERSISTED_QUERY_NOT_FOUND"]);
    const withText = await send({ ...request, extensions: { persistedQuery } }, token, key);
    expect([withText.status, withText.replayed, withText.body.errors]).toEqual([200, null, undefined]);
    // Now registered: the hash alone with the key is still asked for its text; the text replays.
    expect(codeOf(await send({ variables: request.variables, extensions: { persistedQuery } }, token, key))).toBe("PERSISTED_QUERY_NOT_FOUND");
    expect((await send({ ...request, extensions: { persistedQuery } }, token, key)).replayed).toBe("true");
    expect(await workersOf(clientId)).toBe(1);
  });

  it("an invalid key is IDEMPOTENCY_KEY_INVALID (400) and executes nothing", async () => {
    const { clientId, token } = await newTenant(t, "idem-invalid");
    const request = createWorker(clientId);
    const refusals = [
      await send(request, token, "k".repeat(256)),
      await send(request, token, ""),
      await send({ ...request, extensions: { idempotencyKey: "tab\tkey" } }, token),
      await send({ ...request, extensions: { idempotencyKey: "clé" } }, token),
      await send({ ...request, extensions: { idempotencyKey: 42 } }, token),
      await send({ ...request, extensions: { idempotencyKey: "one" } }, token, "two"),
    ];
    for (const refusal of refusals) expect([refusal.status, codeOf(refusal)]).toEqual([400, "IDEMPOTENCY_KEY_INVALID"]);
    expect(await workersOf(clientId)).toBe(0);
    // The longest key and every printable character are accepted; header and extension may both carry it. (HTTP
    // strips spaces around a header value: a key that starts or ends with one goes in the extension.)
    const longest = `k !"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}~${"k".repeat(255 - 34)}`;
    expect(longest).toHaveLength(255);
    const ok = await send({ ...request, extensions: { idempotencyKey: longest } }, token, longest);
    expect([ok.status, ok.replayed, ok.body.errors]).toEqual([200, null, undefined]);
  });

  it("stored answers are encrypted: the row holds neither the answer nor the variables in clear", async () => {
    const { clientId, token } = await newTenant(t, "idem-pii");
    const key = unique("pii");
    const email = `${unique("secret")}@example.test`;
    const first = await send(
      { ...createWorker(clientId, { email }), query: "mutation ($input: CreateWorkerInput!) { createWorker(input: $input) { worker { email } } }" },
      token,
      key,
    );
    expect(first.text).toContain(email);
    const [row] = await t.database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.idempotencyKey, key));
    expect(row.state).toBe("COMPLETED");
    expect(JSON.stringify(row)).not.toContain(email);
    expect(JSON.stringify(row)).not.toContain("Empotent");
  });

  it("keys expire after the retention and are purged; until then they replay", async () => {
    const { clientId, token } = await newTenant(t, "idem-retention");
    const key = unique("retention");
    const request = createWorker(clientId);
    const first = await send(request, token, key);
    const hours = (h: number) => new Date(Date.now() + h * 3_600_000);
    const service = t.app.idempotency.service;
    expect(service.options.retentionHours).toBe(24);
    await service.purgeExpired(hours(23));
    expect((await send(request, token, key)).text).toBe(first.text);
    expect(await service.purgeExpired(hours(25))).toBeGreaterThanOrEqual(1);
    expect(await t.database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.idempotencyKey, key))).toEqual([]);
    const afterPurge = await send(request, token, key);
    expect([afterPurge.status, afterPurge.replayed]).toEqual([200, null]);
    expect(await workersOf(clientId)).toBe(2);
  });
});

describe("idempotency keys over WebSocket", () => {
  it("extensions.idempotencyKey: the retry gets the stored result as its next payload; HTTP and WebSocket share the key", async () => {
    const { clientId, token } = await newTenant(t, "idem-ws");
    const client = t.ws(token);
    const key = unique("ws");
    const request = createWorker(clientId);
    const run = (payload: Request & { query: string }) =>
      new Promise<{ next: unknown[]; error?: unknown }>((resolve) => {
        const next: unknown[] = [];
        client.subscribe(
          { query: payload.query, variables: payload.variables, extensions: payload.extensions },
          { next: (r) => void next.push(r), error: (e) => resolve({ next, error: e }), complete: () => resolve({ next }) },
        );
      });
    const first = await run({ ...request, extensions: { idempotencyKey: key } });
    const again = await run({ ...request, extensions: { idempotencyKey: key } });
    expect(first.error).toBeUndefined();
    expect(first.next).toHaveLength(1);
    expect(again.next).toEqual(first.next);
    expect(await workersOf(clientId)).toBe(1);
    // The same request over HTTP with the same key replays the WebSocket answer.
    const overHttp = await send(request, token, key);
    expect([overHttp.status, overHttp.replayed]).toEqual([200, "true"]);
    expect(JSON.parse(overHttp.text)).toEqual(first.next[0]);
    // Another request with the key: an error with the code, nothing executed.
    const reused = await run({ ...createWorker(clientId), extensions: { idempotencyKey: key } });
    expect(reused.next).toEqual([]);
    expect((reused.error as { extensions?: { code?: string } }[])[0].extensions?.code).toBe("IDEMPOTENCY_KEY_REUSED");
    const invalid = await run({ ...createWorker(clientId), extensions: { idempotencyKey: "" } });
    expect((invalid.error as { extensions?: { code?: string } }[])[0].extensions?.code).toBe("IDEMPOTENCY_KEY_INVALID");
    expect(await workersOf(clientId)).toBe(1);
  });
});

/**
 * Two real server processes (`src/main.ts`) on one Postgres share the keys: requests with one key spread over both
 * nodes execute once. Postgres only: the embedded database (PGlite) lives inside one process, so a second process
 * cannot open it — there is no cross-process case there.
 */
describe.skipIf(!process.env.DATABASE_URL)("two server processes on one Postgres share the keys", () => {
  const ROOT = fileURLToPath(new URL("../..", import.meta.url));
  const SECRET = randomBytes(32).toString("base64url");
  const PII_KEY = randomBytes(32).toString("base64");
  const nodes: { child: ChildProcess; url: string; output: () => string }[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
        cwd: ROOT,
        env: unconfiguredEnv({ DATABASE_URL: process.env.DATABASE_URL, PORT: String(port), JWT_SECRET: SECRET, PII_ENCRYPTION_KEY: PII_KEY, LOG_LEVEL: "warn", NODE_ENV: "test" }),
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
      nodes.push({ child, url: `http://127.0.0.1:${port}/graphql`, output: () => out });
    }
    await eventually(() => nodes.every((n) => n.output().includes("EOR graph ready at")), "both nodes to start", 60_000, 50);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(
      nodes.map(async (n) => {
        if (n.child.exitCode !== null) return;
        const exited = new Promise((resolve) => n.child.once("exit", resolve));
        n.child.kill("SIGTERM");
        await exited;
      }),
    );
  });

  it("requests with one key spread over two nodes execute once; each node replays the other's answer", async () => {
    const operator = await signDevToken({ secret: SECRET, role: "OPERATOR", scopes: DEFAULT_SCOPES.OPERATOR, subject: unique("two-nodes") });
    const { clientId } = await newTenant(t, "idem-nodes");
    const request = createWorker(clientId);
    const key = unique("nodes");
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => post(nodes[i % 2].url, request, operator, key)));
    const executed = answers.filter((a) => a.status === 200 && a.replayed === null);
    expect(executed, nodes.map((n) => n.output()).join("\n")).toHaveLength(1);
    for (const a of answers) if (a !== executed[0]) expect(a.status === 200 ? a.text : codeOf(a)).toBe(a.status === 200 ? executed[0].text : "IDEMPOTENCY_KEY_IN_USE");
    for (const node of nodes) {
      const later = await post(node.url, request, operator, key);
      expect([later.replayed, later.text]).toEqual(["true", executed[0].text]);
    }
    expect(await workersOf(clientId)).toBe(1);
  }, 30_000);
});
