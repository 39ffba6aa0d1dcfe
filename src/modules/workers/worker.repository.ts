import { and, count, eq, getTableColumns, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { TenantScope } from "../../auth/principal";
import { tenantFilter } from "../../db/tenant";
import { anyUuid, filterShape, keysetShape, keysetValues, preparedKeyset, preparedSelect, preparedTenantFilter, tenantShape, tenantValue } from "../../db/prepared";
import { pagesByParent, selectPagesPerParent } from "../../db/keyset-per-parent";
import type { Page, PageRequest } from "../../shared/pagination";
import { workers } from "./worker.table";
import type { WorkerRow } from "./worker.type";

/** Every column except the keyed hash of the tax id (only duplicate checks use it, in SQL). */
const { taxIdHmac: _taxIdHmac, ...workerColumns } = getTableColumns(workers);

export interface WorkerFilter {
  clientId?: string | null;
  status?: "ACTIVE" | "INACTIVE" | null;
  homeJurisdiction?: string | null;
  updatedSince?: Date | null;
}

export type WorkerInsert = typeof workers.$inferInsert;
/** Columns `updateWorker` may change (the service validates them first). */
export type WorkerChanges = Partial<Omit<WorkerInsert, "id" | "clientId" | "version" | "createdAt" | "updatedAt">>;

function filterSql(scope: TenantScope, filter: WorkerFilter) {
  return and(
    tenantFilter(workers.clientId, scope),
    filter.clientId ? eq(workers.clientId, filter.clientId) : undefined,
    filter.status ? eq(workers.status, filter.status) : undefined,
    filter.homeJurisdiction ? eq(workers.homeJurisdiction, filter.homeJurisdiction) : undefined,
    filter.updatedSince ? gte(workers.updatedAt, filter.updatedSince) : undefined,
  );
}

interface PageInput {
  scope: TenantScope;
  filter: WorkerFilter;
  request: PageRequest;
}

/** `page` (`workers(first:)`), built once per shape: tenant, cursor, which filters (src/db/prepared.ts). */
const workersPage = preparedSelect<PageInput, WorkerRow>(
  "workers_page",
  ({ scope, filter, request }) => `${tenantShape(scope)} ${keysetShape(request)} ${filterShape(filter, ["clientId", "status", "homeJurisdiction", "updatedSince"])}`,
  (db, { scope, filter, request }) => {
    const q = preparedKeyset(
      workers.id,
      request,
      and(
        preparedTenantFilter(workers.clientId, tenantShape(scope)),
        filter.clientId ? sql`${workers.clientId} = ${sql.placeholder("clientId")}::uuid` : undefined,
        filter.status ? sql`${workers.status} = ${sql.placeholder("status")}` : undefined,
        filter.homeJurisdiction ? sql`${workers.homeJurisdiction} = ${sql.placeholder("homeJurisdiction")}` : undefined,
        filter.updatedSince ? sql`${workers.updatedAt} >= ${sql.placeholder("updatedSince")}::timestamptz` : undefined,
      ),
    );
    return db.select(workerColumns).from(workers).where(q.where).orderBy(q.orderBy).limit(q.limit);
  },
);

/** `findByIds` (the `workerById` loader: `node(id:)`, every page that shows a worker), built once per tenant shape (src/db/prepared.ts). */
const workersByIds = preparedSelect<TenantScope, WorkerRow>("workers_by_ids", tenantShape, (db, scope) =>
  db
    .select(workerColumns)
    .from(workers)
    .where(and(preparedTenantFilter(workers.clientId, tenantShape(scope)), anyUuid(workers.id, "ids"))),
);

/** All SQL about workers. Every query carries the caller's tenant filter. */
export const workerRepository = {
  async findByIds(db: Db, scope: TenantScope, ids: readonly string[]): Promise<WorkerRow[]> {
    /* workers.findByIds */
    return workersByIds(db, scope, { tenants: tenantValue(scope), ids: [...ids] });
  },

  async findByExternalId(db: Db, scope: TenantScope, clientId: string, externalId: string): Promise<WorkerRow | null> {
    /* workers.findByExternalId */
    const [row] = await db
      .select(workerColumns)
      .from(workers)
      .where(and(tenantFilter(workers.clientId, scope), eq(workers.clientId, clientId), eq(workers.externalId, externalId)))
      .limit(1);
    return row ?? null;
  },

  /** The row for an update, locked until the transaction ends (so the before-snapshot is the row replaced). */
  async lockById(tx: Db, scope: TenantScope, id: string): Promise<WorkerRow | null> {
    /* workers.lockById */
    const [row] = await tx
      .select(workerColumns)
      .from(workers)
      .where(and(tenantFilter(workers.clientId, scope), eq(workers.id, id)))
      .for("update");
    return row ?? null;
  },

  /**
   * Locks the worker row for a change of its engagements (hire, end) and returns its status. Hires and ends of
   * one worker run one after the other, so each one's overlap check sees the previous one's committed rows
   * (without it, two conflicting inserts can deadlock on the exclusion constraint), and a concurrent
   * `updateWorker` to INACTIVE waits and then sees the new engagement.
   */
  async lockForEngagementChange(tx: Db, scope: TenantScope, id: string): Promise<WorkerRow["status"] | null> {
    /* workers.lockForEngagementChange */
    const [row] = await tx
      .select({ status: workers.status })
      .from(workers)
      .where(and(tenantFilter(workers.clientId, scope), eq(workers.id, id)))
      .for("update");
    return row?.status ?? null;
  },

  async page(db: Db, scope: TenantScope, filter: WorkerFilter, request: PageRequest): Promise<WorkerRow[]> {
    /* workers.page */
    return workersPage(
      db,
      { scope, filter, request },
      {
        tenants: tenantValue(scope),
        ...keysetValues(request),
        clientId: filter.clientId ?? null,
        status: filter.status ?? null,
        homeJurisdiction: filter.homeJurisdiction ?? null,
        updatedSince: filter.updatedSince?.toISOString() ?? null,
      },
    );
  },

  async count(db: Db, scope: TenantScope, filter: WorkerFilter): Promise<number> {
    /* workers.count */
    const [row] = await db.select({ n: count() }).from(workers).where(filterSql(scope, filter));
    return row.n;
  },

  /** One page of workers for each of several clients, in one statement (`Client.workers`). */
  async pageByClients(db: Db, scope: TenantScope, clientIds: readonly string[], filter: WorkerFilter, request: PageRequest): Promise<Page<WorkerRow>[]> {
    /* workers.pageByClients */
    const rows = await selectPagesPerParent<WorkerRow>(db, workers, workerColumns, workers.clientId, workers.id, clientIds, request, filterSql(scope, filter));
    return pagesByParent(rows, (r) => r.clientId, clientIds, request);
  },

  /** Number of workers per client with the same filter, in one statement. */
  async countByClients(db: Db, scope: TenantScope, clientIds: readonly string[], filter: WorkerFilter): Promise<Map<string, number>> {
    /* workers.countByClients */
    const rows = await db
      .select({ clientId: workers.clientId, n: count() })
      .from(workers)
      .where(and(filterSql(scope, filter), inArray(workers.clientId, [...clientIds])))
      .groupBy(workers.clientId);
    return new Map(rows.map((r) => [r.clientId, r.n]));
  },

  /** The client's worker holding this externalId (other than `exceptId`), among the caller's tenants, or null. */
  async idByExternalId(db: Db, scope: TenantScope, clientId: string, externalId: string, exceptId?: string): Promise<string | null> {
    /* workers.idByExternalId */
    const [row] = await db
      .select({ id: workers.id })
      .from(workers)
      .where(
        and(tenantFilter(workers.clientId, scope), eq(workers.clientId, clientId), eq(workers.externalId, externalId), exceptId ? sql`${workers.id} <> ${exceptId}` : undefined),
      )
      .limit(1);
    return row?.id ?? null;
  },

  /** The client's other worker holding one of these tax id hashes (the candidates of one tax id), among the caller's tenants, or null. */
  async idByTaxIdHash(tx: Db, scope: TenantScope, clientId: string, hashes: readonly string[], exceptId?: string): Promise<string | null> {
    /* workers.idByTaxIdHash */
    const [row] = await tx
      .select({ id: workers.id })
      .from(workers)
      .where(
        and(
          tenantFilter(workers.clientId, scope),
          eq(workers.clientId, clientId),
          inArray(workers.taxIdHmac, [...hashes]),
          exceptId ? sql`${workers.id} <> ${exceptId}` : undefined,
        ),
      )
      .limit(1);
    return row?.id ?? null;
  },

  /**
   * Up to `limit` stored tax ids after `afterId` (id order) that are not encrypted under `keyId`, every tenant:
   * the key rotation (`npm run pii:rotate`) is an operator task outside any request.
   */
  async taxIdsNotUnderKey(db: Db, keyId: string, afterId: string | null, limit: number) {
    /* workers.taxIdsNotUnderKey */
    return db
      .select({ id: workers.id, clientId: workers.clientId, taxIdEncrypted: workers.taxIdEncrypted })
      .from(workers)
      .where(
        and(
          tenantFilter(workers.clientId, { all: true }),
          sql`${workers.taxIdEncrypted} is not null`,
          sql`split_part(${workers.taxIdEncrypted}, '.', 2) <> ${keyId}`,
          afterId ? sql`${workers.id} > ${afterId}` : undefined,
        ),
      )
      .orderBy(workers.id)
      .limit(limit) as Promise<{ id: string; clientId: string; taxIdEncrypted: string }[]>;
  },

  /**
   * Replaces a stored tax id by its re-encryption, only if it is still the value read (a concurrent
   * `updateWorker` wins; the next run picks the row up again if needed). Neither `version` nor `updatedAt`
   * changes: the worker's data did not. False when the row changed meanwhile.
   */
  async replaceTaxIdCiphertext(db: Db, id: string, expected: string, replacement: { taxIdEncrypted: string; taxIdHmac: string }): Promise<boolean> {
    /* workers.replaceTaxIdCiphertext */
    const rows = await db
      .update(workers)
      .set(replacement)
      .where(and(tenantFilter(workers.clientId, { all: true }), eq(workers.id, id), eq(workers.taxIdEncrypted, expected)))
      .returning({ id: workers.id });
    return rows.length > 0;
  },

  /** Up to `limit` sealed certificates after `afterId` (id order) not encrypted under `keyId`, every tenant (pii:rotate). */
  async certificatesNotUnderKey(db: Db, keyId: string, afterId: string | null, limit: number) {
    /* workers.certificatesNotUnderKey */
    return db
      .select({ id: workers.id, envelope: workers.withholdingCertificatesEncrypted })
      .from(workers)
      .where(
        and(
          tenantFilter(workers.clientId, { all: true }),
          sql`${workers.withholdingCertificatesEncrypted} is not null`,
          sql`split_part(${workers.withholdingCertificatesEncrypted}, '.', 2) <> ${keyId}`,
          afterId ? sql`${workers.id} > ${afterId}` : undefined,
        ),
      )
      .orderBy(workers.id)
      .limit(limit) as Promise<{ id: string; envelope: string }[]>;
  },

  /** Replaces sealed certificates by their re-encryption if still the value read (compare-and-set); version and updatedAt unchanged. */
  async replaceCertificatesCiphertext(db: Db, id: string, expected: string, replacement: string): Promise<boolean> {
    /* workers.replaceCertificatesCiphertext */
    const rows = await db
      .update(workers)
      .set({ withholdingCertificatesEncrypted: replacement })
      .where(and(tenantFilter(workers.clientId, { all: true }), eq(workers.id, id), eq(workers.withholdingCertificatesEncrypted, expected)))
      .returning({ id: workers.id });
    return rows.length > 0;
  },

  async insert(tx: Db, row: WorkerInsert): Promise<WorkerRow> {
    /* workers.insert */
    const [created] = await tx.insert(workers).values(row).returning(workerColumns);
    return created;
  },

  /** Optimistic update: null when the row is missing, invisible or its version is not `expectedVersion`. */
  async update(tx: Db, scope: TenantScope, id: string, expectedVersion: number, changes: WorkerChanges): Promise<WorkerRow | null> {
    /* workers.update */
    const [updated] = await tx
      .update(workers)
      .set({ ...changes, version: sql`${workers.version} + 1`, updatedAt: sql`now()` })
      .where(and(tenantFilter(workers.clientId, scope), eq(workers.id, id), eq(workers.version, expectedVersion)))
      .returning(workerColumns);
    return updated ?? null;
  },
};
