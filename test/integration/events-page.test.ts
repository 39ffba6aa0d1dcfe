import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, desc, eq, gt, gte, inArray, lt, sql } from "drizzle-orm";
import type { Database, Db } from "../../src/db/client";
import { openTestDatabase } from "../support/database";
import { eventRepository, recordEvents, type EventFilter } from "../../src/modules/events/event.repository";
import { clients } from "../../src/modules/clients/client.table";
import { newId } from "../../src/shared/ids";
import { events } from "../../src/modules/events/event.table";
import type { PageRequest } from "../../src/shared/pagination";

/**
 * `eventRepository.page` (a prepared select built once per shape) against the same page written plainly with
 * drizzle: the same rows, in the same order, for every shape of filter and cursor — types (none, an empty list, some),
 * a date, object types (some, none), forward and backward, after and before a seq, and a caller scoped to another
 * client. On the demo data (Postgres with DATABASE_URL, else an in-memory PGlite).
 */
let database: Database;
let db: Db;
let clientId: string;
let seqs: number[];
let objectTypes: string[];
let someTypes: string[];

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.db;
  // A client of this file's own with events of several types and objects (the demo data records none).
  clientId = newId();
  await db.insert(clients).values({ id: clientId, name: `events-page-${clientId}`, status: "ACTIVE" });
  const kinds = [
    { type: "client.updated", objectType: "Client" },
    { type: "engagement.created", objectType: "Engagement" },
    { type: "engagement.updated", objectType: "Engagement" },
    { type: "msa.created", objectType: "Msa" },
  ] as const;
  await db.transaction((tx) =>
    recordEvents(
      tx,
      Array.from({ length: 24 }, (_, i) => ({ clientId, ...kinds[i % kinds.length], objectId: newId(), actor: { kind: "SYSTEM" as const, id: "events-page-test" } })),
    ),
  );
  const rows = await db.select({ seq: events.seq, type: events.type, objectType: events.objectType }).from(events).where(eq(events.clientId, clientId)).orderBy(asc(events.seq));
  seqs = rows.map((r) => Number(r.seq));
  objectTypes = [...new Set(rows.map((r) => r.objectType))].sort();
  someTypes = ["engagement.created", "msa.created"];
});
afterAll(() => database.close());

/** The page as the plain query reads it (what `filterSql` and `seqBounds` write). */
async function expected(scopeClients: string[] | "all", filter: EventFilter, request: PageRequest) {
  return db
    .select()
    .from(events)
    .where(
      and(
        scopeClients === "all" ? undefined : scopeClients.length ? inArray(events.clientId, scopeClients) : sql`false`,
        eq(events.clientId, filter.clientId),
        filter.objectTypes.length > 0 ? inArray(events.objectType, [...filter.objectTypes]) : sql`false`,
        filter.types && filter.types.length > 0 ? inArray(events.type, [...filter.types]) : undefined,
        filter.occurredSince ? gte(events.occurredAt, filter.occurredSince) : undefined,
        request.afterId !== null ? gt(events.seq, Number(request.afterId)) : undefined,
        request.beforeId !== null ? lt(events.seq, Number(request.beforeId)) : undefined,
      ),
    )
    .orderBy(request.direction === "forward" ? asc(events.seq) : desc(events.seq))
    .limit(request.limit + 1);
}

describe("events.page as a prepared select", () => {
  it("gives the plain query's rows for every shape of filter and cursor", async () => {
    expect(seqs.length).toBe(24);
    const middle = String(seqs[Math.floor(seqs.length / 2)]);
    const [{ at: occurredSince }] = await db
      .select({ at: events.occurredAt })
      .from(events)
      .where(and(eq(events.clientId, clientId), eq(events.seq, Number(middle))));
    const filters: EventFilter[] = [
      { clientId, objectTypes },
      { clientId, objectTypes, types: [] },
      { clientId, objectTypes, types: someTypes },
      { clientId, objectTypes: objectTypes.slice(0, 1), occurredSince },
      { clientId, objectTypes: [] },
    ];
    const requests: PageRequest[] = [
      { direction: "forward", limit: 5, afterId: null, beforeId: null },
      { direction: "forward", limit: 3, afterId: middle, beforeId: null },
      { direction: "backward", limit: 4, afterId: null, beforeId: middle },
      { direction: "backward", limit: 50, afterId: String(seqs[1]), beforeId: String(seqs[seqs.length - 2]) },
    ];
    let nonEmpty = 0;
    for (const scope of [{ all: true } as const, { all: false as const, clientIds: [clientId] }, { all: false as const, clientIds: [] }])
      for (const filter of filters)
        for (const request of requests) {
          const want = await expected(scope.all ? "all" : scope.clientIds, filter, request);
          const got = await eventRepository.page(db, scope, filter, request);
          expect(got).toEqual(want);
          if (want.length > 0) nonEmpty++;
        }
    expect(nonEmpty).toBeGreaterThan(20); // the comparisons are not all of empty pages
  });
});
