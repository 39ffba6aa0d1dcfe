import "reflect-metadata";
import type { VariablesOf } from "@graphql-typed-document-node/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { startTestServer, dataOf, errorCodes, unique, type TestServer } from "../support/server";
import { newClient } from "../support/factories";
import {
  ClientWorkersDocument,
  ClientsWithWorkersDocument,
  CreateWorkerBasicDocument,
  CreateWorkerDocument,
  UpdateWorkerDocument,
  WorkerByExternalIdDocument,
  WorkerNodeDocument,
  WorkerPiiDocument,
  WorkersDocument,
  type CreateWorkerInput,
} from "../generated/graphql";
import { workers } from "../../src/modules/workers/worker.table";
import { events } from "../../src/modules/events/event.table";
import { toGlobalId } from "../../src/shared/global-id";
import { testPiiCipher } from "../support/pii";
import { openTaxId } from "../../src/modules/workers/worker-tax-id";

/**
 * Workers over a real server and database: createWorker / updateWorker with every userError, PII per field,
 * queries with filters and both paging directions, and cross-tenant isolation (CLIENT tokens of two clients).
 */
let t: TestServer;
let operator: string;
let clientA: string;
let clientB: string;
let tokenA: string;
let tokenB: string;
let tokenANoPii: string;

const usd = (amount: string) => ({ amount, currency: "USD" as const });
const cad = (amount: string) => ({ amount, currency: "CAD" as const });
const RANDOM_WORKER_ID = toGlobalId("Worker", "01890000-0000-7000-8000-000000000000");

function workerInput(overrides: Partial<CreateWorkerInput> = {}): CreateWorkerInput {
  return {
    clientId: clientA,
    externalId: unique("w"),
    legalFirstName: "Ada",
    legalLastName: "Lovelace",
    email: "ada@example.com",
    homeJurisdiction: "US-CA",
    ...overrides,
  };
}

async function createWorker(overrides: Partial<CreateWorkerInput> = {}, token = tokenA) {
  const res = dataOf(await t.gql(CreateWorkerBasicDocument, { input: workerInput(overrides) }, token));
  expect(res.createWorker.userErrors).toEqual([]);
  return res.createWorker.worker!;
}

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
  clientA = await newClient(t, "workers-a");
  clientB = await newClient(t, "workers-b");
  tokenA = await t.token("CLIENT", { clients: [clientA] });
  tokenB = await t.token("CLIENT", { clients: [clientB] });
  tokenANoPii = await t.token("CLIENT", { clients: [clientA], scopes: ["workers:read", "workers:write", "clients:read"] });
});
afterAll(() => t.stop());

