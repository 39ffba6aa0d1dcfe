import { and, count, eq, gte, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { TenantScope } from "../../auth/principal";
import { tenantFilter } from "../../db/tenant";
import { keyset } from "../../db/keyset";
import type { PageRequest } from "../../shared/pagination";
import { clientLegalEntities, clients } from "./client.table";

export type ClientRow = typeof clients.$inferSelect;

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

/** All SQL about clients. A client's own id is its tenant key. */
export const clientRepository = {
  async findByIds(db: Db, scope: TenantScope, ids: readonly string[]): Promise<ClientRow[]> {
    /* clients.findByIds */
    return db
      .select()
      .from(clients)
      .where(and(tenantFilter(clients.id, scope), inArray(clients.id, [...ids])));
  },

  async page(db: Db, scope: TenantScope, filter: ClientFilter, request: PageRequest): Promise<ClientRow[]> {
    /* clients.page */
    const q = keyset(clients.id, request, filterSql(scope, filter));
    return db.select().from(clients).where(q.where).orderBy(q.orderBy).limit(q.limit);
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

  async externalIdTaken(db: Db, externalId: string): Promise<boolean> {
    /* clients.externalIdTaken: OPERATOR-only path (client external ids are unique across clients) */
    const rows = await db.select({ id: clients.id }).from(clients).where(eq(clients.externalId, externalId)).limit(1);
    return rows.length > 0;
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
