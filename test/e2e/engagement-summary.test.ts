import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getNamedType, isLeafType, isObjectType, type GraphQLObjectType } from "graphql";
import { startTestServer, dataOf, type TestServer } from "../support/server";
import { hire, newClient, newWorker } from "../support/factories";
import { createSchema } from "../../src/schema";
import { ENGAGEMENT_PAGE_SUMMARY } from "../../src/modules/engagements/engagement.type";

/**
 * A page of a worker's engagements reads only the summary columns of each part (engagement, client, current
 * compensation) when its selection reads only summary fields (engagement.type.ts `ENGAGEMENT_PAGE_SUMMARY`). Each
 * of those fields, read through such a page, must answer exactly what the same object read whole answers: the
 * root `engagements` list (every column, the relations through their loaders) is the reference. The fixture has an
 * active engagement with a raise (two compensations), one not started yet and one ended, with and without
 * external ids. And a summary never reaches a loader: another path to the same client in the same request reads it
 * whole.
 */
let t: TestServer;
let operator: string;
let clientId: string;

/**
 * A selection of `names` on `type`: a leaf as itself, an object as its id (or, without one, its leaves: Money).
 */
function selectionOf(type: GraphQLObjectType, names: Iterable<string>): string {
  const fields = type.getFields();
  return [...names]
    .map((name) => {
      if (name === "__typename") return name;
      const field = fields[name];
      expect(field, `${type.name}.${name}`).toBeDefined();
      const named = getNamedType(field.type);
      if (isLeafType(named)) return name;
      if (!isObjectType(named)) throw new Error(`${type.name}.${name}: not an object`);
      const inner = named.getFields().id
        ? ["id"]
        : Object.values(named.getFields())
            .filter((f) => isLeafType(getNamedType(f.type)))
            .map((f) => f.name);
      return `${name} { ${inner.join(" ")} }`;
    })
    .join(" ");
}

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
  clientId = await newClient(t, "summary", { externalId: "summary-client" });
  const worker = async (n: number) => (await newWorker(t, clientId, { legalFirstName: "Summary", legalLastName: `No${n}`, email: `summary${n}@example.com` })).id;
  const raised = await hire(t, await worker(1), { title: "Analyst", externalId: "sum-1", startDate: "2026-01-05" });
  const raise = dataOf(
    await t.gql<{ changeCompensation: { userErrors: unknown[] } }, object>(
      `mutation($input: ChangeCompensationInput!) { changeCompensation(input: $input) { userErrors { code message } } }`,
      { input: { engagementId: raised.id, basis: "SALARY", amount: { amount: "91000.00", currency: "USD" }, effectiveFrom: "2026-06-01", reason: "annual raise" } },
      operator,
    ),
  );
  expect(raise.changeCompensation.userErrors).toEqual([]);
  await hire(t, await worker(2), {
    title: "Designer",
    workJurisdiction: "US-CA",
    startDate: "2099-03-01",
    compensation: { basis: "HOURLY", amount: { amount: "55.00", currency: "USD" } },
  });
  const ended = await hire(t, await worker(3), { title: "Engineer", externalId: "sum-3", startDate: "2026-01-05" });
  const end = dataOf(
    await t.gql<{ endEngagement: { userErrors: unknown[] } }, object>(
      `mutation($input: EndEngagementInput!) { endEngagement(input: $input) { userErrors { code message } } }`,
      { input: { engagementId: ended.id, endDate: "2026-03-31", reason: "project over", terminationReason: "END_OF_CONTRACT" } },
      operator,
    ),
  );
  expect(end.endEngagement.userErrors).toEqual([]);
}, 120_000);
afterAll(() => t.stop());

type Json = Record<string, unknown>;

/** Each engagement of the client by id, with `selection`: through the workers' pages, and through the root list. */
async function bothWays(selection: string) {
  const page = dataOf(
    await t.gql<Json, Json>(
      `query($clientId: ID!) { workers(first: 3, clientId: $clientId) { nodes { engagements(first: 2) { nodes { id ${selection} } } } } }`,
      { clientId },
      operator,
    ),
  ) as { workers: { nodes: { engagements: { nodes: Json[] } }[] } };
  const whole = dataOf(await t.gql<Json, Json>(`query($clientId: ID!) { engagements(first: 10, clientId: $clientId) { nodes { id ${selection} } } }`, { clientId }, operator)) as {
    engagements: { nodes: Json[] };
  };
  const byId = (nodes: Json[]) => Object.fromEntries(nodes.map((n) => [n.id as string, n]));
  return { summary: byId(page.workers.nodes.flatMap((w) => w.engagements.nodes)), whole: byId(whole.engagements.nodes) };
}

describe("a page of a worker's engagements read as a summary", () => {
  it("answers every summary field as the engagement read whole", async () => {
    const schema = await createSchema();
    const type = (name: string) => schema.getType(name) as GraphQLObjectType;
    // Every summary field of the engagement, alone; its client and current compensation with every summary field
    // of theirs (each part's summary is decided by its own selection).
    const selections = [...ENGAGEMENT_PAGE_SUMMARY.engagement].map((name) => {
      if (name === "client") return `client { ${selectionOf(type("Client"), ENGAGEMENT_PAGE_SUMMARY.client)} }`;
      if (name === "currentCompensation") return `currentCompensation { ${selectionOf(type("Compensation"), ENGAGEMENT_PAGE_SUMMARY.currentCompensation)} }`;
      return selectionOf(type("Engagement"), [name]);
    });
    for (const selection of selections) {
      const { summary, whole } = await bothWays(selection);
      expect(Object.keys(summary).sort(), selection).toEqual(Object.keys(whole).sort());
      expect(Object.keys(summary)).toHaveLength(3);
      expect(summary, selection).toEqual(whole);
    }
    const { summary, whole } = await bothWays(selections.join(" "));
    expect(summary).toEqual(whole);
    const statuses = Object.values(summary).map((e) => e.status);
    expect(statuses.sort()).toEqual(["ACTIVE", "ENDED", "PENDING"]);
    const amounts = Object.values(summary).map((e) => (e.currentCompensation as { amount: { amount: string } }).amount.amount);
    expect(amounts.sort()).toEqual(["55.00", "78000.00", "91000.00"]);
  });

  it("reads a part whole when the selection asks for more, with the same answers", async () => {
    for (const selection of [
      "version createdAt updatedAt classification employmentModel endReason terminationReason exempt",
      "title client { createdAt updatedAt version name }",
      "currentCompensation { reason createdAt effectiveFrom }",
      "status paySchedule { id }",
    ]) {
      const { summary, whole } = await bothWays(selection);
      expect(Object.keys(summary)).toHaveLength(3);
      expect(summary, selection).toEqual(whole);
    }
  });

  it("never primes a loader with a summary: another path to the client in the same request reads it whole", async () => {
    const reference = dataOf(await t.gql<Json, Json>(`query($id: ID!) { node(id: $id) { ... on Client { name createdAt version } } }`, { id: clientId }, operator)) as {
      node: Json;
    };
    expect(reference.node.createdAt).toEqual(expect.any(String));
    const both = dataOf(
      await t.gql<Json, Json>(
        `query($clientId: ID!) {
          workers(first: 10, clientId: $clientId) { nodes { engagements(first: 5) { nodes { client { id name } currentCompensation { id } } } } }
          node(id: $clientId) { ... on Client { name createdAt version } }
        }`,
        { clientId },
        operator,
      ),
    ) as { node: Json };
    expect(both.node).toEqual(reference.node);
  });
});