describe("createWorker", () => {
  it("creates a worker with PII, W-4 and TD1 elections; only the last four digits of the tax id come back", async () => {
    const externalId = unique("w");
    const res = dataOf(
      await t.gql(
        CreateWorkerDocument,
        {
          input: workerInput({
            externalId,
            preferredName: "  Countess ",
            taxId: "123-45 6789",
            withholding: {
              w4: { filingStatus: "MARRIED_FILING_JOINTLY", multipleJobs: true, dependentsAmount: usd("4000"), extraWithholding: usd("25.50") },
              td1: { federalClaimAmount: cad("16129.00") },
              cppExempt: true,
            },
          }),
        },
        tokenA,
      ),
    );
    expect(res.createWorker.userErrors).toEqual([]);
    const w = res.createWorker.worker!;
    expect(w).toMatchObject({
      externalId,
      legalFirstName: "Ada",
      legalLastName: "Lovelace",
      preferredName: "Countess",
      displayName: "Countess Lovelace",
      homeJurisdiction: "US-CA",
      status: "ACTIVE",
      version: 1,
      client: { id: clientA },
      email: "ada@example.com",
      taxIdLast4: "6789",
      withholding: {
        w4: {
          filingStatus: "MARRIED_FILING_JOINTLY",
          multipleJobs: true,
          dependentsAmount: { amount: "4000.00", currency: "USD" },
          otherIncome: { amount: "0.00", currency: "USD" },
          deductions: { amount: "0.00", currency: "USD" },
          extraWithholding: { amount: "25.50", currency: "USD" },
        },
        td1: { federalClaimAmount: { amount: "16129.00", currency: "CAD" }, provincialClaimAmount: null },
        cppExempt: true,
        eiExempt: false,
      },
    });

    // Stored encrypted under the current key (decrypting gives the digits); the graph has no field that could
    // return it; the audit event holds neither it nor the names, only which personal fields were set.
    const uuid = Buffer.from(w.id, "base64url").toString().split(":")[1];
    const [stored] = await t.database.db.select().from(workers).where(eq(workers.id, uuid));
    expect(JSON.stringify(stored)).not.toMatch(/123456789|6789/);
    expect(testPiiCipher().keyIdOf(stored.taxIdEncrypted!)).toBe(testPiiCipher().currentKeyId);
    expect(openTaxId(testPiiCipher(), { id: uuid, taxIdEncrypted: stored.taxIdEncrypted! })).toBe("123456789");
    expect(stored.taxIdHmac).toEqual(expect.any(String));
    const introspection = dataOf(await t.gql<{ __type: { fields: { name: string }[] } }, undefined>(`{ __type(name: "Worker") { fields { name } } }`, undefined, tokenA));
    expect(introspection.__type.fields.map((f) => f.name)).not.toContain("taxId");
    const recorded = await t.database.db.select().from(events).where(eq(events.objectId, uuid));
    expect(recorded.map((e) => e.type)).toEqual(["worker.created"]);
    expect(JSON.stringify(recorded)).not.toMatch(/6789|Lovelace|Ada|Countess|ada@example|US-CA|MARRIED/);
    expect(recorded[0].before).toBeNull();
    expect(recorded[0].after).toEqual({
      externalId,
      status: "ACTIVE",
      version: 1,
      taxIdOnFile: true,
      changed: ["legalFirstName", "legalLastName", "preferredName", "email", "homeJurisdiction", "taxId", "withholding"],
    });
  });

  it("shows the legal first name when there is no preferred name, and null withholding parts when none were given", async () => {
    const res = dataOf(await t.gql(CreateWorkerDocument, { input: workerInput({ legalFirstName: "Grace", legalLastName: "Hopper" }) }, tokenA));
    expect(res.createWorker.worker).toMatchObject({
      displayName: "Grace Hopper",
      preferredName: null,
      taxIdLast4: null,
      withholding: { w4: null, td1: null, cppExempt: false, eiExempt: false },
    });
  });

  it("returns every input mistake as a userError with its field path", async () => {
    const res = dataOf(
      await t.gql(
        CreateWorkerBasicDocument,
        {
          input: workerInput({
            externalId: "x".repeat(101),
            legalFirstName: "   ",
            legalLastName: "L".repeat(101),
            preferredName: "P".repeat(101),
            email: "not-an-email",
            homeJurisdiction: "US-ZZ",
            taxId: "12345",
            withholding: {
              w4: { filingStatus: "SINGLE", deductions: cad("10.00"), otherIncome: usd("1.234") },
              td1: { provincialClaimAmount: usd("100.00"), federalClaimAmount: cad("999999999999999") },
            },
          }),
        },
        tokenA,
      ),
    );
    expect(res.createWorker.worker).toBeNull();
    const byField = Object.fromEntries(res.createWorker.userErrors.map((e) => [e.field.join("."), e.code]));
    expect(byField).toEqual({
      "input.externalId": "TOO_LONG",
      "input.legalFirstName": "INVALID_INPUT",
      "input.legalLastName": "TOO_LONG",
      "input.preferredName": "TOO_LONG",
      "input.email": "INVALID_EMAIL",
      "input.homeJurisdiction": "INVALID_JURISDICTION",
      "input.taxId": "INVALID_INPUT",
      "input.withholding.w4.deductions.currency": "CURRENCY_MISMATCH",
      "input.withholding.w4.otherIncome.amount": "INVALID_AMOUNT",
      "input.withholding.td1.provincialClaimAmount.currency": "CURRENCY_MISMATCH",
      "input.withholding.td1.federalClaimAmount.amount": "INVALID_AMOUNT",
    });
    // The tax id is never echoed back, not even in an error message.
    expect(JSON.stringify(res)).not.toContain("12345");
  });

  it("refuses an overlong email as TOO_LONG", async () => {
    const res = dataOf(await t.gql(CreateWorkerBasicDocument, { input: workerInput({ email: `${"a".repeat(250)}@example.com` }) }, tokenA));
    expect(res.createWorker.userErrors.map((e) => [e.field, e.code])).toEqual([[["input", "email"], "TOO_LONG"]]);
  });

  it("answers an amount beyond the Decimal scalar's 15 digits with BAD_USER_INPUT, never INTERNAL_SERVER_ERROR", async () => {
    const res = await t.gql(
      CreateWorkerBasicDocument,
      { input: workerInput({ withholding: { w4: { filingStatus: "SINGLE", dependentsAmount: usd("99999999999999999") } } }) },
      tokenA,
    );
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  });

  it("refuses a malformed or wrong-type clientId with INVALID_ID and another tenant's client with NOT_FOUND", async () => {
    for (const clientId of ["nope", RANDOM_WORKER_ID]) {
      const res = dataOf(await t.gql(CreateWorkerBasicDocument, { input: workerInput({ clientId }) }, tokenA));
      expect(res.createWorker.userErrors.map((e) => [e.field, e.code])).toEqual([[["input", "clientId"], "INVALID_ID"]]);
    }
    const other = dataOf(await t.gql(CreateWorkerBasicDocument, { input: workerInput({ clientId: clientB }) }, tokenA));
    expect(other.createWorker.userErrors.map((e) => [e.field, e.code])).toEqual([[["input", "clientId"], "NOT_FOUND"]]);
    const missing = dataOf(await t.gql(CreateWorkerBasicDocument, { input: workerInput({ clientId: toGlobalId("Client", "01890000-0000-7000-8000-000000000000") }) }, operator));
    expect(missing.createWorker.userErrors.map((e) => e.code)).toEqual(["NOT_FOUND"]);
  });

  it("refuses a duplicate externalId within the client, also when two requests race", async () => {
    const externalId = unique("dup");
    await createWorker({ externalId });
    const dup = dataOf(await t.gql(CreateWorkerBasicDocument, { input: workerInput({ externalId }) }, tokenA));
    expect(dup.createWorker.userErrors.map((e) => [e.field, e.code])).toEqual([[["input", "externalId"], "DUPLICATE_EXTERNAL_ID"]]);
    // The same externalId in another client is fine.
    await createWorker({ clientId: clientB, externalId }, tokenB);

    const raced = unique("race");
    const results = await Promise.all([1, 2, 3].map(() => t.gql(CreateWorkerBasicDocument, { input: workerInput({ externalId: raced }) }, tokenA)));
    const payloads = results.map((r) => dataOf(r).createWorker);
    expect(payloads.filter((p) => p.worker !== null)).toHaveLength(1);
    expect(payloads.flatMap((p) => p.userErrors.map((e) => e.code))).toEqual(["DUPLICATE_EXTERNAL_ID", "DUPLICATE_EXTERNAL_ID"]);
  });

  it("needs the workers:write scope", async () => {
    const readOnly = await t.token("CLIENT", { clients: [clientA], scopes: ["workers:read"] });
    expect(errorCodes(await t.gql(CreateWorkerBasicDocument, { input: workerInput() }, readOnly))).toEqual(["FORBIDDEN"]);
  });
});

