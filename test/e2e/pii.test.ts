import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startTestServer, dataOf, unique, type TestServer } from "../support/server";
import { newClient } from "../support/factories";
import { CreateWorkerBasicDocument, PiiUpdateWorkerTaxIdDocument, WorkersTaxIdLast4Document, WorkersWithoutTaxIdDocument, type CreateWorkerInput } from "../generated/graphql";
import type { Db } from "../../src/db/client";

/**
 * Tax ids at rest over a real server and database: `DUPLICATE_TAX_ID` (also under concurrency, where the unique
 * key decides), `taxIdLast4` decrypted in memory for a whole page, and a dump of every table after a create that
 * finds neither the tax id nor, in the events, the worker's name or email.
 */
let t: TestServer;
let operator: string;

function input(clientId: string, overrides: Partial<CreateWorkerInput> = {}): CreateWorkerInput {
  return { clientId, externalId: unique("pii"), legalFirstName: "Tax", legalLastName: "Payer", email: "tax.payer@example.com", homeJurisdiction: "US-NY", ...overrides };
}

async function create(clientId: string, overrides: Partial<CreateWorkerInput> = {}) {
  return dataOf(await t.gql(CreateWorkerBasicDocument, { input: input(clientId, overrides) }, operator)).createWorker;
}

/** Rows of a raw statement on either driver (postgres.js returns an array, PGlite `{ rows }`). */
async function rowsOf<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

/** Every row of every table of the database (all schemas but the catalogs), as Postgres prints it. */
async function dumpDatabase(db: Db): Promise<Map<string, string[]>> {
  const tables = await rowsOf<{ table_schema: string; table_name: string }>(
    db,
    sql`select table_schema, table_name from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2`,
  );
  const dump = new Map<string, string[]>();
  for (const { table_schema, table_name } of tables) {
    const rows = await rowsOf<{ row: string }>(db, sql`select t::text as row from ${sql.identifier(table_schema)}.${sql.identifier(table_name)} t`);
    dump.set(
      `${table_schema}.${table_name}`,
      rows.map((r) => r.row),
    );
  }
  return dump;
}

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
});
afterAll(() => t.stop());

describe("DUPLICATE_TAX_ID", () => {
  it("refuses a tax id another worker of the client has, in any spelling; another client may have it", async () => {
    const [clientId, otherClientId] = [await newClient(t, "pii-dup"), await newClient(t, "pii-dup-other")];
    expect((await create(clientId, { taxId: "123-45-6789" })).userErrors).toEqual([]);
    const again = await create(clientId, { taxId: "123 45 6789" });
    expect(again.worker).toBeNull();
    expect(again.userErrors).toEqual([{ field: ["input", "taxId"], code: "DUPLICATE_TAX_ID", message: expect.not.stringMatching(/6789/) }]);
    expect((await create(otherClientId, { taxId: "123456789" })).userErrors).toEqual([]);
  });

  it("refuses an update to a tax id another worker of the client has; the worker's own number again is fine", async () => {
    const clientId = await newClient(t, "pii-dup-update");
    await create(clientId, { taxId: "222334444" });
    const w = (await create(clientId, { taxId: "555667777" })).worker!;
    const taken = dataOf(await t.gql(PiiUpdateWorkerTaxIdDocument, { input: { id: w.id, expectedVersion: 1, taxId: "222-33-4444" } }, operator)).updateWorker;
    expect(taken.userErrors.map((e) => [e.field.join("."), e.code])).toEqual([["input.taxId", "DUPLICATE_TAX_ID"]]);
    const same = dataOf(await t.gql(PiiUpdateWorkerTaxIdDocument, { input: { id: w.id, expectedVersion: 1, taxId: "555 66 7777" } }, operator)).updateWorker;
    expect(same).toMatchObject({ userErrors: [], worker: { version: 2, taxIdLast4: "7777" } });
    // Removing it frees the number for another worker.
    dataOf(await t.gql(PiiUpdateWorkerTaxIdDocument, { input: { id: w.id, expectedVersion: 2, taxId: null } }, operator));
    expect((await create(clientId, { taxId: "555667777" })).userErrors).toEqual([]);
  });

  it("concurrent creates and updates with one tax id: exactly one wins, the others get DUPLICATE_TAX_ID", async () => {
    const clientId = await newClient(t, "pii-race");
    const creates = await Promise.all(Array.from({ length: 6 }, () => create(clientId, { taxId: "314159265" })));
    expect(creates.filter((c) => c.worker !== null)).toHaveLength(1);
    expect(creates.flatMap((c) => c.userErrors.map((e) => e.code))).toEqual(Array(5).fill("DUPLICATE_TAX_ID"));

    const workers = await Promise.all(Array.from({ length: 4 }, () => create(clientId)));
    const updates = await Promise.all(workers.map((w) => t.gql(PiiUpdateWorkerTaxIdDocument, { input: { id: w.worker!.id, expectedVersion: 1, taxId: "271828182" } }, operator)));
    const payloads = updates.map((u) => dataOf(u).updateWorker);
    expect(payloads.filter((p) => p.worker !== null).map((p) => p.worker!.taxIdLast4)).toEqual(["8182"]);
    expect(payloads.flatMap((p) => p.userErrors.map((e) => e.code))).toEqual(Array(3).fill("DUPLICATE_TAX_ID"));
  });
});

