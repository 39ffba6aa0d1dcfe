import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, dataOf, errorCodes, unique, type TestServer } from "../support/server";
import { CreateClientDocument, ClientsDocument, ViewerDocument } from "../generated/graphql";

let t: TestServer;
let operator: string;

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
});
afterAll(() => t.stop());

describe("createClient", () => {
  it("creates a client with its legal entities", async () => {
    const externalId = unique("ext");
    const res = dataOf(await t.gql(CreateClientDocument, { input: { name: "Globex", externalId, legalEntityJurisdictions: ["US", "US-CA"] } }, operator));
    expect(res.createClient.userErrors).toEqual([]);
    expect(res.createClient.client).toMatchObject({ name: "Globex", externalId, status: "ACTIVE", legalEntityJurisdictions: ["US", "US-CA"], version: 1 });
  });

  it("refuses a duplicate externalId, a blank name and an unknown jurisdiction as userErrors", async () => {
    const externalId = unique("ext");
    dataOf(await t.gql(CreateClientDocument, { input: { name: "First", externalId } }, operator));
    const dup = dataOf(await t.gql(CreateClientDocument, { input: { name: "Second", externalId } }, operator));
    expect(dup.createClient.client).toBeNull();
    expect(dup.createClient.userErrors).toEqual([{ field: ["input", "externalId"], code: "DUPLICATE_EXTERNAL_ID", message: expect.any(String) }]);

    const bad = dataOf(await t.gql(CreateClientDocument, { input: { name: " ", legalEntityJurisdictions: ["US-ZZ"] } }, operator));
    expect(bad.createClient.userErrors.map((e) => e.code).sort()).toEqual(["INVALID_INPUT", "INVALID_JURISDICTION"]);
  });

  it("is for OPERATOR callers only", async () => {
    const client = await t.token("PARTNER", { clients: [dataOf(await t.gql(ClientsDocument, { first: 1 }, operator)).clients.edges[0].node.id] });
    const res = await t.gql(CreateClientDocument, { input: { name: "Nope" } }, client);
    expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
  });
});

describe("clients connection", () => {
  it("pages forward and backward over the same stable order", async () => {
    const all = dataOf(await t.gql(ClientsDocument, { first: 100 }, operator)).clients;
    expect(all.totalCount).toBeGreaterThanOrEqual(2);
    const first = dataOf(await t.gql(ClientsDocument, { first: 1 }, operator)).clients;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = dataOf(await t.gql(ClientsDocument, { first: 1, after: first.pageInfo.endCursor }, operator)).clients;
    expect(second.edges[0].node.id).toBe(all.edges[1].node.id);
    const back = dataOf(await t.gql(ClientsDocument, { last: 1, before: second.pageInfo.startCursor }, operator)).clients;
    expect(back.edges[0].node.id).toBe(all.edges[0].node.id);
    expect(back.pageInfo.hasNextPage).toBe(true);
  });

  it("refuses first > 100 and a malformed cursor with BAD_USER_INPUT", async () => {
    expect(errorCodes(await t.gql(ClientsDocument, { first: 101 }, operator))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await t.gql(ClientsDocument, { first: 5, after: "not-a-cursor" }, operator))).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("viewer", () => {
  it("describes the caller", async () => {
    const v = dataOf(await t.gql(ViewerDocument, {}, operator)).viewer;
    expect(v).toMatchObject({ kind: "OPERATOR", allClients: true, accessibleClients: [] });
    expect(v.scopes).toContain("workers:read");
  });
});