describe("updateWorker", () => {
  it("changes fields and withholding, bumps the version and records before/after without the tax id", async () => {
    const created = dataOf(
      await t.gql(
        CreateWorkerDocument,
        { input: workerInput({ taxId: "987654321", withholding: { w4: { filingStatus: "SINGLE" }, td1: { federalClaimAmount: cad("100") } } }) },
        tokenA,
      ),
    ).createWorker.worker!;
    const res = dataOf(
      await t.gql(
        UpdateWorkerDocument,
        {
          input: {
            id: created.id,
            expectedVersion: 1,
            preferredName: "Addy",
            email: "addy@example.com",
            homeJurisdiction: "CA-QC",
            taxId: "111 222 333",
            withholding: { w4: null, td1: { provincialClaimAmount: cad("18056.00") }, eiExempt: true },
          },
        },
        tokenA,
      ),
    );
    expect(res.updateWorker.userErrors).toEqual([]);
    expect(res.updateWorker.worker).toMatchObject({
      version: 2,
      displayName: "Addy Lovelace",
      legalFirstName: "Ada",
      email: "addy@example.com",
      homeJurisdiction: "CA-QC",
      taxIdLast4: "2333",
      withholding: { w4: null, td1: { federalClaimAmount: null, provincialClaimAmount: { amount: "18056.00", currency: "CAD" } }, cppExempt: false, eiExempt: true },
    });
    expect(new Date(res.updateWorker.worker!.updatedAt).getTime()).toBeGreaterThan(new Date(created.updatedAt).getTime());

    const uuid = Buffer.from(created.id, "base64url").toString().split(":")[1];
    const recorded = await t.database.db.select().from(events).where(eq(events.objectId, uuid));
    const updated = recorded.find((e) => e.type === "worker.updated")!;
    // Only markers of what changed: no names, email, jurisdiction, tax id or elections in the append-only log.
    expect(updated.before).toEqual({ externalId: expect.any(String), status: "ACTIVE", version: 1, taxIdOnFile: true });
    expect(updated.after).toEqual({
      externalId: expect.any(String),
      status: "ACTIVE",
      version: 2,
      taxIdOnFile: true,
      changed: ["preferredName", "email", "homeJurisdiction", "taxId", "withholding"],
    });
    expect(updated.actorKind).toBe("CLIENT");
    expect(JSON.stringify(recorded)).not.toMatch(/987654321|111222333|2333|4321|Addy|addy@|ada@|CA-QC|18056|1805600/);

    // Clearing an optional field with null; omitted fields stay.
    const cleared = dataOf(await t.gql(UpdateWorkerDocument, { input: { id: created.id, expectedVersion: 2, preferredName: null, taxId: null } }, tokenA));
    expect(cleared.updateWorker.worker).toMatchObject({ version: 3, preferredName: null, displayName: "Ada Lovelace", taxIdLast4: null, email: "addy@example.com" });
  });

  it("refuses a stale expectedVersion with STALE_VERSION (optimistic lock), and concurrent updates with the same version", async () => {
    const w = await createWorker();
    const ok = dataOf(await t.gql(UpdateWorkerDocument, { input: { id: w.id, expectedVersion: 1, legalLastName: "Byron" } }, tokenA));
    expect(ok.updateWorker.worker?.version).toBe(2);
    const stale = dataOf(await t.gql(UpdateWorkerDocument, { input: { id: w.id, expectedVersion: 1, legalLastName: "King" } }, tokenA));
    expect(stale.updateWorker.worker).toBeNull();
    expect(stale.updateWorker.userErrors.map((e) => [e.field, e.code])).toEqual([[["input", "expectedVersion"], "STALE_VERSION"]]);

    const raced = await Promise.all(["One", "Two"].map((name) => t.gql(UpdateWorkerDocument, { input: { id: w.id, expectedVersion: 2, legalLastName: name } }, tokenA)));
    const payloads = raced.map((r) => dataOf(r).updateWorker);
    expect(payloads.filter((p) => p.worker !== null).map((p) => p.worker!.version)).toEqual([3]);
    expect(payloads.flatMap((p) => p.userErrors.map((e) => e.code))).toEqual(["STALE_VERSION"]);
  });

  it("returns input mistakes as userErrors and refuses removing required fields", async () => {
    const w = await createWorker();
    const res = dataOf(
      await t.gql(
        UpdateWorkerDocument,
        { input: { id: w.id, expectedVersion: 1, legalFirstName: null, email: "bad", homeJurisdiction: "CA", taxId: "1234567890123456789012345", legalLastName: "x".repeat(500) } },
        tokenA,
      ),
    );
    expect(Object.fromEntries(res.updateWorker.userErrors.map((e) => [e.field.join("."), e.code]))).toEqual({
      "input.legalFirstName": "INVALID_INPUT",
      "input.legalLastName": "TOO_LONG",
      "input.email": "INVALID_EMAIL",
      "input.homeJurisdiction": "INVALID_JURISDICTION",
      "input.taxId": "INVALID_INPUT",
    });
    const removed = dataOf(await t.gql(UpdateWorkerDocument, { input: { id: w.id, expectedVersion: 1, email: null, homeJurisdiction: null } }, tokenA));
    expect(removed.updateWorker.userErrors.map((e) => e.code)).toEqual(["INVALID_INPUT", "INVALID_INPUT"]);
  });

  it("refuses an externalId another worker of the client uses", async () => {
    const taken = unique("taken");
    await createWorker({ externalId: taken });
    const w = await createWorker();
    const res = dataOf(await t.gql(UpdateWorkerDocument, { input: { id: w.id, expectedVersion: 1, externalId: taken } }, tokenA));
    expect(res.updateWorker.userErrors.map((e) => [e.field, e.code])).toEqual([[["input", "externalId"], "DUPLICATE_EXTERNAL_ID"]]);
  });

  it("answers malformed or wrong-type ids with INVALID_ID and missing or other-tenant workers with NOT_FOUND", async () => {
    const w = await createWorker();
    for (const id of ["%%%", clientA]) {
      const res = dataOf(await t.gql(UpdateWorkerDocument, { input: { id, expectedVersion: 1 } }, tokenA));
      expect(res.updateWorker.userErrors.map((e) => [e.field, e.code])).toEqual([[["input", "id"], "INVALID_ID"]]);
    }
    for (const [id, token] of [
      [RANDOM_WORKER_ID, tokenA],
      [w.id, tokenB],
    ]) {
      const res = dataOf(await t.gql(UpdateWorkerDocument, { input: { id, expectedVersion: 1, legalLastName: "Hacked" } }, token));
      expect(res.updateWorker.userErrors.map((e) => [e.field, e.code])).toEqual([[["input", "id"], "NOT_FOUND"]]);
    }
    const after = dataOf(await t.gql(WorkerNodeDocument, { id: w.id }, tokenA)).node;
    expect(after).toMatchObject({ legalLastName: "Lovelace", version: 1 });
  });

  it("needs the workers:write scope", async () => {
    const w = await createWorker();
    const readOnly = await t.token("CLIENT", { clients: [clientA], scopes: ["workers:read"] });
    expect(errorCodes(await t.gql(UpdateWorkerDocument, { input: { id: w.id, expectedVersion: 1 } }, readOnly))).toEqual(["FORBIDDEN"]);
  });
});

