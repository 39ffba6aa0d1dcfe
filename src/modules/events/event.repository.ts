import type { Db } from "../../db/client";
import type { TenantScope } from "../../auth/principal";
import { and, asc, count, eq, gt, gte, inArray, lt, lte, sql } from "drizzle-orm";
import { tenantFilter } from "../../db/tenant";
import { filterShape, keysetShape, preparedKeyset, preparedSelect, preparedTenantFilter, tenantShape, tenantValue } from "../../db/prepared";
import type { PageRequest } from "../../shared/pagination";
import { clientEventSequences, events } from "./event.table";
import { EVENTS_CHANNEL } from "./event.channel";
import type { EventTypeName } from "./event-types";

export type EventRow = typeof events.$inferSelect;
/** An event of a client: it has a cursor (`seq`). */
export type ClientEventRow = EventRow & { clientId: string; seq: number };

export interface EventInput {
  clientId: string | null;
  /** Dotted type, one of EVENT_TYPES (event-types.ts). */
  type: EventTypeName;
  objectType: string;
  objectId: string;
  actor: { kind: "OPERATOR" | "CLIENT" | "PARTNER" | "SYSTEM"; id: string };
  before?: unknown;
  after?: unknown;
}

/**
 * Appends an event. Call it inside the transaction that makes the change, so a change and its event commit
 * (or roll back) together. `before` / `after` are snapshots of the changed row; they must not hold a tax id.
 *
 * A client's event also queues a notification `<client>:<seq>` on EVENTS_CHANNEL in the same transaction:
 * Postgres delivers it to every listening node at commit and drops it on rollback, so "event committed" and
 * "nodes notified" cannot disagree (no lost notification if this process dies right after COMMIT, none for a
 * rolled-back change), and no caller has to remember to publish after its transaction.
 */
export async function recordEvent(tx: Db, event: EventInput): Promise<{ seq: number | null }> {
  const [seq] = await recordEvents(tx, [event]);
  return { seq };
}

/** Rows per INSERT statement when appending many events (9 parameters a row, far below Postgres's 65,535). */
const EVENTS_PER_INSERT = 1_000;

/**
 * Appends several events in the order given, with one sequence reservation per client and one notification per
 * client (naming its last seq: a listener reads every seq after its position from the table, so one
 * notification covers the batch). Same guarantees as `recordEvent`; an approval creating thousands of
 * remittances costs a handful of statements instead of two per event.
 */
export async function recordEvents(tx: Db, batch: readonly EventInput[]): Promise<(number | null)[]> {
  const counts = new Map<string, number>();
  for (const e of batch) if (e.clientId !== null) counts.set(e.clientId, (counts.get(e.clientId) ?? 0) + 1);
  const nextSeq = new Map<string, number>();
  for (const [clientId, n] of counts) {
    /* events.reserveSeqs: the upsert locks the client's sequence row until commit, so one client's events commit in seq order; pg_notify is delivered at commit */
    const [row] = await tx
      .insert(clientEventSequences)
      .values({ clientId, lastSeq: n })
      .onConflictDoUpdate({ target: clientEventSequences.clientId, set: { lastSeq: sql`${clientEventSequences.lastSeq} + ${n}` } })
      .returning({
        lastSeq: clientEventSequences.lastSeq,
        notified: sql<string>`pg_notify(${EVENTS_CHANNEL}, ${clientEventSequences.clientId}::text || ':' || ${clientEventSequences.lastSeq}::text)`,
      });
    nextSeq.set(clientId, row.lastSeq - n + 1);
  }
  const rows = batch.map((event) => {
    let seq: number | null = null;
    if (event.clientId !== null) {
      seq = nextSeq.get(event.clientId)!;
      nextSeq.set(event.clientId, seq + 1);
    }
    return {
      clientId: event.clientId,
      seq,
      type: event.type,
      objectType: event.objectType,
      objectId: event.objectId,
      actorKind: event.actor.kind,
      actorId: event.actor.id,
      before: event.before ?? null,
      after: event.after ?? null,
    };
  });
  for (let i = 0; i < rows.length; i += EVENTS_PER_INSERT) {
    /* events.append */
    await tx.insert(events).values(rows.slice(i, i + EVENTS_PER_INSERT));
  }
  return rows.map((r) => r.seq);
}

export interface EventFilter {
  clientId: string;
  /** Only these dotted types (null: all). */
  types?: readonly string[] | null;
  /** Only events about these object types (the ones the caller may read). */
  objectTypes: readonly string[];
  occurredSince?: Date | null;
}

function filterSql(scope: TenantScope, filter: EventFilter) {
  return and(
    tenantFilter(events.clientId, scope),
    eq(events.clientId, filter.clientId),
    filter.objectTypes.length > 0 ? inArray(events.objectType, [...filter.objectTypes]) : sql`false`,
    filter.types && filter.types.length > 0 ? inArray(events.type, [...filter.types]) : undefined,
    filter.occurredSince ? gte(events.occurredAt, filter.occurredSince) : undefined,
  );
}

/** Keyset bounds on `seq` (the page request carries seqs as decimal strings). */
function seqBounds(request: PageRequest) {
  return and(request.afterId !== null ? gt(events.seq, Number(request.afterId)) : undefined, request.beforeId !== null ? lt(events.seq, Number(request.beforeId)) : undefined);
}

interface PageInput {
  scope: TenantScope;
  filter: EventFilter;
  request: PageRequest;
}

