import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "node:http";
import { startTestServer, dataOf, errorCodes, unique, type TestServer } from "../support/server";
import { toGlobalId } from "../../src/shared/global-id";

/**
 * §1 of issue 6: one short query must not take the server down. The cost rule refuses the audit's query before
 * execution; what clients add is capped (clauses per MSA version, compensations per engagement); a running
 * operation is bounded by REQUEST_TIMEOUT_MS and MAX_RESPONSE_BYTES; the token is checked before the body is read.
 */
let t: TestServer;
let operator: string;

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
});
afterAll(() => t.stop());

interface Payload {
  userErrors: { field: string[]; code: string; message: string }[];
}

async function createClient(): Promise<string> {
  const res = await t.gql<{ createClient: { client: { id: string } } }, unknown>(
    "mutation($input: CreateClientInput!) { createClient(input: $input) { client { id } userErrors { code } } }",
    { input: { name: unique("bounded") } },
    operator,
  );
  return dataOf(res).createClient.client.id;
}

describe("the audit's query", () => {
  it("is refused before execution, with only msa:read", async () => {
    const token = await t.token("OPERATOR", { scopes: ["msa:read"] });
    const res = await fetch(t.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: "{ msas(first: 100) { nodes { clauses { msa { clauses { msa { clauses { msa { clauses { msa { clauses { title } } } } } } } } } } } }" }),
    });
    const body = (await res.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
    // No `data` at all: the document failed validation, so execution never started and no resolver ran.
    expect("data" in body).toBe(false);
    expect(res.status).toBe(400);
    expect(body.errors.map((e) => e.extensions.code)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(body.errors[0].message).toMatch(/^Query cost limit of 10000 exceeded/);
  });

  it("is refused over WebSocket too", async () => {
    const client = t.ws(await t.token("OPERATOR", { scopes: ["msa:read"] }));
    const result = await new Promise<{ errors?: unknown[] }>((resolve) => {
      let errors: unknown[] | undefined;
      client.subscribe(
        { query: "{ msas(first: 100) { nodes { clauses { msa { clauses { msa { clauses { title } } } } } } } }" },
        { next: () => {}, error: (e) => ((errors = e as unknown[]), resolve({ errors })), complete: () => resolve({ errors }) },
      );
    });
    expect(JSON.stringify(result.errors)).toMatch(/Query cost limit of 10000 exceeded/);
  });
});

