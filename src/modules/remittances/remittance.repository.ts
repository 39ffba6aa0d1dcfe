import { and, count, eq, gte, inArray, lt } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { TenantScope } from "../../auth/principal";
import { tenantFilter } from "../../db/tenant";
import { keyset } from "../../db/keyset";
import { selectPagesPerParent } from "../../db/keyset-per-parent";
import type { PageRequest } from "../../shared/pagination";
import { remittances } from "./remittance.table";
import type { RemittanceKind, RemittanceRow, RemittanceStatus } from "./remittance.type";

export interface RemittanceFilter {
  clientId?: string | null;
  payrollRunId?: string | null;
  status?: RemittanceStatus | null;
  kind?: RemittanceKind | null;
  /** Due strictly before this date. */
  dueBefore?: string | null;
  updatedSince?: Date | null;
}

function filterSql(scope: TenantScope, filter: RemittanceFilter) {
  return and(
    tenantFilter(remittances.clientId, scope),
    filter.clientId ? eq(remittances.clientId, filter.clientId) : undefined,
    filter.payrollRunId ? eq(remittances.payrollRunId, filter.payrollRunId) : undefined,
    filter.status ? eq(remittances.status, filter.status) : undefined,
    filter.kind ? eq(remittances.kind, filter.kind) : undefined,
    filter.dueBefore ? lt(remittances.dueOn, filter.dueBefore) : undefined,
    filter.updatedSince ? gte(remittances.updatedAt, filter.updatedSince) : undefined,
  );
}

/** All SQL about remittances. Every query carries the caller's tenant filter. */
export const remittanceRepository = {
  async findByIds(db: Db, scope: TenantScope, ids: readonly string[]): Promise<RemittanceRow[]> {
    /* remittances.findByIds */
    return db.select().from(remittances).where(and(tenantFilter(remittances.clientId, scope), inArray(remittances.id, [...ids])));
  },

  async page(db: Db, scope: TenantScope, filter: RemittanceFilter, request: PageRequest): Promise<RemittanceRow[]> {
    /* remittances.page */
    const q = keyset(remittances.id, request, filterSql(scope, filter));
    return db.select().from(remittances).where(q.where).orderBy(q.orderBy).limit(q.limit);
  },

  async count(db: Db, scope: TenantScope, filter: RemittanceFilter): Promise<number> {
    /* remittances.count */
    const [row] = await db.select({ n: count() }).from(remittances).where(filterSql(scope, filter));
    return row.n;
  },

  async pageOfRuns(db: Db, scope: TenantScope, runIds: readonly string[], request: PageRequest): Promise<RemittanceRow[]> {
    /* remittances.pageOfRuns: one page of remittances for each run, ordered by (run, rank) */
    return selectPagesPerParent(db, remittances, undefined, remittances.payrollRunId, remittances.id, runIds, request, tenantFilter(remittances.clientId, scope));
  },

  async countsOfRuns(db: Db, scope: TenantScope, runIds: readonly string[]) {
    /* remittances.countsOfRuns */
    return db
      .select({ parentId: remittances.payrollRunId, n: count() })
      .from(remittances)
      .where(and(tenantFilter(remittances.clientId, scope), inArray(remittances.payrollRunId, [...runIds])))
      .groupBy(remittances.payrollRunId);
  },
};
