import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataOf, startTestServer, type TestServer } from "../support/server";
import { hire, newPaySchedule, newPayrollRun, newTenant, newWorker, type Tenant } from "../support/factories";
import { eventually } from "../support/wait";

/**
 * The README's "Sync recipe", done as an HRIS would: page every collection with `updatedSince` (the greatest
 * `updatedAt` seen, minus a margin; inclusive), upsert by global ID, then read the deletion events after the last
 * cursor and delete those IDs. After creates, updates and deletions (a removed MSA clause, statements replaced by a
 * recalculation), the mirror equals a full read of the graph.
 */
let t: TestServer;
let operator: string;

const DELETED_TYPES = ["msaClause.deleted", "payStatement.deleted"];
const MARGIN_MS = 5 * 60_000;

const PAGE = "pageInfo { hasNextPage endCursor }";
/** Each collection of the recipe: its query (variables `$c` client, `$s` updatedSince, `$a` after) and how a node becomes mirror rows. */
const COLLECTIONS: { field: string; query: string; rows: (node: Row) => Row[] }[] = [
  { field: "clients", query: `clients(updatedSince: $s, first: 100, after: $a) { ${PAGE} nodes { id name externalId status version updatedAt } }`, rows: (n) => [n] },
  {
    field: "workers",
    query: `workers(clientId: $c, updatedSince: $s, first: 100, after: $a) { ${PAGE} nodes { id externalId displayName status version updatedAt } }`,
    rows: (n) => [n],
  },
  {
    field: "engagements",
    query: `engagements(clientId: $c, updatedSince: $s, first: 100, after: $a) { ${PAGE} nodes { id title externalId status version updatedAt paySchedule { id } } }`,
    rows: (n) => [n],
  },
  { field: "paySchedules", query: `paySchedules(clientId: $c, updatedSince: $s, first: 100, after: $a) { ${PAGE} nodes { id name version updatedAt } }`, rows: (n) => [n] },
  {
    field: "msas",
    query: `msas(clientId: $c, updatedSince: $s, first: 10, after: $a) { ${PAGE} nodes { id title status updatedAt clauses { id title responsibleParty } } }`,
    rows: ({ clauses, ...msa }) => [msa, ...(clauses as Row[])],
  },
  {
    field: "payrollRuns",
    query: `payrollRuns(clientId: $c, updatedSince: $s, first: 10, after: $a) { ${PAGE} nodes { id status version updatedAt statements(first: 50) { nodes { id engagement { id } net { amount } } } } }`,
    rows: ({ statements, ...run }) => [run, ...(statements as { nodes: Row[] }).nodes],
  },
];

type Row = Record<string, unknown> & { id?: string; updatedAt?: string };

interface Mirror {
  rows: Map<string, Row>;
  /** The next `updatedSince`: the greatest `updatedAt` seen minus the margin (null: a full read). */
  since: string | null;
  /** The last deletion event read (null: from the client's first event). */
  cursor: string | null;
  deletedIds: string[];
}

interface Connection {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: Row[];
}

async function pages(field: string, query: string, variables: Record<string, unknown>, token: string, each: (node: Row) => void): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const declared = [
      ["$c", "ID!"],
      ["$s", "DateTime"],
      ["$a", "String"],
    ].filter(([name]) => query.includes(name));
    const doc = `query (${declared.map(([name, type]) => `${name}: ${type}`).join(", ")}) { ${query} }`;
    const page: Connection = dataOf(await t.gql<Record<string, Connection>, unknown>(doc, { ...variables, a: after }, token))[field];
    page.nodes.forEach(each);
    if (!page.pageInfo.hasNextPage) return;
    after = page.pageInfo.endCursor;
  }
}