describe("caps on what a client adds", () => {
  it("takes 100 clauses in an MSA version and refuses the 101st (TOO_MANY_CLAUSES)", async () => {
    const clientId = await createClient();
    const msa = await t.gql<{ createMsa: { msa: { id: string } } }, unknown>(
      "mutation($input: CreateMsaInput!) { createMsa(input: $input) { msa { id } userErrors { code } } }",
      { input: { clientId, title: "Capped", effectiveFrom: "2026-01-01" } },
      operator,
    );
    const msaId = dataOf(msa).createMsa.msa.id;
    const add = async (i: number) =>
      dataOf(
        await t.gql<{ addMsaClause: Payload & { clause: { id: string } | null } }, unknown>(
          "mutation($input: AddMsaClauseInput!) { addMsaClause(input: $input) { clause { id } userErrors { field code message } } }",
          { input: { msaId, category: "PAYROLL_PROCESSING", responsibleParty: "EOR", title: `Clause ${i}`, text: "text" } },
          operator,
        ),
      ).addMsaClause;
    for (let batch = 0; batch < 10; batch++) {
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => add(batch * 10 + i)));
      for (const r of results) expect(r.userErrors).toEqual([]);
    }
    const refused = await add(101);
    expect(refused.clause).toBeNull();
    expect(refused.userErrors.map((e) => [e.field.join("."), e.code])).toEqual([["input.msaId", "TOO_MANY_CLAUSES"]]);
  });

  it("concurrent additions past the cap: exactly the missing ones succeed", async () => {
    const clientId = await createClient();
    const msaId = dataOf(
      await t.gql<{ createMsa: { msa: { id: string } } }, unknown>(
        "mutation($input: CreateMsaInput!) { createMsa(input: $input) { msa { id } userErrors { code } } }",
        { input: { clientId, title: "Race", effectiveFrom: "2026-01-01" } },
        operator,
      ),
    ).createMsa.msa.id;
    const add = async (i: number) =>
      dataOf(
        await t.gql<{ addMsaClause: Payload }, unknown>(
          "mutation($input: AddMsaClauseInput!) { addMsaClause(input: $input) { userErrors { field code message } } }",
          { input: { msaId, category: "TERMINATION", responsibleParty: "CLIENT", title: `C${i}`, text: "t" } },
          operator,
        ),
      ).addMsaClause;
    for (let batch = 0; batch < 9; batch++) await Promise.all(Array.from({ length: 10 }, (_, i) => add(batch * 10 + i)));
    const racing = await Promise.all(Array.from({ length: 15 }, (_, i) => add(200 + i)));
    expect(racing.filter((r) => r.userErrors.length === 0)).toHaveLength(10);
    expect(racing.filter((r) => r.userErrors[0]?.code === "TOO_MANY_CLAUSES")).toHaveLength(5);
  });

  it("takes 50 compensations per engagement and refuses the 51st (TOO_MANY_COMPENSATIONS)", async () => {
    const clientId = await createClient();
    const workerId = dataOf(
      await t.gql<{ createWorker: { worker: { id: string } } }, unknown>(
        "mutation($input: CreateWorkerInput!) { createWorker(input: $input) { worker { id } userErrors { code } } }",
        { input: { clientId, externalId: unique("w"), legalFirstName: "Cap", legalLastName: "Ped", email: "cap@example.com", homeJurisdiction: "US-TX" } },
        operator,
      ),
    ).createWorker.worker.id;
    const hired = dataOf(
      await t.gql<{ hireWorker: Payload & { engagement: { id: string } } }, unknown>(
        "mutation($input: HireWorkerInput!) { hireWorker(input: $input) { engagement { id } userErrors { field code message } } }",
        {
          input: {
            workerId,
            title: "Analyst",
            workJurisdiction: "US-TX",
            employmentModel: "EOR",
            classification: "US_W2_EMPLOYEE",
            startDate: "2026-01-01",
            compensation: { basis: "SALARY", amount: { amount: "80000.00", currency: "USD" } },
          },
        },
        operator,
      ),
    ).hireWorker;
    expect(hired.userErrors).toEqual([]);
    const change = async (n: number) =>
      dataOf(
        await t.gql<{ changeCompensation: Payload }, unknown>(
          "mutation($input: ChangeCompensationInput!) { changeCompensation(input: $input) { userErrors { field code message } } }",
          {
            input: {
              engagementId: hired.engagement.id,
              basis: "SALARY",
              amount: { amount: `${80000 + n}.00`, currency: "USD" },
              effectiveFrom: new Date(Date.UTC(2026, 1, 1) + n * 86_400_000).toISOString().slice(0, 10),
            },
          },
          operator,
        ),
      ).changeCompensation;
    for (let n = 1; n < 50; n++) expect((await change(n)).userErrors).toEqual([]);
    const refused = await change(50);
    expect(refused.userErrors.map((e) => [e.field.join("."), e.code])).toEqual([["input.engagementId", "TOO_MANY_COMPENSATIONS"]]);
    const history = dataOf(
      await t.gql<{ node: { compensations: unknown[] } }, unknown>(
        "query($id: ID!) { node(id: $id) { ... on Engagement { compensations { id } } } }",
        { id: hired.engagement.id },
        operator,
      ),
    );
    expect(history.node.compensations).toHaveLength(50);
  });
});

/** An allowed query that needs several database round trips, level after level. */
const NESTED = "{ clients(first: 5) { nodes { id workers(first: 10) { nodes { id engagements(first: 2) { nodes { id client { id name } } } } } } } }";

