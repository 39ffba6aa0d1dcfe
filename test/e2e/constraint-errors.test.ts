import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startTestServer, dataOf, type TestServer } from "../support/server";
import { CONSTRAINT_USER_ERRORS, constraintUserError } from "../../src/db/constraint-errors";
import { clients } from "../../src/modules/clients/client.table";
import { newId } from "../../src/shared/ids";

/**
 * Every unique, exclusion and check constraint and unique index of the app's tables maps to a userError code
 * (src/db/constraint-errors.ts), read from the database itself (PGlite or Postgres), and a violation that wins a
 * race against a service's own check reaches the caller as that userError, never INTERNAL_SERVER_ERROR.
 */
let t: TestServer;
let operator: string;

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await t.database.db.execute(query);
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
});

afterAll(async () => {
  await t?.stop();
});

describe("the constraint table", () => {
  it("maps every unique / exclusion / check constraint, composite primary key and unique index of the public schema, and nothing else", async () => {
    const constraints = await rows<{ name: string }>(sql`
      select c.conname as name
        from pg_constraint c join pg_namespace n on n.oid = c.connamespace
       where n.nspname = 'public'
         and (c.contype in ('u', 'x', 'c') or (c.contype = 'p' and array_length(c.conkey, 1) > 1))`);
    const indexes = await rows<{ name: string }>(sql`
      select ic.relname as name
        from pg_index i join pg_class ic on ic.oid = i.indexrelid join pg_namespace n on n.oid = ic.relnamespace
       where n.nspname = 'public' and i.indisunique
         and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`);
    const inDatabase = [...constraints, ...indexes].map((r) => r.name).sort();
    expect(inDatabase.length).toBeGreaterThan(40);
    expect(inDatabase).toContain("msas_one_active_per_client");
    expect(inDatabase).toContain("engagements_no_overlap");
    const mapped = Object.keys(CONSTRAINT_USER_ERRORS).sort();
    expect(
      inDatabase.filter((name) => !mapped.includes(name)),
      "constraints without a userError",
    ).toEqual([]);
    expect(
      mapped.filter((name) => !inDatabase.includes(name)),
      "mapped names that are no constraint",
    ).toEqual([]);
  });

  it("turns a real unique violation and a real check violation of this database into their userErrors", async () => {
    const externalId = `dup-${newId()}`;
    await t.database.db.insert(clients).values({ id: newId(), name: "One", externalId });
    const duplicate = await t.database.db
      .insert(clients)
      .values({ id: newId(), name: "Two", externalId })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(constraintUserError(duplicate)).toEqual({
      field: ["input", "externalId"],
      code: "DUPLICATE_EXTERNAL_ID",
      message: "Another client already uses this externalId",
      conflictingId: null,
    });
    const blank = await t.database.db
      .insert(clients)
      .values({ id: newId(), name: "" })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(constraintUserError(blank)?.code).toBe("INVALID_INPUT");
    expect(constraintUserError(blank)?.field).toEqual(["input", "name"]);
    expect(constraintUserError(new Error("not a database error"))).toBeNull();
  });
});

describe("a race lost at the database is a userError", () => {
  it("concurrent createClient with one externalId: one client, every other request DUPLICATE_EXTERNAL_ID", async () => {
    const externalId = `race-${newId()}`;
    const doc = `mutation ($n: String!, $x: String) { createClient(input: { name: $n, externalId: $x }) { client { id externalId } userErrors { field code } } }`;
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.gql<{ createClient: { client: { id: string } | null; userErrors: { field: string[]; code: string }[] } }, unknown>(doc, { n: `Race ${i}`, x: externalId }, operator),
      ),
    );
    for (const r of responses) expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    const payloads = responses.map((r) => dataOf(r).createClient);
    expect(payloads.filter((p) => p.client !== null)).toHaveLength(1);
    const refused = payloads.filter((p) => p.client === null);
    expect(refused).toHaveLength(7);
    for (const p of refused) expect(p.userErrors).toEqual([{ field: ["input", "externalId"], code: "DUPLICATE_EXTERNAL_ID" }]);
  });
});