describe("taxIdLast4", () => {
  it("is decrypted in memory from the page's own rows: no statement per worker", async () => {
    const clientId = await newClient(t, "pii-page");
    const expected: (string | null)[] = [];
    for (let i = 0; i < 12; i++) {
      const taxId = i % 4 === 3 ? null : `400${String(i).padStart(2, "0")}${String(1000 + i * 7)}`;
      expect((await create(clientId, { taxId })).userErrors).toEqual([]);
      expected.push(taxId === null ? null : taxId.slice(-4));
    }
    const statementsOf = async <T>(run: () => Promise<T>) => {
      const before = t.database.statements.count;
      const result = await run();
      return { statements: t.database.statements.count - before, result };
    };
    const plain = await statementsOf(() => t.gql(WorkersWithoutTaxIdDocument, { clientId, first: 20 }, operator));
    const withTaxIds = await statementsOf(() => t.gql(WorkersTaxIdLast4Document, { clientId, first: 20 }, operator));
    expect(dataOf(withTaxIds.result).workers.nodes.map((n) => n.taxIdLast4)).toEqual(expected);
    expect(withTaxIds.statements).toBe(plain.statements);
  });
});

describe("the database at rest", () => {
  it("holds no tax id digits anywhere, and no name or email in the events, after a create and an update through the API", async () => {
    const clientId = await newClient(t, "pii-dump");
    const first = `Zelda${unique("n").replace(/[^a-z0-9]/gi, "")}`;
    const email = `${first.toLowerCase()}@dump.example`;
    const created = await create(clientId, {
      taxId: "078-05-1120",
      legalFirstName: first,
      legalLastName: "Dumpling",
      email,
      withholding: { w4: { filingStatus: "HEAD_OF_HOUSEHOLD" } },
    });
    expect(created.userErrors).toEqual([]);
    const updated = dataOf(
      await t.gql(PiiUpdateWorkerTaxIdDocument, { input: { id: created.worker!.id, expectedVersion: 1, taxId: "078 05 1121", email: `x${email}` } }, operator),
    );
    expect(updated.updateWorker).toMatchObject({ userErrors: [], worker: { taxIdLast4: "1121" } });

    const dump = await dumpDatabase(t.database.db);
    expect(dump.get("public.workers")!.some((row) => row.includes(first))).toBe(true); // the dump does see the worker
    for (const [table, rows] of dump) {
      for (const row of rows) {
        for (const secret of ["078051120", "078-05-1120", "078051121", "078-05-1121", "078 05 1121"]) {
          expect(row.includes(secret), `${secret} in ${table}: ${row}`).toBe(false);
        }
      }
    }
    // This client's events (on the shared Postgres database, other files' events are there too).
    const clientUuid = Buffer.from(clientId, "base64url").toString().split(":")[1];
    const events = dump
      .get("public.events")!
      .filter((row) => row.includes(clientUuid))
      .join("\n");
    expect(events).toContain("worker.updated");
    for (const personal of [first, "Dumpling", email, "HEAD_OF_HOUSEHOLD"]) expect(events).not.toContain(personal);
  });
});