/**
 * `page` (`events(clientId:)`), built once per shape (src/db/prepared.ts): tenant, cursor, whether it filters by type
 * and by date. The same conditions as `filterSql` and `seqBounds`, the lists bound as arrays: an empty list of object
 * types matches nothing, as `filterSql`'s `false` does.
 */
/** The types a page filters by: null for none (an empty list filters nothing, as in `filterSql`). */
const typesOf = (filter: EventFilter) => (filter.types && filter.types.length > 0 ? [...filter.types] : null);

const eventsPage = preparedSelect<PageInput, typeof events.$inferSelect>(
  "events_page",
  // A filter field the query does not handle throws.
  ({ scope, filter, request }) =>
    `${tenantShape(scope)} ${keysetShape(request)} ${filterShape({ ...filter, types: typesOf(filter) }, ["clientId", "objectTypes", "types", "occurredSince"])}`,
  (db, { scope, filter, request }) => {
    const q = preparedKeyset(
      events.seq,
      request,
      and(
        preparedTenantFilter(events.clientId, tenantShape(scope)),
        sql`${events.clientId} = ${sql.placeholder("clientId")}::uuid`,
        sql`${events.objectType} = any(${sql.placeholder("objectTypes")}::text[])`,
        typesOf(filter) ? sql`${events.type} = any(${sql.placeholder("types")}::text[])` : undefined,
        filter.occurredSince ? sql`${events.occurredAt} >= ${sql.placeholder("occurredSince")}::timestamptz` : undefined,
      ),
    );
    return db.select().from(events).where(q.where).orderBy(q.orderBy).limit(q.limit);
  },
);

/** Reads of the events table. Every query carries the caller's tenant filter. */
export const eventRepository = {
  /** The client's last committed seq (0 before its first event). */
  async lastSeq(db: Db, scope: TenantScope, clientId: string): Promise<number> {
    /* events.lastSeq */
    const [row] = await db
      .select({ lastSeq: clientEventSequences.lastSeq })
      .from(clientEventSequences)
      .where(and(tenantFilter(clientEventSequences.clientId, scope), eq(clientEventSequences.clientId, clientId)));
    return row?.lastSeq ?? 0;
  },

  /**
   * The client's events after `afterSeq`, in seq order (the tail read of live delivery). Committed seqs form a
   * prefix 1..N (gapless, committed in order), so this never skips an event that a later read would show.
   */
  async since(db: Db, scope: TenantScope, clientId: string, afterSeq: number, limit: number): Promise<ClientEventRow[]> {
    /* events.since: index events_client_seq_key */
    const rows = await db
      .select()
      .from(events)
      .where(and(tenantFilter(events.clientId, scope), eq(events.clientId, clientId), gt(events.seq, afterSeq)))
      .orderBy(asc(events.seq))
      .limit(limit);
    return rows as ClientEventRow[];
  },

  async page(db: Db, scope: TenantScope, filter: EventFilter, request: PageRequest): Promise<ClientEventRow[]> {
    /* events.page */
    const rows = await eventsPage(
      db,
      { scope, filter, request },
      {
        tenants: tenantValue(scope),
        clientId: filter.clientId,
        objectTypes: [...filter.objectTypes],
        types: typesOf(filter),
        occurredSince: filter.occurredSince?.toISOString() ?? null,
        // The page request carries seqs as decimal strings.
        afterId: request.afterId !== null ? Number(request.afterId) : null,
        beforeId: request.beforeId !== null ? Number(request.beforeId) : null,
        limit: request.limit + 1,
      },
    );
    return rows as ClientEventRow[];
  },

  async count(db: Db, scope: TenantScope, filter: EventFilter): Promise<number> {
    /* events.count */
    const [row] = await db.select({ n: count() }).from(events).where(filterSql(scope, filter));
    return row.n;
  },

  /**
   * One page of events for each object (e.g. `PayrollRun.events` over a page of runs) in one statement: events
   * ranked per object by seq in the request's direction, `rank <= limit + 1`, ordered by (object, rank).
   */
  async pagesOfObjects(db: Db, scope: TenantScope, objectType: string, objectIds: readonly string[], request: PageRequest): Promise<ClientEventRow[]> {
    if (objectIds.length === 0) return [];
    const direction = sql.raw(request.direction === "forward" ? "asc" : "desc");
    /* events.pagesOfObjects */
    const ranked = db
      .select({
        id: events.id,
        rank: sql<number>`row_number() over (partition by ${events.objectId} order by ${events.seq} ${direction})`.as("rank"),
      })
      .from(events)
      .where(and(tenantFilter(events.clientId, scope), eq(events.objectType, objectType), inArray(events.objectId, [...objectIds]), seqBounds(request)))
      .as("ranked");
    const rows = await db
      .select({ event: events })
      .from(events)
      .innerJoin(ranked, eq(ranked.id, events.id))
      .where(lte(ranked.rank, request.limit + 1))
      .orderBy(events.objectId, ranked.rank);
    return rows.map((r) => r.event) as ClientEventRow[];
  },

  async countsOfObjects(db: Db, scope: TenantScope, objectType: string, objectIds: readonly string[]) {
    /* events.countsOfObjects */
    return db
      .select({ parentId: events.objectId, n: count() })
      .from(events)
      .where(and(tenantFilter(events.clientId, scope), eq(events.objectType, objectType), inArray(events.objectId, [...objectIds])))
      .groupBy(events.objectId);
  },
};