/** One run of the recipe: changed objects upserted, deleted objects removed. Returns the IDs of the collections' objects it read. */
async function sync(mirror: Mirror, tenant: Tenant, marginMs = MARGIN_MS): Promise<Set<string>> {
  let newest: string | null = null;
  const read = new Set<string>();
  for (const c of COLLECTIONS) {
    await pages(c.field, c.query, { c: tenant.clientId, s: mirror.since }, tenant.token, (node) => {
      if (node.updatedAt && (newest === null || node.updatedAt > newest)) newest = node.updatedAt;
      read.add(node.id!);
      for (const row of c.rows(node)) mirror.rows.set(row.id!, row);
    });
  }
  const events = `events(clientId: $c, types: $types, first: 100, after: $a) { ${PAGE} nodes { cursor type objectId } }`;
  let after = mirror.cursor;
  for (;;) {
    const doc = `query ($c: ID!, $types: [String!], $a: String) { ${events} }`;
    const page = dataOf(await t.gql<{ events: Connection }, unknown>(doc, { c: tenant.clientId, types: DELETED_TYPES, a: after }, tenant.token)).events;
    for (const event of page.nodes) {
      mirror.rows.delete(event.objectId as string);
      mirror.deletedIds.push(event.objectId as string);
      mirror.cursor = event.cursor as string;
    }
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  if (newest !== null) mirror.since = new Date(Date.parse(newest) - marginMs).toISOString();
  return read;
}

async function graph(tenant: Tenant): Promise<Map<string, Row>> {
  const full: Mirror = { rows: new Map(), since: null, cursor: null, deletedIds: [] };
  for (const c of COLLECTIONS) {
    await pages(c.field, c.query, { c: tenant.clientId, s: null }, tenant.token, (node) => {
      for (const row of c.rows(node)) full.rows.set(row.id!, row);
    });
  }
  return full.rows;
}

async function run<T>(doc: string, input: Record<string, unknown>, token: string): Promise<T> {
  const name = /\{\s*(\w+)\(/.exec(doc)![1];
  const payload = dataOf(await t.gql<Record<string, T & { userErrors: unknown[] }>, unknown>(doc, { input }, token))[name];
  expect(payload.userErrors, name).toEqual([]);
  return payload;
}

const M = {
  createMsa: `mutation ($input: CreateMsaInput!) { createMsa(input: $input) { msa { id } userErrors { code } } }`,
  addClause: `mutation ($input: AddMsaClauseInput!) { addMsaClause(input: $input) { clause { id } userErrors { code } } }`,
  removeClause: `mutation ($input: RemoveMsaClauseInput!) { removeMsaClause(input: $input) { removedClauseId userErrors { code } } }`,
  updateWorker: `mutation ($input: UpdateWorkerInput!) { updateWorker(input: $input) { worker { id } userErrors { code } } }`,
  updateEngagement: `mutation ($input: UpdateEngagementInput!) { updateEngagement(input: $input) { engagement { id } userErrors { code } } }`,
  updatePaySchedule: `mutation ($input: UpdatePayScheduleInput!) { updatePaySchedule(input: $input) { paySchedule { id } userErrors { code } } }`,
  addOneOff: `mutation ($input: AddOneOffEarningInput!) { addOneOffEarning(input: $input) { payrollRun { id } userErrors { code } } }`,
  calculate: `mutation ($input: CalculatePayrollRunInput!) { calculatePayrollRun(input: $input) { payrollRun { id } userErrors { code } } }`,
};

async function calculated(runId: string, tenant: Tenant) {
  await run(M.calculate, { payrollRunId: runId }, tenant.token);
  await eventually(
    async () => {
      const node = dataOf(
        await t.gql<{ node: { status: string } }, unknown>(`query ($id: ID!) { node(id: $id) { ... on PayrollRun { status } } }`, { id: runId }, tenant.token),
      ).node;
      return node.status === "CALCULATED";
    },
    "the run CALCULATED",
    25_000,
  );
}

const clause = (msaId: string, title: string) => ({ msaId, category: "PAYROLL_PROCESSING", responsibleParty: "EOR", title, text: `${title}.` });

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
});

afterAll(async () => {
  await t?.stop();
});

describe("the README's sync recipe", () => {
  it("mirrors the graph with updatedSince and the deletion events, through creates, updates and deletions", async () => {
    const tenant = await newTenant(t, "hris");
    const schedule = await newPaySchedule(t, tenant.clientId, { name: "Biweekly" });
    const ann = await newWorker(t, tenant.clientId, { legalFirstName: "Ann" });
    const engagement = await hire(t, ann.id, { payScheduleId: schedule.id });
    const msa = (await run<{ msa: { id: string } }>(M.createMsa, { clientId: tenant.clientId, title: "MSA", effectiveFrom: "2026-01-01" }, operator)).msa;
    const kept = (await run<{ clause: { id: string } }>(M.addClause, clause(msa.id, "Kept"), operator)).clause;
    const removed = (await run<{ clause: { id: string } }>(M.addClause, clause(msa.id, "Removed"), operator)).clause;
    const payrollRun = await newPayrollRun(t, tenant);
    const bonus = { payrollRunId: payrollRun.id, engagementId: engagement.id, kind: "BONUS", amount: { amount: "500.00", currency: "USD" } };
    await run(M.addOneOff, bonus, tenant.token);
    await calculated(payrollRun.id, tenant);

    const mirror: Mirror = { rows: new Map(), since: null, cursor: null, deletedIds: [] };
    // The same recipe without a margin (this test's transactions are sequential and short): it shows that the
    // incremental read is selective and that `updatedSince` is inclusive.
    const exact: Mirror = { rows: new Map(), since: null, cursor: null, deletedIds: [] };
    const fullRead = await sync(mirror, tenant);
    await sync(exact, tenant, 0);
    expect(mirror.rows).toEqual(await graph(tenant));
    expect(exact.rows).toEqual(mirror.rows);
    expect(mirror.rows.has(removed.id)).toBe(true);
    const [firstStatement] = [...mirror.rows.values()].filter((r) => "net" in r);
    expect(firstStatement).toBeDefined();
    expect(mirror.since).not.toBeNull();

    // Creates, updates and deletions between two syncs.
    const bob = await newWorker(t, tenant.clientId, { legalFirstName: "Bob" });
    const bobs = await hire(t, bob.id);
    await run(M.updateWorker, { id: ann.id, expectedVersion: 1, preferredName: "Annie" }, tenant.token);
    await run(M.updateEngagement, { engagementId: engagement.id, expectedVersion: 1, title: "Lead Engineer" }, tenant.token);
    await run(M.updatePaySchedule, { payScheduleId: schedule.id, expectedVersion: 1, name: "Biweekly (US)" }, tenant.token);
    await run(M.removeClause, { clauseId: removed.id }, operator);
    await run(M.addClause, clause(msa.id, "Added"), operator);
    await run(M.addOneOff, { ...bonus, amount: { amount: "250.00", currency: "USD" } }, tenant.token); // CALCULATED → DRAFT
    await calculated(payrollRun.id, tenant); // the statement is replaced by a new one

    await sync(mirror, tenant);
    const incrementalRead = await sync(exact, tenant, 0);
    const now = await graph(tenant);
    expect(mirror.rows).toEqual(now);
    expect(exact.rows).toEqual(now);
    // Exactly what was created or changed since: not the client, which did not change.
    expect([...fullRead].sort()).toEqual([tenant.clientId, ann.id, engagement.id, schedule.id, msa.id, payrollRun.id].sort());
    expect([...incrementalRead].sort()).toEqual([ann.id, bob.id, engagement.id, bobs.id, schedule.id, msa.id, payrollRun.id].sort());
    expect(exact.deletedIds.sort()).toEqual(mirror.deletedIds.sort());
    expect(mirror.rows.has(removed.id)).toBe(false);
    expect(mirror.rows.has(kept.id)).toBe(true);
    expect(mirror.rows.has(firstStatement.id!)).toBe(false);
    expect(mirror.deletedIds.sort()).toEqual([removed.id, firstStatement.id!].sort());
    expect(mirror.rows.get(engagement.id)).toMatchObject({ title: "Lead Engineer", version: 2 });
    expect(mirror.rows.get(ann.id)).toMatchObject({ displayName: "Annie Worker" });

    // A third sync with nothing changed in between reads the boundary again (inclusive) and changes nothing.
    await sync(mirror, tenant);
    expect(mirror.rows).toEqual(now);
    // Nothing changed: the newest object is read again (inclusive), nothing else.
    expect([...(await sync(exact, tenant, 0))]).toEqual([payrollRun.id]);
    expect(exact.rows).toEqual(now);
  });
});
