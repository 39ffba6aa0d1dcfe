import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, dataOf, type TestServer } from "../support/server";
import { hire, newClient, newWorker } from "../support/factories";
import { ClientsWithWorkersDocument, DataLoaderPageDocument } from "../generated/graphql";

/**
 * The DataLoader proof: a nested page (workers → engagements → client and current compensation) costs the same
 * number of SQL statements for 10 workers as for 100, because every relation is one batched, tenant-scoped
 * query per level (the engagements' level reads their clients and current compensations along). Statements are counted by the drizzle logger of the server's own database object (each test
 * file has its own, so parallel files do not disturb the count).
 */
let t: TestServer;
let operator: string;
let clientId: string;
const WORKERS = 100;

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
  clientId = await newClient(t, "dataloader");
  // 100 workers, each hired once, through the real mutations (ten at a time).
  for (let batch = 0; batch < WORKERS / 10; batch++) {
    await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const n = batch * 10 + i;
        const created = await newWorker(t, clientId, { externalId: `dl-${n}`, legalFirstName: "Worker", legalLastName: `No${n}`, email: `w${n}@example.com` });
        await hire(t, created.id, { title: "Analyst", startDate: "2025-01-01", compensation: { basis: "SALARY", amount: { amount: `${80000 + n}.00`, currency: "USD" } } });
      }),
    );
  }
}, 300_000);
afterAll(() => t.stop());

async function countStatements(first: number) {
  const before = t.database.statements.count;
  const data = dataOf(await t.gql(DataLoaderPageDocument, { clientId, first }, operator));
  const statements = t.database.statements.count - before;
  return { statements, data };
}

describe("nested page through DataLoaders", () => {
  it("runs the same small number of SQL statements for 10 and for 100 workers", async () => {
    const ten = await countStatements(10);
    const hundred = await countStatements(100);
    console.log(`DataLoader statement count: workers(first: 10) → ${ten.statements} statements; workers(first: 100) → ${hundred.statements} statements`);

    expect(ten.data.workers.nodes).toHaveLength(10);
    expect(hundred.data.workers.nodes).toHaveLength(100);
    for (const worker of hundred.data.workers.nodes) {
      expect(worker.engagements.nodes).toHaveLength(1);
      const [engagement] = worker.engagements.nodes;
      expect(engagement.client).toMatchObject({ id: clientId });
      expect(engagement.currentCompensation?.amount.currency).toBe("USD");
    }
    const amounts = new Set(hundred.data.workers.nodes.map((w) => w.engagements.nodes[0].currentCompensation!.amount.amount));
    expect(amounts.size).toBe(100);

    expect(hundred.statements).toBe(ten.statements);
    // The workers page, then their engagements with each one's client and current compensation in one statement
    // (the loader primes `clientById` and `currentCompensationByEngagementId`): the fields send none of their own.
    expect(hundred.statements).toBe(2);
  });

  it("pages Client.workers for every client of a page in one statement (same count for 1 and 3 clients)", async () => {
    const others = [];
    for (const name of ["dl-other-1", "dl-other-2"]) {
      const id = await newClient(t, name);
      await newWorker(t, id, { legalFirstName: "Other", legalLastName: "Worker", email: "o@example.com", homeJurisdiction: "CA-ON" });
      others.push(id);
    }
    const measure = async (clients: string[]) => {
      const partner = await t.token("PARTNER", { clients });
      const before = t.database.statements.count;
      const data = dataOf(await t.gql(ClientsWithWorkersDocument, {}, partner));
      return { statements: t.database.statements.count - before, data };
    };
    const one = await measure([clientId]);
    const three = await measure([clientId, ...others]);
    console.log(`DataLoader statement count: clients → workers(first: 2) for 1 client → ${one.statements}; for 3 clients → ${three.statements}`);
    expect(one.data.clients.nodes[0].workers).toMatchObject({ totalCount: WORKERS });
    expect(three.data.clients.nodes.map((c) => c.workers!.totalCount).sort((a, b) => a - b)).toEqual([1, 1, WORKERS]);
    expect(three.statements).toBe(one.statements);
  });

  it("reads along the same client and current compensation as the engagement's own fields", async () => {
    const other = await newClient(t, "dl-current");
    const started = await newWorker(t, other, { legalFirstName: "Started", legalLastName: "Worker", email: "s@example.com" });
    const pending = await newWorker(t, other, { legalFirstName: "Pending", legalLastName: "Worker", email: "p@example.com" });
    await hire(t, started.id, { title: "Started", startDate: "2025-01-01", compensation: { basis: "SALARY", amount: { amount: "81000.00", currency: "USD" } } });
    await hire(t, pending.id, { title: "Pending", startDate: "2099-01-01", compensation: { basis: "SALARY", amount: { amount: "92000.00", currency: "USD" } } });
    const fields = "id title client { id name } currentCompensation { id effectiveFrom amount { amount currency } }";
    type Engagement = { id: string; title: string; client: { id: string; name: string }; currentCompensation: { id: string; effectiveFrom: string; amount: { amount: string } } };
    const page = await t.gql(
      `query ($clientId: ID!) { workers(clientId: $clientId, first: 10) { nodes { engagements(first: 5) { nodes { ${fields} } } } } }`,
      { clientId: other },
      operator,
    );
    expect(page.errors).toBeUndefined();
    const engagements = (page.data as { workers: { nodes: { engagements: { nodes: Engagement[] } }[] } }).workers.nodes.flatMap((w) => w.engagements.nodes);
    expect(engagements.map((e) => [e.title, e.currentCompensation.amount.amount, e.currentCompensation.effectiveFrom]).sort()).toEqual([
      ["Pending", "92000.00", "2099-01-01"],
      ["Started", "81000.00", "2025-01-01"],
    ]);
    for (const engagement of engagements) {
      // The same engagement by id resolves `client` and `currentCompensation` through their own loaders.
      const alone = await t.gql(`query ($id: ID!) { node(id: $id) { ... on Engagement { ${fields} } } }`, { id: engagement.id }, operator);
      expect((alone.data as { node: Engagement }).node).toEqual(engagement);
      expect(engagement.client.id).toBe(other);
      expect(engagement.client.name).toMatch(/^dl-current/);
    }
  });
});