describe("the request budget", () => {
  let slow: TestServer;
  let small: TestServer;
  beforeAll(async () => {
    slow = await startTestServer({ requestTimeoutMs: 1 });
    small = await startTestServer({ maxResponseBytes: 2_000 });
  });
  afterAll(async () => {
    await slow?.stop();
    await small?.stop();
  });

  it("cancels an operation past REQUEST_TIMEOUT_MS and answers one retryable REQUEST_TIMEOUT error", async () => {
    const res = await slow.gql<unknown, unknown>(NESTED, undefined, await slow.token("OPERATOR"));
    expect(res.data ?? null).toBeNull();
    expect(res.errors).toEqual([{ message: expect.stringMatching(/took longer than 1 ms/), extensions: { code: "REQUEST_TIMEOUT", retryable: true, timeoutMs: 1 } }]);
  });

  it("says a mutation that timed out may have been applied (not retryable as is)", async () => {
    const res = await slow.gql<unknown, unknown>(
      "mutation($input: CreateClientInput!) { createClient(input: $input) { client { id name workers(first: 1) { nodes { id } } } userErrors { code } } }",
      { input: { name: unique("slow") } },
      await slow.token("OPERATOR"),
    );
    expect(res.errors).toEqual([{ message: expect.stringMatching(/may have been applied/), extensions: { code: "REQUEST_TIMEOUT", retryable: false, timeoutMs: 1 } }]);
  });

  it("applies to operations over WebSocket", async () => {
    const client = slow.ws(await slow.token("OPERATOR"));
    const result = await new Promise<{ errors?: { extensions?: { code?: string } }[] }>((resolve, reject) => {
      let last: { errors?: { extensions?: { code?: string } }[] } = {};
      client.subscribe({ query: NESTED }, { next: (r) => void (last = r as never), error: reject, complete: () => resolve(last) });
    });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["REQUEST_TIMEOUT"]);
  });

  it("does not send an answer over MAX_RESPONSE_BYTES: one RESPONSE_TOO_LARGE error instead", async () => {
    const token = await small.token("OPERATOR", { subject: "bounded-operator" });
    const fits = await small.gql<{ viewer: { subject: string } }, unknown>("{ viewer { subject } }", undefined, token);
    expect(dataOf(fits).viewer.subject).toBe("bounded-operator");
    const res = await small.gql<unknown, unknown>("{ workers(first: 100) { nodes { id displayName homeJurisdiction status createdAt updatedAt } } }", undefined, token);
    expect(res.data ?? null).toBeNull();
    expect(res.errors).toEqual([{ message: expect.stringMatching(/exceed 2000 bytes/), extensions: { code: "RESPONSE_TOO_LARGE", retryable: false, maxResponseBytes: 2000 } }]);
  });
});

describe("tokens", () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => toGlobalId("Client", `0192f000-0000-7000-8000-${String(i).padStart(12, "0")}`));

  it("name at most 100 clients: 100 are accepted, 101 refused", async () => {
    const hundred = await t.gql<{ viewer: { accessibleClients: unknown[] } }, unknown>(
      "{ viewer { accessibleClients { id } } }",
      undefined,
      await t.token("PARTNER", { clients: ids(100) }),
    );
    expect(dataOf(hundred).viewer.accessibleClients).toEqual([]);
    const more = await t.gql("{ viewer { subject } }", undefined, await t.token("PARTNER", { clients: ids(101) }));
    expect(more.status).toBe(401);
    expect(errorCodes(more)).toEqual(["UNAUTHENTICATED"]);
  });
});

describe("HTTP", () => {
  it("sets explicit timeouts on the HTTP server", () => {
    expect(t.server.httpServer.keepAliveTimeout).toBe(65_000);
    expect(t.server.httpServer.headersTimeout).toBe(66_000);
    expect(t.server.httpServer.requestTimeout).toBe(70_000);
  });

  it("answers 401 to an unauthenticated POST without waiting for its body", async () => {
    const url = new URL(t.url);
    // Announces 900 kB (under the 1 MB limit), sends 1 kB and waits: the answer must come without the rest.
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { "content-type": "application/json", "content-length": String(900_000) } },
        (res) => {
          let body = "";
          res.on("data", (chunk) => (body += chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on("error", reject);
      req.write(`{"query":"${"x".repeat(1_000)}`);
    });
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body).errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("still answers an authenticated POST", async () => {
    expect(errorCodes(await t.gql("{ viewer { subject } }", undefined, operator))).toEqual([]);
  });
});