describe("PII fields", () => {
  it("need pii:read each: without it email, taxIdLast4 and withholding are null with FORBIDDEN, the rest resolves", async () => {
    const w = dataOf(await t.gql(CreateWorkerDocument, { input: workerInput({ taxId: "223-45-6789", withholding: { cppExempt: true } }) }, tokenA)).createWorker.worker!;
    const res = await t.gql(WorkerPiiDocument, { id: w.id }, tokenANoPii);
    expect(res.data?.node).toEqual({ id: w.id, displayName: "Ada Lovelace", email: null, taxIdLast4: null, withholding: null });
    const forbidden = (res.errors ?? []).map((e) => [e.path?.join("."), e.extensions?.code]);
    expect(forbidden.sort()).toEqual([
      ["node.email", "FORBIDDEN"],
      ["node.taxIdLast4", "FORBIDDEN"],
      ["node.withholding", "FORBIDDEN"],
    ]);

    const withPii = dataOf(await t.gql(WorkerPiiDocument, { id: w.id }, tokenA)).node;
    expect(withPii).toMatchObject({ email: "ada@example.com", taxIdLast4: "6789", withholding: { cppExempt: true } });
  });

  it("also apply inside mutation payloads", async () => {
    const res = await t.gql(CreateWorkerDocument, { input: workerInput() }, tokenANoPii);
    expect(res.data?.createWorker.worker).toMatchObject({ displayName: "Ada Lovelace", email: null });
    expect(errorCodes(res)).toEqual(["FORBIDDEN", "FORBIDDEN", "FORBIDDEN"]);
  });
});

