import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, dataOf, type GqlResponse, type TestServer } from "../support/server";
import { textProblem } from "../../src/shared/input-guard";

/**
 * Control characters and lone surrogates in any string argument: one guard (src/shared/input-guard.ts) answers
 * BAD_USER_INPUT with the argument path before any resolver runs — over HTTP and WebSocket, in queries,
 * mutations and subscriptions. Each case the audit found (INTERNAL_SERVER_ERROR from the database) is here.
 */
let t: TestServer;
let operator: string;
let clientId: string;
let workerId: string;
let runId: string;
let engagementId: string;

const NUL = "a\u0000b";

function expectRefused(response: GqlResponse<unknown>, inputPath: string[]) {
  expect(response.status).toBe(200);
  expect(response.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
  expect(response.errors![0].extensions?.inputPath).toEqual(inputPath);
  expect(response.errors![0].extensions?.argument).toBe(inputPath[0]);
}

let seq = 0;
const name = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++seq}`;

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
  clientId = dataOf(
    await t.gql<{ createClient: { client: { id: string } } }, unknown>(
      `mutation ($n: String!) { createClient(input: { name: $n }) { client { id } } }`,
      { n: name("hostile") },
      operator,
    ),
  ).createClient.client.id;
  const schedule = dataOf(
    await t.gql<{ createPaySchedule: { paySchedule: { id: string; periods: { nodes: { id: string }[] } } } }, unknown>(
      `mutation ($c: ID!) { createPaySchedule(input: { clientId: $c, name: "US biweekly", country: US, frequency: BIWEEKLY, firstPeriodStart: "2026-01-05", periodsAhead: 2 }) { paySchedule { id periods(first: 2) { nodes { id } } } } }`,
      { c: clientId },
      operator,
    ),
  ).createPaySchedule.paySchedule;
  workerId = dataOf(
    await t.gql<{ createWorker: { worker: { id: string } } }, unknown>(
      `mutation ($c: ID!) { createWorker(input: { clientId: $c, legalFirstName: "Ada", legalLastName: "Byte", email: "ada@example.com", homeJurisdiction: "US-TX" }) { worker { id } } }`,
      { c: clientId },
      operator,
    ),
  ).createWorker.worker.id;
  engagementId = dataOf(
    await t.gql<{ hireWorker: { engagement: { id: string } } }, unknown>(
      `mutation ($w: ID!, $s: ID!) { hireWorker(input: { workerId: $w, title: "Engineer", workJurisdiction: "US-TX", employmentModel: EOR, classification: US_W2_EMPLOYEE, startDate: "2026-01-01", payScheduleId: $s, compensation: { basis: SALARY, amount: { amount: "100000.00", currency: USD } } }) { engagement { id } userErrors { code } } }`,
      { w: workerId, s: schedule.id },
      operator,
    ),
  ).hireWorker.engagement.id;
  runId = dataOf(
    await t.gql<{ createPayrollRun: { payrollRun: { id: string } } }, unknown>(
      `mutation ($c: ID!, $p: ID!) { createPayrollRun(input: { clientId: $c, payPeriodId: $p }) { payrollRun { id } } }`,
      { c: clientId, p: schedule.periods.nodes[0].id },
      operator,
    ),
  ).createPayrollRun.payrollRun.id;
});

afterAll(async () => {
  await t?.stop();
});

describe("the audit's INTERNAL_SERVER_ERROR cases answer BAD_USER_INPUT with the argument path", () => {
  it("createClient", async () => {
    expectRefused(await t.gql(`mutation ($n: String!) { createClient(input: { name: $n }) { client { id } } }`, { n: NUL }, operator), ["input", "name"]);
  });

  it("createMsa", async () => {
    expectRefused(
      await t.gql(
        `mutation ($c: ID!, $n: String!) { createMsa(input: { clientId: $c, title: $n, effectiveFrom: "2027-01-01" }) { msa { id } } }`,
        { c: clientId, n: NUL },
        operator,
      ),
      ["input", "title"],
    );
  });

  it("createWorker (a literal NUL escape in the document too)", async () => {
    const doc = `mutation ($c: ID!) { createWorker(input: { clientId: $c, legalFirstName: "A\\u0000", legalLastName: "B", email: "a@example.com", homeJurisdiction: "US-TX" }) { worker { id } } }`;
    expectRefused(await t.gql(doc, { c: clientId }, operator), ["input", "legalFirstName"]);
  });

  it("updateWorker", async () => {
    expectRefused(
      await t.gql(
        `mutation ($id: ID!, $n: String) { updateWorker(input: { id: $id, expectedVersion: 1, preferredName: $n }) { worker { id } } }`,
        { id: workerId, n: NUL },
        operator,
      ),
      ["input", "preferredName"],
    );
  });

  it("createPaySchedule", async () => {
    expectRefused(
      await t.gql(
        `mutation ($c: ID!, $n: String!) { createPaySchedule(input: { clientId: $c, name: $n, country: US, frequency: MONTHLY, firstPeriodStart: "2026-01-01" }) { paySchedule { id } } }`,
        { c: clientId, n: NUL },
        operator,
      ),
      ["input", "name"],
    );
  });

  it("cancelPayrollRun", async () => {
    expectRefused(
      await t.gql(`mutation ($r: ID!, $why: String) { cancelPayrollRun(input: { payrollRunId: $r, reason: $why }) { payrollRun { id } } }`, { r: runId, why: NUL }, operator),
      ["input", "reason"],
    );
  });

  it("addOneOffEarning", async () => {
    expectRefused(
      await t.gql(
        `mutation ($r: ID!, $e: ID!, $d: String) { addOneOffEarning(input: { payrollRunId: $r, engagementId: $e, kind: BONUS, amount: { amount: "10.00", currency: USD }, description: $d }) { oneOffEarning { kind } } }`,
        { r: runId, e: engagementId, d: NUL },
        operator,
      ),
      ["input", "description"],
    );
  });

  it("events(types) — a list argument, with the index in the path", async () => {
    expectRefused(await t.gql(`query ($c: ID!, $ty: [String!]) { events(clientId: $c, types: $ty) { totalCount } }`, { c: clientId, ty: ["payrollRun.created", NUL] }, operator), [
      "types",
      "1",
    ]);
  });

  it("workerByExternalId", async () => {
    expectRefused(await t.gql(`query ($c: ID!, $x: String!) { workerByExternalId(clientId: $c, externalId: $x) { id } }`, { c: clientId, x: NUL }, operator), ["externalId"]);
  });

  it("the run and the worker were not changed by the refused mutations", async () => {
    const state = dataOf(
      await t.gql<{ run: { status: string }; worker: { preferredName: string | null; version: number } }, unknown>(
        `query ($r: ID!, $w: ID!) { run: node(id: $r) { ... on PayrollRun { status } } worker: node(id: $w) { ... on Worker { preferredName version } } }`,
        { r: runId, w: workerId },
        operator,
      ),
    );
    expect(state.run.status).toBe("DRAFT");
    expect(state.worker).toEqual({ preferredName: null, version: 1 });
  });
});

describe("what the guard refuses and allows", () => {
  it("every C0 control and DEL is refused in a one-line field; a tab, LF and CR too", async () => {
    for (const code of [0x01, 0x07, 0x09, 0x0a, 0x0d, 0x1b, 0x1f, 0x7f]) {
      const r = await t.gql(
        `query ($c: ID!, $x: String!) { workerByExternalId(clientId: $c, externalId: $x) { id } }`,
        { c: clientId, x: `x${String.fromCharCode(code)}y` },
        operator,
      );
      expect(r.errors?.[0]?.extensions?.code, `U+${code.toString(16)}`).toBe("BAD_USER_INPUT");
    }
  });

  it("lone surrogates are refused; a paired one (an emoji) and other Unicode pass", async () => {
    for (const bad of ["\uD800", "x\uDC00", "\uDBFFx", "\uDC00\uD800"]) {
      expectRefused(await t.gql(`query ($c: ID!, $x: String!) { workerByExternalId(clientId: $c, externalId: $x) { id } }`, { c: clientId, x: bad }, operator), ["externalId"]);
    }
    const ok = await t.gql<{ workerByExternalId: null }, unknown>(
      `query ($c: ID!, $x: String!) { workerByExternalId(clientId: $c, externalId: $x) { id } }`,
      { c: clientId, x: "Zoë 😀 ‮ 東京" },
      operator,
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.workerByExternalId).toBeNull();
  });

  it("a multi-line field (MSA clause text) takes tab, LF and CR but still refuses NUL; its title does not take LF", async () => {
    const msa = dataOf(
      await t.gql<{ createMsa: { msa: { id: string } } }, unknown>(
        `mutation ($c: ID!) { createMsa(input: { clientId: $c, title: "MSA", effectiveFrom: "2027-01-01" }) { msa { id } } }`,
        { c: clientId },
        operator,
      ),
    ).createMsa.msa.id;
    const add = `mutation ($m: ID!, $title: String!, $text: String!) { addMsaClause(input: { msaId: $m, category: PAYROLL_APPROVAL, responsibleParty: CLIENT, title: $title, text: $text }) { clause { text } userErrors { code } } }`;
    const ok = dataOf(await t.gql<{ addMsaClause: { clause: { text: string } } }, unknown>(add, { m: msa, title: "Approval", text: "1.\tThe client\r\napproves.\n" }, operator));
    expect(ok.addMsaClause.clause.text).toBe("1.\tThe client\r\napproves.\n");
    expectRefused(await t.gql(add, { m: msa, title: "Approval", text: "line\u0000" }, operator), ["input", "text"]);
    expectRefused(await t.gql(add, { m: msa, title: "two\nlines", text: "x" }, operator), ["input", "title"]);
  });

  it("nested input objects and nested field arguments are checked", async () => {
    const record = `mutation ($e: ID!) { recordTimeEntries(input: { entries: [{ engagementId: "x", date: "2026-01-05", hours: "1", type: REGULAR }, { engagementId: $e, date: "2026-01-06", hours: "1", type: REGULAR }] }) { changedCount } }`;
    expectRefused(await t.gql(record, { e: `${engagementId}\u0000` }, operator), ["input", "entries", "1", "engagementId"]);
    const nested = await t.gql<{ node: { workers: unknown } | null }, unknown>(
      `query ($c: ID!, $j: String) { node(id: $c) { ... on Client { workers(first: 1, homeJurisdiction: $j) { totalCount } } } }`,
      { c: clientId, j: "US-\u0000" },
      operator,
    );
    expect(nested.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
    expect(nested.errors![0].path).toEqual(["node", "workers"]);
    expect(nested.errors![0].extensions?.inputPath).toEqual(["homeJurisdiction"]);
  });

  it("a subscription over WebSocket is refused at subscribe time", async () => {
    const ws = t.ws(operator);
    const result = await new Promise<{ errors?: readonly { extensions?: Record<string, unknown> }[] }>((resolve, reject) => {
      let first: { errors?: readonly { extensions?: Record<string, unknown> }[] } | undefined;
      ws.subscribe(
        { query: `subscription ($c: ID!, $a: String) { payrollRunStatusChanged(clientId: $c, after: $a) { status } }`, variables: { c: clientId, a: "x\u0000" } },
        {
          next: (v) => (first ??= v as never),
          error: (e) => resolve({ errors: Array.isArray(e) ? e : [e as never] }),
          complete: () => (first ? resolve(first) : reject(new Error("completed without a result"))),
        },
      );
    });
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.extensions?.inputPath).toEqual(["after"]);
  });

  it("textProblem (the rule itself)", () => {
    expect(textProblem("plain")).toBeNull();
    expect(textProblem("a\tb")).not.toBeNull();
    expect(textProblem("a\tb\r\n", true)).toBeNull();
    expect(textProblem("a\u000bb", true)).not.toBeNull();
    expect(textProblem("\u007f")).not.toBeNull();
    expect(textProblem("😀")).toBeNull();
    expect(textProblem("😀".slice(0, 1))).not.toBeNull();
  });
});
