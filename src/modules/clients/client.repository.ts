import { and, count, eq, gte, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { TenantScope } from "../../auth/principal";
import { tenantFilter } from "../../db/tenant";
import { anyUuid, filterShape, keysetShape, keysetValues, preparedKeyset, preparedSelect, preparedTenantFilter, tenantShape, tenantValue } from "../../db/prepared";
import type { PageRequest } from "../../shared/pagination";
import { clientLegalEntities, clients } from "./client.table";

export type ClientRow = typeof clients.$inferSelect;
/** Columns `updateClient` may change (the service validates them first). */
export type ClientChanges = Partial<Pick<ClientRow, "name" | "externalId" | "status">>;

export interface ClientFilter {
  updatedSince?: Date | null;
  status?: "ACTIVE" | "SUSPENDED" | null;
}

function filterSql(scope: TenantScope, filter: ClientFilter) {
  return and(
    tenantFilter(clients.id, scope),
    filter.updatedSince ? gte(clients.updatedAt, filter.updatedSince) : undefined,
    filter.status ? eq(clients.status, filter.status) : undefined,
  );
}

/** `findByIds` (the `clientById` loader, on every page that shows a client), built once (src/db/prepared.ts). */
const clientsByIds = preparedSelect<TenantScope, ClientRow>("clients_by_ids", tenantShape, (db, scope) =>
  db
    .select()
    .from(clients)
    .where(and(preparedTenantFilter(clients.id, tenantShape(scope)), anyUuid(clients.id, "ids"))),
);

interface PageInput {
  scope: TenantScope;
  filter: ClientFilter;
  request: PageRequest;
}

/** `page` (`clients(first:)`), built once per shape: tenant, cursor, which filters (src/db/prepared.ts). */
const clientsPage = preparedSelect<PageInput, ClientRow>(
  "clients_page",
  ({ scope, filter, request }) => `${tenantShape(scope)} ${keysetShape(request)} ${filterShape(filter, ["updatedSince", "status"])}`,
  (db, { scope, filter, request }) => {
    const q = preparedKeyset(
      clients.id,
      request,
      and(
        preparedTenantFilter(clients.id, tenantShape(scope)),
        filter.updatedSince ? sql`${clients.updatedAt} >= ${sql.placeholder("updatedSince")}::timestamptz` : undefined,
        filter.status ? sql`${clients.status} = ${sql.placeholder("status")}` : undefined,
      ),
    );
    return db.select().from(clients).where(q.where).orderBy(q.orderBy).limit(q.limit);
  },
);

/** All SQL about clients. A client's own id is its tenant key. */
export const clientRepository = {
  async findByIds(db: Db, scope: TenantScope, ids: readonly string[]): Promise<ClientRow[]> {
    /* clients.findByIds */
    return clientsByIds(db, scope, { tenants: tenantValue(scope), ids: [...ids] });
  },

  async page(db: Db, scope: TenantScope, filter: ClientFilter, request: PageRequest): Promise<ClientRow[]> {
    /* clients.page */
    return clientsPage(
      db,
      { scope, filter, request },
      { tenants: tenantValue(scope), ...keysetValues(request), updatedSince: filter.updatedSince?.toISOString() ?? null, status: filter.status ?? null },
    );
  },

  async count(db: Db, scope: TenantScope, filter: ClientFilter): Promise<number> {
    /* clients.count */
    const [row] = await db.select({ n: count() }).from(clients).where(filterSql(scope, filter));
    return row.n;
  },

  async legalEntitiesOf(db: Db, scope: TenantScope, clientIds: readonly string[]) {
    /* clients.legalEntitiesOf */
    return db
      .select()
      .from(clientLegalEntities)
      .where(and(tenantFilter(clientLegalEntities.clientId, scope), inArray(clientLegalEntities.clientId, [...clientIds])))
      .orderBy(clientLegalEntities.jurisdiction);
  },

  /** The client holding this externalId among the caller's clients (other than `exceptId`), or null. */
  async idByExternalId(db: Db, scope: TenantScope, externalId: string, exceptId?: string): Promise<string | null> {
    /* clients.idByExternalId: client external ids are unique across clients; only an OPERATOR (every tenant) writes them */
    const [row] = await db
      .select({ id: clients.id })
      .from(clients)
      .where(and(tenantFilter(clients.id, scope), eq(clients.externalId, externalId), exceptId ? ne(clients.id, exceptId) : undefined))
      .limit(1);
    return row?.id ?? null;
  },

  /** The row for an update, locked until the transaction ends. */
  async lockById(tx: Db, scope: TenantScope, id: string): Promise<ClientRow | null> {
    /* clients.lockById */
    const [row] = await tx
      .select()
      .from(clients)
      .where(and(tenantFilter(clients.id, scope), eq(clients.id, id)))
      .for("update");
    return row ?? null;
  },

  /** Optimistic update of the client's columns and, when given, its whole list of legal entity jurisdictions. */
  async update(tx: Db, scope: TenantScope, id: string, expectedVersion: number, changes: ClientChanges, jurisdictions: string[] | null): Promise<ClientRow | null> {
    /* clients.update */
    const [updated] = await tx
      .update(clients)
      .set({ ...changes, version: sql`${clients.version} + 1`, updatedAt: sql`now()` })
      .where(and(tenantFilter(clients.id, scope), eq(clients.id, id), eq(clients.version, expectedVersion)))
      .returning();
    if (!updated || jurisdictions === null) return updated ?? null;
    /* clientLegalEntities.replace */
    await tx.delete(clientLegalEntities).where(and(tenantFilter(clientLegalEntities.clientId, scope), eq(clientLegalEntities.clientId, id)));
    if (jurisdictions.length > 0) await tx.insert(clientLegalEntities).values(jurisdictions.map((jurisdiction) => ({ clientId: id, jurisdiction })));
    return updated;
  },

  async insert(db: Db, row: typeof clients.$inferInsert, jurisdictions: string[]): Promise<ClientRow> {
    /* clients.insert */
    const [created] = await db.insert(clients).values(row).returning();
    if (jurisdictions.length > 0) {
      await db.insert(clientLegalEntities).values(jurisdictions.map((jurisdiction) => ({ clientId: created.id, jurisdiction })));
    }
    return created;
  },
};