describe("workers queries", () => {
  let pagingClient: string;
  let ids: string[];

  beforeAll(async () => {
    pagingClient = await newClient(t, "workers-paging");
    ids = [];
    for (const [i, home] of ["US-NY", "US-TX", "US-NY", "CA-ON", "US-NY"].entries()) {
      ids.push((await createWorker({ clientId: pagingClient, homeJurisdiction: home, externalId: `pg-${i}` }, operator)).id);
    }
  });

  it("pages forward and backward over creation order with totalCount", async () => {
    const first = dataOf(await t.gql(WorkersDocument, { clientId: pagingClient, first: 2 }, operator)).workers;
    expect(first.totalCount).toBe(5);
    expect(first.edges.map((e) => e.node.id)).toEqual(ids.slice(0, 2));
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = dataOf(await t.gql(WorkersDocument, { clientId: pagingClient, first: 2, after: first.pageInfo.endCursor }, operator)).workers;
    expect(second.edges.map((e) => e.node.id)).toEqual(ids.slice(2, 4));
    const third = dataOf(await t.gql(WorkersDocument, { clientId: pagingClient, first: 2, after: second.pageInfo.endCursor }, operator)).workers;
    expect(third.edges.map((e) => e.node.id)).toEqual(ids.slice(4));
    expect(third.pageInfo.hasNextPage).toBe(false);

    const last = dataOf(await t.gql(WorkersDocument, { clientId: pagingClient, last: 2 }, operator)).workers;
    expect(last.edges.map((e) => e.node.id)).toEqual(ids.slice(3));
    expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = dataOf(await t.gql(WorkersDocument, { clientId: pagingClient, last: 2, before: last.pageInfo.startCursor }, operator)).workers;
    expect(before.edges.map((e) => e.node.id)).toEqual(ids.slice(1, 3));
    expect(before.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });

  it("filters by status, home jurisdiction and updatedSince", async () => {
    const ny = dataOf(await t.gql(WorkersDocument, { clientId: pagingClient, homeJurisdiction: "US-NY" }, operator)).workers;
    expect(ny.edges.map((e) => e.node.id)).toEqual([ids[0], ids[2], ids[4]]);
    expect(ny.totalCount).toBe(3);

    const updated = dataOf(await t.gql(UpdateWorkerDocument, { input: { id: ids[1], expectedVersion: 1, status: "INACTIVE" } }, operator)).updateWorker.worker!;
    const inactive = dataOf(await t.gql(WorkersDocument, { clientId: pagingClient, status: "INACTIVE" }, operator)).workers;
    expect(inactive.edges.map((e) => e.node.id)).toEqual([ids[1]]);
    const active = dataOf(await t.gql(WorkersDocument, { clientId: pagingClient, status: "ACTIVE" }, operator)).workers;
    expect(active.totalCount).toBe(4);

    const since = dataOf(await t.gql(WorkersDocument, { clientId: pagingClient, updatedSince: updated.updatedAt }, operator)).workers;
    expect(since.edges.map((e) => e.node.id)).toEqual([ids[1]]);
    const future = dataOf(await t.gql(WorkersDocument, { clientId: pagingClient, updatedSince: "2999-01-01T00:00:00Z" }, operator)).workers;
    expect(future.totalCount).toBe(0);
  });

  it("refuses bad arguments with BAD_USER_INPUT", async () => {
    expect(errorCodes(await t.gql(WorkersDocument, { clientId: "garbage" }, operator))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await t.gql(WorkersDocument, { clientId: ids[0] }, operator))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await t.gql(WorkersDocument, { homeJurisdiction: "Narnia" }, operator))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await t.gql(WorkersDocument, { first: 101 }, operator))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await t.gql(WorkersDocument, { updatedSince: "yesterday" }, operator))).toEqual(["BAD_USER_INPUT"]);
  });

  it("finds a worker by the integrator's externalId, null when absent, overlong or another tenant's", async () => {
    const found = dataOf(await t.gql(WorkerByExternalIdDocument, { clientId: pagingClient, externalId: "pg-3" }, operator)).workerByExternalId;
    expect(found).toMatchObject({ id: ids[3], externalId: "pg-3" });
    expect(dataOf(await t.gql(WorkerByExternalIdDocument, { clientId: pagingClient, externalId: "nope" }, operator)).workerByExternalId).toBeNull();
    expect(dataOf(await t.gql(WorkerByExternalIdDocument, { clientId: pagingClient, externalId: "x".repeat(5000) }, operator)).workerByExternalId).toBeNull();
    expect(dataOf(await t.gql(WorkerByExternalIdDocument, { clientId: pagingClient, externalId: "pg-3" }, tokenB)).workerByExternalId).toBeNull();
    expect(errorCodes(await t.gql(WorkerByExternalIdDocument, { clientId: "bad", externalId: "pg-3" }, operator))).toEqual(["BAD_USER_INPUT"]);
  });

  it("pages Client.workers, batched for every client of a page", async () => {
    const clientWorkers = async (variables: VariablesOf<typeof ClientWorkersDocument>) => {
      const node = dataOf(await t.gql(ClientWorkersDocument, variables, operator)).node;
      if (!node || !("workers" in node)) throw new Error("not a client");
      return node.workers;
    };
    const page1 = await clientWorkers({ id: pagingClient, first: 3 });
    expect(page1!.totalCount).toBe(5);
    expect(page1!.nodes.map((n) => n.id)).toEqual(ids.slice(0, 3));
    const page2 = await clientWorkers({ id: pagingClient, first: 3, after: page1!.pageInfo.endCursor });
    expect(page2!.nodes.map((n) => n.id)).toEqual(ids.slice(3));
    expect(page2!.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = await clientWorkers({ id: pagingClient, last: 2, before: page1!.pageInfo.endCursor });
    expect(back!.nodes.map((n) => n.id)).toEqual(ids.slice(0, 2));
    expect(back!.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const inactive = await clientWorkers({ id: pagingClient, status: "INACTIVE" });
    expect(inactive!.nodes.map((n) => n.id)).toEqual([ids[1]]);
    expect(inactive!.totalCount).toBe(1);

    // A partner of three clients: every client's first two workers, in one statement for all three.
    const partner = await t.token("PARTNER", { clients: [clientA, clientB, pagingClient] });
    const many = dataOf(await t.gql(ClientsWithWorkersDocument, {}, partner)).clients.nodes;
    expect(many.map((c) => c.id).sort()).toEqual([clientA, clientB, pagingClient].sort());
    const mine = many.find((c) => c.id === pagingClient)!;
    expect(mine.workers!.totalCount).toBe(5);
    expect(mine.workers!.nodes.map((n) => n.id)).toEqual(ids.slice(0, 2));
    for (const c of many) for (const w of c.workers!.nodes) expect(w.client!.id).toBe(c.id);
  });

  it("needs workers:read", async () => {
    const noWorkers = await t.token("CLIENT", { clients: [clientA], scopes: ["clients:read"] });
    expect(errorCodes(await t.gql(WorkersDocument, {}, noWorkers))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await t.gql(WorkerNodeDocument, { id: ids[0] }, noWorkers))).toEqual(["FORBIDDEN"]);
  });
});

describe("cross-tenant reads", () => {
  it("give another client's token null from node(), an empty connection and nothing by externalId", async () => {
    const externalId = unique("secret");
    const w = await createWorker({ externalId });
    expect(dataOf(await t.gql(WorkerNodeDocument, { id: w.id }, tokenA)).node).toMatchObject({ id: w.id });
    expect(dataOf(await t.gql(WorkerNodeDocument, { id: w.id }, tokenB)).node).toBeNull();
    expect(dataOf(await t.gql(WorkerPiiDocument, { id: w.id }, tokenB)).node).toBeNull();

    const conn = dataOf(await t.gql(WorkersDocument, { clientId: clientA }, tokenB)).workers;
    expect(conn).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false } });
    const all = dataOf(await t.gql(WorkersDocument, { first: 100 }, tokenB)).workers;
    expect(all.edges.map((e) => e.node.id)).not.toContain(w.id);
    expect(dataOf(await t.gql(WorkerByExternalIdDocument, { clientId: clientA, externalId }, tokenB)).workerByExternalId).toBeNull();
    expect(dataOf(await t.gql(ClientWorkersDocument, { id: clientA }, tokenB)).node).toBeNull();

    const partner = await t.token("PARTNER", { clients: [clientB] });
    expect(dataOf(await t.gql(WorkerNodeDocument, { id: w.id }, partner)).node).toBeNull();
  });

  it("answers a malformed node id with BAD_USER_INPUT and a missing worker with null", async () => {
    expect(errorCodes(await t.gql(WorkerNodeDocument, { id: "!!" }, tokenA))).toEqual(["BAD_USER_INPUT"]);
    expect(dataOf(await t.gql(WorkerNodeDocument, { id: RANDOM_WORKER_ID }, tokenA)).node).toBeNull();
  });
});
